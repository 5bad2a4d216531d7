"""`glossary new`: a German and an English term file from a template, never overwriting.

The template follows FORMAT.md. What only the author can write is a visible placeholder
starting with `TODO(glossary):`, which `glossary check` reports (S015) until it is
replaced; apart from that the fresh pair passes the check. The only other thing said
about it is the info-level G001 (no term links to it yet), which is not shown by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cache import ParseCache
from .discover import Source, display_path
from .load import read_sources
from .model import INDEX
from .parser import ANCHOR_RE, decode
from .status import STATUS_PAGE

MARKER = "TODO(glossary):"
LANGUAGES = ("de", "en")
# Pages the site generates in every language; a term with their name would hide them.
RESERVED = (INDEX, STATUS_PAGE)


@dataclass(frozen=True, slots=True)
class Wording:
    """The template's words in one language."""

    definition: str
    sections: tuple[tuple[str, str], ...]  # (heading, placeholder) of each explanation
    seealso: str
    seealso_hint: str


WORDING = {
    "de": Wording(
        definition="Was ist der Begriff? Ein bis drei Sätze; sie erscheinen in der Vorschau, "
                   "im Index und in der Suche.",
        sections=(
            ("Funktionsweise", "Die Idee, die Formel, ein kleines Beispiel."),
            ("In der Praxis", "Übliche Werte, die Einstellung in PyTorch, wann man es einsetzt."),
            ("Stolperfallen", "Häufige Fehler und woran man sie erkennt."),
        ),
        seealso="Siehe auch",
        seealso_hint="Mindestens vier verwandte Begriffe eintragen, je Zeile "
                     "`[Titel](#Anker) |`, nach Titel sortiert, über der Index-Zeile; "
                     "dann diesen Kommentar löschen.",
    ),
    "en": Wording(
        definition="What is it? One to three sentences; they appear in previews, the index "
                   "and search results.",
        sections=(
            ("How it works", "The idea, the formula, a small example."),
            ("In practice", "Typical values, the setting in PyTorch, when to use it."),
            ("Pitfalls", "Common mistakes and how to recognise them."),
        ),
        seealso="See also",
        seealso_hint="Add at least four related terms, one `[Title](#Anchor) |` per line, "
                     "sorted by title, above the Index line; then delete this comment.",
    ),
}


class ScaffoldError(Exception):
    """A term that cannot be written as asked; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A template placeholder still in a file: where it is and the text it says."""

    line: int
    column: int
    text: str


def render_term(anchor: str, title: str, lang: str) -> str:
    """The text of a new term file in `lang`."""
    words = WORDING[lang]
    parts = [f"## {title} {{#{anchor} .chapter .small .term}}",
             f"**{title}** {MARKER} {words.definition}"]
    for heading, placeholder in words.sections:
        parts.append(f"### {heading} {{.explanation}}\n\n{MARKER} {placeholder}")
    parts += [f"### {words.seealso} {{.seealso}}",
              f"<!-- {MARKER} {words.seealso_hint} -->",
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
    """Check the anchor and titles, then write the twins; paths in messages are from `cwd`."""
    check_anchor(anchor)
    titles = {lang: check_title(titles.get(lang, ""), lang) for lang in LANGUAGES}
    used = taken_in(content, cwd, cache).get(anchor.casefold())
    if used is not None:
        spelled = "" if used.name == anchor else \
            f" as `{used.name}` (names that differ only in case collide)"
        raise ScaffoldError(f"{used.where}: `{anchor}` is taken{spelled}; choose another "
                            "anchor, or edit that term")
    return write_pair(content, anchor, titles)


def check_anchor(anchor: str) -> None:
    if not ANCHOR_RE.fullmatch(anchor):
        raise ScaffoldError(f"anchor `{anchor}` has characters other than ASCII letters, "
                            "digits, `-`, `.` and `_`; write it like `Learning-Rate`")
    for reserved in RESERVED:
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


def taken_in(content: Path, cwd: Path, cache: ParseCache) -> dict[str, Taken]:
    """Case-folded names and anchors in use in the language folders, and where.

    File and folder names count (on a file system that folds case `Adam.md` and `adam.md`
    are one file, and a folder `about/` is a page path), and so does every anchor a term
    file declares, whatever its file is called.
    """
    taken: dict[str, Taken] = {}
    sources = []
    for lang in LANGUAGES:
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


def write_pair(content: Path, anchor: str, titles: dict[str, str]) -> list[Path]:
    """Create `<content>/<lang>/<anchor>.md` for each language; never replace a file."""
    written: list[Path] = []
    try:
        for lang in LANGUAGES:
            path = content / lang / f"{anchor}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as out:
                written.append(path)
                out.write(render_term(anchor, titles[lang], lang))
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


def placeholders(data: bytes) -> list[Placeholder]:
    """Every template placeholder in a file's bytes, with its line and column."""
    if MARKER.encode() not in data:
        return []
    text, _ = decode(data)
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        before, *pieces = line.split(MARKER)
        column = len(before) + 1
        for piece in pieces:  # each placeholder says what follows it, up to the next one
            said = (MARKER + piece).strip().removesuffix("-->").strip()
            found.append(Placeholder(number, column, _shorten(said)))
            column += len(MARKER) + len(piece)
    return found


def _shorten(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
