"""Execute a walkthrough notebook in a fresh Jupyter kernel and write the result.

`python -m glossary.runner.notebooks SOURCE TARGET [PATH]` reads SOURCE (a Jupytext percent `.py`
file or an `.ipynb`), runs its cells in order in a `python3` kernel whose working
folder is the current one, and writes the executed notebook, outputs and figures
included, to TARGET as `.ipynb`. A failing cell stops the run with
`PATH:LINE: cell N failed` and the kernel's traceback (PATH is how SOURCE is shown,
SOURCE itself by default); the exit code is then 1.
The runner starts this module in a process of its own, with the time limit and
device of every other example.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from typing import Any

_CELL_RE = re.compile(r"^# %%", re.M)
_COLOUR_RE = re.compile(r"\x1b\[[0-9;]*m")


def cell_lines(source: str) -> list[int]:
    """The line of each `# %%` cell marker of a percent file."""
    return [source.count("\n", 0, match.start()) + 1 for match in _CELL_RE.finditer(source)]


class NotebookError(Exception):
    """A notebook that cannot be read; the message names the file."""


def read(source: Path, display: str) -> tuple[Any, str]:
    """The notebook of a Jupytext file (or an .ipynb), with fixed cell ids, and its text."""
    import jupytext  # type: ignore[import-untyped]

    try:
        text = source.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise NotebookError(f"{display}: byte {exc.start} is not UTF-8; save the notebook "
                            "as UTF-8") from None
    notebook = jupytext.reads(text, fmt=source.suffix.lstrip(".") or "py:percent")
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index + 1}"  # jupytext draws random ids; these keep the bytes stable
    return notebook, text


def convert(source: Path, target: Path, display: str) -> None:
    """Write the notebook without running it (a quick preview of the site)."""
    import nbformat

    nbformat.write(read(source, display)[0], str(target))  # type: ignore[no-untyped-call]


def execute(source: Path, target: Path, display: str) -> int:
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    try:
        notebook, text = read(source, display)
    except NotebookError as exc:
        print(exc, file=sys.stderr)
        return 1
    markers = cell_lines(text) if source.suffix == ".py" else []
    with tempfile.TemporaryDirectory(prefix="glossary-kernel-") as sockets:
        # The kernel talks over Unix sockets, not TCP: a TCP port that Jupyter picks and
        # frees before the kernel binds it can be taken meanwhile by another example's
        # process (gloo's, under torchrun), which then receives Jupyter's connection.
        kernel = KernelManager(kernel_name="python3", transport="ipc",
                               ip=str(Path(sockets, "kernel")))
        # coalesce_streams: what a cell prints is one output, however the kernel happened
        # to batch it, so the same notebook gives the same bytes on every run.
        client = NotebookClient(notebook, km=kernel, timeout=None, record_timing=False,
                                coalesce_streams=True,
                                resources={"metadata": {"path": str(Path.cwd())}})
        with client.setup_kernel():
            for index, cell in enumerate(notebook.cells):
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as exc:
                    line = markers[index] if len(markers) == len(notebook.cells) else 1
                    error = _COLOUR_RE.sub("", str(exc))
                    print(f"{display}:{line}: cell {index + 1} failed\n{error}", file=sys.stderr)
                    return 1
    nbformat.write(notebook, str(target))  # type: ignore[no-untyped-call]
    return 0


if __name__ == "__main__":
    source, target, *shown = sys.argv[1:]
    sys.exit(execute(Path(source), Path(target), shown[0] if shown else source))
