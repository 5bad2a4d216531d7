"""Rule selection and severities, from pyproject.toml and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.config import ConfigError, Settings, load_pyproject, settings_from_mapping
from glossary.model import Severity


def test_defaults_select_every_rule_with_its_own_severity() -> None:
    settings = Settings()
    assert settings.severity_of("L001") is Severity.ERROR
    assert settings.severity_of("G001") is Severity.INFO


def test_ignore_and_select_prefer_the_most_specific_prefix() -> None:
    settings = settings_from_mapping({"select": ["L", "L003"], "ignore": ["L00"]}, "t")
    assert settings.severity_of("L003") is Severity.WARNING  # select L003 beats ignore L00
    assert settings.severity_of("L001") is None  # ignore L00 beats select L
    assert settings.severity_of("S001") is None  # not selected


def test_severity_overrides_by_code_and_prefix() -> None:
    settings = settings_from_mapping({"severity": {"B": "error", "B002": "warning"},
                                      "min-severity": "info"}, "t")
    assert settings.severity_of("B001") is Severity.ERROR
    assert settings.severity_of("B002") is Severity.WARNING
    assert settings.min_severity is Severity.INFO


@pytest.mark.parametrize(("raw", "message"), [
    ({"select": ["X9"]}, "t: select: `X9` matches no rule code"),
    ({"ignore": [3]}, "t: ignore: expected a list of strings, got [3]"),
    ({"severity": {"L001": "fatal"}},
     "t: severity.L001: `fatal` is not one of error, warning, info"),
    ({"severity": "error"}, "t: severity: expected a table of code = level, got 'error'"),
    ({"colour": "red"}, "t: unknown key `colour`"),
])
def test_bad_values_are_named(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match="^" + message.replace("[", r"\[").replace("]", r"\]")):
        settings_from_mapping(raw, "t")


def test_pyproject_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.glossary]\nignore = ["G001"]\nexclude = ["index.md"]\n')
    settings = load_pyproject(path)
    assert settings.severity_of("G001") is None
    assert settings.excludes("index.md") and not settings.excludes("Index.md")


def test_broken_pyproject_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.glossary\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: cannot read"):
        load_pyproject(path)
