"""The glossary's data model: what the parser finds in a term file, path-independent."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

# `#Index` names the A–Z index of the term's language, never a term.
INDEX = "Index"
# The translation status page, generated in every language beside the index.
STATUS_PAGE = "Translation-Status"
# Pages the site generates in every language; a term of the same name would hide one.
GENERATED_PAGES = (INDEX, STATUS_PAGE)


class Severity(IntEnum):
    """How bad a diagnostic is; higher is worse."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.strip().upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Link:
    """A `[label](#Anchor)` link: in a term's text, or anywhere else in a file."""

    anchor: str
    label: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class SeeAlso:
    """One `[Label](#Anchor) |` line of a see-also section."""

    anchor: str
    label: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Section:
    """A `###` section of a term; `kind` is its first known class or `section`."""

    kind: str
    title: str
    line: int
    empty: bool


@dataclass(frozen=True, slots=True)
class ExampleRef:
    """An example file embedded with `--8<-- "path"`."""

    path: str
    line: int


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A fenced code block: where its fences stand, its info string and its content."""

    line: int  # the opening fence
    column: int
    info: str  # what follows the opening fence, e.g. `python timeout="120"`
    source: str
    end_line: int  # the closing fence, or the file's last line when it is never closed

    @property
    def first_line(self) -> int:
        """The line of the block's first line of code."""
        return self.line + 1


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem the parser saw in the text itself, before any cross-file check."""

    code: str
    line: int
    column: int
    message: str


@dataclass(frozen=True, slots=True)
class Term:
    """One `.term` heading and everything up to the next one."""

    anchor: str
    title: str
    line: int
    column: int
    taglines: tuple[str, ...] = ()
    definition: str = ""
    definition_line: int = 0
    sections: tuple[Section, ...] = ()
    seealso: tuple[SeeAlso, ...] = ()
    links: tuple[Link, ...] = ()
    examples: tuple[ExampleRef, ...] = ()
    level: int = 2  # of its heading: 2 in FORMAT.md, 1 in a concatenated edition
    section_level: int = 3  # of its `.explanation`, `.seealso` ... sections

    @property
    def references(self) -> tuple[Link | SeeAlso, ...]:
        """Every `#Anchor` link of the term: in its text, then in its see-also list."""
        return (*self.links, *self.seealso)


@dataclass(frozen=True, slots=True)
class Document:
    """The parse of one file: its terms (usually one) and what was wrong with the text."""

    terms: tuple[Term, ...] = ()
    findings: tuple[Finding, ...] = ()
    # Line of the first content that is neither blank nor a comment, 0 for an empty file.
    first_content_line: int = 0
    code_blocks: tuple[CodeBlock, ...] = ()
    # Links outside every term: before the first term heading, or in a file without one.
    links: tuple[Link, ...] = ()
    # Ids of the file's headings that are not terms (`## A {#a .index}`): link targets
    # within this file only.
    anchors: tuple[str, ...] = ()
    line_count: int = 0


@dataclass(frozen=True, slots=True)
class TermFile:
    """A parsed file placed in the glossary: where it is and which language it belongs to."""

    path: str
    lang: str
    document: Document

    @property
    def stem(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name[:-3] if name.endswith(".md") else name


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """A reported problem: `path:line:col: CODE message (hint)`."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    hint: str = field(compare=False, default="")

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "hint": self.hint,
        }
