"""Names that cannot become a page are refused everywhere: `.`, `..` and dot files,
which MkDocs would drop without a word."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glossary.cli.main import run
from glossary.core.parser import parse_bytes
from tests.support import FIXTURES

DOT_NAMES = [".", "..", ".Hidden", "..Twice"]


@pytest.mark.parametrize("anchor", DOT_NAMES)
def test_the_checker_reports_a_dot_anchor(anchor: str) -> None:
    document = parse_bytes(f"## T {{#{anchor} .term}}\n\n**T** is.\n".encode())
    assert [(f.code, f.line, f.column) for f in document.findings] == [("S004", 1, 7)]
    assert "starts with a dot" in document.findings[0].message


@pytest.mark.parametrize("anchor", DOT_NAMES)
def test_glossary_new_refuses_a_dot_anchor_and_writes_nothing(
        anchor: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(FIXTURES / "clean", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert run(["new", anchor, "--title-de", "T", "--title-en", "T"]) == 2
    assert "starts with a dot" in capsys.readouterr().err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
