"""An embed outside the examples folder is reported and never read nor run, however it
gets out: `..`, an absolute path, a symbolic link."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.core.blocks import python_blocks
from glossary.core.model import TermFile
from glossary.core.parser import parse_text
from glossary.runner.examples import EmbedError, examples_of, resolve


def _project(tmp_path: Path) -> Path:
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "ok.py").write_text("print('ok')\n")
    (tmp_path / "secret.py").write_text("print('the secret')\n")
    (tmp_path / "examples" / "link.py").symlink_to(tmp_path / "secret.py")
    return tmp_path


OUTSIDE = ["../secret.py", "examples/../secret.py", "examples/link.py", "/etc/hostname",
           "../../../../../../etc/passwd"]


@pytest.mark.parametrize("target", OUTSIDE)
def test_the_runner_refuses_an_embed_outside_the_examples_folder(tmp_path: Path,
                                                                 target: str) -> None:
    root = _project(tmp_path)
    page = f'## A {{#A .term}}\n\n**A**.\n\n```python\n--8<-- "{target}"\n```\n'
    block = python_blocks(TermFile("en/A.md", "en", parse_text(page)))[0]
    with pytest.raises(EmbedError, match=r"^en/A\.md:6: embedded file .* is outside `examples/`"):
        resolve(block, "en/A.md", root, root / "examples")
    examples, problems = examples_of([TermFile("en/A.md", "en", parse_text(page))], root,
                                     root / "examples")
    assert examples == [] and len(problems) == 1


def test_an_embed_inside_runs(tmp_path: Path) -> None:
    root = _project(tmp_path)
    page = '## A {#A .term}\n\n**A**.\n\n```python\n--8<-- "examples/ok.py"\n```\n'
    block = python_blocks(TermFile("en/A.md", "en", parse_text(page)))[0]
    assert resolve(block, "en/A.md", root, root / "examples").code == "print('ok')\n"
