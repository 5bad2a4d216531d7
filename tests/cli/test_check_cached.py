"""`glossary check` of unchanged files prints what the check before printed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glossary.cli.main import run
from tests.support import FIXTURES


def test_glossary_check_prints_the_same_from_its_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(FIXTURES / "real-world", folder)
    monkeypatch.chdir(folder)
    args = ["check", "de", "--min-severity", "info", "--cache-dir", str(tmp_path / "cache")]
    outputs = []
    for _ in range(2):
        assert run(args) == 1
        outputs.append(capsys.readouterr())
    assert outputs[0] == outputs[1]
    assert len(list((tmp_path / "cache" / "checks").glob("*.json"))) == 1
    (folder / "de" / "Vorwort.md").unlink()
    assert run(args) == 1
    assert "Vorwort.md" not in capsys.readouterr().out
