"""The parse cache gives the same answers as a fresh parse and survives damage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.core.discover import discover
from glossary.core.load import read_sources
from glossary.core.parse_cache import ParseCache, content_key
from glossary.core.parser import parse_bytes
from glossary.core.settings import Settings
from tests.support import FIXTURES

CLEAN = FIXTURES / "clean"


def _read(cache_dir: Path | None) -> list[object]:
    sources = discover([CLEAN], Settings(), cwd=CLEAN)
    return list(read_sources(sources, ParseCache(cache_dir)))


def test_warm_equals_cold(tmp_path: Path) -> None:
    cold = _read(None)
    assert _read(tmp_path) == cold  # fills the cache
    assert len(list(tmp_path.glob("parse-*.json"))) == 1
    assert _read(tmp_path) == cold  # served from it


def test_warm_run_parses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _read(tmp_path)
    monkeypatch.setattr("glossary.core.load.parse_bytes", lambda data: 1 / 0)
    assert _read(tmp_path) == cold


def test_corrupt_cache_file_is_ignored_and_replaced(tmp_path: Path) -> None:
    _read(tmp_path)
    (path,) = tmp_path.glob("parse-*.json")
    for damage in (b"", b"garbage", path.read_bytes()[:-20], b"0" * 32 + b"\n{}"):
        path.write_bytes(damage)
        assert _read(tmp_path) == _read(None)
        assert path.read_bytes().split(b"\n", 1)[0] != b"0" * 32


def test_damaged_entry_with_valid_checksum_is_a_miss(tmp_path: Path) -> None:
    data = (CLEAN / "en" / "Momentum.md").read_bytes()
    cache = ParseCache(tmp_path)
    cache.put(content_key(data), parse_bytes(data))
    cache.save()
    (path,) = tmp_path.glob("parse-*.json")
    body = json.loads(path.read_bytes().split(b"\n", 1)[1])
    body[content_key(data)] = ["not", "a", "document", "at all"]
    raw = json.dumps(body).encode()
    path.write_bytes(content_key(raw).encode() + b"\n" + raw)
    assert ParseCache(tmp_path).get(content_key(data)) is None


def test_a_new_parser_version_removes_old_caches(tmp_path: Path) -> None:
    old = tmp_path / "parse-0123456789abcdef.json"
    old.write_text("from an older parser")
    _read(tmp_path)
    assert not old.exists() and len(list(tmp_path.glob("parse-*.json"))) == 1


def test_unwritable_cache_folder_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert _read(blocker / "cache") == _read(None)
    assert list(tmp_path.iterdir()) == [blocker]
