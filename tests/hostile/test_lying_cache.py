"""A parse cache that decodes but lies (its checksum recomputed over other data) is a
miss: every entry is checked for type and shape, and `glossary fix` never rewrites a
file from positions read from disk."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.cli.main import run
from glossary.core.parse_cache import ParseCache, content_key, encode
from glossary.core.parser import parse_bytes
from tests.support import FIXTURES

TERM = (b"## Beta {#Beta .term}\n\n**Beta** is a letter, see [Alpha](#Alpha).\n\n"
        b"### Use {.explanation}\n\nText.\n\n### See also {.seealso}\n\n"
        b"[Gamma](#Gamma) |\n[Alpha](#Alpha) |\n[Index](#Index) |\n")


def _write_lying(cache: Path, entries: dict[str, Any]) -> None:
    """A cache file whose checksum fits its body, whatever the body says."""
    version_file = next(cache.glob("parse-*.json"))
    body = json.dumps(entries).encode()
    version_file.write_bytes(content_key(body).encode() + b"\n" + body)


def _real_entry() -> Any:
    return encode(parse_bytes(TERM))


def _mutations(entry: Any) -> st.SearchStrategy[Any]:
    """The entry with one value anywhere in it replaced by one of another type."""
    paths: list[tuple[int, ...]] = []

    def walk(value: Any, path: tuple[int, ...]) -> None:
        paths.append(path)
        if isinstance(value, list):
            for n, item in enumerate(value):
                walk(item, (*path, n))

    walk(entry, ())
    junk = st.one_of(st.none(), st.text(max_size=3), st.integers(-5, 5), st.booleans(),
                     st.lists(st.integers(), max_size=2), st.floats(allow_nan=False))

    def replace(path: tuple[int, ...], value: Any) -> Any:
        copy = json.loads(json.dumps(entry))
        if not path:
            return value
        target = copy
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        return copy

    return st.tuples(st.sampled_from(paths[1:]), junk).map(lambda pv: replace(*pv))


@settings(max_examples=200, deadline=None)
@given(_mutations(_real_entry()))
def test_an_entry_of_another_shape_is_a_miss_never_a_crash(lying: Any) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        cache = ParseCache(folder)
        key = content_key(TERM)
        cache.put(key, parse_bytes(TERM))
        cache.save()
        _write_lying(folder, {key: lying})
        got = ParseCache(folder).get(key)
        # Either the mutation kept the shape (say, one text for another) or it is a miss.
        assert got is None or isinstance(got.terms, tuple)
        if got is None:
            return
        assert all(isinstance(t.line, int) for t in got.terms)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_fix_rewrites_from_the_bytes_not_from_a_lying_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(FIXTURES / "clean", tmp_path / "content")
    beta = tmp_path / "content" / "de" / "Beta.md"
    beta.write_bytes(TERM)
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / "cache"
    assert run(["check", "--cache-dir", str(cache)]) in (0, 1)
    # The cache now says the see-also entries stand on the lines of the definition.
    lying = encode(parse_bytes(TERM))
    for entry in lying[0][0][8]:
        entry[2] = 3
    entries = json.loads(next(cache.glob("parse-*.json")).read_bytes().partition(b"\n")[2])
    entries[content_key(TERM)] = lying
    _write_lying(cache, entries)
    assert run(["fix", "--cache-dir", str(cache), str(beta)]) == 0
    fixed = beta.read_bytes()
    assert b"**Beta** is a letter, see [Alpha](#Alpha).\n" in fixed
    assert fixed.endswith(b"[Alpha](#Alpha) |\n[Gamma](#Gamma) |\n[Index](#Index) |\n")
    capsys.readouterr()
