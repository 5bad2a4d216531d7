"""MkDocs adapter: maps MkDocs events onto the glossary core.

`on_files` reads every term file (through the parse cache), validates the whole
glossary, logs its diagnostics and adds the generated A–Z index pages. Every term is
known before the first page renders, so `on_page_content` only points each rendered
`#Anchor` link at its page and appends backlinks: nothing depends on page order.
"""

from __future__ import annotations

import importlib.resources
import os
import posixpath
import shutil
import threading
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any, cast

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .blocks import EmbedError, resolve
from .cache import ParseCache, content_key
from .config import ConfigError, Settings, settings_from_mapping
from .discover import Source
from .execute import Outcome, Runner
from .i18n import TWIN_LABELS, defined_term
from .index import TITLES as INDEX_TITLES
from .index import index_markdown
from .links import Backlinks, backlinks, resolve_links
from .load import default_workers, read_sources
from .math import double_backslash_math
from .mkdocs_site import LanguageSite, absolute_url
from .model import INDEX, CodeBlock, Severity, Term, TermFile
from .notebooks import NotebookError, convert
from .render import Shown, with_results
from .results import ResultStore
from .rewrite import insert_after_title, promote_headings, seealso_list
from .status import STATUS_PAGE, status_markdown
from .validate import validate

log = get_plugin_logger("glossary")

# Where figures of examples are served from, each named by a hash of its bytes: the
# same drawing keeps its address when an unrelated change makes its result stale.
_FIGURES = "assets/examples"
_ASSETS = "assets/glossary"  # the plugin's own script and style sheet
_MATHJAX = "assets/mathjax"
# MathJax's TeX-to-HTML build, its fonts and the TeX extensions it loads on demand.
_MATHJAX_FILES = ("tex-chtml.js", "output/chtml/fonts/woff-v2/*.woff",
                  "input/tex/extensions/**/*.js")
_TEMPLATES = Path(__file__).parent / "templates"
DOWNLOAD_LABEL = {"de": "Notebook herunterladen (.ipynb)",
                  "en": "Download the notebook (.ipynb)"}
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
    # Examples: run what the results store lacks, show output and figures under the code.
    examples = c.Type(bool, default=True)
    examples_dir = c.Type(str, default="examples")
    results_dir = c.Type(str, default=".glossary_cache/results")
    device = c.Choice(("cpu", "cuda"), default="cpu")
    example_timeout = c.Type((int, float), default=60)
    jobs = c.Type(int, default=0)  # examples run at once; 0: one per CPU core
    # Site name and description per language; the default language's are MkDocs' own.
    site_names = c.DictOfItems(c.Type(str), default={})
    site_descriptions = c.DictOfItems(c.Type(str), default={})
    math = c.Type(bool, default=True)  # MathJax, served from the site, typesets formulas


def _modified() -> bool:
    return True


# What of a term file other pages show: (anchor, title) of each term, anchors it links to.
_Shape = tuple[tuple[tuple[str, str], ...], frozenset[str]]


def _shape(term_file: TermFile) -> _Shape:
    terms = term_file.document.terms
    return (tuple((term.anchor, term.title) for term in terms),
            frozenset(link.anchor for term in terms for link in term.references))


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings = Settings()
        self.terms: dict[str, TermFile] = {}  # src_uri -> parsed term file
        # lang -> anchor -> (src_uri of its page, fragment: "" or "#Anchor" for a later term)
        self.targets: dict[str, dict[str, tuple[str, str]]] = {}
        self.urls: dict[str, dict[str, str]] = {}  # page folder -> src_uri -> relative url
        self.backlinks: Backlinks = {}  # shown as "Referenced by" (when configured)
        self.inbound: Backlinks = {}  # every term's links, shown or not
        self.root = Path.cwd()
        self.files = Files([])
        self.runner: Runner | None = None
        self.notebooks: set[str] = set()  # src_uri of each executed walkthrough notebook
        self.outcome = Outcome()
        self.figure_uris: dict[Path, str] = {}  # stored figure -> its src_uri in the site
        self.site = LanguageSite(["de", "en"], "de")
        self.site_meta: tuple[str, str | None] = ("", None)  # the default language's
        self.dirty = False  # `mkdocs serve --dirty`: only changed pages are rebuilt
        # src_uri -> _Shape, as the last dirty build found it; kept from build to build
        self.last_shapes: dict[str, _Shape] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # With this event MkDocs keeps one instance for every build of a `serve`, so
        # on_config forgets what the last build found (all but `last_shapes`).
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.runner, self.outcome, self.notebooks = None, Outcome(), set()
        self.figure_uris = {}
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
        self.site = LanguageSite(self.settings.languages, self.config.default_language)
        self.site_meta = (config.site_name, config.site_description)
        # Templates of the plugin (language selector, hreflang, JSON-LD, 404) come after
        # the project's own overrides and before the theme's.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(_TEMPLATES))
        # Material shows its language selector when `extra.alternate` is set; the plugin's
        # selector fills it per page. (Not a list: Material's own hreflang loop skips it.)
        config.extra["alternate"] = config.extra.get("alternate") or True
        if config.site_url:
            # The plugin writes a sitemap per language (with hreflang) after the build;
            # MkDocs' own, of every page, would only be overwritten.
            config.theme.static_templates.discard("sitemap.xml")
        config.extra_css.append(f"{_ASSETS}/glossary.css")
        if self.config.math:
            config.extra_javascript.append(f"{_ASSETS}/mathjax-config.js")
            config.extra_javascript.append(f"{_MATHJAX}/tex-chtml.js")
        config.extra_javascript.append(f"{_ASSETS}/glossary.js")
        if self.config.examples and "pymdownx.superfences" not in config.markdown_extensions:
            log.warning("mkdocs.yml: the output of examples is shown in code blocks titled "
                        "by pymdownx.superfences; add it to markdown_extensions, or set "
                        "plugins.glossary.examples to false")
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

    @event_priority(50)  # before mkdocs-jupyter looks for notebooks among the files
    def _on_files_read(self, files: Files, *, config: MkDocsConfig) -> Files:
        pairs = self._term_sources(files)
        cache = ParseCache(self.root / ".glossary_cache" if self.config.cache else None)
        # Worker processes are forked only while MkDocs runs no threads (`build`, not `serve`).
        workers = default_workers() if threading.active_count() == 1 else 1
        parsed = read_sources([source for _, source in pairs], cache, workers)
        self.terms = {file.src_uri: term_file for (file, _), term_file in zip(pairs, parsed,
                                                                              strict=True)}
        self.urls, self.files = {}, files
        inbound = backlinks(parsed)  # for the orphan rule and the "Referenced by" lists
        self.inbound = inbound
        self.backlinks = inbound if self.config.backlinks else {}
        for diagnostic in validate(parsed, self.settings, inbound, embed_base=self.root):
            if diagnostic.severity >= self.settings.min_severity:
                d = diagnostic
                _LOG_LEVEL[d.severity](f"{d.path}:{d.line}:{d.column}: {d.code} {d.message} "
                                       f"({d.hint})")
        self.targets = {lang: {} for lang in self.settings.languages}
        entries: dict[str, list[tuple[Term, str]]] = {lang: [] for lang in self.targets}
        for uri, term_file in self.terms.items():
            targets = self.targets[term_file.lang]
            for n, term in enumerate(term_file.document.terms):
                if term.anchor and term.anchor not in targets:  # the first of duplicates
                    fragment = f"#{term.anchor}" if n else ""
                    targets[term.anchor] = (uri, fragment)
                    entries[term_file.lang].append((term, uri.rsplit("/", 1)[-1] + fragment))
        present = {f.src_uri.split("/")[0] for f in files.documentation_pages()
                   if "/" in f.src_uri} & set(self.settings.languages)
        for lang in sorted(present):
            src_uri = f"{lang}/{INDEX}.md"
            if files.get_file_from_path(src_uri) is not None:
                log.warning(f"{src_uri}: `{INDEX}` is reserved for the generated A–Z index; "
                            "rename this file")
                continue
            content = index_markdown(entries[lang], lang)
            files.append(File.generated(config, src_uri, content=content))
            self.targets[lang][INDEX] = (src_uri, "")
        titles = {lang: {term.anchor: term.title for term, _ in entries[lang]}
                  for lang in sorted(present)}
        for lang in sorted(present):
            src_uri = f"{lang}/{STATUS_PAGE}.md"
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri,
                                            content=status_markdown(lang, titles)))
        self._add_assets(files, config)
        if self.config.examples:
            self._bring_examples_up_to_date(files, config)
        self._execute_notebooks(files, config)
        return files

    def _rebuild_what_shows_changed_terms(self, files: Files, inbound: Backlinks) -> None:
        """In a dirty build, also rebuild the pages that show something of a changed term.

        MkDocs rebuilds only pages whose source is newer than their output. A term also
        shapes other pages: links to it resolve on the pages that link to it, its title
        stands in its twin's language line and in the "Referenced by" list of each term it
        links to. When a save changes a term's anchors or titles, or what it links to,
        those pages are rebuilt with it; an edit of its text alone rebuilds its page only.
        """
        uri_of = {term_file.path: uri for uri, term_file in self.terms.items()}
        current = {uri: _shape(term_file) for uri, term_file in self.terms.items()}
        previous, self.last_shapes = self.last_shapes, current
        stale: set[str] = set()
        for uri in sorted(set(current) | set(previous)):
            new, old = current.get(uri), previous.get(uri)
            file = files.get_file_from_path(uri)
            if new == old or (file is not None and not file.is_modified()):
                continue
            lang, name = uri.split("/", 1)
            old_names, old_links = old or ((), frozenset())
            new_names, new_links = new or ((), frozenset())
            links = old_links ^ new_links
            if old_names != new_names:
                stale.update(f"{other}/{name}" for other in self.settings.languages)  # twins
                for anchor, _ in {*old_names, *new_names}:
                    stale.update(uri_of[source.path]
                                 for source, _ in inbound.get((lang, anchor), []))
                links = old_links | new_links  # their "Referenced by" shows the new title
            stale.update(self.targets[lang][anchor][0] for anchor in links
                         if anchor in self.targets[lang])
        for uri in sorted(stale):
            file = files.get_file_from_path(uri)
            if file is not None:
                file.is_modified = _modified  # type: ignore[method-assign]

    @event_priority(-50)  # after other plugins (mkdocs-jupyter) have placed their pages
    def _on_files_place(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._serve_default_language_at_root(files, config)
        if self.dirty:  # now that each page's output path is final
            self._rebuild_what_shows_changed_terms(files, self.inbound)
        self.site.collect(files)
        return files

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        """The plugin's script and style sheet, and MathJax from its Python package."""
        for path in sorted((Path(__file__).parent / "assets").iterdir()):
            files.append(File.generated(config, f"{_ASSETS}/{path.name}",
                                        abs_src_path=str(path)))
        if not self.config.math:
            return
        es5 = Path(str(importlib.resources.files("mathjax"))) / "static" / "mathjax" / "es5"
        for pattern in _MATHJAX_FILES:
            for path in sorted(es5.glob(pattern)):
                dest = f"{_MATHJAX}/{path.relative_to(es5).as_posix()}"
                files.append(File.generated(config, dest, abs_src_path=str(path)))

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig,
               files: Files) -> Navigation | None:
        self.site.split_nav(nav, set(self.terms))
        return nav

    on_files = CombinedEvent(_on_files_read, _on_files_place)

    def _bring_examples_up_to_date(self, files: Files, config: MkDocsConfig) -> None:
        """Run every example the store has no current result for; add the figures as files."""
        self.runner = runner = Runner(
            self.root, ResultStore(self.root / self.config.results_dir),
            self.root / self.config.examples_dir, self.config.device,
            float(self.config.example_timeout), self.config.jobs)
        examples, problems = runner.examples_of(self.terms.values())
        self.outcome = outcome = runner.bring_up_to_date(examples)
        for message in [*problems, *outcome.failures.values()]:
            log.error(message)
        if examples:
            log.info(f"examples: {outcome.reused} taken from the store, {outcome.ran} run "
                     f"in {outcome.seconds:.1f} s")
        self.figure_uris = {}
        for stored in outcome.stored.values():
            for figure in stored.figures:
                uri = f"{_FIGURES}/{content_key(figure.read_bytes())}.svg"
                if files.get_file_from_path(uri) is None:  # one file for equal drawings
                    files.append(File.generated(config, uri, abs_src_path=str(figure)))
                self.figure_uris[figure] = uri

    def _execute_notebooks(self, files: Files, config: MkDocsConfig) -> None:
        """Each walkthrough (`<lang>/**/*.py`, Jupytext percent) becomes its executed `.ipynb`
        (with `examples: false`, the notebook as written, for a quick preview).

        The executed notebook comes from the results store, or from a run now; the page
        and its download are made from it (by mkdocs-jupyter), never from a stale copy.
        """
        self.notebooks = set()
        sources = [file for file in files
                   if file.src_uri.endswith(".py") and file.abs_src_path is not None
                   and file.src_uri.split("/")[0] in self.settings.languages]
        if not sources:
            return
        display = {file.src_uri: os.path.relpath(str(file.abs_src_path), self.root)
                   .replace(os.sep, "/") for file in sources}
        # mkdocs-jupyter reads a page's file from its source folder, so the executed
        # notebooks are laid out like the content folder, under the cache.
        folder = self.root / self.config.results_dir / "notebooks"
        executed: dict[str, Path] = {}
        if self.runner is not None and self.config.examples:
            outcome = self.runner.bring_notebooks_up_to_date(
                [(display[file.src_uri], Path(str(file.abs_src_path))) for file in sources])
            for message in outcome.failures.values():
                log.error(message)
            log.info(f"notebooks: {outcome.reused} taken from the store, {outcome.ran} run "
                     f"in {outcome.seconds:.1f} s")
            for file in sources:
                stored = outcome.stored.get(outcome.keys[(display[file.src_uri], 1)])
                if stored is not None and stored.notebook is not None:
                    executed[file.src_uri] = stored.notebook
        for file in sources:
            files.remove(file)
            src_uri = file.src_uri[:-3] + ".ipynb"
            target = folder / src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            notebook = executed.get(file.src_uri)
            if notebook is not None:
                if not target.is_file() or target.read_bytes() != notebook.read_bytes():
                    shutil.copyfile(notebook, target)
            elif self.config.examples:
                continue  # the run failed: reported above
            else:
                try:
                    convert(Path(str(file.abs_src_path)), target, display[file.src_uri])
                except NotebookError as exc:
                    log.error(str(exc))
                    continue
            files.append(File(src_uri, str(folder), config.site_dir, config.use_directory_urls))
            self.notebooks.add(src_uri)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        """Strip run options from Python fences; put output and figures under each block."""
        term_file = self.terms.get(page.file.src_uri)
        if term_file is None:
            return None
        markdown = double_backslash_math(markdown)
        if self.runner is None:
            return markdown
        runner, here = self.runner, posixpath.dirname(page.file.src_uri)

        def shown(block: CodeBlock) -> Shown | None:
            try:
                example = resolve(block, term_file.path, runner.root)
            except EmbedError:
                return None  # reported in on_files
            key = runner.key(example)
            stored = self.outcome.stored.get(key)
            if stored is not None:
                figures = tuple(posixpath.relpath(self.figure_uris[figure], here)
                                for figure in stored.figures)
                return Shown(stored.stdout, figures)
            failure = self.outcome.failures.get(key)
            return Shown(failure, error=True) if failure is not None else None

        return with_results(markdown, term_file.lang, shown)

    def _serve_default_language_at_root(self, files: Files, config: MkDocsConfig) -> None:
        prefix = f"{self.config.default_language}/"
        for file in files:
            if file.src_uri.startswith(prefix) and file.dest_uri.startswith(prefix):
                file.dest_uri = file.dest_uri[len(prefix):]
                for derived in ("url", "abs_dest_path"):
                    file.__dict__.pop(derived, None)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        """Point each rendered `#Anchor` link at the page of that term."""
        if page.file.src_uri in self.notebooks:
            # `[text](#Anchor)` in a notebook's Markdown names a term, as on term pages.
            url = self._resolver(page.file.src_uri.split("/")[0], page, files)
            return self._download_link(page) + resolve_links(html, url)[0]
        term_file = self.terms.get(page.file.src_uri)
        if term_file is None:
            return None
        url = self._resolver(term_file.lang, page, files)
        own = {t.anchor for t in term_file.document.terms}
        # `data-preview`: Material shows the linked term's definition on hover and focus.
        html, resolved = resolve_links(
            html, lambda anchor: None if anchor in own else url(anchor), " data-preview")
        # MkDocs saw `#Anchor` as a link into this page; it no longer is one.
        links_here = (page.links_to_anchors or {}).get(page.file, {})
        for anchor in resolved:
            links_here.pop(anchor, None)
        html = seealso_list(promote_headings(html))
        return insert_after_title(html, self._twin_line(term_file, page))

    def _twin_line(self, term_file: TermFile, page: Page) -> str:
        """`Englisch: Overfitting` under a German term's title: the twin's name and link."""
        parts = []
        for lang, file in sorted(self.site.versions(page.file).items()):
            twin = self.terms.get(file.src_uri)
            if lang == term_file.lang or twin is None or not twin.document.terms:
                continue
            label = TWIN_LABELS.get((term_file.lang, lang), lang)
            parts.append(f'{escape(label)}: <a href="{escape(file.url_relative_to(page.file))}" '
                         f'hreflang="{lang}" lang="{lang}">'
                         f"{escape(twin.document.terms[0].title)}</a>")
        return f'<p class="glossary-twin">{" · ".join(parts)}</p>\n' if parts else ""

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context: TemplateContext, /, *, page: Page,
                        config: MkDocsConfig, nav: Navigation) -> TemplateContext | None:
        """Append the "Referenced by" list, as HTML: plain titles and links.

        Added after the search index is built, as every term page has such a list and a
        search for a term should find the term, not every page that links to it.
        """
        term_file = self.terms.get(page.file.src_uri)
        if term_file is not None and page.content is not None:
            page.content += self._backlinks_html(term_file, page)
        # Template variables beyond MkDocs' own (TemplateContext lists only those).
        extra: dict[str, Any] = dict(context)
        extra.update(self.site.page_context(page, config))
        lang = extra["glossary_lang"]
        default_name, default_description = self.site_meta
        config.site_name = self.config.site_names.get(lang, default_name)
        config.site_description = self.config.site_descriptions.get(lang, default_description)
        if term_file is not None and term_file.document.terms and config.site_url:
            extra["glossary_jsonld"] = self._json_ld(term_file, page, config)
        return cast(TemplateContext, extra)

    def _json_ld(self, term_file: TermFile, page: Page, config: MkDocsConfig) -> str:
        term, lang = term_file.document.terms[0], term_file.lang
        index = self.files.get_file_from_path(f"{lang}/{INDEX}.md")
        set_url = absolute_url(config, index) if index is not None else ""
        set_name = f"{config.site_name}: {INDEX_TITLES.get(lang, INDEX)}"
        return defined_term(term.title, term.definition, absolute_url(config, page.file),
                            term.anchor, lang, set_name, set_url)

    def on_template_context(self, context: TemplateContext, /, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext | None:
        """The 404 page (one for the whole site) carries each language's text."""
        config.site_name, config.site_description = self.site_meta
        if template_name == "404.html":
            extra: dict[str, Any] = dict(context)
            extra["glossary_not_found"] = self.site.not_found(config)
            return cast(TemplateContext, extra)
        return context

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        config.site_name, config.site_description = self.site_meta
        self.site.write_search_indexes(Path(config.site_dir))
        self.site.write_sitemaps(config, self.files)

    def _download_link(self, page: Page) -> str:
        """A button to the executed .ipynb, which mkdocs-jupyter copies beside the page."""
        name = posixpath.basename(page.file.src_uri)
        lang = page.file.src_uri.split("/")[0]
        label = DOWNLOAD_LABEL.get(lang, DOWNLOAD_LABEL["en"])
        return (f'<p class="glossary-download"><a class="md-button" href="{escape(name)}" '
                f'download>{escape(label)}</a></p>\n')

    def _resolver(self, lang: str, page: Page, files: Files) -> Callable[[str], str | None]:
        """anchor -> URL of that term's page in `lang`, relative to `page`.

        Sibling pages see a page at the same relative URL, so each is computed once per
        folder; a page's own URL is never taken from that table (it is `./` there).
        """
        targets = self.targets.get(lang, {})
        here = page.file.src_uri
        table = self.urls.setdefault(posixpath.dirname(page.file.url.rstrip("/")), {})

        def url(anchor: str) -> str | None:
            target = targets.get(anchor)
            if target is None:
                return None
            uri, fragment = target
            found = table.get(uri) if uri != here else None
            if found is None:
                file = files.get_file_from_path(uri)
                if file is None:
                    return None
                found = file.url_relative_to(page.file)
                if uri != here:
                    table[uri] = found
            return found + fragment

        return url

    def _backlinks_html(self, term_file: TermFile, page: Page) -> str:
        lang = term_file.lang
        url = self._resolver(lang, page, self.files)
        parts = []
        for term in term_file.document.terms:
            items = [f'<li><a href="{escape(href)}" data-preview>{escape(source.title)}</a></li>'
                     for _, source in self.backlinks.get((lang, term.anchor), [])
                     for href in [url(source.anchor)] if href]
            if items:
                title = BACKLINKS_TITLE.get(lang, BACKLINKS_TITLE["en"])
                parts.append(f'<section class="glossary-backlinks" data-search-exclude>\n'
                             f'<h2 id="{BACKLINKS_ID.get(lang, "referenced-by")}">'
                             f"{escape(title)}</h2>\n<ul>\n" + "\n".join(items)
                             + "\n</ul>\n</section>\n")
        return "".join(parts)
