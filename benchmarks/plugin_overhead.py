"""Time an MkDocs + Material build of a folder of term files with and without the plugin.

    python benchmarks/plugin_overhead.py DIR [--lang L] [--runs 5]

DIR is a content folder (with de/, en/), a language folder or a flat folder (whose
language `--lang` names). Both builds use the same pages, theme and Markdown
extensions; they alternate, so drift in the machine's speed hits both alike. The
plugin keeps its parse cache between runs, as it does between a writer's rebuilds;
the first pair is also shown on its own (`first_pair`), with the cache still empty.
The last line is `overhead=<median with plugin / median without>`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from folder_args import parse_folder_args

MKDOCS = Path(sys.executable).with_name("mkdocs")
CONFIG = """\
site_name: Plugin overhead
docs_dir: docs
site_dir: {site}
theme:
  name: material
nav:
  - {home}
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.highlight
  - pymdownx.superfences
plugins:
{plugins}
"""


def _project(root: Path, folder: Path, lang: str | None) -> str:
    """Lay out docs/ (links to the term folders) and return the home page's path."""
    docs = root / "docs"
    docs.mkdir()
    languages = [d.name for d in folder.iterdir() if d.is_dir() and d.name in ("de", "en")]
    if languages:
        for name in languages if lang is None else [lang]:
            (docs / name).symlink_to((folder / name).resolve())
    else:
        (docs / (lang or folder.resolve().name)).symlink_to(folder.resolve())
    (docs / "index.md").write_text("# Home\n")
    return "index.md"


def _build(root: Path, with_plugin: bool) -> float:
    config = root / ("with.yml" if with_plugin else "without.yml")
    start = time.perf_counter()
    done = subprocess.run([str(MKDOCS), "build", "--quiet", "--config-file", str(config)],
                          cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"mkdocs build failed ({config.name}):\n{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    args = parse_folder_args(__doc__)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        home = _project(root, args.folder, args.lang)
        pages = sum(name.endswith(".md") for _, _, names in os.walk(root / "docs",
                                                                     followlinks=True)
                    for name in names)
        print(f"{args.folder}: {pages} pages")
        for name, plugins in (("with.yml", "  - glossary\n  - search"), ("without.yml",
                                                                           "  - search")):
            (root / name).write_text(CONFIG.format(site=root / f"site-{name[:-4]}", home=home,
                                                   plugins=plugins))
        with_plugin, without = [], []
        for n in range(args.runs):
            with_plugin.append(_build(root, True))
            without.append(_build(root, False))
            print(f"run {n + 1}: with {with_plugin[-1]:.2f} s, without {without[-1]:.2f} s")
    print(f"first_pair={with_plugin[0] / without[0]:.3f}")
    print(f"overhead={statistics.median(with_plugin) / statistics.median(without):.3f}")


if __name__ == "__main__":
    main()
