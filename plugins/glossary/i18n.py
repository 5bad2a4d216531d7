"""Languages of the site: twins, the language selector, hreflang, sitemaps, search indexes.

Pure functions over paths and URLs; the MkDocs adapter feeds them the built site's pages.
A page's *twin* is the page with the same path in another language's folder
(`de/Momentum.md` and `en/Momentum.md`); the default language is served from the site
root, every other one from `/<lang>/`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from .wordforms import german_forms, title_words

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
# Shown in the selector (in the target language) when a page has no twin in it.
NO_TWIN = {"de": "Noch nicht übersetzt: zum deutschen Index",
           "en": "Not translated yet: go to the English index"}
# "<other language>: <twin title>" under a term's heading, keyed (page language, other)
TWIN_LABELS = {("de", "en"): "Englisch", ("en", "de"): "German"}
SITE_NAMES = {"de": "Glossar des ML-Trainings", "en": "Glossary of ML Training"}
NOT_FOUND = {
    "de": {"title": "Seite nicht gefunden",
           "body": "Unter dieser Adresse gibt es keine Seite. Vielleicht wurde der Begriff "
                   "umbenannt; im Index stehen alle Begriffe von A bis Z.",
           "home_label": "Zur Startseite", "index_label": "Zum Index A–Z"},
    "en": {"title": "Page not found",
           "body": "There is no page at this address. The term may have been renamed; the "
                   "index lists every term from A to Z.",
           "home_label": "Go to the home page", "index_label": "Go to the A–Z index"},
}


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
        name = LANGUAGE_NAMES.get(other, other)
        if other in twins:
            entries.append(Alternate(other, name, twins[other], current=other == lang))
        elif other in index_urls:
            entries.append(Alternate(other, name, index_urls[other],
                                     note=NO_TWIN.get(other, NO_TWIN["en"])))
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


# Languages whose search index also holds the inflected forms of the words in titles
# (wordforms.py), weighted below the title as written (1000) and above the text (1).
# Forms of every noun in the text would triple the German index (0.9 to 3.0 MB).
WORD_FORMS: dict[str, Callable[[Iterable[str]], str]] = {"de": german_forms}
FORMS_FIELDS = {"title_forms": {"boost": 100.0}}


def split_search_index(index: Mapping[str, Any], languages: Sequence[str],
                       default: str) -> dict[str, dict[str, Any]]:
    """One search index per language from Material's index of the whole site.

    Each keeps its language's entries, with locations relative to that language's root
    (the page's `base`), and searches with that language's stemmer only. Entries of a
    language in `WORD_FORMS` get the inflected forms of their title's words.
    """
    roots = {lang: language_root(lang, default) for lang in languages}
    split: dict[str, dict[str, Any]] = {
        lang: {"config": {**index.get("config", {}), "lang": [lang]}, "docs": []}
        for lang in languages}
    for lang, data in split.items():
        if lang in WORD_FORMS:
            data["config"]["fields"] = {**data["config"].get("fields", {}), **FORMS_FIELDS}
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        lang = next((lang for lang in languages
                     if roots[lang] and location.startswith(roots[lang])), default)
        entry = {**doc, "location": location[len(roots[lang]):]}
        if lang in WORD_FORMS:
            entry["title_forms"] = WORD_FORMS[lang](title_words(doc.get("title", "")))
        split[lang]["docs"].append(entry)
    return split


def script_json(data: object) -> str:
    """JSON that is safe inside `<script>`: no `</script>`, `<!--` or `&` can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def defined_term(name: str, description: str, url: str, anchor: str, lang: str,
                 set_name: str, set_url: str) -> str:
    """schema.org `DefinedTerm` JSON-LD, inside the `DefinedTermSet` of its language."""
    return script_json({
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": url,
        "name": name,
        "description": description,
        "termCode": anchor,
        "url": url,
        "inLanguage": lang,
        "inDefinedTermSet": {"@type": "DefinedTermSet", "@id": set_url, "name": set_name,
                             "url": set_url, "inLanguage": lang},
    })
