"""The rendered HTML of term pages and walkthroughs: term links resolved, and what is added.

On a term page every `#Anchor` link leads to the page of that term in the same
language and shows its definition as a preview; the term heading becomes the page's
title, the see-also paragraph a list, the twins' titles stand under the title, and a
"Referenced by" list ends the page.
"""

from __future__ import annotations

import posixpath

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from glossary.core.links import resolve_links
from glossary.core.model import TermFile

from .html import (
    backlinks_section,
    download_button,
    insert_after_title,
    promote_headings,
    seealso_list,
    twin_line,
)
from .languages import LanguageSite
from .terms import Glossary


def term_page(html: str, term_file: TermFile, page: Page, files: Files, glossary: Glossary,
              site: LanguageSite) -> str:
    """A term page's HTML with its links resolved, its headings, see-also and twin line."""
    url = glossary.resolver(term_file.lang, page, files)
    document = term_file.document
    # Links into this page stay: its terms, and its other headings' ids (`{#a .index}`).
    own = {t.anchor for t in document.terms} | set(document.anchors)
    # `data-preview`: Material shows the linked term's definition on hover and focus.
    html, resolved = resolve_links(
        html, lambda anchor: None if anchor in own else url(anchor), " data-preview")
    # MkDocs saw `#Anchor` as a link into this page; it no longer is one.
    links_here = (page.links_to_anchors or {}).get(page.file, {})
    for anchor in resolved:
        links_here.pop(anchor, None)
    twins = []
    for lang, file in sorted(site.versions(page.file).items()):
        twin = glossary.terms.get(file.src_uri)
        if lang != term_file.lang and twin is not None and twin.document.terms:
            twins.append((lang, file.url_relative_to(page.file), twin.document.terms[0].title))
    if not document.terms:  # a page of the folder that is no term: its headings as written
        return html
    html = seealso_list(promote_headings(html, document.terms[0].section_level,
                                         len(document.terms) > 1))
    return insert_after_title(html, twin_line(term_file.lang, twins))


def walkthrough_page(html: str, page: Page, files: Files, glossary: Glossary) -> str:
    """A walkthrough's HTML: a download button, and `[text](#Anchor)` leading to terms."""
    lang = page.file.src_uri.split("/")[0]
    url = glossary.resolver(lang, page, files)
    name = posixpath.basename(page.file.src_uri)
    return download_button(name, lang) + resolve_links(html, url)[0]


def backlinks(term_file: TermFile, page: Page, files: Files, glossary: Glossary) -> str:
    """The "Referenced by" list of each term of the page, with the pages that link to it."""
    lang = term_file.lang
    url = glossary.resolver(lang, page, files)
    sections = []
    for term in term_file.document.terms:
        links = [(href, source.title)
                 for _, source in glossary.inbound.get((lang, term.anchor), [])
                 for href in [url(source.anchor)] if href]
        sections.append(backlinks_section(lang, links))
    return "".join(sections)
