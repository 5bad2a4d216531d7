"""Cross-links between terms: rewriting `#Anchor` links to pages, and backlinks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import accumulate

from .collation import sort_key
from .model import Link, SeeAlso, Term, TermFile
from .validate import INDEX


def rewrite_links(markdown: str, links: Iterable[Link | SeeAlso], line_offset: int,
                  target: Callable[[str], str | None]) -> str:
    """Replace `(#Anchor` with `(<target>` at each link's recorded position.

    `line_offset` is how many source lines precede `markdown` (front matter that the site
    engine stripped). Links whose target is None, or that are not where the parse saw
    them, are left alone.
    """
    starts = [0, *accumulate(len(line) + 1 for line in markdown.split("\n"))]
    edits = []
    for link in links:
        line = link.line - 1 - line_offset
        if not 0 <= line < len(starts):
            continue
        new = target(link.anchor)
        if new is None:
            continue
        needle = f"](#{link.anchor}"
        at = markdown.find(needle, starts[line] + link.column - 1)
        if at < 0:
            continue
        edits.append((at + 2, at + len(needle), new))
    for start, end, new in sorted(edits, reverse=True):
        markdown = markdown[:start] + new + markdown[end:]
    return markdown


def backlinks(files: Iterable[TermFile]) -> dict[tuple[str, str], list[tuple[TermFile, Term]]]:
    """(lang, anchor) -> the other terms of that language that link to it, sorted by title."""
    found: dict[tuple[str, str], dict[str, tuple[TermFile, Term]]] = defaultdict(dict)
    for file in files:
        for term in file.document.terms:
            for link in term.references:
                if link.anchor not in (term.anchor, INDEX):
                    found[(file.lang, link.anchor)].setdefault(term.anchor, (file, term))
    return {key: sorted(sources.values(), key=lambda ft: sort_key(ft[1].title))
            for key, sources in found.items()}
