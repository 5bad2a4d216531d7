"""`glossary run ANCHOR...`: run a term's examples afresh, as a learner would, and show the results.

Each example runs with the project's settings (device, time limit, examples folder,
results store), prints its output as it finishes, and the paths of its figures are
listed at the end. Passing runs go to the results store the site shows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from glossary.core.blocks import parse_info, python_blocks
from glossary.core.discover import UsageError, discover, display_path
from glossary.core.load import default_workers, read_sources
from glossary.core.model import TermFile
from glossary.core.parse_cache import ParseCache
from glossary.core.settings import Project
from glossary.core.validate import similar
from glossary.runner.examples import Example
from glossary.runner.process import RunResult
from glossary.runner.scheduler import Outcome, Runner, cuda_available


def run_command(args: argparse.Namespace, project: Project, content: Path,
                cache: ParseCache) -> int:
    """Run every example of the named terms, fresh, and report each as it finishes."""
    cwd = Path.cwd()
    sources = discover([content], project.settings, args.lang, cwd)
    files = read_sources(sources, cache, default_workers())
    by_anchor: dict[str, list[TermFile]] = {}
    for term_file in files:
        for term in term_file.document.terms:
            by_anchor.setdefault(term.anchor, []).append(term_file)
    chosen = []
    for anchor in args.anchors:
        if anchor not in by_anchor:
            known = {a.casefold(): a for a in by_anchor}
            close = similar(anchor, known)
            hint = ("did you mean " + " or ".join(f"`{c}`" for c in close) + "?") if close \
                else "`glossary terms` lists every term"
            raise UsageError(f"no term `{anchor}` in {display_path(content, cwd)} ({hint})")
        chosen += by_anchor[anchor]
    runner = Runner.of(project, device=args.device, timeout=args.timeout)
    if runner.device == "cuda" and not cuda_available():
        raise UsageError("--device cuda: torch sees no CUDA device here; run on the CPU "
                         "with --device cpu")
    examples, problems = runner.examples_of(chosen)
    skipped = sum(1 for f in chosen for b in python_blocks(f) if parse_info(b.info).skip)
    if not examples and not problems:
        print(f"{', '.join(args.anchors)}: no examples to run"
              + (f" ({skipped} marked skip)" if skipped else ""))
        return 0

    def show(example: Example, result: RunResult) -> None:
        print(f"== {example.where} [{runner.device}] {result.status} in {result.seconds:.1f} s")
        if result.stdout.strip():
            print(result.stdout.rstrip())

    outcome = runner.bring_up_to_date(examples, force=True, on_result=show)
    for key, stored in outcome.stored.items():
        for figure in stored.figures:
            shown = figure.relative_to(cwd) if figure.is_relative_to(cwd) else figure
            print(f"figure: {shown}  ({_where(outcome, key)})")
    for message in [*problems, *outcome.failures.values()]:
        print(f"\n{message}", file=sys.stderr)
    ran = len(outcome.stored) + len(outcome.failures)
    print(f"{ran} example(s) run on {runner.device}, {len(outcome.failures) + len(problems)} "
          f"failed" + (f", {skipped} marked skip" if skipped else ""), file=sys.stderr)
    return 1 if outcome.failures or problems else 0


def _where(outcome: Outcome, key: str) -> str:
    return ", ".join(f"{path}:{line}" for (path, line), k in outcome.keys.items() if k == key)
