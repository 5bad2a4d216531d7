"""Every command from any folder of a project, and what it says outside any project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glossary.cli.main import run
from glossary.core.settings import find_root
from tests.support import FIXTURES

EMBEDDING_PAGE = """\
## Plot {#Plot .term}

**Plot** prints what an example file says.

```python
--8<-- "examples/hello.py"
```
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project: [tool.glossary], clean twins, a page embedding examples/hello.py, and a
    Python package below with a pyproject.toml of its own (no [tool.glossary])."""
    root = tmp_path.resolve() / "project"
    shutil.copytree(FIXTURES / "clean", root / "content")
    # Plot is a stub (no twin, sections or see-also); only the root's settings say so.
    (root / "pyproject.toml").write_text(
        "[tool.glossary]\nignore = ['G001', 'B001', 'S009', 'S011']\n")
    (root / "content" / "en" / "Plot.md").write_text(EMBEDDING_PAGE)
    (root / "examples" / "deep" / "er").mkdir(parents=True)
    (root / "examples" / "hello.py").write_text("print('hello from the root')\n")
    (root / "tools" / "pkg").mkdir(parents=True)
    (root / "tools" / "pkg" / "pyproject.toml").write_text("[project]\nname = 'pkg'\n")
    return root


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


FOLDERS = ["", "content", "content/de", "examples", "examples/deep/er", "tools/pkg"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_check_finds_the_project_and_its_embeds_from_any_folder(
        project: Path, folder: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / folder)
    code, out, err = _run(capsys, "check", "--no-cache")
    assert (code, out, err) == (0, "", "All checks passed.\n")  # no X003 for examples/hello.py
    code, out, _ = _run(capsys, "terms", "--no-cache", "--lang", "en")
    assert code == 0 and out.count('"anchor"') == 3 and '"Plot"' in out


def test_a_path_from_a_subfolder_is_relative_to_it_and_named_so(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "tools" / "pkg")  # below a pyproject.toml without the table
    assert _run(capsys, "check", "../../content/en", "--no-cache") == (
        0, "", "All checks passed.\n")
    (project / "examples" / "hello.py").unlink()
    monkeypatch.chdir(project / "content")
    code, out, _ = _run(capsys, "check", "en", "--no-cache")
    assert code == 1
    assert out == ("en/Plot.md:6:1: X003 embedded file `examples/hello.py` does not exist "
                   "(embed an existing file; the path is relative to the repository root)\n")


def test_fix_from_a_language_folder_fixes_the_whole_project(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = project / "content" / "en" / "Momentum.md"
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    monkeypatch.chdir(project / "content" / "de")
    code, out, _ = _run(capsys, "fix", "--no-cache")
    assert code == 0
    assert out == (f"fixed {page}: line ends converted to LF\n"  # the other language too
                   "fixed Gradient-Descent.md: byte order mark removed, line ends converted "
                   "to LF\n")
    assert b"\r" not in page.read_bytes()


def test_new_from_a_deep_folder_writes_into_the_projects_content(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "examples" / "deep" / "er")
    code, out, err = _run(capsys, "new", "Weight-Decay", "--title-de", "Gewichtsverfall",
                          "--title-en", "Weight decay")
    assert (code, err) == (0, "")
    assert out.startswith(f"wrote {project}/content/de/Weight-Decay.md\n"
                          f"wrote {project}/content/en/Weight-Decay.md\n")
    assert not (project / "examples" / "deep" / "er" / "content").exists()


def test_run_from_a_subfolder_runs_with_the_project_root(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "tools" / "pkg")
    code, out, err = _run(capsys, "run", "Plot")
    assert code == 0, err
    assert out.startswith(f"== {project}/content/en/Plot.md:5 [cpu] passed in ")
    assert "hello from the root" in out
    assert err == "1 example(s) run on cpu, 0 failed\n"
    assert _run(capsys, "run", "Momentum", "--lang", "en") == (
        0, "Momentum: no examples to run\n", "")
    assert _run(capsys, "run", "Plott") == (
        2, "", f"glossary: error: no term `Plott` in {project}/content (did you mean `Plot`?)\n")


def test_the_nearest_configured_folder_is_the_root(tmp_path: Path) -> None:
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    assert find_root(tmp_path / "a" / "b" / "c") is None
    (tmp_path / "a" / "b" / "pyproject.toml").write_text("[project]\nname = 'b'\n")
    assert find_root(tmp_path / "a" / "b" / "c") == tmp_path / "a" / "b"  # nothing better
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    assert find_root(tmp_path / "a" / "b" / "c") == tmp_path  # a mkdocs.yml above wins
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.glossary]\n")
    assert find_root(tmp_path / "a" / "b" / "c") == tmp_path / "a"  # the nearer table wins
    (tmp_path / "a" / "b" / "mkdocs.yaml").write_text("site_name: x\n")
    assert find_root(tmp_path / "a" / "b" / "c") == tmp_path / "a" / "b"


NO_PROJECT = ("glossary: error: no glossary project at or above {cwd} (no mkdocs.yml or "
              "pyproject.toml with [tool.glossary]); run this inside a project, pass "
              "--config FILE, or {instead}\n")


@pytest.mark.parametrize(("argv", "instead"), [
    (["check"], "name the folders or files: glossary check PATH"),
    (["terms"], "name the folders or files: glossary terms PATH"),
    (["fix"], "name the folders or files: glossary fix PATH"),
    (["run", "Momentum"], "name the content folder with --content DIR"),
    (["new", "X", "--title-de", "X", "--title-en", "X"],
     "name the content folder with --content DIR"),
])
def test_outside_a_project_says_what_to_do(
        tmp_path: Path, argv: list[str], instead: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "de").mkdir()  # term files here are not searched for without a project
    (tmp_path / "de" / "A.md").write_text("## A {#A .term}\n\n**A** is a.\n")
    monkeypatch.chdir(tmp_path)
    cwd = Path.cwd()
    assert _run(capsys, *argv) == (2, "", NO_PROJECT.format(cwd=cwd, instead=instead))
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["A.md", "de"]  # nothing written


def test_outside_a_project_named_paths_and_folders_still_work(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "clean" / "de", tmp_path / "flat")
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, "check", str(tmp_path / "flat"), "--lang", "de",
                          "--no-cache")
    assert (code, out, err) == (0, "", "All checks passed.\n")
    code, out, err = _run(capsys, "check", "flat", "--lang", "de", "--no-cache")
    assert (code, out, err) == (0, "", "All checks passed.\n")
    code, out, err = _run(capsys, "new", "A", "--title-de", "A", "--title-en", "A",
                          "--content", "site-content")
    assert (code, out, err) == (2, "", "glossary: error: --content site-content: no such "
                                       "folder\n")
    (tmp_path / "site-content").mkdir()
    code, out, _ = _run(capsys, "new", "A", "--title-de", "A", "--title-en", "A",
                        "--content", "site-content")
    assert code == 0 and out.startswith("wrote site-content/de/A.md\n")


def test_a_project_without_its_content_folder_names_it(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(project / "content")
    monkeypatch.chdir(project / "examples")
    assert _run(capsys, "run", "Momentum") == (
        2, "", f"glossary: error: {project}/content: no such folder (the content folder of "
               f"the project at {project}); create it or name the content folder with "
               "--content DIR\n")
    code, out, err = _run(capsys, "check", "--no-cache")  # the working folder, then
    assert (code, out) == (2, "")
    assert err == "glossary: error: no term files (*.md) found in .\n"
