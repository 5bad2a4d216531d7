"""Run one example, a file or a Markdown block, in a process of its own with a time limit.

The source is compiled under its own path with its first line where it stands in that
file, so a traceback names `content/en/Momentum.md", line 42` rather than a temp file.
A run on the CPU hides every GPU from the example; an endless loop is killed with its
whole process group at the time limit.
"""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Status = Literal["passed", "failed", "timeout", "empty"]

# Reads the padded source from stdin and runs it as __main__ under the given file name.
_BOOTSTRAP = (
    "import sys; path = sys.argv[1]; source = sys.stdin.read(); "
    "sys.argv = [path]; "
    "exec(compile(source, path, 'exec'), {'__name__': '__main__', '__file__': path})"
)


@dataclass(frozen=True, slots=True)
class RunResult:
    status: Status
    returncode: int | None
    stdout: str
    stderr: str
    seconds: float


def has_code(source: str) -> bool:
    """Whether the source has a statement to run (not only comments, or nothing)."""
    try:
        return bool(ast.parse(source).body)
    except SyntaxError:
        return True  # running it reports the error at its line


def run_example(source: str, path: str, first_line: int = 1, *, timeout: float = 60.0,
                device: str = "cpu", cwd: Path | None = None,
                python_path: tuple[Path, ...] = ()) -> RunResult:
    """Run `source`, which starts on line `first_line` of `path`, on `device` (cpu or cuda)."""
    if not has_code(source):
        return RunResult("empty", None, "", "", 0.0)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([*map(str, python_path), env.get("PYTHONPATH", "")])
    env["GLOSSARY_DEVICE"] = device
    env.setdefault("MPLBACKEND", "Agg")  # plots go to files, never to a window
    if device == "cpu":
        env["CUDA_VISIBLE_DEVICES"] = ""
    padded = "\n" * (first_line - 1) + source
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", _BOOTSTRAP, path], cwd=cwd, env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = process.communicate(padded, timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # children of the example too
        stdout, stderr = process.communicate()
        return RunResult("timeout", None, stdout, stderr, time.perf_counter() - start)
    status: Status = "passed" if process.returncode == 0 else "failed"
    return RunResult(status, process.returncode, stdout, stderr, time.perf_counter() - start)
