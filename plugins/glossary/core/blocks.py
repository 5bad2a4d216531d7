"""Which code blocks of a term file are runnable examples, and the options of each.

Every Python block runs unless its info string says otherwise:

    ```python                       runs, with the default time limit
    ```python timeout="120"         runs for at most 120 seconds
    ```python skip="needs a GPU"    is shown, never run; the reason is required

The brace form, ``` { .python skip="reason" } ```, means the same. A block may embed
files with pymdownx.snippets lines, `--8<-- "examples/momentum.py"` (optionally with
`:start:end` lines); the runner reads them (`glossary.runner.examples`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .model import CodeBlock, TermFile

PYTHON = frozenset({"python", "py", "python3"})
OWN_OPTIONS = ("skip", "timeout")
# Options pymdownx.superfences understands after the language; any other one makes it
# render the block as plain text, so it is reported.
FENCE_OPTIONS = frozenset({"title", "hl_lines", "linenums"})
_OPTION_RE = re.compile(r"""(?P<key>[\w-]+)=(?P<value>"[^"]*"|'[^']*'|[^\s"']+)|(?P<word>\S+)""")
_EMBED_RE = re.compile(r"""^[ \t]*--8<--[ \t]+(?P<q>["'])(?P<target>[^"']+)(?P=q)[ \t]*$""")
_RANGE_RE = re.compile(r"^(?P<path>.+?)(?::(?P<start>\d*)(?::(?P<end>\d*))?)?$")


@dataclass(frozen=True, slots=True)
class BlockOptions:
    language: str
    skip: str | None = None
    timeout: float | None = None
    # The info string without `skip` and `timeout`, as the Markdown renderer should see it.
    fence_info: str = ""
    problems: tuple[str, ...] = ()


def _unquote(value: str) -> str:
    return value[1:-1] if value[:1] in "\"'" and value[-1:] == value[:1] else value


def parse_info(info: str) -> BlockOptions:
    """Read a fence's info string: its language and the options runs care about."""
    text = info.strip()
    brace = text.startswith("{") and text.endswith("}")
    if brace:
        text = text[1:-1]
    language = ""
    kept: list[str] = []
    problems: list[str] = []
    options: dict[str, str] = {}
    for match in _OPTION_RE.finditer(text):
        word, key = match["word"], match["key"]
        if word is not None:
            if brace and word.startswith(".") and not language:
                language = word[1:]
            elif not brace and not language and not kept:
                language = word
            kept.append(word)
            continue
        if key in OWN_OPTIONS:
            options[key] = _unquote(match["value"])
            continue
        if not brace and key not in FENCE_OPTIONS:
            problems.append(f"unknown option `{key}`")
        kept.append(match.group())
    skip = options.get("skip")
    if skip is not None and not skip.strip():
        problems.append('`skip` needs a reason, e.g. skip="needs a GPU"')
    timeout = None
    if "timeout" in options:
        try:
            timeout = float(options["timeout"])
        except ValueError:
            timeout = -1.0
        if not 0 < timeout < float("inf"):
            problems.append(f'`timeout="{options["timeout"]}"` is not a positive number of '
                            "seconds")
            timeout = None
    fence_info = " ".join(kept)
    if brace:
        fence_info = "{ " + fence_info + " }"
    return BlockOptions(language.lower(), skip, timeout, fence_info, tuple(problems))


def has_code(source: str) -> bool:
    """Whether the source has a statement to run (not only comments, or nothing).

    A line that is neither blank nor a comment is a statement, or a syntax error that
    running it reports at its line: no need to parse the block.
    """
    return any(line.strip() and not line.lstrip().startswith("#")
               for line in source.split("\n"))


def is_python(block: CodeBlock) -> bool:
    return parse_info(block.info).language in PYTHON


@dataclass(frozen=True, slots=True)
class Embed:
    line: int  # where the `--8<--` line stands in the Markdown file
    path: str  # relative to the snippet base path
    start: int | None = None  # 1-based, inclusive; None for the whole file
    end: int | None = None


def embeds(block: CodeBlock) -> list[Embed]:
    found = []
    for offset, text in enumerate(block.source.split("\n")):
        match = _EMBED_RE.match(text)
        if match:
            parts = _RANGE_RE.match(match["target"])
            assert parts is not None  # the pattern matches every non-empty string
            start = int(parts["start"]) if parts["start"] else None
            end = int(parts["end"]) if parts["end"] else None
            found.append(Embed(block.first_line + offset, parts["path"], start, end))
    return found


def embeds_outside(path: str, root: Path, allowed: Path) -> bool:
    """Whether the embed `path` (relative to `root`) leaves the folder `allowed`, by an
    absolute path, `..` or a symbolic link: examples run only the example files."""
    target = (root / path).resolve()
    return not target.is_relative_to(allowed.resolve())


def python_blocks(term_file: TermFile) -> list[CodeBlock]:
    return [block for block in term_file.document.code_blocks if is_python(block)]
