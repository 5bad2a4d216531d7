"""The plugin under ProperDocs, the maintained fork of MkDocs 1.x, in an environment of its own.

`make test` creates `.venv-properdocs` (ProperDocs, Material and the plugin, without
MkDocs' command line in charge). The small bilingual fixture site is built there with
`properdocs build --strict` and here with MkDocs; both must give the same pages with
the same content. Without that environment the test skips and says how to create it,
except in CI (`CI` set), where it fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import REPO

pytestmark = pytest.mark.build

ROOT = REPO.resolve()
FIXTURE = ROOT / "tests" / "fixtures" / "site"
PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"


def _build(command: list[str], folder: Path, target: Path,
           *options: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", ""), "NO_MKDOCS_2_WARNING": "1",
           "SITE_URL": "http://127.0.0.1:8000/"}
    return subprocess.run([*command, "build", "--strict", "-f", "mkdocs.yml", "-d", str(target),
                           *options],
                          cwd=folder, env=env, capture_output=True, text=True, check=False)


def _article(html: str) -> str:
    """A page's content, as the plugin and Markdown made it."""
    found = re.search(r"<article[^>]*>(.*?)</article>", html, re.DOTALL)
    assert found, "a page without <article>"
    return found[1]


def test_the_fixture_site_builds_alike_under_properdocs_and_mkdocs(tmp_path: Path) -> None:
    if not PROPERDOCS.exists():
        reason = "no .venv-properdocs: `make test` (or `make .venv-properdocs/.installed`) makes it"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    folder = tmp_path / "site-source"
    shutil.copytree(FIXTURE, folder)
    proper = _build([str(PROPERDOCS)], folder, tmp_path / "properdocs", "--verbose")
    assert proper.returncode == 0, proper.stderr[-3000:]
    # ProperDocs itself ran (its templates are the theme's fallback), and so did the plugin.
    assert "site-packages/properdocs/templates" in proper.stderr
    assert "glossary:" in proper.stderr
    classic = _build([str(MKDOCS)], folder, tmp_path / "mkdocs")
    assert classic.returncode == 0, classic.stderr[-3000:]

    def pages(root: Path) -> dict[str, str]:
        return {str(p.relative_to(root)): p.read_text(encoding="utf-8")
                for p in root.rglob("*.html")}

    proper_pages, classic_pages = pages(tmp_path / "properdocs"), pages(tmp_path / "mkdocs")
    assert sorted(proper_pages) == sorted(classic_pages)
    assert {"Mean/index.html", "en/Mean/index.html", "Index/index.html",
            "Translation-Status/index.html"} <= set(proper_pages)
    for name, html in classic_pages.items():
        if name != "404.html":
            assert _article(proper_pages[name]) == _article(html), name
    # What the plugin adds around the content is there too: languages and the search split.
    mean = proper_pages["en/Mean/index.html"]
    assert '<html lang="en"' in mean and 'hreflang="de"' in mean
    assert (tmp_path / "properdocs" / "en" / "search" / "search_index.json").exists()
