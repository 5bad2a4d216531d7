"""Build the site at a git revision and from the working tree, then compare them byte for byte.

    python -m tests.same_site BASE [--no-examples] [--keep DIR]

BASE (a commit, tag or branch) is checked out in a temporary worktree and built there
by its own engine: its `plugins/` comes first on the path, and the entry point its
pyproject.toml names is the plugin MkDocs loads, whatever the installed package says.
The working tree is built as it stands. Both builds use the working tree's results
store (the default `results_dir`), so examples that ran for one need not run for the
other, and `mkdocs build --strict` runs with the same environment for both.

Prints every path that is in one tree only or differs, and exits 1 if there is one;
exits 0 with the number of files compared when the two sites are the same.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Runs `mkdocs build` with the plugin entry points of the tree it runs in (its
# pyproject.toml), so each tree's own engine builds it.
_DRIVER = """
import sys, tomllib
from importlib.metadata import EntryPoint
import mkdocs.plugins

try:
    with open("pyproject.toml", "rb") as file:
        points = tomllib.load(file)["project"]["entry-points"]["mkdocs.plugins"]
except (OSError, KeyError):  # not a tree of this project: the installed plugins build it
    points = {}
installed = mkdocs.plugins.get_plugins

def get_plugins():
    found = dict(installed())
    found.update({name: EntryPoint(name=name, value=value, group="mkdocs.plugins")
                  for name, value in points.items()})
    return found

mkdocs.plugins.get_plugins = get_plugins
from mkdocs.__main__ import cli
cli(["build", "--strict", "--site-dir", sys.argv[1]])
"""
RESULTS = Path(".glossary_cache") / "results"


def differences(before: Path, after: Path) -> list[str]:
    """Relative paths that are in one tree only, or whose bytes differ; sorted."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"only in {Path(before).name}: {prefix}{name}"
                     for name in compared.left_only)
        found.extend(f"only in {Path(after).name}: {prefix}{name}"
                     for name in compared.right_only)
        _, mismatch, errors = filecmp.cmpfiles(compared.left, compared.right,
                                               compared.common_files, shallow=False)
        found.extend(f"differs: {prefix}{name}" for name in [*mismatch, *errors])
        for name, below in sorted(compared.subdirs.items()):
            walk(below, f"{prefix}{name}/")

    walk(filecmp.dircmp(before, after), "")
    return sorted(found)


def count_files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file())


def build(tree: Path, site: Path, examples: bool) -> None:
    """Build `tree` into `site` with that tree's own engine; raise with its log on failure."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join([str(tree / "plugins"),
                                          os.environ.get("PYTHONPATH", "")])}
    if not examples:
        env["GLOSSARY_EXAMPLES"] = "false"
    done = subprocess.run([sys.executable, "-c", _DRIVER, str(site)], cwd=tree, env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{tree}: mkdocs build failed\n{done.stderr[-4000:]}")


def compare(root: Path, base: str, examples: bool, work: Path) -> list[str]:
    """Build `base` and the working tree at `root` under `work`; their differences."""
    worktree = work / "base"
    subprocess.run(["git", "worktree", "add", "--quiet", "--detach", str(worktree), base],
                   cwd=root, check=True)
    try:
        store = root / RESULTS
        store.mkdir(parents=True, exist_ok=True)
        (worktree / RESULTS).parent.mkdir(parents=True, exist_ok=True)
        (worktree / RESULTS).symlink_to(store, target_is_directory=True)
        build(worktree, work / "before", examples)
        build(root, work / "after", examples)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=root,
                       check=False)
    return differences(work / "before", work / "after")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.same_site", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", metavar="BASE", help="the revision to compare with")
    parser.add_argument("--no-examples", dest="examples", action="store_false",
                        help="build both without running examples (GLOSSARY_EXAMPLES=false)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build into DIR (before/, after/) and leave the sites there")
    args = parser.parse_args(argv)
    root = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="same-site-") as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        found = compare(root, args.base, args.examples, work)
        for line in found:
            print(line)
        if found:
            print(f"{len(found)} difference(s) between {args.base} and the working tree",
                  file=sys.stderr)
            return 1
        print(f"identical: {count_files(work / 'after')} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
