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
from dataclasses import dataclass
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


def run_example(source: str, path: str, first_line: int = 1, *, timeout: float = 60.0,
                device: str = "cpu", cwd: Path | None = None,
                python_path: tuple[Path, ...] = ()) -> RunResult:
    """Run `source`, which starts on line `first_line` of `path`, on `device` (cpu or cuda)."""
    if not has_code(source):
        return RunResult("empty", None, "", "", 0.0)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([*map(str, python_path), env.get("PYTHONPATH", "")])
    env["GLOSSARY_DEVICE"] = device
    env["PYTHONIOENCODING"] = "utf-8"
    env["MPLBACKEND"] = "Agg"  # plots go to files, never to a window
    if device == "cpu":
        env["CUDA_VISIBLE_DEVICES"] = ""
    padded = "\n" * (first_line - 1) + source
    with tempfile.TemporaryDirectory(prefix="glossary-figures-") as figures:
        env["GLOSSARY_FIGURES"] = figures
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", _BOOTSTRAP.read_text(encoding="utf-8"), path], cwd=cwd,
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            encoding="utf-8", errors="replace", start_new_session=True)
        try:
            stdout, stderr = process.communicate(padded, timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # children of the example too
            stdout, stderr = process.communicate()
            return RunResult("timeout", None, stdout, stderr, time.perf_counter() - start)
        seconds = time.perf_counter() - start
        status: Status = "passed" if process.returncode == 0 else "failed"
        saved = sorted(Path(figures).glob("figure-*.svg"), key=lambda p: int(p.stem[7:]))
        return RunResult(status, process.returncode, stdout, stderr, seconds,
                         tuple(p.read_bytes() for p in saved))


_TAIL = 40  # lines of stderr shown for a failed example


def describe_failure(result: RunResult, timeout: float, device: str) -> str:
    """`failed with exit code 1 on cpu` and the end of stderr, without the runner's frames."""
    what = {
        "failed": f"failed with exit code {result.returncode}",
        "timeout": f"was stopped after its time limit of {timeout:g} s",
        "empty": "has no code to run (only comments or nothing)",
    }.get(result.status, result.status)
    lines = [line for line in result.stderr.rstrip().splitlines()
             if not line.startswith('  File "<string>"')]
    tail = "\n".join(lines[-_TAIL:])
    return f"{what} on {device}" + (f"\n{tail}" if tail else "")
