"""The MkDocs plugin end to end: a small site built in tmp_path with MkDocs + Material."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands import build as build_module
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files

from support import FIXTURES

MKDOCS_YML = """\
site_name: Test
docs_dir: content
theme:
  name: material
markdown_extensions:
  - attr_list
plugins:
  - glossary:
      exclude: [index.md]
{extra}
"""


def _site(tmp_path: Path, extra: str = "") -> Path:
    shutil.copytree(FIXTURES / "clean", tmp_path / "content")
    for lang in ("de", "en"):
        (tmp_path / "content" / lang / "index.md").write_text("# Home\n\n[Index](Index.md)\n")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML.format(extra=extra))
    return tmp_path


def _build(root: Path, strict: bool = False) -> None:
    config = load_config(str(root / "mkdocs.yml"), strict=strict)
    build_module.build(config)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def log() -> Iterator[_Records]:
    """Records of MkDocs' loggers (which do not propagate to pytest's caplog)."""
    handler = _Records()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


def _messages(log: _Records, name: str = "mkdocs.plugins.glossary") -> list[tuple[str, str]]:
    return [(r.levelname, r.getMessage()) for r in log.records if r.name == name]


def _hrefs(page: Path) -> list[str]:
    article = page.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>")[0]
    return re.findall(r'href="([^"#][^"]*)"', article)


def test_clean_site_builds_strict_with_pages_where_design_says(tmp_path: Path,
                                                               log: _Records) -> None:
    root = _site(tmp_path)
    _build(root, strict=True)
    site = root / "site"
    for page in ("Momentum", "Gradient-Descent", "Index", "en/Momentum", "en/Index"):
        assert (site / page / "index.html").is_file(), page
    assert (site / "index.html").is_file() and (site / "en" / "index.html").is_file()
    assert not (site / "de").exists()
    assert _messages(log) == []


def test_links_resolve_within_the_language(tmp_path: Path) -> None:
    root = _site(tmp_path)
    _build(root)
    de = _hrefs(root / "site" / "Momentum" / "index.html")
    en = _hrefs(root / "site" / "en" / "Momentum" / "index.html")
    # The inline link, the see-also entries (term and index), and the backlink.
    assert de == ["../Gradient-Descent/", "../Gradient-Descent/", "../Index/",
                  "../Gradient-Descent/"]
    assert en == ["../Gradient-Descent/", "../Gradient-Descent/", "../Index/",
                  "../Gradient-Descent/"]
    html = (root / "site" / "Momentum" / "index.html").read_text(encoding="utf-8")
    assert "[kein](#Link)" in html  # a link inside a code block stays code


def test_backlinks_section(tmp_path: Path) -> None:
    root = _site(tmp_path)
    _build(root)
    de = (root / "site" / "Momentum" / "index.html").read_text(encoding="utf-8")
    en = (root / "site" / "en" / "Momentum" / "index.html").read_text(encoding="utf-8")
    backlinks = (r'<section class="glossary-backlinks" data-search-exclude>\s*<h3 id="{}">{}</h3>'
                 r'\s*<ul>\s*<li><a href="{}">{}</a>')
    assert re.search(backlinks.format("verlinkt-von", "Verlinkt von", r"\.\./Gradient-Descent/",
                                      "Gradientenabstieg"), de)
    assert re.search(backlinks.format("referenced-by", "Referenced by", r"\.\./Gradient-Descent/",
                                      "Gradient Descent"), en)


def test_generated_index(tmp_path: Path) -> None:
    root = _site(tmp_path)
    _build(root)
    index = (root / "site" / "Index" / "index.html").read_text(encoding="utf-8")
    entries = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>: ([^<]+)</li>', index)
    assert entries == [
        ("../Gradient-Descent/", "Gradientenabstieg",
         "Gradientenabstieg folgt dem negativen Gradienten der Verlustfunktion."),
        ("../Momentum/", "Momentum", "Momentum beschleunigt den Gradientenabstieg, indem jeder "
                                     "Schritt einen Teil des vorigen Schritts mitnimmt."),
    ]


def test_diagnostics_are_logged_and_fail_strict(tmp_path: Path, log: _Records) -> None:
    root = _site(tmp_path)
    page = root / "content" / "en" / "Momentum.md"
    page.write_text(page.read_text().replace("(#Gradient-Descent)", "(#Gradient-Decent)", 1))
    with pytest.raises(Abort, match="Aborted with 1 errors in strict mode"):
        _build(root, strict=True)
    assert _messages(log) == [(
        "ERROR",
        "glossary: content/en/Momentum.md:3:24: L001 link "
        "`[gradient descent](#Gradient-Decent)` points to no term of this language "
        "(did you mean `Gradient-Descent`?)",
    )]


def test_severity_config_in_mkdocs_yml(tmp_path: Path, log: _Records) -> None:
    extra = "      severity: {B001: info}\n      ignore: [G001]\n      min_severity: info\n"
    root = _site(tmp_path, extra=extra)
    (root / "content" / "de" / "Nesterov.md").write_text(
        "## Nesterov {#Nesterov .term}\n\n**Nesterov** schaut voraus, wie [Momentum](#Momentum)."
        "\n\n### Idee {.explanation}\n\nErst springen, dann korrigieren.\n\n"
        "### Siehe auch {.seealso}\n\n[Momentum](#Momentum) |\n[Index](#Index) |\n"
    )
    _build(root, strict=True)  # B001 is info now: logged, but strict still passes
    assert _messages(log) == [(
        "INFO", "glossary: content/de/Nesterov.md:1:14: B001 `Nesterov` has no English twin "
                "(en/Nesterov.md) (add the term in the other language with the same file name)",
    )]


def test_bad_plugin_config_stops_the_build_with_its_reason(tmp_path: Path, log: _Records) -> None:
    root = _site(tmp_path, extra="      ignore: [NOPE]\n")
    with pytest.raises(Abort):
        _build(root)
    assert ("ERROR", "mkdocs.yml plugins.glossary: ignore: `NOPE` matches no rule code "
            "(codes are like S001, L001; prefixes like S or L0)"
            ) in _messages(log, "mkdocs.commands.build")


def test_output_does_not_depend_on_page_order(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root = _site(tmp_path)
    _build(root)
    first = {p.relative_to(root / "site"): p.read_bytes()
             for p in (root / "site").rglob("*.html")}
    original = build_module.get_files  # type: ignore[attr-defined]
    monkeypatch.setattr(build_module, "get_files",
                        lambda config: Files(list(reversed(list(original(config))))))
    _build(root)
    second = {p.relative_to(root / "site"): p.read_bytes()
              for p in (root / "site").rglob("*.html")}
    assert second == first


def test_links_reach_terms_whose_file_is_named_otherwise(tmp_path: Path, log: _Records) -> None:
    root = _site(tmp_path)
    de = root / "content" / "de"
    (de / "Extra.md").write_text(
        "## Extra {#Extra .term}\n\n**Extra** ist ein Begriff.\n\n"
        "## Zweiter {#Second .term}\n\n**Zweiter** steht in derselben Datei.\n")
    (de / "Renamed.md").write_text("## Nesterov {#Nesterov .term}\n\n**Nesterov** schaut voraus.\n")
    momentum = de / "Momentum.md"
    momentum.write_text(momentum.read_text().replace(
        "mitnimmt.", "mitnimmt, wie [hier](#Second) und [dort](#Nesterov)."))
    _build(root)
    hrefs = _hrefs(root / "site" / "Momentum" / "index.html")
    assert hrefs[:3] == ["../Gradient-Descent/", "../Extra/#Second", "../Renamed/"]
    index = (root / "site" / "Index" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<li><a href="([^"]+)">', index) == [
        "../Extra/", "../Gradient-Descent/", "../Momentum/", "../Renamed/", "../Extra/#Second"]
    assert ("ERROR", "glossary: content/de/Extra.md:5:1: S002 term heading `Second` in a "
            "file that already holds `Extra` (line 1) (move each term into its own file named "
            "after its anchor)") in _messages(log)
