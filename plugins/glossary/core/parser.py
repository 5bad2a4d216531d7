"""Read one term file into a `Document`, never raising, whatever the bytes.

pulldown-cmark, through pyromark, parses the CommonMark structure, blocks and inline,
in Rust and in linear time, and gives the byte range of every element. Links are its
link events: code spans, code blocks, indented code and HTML comments never hold one,
a label may be wrapped over lines, and each link keeps its exact line and column.
`benchmarks/parser_candidates.py` compares it with the other parsers we tried.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from typing import Any

import pyromark

from .model import CodeBlock, Document, ExampleRef, Finding, Link, Section, SeeAlso, Term

ANCHOR_RE = re.compile(r"[A-Za-z0-9._-]+")


def anchor_problem(anchor: str) -> str | None:
    """Why `anchor` cannot name a term and its page, or None when it can."""
    if not ANCHOR_RE.fullmatch(anchor):
        return (f"anchor `{anchor}` has characters other than ASCII letters, digits, `-`, `.` "
                "and `_`")
    if anchor.startswith("."):
        return (f"anchor `{anchor}` starts with a dot: MkDocs skips such files, so the term "
                "would have no page")
    return None


# What `glossary new` writes where only the author can write the text (rule S015).
PLACEHOLDER = "TODO(glossary):"
SECTION_KINDS = ("explanation", "haiku", "seealso")
# The level FORMAT.md writes term headings at; others are read, and reported (S016).
TERM_LEVEL = 2
_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_YAML_STYLE_METADATA_BLOCKS
_ATTR_RE = re.compile(r"#(?P<id>\S*)|\.(?P<cls>\S+)|[\w-]+=(?:\"[^\"]*\"|'[^']*'|\S+)|\S+")
_TAGLINE_PARA_RE = re.compile(r"^\*\*\*(?P<text>.+?)\*\*\*\s*$")
_TAGLINE_ITEM_RE = re.compile(
    r"^\s*[-*+]\s+(?:(?P<file>[^\s:*]+\.md):\s*)?\*\*\*(?P<text>.+?)\*\*\*\s*(?:\((?P<src>[^)]*)\))?\s*$"
)
# What may stand between see-also entries: ` |`, or Pandoc's escaped ` \|`.
_BAR_RE = re.compile(r"\s*\\?\|")
_BAR_BYTES_RE = re.compile(rb"\s*\\?\|")
_FENCE_RE = re.compile(r"`{3,}|~{3,}")
_SNIPPET_RE = re.compile(r"--8<--\s+[\"'](?P<path>[^\"']+)[\"']")
_QUOTES = "\"'„“”‚‘’«»"
# Taglines are short; longer lines are not tried, which keeps the regexes linear.
_MAX_TAGLINE = 1000
# Link kinds that name their target in the text or in a reference definition.
_LINK_TYPES = frozenset({"Inline", "Reference", "Collapsed", "Shortcut"})
_BLOCK_KINDS = {"Paragraph": "paragraph", "HtmlBlock": "html", "Heading": "heading",
                "List": "list", "CodeBlock": "code", "Table": "table",
                "MetadataBlock": "front_matter", "BlockQuote": "quote"}


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


class _Source:
    """The text, and where each byte offset of its UTF-8 encoding stands: line, column."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode()
        self.lines = text.split("\n")
        self.ascii = len(self.data) == len(text)
        lengths = map(len, self.lines if self.ascii else self.data.split(b"\n"))
        self.starts = [0, *accumulate(length + 1 for length in lengths)]
        self._last = (-1, 0, 1)  # line, byte offset and column of the last position asked

    def line(self, offset: int) -> int:
        """The 0-based line of a byte offset."""
        return bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a byte offset.

        Columns of a line that is not ASCII are counted on from the offset asked for
        before, when it is on the same line and not after this one: links come in order,
        so a line of a hundred thousand links costs one pass over it, not one each.
        """
        line = self.line(offset)
        start = self.starts[line]
        if self.ascii:
            return line + 1, offset - start + 1
        last_line, last_offset, last_column = self._last
        if last_line != line or last_offset > offset:
            last_offset, last_column = start, 1
        column = last_column + len(self.data[last_offset:offset].decode("utf-8", "replace"))
        self._last = (line, offset, column)
        return line + 1, column

    def span(self, start: int, end: int) -> str:
        return self.data[start:end].decode("utf-8", "replace")


@dataclass(slots=True)
class _Block:
    """A top-level block: kind, 0-based line range [start, end), byte range [first, last)."""

    kind: str
    start: int
    end: int
    first: int
    last: int
    level: int = 0  # heading level, 0 for other blocks
    content: str = ""  # a heading's source text, e.g. `Title {#Anchor .term}`
    comment: bool = False  # an HTML block that is one comment


@dataclass(frozen=True, slots=True)
class _Link:
    anchor: str
    label: str
    line: int
    column: int
    end: int  # byte offset after the link's source


@dataclass(slots=True)
class _Parse:
    """What one pass over the events collects."""

    source: _Source
    blocks: list[_Block]
    links: list[_Link]
    anchors: list[str]  # ids of headings at any depth
    code: list[CodeBlock]
    findings: list[Finding]
    stray_comments: list[int] = field(default_factory=list)  # offsets of `<!--` in text


def _position(text: str, offset: int, first_line: int = 1) -> tuple[int, int]:
    line = first_line + text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def parse_text(text: str) -> Document:
    parse = _scan(_Source(text))
    source, blocks, findings = parse.source, parse.blocks, parse.findings
    lines = source.lines
    first_content = next(
        (b.start + 1 for b in blocks if b.kind != "front_matter" and not b.comment), 0
    )
    _report_comments(parse)
    for block in blocks:
        if block.kind == "front_matter":
            _check_front_matter(source, block, findings)
    heads = [i for i, b in enumerate(blocks) if b.level and "term" in _split_attrs(b.content)[2]]
    if not heads:
        _report_untagged_heading(blocks, findings)
    _report_levels([blocks[i] for i in heads], findings)
    terms = []
    link_lines = [link.line for link in parse.links]
    for n, head in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(blocks)
        term_end_line = blocks[end].start if end < len(blocks) else len(lines)
        # The term's links: those on its lines [head.start + 1, term_end_line].
        mine = parse.links[bisect_left(link_lines, blocks[head].start + 1):
                           bisect_right(link_lines, term_end_line)]
        terms.append(_read_term(parse, blocks[head:end], term_end_line, mine))
    term_ids = {t.anchor for t in terms}
    first_term = blocks[heads[0]].start + 1 if heads else len(lines) + 1
    outside = tuple(Link(k.anchor, k.label, k.line, k.column)
                    for k in parse.links[:bisect_left(link_lines, first_term)])
    anchors = tuple(dict.fromkeys(a for a in parse.anchors if a not in term_ids))
    if PLACEHOLDER in text:
        findings += _placeholders(lines)
    return Document(tuple(terms), tuple(findings), first_content, tuple(parse.code), outside,
                    anchors, len(lines))


def _scan(source: _Source) -> _Parse:
    """One pass over pulldown-cmark's events: top-level blocks, links, heading ids, code.

    The loop runs once per event, some 60 per kB of text, so it keeps to the events it
    needs and holds no other.
    """
    parse = _Parse(source, [], [], [], [], [])
    blocks, add_link = parse.blocks, parse.links.append
    depth = 0
    # The open heading: its block (None inside a container), its content's byte range.
    heading: list[Any] | None = None
    fence: tuple[str, Any, list[str]] | None = None  # the open fenced code block
    in_code = False  # inside a code block, fenced or indented
    # pyromark types each event exactly; read here by key, as plain dicts.
    events: Iterator[tuple[Any, Any]] = pyromark.events_with_range(
        source.text, options=_OPTIONS, merge_text=True)
    for event, span in events:
        if type(event) is str:
            if event == "Rule" and depth == 0:
                line = source.line(span["start"])
                blocks.append(_Block("hr", line, line + 1, span["start"], span["end"]))
            elif heading is not None:
                heading[2] = span["end"]
            continue
        if fence is not None and "Text" in event:
            fence[2].append(event["Text"])
            continue
        if not in_code and "Text" in event and "<!--" in event["Text"]:
            at = source.data.find(b"<!--", span["start"], span["end"])
            parse.stray_comments.append(at if at >= 0 else span["start"])
        tag = event.get("Start")
        if tag is not None:
            if heading is not None:
                if heading[1] < 0:
                    heading[1] = span["start"]
                heading[2] = span["end"]
            if type(tag) is dict:
                if "Link" in tag:
                    _add_link(source, tag["Link"], span, add_link)
                elif "Heading" in tag:
                    heading = [None, -1, -1]
                elif "CodeBlock" in tag:
                    in_code = True
                    if isinstance(tag["CodeBlock"], dict):
                        fence = (tag["CodeBlock"]["Fenced"], span, [])
            if depth == 0:
                block = _add_block(source, tag, span)
                blocks.append(block)
                if heading is not None and heading[0] is None and "Heading" in tag:
                    heading[0] = block
            depth += 1
            continue
        end = event.get("End")
        if end is not None:
            depth -= 1
            if type(end) is dict and "Heading" in end and heading is not None:
                _close_heading(parse, heading)
                heading = None
            elif end == "CodeBlock":
                in_code = False
                if fence is not None:
                    _close_fence(parse, fence)
                    fence = None
            elif heading is not None:
                heading[2] = span["end"]
            continue
        if heading is not None:  # text, code, inline HTML of a heading
            if heading[1] < 0:
                heading[1] = span["start"]
            heading[2] = span["end"]
    _check_fences(parse)
    return parse


def _add_link(source: _Source, link: dict[str, Any], span: Any,
              add: Callable[[_Link], None]) -> None:
    kind, url = link["link_type"], link["dest_url"]
    if not url.startswith("#") or kind not in _LINK_TYPES:
        return
    start, end = span["start"], span["end"]
    raw = source.span(start, end)
    cut = raw.rfind("](") if kind == "Inline" else raw.find("][")
    label = raw[1:cut] if cut > 0 else raw[1:-1]
    line, column = source.position(start)
    add(_Link(url[1:], " ".join(label.split()), line, column, end))


def _close_heading(parse: _Parse, heading: list[Any]) -> None:
    block, start, end = heading
    content = parse.source.span(start, end) if start >= 0 else ""
    if block is not None:
        block.content = content
    anchor = _split_attrs(content)[1]
    if anchor:
        parse.anchors.append(anchor)


def _close_fence(parse: _Parse, fence: tuple[str, Any, list[str]]) -> None:
    info, span, texts = fence
    source = parse.source
    start = source.line(span["start"])
    opening = source.lines[start]
    column = len(opening) - len(opening.lstrip(" \t>")) + 1
    end = source.line(max(span["start"], span["end"] - 1)) + 1
    parse.code.append(CodeBlock(start + 1, column, info.strip(), "".join(texts), end))


def _add_block(source: _Source, tag: Any, span: Any) -> _Block:
    name = next(iter(tag)) if type(tag) is dict else tag
    first, last = span["start"], span["end"]
    start = source.line(first)
    end = source.line(max(first, last - 1)) + 1
    kind = _BLOCK_KINDS.get(name, "other")
    if name == "List" and tag["List"] is not None:
        kind = "ordered_list"
    block = _Block(kind, start, end, first, last)
    if name == "Heading":
        block.level = int(tag["Heading"]["level"][1])
    elif name == "HtmlBlock":
        html = source.span(first, last).strip()
        block.comment = html.startswith("<!--") and html.endswith("-->")
    return block


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


def _report_comments(parse: _Parse) -> None:
    """Each `<!--` that opens a comment never closed: the page hides what follows it."""
    source = parse.source
    openers = [*parse.stray_comments,
               *(b.first for b in parse.blocks if b.kind == "html" and not b.comment
                 and source.span(b.first, b.last).lstrip().startswith("<!--")
                 and "-->" not in source.span(b.first, b.last))]
    for offset in sorted(openers):
        at = source.data.find(b"<!--", offset)
        line, column = source.position(at if at >= 0 else offset)
        parse.findings.append(Finding("S018", line, column,
                                      "`<!--` opens an HTML comment that is not closed (by "
                                      "`-->` in its paragraph or block): the page hides "
                                      "what follows it"))


def _check_front_matter(source: _Source, block: _Block, findings: list[Finding]) -> None:
    """Front matter MkDocs cannot read it shows as text above the title: say why."""
    import yaml  # here: few term files have front matter

    text = "\n".join(source.lines[block.start + 1:block.end - 1])
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = block.start + 2 + (mark.line if mark is not None else 0)
        problem = getattr(exc, "problem", None) or "not YAML"
        findings.append(Finding("S017", line, 1, f"front matter is not YAML: {problem}"))
        return
    if data is not None and not isinstance(data, dict):
        findings.append(Finding("S017", block.start + 1, 1,
                                "front matter is not a mapping of keys to values"))


def _report_untagged_heading(blocks: list[_Block], findings: list[Finding]) -> None:
    """A file without a term heading: point at a heading with an id, if one is there
    (one at the term level first)."""
    for block in sorted(blocks, key=lambda b: b.level != TERM_LEVEL):
        if block.level:
            _, anchor, _ = _split_attrs(block.content)
            if anchor:
                findings.append(Finding("S001", block.start + 1, 1,
                                        f"heading `{{#{anchor}}}` lacks the `.term` class, so "
                                        "the file holds no term"))
                return


def _report_levels(heads: list[_Block], findings: list[Finding]) -> None:
    """Term headings at another level than FORMAT.md's: once per file, not per heading."""
    other = [head for head in heads if head.level != TERM_LEVEL]
    if not other:
        return
    first = other[0]
    more = f" (and {len(other) - 1} more)" if len(other) > 1 else ""
    findings.append(Finding("S016", first.start + 1, 1,
                            f"term heading at level {first.level} (`{'#' * first.level} `)"
                            f"{more}; terms are written at level {TERM_LEVEL}"))


@lru_cache(maxsize=4096)  # each heading is asked about up to four times
def _split_attrs(content: str) -> tuple[str, str | None, tuple[str, ...]]:
    """`Title {#id .a .b}` -> (title, id, classes); id is None when absent."""
    content = content.rstrip()
    start = content.rfind("{")
    if not content.endswith("}") or start < 0 or "}" in content[start:-1]:
        return content.strip(), None, ()
    anchor: str | None = None
    classes = []
    for attr in _ATTR_RE.finditer(content[start + 1:-1]):
        if attr["id"] is not None and anchor is None:
            anchor = attr["id"]
        elif attr["cls"] is not None:
            classes.append(attr["cls"])
    return content[:start].strip(), anchor, tuple(classes)


def _check_fences(parse: _Parse) -> None:
    lines = parse.source.lines
    for block in parse.code:
        start, end = block.line - 1, block.end_line
        opening = lines[start]
        fence = _FENCE_RE.search(opening)
        markup = fence.group() if fence else "```"
        last = lines[end - 1].lstrip(" \t>") if end - 1 < len(lines) else ""
        closed = (end - start >= 2 and last.startswith(markup)
                  and not last.strip().strip(markup[0]))
        if not closed:
            parse.findings.append(Finding("S013", block.line, block.column,
                                          f"code block opened with {markup} is never closed"))


def _read_term(parse: _Parse, blocks: list[_Block], end_line: int, mine: list[_Link]) -> Term:
    lines, findings = parse.source.lines, parse.findings
    head = blocks[0]
    heading_line = lines[head.start]
    title, anchor, _ = _split_attrs(head.content)
    brace = heading_line.rfind("{")  # the attribute block is the last one, as in _split_attrs
    hash_at = heading_line.find("#", brace) if brace >= 0 else -1
    column = hash_at + 1 if hash_at >= 0 else 1
    if not anchor:
        findings.append(Finding("S004", head.start + 1, column, "term heading has no `#Anchor`"))
        anchor = ""
    elif (problem := anchor_problem(anchor)) is not None:
        findings.append(Finding("S004", head.start + 1, column, problem))

    body = blocks[1:]
    level = _section_level(body, head.level)
    first_section = next((i for i, b in enumerate(body) if 0 < b.level <= level), len(body))
    taglines, definition, definition_line = _read_intro(parse, body[:first_section])
    sections, seealso_blocks = _read_sections(body[first_section:], level)
    seealso_lines = {n + 1 for b in seealso_blocks for n in range(b.start, min(b.end, end_line))}
    links: list[Link] = []
    entries: list[_Link] = []
    for link in mine:
        if link.line in seealso_lines:
            entries.append(link)
        else:
            links.append(Link(link.anchor, link.label, link.line, link.column))
    seealso, loose = _read_seealso(parse, seealso_blocks, entries, end_line)
    links += loose
    examples = [
        ExampleRef(m["path"], number + 1)
        for number in range(head.start, min(end_line, len(lines)))
        if "--8<--" in lines[number]
        for m in _SNIPPET_RE.finditer(lines[number])
    ]
    return Term(anchor, title, head.start + 1, column, tuple(taglines), definition,
                definition_line, tuple(sections), tuple(seealso), tuple(links), tuple(examples),
                head.level, level)


def _section_level(body: list[_Block], term_level: int) -> int:
    """The level of a term's sections: that of its first classed section heading, else one
    below the term (a concatenated edition moves both up a level)."""
    for block in body:
        if block.level and set(_split_attrs(block.content)[2]) & set(SECTION_KINDS):
            return block.level
    return term_level + 1


def _read_intro(parse: _Parse, blocks: list[_Block]) -> tuple[list[str], str, int]:
    """Taglines and the definition: the first paragraph that is not a tagline."""
    taglines: list[str] = []
    lines = parse.source.lines
    for block in blocks:
        if block.comment:
            continue
        found = _taglines(block, lines[block.start:block.end], parse.findings)
        if found:
            taglines += found
        elif block.kind == "paragraph":
            paragraph = parse.source.span(block.first, block.last)
            return taglines, _plain_text(paragraph), block.start + 1
    return taglines, "", 0


def _taglines(block: _Block, source: list[str], findings: list[Finding]) -> list[str]:
    """The taglines a block consists of: `***text***`, or a list of `- ***"text"*** (who)`."""
    if any(len(line) > _MAX_TAGLINE for line in source):
        return []
    if block.kind == "paragraph" and len(source) == 1:
        match = _TAGLINE_PARA_RE.match(source[0].strip())
        return [match["text"].strip().strip(_QUOTES)] if match else []
    if block.kind != "list":
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
    """The reader-visible text of a paragraph."""
    parts: list[str] = []
    events: Iterator[Any] = pyromark.events(markdown, options=_OPTIONS)
    for event in events:
        if type(event) is str:
            if event in ("SoftBreak", "HardBreak"):
                parts.append(" ")
        elif "Text" in event:
            parts.append(event["Text"])
        elif "Code" in event:
            parts.append(event["Code"])
    return " ".join("".join(parts).split())


def _read_sections(blocks: list[_Block], level: int) -> tuple[list[Section], list[_Block]]:
    """Every section at `level`; also the blocks of the see-also list."""
    sections: list[Section] = []
    seealso: list[_Block] = []
    starts = [i for i, b in enumerate(blocks) if 0 < b.level <= level]
    for n, i in enumerate(starts):
        head = blocks[i]
        if head.level != level:
            continue
        stop = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        content = [b for b in blocks[i + 1:stop] if b.kind != "hr" and not b.comment]
        title, _, classes = _split_attrs(head.content)
        kind = next((c for c in classes if c in SECTION_KINDS), "section")
        sections.append(Section(kind, title, head.start + 1, not content))
        if kind == "seealso":
            for block in blocks[i + 1:stop]:
                if block.kind == "hr":
                    break
                if not block.comment:
                    seealso.append(block)
    return sections, seealso


def _read_seealso(parse: _Parse, blocks: list[_Block], entries: list[_Link],
                  end_line: int) -> tuple[list[SeeAlso], list[Link]]:
    """The see-also entries, and L008 for each line that is not entries and bars.

    An entry is `[Label](#Anchor)` followed by ` |`; Pandoc's ` \\|` is read as well, and
    a Pandoc-wrapped list (several entries a line, a label broken over two) is accepted.
    The links of a line that is not entries (`- [A](#A) |`) are returned as plain links.
    """
    source, findings = parse.source, parse.findings
    spans: dict[int, list[tuple[int, int]]] = {}  # 0-based line -> columns entries cover
    ends = []
    for entry in entries:
        start_line, start_col = entry.line - 1, entry.column - 1
        end_line_, end_col = source.position(entry.end)
        ends.append((end_line_, end_col))
        for number in range(start_line, end_line_):
            lo = start_col if number == start_line else 0
            hi = end_col - 1 if number == end_line_ - 1 else len(source.lines[number])
            spans.setdefault(number, []).append((lo, hi))
    malformed = set()
    for block in blocks:
        for number in range(block.start, min(block.end, end_line)):
            if _BAR_RE.sub("", _without(source.lines[number], spans.get(number, []))).strip():
                malformed.add(number + 1)
                line = source.lines[number].strip()
                findings.append(Finding("L008", number + 1, 1,
                                        f"see-also line `{_shorten(line, 60)}` is not "
                                        "`[Label](#Anchor) |`"))
    found: list[SeeAlso] = []
    links: list[Link] = []
    for entry, (at, column) in zip(entries, ends, strict=True):
        if entry.line in malformed:
            links.append(Link(entry.anchor, entry.label, entry.line, entry.column))
            continue
        found.append(SeeAlso(entry.anchor, entry.label, entry.line, entry.column))
        if not _BAR_BYTES_RE.match(source.data, entry.end):
            findings.append(Finding("L008", at, column,
                                    f"see-also entry `[{entry.label}](#{entry.anchor})` is "
                                    "not followed by ` |`"))
    return found, links


def _without(line: str, spans: list[tuple[int, int]]) -> str:
    """`line` less the column ranges `spans` (in order, not overlapping)."""
    if not spans:
        return line
    parts, done = [], 0
    for lo, hi in spans:
        parts.append(line[done:lo])
        done = hi
    parts.append(line[done:])
    return " ".join(parts)
