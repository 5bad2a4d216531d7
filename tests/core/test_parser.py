"""The parser reads every variation of FORMAT.md, with exact lines and columns.

Each `tests/fixtures/parser/<case>.md` is parsed and must give exactly the document in
`<case>.json` beside it, as markdown-it-py keeps its input/output fixtures. The
cases that are about bytes (line ends, byte order marks, encodings) stay below.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.core.model import Document, Link
from glossary.core.parser import decode, parse_bytes
from tests.support import FIXTURES

CASES = sorted((FIXTURES / "parser").glob("*.md"))


def as_json(document: Document) -> dict[str, object]:
    """Everything the parser found, as plain lists: what a fixture's .json holds."""
    return {
        "first_content_line": document.first_content_line,
        "findings": [[f.code, f.line, f.column, f.message] for f in document.findings],
        "terms": [{
            "anchor": t.anchor, "title": t.title, "line": t.line, "column": t.column,
            "taglines": list(t.taglines), "definition": t.definition,
            "definition_line": t.definition_line,
            "sections": [[s.kind, s.title, s.line, s.empty] for s in t.sections],
            "seealso": [[e.anchor, e.label, e.line, e.column] for e in t.seealso],
            "links": [[k.anchor, k.label, k.line, k.column] for k in t.links],
            "examples": [[x.path, x.line] for x in t.examples],
            "level": t.level, "section_level": t.section_level,
        } for t in document.terms],
        "code_blocks": [[b.line, b.column, b.info, b.source, b.end_line]
                        for b in document.code_blocks],
        "links": [[k.anchor, k.label, k.line, k.column] for k in document.links],
        "anchors": list(document.anchors),
        "line_count": document.line_count,
    }


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_fixture(case: Path) -> None:
    expected = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
    assert as_json(parse_bytes(case.read_bytes())) == expected


def test_crlf_bom_and_trailing_spaces_keep_lines() -> None:
    text = "## T {#T .term}   \r\n\r\n**T** is [x](#X).  \r\n"
    doc = parse_bytes(b"\xef\xbb\xbf" + text.encode())
    assert doc.findings == ()
    assert doc.terms[0].anchor == "T"
    assert doc.terms[0].links == (Link("X", "x", 3, 10),)


def test_old_mac_line_ends() -> None:
    doc = parse_bytes(b"## T {#T .term}\r\r**T** is [x](#X).\r")
    assert doc.terms[0].links == (Link("X", "x", 3, 10),)


def test_invalid_utf8_and_nul_are_findings() -> None:
    text, findings = decode(b"ok\nbad \xff here\nnul\x00\n")
    assert "\ufffd" in text and "\x00" not in text
    assert [(f.code, f.line, f.column) for f in findings] == [("E001", 2, 5), ("E002", 3, 4)]


