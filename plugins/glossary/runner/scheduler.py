"""Bring every example's result up to date: take it from the store or run it.

Shared by the site build and `glossary run`. Each distinct piece of code runs at most
once per device, however many pages show it (the two languages usually embed the same
file), and runs go to a pool of threads that each wait on a process of their own.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from pathlib import Path

from glossary.core.model import TermFile
from glossary.core.settings import Project

from .examples import Example, examples_of
from .process import RunResult, describe_failure, run_example, run_notebook
from .store import NOTEBOOK_PACKAGES, PACKAGES, ResultStore, Stored, fingerprint, result_key


@cache
def cuda_available() -> bool:
    """Whether torch sees a GPU here; asked once per process (it imports torch)."""
    import torch

    return bool(torch.cuda.is_available())


@dataclass(slots=True)
class Outcome:
    """What a pass over the examples found: results by key, failures, and the work done."""

    stored: dict[str, Stored] = field(default_factory=dict)
    # key -> `path:line: what went wrong` and the end of the traceback
    failures: dict[str, str] = field(default_factory=dict)
    keys: dict[tuple[str, int], str] = field(default_factory=dict)  # (path, line) -> key
    reused: int = 0
    ran: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class Runner:
    """How examples run: from which folder, with which store, on which device."""

    root: Path  # the repository root: working folder, and base of embedded paths
    store: ResultStore
    examples: Path  # the folder of example files and the reference trainer
    device: str = "cpu"
    timeout: float = 60.0
    jobs: int = 0  # 0: one per CPU core

    @classmethod
    def of(cls, project: Project, *, device: str | None = None,
           timeout: float | None = None) -> Runner:
        """The runner the project's settings describe; `device` and `timeout` override them."""
        settings = project.settings
        return cls(project.root, ResultStore(project.results), project.examples,
                   device or settings.device, timeout or settings.example_timeout,
                   settings.jobs)

    @cached_property
    def environment(self) -> str:
        """The fingerprint of what every example depends on; computed once per runner."""
        return fingerprint(self.examples)

    @cached_property
    def notebook_environment(self) -> str:
        """The same for notebooks, which also depend on what executes them."""
        return fingerprint(self.examples, PACKAGES + NOTEBOOK_PACKAGES)

    def examples_of(self, term_files: Iterable[TermFile]) -> tuple[list[Example], list[str]]:
        """The examples to run, and `path:line: problem` for blocks that cannot run."""
        return examples_of(term_files, self.root, self.examples)

    def key(self, example: Example) -> str:
        return result_key(example.code, self.device, self.environment)

    def notebook_key(self, source: Path) -> str:
        # Bytes that are not UTF-8 still make a key; running it then reports them.
        text = source.read_bytes().decode("utf-8", errors="replace")
        return result_key("notebook\0" + text, self.device, self.notebook_environment)

    def bring_up_to_date(self, examples: list[Example], *, force: bool = False,
                         on_result: Callable[[Example, RunResult], None] | None = None
                         ) -> Outcome:
        """Results for `examples`: from the store, or by running what is missing or stale."""
        jobs = []
        for example in examples:
            timeout = example.options.timeout or self.timeout
            jobs.append(_Job(self.key(example), example, example.path,
                             example.line, timeout, partial(self.run, example, timeout)))
        return self._complete(jobs, force, on_result)

    def bring_notebooks_up_to_date(self, notebooks: list[tuple[str, Path]], *,
                                   force: bool = False) -> Outcome:
        """Executed notebooks for (display path, file) pairs, from the store or run now."""
        jobs = [_Job(self.notebook_key(source), None, path, 1, self.timeout,
                     partial(run_notebook, source, path, timeout=self.timeout,
                             device=self.device, cwd=self.root, python_path=(self.examples,)),
                     source.stem + ".ipynb")
                for path, source in notebooks]
        return self._complete(jobs, force, None)

    def _complete(self, jobs: list[_Job], force: bool,
                  on_result: Callable[[Example, RunResult], None] | None) -> Outcome:
        outcome = Outcome()
        pending: dict[str, _Job] = {}
        for job in jobs:
            outcome.keys[(job.path, job.line)] = job.key
            if job.key in outcome.stored or job.key in pending:
                continue
            stored = None if force else self.store.get(job.key)
            if stored is None:
                pending[job.key] = job
            else:
                outcome.stored[job.key] = stored
                outcome.reused += 1
        start = time.perf_counter()
        workers = max(1, min(self.jobs or os.cpu_count() or 1, len(pending) or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            runs = {key: pool.submit(job.run) for key, job in pending.items()}
            for key, future in runs.items():
                job, result = pending[key], future.result()
                if on_result is not None and job.example is not None:
                    on_result(job.example, result)
                if result.status == "passed":
                    outcome.stored[key] = self.store.put(key, result, job.name)
                else:
                    what = describe_failure(result, job.timeout, self.device)
                    where = (f"{job.path}:{job.line}: example " if job.example
                             else f"{job.path}: notebook ")
                    outcome.failures[key] = f"{where}{what}"
        outcome.ran = len(pending)
        outcome.seconds = time.perf_counter() - start
        return outcome

    def run(self, example: Example, timeout: float) -> RunResult:
        return run_example(example.code, example.origin, example.origin_line, timeout=timeout,
                           device=self.device, cwd=self.root, python_path=(self.examples,))


@dataclass(frozen=True, slots=True)
class _Job:
    """One run to bring up to date: an example block or file, or a notebook."""

    key: str
    example: Example | None  # None for a notebook
    path: str
    line: int
    timeout: float
    run: Callable[[], RunResult]
    name: str = "notebook.ipynb"  # the executed notebook's file name, for its download
