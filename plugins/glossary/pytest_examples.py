"""pytest plugin: every `examples/*.py` runs in its own process, once per device.

Items carry the marker `example` and ids like `examples/momentum.py[cpu]`; the
`[cuda]` run is skipped, with the reason shown, where torch sees no GPU. A failure, a
time-out (ini `example_timeout`, 60 s by default) or an example without code fails
with the example's path and line and the end of what it wrote to stderr.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from .runner import RunResult, run_example

DEVICES = ("cpu", "cuda")
_TAIL = 40  # lines of stderr shown for a failed example


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("example_timeout", "seconds an example may run before it is killed",
                  default="60")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "example: a glossary example run in its own process")


def _is_example(path: Path) -> bool:
    return path.suffix == ".py" and path.parent.name == "examples" and path.name[0] != "_"


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    # Files named on the command line (or like test modules) reach pytest's Python
    # collector, which asks pytest_pycollect_makemodule below; the rest come here.
    python_file = parent.session.isinitpath(file_path) or any(
        file_path.match(pattern) for pattern in parent.config.getini("python_files"))
    if _is_example(file_path) and not python_file:
        return ExampleFile.from_parent(parent, path=file_path)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> Any:
    """An example is run, never imported as a test module."""
    return ExampleFile.from_parent(parent, path=module_path) if _is_example(module_path) else None


@cache
def cuda_available() -> bool:
    import torch

    return bool(torch.cuda.is_available())


class ExampleFailed(Exception):
    def __init__(self, where: str, device: str, result: RunResult, timeout: float) -> None:
        super().__init__(where)
        self.where, self.device, self.result, self.timeout = where, device, result, timeout


class ExampleFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        try:
            source = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise self.CollectError(f"{self.path.relative_to(self.config.rootpath)}: byte "
                                    f"{exc.start} is not UTF-8; save the example as UTF-8"
                                    ) from None
        for device in DEVICES:
            yield ExampleItem.from_parent(self, name=f"[{device}]", source=source, line=1,
                                          device=device, nodeid=f"{self.nodeid}[{device}]")


class ExampleItem(pytest.Item):
    def __init__(self, *, source: str, line: int, device: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source, self.line, self.device = source, line, device
        self.add_marker(pytest.mark.example)

    def _where(self) -> str:
        return f"{self.path.relative_to(self.config.rootpath).as_posix()}:{self.line}"

    def runtest(self) -> None:
        if self.device == "cuda" and not cuda_available():
            pytest.skip("no CUDA device here; the [cpu] run covers this example")
        root = self.config.rootpath
        timeout = float(self.config.getini("example_timeout"))
        result = run_example(self.source, self.path.relative_to(root).as_posix(), self.line,
                             timeout=timeout, device=self.device, cwd=root,
                             python_path=(root / "examples",))
        if result.status != "passed":
            raise ExampleFailed(self._where(), self.device, result, timeout)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        error = excinfo.value
        if not isinstance(error, ExampleFailed):
            return str(super().repr_failure(excinfo, style=style))
        result = error.result
        what = {
            "failed": f"failed with exit code {result.returncode}",
            "timeout": f"was stopped after its time limit of {error.timeout:g} s",
            "empty": "has no code to run (only comments or nothing)",
        }.get(result.status, result.status)
        tail = "\n".join(result.stderr.rstrip().splitlines()[-_TAIL:])
        return f"{error.where}: example {what} on {error.device}" + (f"\n{tail}" if tail else "")

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line - 1, f"example {self._where()}[{self.device}]"
