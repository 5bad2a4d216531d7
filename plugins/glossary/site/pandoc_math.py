"""Pandoc's `\\\\( ... \\\\)` and `\\\\[ ... \\\\]` math, as pymdownx.arithmatex reads it.

FORMAT.md allows math written with doubled backslashes (Pandoc's
`tex_math_double_backslash`); arithmatex finds `\\( ... \\)` and `\\[ ... \\]`. Code, fenced or
inline, keeps its backslashes.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
_DOUBLE = re.compile(r"(?<!\\)\\\\([()\[\]])")


def _outside_code_spans(line: str) -> str:
    parts, last = [], 0
    for match in _CODE_SPAN.finditer(line):
        parts += [_DOUBLE.sub(r"\\\1", line[last:match.start()]), match[0]]
        last = match.end()
    parts.append(_DOUBLE.sub(r"\\\1", line[last:]))
    return "".join(parts)


def double_backslash_math(markdown: str) -> str:
    """`\\\\(x\\\\)` -> `\\(x\\)` and `\\\\[x\\\\]` -> `\\[x\\]`, outside code."""
    if "\\\\" not in markdown:
        return markdown
    lines, fence = markdown.split("\n"), ""
    for n, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence):
                fence = ""
        elif opening:
            fence = opening[1]
        else:
            lines[n] = _outside_code_spans(line)
    return "\n".join(lines)
