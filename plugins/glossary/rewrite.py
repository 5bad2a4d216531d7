"""Rewrites of a term page's rendered HTML: heading levels, see-also list, a line under the title.

They work on the HTML that Python-Markdown made from a term file, whose shape the parser
has already checked, so plain patterns on its tags are enough.
"""

from __future__ import annotations

import re

_HEADING_TAG = re.compile(r"<(/?)h([2-6])\b")
_SEEALSO = re.compile(r'(<h[1-6][^>]*\bclass="[^"]*\bseealso\b[^"]*"[^>]*>.*?</h[1-6]>\s*)'
                      r"<p>(.*?)</p>", re.DOTALL)
_LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.DOTALL)
_INDEX_LINK = re.compile(r'href="[^"]*\bIndex/?"')


def promote_headings(html: str) -> str:
    """`<h2>` becomes `<h1>`, `<h3>` `<h2>` and so on: the term heading is the page title."""
    return _HEADING_TAG.sub(lambda m: f"<{m[1]}h{int(m[2]) - 1}", html)


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

    return _SEEALSO.sub(replace, html, count=1)


def insert_after_title(html: str, snippet: str) -> str:
    """`snippet` right after the first `</h1>`, or at the start if there is none."""
    end = html.find("</h1>")
    if end < 0:
        return snippet + html
    end += len("</h1>")
    return html[:end] + "\n" + snippet + html[end:]
