"""Writing a file at once: a reader sees the old content or the new, never half of it."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` by `data` through a temporary file renamed over it.

    An existing file keeps its permission bits. On an error the temporary file is
    removed and the error raised; `path` is then as it was.
    """
    import tempfile  # here: a check that writes nothing needs none of it

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        if path.exists():
            Path(tmp).chmod(stat.S_IMODE(path.stat().st_mode))
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
