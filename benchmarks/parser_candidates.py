"""Compare candidate Markdown parsers on a folder of term files: speed and what they find.

    python benchmarks/parser_candidates.py DIR [--runs 3]

Every candidate reports, for each file, its headings as (level, line) and its links to
`#anchors` as (line, column, anchor): 1-based, the column in characters, links in code
spans, code blocks and HTML comments left out. Files are read and decoded once; only the
parsing is timed, in this process. pyromark (pulldown-cmark) is the reference the others
are compared with. Candidates that do not import are reported as not installed.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from glossary.core.parser import decode

Heading = tuple[int, int]  # level, line
Link = tuple[int, int, str]  # line, column, anchor
Result = tuple[list[Heading], list[Link]]
Parse = Callable[[str], Result]

# The link regex and code-span masking the parser used with markdown-it-py, compacted.
_LINK_RE = re.compile(
    r"(?<![!\\])\[(?P<label>[^\[\]]*)\]\(\s*#(?P<anchor>[^)\s]*)"
    r"(?:\s+[\"'][^\"'\n]{0,300}[\"'])?\s*\)"
)
_BACKTICKS_RE = re.compile(r"`+")
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|$)", re.S)
_NOT_NEWLINE_RE = re.compile(r"[^\n]")
_FENCE_RE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX_RE = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
_PROSE_TOKENS = ("paragraph_open", "heading_open", "table_open")


def _blank(match: re.Match[str]) -> str:
    return _NOT_NEWLINE_RE.sub(" ", match.group())


def _mask_code_spans(text: str) -> str:
    """Blank out each backtick run up to the next run of the same length."""
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


def _regex_links(lines: list[str], start: int, end: int) -> list[Link]:
    """Links in lines [start, end) (0-based), as parser.py's `_find_links` finds them."""
    text = "\n".join(lines[start:end])
    if "](#" not in text:
        return []
    if "`" in text:
        text = _mask_code_spans(text)
    if "<!--" in text:
        text = _COMMENT_RE.sub(_blank, text)
    links = []
    for match in _LINK_RE.finditer(text):
        offset = match.start()
        line = start + 1 + text.count("\n", 0, offset)
        links.append((line, offset - text.rfind("\n", 0, offset), match["anchor"]))
    return links


class _ByteLines:
    """Turns UTF-8 byte offsets into 1-based (line, column in characters)."""

    def __init__(self, text: str) -> None:
        self.data = text.encode()
        self.ascii = len(self.data) == len(text)
        self.starts = [0, *(m.end() for m in re.finditer(b"\n", self.data))]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        start = self.starts[line - 1]
        column = offset - start if self.ascii else len(self.data[start:offset].decode())
        return line, column + 1


def block_pass_regex() -> Parse:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"maxNesting": 20}).enable("table").use(front_matter_plugin)
    md.disable("inline")

    def parse(text: str) -> Result:
        lines = text.split("\n")
        headings, links = [], []
        for token in md.parse(text):
            if token.map is None or token.type not in _PROSE_TOKENS:
                continue
            if token.type == "heading_open":
                headings.append((int(token.tag[1]), token.map[0] + 1))
            links += _regex_links(lines, token.map[0], token.map[1])
        return headings, links

    return parse


def full_parse() -> Parse:
    """Inline on. The `link` rule is wrapped to note `state.pos` on each link_open token: an
    offset into the inline token's content. Its lines are the source lines less a container
    prefix (`> `, list indent) and outer whitespace, so each is found again in its source
    line, left to right, which also places table cells; a cell's `\\|` comes back unescaped
    in the content, so a cell not found as it is is looked for with `|` escaped again."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.rules_inline.link import link as link_rule
    from mdit_py_plugins.front_matter import front_matter_plugin

    def noting_link(state: StateInline, silent: bool) -> bool:
        start, first = state.pos, len(state.tokens)
        if not link_rule(state, silent):
            return False
        if not silent:
            opened = next(t for t in state.tokens[first:] if t.type == "link_open")
            opened.meta["pos"] = start
        return True

    md = MarkdownIt("commonmark", {"maxNesting": 20}).enable("table").use(front_matter_plugin)
    md.inline.ruler.at("link", noting_link)

    def parse(text: str) -> Result:
        lines = text.split("\n")
        headings, links = [], []
        cursor: dict[int, int] = {}  # source line -> column after the last content placed
        for token in md.parse(text):
            if token.type == "heading_open" and token.map:
                headings.append((int(token.tag[1]), token.map[0] + 1))
            if token.type != "inline" or not token.map or "[" not in token.content:
                continue
            rows = []  # per content line: where it starts in its source line, and if escaped
            for number, part in enumerate(token.content.split("\n"), token.map[0]):
                base = lines[number].find(part, cursor.get(number, 0))
                escaped = base < 0
                if escaped:
                    part = part.replace("|", "\\|")
                    base = lines[number].find(part, cursor.get(number, 0))
                cursor[number] = base + len(part)
                rows.append((base, escaped))
            for child in token.children or ():
                href = str(child.attrs.get("href", ""))
                if child.type != "link_open" or not href.startswith("#"):
                    continue
                pos = child.meta["pos"]
                row = token.content.count("\n", 0, pos)
                line_start = token.content.rfind("\n", 0, pos) + 1
                base, escaped = rows[row]
                column = base + pos - line_start + 1
                if escaped:
                    column += token.content.count("|", line_start, pos)
                links.append((token.map[0] + row + 1, column, unquote(href[1:])))
        return headings, links

    return parse


def pyrs_tree() -> Parse:
    from markdown_it_pyrs import MarkdownIt  # type: ignore[import-not-found,unused-ignore]

    md = MarkdownIt("commonmark").enable_many(["table", "front_matter"])

    def parse(text: str) -> Result:
        where = _ByteLines(text)
        headings, links = [], []
        for node in md.tree(text).walk():
            if node.srcmap is None:
                continue
            if node.name in ("heading", "lheading"):
                headings.append((int(node.meta["level"]), where.position(node.srcmap[0])[0]))
            elif node.name == "link" and str(node.meta["url"]).startswith("#"):
                line, column = where.position(node.srcmap[0])
                links.append((line, column, unquote(str(node.meta["url"])[1:])))
        return headings, links

    return parse


def pyromark_events() -> Parse:
    import pyromark

    options = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_YAML_STYLE_METADATA_BLOCKS

    def parse(text: str) -> Result:
        where = _ByteLines(text)
        headings, links = [], []
        event: Any
        for event, span in pyromark.events_with_range(text, options=options):
            if not isinstance(event, dict) or "Start" not in event:
                continue
            start = event["Start"]
            if not isinstance(start, dict):
                continue
            if "Heading" in start:
                level = int(start["Heading"]["level"][1])
                headings.append((level, where.position(span["start"])[0]))
            elif "Link" in start and start["Link"]["dest_url"].startswith("#"):
                line, column = where.position(span["start"])
                links.append((line, column, start["Link"]["dest_url"][1:]))
        return headings, links

    return parse


def line_scanner() -> Parse:
    """Front matter, fences, multi-line comments and ATX headings by line; the link regex
    over runs of other non-blank lines."""

    def parse(text: str) -> Result:
        lines = text.split("\n")
        headings: list[Heading] = []
        links: list[Link] = []
        first = 0
        if lines[0] == "---":
            first = next((n + 1 for n in range(1, len(lines)) if lines[n] in ("---", "...")), 0)
        fence = ""
        in_comment = False
        prose = first
        for number in range(first, len(lines)):
            line = lines[number]
            if fence:
                stripped = line.strip()
                fence = "" if stripped.startswith(fence) and not stripped.strip(fence[0]) else fence
                prose = number + 1
                continue
            if in_comment:
                in_comment = "-->" not in line
                prose = number + 1
                continue
            opened = _FENCE_RE.match(line)
            heading = _ATX_RE.match(line)
            comment = line.lstrip().startswith("<!--") and "-->" not in line
            if opened or heading or comment or not line.strip():
                links += _regex_links(lines, prose, number)
                prose = number + 1
            if opened:
                fence = opened[1]
            elif heading:
                headings.append((len(heading[1]), number + 1))
                links += _regex_links(lines, number, number + 1)
            in_comment = comment
        links += _regex_links(lines, prose, len(lines))
        return headings, links

    return parse


CANDIDATES: list[tuple[str, Callable[[], Parse]]] = [
    ("markdown-it-py block pass + regex", block_pass_regex),
    ("markdown-it-py full parse", full_parse),
    ("markdown_it_pyrs tree", pyrs_tree),
    ("pyromark events_with_range", pyromark_events),
    ("line scanner", line_scanner),
]
REFERENCE = "pyromark events_with_range"


def run(parse: Parse, texts: dict[str, str], runs: int) -> tuple[float, dict[str, Result]]:
    times = []
    results: dict[str, Result] = {}
    for _ in range(runs):
        start = time.perf_counter()
        results = {name: parse(text) for name, text in texts.items()}
        times.append(time.perf_counter() - start)
    return statistics.median(times), results


def link_set(results: dict[str, Result]) -> set[tuple[str, int, int, str]]:
    return {(name, *link) for name, (_, links) in results.items() for link in links}


def examples(
    results: dict[str, Result], reference: dict[str, Result], texts: dict[str, str]
) -> list[str]:
    """Up to 5 disagreements, taken in turn from differing headings, links only here and
    links only in the reference, one per file."""
    kinds: list[list[tuple[str, int, str]]] = [[], [], []]
    for name in sorted(results):
        here, there = results[name][0], reference[name][0]
        if here != there:
            extra = sorted(set(here) ^ set(there), key=lambda h: h[1])
            if extra:
                side = "only here" if extra[0] in here else "only in pyromark"
                kinds[0].append((name, extra[0][1], f"heading {side}"))
    mine, theirs = link_set(results), link_set(reference)
    for kind, links, side in (
        (kinds[1], mine - theirs, "here"),
        (kinds[2], theirs - mine, "in pyromark"),
    ):
        for name, line, column, anchor in sorted(links):
            if not any(n == name for n, _, _ in kind):
                kind.append((name, line, f"link only {side} (col {column}, #{anchor})"))
    picked = [kind[i] for i in range(5) for kind in kinds if i < len(kind)][:5]
    out = []
    for name, line, what in picked:
        source = texts[name].split("\n")[line - 1]
        out.append(f"    {name}:{line} {what}: {source[:110]!r}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder of .md files (searched recursively)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each candidate")
    args = parser.parse_args()
    files = sorted(args.folder.rglob("*.md"))
    data = {str(f.relative_to(args.folder)): f.read_bytes() for f in files}
    texts = {name: decode(raw)[0] for name, raw in data.items()}
    megabytes = sum(len(raw) for raw in data.values()) / 1e6
    print(f"{args.folder}: {len(files)} .md files, {megabytes:.1f} MB, {args.runs} runs each")

    measured: dict[str, tuple[float, dict[str, Result]]] = {}
    for label, make in CANDIDATES:
        try:
            parse = make()
        except ImportError as exc:
            print(f"{label}: not installed ({exc})")
            continue
        measured[label] = run(parse, texts, args.runs)
        print(f"{label}: {measured[label][0]:.2f} s")
    if REFERENCE not in measured:
        print(f"{REFERENCE} is not installed: nothing to compare with")
    reference = measured.get(REFERENCE, (0.0, {}))[1]

    rows = [
        "| candidate | s | MB/s | links | headings differ (files) | links only here "
        "| links only in pyromark |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, (seconds, results) in measured.items():
        mine = link_set(results)
        if reference:
            theirs = link_set(reference)
            differ = sum(results[n][0] != reference[n][0] for n in results)
            agreement = f"{differ} | {len(mine - theirs)} | {len(theirs - mine)}"
        else:
            agreement = "- | - | -"
        rows.append(
            f"| {label} | {seconds:.2f} | {megabytes / seconds:.1f} | {len(mine)} | {agreement} |"
        )
        if reference and label != REFERENCE:
            shown = examples(results, reference, texts)
            print(
                "\n".join([f"{label}: {'disagrees' if shown else 'agrees with pyromark'}", *shown])
            )
    print()
    print("\n".join(rows))


if __name__ == "__main__":
    main()
