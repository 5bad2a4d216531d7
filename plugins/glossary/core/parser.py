"""Read one term file into a `Document`, never raising, whatever the bytes.

markdown-it-py finds the blocks (headings, paragraphs, lists, fences, comments) with
their line ranges. The inline pass, which would cost three quarters of the time, is
switched off: links are found by a scan of the prose blocks' source lines, with code
spans and comments masked, so every link keeps its exact line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .model import CodeBlock, Document, ExampleRef, Finding, Link, Section, SeeAlso, Term

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

ANCHOR_RE = re.compile(r"[A-Za-z0-9._-]+")
# What `glossary new` writes where only the author can write the text (rule S015).
PLACEHOLDER = "TODO(glossary):"
SECTION_KINDS = ("explanation", "haiku", "seealso")
_ATTR_RE = re.compile(r"#(?P<id>\S*)|\.(?P<cls>\S+)|[\w-]+=(?:\"[^\"]*\"|'[^']*'|\S+)|\S+")
_TAGLINE_PARA_RE = re.compile(r"^\*\*\*(?P<text>.+?)\*\*\*\s*$")
_TAGLINE_ITEM_RE = re.compile(
    r"^\s*[-*+]\s+(?:(?P<file>[^\s:*]+\.md):\s*)?\*\*\*(?P<text>.+?)\*\*\*\s*(?:\((?P<src>[^)]*)\))?\s*$"
)
_SEEALSO_RE = re.compile(r"^\s*\[(?P<label>[^\]]+)\]\(#(?P<anchor>[^)\s]*)\)\s*(?P<bar>\|)?\s*$")
_LINK_RE = re.compile(
    r"(?<![!\\])\[(?P<label>[^\[\]]*)\]\(\s*#(?P<anchor>[^)\s]*)"
    r"(?:\s+[\"'][^\"'\n]{0,300}[\"'])?\s*\)"
)
_BACKTICKS_RE = re.compile(r"`+")
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|$)", re.S)
_NOT_NEWLINE_RE = re.compile(r"[^\n]")
_SNIPPET_RE = re.compile(r"--8<--\s+[\"'](?P<path>[^\"']+)[\"']")
_QUOTES = "\"'„“”‚‘’«»"
# Taglines are short; longer lines are not tried, which keeps the regexes linear.
_MAX_TAGLINE = 1000
# A definition is 1-3 sentences; markdown-it's inline pass is quadratic on some
# unbalanced brackets, so an overlong paragraph is cut before it.
_MAX_DEFINITION = 4000


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"maxNesting": 20}).enable("table").use(front_matter_plugin)
    md.disable("inline")
    return md


@lru_cache(maxsize=1)
def _inline_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def warm_up() -> None:
    """Import and configure the block parser now (before worker processes fork)."""
    _block_parser()


def decode(data: bytes) -> tuple[str, list[Finding]]:
    """Turn file bytes into text with `\\n` line ends; report what had to be repaired."""
    findings: list[Finding] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        findings.append(
            Finding("E001", line, exc.start - line_start + 1,
                    f"invalid UTF-8 byte 0x{data[exc.start]:02x}; it is shown as U+FFFD")
        )
        text = data.decode("utf-8", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        at = text.index("\x00")
        line, column = _position(text, at)
        findings.append(Finding("E002", line, column, "NUL character in the text"))
        text = text.replace("\x00", "\ufffd")
    return text, findings


def parse_bytes(data: bytes) -> Document:
    text, findings = decode(data)
    document = parse_text(text)
    if not findings:
        return document
    return replace(document, findings=tuple(findings) + document.findings)


def _position(text: str, offset: int, first_line: int = 1) -> tuple[int, int]:
    line = first_line + text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@dataclass(slots=True)
class _Block:
    """A top-level block: type, 0-based line range [start, end), token index."""

    kind: str
    start: int
    end: int
    index: int
    level: int = 0  # heading level, 0 for other blocks


def parse_text(text: str) -> Document:
    lines = text.split("\n")
    tokens = _block_parser().parse(text)
    blocks = _top_blocks(tokens)
    findings: list[Finding] = []
    _check_fences(tokens, lines, findings)

    first_content = next(
        (b.start + 1 for b in blocks if b.kind != "front_matter" and not _is_comment(tokens, b)), 0
    )
    heads = [i for i, b in enumerate(blocks) if b.level == 2 and _is_term_heading(tokens, b)]
    if not heads:
        _report_untagged_heading(tokens, blocks, findings)
    prose = _prose_ranges(tokens)
    terms = []
    for n, head in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(blocks)
        term_end_line = blocks[end].start if end < len(blocks) else len(lines)
        terms.append(_read_term(tokens, blocks[head:end], term_end_line, lines, prose, findings))
    if PLACEHOLDER in text:
        findings += _placeholders(lines)
    return Document(tuple(terms), tuple(findings), first_content, _code_blocks(tokens, lines))


def _placeholders(lines: list[str]) -> list[Finding]:
    """Every placeholder of `glossary new` still in the text, anywhere, comments included."""
    found = []
    for number, line in enumerate(lines, start=1):
        before, *pieces = line.split(PLACEHOLDER)
        column = len(before) + 1
        for piece in pieces:  # each placeholder says what follows it, up to the next one
            said = (PLACEHOLDER + piece).strip().removesuffix("-->").strip()
            found.append(Finding("S015", number, column,
                                 f'placeholder left from the template: "{_shorten(said)}"'))
            column += len(PLACEHOLDER) + len(piece)
    return found


def _shorten(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _report_untagged_heading(tokens: list[Token], blocks: list[_Block],
                             findings: list[Finding]) -> None:
    """A file without a term heading: point at a `##` heading with an id, if one is there."""
    for block in blocks:
        if block.level == 2:
            _, anchor, _ = _split_attrs(_heading_text(tokens, block))
            if anchor:
                findings.append(Finding("S001", block.start + 1, 1,
                                        f"heading `{{#{anchor}}}` lacks the `.term` class, so "
                                        "the file holds no term"))
                return


def _top_blocks(tokens: list[Token]) -> list[_Block]:
    blocks = []
    for index, token in enumerate(tokens):
        if token.level != 0 or token.map is None or token.nesting == -1:
            continue
        level = int(token.tag[1]) if token.type == "heading_open" else 0
        blocks.append(_Block(token.type, token.map[0], token.map[1], index, level))
    return blocks


def _is_comment(tokens: list[Token], block: _Block) -> bool:
    if block.kind != "html_block":
        return False
    content = tokens[block.index].content.strip()
    return content.startswith("<!--") and content.endswith("-->")


def _heading_text(tokens: list[Token], block: _Block) -> str:
    return tokens[block.index + 1].content


def _split_attrs(content: str) -> tuple[str, str | None, list[str]]:
    """`Title {#id .a .b}` -> (title, id, classes); id is None when absent."""
    content = content.rstrip()
    start = content.rfind("{")
    if not content.endswith("}") or start < 0 or "}" in content[start:-1]:
        return content.strip(), None, []
    anchor: str | None = None
    classes = []
    for attr in _ATTR_RE.finditer(content[start + 1:-1]):
        if attr["id"] is not None and anchor is None:
            anchor = attr["id"]
        elif attr["cls"] is not None:
            classes.append(attr["cls"])
    return content[:start].strip(), anchor, classes


def _is_term_heading(tokens: list[Token], block: _Block) -> bool:
    return "term" in _split_attrs(_heading_text(tokens, block))[2]


def _prose_ranges(tokens: list[Token]) -> list[tuple[int, int]]:
    """Line ranges of paragraphs, headings and tables, at any depth: where links live."""
    return [
        (t.map[0], t.map[1])
        for t in tokens
        if t.map is not None and t.type in ("paragraph_open", "heading_open", "table_open")
    ]


def _check_fences(tokens: list[Token], lines: list[str], findings: list[Finding]) -> None:
    for token in tokens:
        if token.type != "fence" or token.map is None:
            continue
        start, end = token.map
        last = lines[end - 1].lstrip(" \t>") if end - 1 < len(lines) else ""
        char = token.markup[:1]
        closed = (end - start >= 2 and last.startswith(token.markup)
                  and not last.strip().strip(char))
        if not closed:
            column = len(lines[start]) - len(lines[start].lstrip(" \t>")) + 1
            findings.append(Finding("S013", start + 1, column,
                                    f"code block opened with {token.markup} is never closed"))


def _code_blocks(tokens: list[Token], lines: list[str]) -> tuple[CodeBlock, ...]:
    blocks = []
    for token in tokens:
        if token.type == "fence" and token.map is not None:
            start, end = token.map
            opening = lines[start]
            column = len(opening) - len(opening.lstrip(" \t>")) + 1
            blocks.append(CodeBlock(start + 1, column, token.info.strip(), token.content, end))
    return tuple(blocks)


def _read_term(tokens: list[Token], blocks: list[_Block], end_line: int, lines: list[str],
               prose: list[tuple[int, int]], findings: list[Finding]) -> Term:
    head = blocks[0]
    heading_line = lines[head.start]
    title, anchor, _ = _split_attrs(_heading_text(tokens, head))
    brace = heading_line.rfind("{")  # the attribute block is the last one, as in _split_attrs
    hash_at = heading_line.find("#", brace) if brace >= 0 else -1
    column = hash_at + 1 if hash_at >= 0 else 1
    if not anchor:
        findings.append(Finding("S004", head.start + 1, column, "term heading has no `#Anchor`"))
        anchor = ""
    elif not ANCHOR_RE.fullmatch(anchor):
        findings.append(Finding("S004", head.start + 1, column,
                                f"anchor `{anchor}` has characters other than ASCII letters, "
                                "digits, `-`, `.` and `_`"))

    body = blocks[1:]
    first_section = next((i for i, b in enumerate(body) if 1 <= b.level <= 3), len(body))
    taglines, definition, definition_line = _read_intro(tokens, body[:first_section], lines,
                                                        findings)
    sections, seealso_lines = _read_sections(tokens, body[first_section:], end_line, lines)
    seealso = _read_seealso(seealso_lines, lines, findings)
    skip = set(seealso_lines)
    links = [
        link
        for start, end in prose
        if head.start <= start < end_line and start not in skip
        for link in _find_links(lines, start, end)
    ]
    examples = [
        ExampleRef(m["path"], number + 1)
        for number in range(head.start, min(end_line, len(lines)))
        if "--8<--" in lines[number]
        for m in _SNIPPET_RE.finditer(lines[number])
    ]
    return Term(anchor, title, head.start + 1, column, tuple(taglines), definition,
                definition_line, tuple(sections), tuple(seealso), tuple(links), tuple(examples))


def _read_intro(tokens: list[Token], blocks: list[_Block], lines: list[str],
                findings: list[Finding]) -> tuple[list[str], str, int]:
    """Taglines and the definition: the first paragraph that is not a tagline."""
    taglines: list[str] = []
    for block in blocks:
        if _is_comment(tokens, block):
            continue
        found = _taglines(block, lines[block.start:block.end], findings)
        if found:
            taglines += found
        elif block.kind == "paragraph_open":
            definition = _plain_text(tokens[block.index + 1].content[:_MAX_DEFINITION])
            return taglines, definition, block.start + 1
    return taglines, "", 0


def _taglines(block: _Block, source: list[str], findings: list[Finding]) -> list[str]:
    """The taglines a block consists of: `***text***`, or a list of `- ***"text"*** (who)`."""
    if any(len(line) > _MAX_TAGLINE for line in source):
        return []
    if block.kind == "paragraph_open" and len(source) == 1:
        match = _TAGLINE_PARA_RE.match(source[0].strip())
        return [match["text"].strip().strip(_QUOTES)] if match else []
    if block.kind != "bullet_list_open":
        return []
    items = [(n, _TAGLINE_ITEM_RE.match(line)) for n, line in enumerate(source) if line.strip()]
    if not items or not all(item for _, item in items):
        return []
    taglines = []
    for offset, item in items:
        assert item is not None
        taglines.append(item["text"].strip().strip(_QUOTES))
        if item["file"]:
            findings.append(Finding("S014", block.start + offset + 1, item.start("file") + 1,
                                    f"tagline starts with the file name `{item['file']}:`"))
    return taglines


def _plain_text(markdown: str) -> str:
    """The reader-visible text of an inline Markdown fragment."""
    parts: list[str] = []
    for token in _inline_parser().parseInline(markdown)[0].children or []:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image":
            parts.append(token.content)
    return " ".join("".join(parts).split())


def _read_sections(tokens: list[Token], blocks: list[_Block], end_line: int,
                   lines: list[str]) -> tuple[list[Section], list[int]]:
    """Every `###` section; also the 0-based source lines of see-also entries."""
    sections: list[Section] = []
    seealso_lines: list[int] = []
    starts = [i for i, b in enumerate(blocks) if 1 <= b.level <= 3]
    for n, i in enumerate(starts):
        head = blocks[i]
        if head.level != 3:
            continue
        stop = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        content = [b for b in blocks[i + 1:stop] if b.kind != "hr" and not _is_comment(tokens, b)]
        title, _, classes = _split_attrs(_heading_text(tokens, head))
        kind = next((c for c in classes if c in SECTION_KINDS), "section")
        sections.append(Section(kind, title, head.start + 1, not content))
        if kind == "seealso":
            for block in blocks[i + 1:stop]:
                if block.kind == "hr":
                    break
                if not _is_comment(tokens, block):
                    seealso_lines.extend(range(block.start, min(block.end, end_line)))
    return sections, seealso_lines


def _read_seealso(numbers: list[int], lines: list[str], findings: list[Finding]) -> list[SeeAlso]:
    entries = []
    for number in numbers:
        line = lines[number]
        if not line.strip():
            continue
        match = _SEEALSO_RE.match(line)
        if match is None:
            findings.append(Finding("L008", number + 1, 1,
                                    f"see-also line `{line.strip()[:60]}` is not "
                                    "`[Label](#Anchor) |`"))
            continue
        if match["bar"] is None:
            findings.append(Finding("L008", number + 1, match.end("anchor") + 2,
                                    "see-also line does not end with ` |`"))
        entries.append(SeeAlso(match["anchor"], match["label"].strip(), number + 1,
                               match.start() + 1 + len(line) - len(line.lstrip())))
    return entries


def _mask(match: re.Match[str]) -> str:
    return _NOT_NEWLINE_RE.sub(" ", match.group())


def _mask_code_spans(text: str) -> str:
    """Blank out code spans: a backtick run up to the next run of the same length.

    Done by pairing runs rather than with a lazy regex, which would be quadratic on
    text with many unmatched runs.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS_RE.finditer(text)]
    following: list[int | None] = [None] * len(runs)
    last_of_length: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        following[i] = last_of_length.get(length)
        last_of_length[length] = i
    parts = []
    done = i = 0
    while i < len(runs):
        j = following[i]
        if j is None:
            i += 1
            continue
        start, end = runs[i][0], runs[j][1]
        parts += [text[done:start], _NOT_NEWLINE_RE.sub(" ", text[start:end])]
        done, i = end, j + 1
    parts.append(text[done:])
    return "".join(parts)


def _find_links(lines: list[str], start: int, end: int) -> list[Link]:
    text = "\n".join(lines[start:end])
    if "](#" not in text:
        return []
    if "`" in text:
        text = _mask_code_spans(text)
    if "<!--" in text:
        text = _COMMENT_RE.sub(_mask, text)
    links = []
    for match in _LINK_RE.finditer(text):
        line, column = _position(text, match.start(), start + 1)
        links.append(Link(match["anchor"], " ".join(match["label"].split()), line, column))
    return links
