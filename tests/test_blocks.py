"""Which blocks run and how (info strings, embeds), and how results are put on the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.blocks import BlockOptions, EmbedError, parse_info, python_blocks, resolve
from glossary.model import CodeBlock, TermFile
from glossary.parser import parse_text
from glossary.render import MAX_LINES, Shown, with_results
from glossary.results import ResultStore, fingerprint, result_key
from glossary.runner import RunResult


@pytest.mark.parametrize(("info", "expected"), [
    ("python", BlockOptions("python", fence_info="python")),
    ("py", BlockOptions("py", fence_info="py")),
    ('python skip="needs a GPU"', BlockOptions("python", skip="needs a GPU", fence_info="python")),
    ("python timeout=90", BlockOptions("python", timeout=90.0, fence_info="python")),
    ('python title="a.py" timeout="2.5" hl_lines="1 2"',
     BlockOptions("python", timeout=2.5, fence_info='python title="a.py" hl_lines="1 2"')),
    ('{ .python skip=\'fragment\' }',
     BlockOptions("python", skip="fragment", fence_info="{ .python }")),
    ('{.Python #id data-x="1"}', BlockOptions("python", fence_info='{ .Python #id data-x="1" }')),
    ("bash", BlockOptions("bash", fence_info="bash")),
    ("", BlockOptions("", fence_info="")),
])
def test_info_strings(info: str, expected: BlockOptions) -> None:
    assert parse_info(info) == expected


def test_embeds_resolve_whole_files_and_ranges(tmp_path: Path) -> None:
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "a.py").write_text("one = 1\ntwo = 2\nthree = 3\n")
    text = ('## A {#A .term}\n\nA.\n\n```python\n--8<-- "examples/a.py"\n```\n\n'
            '```python\nx = 0\n--8<-- "examples/a.py:2:3"\nprint(x)\n```\n')
    blocks = python_blocks(TermFile("en/A.md", "en", parse_text(text)))
    whole, mixed = (resolve(b, "en/A.md", tmp_path) for b in blocks)
    # A block that is one embed runs as that file, so tracebacks show the file's lines.
    assert (whole.code, whole.origin, whole.origin_line) == (
        "one = 1\ntwo = 2\nthree = 3\n", "examples/a.py", 1)
    assert (mixed.code, mixed.origin, mixed.origin_line) == (
        "x = 0\ntwo = 2\nthree = 3\nprint(x)\n", "en/A.md", 10)
    with pytest.raises(EmbedError, match=r"^en/A\.md:6: embedded file `examples/b\.py` cannot"):
        resolve(python_blocks(TermFile("en/A.md", "en", parse_text(
            text.replace("a.py", "b.py"))))[0], "en/A.md", tmp_path)


PAGE = """\
## A {#A .term}

- In a list:

  ```python skip="x"
  print("listed")
  ```

> ```python timeout="5"
> print("quoted")
> ```

````py
print("```")
````
"""


def test_results_go_under_their_block_with_its_indentation() -> None:
    texts = {7: "listed\n", 11: "quoted\n", 15: "```\n"}

    def shown(block: CodeBlock) -> Shown:
        line = block.end_line
        return Shown(texts[line], figures=("../fig.svg",) if line == 11 else ())

    out = with_results(PAGE, "en", shown).split("\n")
    assert out[4] == "  ```python"  # run options are gone, the language stays
    assert out[7:11] == ["", '  ```text title="Output"', "  listed", "  ```"]
    assert out[11:13] == ["", "> ```python"]
    # In a quote, the blank lines stay inside it.
    assert out[15:21] == [">", '> ```text title="Output"', "> quoted", "> ```", ">",
                          "> ![Figure 1 of the example](../fig.svg)"
                          "{ .glossary-figure loading=lazy }"]
    # Output holding a fence gets a longer one.
    assert out[-5:-1] == ["", '````text title="Output"', "```", "````"]


def test_long_output_is_cut_for_the_page() -> None:
    text = "\n".join(f"line {n}" for n in range(MAX_LINES + 50))
    out = with_results("```python\nx\n```\n", "de", lambda block: Shown(text))
    assert f"line {MAX_LINES - 1}\n… (50 weitere Zeilen)\n```" in out
    assert f"line {MAX_LINES}\n" not in out


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
