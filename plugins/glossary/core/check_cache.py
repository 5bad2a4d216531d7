"""The diagnostics of recent checks, so that a check of unchanged files parses nothing.

A check's key hashes all its diagnostics depend on: the engine (the sources of `core`,
the language files, the versions of pyromark and rapidfuzz), the settings, the folder
embedded files are looked for in, and the path, language and bytes of every file. The
entry also names each file that code blocks embed and whether it existed, since that
changes without any term file changing; a hit looks at them again. Each entry is a
file named by its key in `checks/` beside the parse cache, the latest `_MAX_ENTRIES`
kept; it starts with a checksum and is written atomically, so a damaged one is a miss.
"""

from __future__ import annotations

import hashlib
import json
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pyromark

from .atomic import write_atomic
from .discover import Source
from .model import Diagnostic, Severity
from .parse_cache import content_key
from .settings import Settings

_MAX_ENTRIES = 8
_FOLDER = "checks"


def _engine() -> bytes:
    """What every diagnostic depends on besides the files and the settings."""
    digest = hashlib.blake2b(digest_size=16)
    here = Path(__file__).parent
    for source in sorted([*here.glob("*.py"), *(here.parent / "languages").glob("*.toml")]):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    digest.update(pyromark.__version__.encode())
    spec = find_spec("rapidfuzz")  # its __init__ holds its version; finding it imports nothing
    if spec is not None and spec.origin is not None:
        digest.update(Path(spec.origin).read_bytes())
    return digest.digest()


def check_key(settings: Settings, embed_base: Path | None, sources: list[Source]) -> str:
    """The key of a check of `sources`, each as reported, in its language, with its bytes."""
    digest = hashlib.blake2b(_engine(), digest_size=16)
    digest.update(repr(settings).encode())
    digest.update(str(embed_base).encode())
    for source in sources:
        try:
            content = content_key(source.path.read_bytes())
        except OSError:
            content = "unreadable"
        digest.update(f"\0{source.display}\0{source.lang}\0{content}".encode())
    return digest.hexdigest()


class CheckCache:
    """Diagnostics by check key; `folder=None` keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / _FOLDER if folder else None

    def get(self, key: str, embed_base: Path | None) -> list[Diagnostic] | None:
        entry = _load(self.folder / f"{key}.json") if self.folder else None
        if entry is None:
            return None
        try:
            embeds: dict[str, bool] = entry["embeds"]
            if embed_base is not None and any((embed_base / path).is_file() != existed
                                              for path, existed in embeds.items()):
                return None
            return [Diagnostic(d["path"], d["line"], d["column"], d["code"],
                               Severity.parse(d["severity"]), d["message"], d["hint"])
                    for d in entry["diagnostics"]]
        except (KeyError, TypeError, ValueError, AttributeError):
            return None  # an entry of another shape: check afresh

    def put(self, key: str, diagnostics: list[Diagnostic], embeds: dict[str, bool]) -> None:
        """Keep this check's diagnostics; a cache that cannot be written is skipped."""
        if self.folder is None:
            return
        entry = {"embeds": embeds, "diagnostics": [d.as_dict() for d in diagnostics]}
        body = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / f"{key}.json", content_key(body).encode() + b"\n" + body)
            kept = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns,
                          reverse=True)
            for old in kept[_MAX_ENTRIES:]:
                old.unlink(missing_ok=True)
        except OSError:
            return


def _load(path: Path) -> dict[str, Any] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    checksum, _, body = data.partition(b"\n")
    if checksum != content_key(body).encode():
        return None
    try:
        loaded = json.loads(body)
    except ValueError:
        return None
    return loaded if isinstance(loaded, dict) else None
