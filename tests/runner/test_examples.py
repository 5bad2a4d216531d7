"""A Python block becomes the example that runs: its embeds read, its lines where they stand."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.core.blocks import python_blocks
from glossary.core.model import TermFile
from glossary.core.parser import parse_text
from glossary.runner.examples import EmbedError, resolve


def test_embeds_resolve_whole_files_and_ranges(tmp_path: Path) -> None:
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "a.py").write_text("one = 1\ntwo = 2\nthree = 3\n")
    text = ('## A {#A .term}\n\nA.\n\n```python\n--8<-- "examples/a.py"\n```\n\n'
            '```python\nx = 0\n--8<-- "examples/a.py:2:3"\nprint(x)\n```\n')
    blocks = python_blocks(TermFile("en/A.md", "en", parse_text(text)))
    whole, mixed = (resolve(b, "en/A.md", tmp_path, tmp_path / "examples") for b in blocks)
    # A block that is one embed runs as that file, so tracebacks show the file's lines.
    assert (whole.code, whole.origin, whole.origin_line) == (
        "one = 1\ntwo = 2\nthree = 3\n", "examples/a.py", 1)
    assert (mixed.code, mixed.origin, mixed.origin_line) == (
        "x = 0\ntwo = 2\nthree = 3\nprint(x)\n", "en/A.md", 10)
    with pytest.raises(EmbedError, match=r"^en/A\.md:6: embedded file `examples/b\.py` cannot"):
        resolve(python_blocks(TermFile("en/A.md", "en", parse_text(
            text.replace("a.py", "b.py"))))[0], "en/A.md", tmp_path, tmp_path / "examples")
