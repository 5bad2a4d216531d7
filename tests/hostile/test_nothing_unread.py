"""What the checker cannot read is reported at its line, never skipped: deep nesting
loses no link, a stray `<!--` is reported, and so is front matter MkDocs cannot read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.core.model import Severity, TermFile
from glossary.core.parser import parse_bytes
from glossary.core.settings import Settings
from glossary.core.validate import validate

TAIL = "\n\n### See also {.seealso}\n\n[Index](#Index) |\n"


def _nested_list(depth: int) -> str:
    return "\n".join("  " * n + f"- level {n}" for n in range(depth)) + \
        "  " * depth + "- deep [link](#Deep)"


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 120))
def test_a_link_at_any_list_depth_is_found_and_see_also_still_seen(depth: int) -> None:
    text = ("## T {#T .term}\n\n**T** is.\n\n### S {.explanation}\n\n"
            f"{_nested_list(depth)}{TAIL}")
    document = parse_bytes(text.encode())
    term = document.terms[0]
    assert [link.anchor for link in term.links] == ["Deep"]
    assert [section.kind for section in term.sections] == ["explanation", "seealso"]
    codes = {d.code for d in validate([TermFile("de/T.md", "de", document)],
                                      Settings(min_severity=Severity.INFO))}
    assert "L001" in codes and "S011" not in codes


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="ab [](#)*`\n", max_size=40), st.text(alphabet="ab [](#)*`\n",
                                                                 max_size=40))
def test_a_stray_comment_opener_is_reported_at_its_place(before: str, after: str) -> None:
    if "`" in before or "-->" in after or "\n\n" in before:
        return  # a code span could hold it; a closing would close it
    text = f"## T {{#T .term}}\n\nx{before} <!-- {after}\n"
    document = parse_bytes(text.encode())
    stray = [f for f in document.findings if f.code == "S018"]
    assert len(stray) == 1
    line = text.split("\n")[stray[0].line - 1]
    assert line[stray[0].column - 1:].startswith("<!--")


def test_front_matter_mkdocs_cannot_read_is_reported() -> None:
    for front, line in (("title: [unclosed\n", 2), ("just a sentence: with: colons\n", 2),
                        ("- a\n- list\n", 1)):
        document = parse_bytes(f"---\n{front}---\n\n## T {{#T .term}}\n\n**T**.\n".encode())
        assert [(f.code, f.line) for f in document.findings] == [("S017", line)], front
    good = parse_bytes(b"---\ntitle: T\n---\n\n## T {#T .term}\n\n**T**.\n")
    assert good.findings == ()
