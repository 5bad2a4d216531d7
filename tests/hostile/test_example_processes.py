"""What an example starts and leaves running ends when its result is in."""

from __future__ import annotations

import time
from pathlib import Path

from glossary.runner.process import run_example


def _alive(pid: int) -> bool:
    """Running or sleeping; a zombie waiting for its parent to reap it is not alive."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def test_fifty_children_left_sleeping_are_killed(tmp_path: Path) -> None:
    source = ("import os, time\npids = []\nfor _ in range(50):\n    pid = os.fork()\n"
              "    if pid == 0:\n        time.sleep(600)\n        os._exit(0)\n"
              "    pids.append(pid)\n"
              "open('pids.txt', 'w').write(' '.join(map(str, pids)))\nprint('parent done')\n")
    result = run_example(source, "en/A.md", timeout=60, cwd=tmp_path)
    assert result.status == "passed" and result.stdout == "parent done\n"
    pids = [int(p) for p in (tmp_path / "pids.txt").read_text().split()]
    assert len(pids) == 50
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in pids)
