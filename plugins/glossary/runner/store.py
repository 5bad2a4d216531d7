"""The results store: what each example printed and plotted, keyed by all it depends on.

A key hashes the code that runs (embeds resolved), the device, and a fingerprint of
the environment: every module of the reference trainer, the versions of Python and of
the libraries examples use (for notebooks also those that execute them), and every
module of the runner that decides what a run prints or leaves behind. Editing a block,
the trainer or the runner, or an upgrade, therefore makes exactly the results that
depend on it stale; nothing else is ever run again. Only passing runs are stored: a
failure is re-run until it is fixed.

Layout: `<folder>/<key[:2]>/<key>/result.json` and `figure-<n>.svg` beside it. An
entry is written to a temporary folder and renamed into place, so a reader sees a
whole entry or none.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .process import RunResult

_FORMAT = 1
# What examples import, and what executes notebooks and writes them.
PACKAGES = ("torch", "numpy", "matplotlib", "scikit-learn", "scipy")
NOTEBOOK_PACKAGES = ("jupytext", "nbformat", "nbclient", "ipykernel")
RUNNER = Path(__file__).parent
# The runner's modules that decide what a run prints and the bytes it leaves (figures,
# executed notebooks, the store's records): part of every key. The others decide which
# runs are asked for, when, and how results are shown, never what a run gives.
RESULT_SOURCES = ("process.py", "zygote.py", "bootstrap.py", "notebooks.py", "examples.py",
                  "store.py")
NOT_RESULT_SOURCES = ("__init__.py", "scheduler.py", "show.py", "pytest_plugin.py")


def trainer_files(examples: Path) -> list[Path]:
    """The modules examples import: every `.py` in a package folder under `examples/`."""
    found = []
    for init in sorted(examples.rglob("__init__.py")):
        found.extend(sorted(init.parent.glob("*.py")))
    return sorted(set(found))


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def fingerprint(examples: Path, packages: tuple[str, ...] = PACKAGES,
                runner: Path = RUNNER) -> str:
    """A hash of what every example depends on besides its own code.

    `runner` is the folder of the runner's modules (a copy, in a test).
    """
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{_FORMAT} {sys.version_info[:2]}".encode())
    for package in packages:
        digest.update(f"{package}={_version(package)};".encode())
    for name in RESULT_SOURCES:
        digest.update(name.encode() + b"\0" + (runner / name).read_bytes())
    for path in trainer_files(examples):
        digest.update(path.relative_to(examples).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def result_key(code: str, device: str, environment: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in (environment, device, code.strip("\n")):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Stored:
    """A stored passing run: its output, its figures on disk and when it ran."""

    key: str
    stdout: str
    seconds: float
    created: float
    figures: tuple[Path, ...]
    notebook: Path | None = None  # an executed walkthrough notebook


_NOTEBOOK_NAME = re.compile(r"[A-Za-z0-9_.-]+\.ipynb")
_SVG_START = re.compile(rb"\s*(?:<\?xml|<svg[\s/>])")
_SCRIPT = re.compile(rb"<\s*script|\bon[a-z]+\s*=|javascript:", re.IGNORECASE)


def _own_file(entry: Path, path: Path) -> bool:
    """A regular file of the entry itself, not a link to elsewhere."""
    return path.is_file() and not path.is_symlink() and path.resolve().parent == entry.resolve()


def _is_svg(path: Path) -> bool:
    """An SVG drawing, without script: the site serves it from its own origin."""
    data = path.read_bytes()
    return _SVG_START.match(data) is not None and not _SCRIPT.search(data)


def _is_notebook(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and isinstance(data.get("cells"), list)


class ResultStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> Stored | None:
        """The stored run of `key`, or None: absent, half-written by an older version,
        damaged or tampered with. What is stored is data from disk, and the site copies
        its figures: each must be one of the entry's own `figure-<n>.svg` files, an SVG
        without scripts, and a notebook the entry's own, readable `.ipynb`."""
        entry = self._entry(key)
        try:
            raw = json.loads((entry / "result.json").read_text(encoding="utf-8"))
            names, notebook_name = raw["figures"], raw["notebook"]
            if (raw["format"] != _FORMAT or type(raw["stdout"]) is not str
                    or names != [f"figure-{n}.svg" for n in range(1, len(names) + 1)]
                    or not (notebook_name is None or _NOTEBOOK_NAME.fullmatch(notebook_name))):
                return None
            figures = tuple(entry / name for name in names)
            notebook = entry / notebook_name if notebook_name else None
            if not all(_own_file(entry, f) and _is_svg(f) for f in figures) or (
                    notebook is not None and not (_own_file(entry, notebook)
                                                  and _is_notebook(notebook))):
                return None
            return Stored(key, raw["stdout"], float(raw["seconds"]), float(raw["created"]),
                          figures, notebook)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # run again

    def put(self, key: str, result: RunResult, notebook_name: str = "notebook.ipynb") -> Stored:
        """Store a passing run; a concurrent writer of the same key may win, harmlessly."""
        entry = self._entry(key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=entry.parent))
        names = []
        for n, svg in enumerate(result.figures, 1):
            names.append(f"figure-{n}.svg")
            (staging / names[-1]).write_bytes(svg)
        notebook = notebook_name if result.notebook is not None else None
        if notebook is not None and result.notebook is not None:
            (staging / notebook).write_bytes(result.notebook)
        created = time.time()
        record = {"format": _FORMAT, "stdout": result.stdout, "seconds": result.seconds,
                  "created": created, "figures": names, "notebook": notebook}
        (staging / "result.json").write_text(json.dumps(record, ensure_ascii=False),
                                             encoding="utf-8")
        if entry.exists():
            shutil.rmtree(entry, ignore_errors=True)
        try:
            staging.replace(entry)
        except OSError:  # another process stored the same key meanwhile
            shutil.rmtree(staging, ignore_errors=True)
        return Stored(key, result.stdout, result.seconds, created,
                      tuple(entry / name for name in names),
                      entry / notebook if notebook else None)
