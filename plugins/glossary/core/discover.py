"""Find the term files behind the paths a user names, and the language of each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .settings import Settings


class UsageError(Exception):
    """A path or option the user gave cannot be used."""


@dataclass(frozen=True, slots=True)
class Source:
    path: Path
    display: str  # how diagnostics name the file: relative to the working directory if inside
    lang: str  # "" when neither the folder nor --lang says


def display_path(path: Path, cwd: Path) -> str:
    absolute = path if path.is_absolute() else cwd / path
    try:
        return absolute.relative_to(cwd).as_posix()
    except ValueError:
        return absolute.as_posix()


def _term_files(folder: Path, settings: Settings, root: Path) -> list[Path]:
    try:
        entries = sorted(p for p in folder.iterdir() if p.suffix == ".md" and p.is_file())
    except OSError as exc:
        raise UsageError(f"{folder}: cannot list folder: {exc.strerror}") from None
    return [
        p for p in entries
        if not settings.excludes(p.name) and not settings.excludes(p.relative_to(root).as_posix())
    ]


# Folders that never hold content; not searched for language folders.
_SKIP = {"node_modules", "site", "build", "dist", "__pycache__"}
_SEARCH_DEPTH = 3


def _language_folders(root: Path, languages: tuple[str, ...]) -> list[Path]:
    """Folders named like a language at most three levels below `root` (e.g. `src/de`)."""
    found: list[Path] = []
    level = [root]
    for _ in range(_SEARCH_DEPTH):
        below = []
        for folder in level:
            try:
                children = sorted(p for p in folder.iterdir() if p.is_dir())
            except OSError:
                continue
            for child in children:
                if child.name in languages:
                    found.append(child)
                elif not child.name.startswith(".") and child.name not in _SKIP:
                    below.append(child)
        if found:
            return found
        level = below
    return found


def discover(paths: list[Path], settings: Settings, lang: str | None = None,
             cwd: Path | None = None) -> list[Source]:
    """Term files under `paths`: content folders (with de/, en/, found up to three levels
    down), language folders, flat folders or single files; `lang` keeps one language and
    names a flat folder's."""
    cwd = cwd or Path.cwd()
    languages = settings.languages
    if lang is not None and lang not in languages:
        raise UsageError(f"--lang {lang}: not one of the configured languages "
                         f"({', '.join(languages)})")
    found: dict[Path, Source] = {}

    def add(files: list[Path], file_lang: str, folder: Path | None = None) -> None:
        """Add `files`; those listed from a `folder` are resolved through it, once."""
        if lang is not None and file_lang and file_lang != lang:
            return
        real = folder.resolve() if folder is not None else None
        for path in files:
            key = real / path.name if real is not None else path.resolve()
            found.setdefault(key, Source(path, display_path(path, cwd), file_lang or (lang or "")))

    for path in paths:
        if path.is_file():
            parent = path.resolve().parent.name
            add([path], parent if parent in languages else "")
        elif path.is_dir():
            name = path.resolve().name
            lang_dirs = [] if name in languages else _language_folders(path, languages)
            if lang_dirs:
                for folder in lang_dirs:
                    add(_term_files(folder, settings, folder.parent), folder.name, folder)
            else:
                add(_term_files(path, settings, path), name if name in languages else "", path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return sorted(found.values(), key=lambda s: s.display)
