"""Examples in a build: results from the store or from runs now, shown under each block.

Every example the store has no current result for runs while the files are read,
before any page renders, on as many cores as the `jobs` setting allows. Each figure is
served under a hash of its bytes, so the same drawing keeps its address when an
unrelated change makes its result stale.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from glossary.core.model import CodeBlock, TermFile
from glossary.core.parse_cache import content_key
from glossary.runner.examples import EmbedError, resolve
from glossary.runner.scheduler import Outcome, Runner
from glossary.runner.show import Shown, with_results

from .log import log

FIGURES = "assets/examples"


@dataclass
class ExampleResults:
    """This build's results of examples, and where each figure is served."""

    runner: Runner
    outcome: Outcome = field(default_factory=Outcome)
    figure_uris: dict[Path, str] = field(default_factory=dict)  # stored figure -> src_uri

    def show(self, markdown: str, term_file: TermFile, page_uri: str) -> str:
        """The page's Markdown with run options stripped and results under each block."""
        here = posixpath.dirname(page_uri)

        def shown(block: CodeBlock) -> Shown | None:
            try:
                example = resolve(block, term_file.path, self.runner.root, self.runner.examples)
            except EmbedError:
                return None  # reported when the files were read
            key = self.runner.key(example)
            stored = self.outcome.stored.get(key)
            if stored is not None:
                figures = tuple(posixpath.relpath(self.figure_uris[figure], here)
                                for figure in stored.figures)
                return Shown(stored.stdout, figures)
            failure = self.outcome.failures.get(key)
            return Shown(failure, error=True) if failure is not None else None

        return with_results(markdown, term_file.lang, shown, term_file.document)


def bring_examples_up_to_date(runner: Runner, term_files: list[TermFile], files: Files,
                              config: MkDocsConfig) -> ExampleResults:
    """Run what the store lacks, log failures, and add every figure to the site's files."""
    examples, problems = runner.examples_of(term_files)
    outcome = runner.bring_up_to_date(examples)
    for message in [*problems, *outcome.failures.values()]:
        log.error(message)
    if examples:
        log.info(f"examples: {outcome.reused} taken from the store, {outcome.ran} run "
                 f"in {outcome.seconds:.1f} s")
    results = ExampleResults(runner, outcome)
    for stored in outcome.stored.values():
        for figure in stored.figures:
            uri = f"{FIGURES}/{content_key(figure.read_bytes())}.svg"
            if files.get_file_from_path(uri) is None:  # one file for equal drawings
                files.append(File.generated(config, uri, abs_src_path=str(figure)))
            results.figure_uris[figure] = uri
    return results
