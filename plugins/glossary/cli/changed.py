"""`glossary check --changed`: which term files a change touches, found with git.

A file is selected when it differs from the merge base of HEAD and the base branch
(committed, staged, unstaged or untracked), when it is the twin of such a file (the
twin rules compare the two), or when it links to an anchor that such a file declares
now or declared at the base, so a renamed or removed anchor shows up in the pages that
still link to it. Links resolve within one language, and so does the selection.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from glossary.core.discover import Source, UsageError
from glossary.core.load import parse_cached
from glossary.core.model import TermFile
from glossary.core.parse_cache import ParseCache


@dataclass(frozen=True, slots=True)
class Change:
    """What git says changed: the merge base and the changed paths below the repository."""

    root: Path
    base: str
    paths: tuple[str, ...]  # relative to `root`, `/`-separated; deleted files included


@dataclass(frozen=True, slots=True)
class Selection:
    """Display paths of the term files to report on, and why each is there."""

    changed: frozenset[str]
    related: frozenset[str]  # twins and files linking to a changed file's anchors

    @property
    def paths(self) -> frozenset[str]:
        return self.changed | self.related


def git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """Run git and return its output; any failure is a `UsageError` with git's words."""
    try:
        # Paths are names, never patterns: `content/[draft]` means that folder.
        done = subprocess.run(["git", "--literal-pathspecs", *args], cwd=cwd, input=stdin,
                              capture_output=True, check=False)
    except OSError as exc:
        raise UsageError(f"--changed needs git, which cannot be run here ({exc.strerror}); "
                         "install git or check without --changed") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise UsageError(f"git {args[0]}: {said[-1] if said else 'failed'}")
    return done.stdout


def find_change(cwd: Path, ref: str, pathspecs: Iterable[Path]) -> Change:
    """The merge base of HEAD and `ref`, and every path below `pathspecs` changed since."""
    try:
        root = Path(os.fsdecode(git(["rev-parse", "--show-toplevel"], cwd)).strip())
    except UsageError:
        raise UsageError(f"{cwd}: not inside a git repository; --changed compares with a "
                         "git branch, so run it in a clone, or check without --changed") \
            from None
    try:
        git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root)
    except UsageError:
        raise UsageError(f"--base {ref}: no such branch or commit in {root}; name an existing "
                         "one, e.g. --base origin/main") from None
    try:
        base = git(["merge-base", "HEAD", ref], root).decode().strip()
    except UsageError:
        raise UsageError(f"--base {ref}: HEAD and {ref} have no common commit; name the "
                         "branch this one was started from") from None
    specs = [_pathspec(path, cwd, root) for path in pathspecs]
    diff = git(["diff", "--name-only", "--no-renames", "-z", base, "--", *specs], root)
    untracked = git(["ls-files", "--others", "--exclude-standard", "-z", "--", *specs], root)
    paths = {os.fsdecode(p) for p in (diff + untracked).split(b"\0") if p}
    return Change(root, base, tuple(sorted(paths)))


def _pathspec(path: Path, cwd: Path, root: Path) -> str:
    absolute = (cwd / path).resolve()
    try:
        return absolute.relative_to(root).as_posix() or "."
    except ValueError:
        raise UsageError(f"{path}: outside the git repository {root}; --changed only "
                         "checks files of the repository it runs in") from None


def base_documents(change: Change, languages: tuple[str, ...],
                   cache: ParseCache) -> list[TermFile]:
    """The changed term files as they were at the merge base (those that existed)."""
    wanted = [p for p in change.paths
              if p.endswith(".md") and PurePosixPath(p).parent.name in languages]
    if not wanted:
        return []
    batch = os.fsencode("".join(f"{change.base}:{p}\n" for p in wanted))
    out = git(["cat-file", "--batch"], change.root, stdin=batch)
    files = []
    for path, data in zip(wanted, _batch_objects(out), strict=True):
        if data is not None:
            files.append(TermFile(path, PurePosixPath(path).parent.name,
                                  parse_cached(data, cache)))
    return files


def _batch_objects(out: bytes) -> list[bytes | None]:
    """The contents `git cat-file --batch` printed, None for each object that is no file."""
    objects: list[bytes | None] = []
    at = 0
    while at < len(out):
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3 or not header[2].isdigit():
            objects.append(None)  # `<name> missing`, or another answer without contents
            continue
        size = int(header[2])
        objects.append(out[at:at + size] if header[1] == b"blob" else None)
        at += size + 1  # the contents are followed by a newline
    return objects


def select(files: list[TermFile], sources: list[Source], change: Change,
           before: list[TermFile], languages: tuple[str, ...]) -> Selection:
    """The files to report on: changed ones, their twins and the files linking to them.

    `files` are every term file read, in the order of `sources`; `before` the changed
    files as they were at the base.
    """
    changed_paths = {(change.root / p).resolve() for p in change.paths}
    changed = [f for f, s in zip(files, sources, strict=True)
               if s.path.resolve() in changed_paths]
    anchors = _anchors([*changed, *before])
    twins = {(other, anchor) for lang, anchor in anchors for other in languages
             if other != lang}
    mine = frozenset(f.path for f in changed)
    related = frozenset(f.path for f in files
                        if _anchors([f]) & twins or _links_to(f, anchors)) - mine
    return Selection(mine, related)


def _anchors(files: Iterable[TermFile]) -> set[tuple[str, str]]:
    """(language, anchor) of every term the files declare."""
    return {(f.lang, t.anchor) for f in files for t in f.document.terms if t.anchor}


def _links_to(file: TermFile, anchors: set[tuple[str, str]]) -> bool:
    return any((file.lang, link.anchor) in anchors
               for term in file.document.terms for link in term.references)
