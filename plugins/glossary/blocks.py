"""Which code blocks of a term file are runnable examples, and how each one runs.

Every Python block runs unless its info string says otherwise:

    ```python                       runs, with the default time limit
    ```python timeout="120"         runs for at most 120 seconds
    ```python skip="needs a GPU"    is shown, never run; the reason is required

The brace form, ``` { .python skip="reason" } ```, means the same. A block may embed
files with pymdownx.snippets lines, `--8<-- "examples/momentum.py"` (optionally with
`:start:end` lines); the code that runs is the block with those lines replaced.
"""

from __future__ import annotations

import ast
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
    """Whether the source has a statement to run (not only comments, or nothing)."""
    try:
        return bool(ast.parse(source).body)
    except SyntaxError:
        return True  # running it reports the error at its line


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


@dataclass(frozen=True, slots=True)
class Example:
    """A Python block of a term file, ready to run (or to skip)."""

    path: str  # the Markdown file, as shown to contributors
    line: int  # the opening fence
    code: str  # what runs: the block with its embeds resolved
    options: BlockOptions
    # Where the code's first line stands, for tracebacks: the Markdown file, or the one
    # example file a block consists of.
    origin: str
    origin_line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def problem(self) -> str | None:
        """`path:line: what is wrong with the block's options`, or None when nothing is."""
        problems = self.options.problems
        return f"{self.where}: " + "; ".join(problems) if problems else None


class EmbedError(Exception):
    """An embedded file that cannot be read: `path:line: what to do`."""


def resolve(block: CodeBlock, path: str, base: Path) -> Example:
    """The example a Python block runs: its embeds read from files below `base`."""
    options = parse_info(block.info)
    lines = block.source.split("\n")
    found = {embed.line - block.first_line: embed for embed in embeds(block)}
    out = []
    for offset, text in enumerate(lines):
        embed = found.get(offset)
        if embed is None:
            out.append(text)
            continue
        chosen = _read_embed(embed, path, base)
        if len(found) == 1 and not any(t.strip() for n, t in enumerate(lines) if n != offset):
            # The block is this one file: tracebacks name the file and its own lines.
            code = "\n".join(chosen) + "\n"
            return Example(path, block.line, code, options, embed.path, embed.start or 1)
        out.extend(chosen)
    code = "\n".join(out).rstrip("\n") + "\n"
    return Example(path, block.line, code, options, path, block.first_line)


def _read_embed(embed: Embed, path: str, base: Path) -> list[str]:
    try:
        content = (base / embed.path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = "is not UTF-8" if isinstance(exc, UnicodeDecodeError) else "cannot be read"
        raise EmbedError(f"{path}:{embed.line}: embedded file `{embed.path}` {reason}; "
                         "fix the path (it is relative to the repository root)") from None
    chosen = content.split("\n")
    if content.endswith("\n"):
        chosen.pop()
    return chosen[(embed.start or 1) - 1:embed.end]


def python_blocks(term_file: TermFile) -> list[CodeBlock]:
    return [block for block in term_file.document.code_blocks if is_python(block)]
