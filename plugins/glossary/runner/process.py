"""Run one example, a file or a Markdown block, in a process of its own with a time limit.

The source is compiled under its own path with its first line where it stands in that
file, so a traceback names `content/en/Momentum.md", line 42` rather than a temp file.
A run on the CPU hides every GPU from the example; an endless loop is killed with its
whole process group at the time limit.

On Linux an example's process is forked from one that has imported torch already
(`zygote.py`): that saves each run the 1.7 s the import takes. Such a process is kept
per environment and per run going on at once, the last used few of them, and ends
with this one. Elsewhere, or if it cannot start, each example starts a fresh
interpreter.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from glossary.core.blocks import has_code

Status = Literal["passed", "failed", "timeout", "empty"]

_BOOTSTRAP = Path(__file__).with_name("bootstrap.py")
_ZYGOTE = Path(__file__).with_name("zygote.py")
FORK = sys.platform == "linux"  # start examples from a process with torch imported


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
        return _ended(None, True, stdout, stderr, start)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # what it started and left running ends too
    return _ended(process.returncode, False, stdout, stderr, start)


# What is kept of an example's output: the page shows 200 lines of it.
MAX_OUTPUT_BYTES = 1024 * 1024


def _capped(text: str) -> str:
    """`text`, cut at MAX_OUTPUT_BYTES with a note saying so."""
    data = text.encode("utf-8", errors="replace")
    if len(data) <= MAX_OUTPUT_BYTES:
        return text
    kept = data[:MAX_OUTPUT_BYTES].decode("utf-8", errors="ignore")
    return f"{kept}\n… output cut at {MAX_OUTPUT_BYTES // 1024 // 1024} MB of {len(data):,} bytes\n"


def _read_capped(path: Path) -> str:
    """The start of an output file, never more than MAX_OUTPUT_BYTES of it in memory."""
    if not path.exists():
        return ""
    size = path.stat().st_size
    with path.open("rb") as file:
        data = file.read(MAX_OUTPUT_BYTES)
    text = data.decode("utf-8", errors="replace" if size <= MAX_OUTPUT_BYTES else "ignore")
    if size > MAX_OUTPUT_BYTES:
        text += f"\n… output cut at {MAX_OUTPUT_BYTES // 1024 // 1024} MB of {size:,} bytes\n"
    return text


def _ended(returncode: int | None, timed_out: bool, stdout: str, stderr: str,
           start: float) -> RunResult:
    """The result of a run that began at `start` (perf_counter) and has just ended."""
    seconds = time.perf_counter() - start
    stdout, stderr = _capped(stdout), _capped(stderr)
    if timed_out:
        return RunResult("timeout", None, stdout, stderr, seconds)
    return RunResult("passed" if returncode == 0 else "failed", returncode, stdout, stderr,
                     seconds)


class _ZygoteGone(Exception):
    """The forking process ended or answered nonsense."""


class _Zygote:
    """A process that forks examples with torch, NumPy and pyplot imported (`zygote.py`)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _ZYGOTE.read_text(encoding="utf-8"), str(_BOOTSTRAP)],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            encoding="utf-8", start_new_session=True)
        self._receive()  # {"ready": true} once the imports are done

    def _receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        try:
            message = json.loads(line)
        except ValueError:
            raise _ZygoteGone from None
        if not isinstance(message, dict):
            raise _ZygoteGone
        return message

    def run(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except OSError:
            raise _ZygoteGone from None
        self._receive()  # {"pid": n}
        return self._receive()  # {"returncode": n, "timeout": bool}

    def close(self) -> None:
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# Variables that change from run to run without changing what a library sees at import:
# a zygote serves every environment that differs from its own in these alone.
_PER_RUN = frozenset({"GLOSSARY_FIGURES", "PYTEST_CURRENT_TEST"})
_MAX_IDLE = max(2, os.cpu_count() or 1)  # zygotes kept waiting, the last used ones
_Key = tuple[tuple[str, str], ...]  # an environment less the variables in _PER_RUN
_idle: list[tuple[_Key, _Zygote]] = []
_idle_lock = threading.Lock()


def _zygote_key(env: dict[str, str]) -> _Key:
    return tuple(sorted((name, value) for name, value in env.items() if name not in _PER_RUN))


def _take_zygote(key: _Key) -> _Zygote | None:
    with _idle_lock:
        for n in range(len(_idle) - 1, -1, -1):
            if _idle[n][0] == key:
                return _idle.pop(n)[1]
    try:
        return _Zygote(dict(key))
    except (OSError, _ZygoteGone):
        return None


def _give_back(key: _Key, zygote: _Zygote) -> None:
    with _idle_lock:
        _idle.append((key, zygote))
        surplus = [_idle.pop(0)[1] for _ in range(len(_idle) - _MAX_IDLE)]
    for old in surplus:
        old.close()


@atexit.register
def _close_zygotes() -> None:
    with _idle_lock:
        zygotes = [zygote for _, zygote in _idle]
        _idle.clear()
    for zygote in zygotes:
        zygote.close()


def _fork_run(source: str, path: str, env: dict[str, str], folder: Path, *,
              timeout: float, cwd: Path | None) -> RunResult | None:
    """Run the example in a fork of a zygote; None when no zygote could be started."""
    key = _zygote_key(env)
    zygote = _take_zygote(key)
    if zygote is None:
        return None
    out, err = folder / "stdout.txt", folder / "stderr.txt"
    start = time.perf_counter()
    try:
        done = zygote.run({"path": path, "source": source, "cwd": str(cwd or Path.cwd()),
                           "env": env, "stdout": str(out), "stderr": str(err),
                           "timeout": timeout})
    except _ZygoteGone:
        zygote.close()
        done = None
    else:
        _give_back(key, zygote)
    stdout, stderr = (_read_capped(p) for p in (out, err))
    if done is None:
        return _ended(None, False, stdout, stderr + "\nThe process that starts examples "
                      "stopped during this run; run it again.", start)
    code = done.get("returncode")
    return _ended(code if isinstance(code, int) else None, bool(done.get("timeout")), stdout,
                  stderr, start)


def run_example(source: str, path: str, first_line: int = 1, *, timeout: float = 60.0,
                device: str = "cpu", cwd: Path | None = None,
                python_path: tuple[Path, ...] = ()) -> RunResult:
    """Run `source`, which starts on line `first_line` of `path`, on `device` (cpu or cuda)."""
    if not has_code(source):
        return RunResult("empty", None, "", "", 0.0)
    env = _environment(device, python_path)
    env["MPLBACKEND"] = "Agg"  # plots go to files, never to a window
    padded = "\n" * (first_line - 1) + source
    with tempfile.TemporaryDirectory(prefix="glossary-run-") as temporary:
        folder = Path(temporary)
        figures = folder / "figures"
        figures.mkdir()
        env["GLOSSARY_FIGURES"] = str(figures)
        result = _fork_run(padded, path, env, folder, timeout=timeout, cwd=cwd) if FORK else None
        if result is None:
            argv = [sys.executable, "-c", _BOOTSTRAP.read_text(encoding="utf-8"), path]
            result = _spawn(argv, padded, timeout=timeout, env=env, cwd=cwd)
        saved = sorted(figures.glob("figure-*.svg"), key=lambda p: int(p.stem[7:]))
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
        argv = [sys.executable, "-m", "glossary.runner.notebooks", str(source), str(target), path]
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
