"""The results store and its keys: a result is found while what made it is unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glossary.runner.process import RunResult
from glossary.runner.store import (
    NOT_RESULT_SOURCES,
    NOTEBOOK_PACKAGES,
    PACKAGES,
    RESULT_SOURCES,
    RUNNER,
    ResultStore,
    fingerprint,
    result_key,
)


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


def test_every_runner_module_is_either_part_of_the_key_or_known_not_to_be() -> None:
    modules = {path.name for path in RUNNER.glob("*.py")}
    assert set(RESULT_SOURCES).isdisjoint(NOT_RESULT_SOURCES)
    assert modules == set(RESULT_SOURCES) | set(NOT_RESULT_SOURCES)


@pytest.mark.parametrize("name", RESULT_SOURCES)
def test_editing_a_module_that_decides_a_result_makes_every_key_stale(
        tmp_path: Path, name: str) -> None:
    runner = tmp_path / "runner"
    shutil.copytree(RUNNER, runner, ignore=shutil.ignore_patterns("__pycache__"))
    examples = tmp_path / "examples"
    examples.mkdir()
    before = fingerprint(examples, runner=runner)
    assert fingerprint(examples, runner=runner) == before
    with (runner / name).open("a", encoding="utf-8") as module:
        module.write("\n# an edit\n")
    assert fingerprint(examples, runner=runner) != before


def test_notebooks_also_depend_on_what_executes_them(tmp_path: Path) -> None:
    assert fingerprint(tmp_path) != fingerprint(tmp_path, PACKAGES + NOTEBOOK_PACKAGES)
