"""Cross-links between terms: resolving `#Anchor` links to pages, and backlinks."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from .collation import sort_key
from .model import INDEX, Term, TermFile

# (lang, anchor) -> the other terms of that language that link to it
Backlinks = dict[tuple[str, str], list[tuple[TermFile, Term]]]

_HREF_RE = re.compile(r'href="#([A-Za-z0-9._-]+)"')


def resolve_links(html: str, url: Callable[[str], str | None],
                  attributes: str = "") -> tuple[str, set[str]]:
    """Point every `href="#Anchor"` whose `url(anchor)` is known at that page.

    `attributes` (e.g. ` data-preview`) are added to each link that was pointed elsewhere.
    Works on the rendered page, so code blocks (which hold no `href`) are left alone and
    the site engine converts exactly the Markdown it would convert without the glossary.
    Returns the new HTML and the anchors it resolved.
    """
    from html import escape  # here: only the site resolves links

    resolved: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        target = url(match[1])
        if target is None:
            return match[0]
        resolved.add(match[1])
        return f'href="{escape(target)}"{attributes}'

    return _HREF_RE.sub(replace, html), resolved


def backlinks(files: Iterable[TermFile]) -> Backlinks:
    """(lang, anchor) -> the other terms of that language that link to it, sorted by title."""
    found: dict[tuple[str, str], dict[str, tuple[TermFile, Term]]] = defaultdict(dict)
    for file in files:
        for term in file.document.terms:
            for link in term.references:
                if link.anchor not in (term.anchor, INDEX):
                    found[(file.lang, link.anchor)].setdefault(term.anchor, (file, term))
    return {key: sorted(sources.values(), key=lambda ft: sort_key(ft[1].title))
            for key, sources in found.items()}


def linked(files: Iterable[TermFile]) -> set[tuple[str, str]]:
    """(lang, anchor) of every term another term of that language links to: the keys of
    `backlinks(files)`, without sorting its lists."""
    return {(file.lang, link.anchor)
            for file in files for term in file.document.terms for link in term.references
            if link.anchor not in (term.anchor, INDEX)}
