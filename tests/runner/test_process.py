"""Running one example: forked from a process with torch imported, or started fresh."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from glossary.runner import process as runner
from glossary.runner.process import run_example

PRINT_PARENT = "import os\nprint(os.getppid(), os.environ.get('MARK', '-'))\n"


@pytest.fixture(autouse=True)
def no_idle_zygotes() -> None:
    runner._close_zygotes()


def _parent_and_mark(result: runner.RunResult) -> tuple[str, str]:
    assert result.status == "passed", result.stderr
    parent, mark = result.stdout.split()
    return parent, mark


@pytest.mark.skipif(not runner.FORK, reason="examples are forked on Linux only")
def test_runs_share_a_zygote_and_see_their_own_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = []
    for n in range(3):
        # pytest changes this variable before every test: it must not cost a new zygote.
        monkeypatch.setenv("PYTEST_CURRENT_TEST", f"test {n}")
        monkeypatch.setenv("MARK", "a")
        first.append(_parent_and_mark(run_example(PRINT_PARENT, "ex.py")))
    assert len({parent for parent, _ in first}) == 1 and first[0][0] != str(os.getpid())
    monkeypatch.setenv("MARK", "b")  # another environment: another zygote, as it was read
    parent, mark = _parent_and_mark(run_example(PRINT_PARENT, "ex.py"))
    assert mark == "b" and parent != first[0][0]


@pytest.mark.slow
@pytest.mark.skipif(not runner.FORK, reason="examples are forked on Linux only")
def test_idle_zygotes_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(runner._MAX_IDLE + 2):
        monkeypatch.setenv("MARK", str(n))
        assert run_example("print(1)", "ex.py").status == "passed"
    assert len(runner._idle) == runner._MAX_IDLE


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "fresh"])
def test_time_limit_kills_the_example_and_what_it_started(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork: bool) -> None:
    monkeypatch.setattr(runner, "FORK", fork and runner.FORK)
    source = ("import subprocess, pathlib\n"
              "child = subprocess.Popen(['sleep', '60'])\n"
              "pathlib.Path('child.pid').write_text(str(child.pid))\n"
              "while True:\n    pass\n")
    result = run_example(source, "ex.py", timeout=2, cwd=tmp_path)
    assert result.status == "timeout"
    child = int((tmp_path / "child.pid").read_text())
    for _ in range(50):  # the kill is sent; the process table may lag a little
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"process {child}, started by the example, outlived its time limit")


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "fresh"])
def test_exit_codes_output_and_figures_are_those_of_a_fresh_interpreter(
        monkeypatch: pytest.MonkeyPatch, fork: bool) -> None:
    monkeypatch.setattr(runner, "FORK", fork and runner.FORK)
    failed = run_example("print('before')\nraise SystemExit(3)\n", "ex.py", 5)
    assert (failed.status, failed.returncode, failed.stdout) == ("failed", 3, "before\n")
    crashed = run_example("x = 1\nraise ValueError('bad')\n", "ex.py", 5)
    assert crashed.returncode == 1 and 'File "ex.py", line 6' in crashed.stderr
    plotted = run_example("import matplotlib.pyplot as plt\nplt.plot([1, 2])\n", "ex.py")
    assert plotted.status == "passed" and plotted.figures[0].startswith(b"<?xml")


def test_a_notebook_cell_prints_one_output_however_the_kernel_batched_it(tmp_path: Path) -> None:
    source = tmp_path / "walk.py"
    # Flushed apart in time, the kernel sends the lines as two messages.
    source.write_text("# %%\nimport sys, time\nprint('one', flush=True)\ntime.sleep(0.3)\n"
                      "print('two', flush=True)\nprint('err', file=sys.stderr)\n")
    result = runner.run_notebook(source, "walk.py", timeout=60)
    assert result.status == "passed", result.stderr
    assert result.notebook is not None
    (cell,) = json.loads(result.notebook)["cells"]
    assert [(o["name"], o["text"]) for o in cell["outputs"]] == [("stdout", ["one\n", "two\n"]),
                                                                  ("stderr", ["err\n"])]
