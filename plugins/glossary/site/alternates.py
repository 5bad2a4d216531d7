"""Versions of a page in other languages: the language selector, hreflang links, sitemaps.

Pure functions over paths and URLs; the MkDocs adapter feeds them the built site's pages.
A page's *twin* is the page with the same path in another language's folder
(`de/Momentum.md` and `en/Momentum.md`); the default language is served from the site
root, every other one from `/<lang>/`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from glossary.core.strings import endonym, strings

def split_path(src_uri: str, languages: Sequence[str]) -> tuple[str, str] | None:
    """`en/walkthroughs/x.ipynb` -> (`en`, `walkthroughs/x.ipynb`); None outside a language."""
    lang, _, rest = src_uri.partition("/")
    return (lang, rest) if rest and lang in languages else None


def language_root(lang: str, default: str) -> str:
    """The URL folder of a language, relative to the site root: `` or `en/`."""
    return "" if lang == default else f"{lang}/"


@dataclass(frozen=True)
class Alternate:
    """One entry of the language selector."""

    lang: str
    name: str
    href: str
    current: bool = False
    note: str = ""  # says that there is no twin, and where the link leads instead


def selector(lang: str, twins: Mapping[str, str], index_urls: Mapping[str, str],
             languages: Sequence[str]) -> list[Alternate]:
    """The selector of a page in `lang`: its twins, else each language's index.

    `twins` maps each language that has this page to its URL, `index_urls` each language
    to its A–Z index (both relative to the page).
    """
    entries = []
    for other in languages:
        name = endonym(other)
        if other in twins:
            entries.append(Alternate(other, name, twins[other], current=other == lang))
        elif other in index_urls:
            entries.append(Alternate(other, name, index_urls[other],
                                     note=strings(other).site.not_translated))
    return entries


def hreflang(twins: Mapping[str, str], default: str) -> list[dict[str, str]]:
    """hreflang links (absolute URLs) for every version of a page, and `x-default`."""
    links = [{"lang": lang, "href": url} for lang, url in sorted(twins.items())]
    if default in twins and len(twins) > 1:
        links.append({"lang": "x-default", "href": twins[default]})
    return links if len(twins) > 1 else []


def sitemap_xml(pages: Iterable[tuple[str, Mapping[str, str]]], default: str) -> str:
    """A sitemap of the given pages: each `(url, {lang: url of each version})`.

    Versions become `xhtml:link rel="alternate"` entries, as search engines read them.
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for url, versions in pages:
        lines += ["  <url>", f"    <loc>{escape(url)}</loc>"]
        lines += [f'    <xhtml:link rel="alternate" hreflang={quoteattr(link["lang"])} '
                  f'href={quoteattr(link["href"])}/>' for link in hreflang(versions, default)]
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


