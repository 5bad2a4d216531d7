"""Show example results in a page's Markdown: output and figures under each Python block.

The opening fence of every Python block loses the options only runs care about
(`skip`, `timeout`), which the Markdown renderer would not understand; a block with a
result gets, right after its closing fence, the printed output as a `text` block
titled "Output" and each figure as an image.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from glossary.core.blocks import PYTHON, parse_info
from glossary.core.model import CodeBlock, Document
from glossary.core.parser import parse_text
from glossary.core.strings import strings

MAX_LINES = 200  # of output shown on a page; a learner who runs it sees everything

_FENCE_RE = re.compile(r"`{3,}|~{3,}")
_BACKTICKS_RE = re.compile(r"`+")


@dataclass(frozen=True, slots=True)
class Shown:
    """What a page shows under one block."""

    text: str
    figures: tuple[str, ...] = ()  # image paths relative to the page's Markdown file
    error: bool = False


def _result_lines(shown: Shown, lang: str) -> list[str]:
    words = strings(lang).examples
    out: list[str] = []
    text = shown.text.rstrip()
    if text:
        lines = text.split("\n")
        if len(lines) > MAX_LINES:
            more = words.more_lines.format(n=len(lines) - MAX_LINES)
            lines = [*lines[:MAX_LINES], more]
        longest = max((len(run) for run in _BACKTICKS_RE.findall(text)), default=0)
        fence = "`" * max(3, longest + 1)
        title = words.failed if shown.error else words.output
        out += ["", f'{fence}text title="{title}"', *lines, fence]
    for n, src in enumerate(shown.figures, 1):
        alt = words.figure.format(n=n)
        out += ["", f"![{alt}]({src}){{ .glossary-figure loading=lazy }}"]
    return out


def _blocks_in(lines: list[str], parsed: Document | None) -> list[CodeBlock] | None:
    """`parsed`'s code blocks where they stand in `lines`, if `lines` is its text.

    MkDocs hands a page over without its front matter, so the blocks are moved up by the
    lines it removed; None when one of them is not where it should be.
    """
    if parsed is None or not parsed.line_count:
        return None
    offset = parsed.line_count - len(lines)
    moved = []
    for block in parsed.code_blocks:
        line = block.line - offset
        if not 1 <= line <= len(lines) or not _FENCE_RE.match(lines[line - 1], block.column - 1):
            return None
        moved.append(replace(block, line=line, end_line=block.end_line - offset))
    return moved


def with_results(markdown: str, lang: str, shown: Callable[[CodeBlock], Shown | None],
                 parsed: Document | None = None) -> str:
    """`markdown` with run options stripped from Python fences and results after them.

    `parsed` is the parse of the file `markdown` comes from, where the caller has it; the
    text is parsed again only when its code blocks are not where that parse puts them.
    """
    lines = markdown.split("\n")
    after: dict[int, list[str]] = {}
    blocks = _blocks_in(lines, parsed)
    for block in parse_text(markdown).code_blocks if blocks is None else blocks:
        options = parse_info(block.info)
        if options.language not in PYTHON:
            continue
        start = block.line - 1
        prefix = lines[start][:block.column - 1]
        fence = _FENCE_RE.match(lines[start], block.column - 1)
        if fence is None:
            continue
        lines[start] = prefix + fence.group() + options.fence_info
        closing = lines[block.end_line - 1][block.column - 1:].strip()
        closed = block.end_line > block.line and closing.startswith(fence.group())
        result = shown(block) if closed else None
        if result is not None:
            after[block.end_line - 1] = [(prefix + line).rstrip() for line in
                                         _result_lines(result, lang)]
    out = []
    for n, line in enumerate(lines):
        out.append(line)
        out.extend(after.get(n, ()))
    return "\n".join(out)
