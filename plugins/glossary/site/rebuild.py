"""`mkdocs serve --dirty`: which pages to rebuild, besides those whose own file changed.

MkDocs rebuilds only pages whose source is newer than their output. A term also shapes
other pages: links to it resolve on the pages that link to it, its title stands in its
twin's language line and in the "Referenced by" list of each term it links to. When a
save changes a term's anchors or titles, or what it links to, those pages are rebuilt
with it; an edit of its text alone rebuilds its page only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping

from mkdocs.structure.files import Files

from glossary.core.model import TermFile

from .terms import Glossary

# What of a term file other pages show: (anchor, title) of each term, anchors it links to.
Shape = tuple[tuple[tuple[str, str], ...], frozenset[str]]


def shape(term_file: TermFile) -> Shape:
    terms = term_file.document.terms
    return (tuple((term.anchor, term.title) for term in terms),
            frozenset(link.anchor for term in terms for link in term.references))


def shapes(terms: Mapping[str, TermFile]) -> dict[str, Shape]:
    """src_uri -> shape of every term file."""
    return {uri: shape(term_file) for uri, term_file in terms.items()}


def pages_to_rebuild(previous: Mapping[str, Shape], current: Mapping[str, Shape],
                     modified: Callable[[str], bool], glossary: Glossary,
                     languages: Iterable[str]) -> set[str]:
    """The src_uris of pages that show something of a changed term and must be rebuilt.

    `previous` and `current` are the shapes of the last build and of this one; `modified`
    says whether MkDocs rebuilds a term page anyway (changed, added or removed), and is
    asked only of pages whose shape changed. `glossary` is this build's: who links to
    what, and which page holds which anchor.
    """
    uri_of = {term_file.path: uri for uri, term_file in glossary.terms.items()}
    stale: set[str] = set()
    for uri in sorted(set(current) | set(previous)):
        new, old = current.get(uri), previous.get(uri)
        if new == old or not modified(uri):
            continue
        lang, name = uri.split("/", 1)
        old_names, old_links = old or ((), frozenset())
        new_names, new_links = new or ((), frozenset())
        links = old_links ^ new_links
        if old_names != new_names:
            stale.update(f"{other}/{name}" for other in languages)  # the twins' language line
            for anchor, _ in {*old_names, *new_names}:
                stale.update(uri_of[source.path]
                             for source, _ in glossary.inbound.get((lang, anchor), []))
            links = old_links | new_links  # their "Referenced by" shows the new title
        targets = glossary.targets.get(lang, {})
        stale.update(targets[anchor][0] for anchor in links if anchor in targets)
    return stale


def mark_for_rebuild(files: Files, uris: Iterable[str]) -> None:
    """Have MkDocs rebuild these pages, by its own rule: their output is older than their source."""
    for uri in uris:
        file = files.get_file_from_path(uri)
        if file is not None and os.path.isfile(file.abs_dest_path):
            os.utime(file.abs_dest_path, (0, 0))
