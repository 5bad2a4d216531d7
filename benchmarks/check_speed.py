"""Time `glossary check` on a folder of term files: cold, warm, and after an edit.

    python benchmarks/check_speed.py DIR [--lang L] [--runs 5]

Each run is a fresh `glossary` process, as a contributor would start it, checking a
copy of DIR. A cold run gets an empty cache folder; warm runs share one that a first
run filled, with nothing changed; an edit run follows a change to one file (a line
added to the middle file), as a writer checks after saving. The medians are printed as
the last line: `cold_s=<x> warm_s=<y> edit_s=<z>`.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from folder_args import parse_folder_args

GLOSSARY = Path(sys.executable).with_name("glossary")


def timed_check(folder: Path, lang: str | None, cache: Path) -> tuple[float, int]:
    command = [str(GLOSSARY), "check", str(folder), "--cache-dir", str(cache)]
    if lang:
        command += ["--lang", lang]
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"glossary check failed with exit code {done.returncode}: {' '.join(command)}")
    return elapsed, done.returncode


def main() -> None:
    args = parse_folder_args(__doc__)
    files = list(args.folder.rglob("*.md"))
    size = sum(f.stat().st_size for f in files)
    print(f"{args.folder}: {len(files)} .md files, {size / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "copy"
        shutil.copytree(args.folder, folder)
        cold = []
        for n in range(args.runs):
            elapsed, code = timed_check(folder, args.lang, Path(scratch) / f"cold-{n}")
            cold.append(elapsed)
            print(f"cold run {n + 1}: {elapsed:.3f} s (exit {code})")
        warm_cache = Path(scratch) / "warm"
        timed_check(folder, args.lang, warm_cache)
        warm = []
        for n in range(args.runs):
            elapsed, code = timed_check(folder, args.lang, warm_cache)
            warm.append(elapsed)
            print(f"warm run {n + 1}: {elapsed:.3f} s (exit {code})")
        edited = sorted(folder.rglob("*.md"))[len(files) // 2]
        edit = []
        for n in range(args.runs):
            with edited.open("a", encoding="utf-8") as out:
                out.write(f"\nEdit {n}.\n")
            elapsed, code = timed_check(folder, args.lang, warm_cache)
            edit.append(elapsed)
            print(f"edit run {n + 1}: {elapsed:.3f} s (exit {code})")
    print(f"cold_s={statistics.median(cold):.3f} warm_s={statistics.median(warm):.3f} "
          f"edit_s={statistics.median(edit):.3f}")


if __name__ == "__main__":
    main()
