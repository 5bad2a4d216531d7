"""Plugin and [tool.glossary] options are checked: folders must lie inside the project
(examples_dir must exist), numbers must be in range; each error names the option."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.cli.main import run
from glossary.core.settings import ConfigError, load_project

BAD = [
    ("results_dir", '"/"', "results_dir '/' is not a folder inside the project"),
    ("results_dir", '"."', "results_dir '.' is not a folder inside the project"),
    ("cache_dir", '"../elsewhere"', "cache_dir '../elsewhere' is not a folder inside"),
    ("examples_dir", '"/etc"', "examples_dir '/etc' is not a folder inside the project"),
    ("examples_dir", '"missing"', "examples_dir 'missing': no such folder"),
    ("example_timeout", "-5", "example_timeout: expected a positive number of seconds"),
    ("jobs", "-1", "jobs: expected a whole number, 0 or more"),
]


def _project(tmp_path: Path, name: str, value: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[tool.glossary]\n{name} = {value}\n")
    (tmp_path / "content" / "de").mkdir(parents=True)
    (tmp_path / "content" / "de" / "A.md").write_text("## A {#A .term}\n\n**A** is.\n")
    return tmp_path


@pytest.mark.parametrize(("name", "value", "message"), BAD)
def test_a_bad_option_is_a_configuration_error_naming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        name: str, value: str, message: str) -> None:
    root = _project(tmp_path, name, value)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(".", r"\.")):
        load_project(root)
    monkeypatch.chdir(root)
    assert run(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("glossary: error: ") and message in err


def test_folders_inside_the_project_and_cache_dir_from_the_command_line_are_fine(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path, "results_dir", '"build/results"')
    (root / "examples").mkdir()
    assert load_project(root).settings.results_dir == "build/results"
    monkeypatch.chdir(root)
    assert run(["check", "--cache-dir", str(tmp_path.parent / "cache-elsewhere")]) in (0, 1)
