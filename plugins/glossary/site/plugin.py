"""The MkDocs plugin: each event handed to the part of the site package that does its work.

`on_files` reads and checks every term (the core), adds the generated pages, brings
the examples up to date (the runner) and serves the default language from the site
root; every term is known before the first page renders, so the page events only
resolve links and add what a term page shows: nothing depends on page order. The state
of one build lives in `Glossary` and `ExampleResults`; `on_config` starts it afresh, as
MkDocs keeps one plugin instance for every build of a `serve`.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from glossary.core.load import default_workers
from glossary.core.model import INDEX
from glossary.core.settings import Project
from glossary.core.strings import strings
from glossary.runner.scheduler import Runner

from .assets import asset_files, configure_theme
from .config import GlossaryConfig, project_of
from .examples import ExampleResults, bring_examples_up_to_date
from .jsonld import defined_term
from .languages import LanguageSite, absolute_url, serve_default_language_at_root
from .log import log, log_diagnostic
from .notebooks import add_walkthroughs
from .pages import add_generated_pages
from .pandoc_math import double_backslash_math
from .rebuild import Shape, mark_for_rebuild, pages_to_rebuild, shapes
from .term_page import backlinks, term_page, walkthrough_page
from .terms import Glossary, read_glossary


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.project = Project(Path.cwd())
        self.glossary = Glossary()
        self.results: ExampleResults | None = None  # None: examples are off
        self.notebooks: set[str] = set()  # src_uri of each walkthrough notebook
        self.site = LanguageSite(["de", "en"], "de")
        self.files = Files([])
        self.site_meta: tuple[str, str | None] = ("", None)  # the default language's
        self.dirty = False  # `mkdocs serve --dirty`: only changed pages are rebuilt
        # src_uri -> shape of each term page, as the last dirty build found it
        self.last_shapes: dict[str, Shape] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # With this event MkDocs keeps one instance for every build of a `serve`.
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.project = project_of(config, self.config)
        settings = self.project.settings
        self.glossary, self.results, self.notebooks = Glossary(), None, set()
        self.site = LanguageSite(settings.languages, settings.default_language)
        self.site_meta = (config.site_name, config.site_description)
        for warning in configure_theme(config, settings):
            log.warning(warning)
        return config

    @event_priority(50)  # before mkdocs-jupyter looks for notebooks among the files
    def _on_files_read(self, files: Files, *, config: MkDocsConfig) -> Files:
        project, settings = self.project, self.project.settings
        # Worker processes are forked only while MkDocs runs no threads (`build`, not `serve`).
        workers = default_workers() if threading.active_count() == 1 else 1
        self.glossary, diagnostics = read_glossary(files, project, workers)
        self.files = files
        for diagnostic in diagnostics:
            if diagnostic.severity >= settings.min_severity:
                log_diagnostic(diagnostic)
        for warning in add_generated_pages(files, config, self.glossary, settings.languages):
            log.warning(warning)
        for file in asset_files(config, settings):
            files.append(file)
        runner = Runner.of(project) if settings.examples else None
        if runner is not None:
            self.results = bring_examples_up_to_date(
                runner, list(self.glossary.terms.values()), files, config)
        self.notebooks = add_walkthroughs(files, config, project, runner)
        # The glossary's hundreds of thousands of objects live until the build ends and
        # hold no cycles: the collector need not walk them at every collection the
        # rendering triggers (on the real-world benchmark corpus, 0.5 s of a 7 s build).
        gc.freeze()
        return files

    @event_priority(-50)  # after other plugins (mkdocs-jupyter) have placed their pages
    def _on_files_place(self, files: Files, *, config: MkDocsConfig) -> Files:
        serve_default_language_at_root(files, self.project.settings.default_language)
        if self.dirty:  # now that each page's output path is final
            current = shapes(self.glossary.terms)

            def modified(uri: str) -> bool:  # a page that is gone counts as changed
                file = files.get_file_from_path(uri)
                return file is None or file.is_modified()

            mark_for_rebuild(files, pages_to_rebuild(self.last_shapes, current, modified,
                                                     self.glossary,
                                                     self.project.settings.languages))
            self.last_shapes = current
        self.site.collect(files)
        return files

    on_files = CombinedEvent(_on_files_read, _on_files_place)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig,
               files: Files) -> Navigation | None:
        self.site.split_nav(nav, set(self.glossary.terms))
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        """Pandoc's math as arithmatex reads it; output and figures under each example."""
        term_file = self.glossary.terms.get(page.file.src_uri)
        if term_file is None:
            return None
        markdown = double_backslash_math(markdown)
        if self.results is None:
            return markdown
        return self.results.show(markdown, term_file, page.file.src_uri)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        """Point each rendered `#Anchor` link at the page of that term."""
        if page.file.src_uri in self.notebooks:
            return walkthrough_page(html, page, files, self.glossary)
        term_file = self.glossary.terms.get(page.file.src_uri)
        if term_file is None:
            return None
        return term_page(html, term_file, page, files, self.glossary, self.site)

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context: TemplateContext, /, *, page: Page,
                        config: MkDocsConfig, nav: Navigation) -> TemplateContext | None:
        """Append the "Referenced by" list; the page's language, selector and JSON-LD.

        The list is added after the search index is built, as every term page has one and
        a search for a term should find the term, not every page that links to it.
        """
        settings = self.project.settings
        term_file = self.glossary.terms.get(page.file.src_uri)
        if term_file is not None and page.content is not None and settings.backlinks:
            page.content += backlinks(term_file, page, self.files, self.glossary)
        # Template variables beyond MkDocs' own (TemplateContext lists only those).
        extra: dict[str, Any] = dict(context)
        extra.update(self.site.page_context(page, config))
        lang = extra["glossary_lang"]
        # Material writes the site's name into every page: each language has its own.
        default_name, default_description = self.site_meta
        config.site_name = settings.site_names.get(lang, default_name)
        config.site_description = settings.site_descriptions.get(lang, default_description)
        if term_file is not None and term_file.document.terms and config.site_url:
            term = term_file.document.terms[0]
            index = self.files.get_file_from_path(f"{lang}/{INDEX}.md")
            set_url = absolute_url(config, index) if index is not None else ""
            set_name = f"{config.site_name}: {strings(lang).index.title}"
            extra["glossary_jsonld"] = defined_term(
                term.title, term.definition, absolute_url(config, page.file), term.anchor,
                lang, set_name, set_url)
        return cast(TemplateContext, extra)

    def on_template_context(self, context: TemplateContext, /, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext | None:
        """The 404 page (one for the whole site) carries each language's text."""
        config.site_name, config.site_description = self.site_meta
        if template_name == "404.html":
            extra: dict[str, Any] = dict(context)
            extra["glossary_not_found"] = self.site.not_found(config)
            return cast(TemplateContext, extra)
        return context

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()  # a failed build's objects may go; `serve` builds again

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()
        config.site_name, config.site_description = self.site_meta
        self.site.write_search_indexes(Path(config.site_dir))
        self.site.write_sitemaps(config, self.files)
