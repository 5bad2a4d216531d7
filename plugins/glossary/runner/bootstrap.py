"""Run an example as `python <path>` would, then save the figures it left open.

The runner starts `python -c <this file's text> <path>` and writes the example's source
to stdin, or a forked process that has torch imported already (`zygote.py`) calls
`run`. The source is padded with blank lines so that each line stands where it stands
in <path>: tracebacks then name the Markdown file or example file and the right line.
"""

import os
import sys
import warnings
from pathlib import Path


def save_figures(folder: str) -> None:
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return
    # Fixed ids and no date: the same plot gives the same bytes on every run.
    pyplot.rcParams["svg.hashsalt"] = "glossary"
    pyplot.rcParams["svg.fonttype"] = "none"  # text stays text: small, selectable, searchable
    for n, number in enumerate(pyplot.get_fignums(), 1):
        pyplot.figure(number).savefig(Path(folder, f"figure-{n}.svg"), format="svg",
                                      metadata={"Date": None})


def run(path: str, source: str) -> None:
    sys.argv = [path]
    sys.path[0] = str(Path(path).resolve().parent)
    # `plt.show()` opens a window for a learner; here, under Agg, it has nothing to do.
    warnings.filterwarnings("ignore", message=".*non-interactive, and thus cannot be shown")
    code = compile(source, path, "exec")
    try:
        exec(code, {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__})
    finally:  # pyplot closes every figure at exit, so this cannot wait for atexit
        folder = os.environ.get("GLOSSARY_FIGURES")
        if folder:
            save_figures(folder)


if __name__ == "__main__":
    run(sys.argv[1], sys.stdin.read())
