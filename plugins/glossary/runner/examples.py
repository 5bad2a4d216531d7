"""The examples of term files: each Python block with its embedded files read, ready to run.

A block that consists of one `--8<-- "examples/x.py"` line runs as that file, so a
traceback names the file's own lines; any other block runs as written, embeds
replaced, with its lines where they stand in the Markdown file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from glossary.core.blocks import (
    BlockOptions,
    Embed,
    embeds,
    embeds_outside,
    parse_info,
    python_blocks,
)
from glossary.core.model import CodeBlock, TermFile


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


def resolve(block: CodeBlock, path: str, base: Path, allowed: Path) -> Example:
    """The example a Python block runs: its embeds read from files below `base`, each of
    which must lie in the folder `allowed` (the examples folder)."""
    options = parse_info(block.info)
    lines = block.source.split("\n")
    found = {embed.line - block.first_line: embed for embed in embeds(block)}
    out = []
    for offset, text in enumerate(lines):
        embed = found.get(offset)
        if embed is None:
            out.append(text)
            continue
        chosen = _read_embed(embed, path, base, allowed)
        if len(found) == 1 and not any(t.strip() for n, t in enumerate(lines) if n != offset):
            # The block is this one file: tracebacks name the file and its own lines.
            code = "\n".join(chosen) + "\n"
            return Example(path, block.line, code, options, embed.path, embed.start or 1)
        out.extend(chosen)
    code = "\n".join(out).rstrip("\n") + "\n"
    return Example(path, block.line, code, options, path, block.first_line)


def _read_embed(embed: Embed, path: str, base: Path, allowed: Path) -> list[str]:
    if embeds_outside(embed.path, base, allowed):
        raise EmbedError(f"{path}:{embed.line}: embedded file `{embed.path}` is outside "
                         f"`{allowed.name}/`; examples embed only the example files")
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


def examples_of(term_files: Iterable[TermFile], base: Path,
                allowed: Path) -> tuple[list[Example], list[str]]:
    """The examples to run, and `path:line: problem` for blocks that cannot run."""
    found, problems = [], []
    for term_file in term_files:
        for block in python_blocks(term_file):
            try:
                example = resolve(block, term_file.path, base, allowed)
            except EmbedError as exc:
                problems.append(str(exc))
                continue
            if example.problem is not None:
                problems.append(example.problem)
            elif example.options.skip is None:
                found.append(example)
    return found, problems
