"""A check of unchanged files gives the diagnostics of the last one, and only then."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from glossary.core.check_cache import CheckCache, check_key
from glossary.core.diagnostics import as_text
from glossary.core.discover import discover
from glossary.core.load import read_sources
from glossary.core.model import Severity
from glossary.core.parse_cache import ParseCache
from glossary.core.settings import Settings
from glossary.core.validate import embedded_files, validate
from tests.support import FIXTURES

SETTINGS = Settings(min_severity=Severity.INFO)


def _key(folder: Path, settings: Settings = SETTINGS) -> str:
    return check_key(settings, folder, discover([folder], settings, cwd=folder))


def _check(folder: Path, cache: CheckCache, settings: Settings = SETTINGS) -> list[str]:
    """What `glossary check` does: the cached diagnostics, else a fresh check kept."""
    key = _key(folder, settings)
    known = cache.get(key, folder)
    if known is not None:
        return [as_text(d) for d in known]
    files = read_sources(discover([folder], settings, cwd=folder), ParseCache(None))
    diagnostics = validate(files, settings, embed_base=folder)
    cache.put(key, diagnostics, embedded_files(files, folder))
    return [as_text(d) for d in diagnostics]


def _fresh(folder: Path, settings: Settings = SETTINGS) -> list[str]:
    return _check(folder, CheckCache(None), settings)


def test_a_hit_gives_exactly_what_a_fresh_check_gives(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(FIXTURES / "real-world", folder)
    cache = CheckCache(tmp_path / "cache")
    first = _check(folder, cache)
    assert first == _fresh(folder) and first
    assert CheckCache(tmp_path / "cache").get(_key(folder), folder) is not None
    assert _check(folder, CheckCache(tmp_path / "cache")) == first


def test_a_changed_file_or_setting_is_checked_afresh(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(FIXTURES / "real-world", folder)
    cache = CheckCache(tmp_path / "cache")
    _check(folder, cache)
    adam = folder / "de" / "Adam.md"
    adam.write_text(adam.read_text(encoding="utf-8") + "\nSiehe [Nirgends](#Nirgends).\n",
                    encoding="utf-8")
    changed = _check(folder, cache)
    assert changed == _fresh(folder)
    assert any("#Nirgends" in line for line in changed)
    ignoring = replace(SETTINGS, ignore=("L001",))
    assert _check(folder, cache, ignoring) == _fresh(folder, ignoring)
    assert not any(" L001 " in line for line in _check(folder, cache, ignoring))


def test_an_embedded_file_that_appears_is_looked_at_again(tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(FIXTURES / "rules" / "X003", folder)
    cache = CheckCache(tmp_path / "cache")
    missing = _check(folder, cache)
    assert any(" X003 " in line for line in missing)
    for embed in embedded_files(read_sources(discover([folder], SETTINGS, cwd=folder),
                                             ParseCache(None)), folder):
        (folder / embed).parent.mkdir(parents=True, exist_ok=True)
        (folder / embed).write_text("print(1)\n", encoding="utf-8")
    assert not any(" X003 " in line for line in _check(folder, cache))
    assert _check(folder, cache) == _fresh(folder)


def test_only_the_latest_checks_are_kept(tmp_path: Path) -> None:
    cache = CheckCache(tmp_path)
    for n in range(12):
        cache.put(f"key{n}", [], {})
    kept = {p.stem for p in (tmp_path / "checks").glob("*.json")}
    assert len(kept) == 8 and "key11" in kept


def test_a_damaged_cache_is_a_miss(tmp_path: Path) -> None:
    folder = FIXTURES / "real-world"
    _check(folder, CheckCache(tmp_path))
    stored = tmp_path / "checks" / f"{_key(folder)}.json"
    stored.write_bytes(stored.read_bytes()[:-20])
    assert CheckCache(tmp_path).get(_key(folder), folder) is None
    stored.write_bytes(b"not json at all")
    assert CheckCache(tmp_path).get(_key(folder), folder) is None

