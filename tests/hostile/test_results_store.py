"""A results store is data from disk: an entry that names files outside itself, holds a
figure with script or a damaged notebook is missing (the example runs again), never
copied into the site nor a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.runner.process import RunResult
from glossary.runner.store import ResultStore

SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>\n'
KEY = "ab" + "0" * 30


def _stored(tmp_path: Path, notebook: bytes | None = None) -> tuple[ResultStore, Path]:
    store = ResultStore(tmp_path / "results")
    store.put(KEY, RunResult("passed", 0, "out\n", "", 0.5, (SVG,), notebook))
    return store, tmp_path / "results" / KEY[:2] / KEY


def _rewrite(entry: Path, **changes: object) -> None:
    record = json.loads((entry / "result.json").read_text(encoding="utf-8"))
    record.update(changes)
    (entry / "result.json").write_text(json.dumps(record), encoding="utf-8")


def test_a_good_entry_is_read(tmp_path: Path) -> None:
    store, _ = _stored(tmp_path)
    stored = store.get(KEY)
    assert stored is not None and stored.stdout == "out\n" and len(stored.figures) == 1


@pytest.mark.parametrize("figures", [["/etc/passwd"], ["../../../../etc/hostname"],
                                     ["figure-2.svg"], ["figure-1.svg", "figure-1.svg"],
                                     "figure-1.svg", [1]])
def test_figures_that_are_not_the_entrys_own_are_refused(tmp_path: Path,
                                                         figures: object) -> None:
    store, entry = _stored(tmp_path)
    _rewrite(entry, figures=figures)
    assert store.get(KEY) is None


def test_a_figure_that_links_elsewhere_or_holds_script_is_refused(tmp_path: Path) -> None:
    store, entry = _stored(tmp_path)
    secret = tmp_path / "secret.svg"
    secret.write_bytes(SVG)
    (entry / "figure-1.svg").unlink()
    (entry / "figure-1.svg").symlink_to(secret)
    assert store.get(KEY) is None
    (entry / "figure-1.svg").unlink()
    for hostile in (b'<svg><script>alert(1)</script></svg>', b'<svg onload="alert(1)"/>',
                    b"<html>not a drawing</html>"):
        (entry / "figure-1.svg").write_bytes(hostile)
        assert store.get(KEY) is None, hostile


@pytest.mark.parametrize("notebook", ["../../etc/passwd", "/tmp/x.ipynb", "x.txt"])
def test_a_notebook_that_is_not_the_entrys_own_is_refused(tmp_path: Path, notebook: str) -> None:
    store, entry = _stored(tmp_path, notebook=b'{"cells": [], "metadata": {}}')
    assert store.get(KEY) is not None
    _rewrite(entry, notebook=notebook)
    assert store.get(KEY) is None


def test_a_truncated_notebook_is_missing_not_a_traceback(tmp_path: Path) -> None:
    store, entry = _stored(tmp_path, notebook=b'{"cells": [], "metadata": {}}')
    (entry / "notebook.ipynb").write_bytes(b'{"cells": [{"cell_type": "co')
    assert store.get(KEY) is None


@pytest.mark.parametrize("record", ['{"format": 1}', "[]", "not json", '{"format": 1, '
                                    '"stdout": 3, "seconds": 1, "created": 1, "figures": [], '
                                    '"notebook": null}'])
def test_a_damaged_record_is_missing(tmp_path: Path, record: str) -> None:
    store, entry = _stored(tmp_path)
    (entry / "result.json").write_text(record, encoding="utf-8")
    assert store.get(KEY) is None
