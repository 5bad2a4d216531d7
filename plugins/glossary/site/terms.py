"""The glossary as one build of the site sees it: which page holds which term, who links to it.

Everything is read and checked in `on_files`, before any page renders, so each page
can link to any term and list the terms that link to it: nothing depends on page order.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from glossary.core.check_cache import CheckCache, check_key
from glossary.core.links import Backlinks, backlinks
from glossary.core.load import read_sources
from glossary.core.model import Diagnostic, Term, TermFile
from glossary.core.parse_cache import ParseCache
from glossary.core.settings import Project
from glossary.core.discover import Source, display_path
from glossary.core.validate import embedded_files, validate

# lang -> anchor -> (src_uri of its page, fragment: "" or "#Anchor" for a later term)
Targets = dict[str, dict[str, tuple[str, str]]]


@dataclass
class Glossary:
    """The term pages of one build and the links between them."""

    terms: dict[str, TermFile] = field(default_factory=dict)  # src_uri -> parsed term file
    targets: Targets = field(default_factory=dict)
    # lang -> every term of that language with the link to its page, relative to the index
    entries: dict[str, list[tuple[Term, str]]] = field(default_factory=dict)
    inbound: Backlinks = field(default_factory=dict)  # every term's links, shown or not
    # page folder -> src_uri -> relative URL: sibling pages share them
    urls: dict[str, dict[str, str]] = field(default_factory=dict)

    def resolver(self, lang: str, page: Page, files: Files) -> Callable[[str], str | None]:
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


def term_sources(files: Files, project: Project) -> list[tuple[File, Source]]:
    """The term files among the pages: `<lang>/<name>.md`, less what `exclude` names."""
    settings = project.settings
    sources = []
    for file in files.documentation_pages():
        parts = file.src_uri.split("/")
        if (len(parts) != 2 or parts[0] not in settings.languages
                or file.abs_src_path is None or settings.excludes(parts[1])
                or settings.excludes(file.src_uri)):
            continue
        path = Path(file.abs_src_path)
        sources.append((file, Source(path, display_path(path, project.root), parts[0])))
    return sources


def read_glossary(files: Files, project: Project, workers: int) -> tuple[Glossary, list[Diagnostic]]:
    """Parse (through the cache) and check every term page; the glossary and its diagnostics."""
    pairs = term_sources(files, project)
    sources = [source for _, source in pairs]
    parsed = read_sources(sources, ParseCache(project.cache_folder), workers)
    terms = {file.src_uri: term_file for (file, _), term_file in zip(pairs, parsed, strict=True)}
    inbound = backlinks(parsed)  # for the orphan rule and the "Referenced by" lists
    # A rebuild of unchanged files logs the diagnostics of the build before.
    checks = CheckCache(project.cache_folder)
    key = check_key(project.settings, project.root, sources)
    diagnostics = checks.get(key, project.root)
    if diagnostics is None:
        diagnostics = validate(parsed, project.settings, inbound, embed_base=project.root)
        checks.put(key, diagnostics, embedded_files(parsed, project.root))
    targets, entries = targets_of(terms, project.settings.languages)
    return Glossary(terms, targets, entries, inbound), diagnostics


def targets_of(terms: dict[str, TermFile], languages: tuple[str, ...]
               ) -> tuple[Targets, dict[str, list[tuple[Term, str]]]]:
    """Where each anchor's term is, per language, and each language's entries of the index.

    Of an anchor declared twice, a file's own term (its first) wins over a term further
    down a file of several (a concatenated edition), reached by a fragment of its page;
    among equals, the first declaration counts.
    """
    targets: Targets = {lang: {} for lang in languages}
    entries: dict[str, list[tuple[Term, str]]] = {lang: [] for lang in languages}
    placed = [(n > 0, uri, term_file, n, term) for uri, term_file in terms.items()
              for n, term in enumerate(term_file.document.terms)]
    for _, uri, term_file, n, term in sorted(placed, key=lambda p: p[0]):
        found = targets[term_file.lang]
        if term.anchor and term.anchor not in found:
            fragment = f"#{term.anchor}" if n else ""
            found[term.anchor] = (uri, fragment)
            entries[term_file.lang].append((term, uri.rsplit("/", 1)[-1] + fragment))
    return targets, entries
