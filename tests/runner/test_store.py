"""The results store and its keys: a result is found while what made it is unchanged."""

from __future__ import annotations

from pathlib import Path

from glossary.runner.process import RunResult
from glossary.runner.store import ResultStore, fingerprint, result_key


def test_store_round_trip_and_damage(tmp_path: Path) -> None:
    store = ResultStore(tmp_path / "results")
    key = result_key("print(1)\n", "cpu", "env")
    assert store.get(key) is None
    stored = store.put(key, RunResult("passed", 0, "1\n", "", 0.5, (b"<svg/>",)))
    again = store.get(key)
    assert again == stored and again is not None and again.figures[0].read_bytes() == b"<svg/>"
    (again.figures[0].parent / "result.json").write_text("{not json")
    assert store.get(key) is None  # damaged: run again, never crash


def test_key_depends_on_code_device_and_trainer(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("A = 1\n")
    env = fingerprint(tmp_path)
    assert result_key("x\n", "cpu", env) == result_key("\nx\n\n", "cpu", env)
    assert result_key("x\n", "cpu", env) != result_key("y\n", "cpu", env)
    assert result_key("x\n", "cpu", env) != result_key("x\n", "cuda", env)
    (tmp_path / "pkg" / "__init__.py").write_text("A = 2\n")
    assert fingerprint(tmp_path) != env
    (tmp_path / "loose.py").write_text("# an example file, not the trainer\n")
    assert fingerprint(tmp_path) == fingerprint(tmp_path)
