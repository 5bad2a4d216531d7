"""`glossary new`: a term file in every configured language from a template, never overwriting.

The template follows FORMAT.md, in the words of each language's file
(`languages/<lang>.toml`). What only the author can write is a visible placeholder
starting with `TODO(glossary):`, which `glossary check` reports (S015) until it is
replaced; apart from that the fresh twins pass the check. The only other thing said
about them is the info-level G001 (no term links to it yet), which is not shown by default.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from glossary.core.discover import Source, display_path
from glossary.core.load import read_sources
from glossary.core.model import GENERATED_PAGES, INDEX
from glossary.core.parse_cache import ParseCache
from glossary.core.parser import PLACEHOLDER, anchor_problem
from glossary.core.settings import Project
from glossary.core.strings import strings


class ScaffoldError(Exception):
    """A term that cannot be written as asked; the message says why and what to do."""


def render_term(anchor: str, title: str, lang: str) -> str:
    """The text of a new term file in `lang`."""
    words = strings(lang).new_term
    parts = [f"## {title} {{#{anchor} .chapter .small .term}}",
             f"**{title}** {PLACEHOLDER} {words.definition}"]
    for section in words.sections:
        parts.append(f"### {section.title} {{.explanation}}\n\n{PLACEHOLDER} "
                     f"{section.placeholder}")
    parts += [f"### {words.seealso} {{.seealso}}",
              f"<!-- {PLACEHOLDER} {words.seealso_hint} -->",
              f"[{INDEX}](#{INDEX}) |",
              "----"]
    return "\n\n".join(parts) + "\n"


@dataclass(frozen=True, slots=True)
class Taken:
    """A name in use: where (`path` or `path:line`) and as what it is spelled there."""

    where: str
    name: str


def new_term(content: Path, anchor: str, titles: dict[str, str], cwd: Path,
             cache: ParseCache) -> list[Path]:
    """Check the anchor and titles, then write the twins; paths in messages are from `cwd`.

    `titles` has a title for every language to write, in the order to write them.
    """
    check_anchor(anchor)
    titles = {lang: check_title(title, lang) for lang, title in titles.items()}
    used = taken_in(content, tuple(titles), cwd, cache).get(anchor.casefold())
    if used is not None:
        spelled = "" if used.name == anchor else \
            f" as `{used.name}` (names that differ only in case collide)"
        raise ScaffoldError(f"{used.where}: `{anchor}` is taken{spelled}; choose another "
                            "anchor, or edit that term")
    return write_twins(content, anchor, titles)


def check_anchor(anchor: str) -> None:
    problem = anchor_problem(anchor)
    if problem is not None:
        raise ScaffoldError(f"{problem}; write it like `Learning-Rate`")
    for reserved in GENERATED_PAGES:
        if anchor.casefold() == reserved.casefold():
            raise ScaffoldError(f"anchor `{anchor}` is the name of a page the site generates "
                                f"(`{reserved}`); choose another anchor")


def check_title(title: str, lang: str) -> str:
    """The title without surrounding blanks; it must be one line that is not empty."""
    stripped = title.strip()
    if not stripped:
        raise ScaffoldError(f"--title-{lang} is empty; give the term's title in that language")
    if any(c in stripped for c in "\n\r\t"):
        raise ScaffoldError(f"--title-{lang} holds a line break or tab; give the title on "
                            "one line")
    return stripped


def taken_in(content: Path, languages: tuple[str, ...], cwd: Path,
             cache: ParseCache) -> dict[str, Taken]:
    """Case-folded names and anchors in use in the language folders, and where.

    File and folder names count (on a file system that folds case `Adam.md` and `adam.md`
    are one file, and a folder `about/` is a page path), and so does every anchor a term
    file declares, whatever its file is called.
    """
    taken: dict[str, Taken] = {}
    sources = []
    for lang in languages:
        folder = content / lang
        for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
            where = display_path(entry, cwd)
            if entry.is_dir():
                taken.setdefault(entry.name.casefold(), Taken(where, entry.name))
            elif entry.suffix == ".md":
                taken.setdefault(entry.stem.casefold(), Taken(where, entry.stem))
                sources.append(Source(entry, where, lang))
    for file in read_sources(sources, cache):
        for term in file.document.terms:
            taken.setdefault(term.anchor.casefold(), Taken(f"{file.path}:{term.line}",
                                                           term.anchor))
    return taken


def write_twins(content: Path, anchor: str, titles: dict[str, str]) -> list[Path]:
    """Create `<content>/<lang>/<anchor>.md` for each language; never replace a file."""
    written: list[Path] = []
    try:
        for lang, title in titles.items():
            path = content / lang / f"{anchor}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as out:
                written.append(path)
                out.write(render_term(anchor, title, lang))
    except FileExistsError as exc:
        _remove(written)
        raise ScaffoldError(f"{exc.filename}: already exists; nothing was written") from None
    except OSError as exc:
        _remove(written)
        raise ScaffoldError(f"{exc.filename}: cannot write: {exc.strerror}; "
                            "nothing was written") from None
    return written


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def new_command(args: argparse.Namespace, project: Project, content: Path,
                cache: ParseCache) -> int:
    """Write the twins of a new term; every refusal is a usage error and writes nothing."""
    cwd = Path.cwd()
    titles = {lang: getattr(args, f"title_{lang.replace('-', '_')}")
              for lang in project.settings.languages}
    written = [display_path(p, cwd) for p in new_term(content, args.anchor, titles, cwd, cache)]
    for path in written:
        print(f"wrote {path}")
    lists = "both see-also lists" if len(written) == 2 else "every see-also list"
    print(f"\nNext: replace every `{PLACEHOLDER}` placeholder and add related terms to {lists}, "
          f"then\n  glossary check {' '.join(written)}\n  make serve")
    return 0
