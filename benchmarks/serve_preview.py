"""Time from saving a term page to `mkdocs serve` serving the change, on a large glossary.

    python benchmarks/serve_preview.py [--terms 345] [--edits 5] [--serve-args "..."]

A synthetic glossary of `--terms` German term files (`make_corpus.py`) is served with
this repository's `mkdocs.yml` and the arguments `make serve` uses (or `--serve-args`),
examples off. Then, `--edits` times, one term file gets a new word in its definition
and the page is fetched every 50 ms until it shows the word: that is when the live
reload makes the browser show the change. A full `mkdocs build` of the same site is
timed for comparison. The last line is `preview_s=<median> full_build_s=<seconds>`.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")


def serve_args() -> list[str]:
    """The arguments `make serve` gives `mkdocs serve`, less the address."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"^serve:.*\n(?:#.*\n)*\t\$\(BIN\)/mkdocs serve(.*)$", makefile, re.M)
    assert line, "Makefile has no `serve` target running mkdocs serve"
    args = shlex.split(line[1])
    if "--dev-addr" in args:
        at = args.index("--dev-addr")
        del args[at:at + 2]
    return args


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, marker: str, limit: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        page = fetch(url)
        if page is not None and marker in page:
            return time.perf_counter() - start
        time.sleep(0.05)
    sys.exit(f"{url} did not show {marker!r} within {limit:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=345)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--serve-args", help="instead of those of `make serve`")
    args = parser.parse_args()
    extra = shlex.split(args.serve_args) if args.serve_args is not None else serve_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GLOSSARY_EXAMPLES": "false"}
    with tempfile.TemporaryDirectory(prefix="serve-preview-") as tmp:
        folder = Path(tmp)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"),
                        str(folder / "content"), "--terms", str(args.terms), "--langs", "de",
                        "--broken", "0"],
                       check=True, capture_output=True)
        shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
        start = time.perf_counter()
        subprocess.run([str(MKDOCS), "build", "-q"], cwd=folder, env=env, check=True,
                       capture_output=True)
        full_build = time.perf_counter() - start
        pages = sorted((folder / "content" / "de").glob("*.md"))
        port = free_port()
        log = (folder / "serve.log").open("w")
        server = subprocess.Popen([str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}",
                                   *extra], cwd=folder, env=env, stdout=log, stderr=log)
        try:
            wait_for(f"http://127.0.0.1:{port}/{pages[0].stem}/", "<html", 300)
            times = []
            for n in range(args.edits):
                page = pages[(n * 37) % len(pages)]
                marker = f"Vorschauwort{n}x{time.time_ns()}"
                text = page.read_text(encoding="utf-8")
                # The definition paragraph starts with the bold title: append to it.
                edited = re.sub(r"^(\*\*[^\n]*)$", rf"\1 {marker}", text, count=1, flags=re.M)
                assert edited != text, f"{page.name}: no definition paragraph found"
                time.sleep(1.0)  # let the watcher settle after the previous rebuild
                page.write_text(edited, encoding="utf-8")
                seconds = wait_for(f"http://127.0.0.1:{port}/{page.stem}/", marker, 120)
                times.append(seconds)
                print(f"edit {n + 1}: {page.name} shown after {seconds:.2f} s", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
    print(f"serve args: {' '.join(extra) or '(none)'}; {args.terms} terms")
    print(f"preview_s={statistics.median(times):.2f} full_build_s={full_build:.2f}")


if __name__ == "__main__":
    main()
