"""`make serve` while writing: a saved term shows up, and so does what it changes elsewhere.

The server is started as the Makefile's `serve` target starts it (`--dirty`: only changed
pages are rebuilt), on the small fixture site, on 127.0.0.1. How fast that is, on a
large glossary, is measured by `benchmarks/serve_preview.py`, not here.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from serve_preview import serve_args

from tests.support import REPO

pytestmark = pytest.mark.build

ROOT = REPO.resolve()
MKDOCS = Path(sys.executable).with_name("mkdocs")


class Server:
    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.base = folder, f"http://127.0.0.1:{port}/"

    def page(self, path: str) -> str:
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return ""

    def shows(self, path: str, text: str, limit: float = 60) -> bool:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if text in self.page(path):
                return True
            time.sleep(0.1)
        return False

    def write(self, name: str, text: str) -> None:
        time.sleep(1.1)  # a new mtime second, and the watcher done with the last change
        (self.folder / "content" / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("serve")
    shutil.copytree(ROOT / "tests" / "fixtures" / "site", folder, dirs_exist_ok=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (folder / "serve.log").open("w")
    process = subprocess.Popen([str(MKDOCS), "serve", *serve_args(),
                                "--dev-addr", f"127.0.0.1:{port}"], cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT)
    running = Server(folder, port)
    try:
        assert running.shows("en/Mean/", "<html", 120), (folder / "serve.log").read_text()
        yield running
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_a_saved_definition_is_served(server: Server) -> None:
    mean = (server.folder / "content" / "en" / "Mean.md").read_text(encoding="utf-8")
    server.write("en/Mean.md", mean.replace("divided by their count",
                                            "divided by their number"))
    assert server.shows("en/Mean/", "divided by their number")


def test_a_new_term_appears_in_the_referenced_by_list_of_the_term_it_links_to(
        server: Server) -> None:
    server.write("en/Range.md", "## Range {#Range .term}\n\n**Range** is the largest value "
                 "minus the smallest.\n\n### Computing it {.explanation}\n\nSubtract, and "
                 "compare with the [mean](#Mean).\n\n### See also {.seealso}\n\n"
                 "[Mean](#Mean) |\n[Index](#Index) |\n")
    assert server.shows("en/Range/", "largest value")
    # Mean's source did not change: only the plugin knows its page must be built again.
    assert server.shows("en/Mean/", 'href="../Range/"'), server.page("en/Mean/")


def test_a_new_title_reaches_the_twins_language_line(server: Server) -> None:
    spread = (server.folder / "content" / "en" / "Spread.md").read_text(encoding="utf-8")
    server.write("en/Spread.md", spread.replace("## Spread {", "## Dispersion {"))
    assert server.shows("Spread/", "Dispersion"), server.page("Spread/")
