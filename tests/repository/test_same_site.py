"""`python -m tests.same_site`: two builds compared byte for byte, and what it reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.same_site import build, differences
from tests.support import FIXTURES


def _tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def test_differences_name_every_path_that_is_not_the_same(tmp_path: Path) -> None:
    before = _tree(tmp_path / "before", {"a.html": b"1", "x/b.svg": b"2", "x/y/c": b"3",
                                         "gone.txt": b""})
    after = _tree(tmp_path / "after", {"a.html": b"1", "x/b.svg": b"2!", "x/y/c": b"3",
                                       "new/d.txt": b""})
    assert differences(before, after) == ["differs: x/b.svg", "only in after: new",
                                          "only in before: gone.txt"]
    assert differences(before, before) == []


@pytest.mark.build
def test_a_site_built_twice_is_the_same_to_the_byte(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(FIXTURES / "site", tree)
    build(tree, tmp_path / "first", examples=True)
    build(tree, tmp_path / "second", examples=True)
    assert (tmp_path / "first" / "en" / "Mean" / "index.html").is_file()
    assert differences(tmp_path / "first", tmp_path / "second") == []
