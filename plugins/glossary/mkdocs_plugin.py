"""MkDocs adapter: maps MkDocs events onto the glossary core.

`on_files` reads every term file (through the parse cache), validates the whole
glossary, logs its diagnostics and adds the generated A–Z index pages; once every term
is known, `on_page_markdown` only rewrites `#Anchor` links and appends backlinks, so
nothing depends on the order pages are processed.
"""

from __future__ import annotations

import os
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
from .links import backlinks, rewrite_links
from .load import read_sources
from .model import Severity, Term, TermFile
from .parser import parse_text
from .validate import INDEX, by_language, validate

log = get_plugin_logger("glossary")

BACKLINKS_TITLE = {"de": "Verlinkt von", "en": "Referenced by"}
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

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        term_file = self.terms.get(page.file.src_uri)
        if term_file is None:
            return None
        lang = term_file.lang
        terms = term_file.document.terms
        source = page.file.content_string
        if source.endswith(markdown):
            offset = source[: len(source) - len(markdown)].count("\n")
        else:  # another plugin changed the text: find the links again
            offset, terms = 0, parse_text(markdown).terms
        anchors = self.anchors.get(lang, set())

        def target(anchor: str) -> str | None:
            return f"{anchor}.md" if anchor in anchors else None

        links = [link for term in terms for link in term.references]
        markdown = rewrite_links(markdown, links, offset, target)
        return self._add_backlinks(markdown, terms, lang, offset)

    def _add_backlinks(self, markdown: str, terms: tuple[Term, ...], lang: str,
                       offset: int) -> str:
        lines = markdown.split("\n")
        for term in reversed(terms):
            sources = self.backlinks.get((lang, term.anchor))
            if not sources:
                continue
            title = BACKLINKS_TITLE.get(lang, BACKLINKS_TITLE["en"])
            block = ["", f"### {title}", ""]
            block += [f"- [{t.title}]({t.anchor}.md)" for _, t in sources]
            block.append("")
            last = max((e.line for e in term.seealso), default=0) - offset
            at = last if 0 < last <= len(lines) else len(lines)
            lines[at:at] = block
        return "\n".join(lines)
