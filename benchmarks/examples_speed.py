"""Time the site's examples: every one from scratch, then a rebuild with nothing changed.

    python benchmarks/examples_speed.py [--jobs 2] [--runs 3]

The repository's `mkdocs.yml`, `content/` and `examples/` are copied to a temporary
folder, so the real results store is neither used nor touched. Three measurements,
each `mkdocs build` in a fresh process:

- `cold`: an empty results store, so every example block, example file embedded by a
  page and walkthrough notebook runs (`--jobs` at a time); `examples_s` is the time the
  build itself reports for running them.
- `warm`: the same build again, with the store filled; it must run nothing.
- `off`: the same build with the plugin's `examples: false`: no example is looked at.

The last line is `examples_s=<cold run time> rebuild_extra_s=<median warm - median off>
executed_on_rebuild=<number of runs in the warm builds>`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")
_RAN_RE = re.compile(r"glossary: (examples|notebooks): (\d+) taken from the store, (\d+) run "
                     r"in ([\d.]+) s")


def build(folder: Path, examples: bool) -> tuple[float, int, float]:
    """(wall seconds, runs executed, seconds the plugin reports for running them)."""
    start = time.perf_counter()
    done = subprocess.run([str(MKDOCS), "build"], cwd=folder, capture_output=True,
                          text=True, check=False,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(MKDOCS.parent),
                               "GLOSSARY_EXAMPLES": str(examples).lower()})
    wall = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"mkdocs build failed in {folder}:\n{done.stderr[-3000:]}")
    found = _RAN_RE.findall(done.stderr)
    return wall, sum(int(ran) for _, _, ran, _ in found), sum(float(s) for *_, s in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="examples run at once")
    parser.add_argument("--runs", type=int, default=3, help="warm and off builds each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="examples-speed-") as tmp:
        folder = Path(tmp)
        for name in ("content", "examples"):
            shutil.copytree(ROOT / name, folder / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        # mkdocs.yml reads `examples` from GLOSSARY_EXAMPLES; only `jobs` is set here.
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        assert "  - glossary:\n" in config, "mkdocs.yml lists no glossary plugin"
        (folder / "mkdocs.yml").write_text(
            config.replace("  - glossary:\n", f"  - glossary:\n      jobs: {args.jobs}\n"),
            encoding="utf-8")
        cold_wall, cold_runs, examples_s = build(folder, examples=True)
        print(f"cold: {cold_runs} runs, {examples_s:.1f} s running them, build {cold_wall:.1f} s")
        warm, off_times, executed = [], [], 0
        for _ in range(args.runs):
            wall, ran, _ = build(folder, examples=True)
            warm.append(wall)
            executed += ran
            off_times.append(build(folder, examples=False)[0])
        extra = statistics.median(warm) - statistics.median(off_times)
        print(f"warm builds: {', '.join(f'{t:.2f}' for t in warm)} s; "
              f"examples off: {', '.join(f'{t:.2f}' for t in off_times)} s")
        print(f"examples_s={examples_s:.1f} rebuild_extra_s={extra:.2f} "
              f"executed_on_rebuild={executed}")


if __name__ == "__main__":
    main()
