"""MkDocs adapter for a site in several languages: one build, one folder per language.

The default language is served from the site root, every other one from `/<lang>/`. Each
page gets the navigation, Material translations, search index and sitemap of its own
language, and a language selector that leads to its twin.
"""

from __future__ import annotations

import gzip
import json
import posixpath
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from glossary.core.model import INDEX
from glossary.core.strings import strings

from .alternates import hreflang, language_root, selector, sitemap_xml, split_path
from .search import split_search_index


class LanguageSite:
    """Which page is which language's, where its twins are, and what each language gets."""

    def __init__(self, languages: Sequence[str], default: str) -> None:
        self.languages = list(languages)
        self.default = default
        self.twins: dict[str, dict[str, File]] = {}  # path inside a language -> lang -> file
        self.navs: dict[str, Navigation] = {}

    def lang_of(self, file: File) -> str | None:
        found = split_path(file.src_uri, self.languages)
        return found[0] if found else None

    def collect(self, files: Files) -> None:
        """Group every page with its twins (same path under each language's folder)."""
        self.twins = {}
        for file in files.documentation_pages():
            found = split_path(file.src_uri, self.languages)
            if found:
                self.twins.setdefault(found[1], {})[found[0]] = file

    def versions(self, file: File) -> dict[str, File]:
        found = split_path(file.src_uri, self.languages)
        return self.twins.get(found[1], {}) if found else {}

    def split_nav(self, nav: Navigation, hidden: set[str]) -> None:
        """One navigation per language: its own pages, without those in `hidden` (terms).

        Terms are reached through the A–Z index, links and search; a sidebar that listed
        them all would repeat the whole glossary in every page.
        """
        self.navs = {}
        for page in nav.pages:
            if page.file.src_uri in hidden:
                page.parent = page.previous_page = page.next_page = None
        for lang in self.languages:
            items = _only(nav.items, lambda page, lang=lang: (
                self.lang_of(page.file) == lang and page.file.src_uri not in hidden))
            while len(items) == 1 and isinstance(items[0], Section):
                items = items[0].children  # the language's folder itself is no section
            for item in items:
                item.parent = None
            pages = [page for page in nav.pages if page.file.src_uri not in hidden
                     and self.lang_of(page.file) == lang]
            language_nav = Navigation(items, pages)
            language_nav.homepage = next((page for page in pages if page.file.src_uri
                                          == f"{lang}/index.md"), language_nav.homepage)
            bookended = [None, *pages, None]
            for n, page in enumerate(pages):
                page.previous_page, page.next_page = bookended[n], bookended[n + 2]
            self.navs[lang] = language_nav

    def page_context(self, page: Page, config: MkDocsConfig) -> dict[str, Any]:
        """Template variables of a page: language, selector, hreflang, navigation, base."""
        lang = self.lang_of(page.file) or self.default
        versions = self.versions(page.file)
        index_urls = {}
        for other in self.languages:
            index = self.twins.get(f"{INDEX}.md", {}).get(other)
            if index is not None:
                index_urls[other] = index.url_relative_to(page.file)
        context: dict[str, Any] = {
            "glossary_lang": lang,
            "glossary_alternates": selector(
                lang, {other: file.url_relative_to(page.file) for other, file in versions.items()},
                index_urls, self.languages),
            "glossary_hreflang": hreflang(
                {other: absolute_url(config, file) for other, file in versions.items()},
                self.default) if config.site_url else [],
            # Material looks for the search index and sitemap under `base`: the language's.
            "base_url": get_relative_url(language_root(lang, self.default) or ".", page.url),
        }
        if lang in self.navs:
            context["nav"] = self.navs[lang]
        return context

    def not_found(self, config: MkDocsConfig) -> list[dict[str, str]]:
        """The 404 page's text in each language, with links that work from any depth."""
        base = posixpath.join("/", _site_path(config), "")
        texts = []
        for lang in self.languages:
            root = base + language_root(lang, self.default)
            words = strings(lang).not_found
            texts.append({"lang": lang, "root": root, "home": root, "index": f"{root}{INDEX}/",
                          "title": words.title, "body": words.body, "home_label": words.home,
                          "index_label": words.index})
        return texts

    def write_search_indexes(self, site_dir: Path) -> None:
        """Material wrote one index of every page; each language gets its own instead."""
        path = site_dir / "search" / "search_index.json"
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        for lang, data in split_search_index(index, self.languages, self.default).items():
            target = site_dir / language_root(lang, self.default) / "search" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                              encoding="utf-8")

    def write_sitemaps(self, config: MkDocsConfig, files: Files) -> None:
        """A sitemap per language folder, each page with the hreflang of its versions.

        Material's instant navigation and previews treat what the sitemap of the page's
        language lists as internal, so a change of language is a full page load, which
        also brings the other language's `<html lang>` and search.
        """
        if not config.site_url:
            return
        pages: dict[str, list[tuple[str, dict[str, str]]]] = {lang: [] for lang in
                                                              self.languages}
        for file in files.documentation_pages():
            lang = self.lang_of(file)
            if lang is None or not file.page or file.page.is_link:
                continue
            versions = {other: absolute_url(config, twin)
                        for other, twin in self.versions(file).items()}
            pages[lang].append((absolute_url(config, file), versions))
        for lang, entries in pages.items():
            folder = Path(config.site_dir) / language_root(lang, self.default)
            folder.mkdir(parents=True, exist_ok=True)
            xml = sitemap_xml(entries, self.default).encode("utf-8")
            (folder / "sitemap.xml").write_bytes(xml)
            (folder / "sitemap.xml.gz").write_bytes(gzip.compress(xml, mtime=0))


def serve_default_language_at_root(files: Files, default: str) -> None:
    """`de/Momentum.md` is served at `Momentum/`: the default language owns the site root."""
    prefix = f"{default}/"
    for file in files:
        if file.src_uri.startswith(prefix) and file.dest_uri.startswith(prefix):
            file.dest_uri = file.dest_uri[len(prefix):]
            # MkDocs derives both from dest_uri when first asked; mkdocs-jupyter has asked
            # already for its notebooks, so what it found is dropped to be derived anew.
            for derived in ("url", "abs_dest_path"):
                file.__dict__.pop(derived, None)


def _only(items: list[StructureItem], keep: Any) -> list[StructureItem]:
    """A copy of the navigation tree with the pages `keep` accepts; empty sections dropped."""
    kept: list[StructureItem] = []
    for item in items:
        if isinstance(item, Section):
            children = _only(item.children, keep)
            if children:
                section = Section(item.title, children)
                for child in children:
                    child.parent = section
                kept.append(section)
        elif isinstance(item, Page):
            if keep(item):
                kept.append(item)
        else:
            kept.append(item)  # a link: it belongs to every language
    return kept


def _site_path(config: MkDocsConfig) -> str:
    return urlsplit(config.site_url or "/").path.strip("/")


def absolute_url(config: MkDocsConfig, file: File) -> str:
    """The page's address under `site_url` (`/` when there is none)."""
    url = "" if file.url in (".", "./") else file.url
    return (config.site_url or "/").rstrip("/") + "/" + url
