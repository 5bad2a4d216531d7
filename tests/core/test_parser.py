"""The parser reads every variation of FORMAT.md, with exact lines and columns."""

from __future__ import annotations

from glossary.core.model import Link, Section, SeeAlso
from glossary.core.parser import decode, parse_bytes, parse_text

TERM = """\
<!-- review: ok -->

## Learning Rate {#Learning-Rate .chapter .small .term}

- Learning-Rate.md: ***"Step size"*** (Grok)
- ***„Schrittweite“*** (Claude)

**Learning Rate** sets the [step](#Gradient-Descent) of each
[update](#Optimizer "with a title"), not `[code](#Code)` nor ![img](#Image).

More intro with <!-- [hidden](#Hidden) --> text.

### How {#how .explanation}

| Col | Link |
|-----|------|
| a   | [Adam](#Adam) |

- item with [SGD](#SGD)

```python
print("[not](#Link)")
```

#### Detail

Deeper.

### Haiku {.haiku}

Step by step downhill

### See also: {.seealso}

[Adam](#Adam) |
[Index](#Index) |

----

<!-- trailing note [x](#Trailing) -->
"""


def test_term_model() -> None:
    doc = parse_text(TERM)
    assert doc.first_content_line == 3
    (term,) = doc.terms
    assert (term.anchor, term.title, term.line, term.column) == ("Learning-Rate", "Learning Rate",
                                                                 3, 19)
    assert term.taglines == ("Step size", "Schrittweite")
    assert term.definition == ("Learning Rate sets the step of each update, "
                               "not [code](#Code) nor img.")
    assert term.definition_line == 8
    assert term.sections == (
        Section("explanation", "How", 13, False),
        Section("haiku", "Haiku", 29, False),
        Section("seealso", "See also:", 33, False),
    )
    assert term.seealso == (SeeAlso("Adam", "Adam", 35, 1), SeeAlso("Index", "Index", 36, 1))
    assert term.links == (
        Link("Gradient-Descent", "step", 8, 28),
        Link("Optimizer", "update", 9, 1),
        Link("Adam", "Adam", 17, 9),
        Link("SGD", "SGD", 19, 13),
    )
    assert [f.code for f in doc.findings] == ["S014"]
    assert (doc.findings[0].line, doc.findings[0].column) == (5, 3)


def test_link_label_may_span_lines() -> None:
    doc = parse_text("## T {#T .term}\n\n**T** uses [large\nlanguage models](#LLM).\n")
    assert doc.terms[0].links == (Link("LLM", "large language models", 3, 12),)


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


def test_several_terms_each_indexed() -> None:
    doc = parse_text("## A {#A .term}\n\n**A** a.\n\n## B {#B .term}\n\n**B** b.\n")
    assert [(t.anchor, t.line, t.definition) for t in doc.terms] == [("A", 1, "A a."),
                                                                    ("B", 5, "B b.")]


def test_no_term_heading() -> None:
    doc = parse_text("# Title {#Title}\n\n## Other {#Other .chapter}\n")
    assert doc.terms == ()


def test_front_matter_is_not_content() -> None:
    doc = parse_text("---\ntitle: x\n---\n\n## T {#T .term}\n\n**T** t.\n")
    assert doc.first_content_line == 5


def test_seealso_stops_at_rule_and_skips_comments() -> None:
    doc = parse_text("## T {#T .term}\n\n**T** t.\n\n### S {.seealso}\n\n<!-- c -->\n"
                     "[A](#A) |\n\n----\n\nafter the rule\n")
    assert doc.terms[0].seealso == (SeeAlso("A", "A", 8, 1),)
    assert doc.findings == ()


def test_seealso_lines_are_not_also_body_links() -> None:
    doc = parse_text("## T {#T .term}\n\n**T** t.\n\n### S {.seealso}\n\n[A](#A) |\n")
    assert doc.terms[0].links == ()


def test_unclosed_fence_in_list_item_and_longer_closing_fence() -> None:
    doc = parse_text("## T {#T .term}\n\n- item\n\n  ```\n  code\n\n````\nok\n````\n")
    assert [(f.code, f.line, f.column) for f in doc.findings] == [("S013", 5, 3)]


def test_closed_fences_are_fine() -> None:
    doc = parse_text("~~~~\na\n~~~~~\n\n```py\n```\n\n> ```\n> x\n> ```\n")
    assert doc.findings == ()


def test_example_embeds_are_recorded() -> None:
    doc = parse_text('## T {#T .term}\n\n**T** t.\n\n```python\n--8<-- "examples/t.py"\n```\n')
    assert [(x.path, x.line) for x in doc.terms[0].examples] == [("examples/t.py", 6)]


def test_heading_attributes_in_any_order() -> None:
    doc = parse_text("## Ü-Title {.small #GPT-4.5 data-x=\"a b\" .term}\n")
    assert (doc.terms[0].anchor, doc.terms[0].title) == ("GPT-4.5", "Ü-Title")


def test_braces_in_the_title() -> None:
    doc = parse_text("## Set {x | x > 0} {#Positive #Second .term}\n")
    term = doc.terms[0]
    assert (term.anchor, term.title, term.column) == ("Positive", "Set {x | x > 0}", 21)
