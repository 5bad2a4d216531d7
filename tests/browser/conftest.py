"""Browser tests: the built site, served on 127.0.0.1, in headless Chromium (Playwright).

Chromium comes from the system (Debian's `chromium`, which `.ci/run` installs); Playwright
never downloads a browser. Without Chromium the tests skip with the reason, except where
GLOSSARY_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
# As the machine's probe starts it: no background traffic, which the closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def _chromium() -> str | None:
    found = os.environ.get("CHROMIUM")
    return found or next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))),
                         None)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Handler(SimpleHTTPRequestHandler):
    """Static files, and the site's 404.html with status 404, as GitHub Pages does."""

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Site:
    """A built site being served: its folder and its address."""

    folder: Path
    url: str

    def at(self, path: str) -> str:
        return self.url + path.lstrip("/")


def _serve(config: Path, folder: Path) -> Iterator[Site]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    # The site's absolute links (sitemap, hreflang) must name the address it is served at.
    env = {**os.environ, "SITE_URL": url, "GLOSSARY_EXAMPLES": "false",
           "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                           "-d", str(folder)], cwd=config.parent, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"mkdocs build failed:\n{done.stdout}\n{done.stderr}"
    server = ThreadingHTTPServer(("127.0.0.1", port),
                                 partial(_Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(folder, url)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real glossary (without running examples), built and served."""
    yield from _serve(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """tests/fixtures/site: a term without twin, text that needs escaping."""
    yield from _serve(ROOT / "tests" / "fixtures" / "site" / "mkdocs.yml",
                      tmp_path_factory.mktemp("small-site"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    chromium = _chromium()
    if chromium is None:
        message = ("Chromium is not installed: `apt-get install chromium` (.ci/run does it), "
                   "or set CHROMIUM to its path")
        if os.environ.get("GLOSSARY_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Watched:
    """What a page did that it should not: console errors and requests off 127.0.0.1."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


@pytest.fixture
def watched() -> Watched:
    return Watched()


def _new_page(browser: Browser, watched: Watched, **options: Any) -> Page:
    context = browser.new_context(**options)

    def route(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in ("127.0.0.1", None) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            watched.outside.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda message: watched.errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def page(browser: Browser, watched: Watched) -> Iterator[Page]:
    page = _new_page(browser, watched, viewport={"width": 1280, "height": 900})
    yield page
    page.context.close()


@pytest.fixture
def touch_page(browser: Browser, watched: Watched) -> Iterator[Page]:
    page = _new_page(browser, watched, viewport={"width": 400, "height": 800},
                     has_touch=True, is_mobile=True)
    yield page
    page.context.close()


def screenshot(page: Page, name: str) -> Path:
    """Keep a full-page screenshot as a test artifact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
