"""No input text makes the engine raise: every problem becomes a diagnostic."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.core.az_index import index_markdown
from glossary.core.links import backlinks, resolve_links
from glossary.core.model import INDEX, Document, Severity, TermFile
from glossary.core.parser import parse_bytes
from glossary.core.settings import Settings
from glossary.core.validate import validate

# Pieces of real term files and of what goes wrong in them, to be shuffled together.
FRAGMENTS = [
    "## Training {#Training .chapter .small .term}", "## T {.term}", "## Ü {#Ü .term}",
    "## {#X .term}", "## A {#A .term", "## B {#B .term}}", "### How {.explanation}",
    "### {.seealso}", "### See also {#s .seealso}", "### Poem {.haiku}", "#### Sub", "# H1",
    "**Term** is a [link](#Training) and [x](#Nowhere).", "***tagline***",
    '- Term.md: ***"quote"*** (Grok)', '- ***"q"***', "[A](#A) |", "[Index](#Index) |",
    "[Broken](#", "[B](#B)", "- [C](#C) |", "```python", "```", "~~~", "````", "    code",
    "<!-- comment", "-->", "<!-- [x](#Y) -->", "$$", r"\\[ x \\]", "| a | b |", "|---|---|",
    "> quote [q](#Q)", "1. item", "- item", "* * *", "----", "---", "title: x", "", "", "",
    "\t[tab](#Tab)", "`code [c](#C)`", "``", "`", "[", "]", "](#", "--8<-- \"examples/x.py\"",
    "\x00", "\ufeff", "\u2028", "text   ", "Ä Ö Ü ß",
    # What real glossaries and their concatenated editions hold.
    "# Adam {#Adam .chapter .small .term}", "### Haiku {#Haiku .chapter .small .term}",
    "## A {#a .index}", "## Funktionsweise {.explanation}", "[Adobe", "Firefly](#Adobe) \\|",
    "\\|", "[A](#A) \\| [B](#a) \\|", 'title: "Glossar"', "[x][ref]", "[ref]: #Ref", "[ref]",
    "-" * 72, "# Einleitung {#einleitung}", "[zurück](#einleitung)", "<div>", "</div>",
]

structured = st.lists(st.sampled_from(FRAGMENTS), max_size=60).flatmap(
    lambda parts: st.sampled_from(["\n", "\r\n", "\r"]).map(lambda eol: eol.join(parts))
).map(lambda text: text.encode("utf-8"))
noisy = st.tuples(structured, st.binary(max_size=40), st.integers(0, 2000)).map(
    lambda t: t[0][: t[2]] + t[1] + t[0][t[2]:]
)


def _links(document: Document) -> list[tuple[str, int, int]]:
    """Every link of a document, wherever the parser put it: outside terms, in a term's
    text or in its see-also list."""
    return [(k.anchor, k.line, k.column) for k in document.links] + [
        (k.anchor, k.line, k.column) for term in document.terms for k in term.references]


def _everything(data_by_file: list[bytes]) -> None:
    """Parse, validate, resolve links and build the index over the given files.

    Each link is placed once (none lost between terms, none counted twice), and every
    link to nothing is reported: as many L001 and L002 as links whose anchor is no term
    of the language, not `Index` and no heading id of its file.
    """
    files = [
        TermFile(f"{lang}/F{n}.md", lang, parse_bytes(data))
        for n, data in enumerate(data_by_file)
        for lang in ("de", "en")
    ]
    diagnostics = validate(files, Settings(min_severity=Severity.INFO))
    for d in diagnostics:
        assert d.line >= 1 and d.column >= 1 and d.code and d.message
    dangling = 0
    for file in files:
        links = _links(file.document)
        assert len(set(links)) == len(links)
        assert all(1 <= line <= file.document.line_count and column >= 1
                   for _, line, column in links)
        terms = {t.anchor for f in files if f.lang == file.lang for t in f.document.terms}
        known = terms | set(file.document.anchors) | {INDEX}
        dangling += sum(anchor not in known for anchor, _, _ in links)
    assert dangling == sum(d.code in ("L001", "L002") for d in diagnostics)
    backlinks(files)
    for file in files:
        html = "".join(f'<a href="#{link.anchor}">x</a>' for term in file.document.terms
                       for link in term.references)
        resolve_links(html, lambda anchor: f"../{anchor}/")
        index_markdown([(t, f"{t.anchor}.md") for t in file.document.terms], file.lang)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(structured, noisy, st.binary(max_size=300)), min_size=1, max_size=4))
def test_never_raises(data_by_file: list[bytes]) -> None:
    _everything(data_by_file)


def test_lines_reported_are_inside_the_file() -> None:
    data = b"## T {#T .term}\n\n```\n" + b"x\n" * 50
    doc = parse_bytes(data)
    assert [(f.code, f.line) for f in doc.findings] == [("S013", 3)]


def test_ten_megabyte_file() -> None:
    sentence = "The text has a [link](#X), `code` and **bold** words in it. "
    block = ("### S {.explanation}\n\n" + (sentence * 6 + "\n") * 3 + "\n- item\n\n"
             "```\ncode\n```\n\n").encode()
    data = b"## T {#T .term}\n\n" + block * (10_000_000 // len(block))
    assert len(data) >= 9_900_000
    doc = parse_bytes(data)
    assert doc.terms[0].anchor == "T"
    assert len(doc.terms[0].links) == 18 * (10_000_000 // len(block))


def test_every_link_is_found_once_wherever_it_stands() -> None:
    """A link before the first term, between terms of an edition, in a see-also list and
    in a file of no term is placed exactly once."""
    text = ("[vor](#A)\n\n# A {#A .term}\n\n**A** [b](#B).\n\n## S {.seealso}\n\n"
            "[B](#B) \\| [C\nD](#C) \\|\n\n# B {#B .term}\n\n**B** [a](#A).\n")
    document = parse_bytes(text.encode())
    assert _links(document) == [("A", 1, 1), ("B", 5, 7), ("B", 9, 1), ("C", 9, 12),
                                ("A", 14, 7)]


def test_pathological_lines_do_not_hang() -> None:
    # Inputs that make naive regexes quadratic: they must finish like any other text.
    cases = [
        "## " + "a" + " " * 200_000 + "x {#T .term}",
        "## T {#T .term}\n\n" + "".join("`" * n + " x " for n in range(1, 1500)),
        "## T {#T .term}\n\n- ***(" + "***(" * 50_000,
        "## T {#T .term}\n\n" + '[a](#b "' * 50_000,
        "## T {#T .term}\n\n" + "<!--" * 100_000,
        "## T {#T .term}\n\n" + ">" * 100_000 + " deep",
        "## T {#T .term}\n\n" + "- " * 50_000 + "deep",
        "## T {#T .term}\n\n" + "[" * 200_000 + "](#X)",
    ]
    for text in cases:
        _everything([text.encode()])
