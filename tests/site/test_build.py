"""The MkDocs plugin end to end: a small site built in tmp_path with MkDocs + Material."""

from __future__ import annotations

import json
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

from tests.support import FIXTURES

pytestmark = pytest.mark.build

MKDOCS_YML = """\
site_name: Test
docs_dir: content
theme:
  name: material
markdown_extensions:
  - attr_list
  - pymdownx.highlight
  - pymdownx.superfences
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


def _article(page: Path) -> str:
    return page.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>")[0]


def _hrefs(page: Path) -> list[str]:
    return re.findall(r'href="([^"#][^"]*)"', _article(page))


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
    # The twin under the title, the inline link, the see-also list (which leaves out the
    # index, in every page's navigation anyway), and the backlink.
    assert de == ["../en/Momentum/", "../Gradient-Descent/", "../Gradient-Descent/",
                  "../Gradient-Descent/"]
    assert en == ["../../Momentum/", "../Gradient-Descent/", "../Gradient-Descent/",
                  "../Gradient-Descent/"]
    html = (root / "site" / "Momentum" / "index.html").read_text(encoding="utf-8")
    assert "[kein](#Link)" in html  # a link inside a code block stays code


def test_backlinks_section(tmp_path: Path) -> None:
    root = _site(tmp_path)
    _build(root)
    de = (root / "site" / "Momentum" / "index.html").read_text(encoding="utf-8")
    en = (root / "site" / "en" / "Momentum" / "index.html").read_text(encoding="utf-8")
    # The term heading is the page's <h1>, so its sections, backlinks too, are <h2>.
    backlinks = (r'<section class="glossary-backlinks" data-search-exclude>\s*<h2 id="{}">{}</h2>'
                 r'\s*<ul>\s*<li><a href="{}" data-preview>{}</a>')
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
    assert hrefs[1:4] == ["../Gradient-Descent/", "../Extra/#Second", "../Renamed/"]
    index = (root / "site" / "Index" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<li><a href="([^"]+)">', index) == [
        "../Extra/", "../Gradient-Descent/", "../Momentum/", "../Renamed/", "../Extra/#Second"]
    assert ("ERROR", "glossary: content/de/Extra.md:5:1: S002 term heading `Second` in a "
            "file that already holds `Extra` (line 1) (move each term into its own file named "
            "after its anchor; a concatenated edition of the glossary is excluded with "
            "`exclude = [\"Extra.md\"]` in [tool.glossary])") in _messages(log)


EXAMPLE_PAGE = """\
## Plot {#Plot .term}

**Plot** draws a curve, like [Momentum](#Momentum).

```python timeout="30"
import matplotlib.pyplot as plt
import counted
print("loss 0.25")
plt.plot([3, 2, 1])
plt.show()
```

```python skip="shows an API only"
import not_installed
```

### Idea {.explanation}

Draw it.

### See also {.seealso}

[Momentum](#Momentum) |
[Index](#Index) |
"""


def _example_site(tmp_path: Path) -> Path:
    root = _site(tmp_path)
    for lang in ("de", "en"):  # twins with the same code: it runs once for both
        (root / "content" / lang / "Plot.md").write_text(EXAMPLE_PAGE)
    package = root / "examples" / "counted"
    package.mkdir(parents=True)
    # Every run of the example appends a line, so a test can count runs.
    (package / "__init__.py").write_text(
        "with open('runs.txt', 'a') as f:\n    f.write('run\\n')\n")
    return root


def _runs(root: Path) -> int:
    runs = root / "runs.txt"
    return len(runs.read_text().splitlines()) if runs.exists() else 0


def test_example_output_and_figure_are_shown_under_the_code(tmp_path: Path,
                                                            log: _Records) -> None:
    root = _example_site(tmp_path)
    _build(root, strict=True)
    html = (root / "site" / "en" / "Plot" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="filename">Output</span><pre><span></span><code>'
                     r"loss 0\.25\n</code></pre>", html)
    images = re.findall(r'<img alt="Figure 1 of the example" class="glossary-figure" '
                        r'loading="lazy" src="([^"]+)"', html)
    assert len(images) == 1
    # Named by a hash of the drawing, not by the run that made it.
    assert re.fullmatch(r"\.\./\.\./assets/examples/[0-9a-f]{32}\.svg", images[0])
    svg = (root / "site" / "en" / "Plot" / images[0]).resolve()
    assert svg.read_bytes().startswith(b"<?xml") and b"<svg" in svg.read_bytes()
    assert "skip=" not in html and "not_installed" in html  # shown, never run
    summary = [message for _, message in _messages(log) if "examples:" in message]
    # Both languages show the same code: it ran once.
    assert len(summary) == 1
    assert summary[0].startswith("glossary: examples: 0 taken from the store, 1 run in ")


def _figure_sources(root: Path) -> list[str]:
    html = (root / "site" / "en" / "Plot" / "index.html").read_text(encoding="utf-8")
    return re.findall(r'class="glossary-figure" loading="lazy" src="([^"]+)"', html)


def test_rebuild_runs_nothing_until_the_trainer_changes(tmp_path: Path, log: _Records) -> None:
    root = _example_site(tmp_path)
    _build(root)
    figure = next((root / "site" / "assets" / "examples").rglob("*.svg")).read_bytes()
    sources = _figure_sources(root)
    assert _runs(root) == 1
    shutil.rmtree(root / "site")
    _build(root)
    assert _runs(root) == 1  # everything came from the store
    assert next((root / "site" / "assets" / "examples").rglob("*.svg")).read_bytes() == figure
    (root / "examples" / "counted" / "extra.py").write_text("# a new trainer module\n")
    _build(root)
    assert _runs(root) == 2  # the trainer changed, so its results were stale
    # The figure is the same drawing, byte for byte, from a fresh process, at the same address.
    assert next((root / "site" / "assets" / "examples").rglob("*.svg")).read_bytes() == figure
    assert _figure_sources(root) == sources


def test_failing_example_fails_strict_with_the_markdown_line(tmp_path: Path,
                                                             log: _Records) -> None:
    root = _example_site(tmp_path)
    page = root / "content" / "en" / "Plot.md"
    page.write_text(page.read_text().replace('print("loss 0.25")', "print(1 / 0)"))
    with pytest.raises(Abort, match="Aborted with 1 errors in strict mode"):
        _build(root, strict=True)
    errors = [m for level, m in _messages(log) if level == "ERROR"]
    assert len(errors) == 1
    assert errors[0].startswith("glossary: content/en/Plot.md:5: example failed with exit "
                                "code 1 on cpu\nTraceback (most recent call last):\n"
                                '  File "content/en/Plot.md", line 8, in <module>')
    assert errors[0].endswith("ZeroDivisionError: division by zero")
    _build(root)  # without --strict the page shows what went wrong
    html = (root / "site" / "en" / "Plot" / "index.html").read_text(encoding="utf-8")
    assert '<span class="filename">Failed to run</span>' in html and "ZeroDivisionError" in html


def test_examples_can_be_switched_off(tmp_path: Path, log: _Records) -> None:
    root = _example_site(tmp_path)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(extra="      examples: false\n"))
    _build(root, strict=True)
    assert _runs(root) == 0
    html = (root / "site" / "en" / "Plot" / "index.html").read_text(encoding="utf-8")
    assert "Output" not in html


def test_missing_superfences_is_named(tmp_path: Path, log: _Records) -> None:
    root = _site(tmp_path)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(extra="").replace(
        "  - pymdownx.superfences\n", ""))
    with pytest.raises(Abort):
        _build(root, strict=True)
    assert ("WARNING", "glossary: mkdocs.yml: the output of examples is shown in code blocks "
            "titled by pymdownx.superfences; add it to markdown_extensions, or set "
            "plugins.glossary.examples to false") in _messages(log)


NOTEBOOK = """\
# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Walkthrough
#
# A first look.

# %%
import matplotlib.pyplot as plt

print("loss", 0.5 / 2)
plt.plot([3, 2, 1])
plt.show()
"""
JUPYTER = ("  - mkdocs-jupyter:\n      include: ['*.ipynb']\n      include_source: true\n"
           "      cache: false\n")


def _notebook_site(tmp_path: Path, lang: str = "en") -> Path:
    root = _site(tmp_path)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(extra="") + JUPYTER)
    (root / "content" / lang / "walkthroughs").mkdir()
    (root / "content" / lang / "walkthroughs" / "first.py").write_text(NOTEBOOK)
    return root


@pytest.mark.parametrize(("lang", "page"), [("en", "en/walkthroughs/first"),
                                            ("de", "walkthroughs/first")])
def test_walkthrough_notebook_is_executed_rendered_and_downloadable(
        tmp_path: Path, log: _Records, lang: str, page: str) -> None:
    root = _notebook_site(tmp_path, lang)
    _build(root, strict=True)
    html = (root / "site" / page / "index.html").read_text(encoding="utf-8")
    assert "loss 0.25" in html  # the output of the executed cell
    assert re.search(r'<img[^>]+src="data:image/png;base64,', html)  # and its figure
    label = "Download the notebook" if lang == "en" else "Notebook herunterladen"
    assert f'<a class="md-button" href="first.ipynb" download>{label} (.ipynb)</a>' in html
    notebook = json.loads((root / "site" / page / "first.ipynb").read_text(encoding="utf-8"))
    assert notebook["cells"][1]["outputs"][0]["text"] == ["loss 0.25\n"]
    assert not (root / "site" / "walkthroughs" / "first.py").exists()
    summaries = [message for _, message in _messages(log) if "notebooks:" in message]
    assert len(summaries) == 1
    assert summaries[0].startswith("glossary: notebooks: 0 taken from the store, 1 run in ")
    _build(root, strict=True)  # a rebuild with nothing changed executes nothing
    summaries = [message for _, message in _messages(log) if "notebooks:" in message]
    assert summaries[1] == "glossary: notebooks: 1 taken from the store, 0 run in 0.0 s"


def test_failing_notebook_cell_fails_strict_with_its_line(tmp_path: Path, log: _Records) -> None:
    root = _notebook_site(tmp_path)
    notebook = root / "content" / "en" / "walkthroughs" / "first.py"
    notebook.write_text(NOTEBOOK + "\n# %%\nraise ValueError('no data')\n")
    with pytest.raises(Abort):
        _build(root, strict=True)
    errors = [m for level, m in _messages(log) if level == "ERROR"]
    assert len(errors) == 1
    assert errors[0].startswith("glossary: content/en/walkthroughs/first.py: notebook failed "
                                "with exit code 1 on cpu\ncontent/en/walkthroughs/first.py:21: "
                                "cell 3 failed")
    assert "ValueError: no data" in errors[0] and "\x1b[" not in errors[0]


def test_notebook_that_is_not_utf8_is_a_one_line_error(tmp_path: Path, log: _Records) -> None:
    root = _notebook_site(tmp_path)
    (root / "content" / "en" / "walkthroughs" / "first.py").write_bytes(
        b"# %%\nprint('caf\xe9')\n")
    with pytest.raises(Abort):
        _build(root, strict=True)
    assert [m for level, m in _messages(log) if level == "ERROR"] == [
        "glossary: content/en/walkthroughs/first.py: notebook failed with exit code 1 on cpu\n"
        "content/en/walkthroughs/first.py: byte 15 is not UTF-8; save the notebook as UTF-8"]


def test_quick_build_shows_notebooks_unexecuted_and_reports_unreadable_ones(
        tmp_path: Path, log: _Records) -> None:
    root = _notebook_site(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - glossary:\n",
                                                 "  - glossary:\n      examples: false\n"))
    _build(root, strict=True)
    page = (root / "site" / "en" / "walkthroughs" / "first" / "index.html").read_text()
    assert "print(" in page
    (root / "content" / "en" / "walkthroughs" / "first.py").write_bytes(
        b"# %%\nprint('caf\xe9')\n")
    with pytest.raises(Abort):
        _build(root, strict=True)
    assert [m for level, m in _messages(log) if level == "ERROR"] == [
        "glossary: content/en/walkthroughs/first.py: byte 15 is not UTF-8; save the notebook "
        "as UTF-8"]


def test_a_real_world_glossary_builds_with_one_title_a_page(tmp_path: Path) -> None:
    """Terms at levels 1 and 3, a preface without a term and a concatenated edition."""
    root = _site(tmp_path)
    for source in (FIXTURES / "real-world" / "de").glob("*.md"):
        shutil.copy(source, root / "content" / "de" / source.name)
    _build(root)
    site = root / "site"
    for page, title in (("Haiku", "Haiku"), ("Lernrate", "Lernrate"), ("Vorwort", "Vorwort"),
                        ("Glossar", "Glossar")):
        article = _article(site / page / "index.html")
        assert re.findall(r"<h1[^>]*>([^<]*)", article) == [title], page
    # A level-3 term's sections, written at level 3 too, are the page's h2.
    assert '<h2 class="explanation" id="form">Form' in _article(site / "Haiku" / "index.html")
    # In the edition: terms under the page's title, its index sections under its
    # introduction, links to its own headings kept, links to terms to their own pages.
    edition = _article(site / "Glossar" / "index.html")
    assert re.findall(r'<h2[^>]*class="[^"]*term[^"]*"[^>]*id="(\w+)"', edition) == [
        "Adam", "Lernrate"]
    assert '<h3 class="index" id="a">' in edition
    assert 'href="#a"' in edition and 'href="#h"' in edition
    assert 'href="../Adam/"' in edition and "Glossar/#Adam" not in edition
    assert 'href="../Adam/"' in _article(site / "Haiku" / "index.html")


HOSTILE = """\
## Böse](javascript:alert(3)) [y {#Hostile .term}

**Böse** quotes `<img src=x onerror=alert(1)>` and &lt;img src=x onerror=alert(2)&gt;,
and [code](#Momentum) `[z](javascript:alert(4))`.

### Idee {.explanation}

Nichts.

### Siehe auch {.seealso}

[Momentum](#Momentum) |
[Index](#Index) |
"""


def test_text_from_term_files_never_becomes_live_html(tmp_path: Path) -> None:
    """Escaped text in a definition and brackets in a title stay text on every page the
    site writes: the term's, the A-Z index, the status page, previews and lists."""
    root = _site(tmp_path)
    (root / "content" / "de" / "Hostile.md").write_text(HOSTILE, encoding="utf-8")
    (root / "content" / "en" / "Hostile.md").write_text(HOSTILE, encoding="utf-8")
    _build(root)
    pages = list((root / "site").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<img[^>]*onerror", html), page
        assert 'href="javascript:' not in html, page
    index = (root / "site" / "Index" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in index
