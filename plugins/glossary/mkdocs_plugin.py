"""MkDocs adapter: maps MkDocs events onto the glossary core.

`on_files` reads every term file (through the parse cache), validates the whole
glossary, logs its diagnostics and adds the generated A–Z index pages. Every term is
known before the first page renders, so `on_page_content` only points each rendered
`#Anchor` link at its page and appends backlinks: nothing depends on page order.
"""

from __future__ import annotations

import os
import posixpath
from html import escape
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .cache import ParseCache
from .config import ConfigError, Settings, settings_from_mapping
from .discover import Source
from .index import index_markdown
from .links import backlinks, resolve_links
from .load import read_sources
from .model import Severity, Term, TermFile
from .validate import INDEX, by_language, validate

log = get_plugin_logger("glossary")

BACKLINKS_TITLE = {"de": "Verlinkt von", "en": "Referenced by"}
BACKLINKS_ID = {"de": "verlinkt-von", "en": "referenced-by"}
_LOG_LEVEL = {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.INFO: log.info}


class GlossaryConfig(base.Config):
    languages = c.ListOfItems(c.Type(str), default=["de", "en"])
    # The default language's pages are served from the site root, the others under /<lang>/.
    default_language = c.Type(str, default="de")
    select = c.ListOfItems(c.Type(str), default=["ALL"])
    ignore = c.ListOfItems(c.Type(str), default=[])
    severity = c.DictOfItems(c.Choice(("error", "warning", "info")), default={})
    min_severity = c.Choice(("error", "warning", "info"), default="info")
    exclude = c.ListOfItems(c.Type(str), default=["index.md"])
    cache = c.Type(bool, default=True)
    backlinks = c.Type(bool, default=True)


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings = Settings()
        self.terms: dict[str, TermFile] = {}  # src_uri -> parsed term file
        self.uris: dict[str, str] = {}  # TermFile.path -> src_uri
        self.urls: dict[tuple[str, str], str | None] = {}  # (page folder, src_uri) -> url
        self.anchors: dict[str, set[str]] = {}  # lang -> anchors with a page
        self.backlinks: dict[tuple[str, str], list[tuple[TermFile, Term]]] = {}
        self.root = Path.cwd()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        raw = {key: self.config[key] for key in
               ("select", "ignore", "severity", "min_severity", "exclude", "languages")}
        try:
            self.settings = settings_from_mapping(raw, "mkdocs.yml plugins.glossary")
        except ConfigError as exc:
            raise PluginError(str(exc)) from None
        if self.config.default_language not in self.settings.languages:
            raise PluginError(f"mkdocs.yml plugins.glossary: default_language "
                              f"`{self.config.default_language}` is not in languages")
        self.root = Path(config.config_file_path or ".").resolve().parent
        return config

    def _term_sources(self, files: Files) -> list[tuple[File, Source]]:
        sources = []
        for file in files.documentation_pages():
            parts = file.src_uri.split("/")
            if (len(parts) != 2 or parts[0] not in self.settings.languages
                    or file.abs_src_path is None or self.settings.excludes(parts[1])
                    or self.settings.excludes(file.src_uri)):
                continue
            display = os.path.relpath(file.abs_src_path, self.root).replace(os.sep, "/")
            sources.append((file, Source(Path(file.abs_src_path), display, parts[0])))
        return sources

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        pairs = self._term_sources(files)
        cache = ParseCache(self.root / ".glossary_cache" if self.config.cache else None)
        parsed = read_sources([source for _, source in pairs], cache)
        self.terms = {file.src_uri: term_file for (file, _), term_file in zip(pairs, parsed,
                                                                              strict=True)}
        self.uris = {term_file.path: uri for uri, term_file in self.terms.items()}
        self.urls = {}
        for diagnostic in validate(parsed, self.settings):
            if diagnostic.severity >= self.settings.min_severity:
                d = diagnostic
                _LOG_LEVEL[d.severity](f"{d.path}:{d.line}:{d.column}: {d.code} {d.message} "
                                       f"({d.hint})")
        table = by_language(parsed)
        self.anchors = {lang: set(terms) for lang, terms in table.items()}
        self.backlinks = backlinks(parsed) if self.config.backlinks else {}
        present = {f.src_uri.split("/")[0] for f in files.documentation_pages()
                   if "/" in f.src_uri} & set(self.settings.languages)
        for lang in sorted(present):
            src_uri = f"{lang}/{INDEX}.md"
            if files.get_file_from_path(src_uri) is not None:
                log.warning(f"{src_uri}: `{INDEX}` is reserved for the generated A–Z index; "
                            "rename this file")
                continue
            terms = [places[0].term for places in table.get(lang, {}).values()]
            files.append(File.generated(config, src_uri, content=index_markdown(terms, lang)))
            self.anchors.setdefault(lang, set()).add(INDEX)
        self._serve_default_language_at_root(files, config)
        return files

    def _serve_default_language_at_root(self, files: Files, config: MkDocsConfig) -> None:
        prefix = f"{self.config.default_language}/"
        for file in files:
            if file.src_uri.startswith(prefix):
                moved = File(file.src_uri[len(prefix):], None, config.site_dir,
                             config.use_directory_urls)
                file.dest_uri = moved.dest_uri
                for derived in ("url", "abs_dest_path"):
                    file.__dict__.pop(derived, None)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        """Resolve `#Anchor` links in the rendered page and add its backlinks."""
        term_file = self.terms.get(page.file.src_uri)
        if term_file is None:
            return None
        lang = term_file.lang
        anchors = self.anchors.get(lang, set()) - {t.anchor for t in term_file.document.terms}

        def url(anchor: str) -> str | None:
            return self._url(f"{lang}/{anchor}.md", page, files) if anchor in anchors else None

        html, resolved = resolve_links(html, url)
        # MkDocs saw `#Anchor` as a link into this page; it no longer is one.
        own = (page.links_to_anchors or {}).get(page.file, {})
        for anchor in resolved:
            own.pop(anchor, None)
        return html + self._backlinks_html(term_file, page, files)

    def _url(self, src_uri: str, page: Page, files: Files) -> str | None:
        """URL of the page built from `src_uri`, relative to `page`; memoized by folder."""
        key = (posixpath.dirname(page.file.url.rstrip("/")), src_uri)
        if key not in self.urls:
            target = files.get_file_from_path(src_uri)
            self.urls[key] = target.url_relative_to(page.file) if target is not None else None
        return self.urls[key]

    def _backlinks_html(self, term_file: TermFile, page: Page, files: Files) -> str:
        """The "Referenced by" lists, as HTML: plain titles and links, nothing to convert."""
        lang = term_file.lang
        parts = []
        for term in term_file.document.terms:
            items = []
            for source_file, source in self.backlinks.get((lang, term.anchor), []):
                href = self._url(self.uris[source_file.path], page, files)
                if href is not None:
                    items.append(f'<li><a href="{escape(href)}">{escape(source.title)}</a></li>')
            if items:
                # Kept out of the search index: every term page has such a list.
                title = BACKLINKS_TITLE.get(lang, BACKLINKS_TITLE["en"])
                parts.append(f'<section class="glossary-backlinks" data-search-exclude>\n'
                             f'<h3 id="{BACKLINKS_ID.get(lang, "referenced-by")}">'
                             f"{escape(title)}</h3>\n<ul>\n" + "\n".join(items)
                             + "\n</ul>\n</section>\n")
        return "".join(parts)
