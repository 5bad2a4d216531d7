"""pytest plugin: every example runs in its own process, once per device.

A project opts in, as it does for Sybil or pytest-markdown-docs: with
`addopts = "-p glossary.runner.pytest_plugin"` in its pytest configuration (or
`pytest_plugins` in its root conftest.py). Installing the package alone changes no
project's test run.

Where examples are comes from the glossary's settings (`[tool.glossary]` or mkdocs.yml,
as the site and the `glossary` command read them): every `*.py` directly in
`examples_dir`, the Python blocks of the Markdown pages in the content folder (MkDocs'
`docs_dir`), with their embeds resolved, and the walkthrough notebooks (Jupytext
percent `.py` files) beside those pages, run as scripts. Items carry the marker
`example` and ids like `examples/momentum.py[cpu]` or `content/en/Momentum.md:42[cpu]`;
the `[cuda]` run is skipped, with the reason shown, where torch sees no GPU, and a block
marked `skip="reason"` is skipped with its reason. A failure, a time-out
(`example_timeout`, or the block's `timeout="..."`), a block without code or a malformed
block fails with the Markdown (or example) path and line.

Passing runs go to the results store the site renders from (`results_dir`). A block
that embeds an example file runs the same code as that file: whichever item runs first
in a session stores the result, and the other reuses it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from glossary.core.blocks import BlockOptions, python_blocks
from glossary.core.model import TermFile
from glossary.core.parser import parse_bytes
from glossary.core.settings import DEVICES, ConfigError, Project, load_project

from .examples import EmbedError, Example, resolve
from .process import describe_failure
from .scheduler import Runner, cuda_available

_STARTED = pytest.StashKey[float]()
_PROJECT = pytest.StashKey[Project]()
_RUNNERS = pytest.StashKey[dict[str, Runner]]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "example: a glossary example run in its own process")
    config.stash[_STARTED] = time.time()
    try:
        config.stash[_PROJECT] = load_project(config.rootpath)
    except ConfigError as exc:
        raise pytest.UsageError(f"glossary: {exc}") from None


def _on_a_page(path: Path, config: pytest.Config) -> bool:
    return path.is_relative_to(config.stash[_PROJECT].content)


def _is_example(path: Path, config: pytest.Config) -> bool:
    """An example file, or a walkthrough notebook beside the pages (run as a script)."""
    return path.suffix == ".py" and path.name[0] != "_" and (
        path.parent == config.stash[_PROJECT].examples or _on_a_page(path, config))


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".md":
        on_a_page = _on_a_page(file_path, parent.config)
        return MarkdownFile.from_parent(parent, path=file_path) if on_a_page else None
    # Files named on the command line (or like test modules) reach pytest's Python
    # collector, which asks pytest_pycollect_makemodule below; the rest come here.
    python_file = parent.session.isinitpath(file_path) or any(
        file_path.match(pattern) for pattern in parent.config.getini("python_files"))
    if _is_example(file_path, parent.config) and not python_file:
        return ExampleFile.from_parent(parent, path=file_path)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> Any:
    """An example is run, never imported as a test module."""
    if _is_example(module_path, parent.config):
        return ExampleFile.from_parent(parent, path=module_path)
    return None


def _runner(config: pytest.Config, device: str) -> Runner:
    """One runner per device and session: the environment is fingerprinted once."""
    runners = config.stash.setdefault(_RUNNERS, {})
    if device not in runners:
        runners[device] = Runner.of(config.stash[_PROJECT], device=device)
    return runners[device]


class ExampleFailed(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _relative(node: pytest.Collector | pytest.Item) -> str:
    return node.path.relative_to(node.config.rootpath).as_posix()


class ExampleFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        try:
            source = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise self.CollectError(f"{_relative(self)}: byte {exc.start} is not UTF-8; "
                                    "save the example as UTF-8") from None
        path = _relative(self)
        example = Example(path, 1, source, BlockOptions("python"), path, 1)
        for device in DEVICES:
            yield ExampleItem.from_parent(self, name=f"[{device}]", example=example,
                                          device=device, nodeid=f"{self.nodeid}[{device}]")


class MarkdownFile(pytest.File):
    """The Python blocks of a Markdown page, each once per device."""

    def collect(self) -> Iterator[pytest.Item]:
        path = _relative(self)
        document = parse_bytes(self.path.read_bytes())
        for finding in document.findings:
            if finding.code in ("E001", "E002"):
                raise self.CollectError(f"{path}:{finding.line}:{finding.column}: "
                                        f"{finding.message}; save the page as UTF-8")
        for block in python_blocks(TermFile(path, "", document)):
            try:
                project = self.config.stash[_PROJECT]
                example: Example | str = resolve(block, path, project.root, project.examples)
            except EmbedError as exc:
                example = str(exc)
            for device in DEVICES:
                yield ExampleItem.from_parent(
                    self, name=f"{block.line}[{device}]", example=example, device=device,
                    line=block.line, nodeid=f"{self.nodeid}:{block.line}[{device}]")


class ExampleItem(pytest.Item):
    def __init__(self, *, example: Example | str, device: str, line: int = 1,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # A string is what is wrong with a block that cannot even be resolved.
        self.example, self.device, self.line = example, device, line
        self.add_marker(pytest.mark.example)

    def runtest(self) -> None:
        example = self.example
        if isinstance(example, str):
            raise ExampleFailed(example)
        where = example.where
        if example.problem is not None:
            raise ExampleFailed(example.problem)
        if example.options.skip is not None:
            pytest.skip(f"{where}: {example.options.skip}")
        if self.device == "cuda" and not cuda_available():
            pytest.skip("no CUDA device here; the [cpu] run covers this example")
        runner = _runner(self.config, self.device)
        key = runner.key(example)
        stored = runner.store.get(key)
        if stored is not None and stored.created >= self.config.stash[_STARTED]:
            return  # this very code ran, and passed, earlier in this session
        timeout = example.options.timeout or runner.timeout
        result = runner.run(example, timeout)
        if result.status != "passed":
            raise ExampleFailed(f"{where}: example "
                                f"{describe_failure(result, timeout, self.device)}")
        runner.store.put(key, result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        if isinstance(excinfo.value, ExampleFailed):
            return excinfo.value.message
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line - 1, f"example {_relative(self)}:{self.line}[{self.device}]"
