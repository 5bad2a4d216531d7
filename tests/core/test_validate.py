"""Every rule has a fixture of failing input and the exact diagnostics it must produce."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossary.core.diagnostics import as_text
from glossary.core.discover import Source
from glossary.core.load import read_sources
from glossary.core.model import Severity
from glossary.core.parse_cache import ParseCache
from glossary.core.rules import RULES
from glossary.core.settings import Settings
from glossary.core.validate import validate
from tests.support import FIXTURES, check_folder

RULE_FIXTURES = FIXTURES / "rules"


def test_every_rule_has_a_fixture() -> None:
    with_fixture = {p.name for p in RULE_FIXTURES.iterdir()} | {"E003"}
    assert set(RULES) <= with_fixture


@pytest.mark.parametrize("code", sorted(p.name for p in RULE_FIXTURES.iterdir()))
def test_rule_reports_exactly_its_fixture(code: str) -> None:
    folder = RULE_FIXTURES / code
    settings = Settings(select=(code,), min_severity=Severity.INFO)
    got = [as_text(d) for d in check_folder(folder, settings)]
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{code}: the fixture must expect at least one diagnostic"
    assert got == expected


@pytest.mark.parametrize("code", sorted(p.name for p in RULE_FIXTURES.iterdir()))
def test_rule_severity_comes_from_the_registry(code: str) -> None:
    settings = Settings(select=(code,), min_severity=Severity.INFO)
    diagnostics = check_folder(RULE_FIXTURES / code, settings)
    assert {d.severity for d in diagnostics} == {RULES[code].severity}


def test_clean_glossary_has_no_diagnostics_at_all() -> None:
    assert check_folder(FIXTURES / "clean") == []


def test_unreadable_file_is_reported_not_raised(tmp_path: Path) -> None:
    # A file that vanished between discovery and reading, as in a concurrent checkout.
    source = Source(tmp_path / "Gone.md", "de/Gone.md", "de")
    files = read_sources([source], ParseCache(None))
    diagnostics = validate(files, Settings())
    assert [(d.path, d.line, d.code) for d in diagnostics] == [("de/Gone.md", 1, "E003")]
    assert "cannot read file: No such file or directory" in diagnostics[0].message


def test_no_term_heading_is_not_reported_for_unreadable_files(tmp_path: Path) -> None:
    files = read_sources([Source(tmp_path / "Gone.md", "Gone.md", "de")], ParseCache(None))
    assert [d.code for d in validate(files, Settings())] == ["E003"]


def test_readme_documents_every_rule_with_its_severity() -> None:
    readme = (FIXTURES.parent.parent / "README.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| ([A-Z]\d{3}) \| (\w+) \|", readme, re.M))
    assert documented == {code: str(rule.severity) for code, rule in RULES.items()}


REAL_WORLD = FIXTURES / "real-world"


def test_a_real_world_glossary_gets_each_problem_once_wherever_it_stands() -> None:
    """Terms at levels 1, 2 and 3, a preface without a term, and a concatenated edition
    with front matter, an introduction, index sections and Pandoc-wrapped links."""
    got = [as_text(d) for d in check_folder(REAL_WORLD, Settings(min_severity=Severity.INFO))]
    assert got == (REAL_WORLD / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_excluding_the_edition_leaves_the_single_files_problems() -> None:
    settings = Settings(min_severity=Severity.INFO, exclude=("Glossar.md",))
    got = [as_text(d) for d in check_folder(REAL_WORLD, settings)]
    expected = (REAL_WORLD / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert got == [line for line in expected if not line.startswith("de/Glossar.md")]
