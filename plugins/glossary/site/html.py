"""Rewrites of a term page's rendered HTML, and the pieces of HTML the plugin adds to pages.

The rewrites work on the HTML that Python-Markdown made from a term file, whose shape
the parser has already checked, so plain patterns on its tags are enough. Every text put
into a piece is escaped.
"""

from __future__ import annotations

import re
from html import escape

from glossary.core.strings import strings

_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b([^>]*)")
_TERM_CLASS = re.compile(r'\bclass="[^"]*\bterm\b')
_SEEALSO = re.compile(r'(<h[1-6][^>]*\bclass="[^"]*\bseealso\b[^"]*"[^>]*>.*?</h[1-6]>\s*)'
                      r"<p>(.*?)</p>", re.DOTALL)
_LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.DOTALL)
_INDEX_LINK = re.compile(r'href="[^"]*\bIndex/?"')


def promote_headings(html: str, section_level: int = 3, several: bool = False) -> str:
    """The headings of a term page, whatever levels its file wrote them at.

    A file of one term: its term heading (class `term`) becomes the page's `<h1>`, its
    sections, at `section_level`, `<h2>`, deeper headings follow them. A file of
    `several` terms (a concatenated edition) keeps the page's own title as its `<h1>`:
    each term becomes an `<h2>`, its sections `<h3>`, and every other heading one level
    above the sections at most, an `<h2>` (an introduction) or below.
    """
    shift = section_level - (3 if several else 2)
    level = 0  # of the heading open now

    def replace(match: re.Match[str]) -> str:
        nonlocal level
        closing, old, attributes = match[1], int(match[2]), match[3]
        if not closing:
            if _TERM_CLASS.search(attributes):
                level = 2 if several else 1
            else:
                level = max(2, min(6, old - shift))
        return f"<{closing}h{level or old}{attributes}"

    return _HEADING_TAG.sub(replace, html)


def seealso_list(html: str) -> str:
    """The see-also paragraph `[A](#A) | [B](#B) | [Index](#Index) |` as a list of terms.

    The link to the A–Z index, which the format puts last, is left out: every page has it
    in the navigation.
    """
    def replace(match: re.Match[str]) -> str:
        links = [link for link in _LINK.findall(match[2]) if not _INDEX_LINK.search(link)]
        if not links:
            return match[1]
        items = "\n".join(f"<li>{link}</li>" for link in links)
        return f'{match[1]}<ul class="glossary-seealso">\n{items}\n</ul>'

    return _SEEALSO.sub(replace, html)


def insert_after_title(html: str, snippet: str) -> str:
    """`snippet` right after the first `</h1>`, or at the start if there is none."""
    end = html.find("</h1>")
    if end < 0:
        return snippet + html
    end += len("</h1>")
    return html[:end] + "\n" + snippet + html[end:]


def twin_line(lang: str, twins: list[tuple[str, str, str]]) -> str:
    """`Englisch: Overfitting` under a German term's title, from (lang, url, title) of each twin."""
    words = strings(lang)
    parts = [f'{escape(words.name_of(other))}: <a href="{escape(url)}" hreflang="{other}" '
             f'lang="{other}">{escape(title)}</a>' for other, url, title in twins]
    return f'<p class="glossary-twin">{" · ".join(parts)}</p>\n' if parts else ""


def backlinks_section(lang: str, links: list[tuple[str, str]]) -> str:
    """The "Referenced by" list of a term, from (url, title) of each term linking to it."""
    if not links:
        return ""
    words = strings(lang).site
    items = [f'<li><a href="{escape(url)}" data-preview>{escape(title)}</a></li>'
             for url, title in links]
    return (f'<section class="glossary-backlinks" data-search-exclude>\n'
            f'<h2 id="{words.referenced_by_id}">{escape(words.referenced_by)}</h2>\n<ul>\n'
            + "\n".join(items) + "\n</ul>\n</section>\n")


def download_button(name: str, lang: str) -> str:
    """A button to the executed .ipynb `name`, which mkdocs-jupyter copies beside the page."""
    label = strings(lang).site.download_notebook
    return (f'<p class="glossary-download"><a class="md-button" href="{escape(name)}" '
            f'download>{escape(label)}</a></p>\n')
