"""Results are put on the page under their block: output, figures, the end of long output."""

from __future__ import annotations

import pytest

from glossary.core.model import CodeBlock
from glossary.core.parser import parse_text
from glossary.runner import show
from glossary.runner.show import MAX_LINES, Shown, with_results

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


def _output(block: CodeBlock) -> Shown:
    return Shown(f"ran the block ending on line {block.end_line}\n")


def test_the_files_own_parse_is_used_where_the_page_lost_its_front_matter(
        monkeypatch: pytest.MonkeyPatch) -> None:
    front = "---\ntitle: A\n---\n\n"
    parsed = parse_text(front + PAGE)
    expected = with_results(PAGE, "en", _output)
    assert "ran the block ending on line 15" in expected

    def parse_again(text: str) -> None:
        raise AssertionError("the page was parsed a second time")

    monkeypatch.setattr(show, "parse_text", parse_again)
    # MkDocs hands the page over without its front matter; the blocks move up with it.
    assert with_results(PAGE, "en", _output, parsed) == expected


def test_a_parse_of_other_text_is_not_trusted() -> None:
    other = parse_text("```python\nx\n```\n\n" * 3)
    assert with_results(PAGE, "en", _output, other) == with_results(PAGE, "en", _output)
