"""`glossary fix`: repair what is mechanical in a term file and change nothing else.

What it repairs: the see-also list is sorted by label (case-insensitive, umlauts folded,
as rule L003 wants), `[Index](#Index) |` is put last or added (L006, L007), every
see-also line ends in exactly ` |` (L008's missing separator, `|` without a space,
blanks after it), CRLF and lone CR line ends become LF, and a UTF-8 byte order mark is
removed. Every other byte of the file stays as it is. A file that is not UTF-8, or in
which the parser finds no term heading, is left untouched and reported.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from glossary.core.atomic import write_atomic
from glossary.core.collation import fold
from glossary.core.discover import Source
from glossary.core.model import INDEX, Document, SeeAlso, Term
from glossary.core.parser import parse_bytes

BOM = b"\xef\xbb\xbf"
INDEX_LINE = f"[{INDEX}](#{INDEX}) |"
# A see-also line as the parser reads it, split into what is kept and what is normalised.
_ENTRY_RE = re.compile(r"^(?P<keep>\s*\[[^\]]+\]\(#[^)\s]*\))\s*\\?\|?\s*$")


class CannotFix(Exception):
    """A file `fix` leaves untouched: the line and what is wrong, with what to do."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class Fix:
    """A file's bytes before and after, and what was changed, in words."""

    before: bytes
    after: bytes
    changes: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return self.before != self.after


def fix_bytes(data: bytes, document: Document) -> Fix:
    """Repair `data`, whose parse is `document`; raises `CannotFix` for non-UTF-8 or no term."""
    changes: list[str] = []
    body = data
    if body.startswith(BOM):
        body = body[len(BOM):]
        changes.append("byte order mark removed")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        raise CannotFix(line, f"invalid UTF-8 byte 0x{body[exc.start]:02x}, file left as it "
                              "is; save it as UTF-8, then run `glossary fix` again") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changes.append("line ends converted to LF")
    if not document.terms:
        raise CannotFix(1, "no term heading (`## Title {#Anchor .term}`), file left as it "
                           "is; add the heading, then run `glossary fix` again")
    lines = text.split("\n")
    # From the last term up, so an added line never moves the lines of a term not yet done.
    for term in reversed(document.terms):
        lines, done = fix_seealso(term, lines)
        changes += [change for change in done if change not in changes]
    return Fix(data, "\n".join(lines).encode("utf-8"), tuple(changes))


def fix_seealso(term: Term, lines: list[str]) -> tuple[list[str], list[str]]:
    """`lines` with the term's see-also sorted and normalised, and what was changed.

    The entries trade places among the lines they stand on; the lines between them
    (comments, blank lines, lines that are no entry) stay where they are.
    """
    sections = [s for s in term.sections if s.kind == "seealso"]
    if len(sections) != 1:
        return lines, []  # none, or several: which list is meant needs a person
    entries = term.seealso
    for entry in entries:
        alone = sum(e.line == entry.line for e in entries) == 1
        if not alone or not _ENTRY_RE.match(lines[entry.line - 1]):
            raise CannotFix(entry.line, f"the see-also list of `{term.anchor}` is not one "
                                        "entry a line (a list Pandoc wrapped?), file left as it "
                                        "is; put each `[Label](#Anchor) |` on its own line, or "
                                        "exclude the file if it is a concatenated edition")
    others = [e for e in entries if e.anchor != INDEX]
    indexes = [e for e in entries if e.anchor == INDEX]
    ordered = sorted(others, key=lambda e: fold(e.label)) + indexes
    fixed = list(lines)
    for place, entry in zip(entries, ordered, strict=True):
        fixed[place.line - 1] = canonical(lines[entry.line - 1])
    if entries and not indexes:
        fixed.insert(entries[-1].line, INDEX_LINE)
    elif not entries:
        fixed[sections[0].line:sections[0].line] = _own_paragraph(INDEX_LINE, lines,
                                                                   sections[0].line)
    return fixed, _describe(entries, ordered, lines)


def _own_paragraph(line: str, lines: list[str], at: int) -> list[str]:
    """`line` with the blank lines it needs to stand alone when put before `lines[at]`."""
    after = [""] if at < len(lines) and lines[at].strip() else []
    return ["", line, *after]


def canonical(line: str) -> str:
    """A see-also line ending in exactly ` |`; anything else is returned as it is."""
    match = _ENTRY_RE.match(line)
    return f"{match['keep']} |" if match else line


def _describe(entries: tuple[SeeAlso, ...], ordered: list[SeeAlso],
              lines: list[str]) -> list[str]:
    changes = []
    others = [e for e in entries if e.anchor != INDEX]
    indexes = [e for e in entries if e.anchor == INDEX]
    if others != ordered[:len(others)]:
        changes.append("see-also sorted")
    if not indexes:
        changes.append(f"`{INDEX_LINE}` added")
    elif list(entries[len(others):]) != indexes:
        changes.append(f"`{INDEX_LINE}` moved last")
    if any(canonical(lines[e.line - 1]) != lines[e.line - 1] for e in entries):
        changes.append("` |` separators normalised")
    return changes


def fix_file(path: Path) -> Fix:
    """Read `path` and repair it, from a parse of the very bytes it rewrites (never from
    the parse cache: positions read from disk are not trusted to rewrite a file)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CannotFix(1, f"cannot read the file ({exc.strerror}); check that it exists "
                           "and is readable") from None
    return fix_bytes(data, parse_bytes(data))


def unified_diff(fix: Fix, name: str) -> str:
    """What `fix` changes, as a unified diff of the file named `name`."""
    before = _lines(fix.before.decode("utf-8"))
    after = _lines(fix.after.decode("utf-8"))
    parts = []
    for line in difflib.unified_diff(before, after, name, name):
        parts.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(parts)


def _lines(text: str) -> list[str]:
    """Lines with their `\\n` (and any `\\r` before it): only `\\n` ends a line here."""
    pieces = [piece + "\n" for piece in text.split("\n")]
    pieces[-1] = pieces[-1][:-1]
    return pieces if pieces[-1] else pieces[:-1]


def fix_paths(sources: list[Source], *, diff: bool) -> int:
    """Fix each file (or, with `diff`, print what would change); the exit status."""
    fixed = problems = 0
    for source in sources:
        try:
            result = fix_file(source.path)
            if result.changed and not diff:
                write_atomic(source.path, result.after)
        except CannotFix as exc:
            print(f"{source.display}:{exc.line}: {exc.message}", file=sys.stderr)
            problems += 1
            continue
        except OSError as exc:
            print(f"{source.display}:1: cannot write the file ({exc.strerror}); check that it "
                  "and its folder are writable", file=sys.stderr)
            problems += 1
            continue
        if result.changed:
            fixed += 1
            _show(source.display, result, diff)
    verb = "would fix" if diff else "fixed"
    left = f", {problems} left as they are (see above)" if problems else ""
    print(f"{len(sources)} term file(s): {fixed} {verb}{left}.", file=sys.stderr)
    return 1 if problems or (diff and fixed) else 0


def _show(display: str, result: Fix, diff: bool) -> None:
    what = ", ".join(result.changes)
    if diff:
        sys.stdout.write(unified_diff(result, display))
        print(f"would fix {display}: {what}", file=sys.stderr)
    else:
        print(f"fixed {display}: {what}")
