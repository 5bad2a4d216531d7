"""Run one example, a file or a Markdown block, in a process of its own with a time limit.

The source is compiled under its own path with its first line where it stands in that
file, so a traceback names `content/en/Momentum.md", line 42` rather than a temp file.
A run on the CPU hides every GPU from the example; an endless loop is killed with its
whole process group at the time limit.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from .blocks import has_code

Status = Literal["passed", "failed", "timeout", "empty"]

_BOOTSTRAP = Path(__file__).with_name("_bootstrap.py")


@dataclass(frozen=True, slots=True)
class RunResult:
    status: Status
    returncode: int | None
    stdout: str
    stderr: str
    seconds: float
    figures: tuple[bytes, ...] = ()  # SVG, in the order the figures were opened
    notebook: bytes | None = None  # an executed notebook, as .ipynb JSON


def _environment(device: str, python_path: tuple[Path, ...]) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([*map(str, python_path), env.get("PYTHONPATH", "")])
    env["GLOSSARY_DEVICE"] = device
    env["PYTHONIOENCODING"] = "utf-8"
    # Examples run side by side, one per core; a torch that also spreads each one over
    # every core oversubscribes the machine and runs them several times slower.
    env.setdefault("OMP_NUM_THREADS", "1")
    if device == "cpu":
        env["CUDA_VISIBLE_DEVICES"] = ""
    return env


def _spawn(argv: list[str], stdin: str, *, timeout: float, env: dict[str, str],
           cwd: Path | None) -> RunResult:
    """Run a process in a session of its own; at the time limit, kill it and its children."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               encoding="utf-8", errors="replace", start_new_session=True)
    try:
        stdout, stderr = process.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        return RunResult("timeout", None, stdout, stderr, time.perf_counter() - start)
    status: Status = "passed" if process.returncode == 0 else "failed"
    return RunResult(status, process.returncode, stdout, stderr, time.perf_counter() - start)


def run_example(source: str, path: str, first_line: int = 1, *, timeout: float = 60.0,
                device: str = "cpu", cwd: Path | None = None,
                python_path: tuple[Path, ...] = ()) -> RunResult:
    """Run `source`, which starts on line `first_line` of `path`, on `device` (cpu or cuda)."""
    if not has_code(source):
        return RunResult("empty", None, "", "", 0.0)
    env = _environment(device, python_path)
    env["MPLBACKEND"] = "Agg"  # plots go to files, never to a window
    padded = "\n" * (first_line - 1) + source
    with tempfile.TemporaryDirectory(prefix="glossary-figures-") as figures:
        env["GLOSSARY_FIGURES"] = figures
        argv = [sys.executable, "-c", _BOOTSTRAP.read_text(encoding="utf-8"), path]
        result = _spawn(argv, padded, timeout=timeout, env=env, cwd=cwd)
        saved = sorted(Path(figures).glob("figure-*.svg"), key=lambda p: int(p.stem[7:]))
        return replace(result, figures=tuple(p.read_bytes() for p in saved))


def run_notebook(source: Path, path: str, *, timeout: float = 60.0, device: str = "cpu",
                 cwd: Path | None = None, python_path: tuple[Path, ...] = ()) -> RunResult:
    """Execute the notebook `source`, shown as `path`, in a Jupyter kernel.

    The executed notebook is the result's `notebook`.
    """
    env = _environment(device, python_path)
    env.pop("MPLBACKEND", None)  # the kernel's inline backend puts figures into the notebook
    with tempfile.TemporaryDirectory(prefix="glossary-notebook-") as folder:
        target = Path(folder) / "executed.ipynb"
        argv = [sys.executable, "-m", "glossary.notebooks", str(source), str(target), path]
        result = _spawn(argv, "", timeout=timeout, env=env, cwd=cwd)
        if result.status == "passed":
            result = replace(result, notebook=target.read_bytes())
        return result


_TAIL = 40  # lines of stderr shown for a failed example


def describe_failure(result: RunResult, timeout: float, device: str) -> str:
    """`failed with exit code 1 on cpu` and the end of stderr, without the runner's frames."""
    code = result.returncode
    if result.status == "failed" and code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        what = f"was killed by signal {name}" + (
            " (out of memory, or stopped from outside)" if -code == signal.SIGKILL else "")
        return _with_tail(f"{what} on {device}", result)
    what = {
        "failed": f"failed with exit code {result.returncode}",
        "timeout": f"was stopped after its time limit of {timeout:g} s",
        "empty": "has no code to run (only comments or nothing)",
    }.get(result.status, result.status)
    return _with_tail(f"{what} on {device}", result)


def _with_tail(headline: str, result: RunResult) -> str:
    lines = [line for line in result.stderr.rstrip().splitlines()
             if not line.startswith(('  File "<string>"', "[IPKernelApp] WARNING"))]
    tail = "\n".join(lines[-_TAIL:])
    return headline + (f"\n{tail}" if tail else "")
