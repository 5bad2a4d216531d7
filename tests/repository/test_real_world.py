"""On a glossary shaped like the real ones, the checker finds every link planted to nothing.

`benchmarks/make_real_world.py` writes terms at levels 1 to 3, a preface without a term
and a concatenated edition (front matter, introduction, index sections, Pandoc-wrapped
lists), and counts each link it writes that points nowhere; decoys in code spans, code
blocks and comments are not links.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from glossary.core.model import Severity
from glossary.core.settings import Settings
from tests.support import REPO, check_folder


def _corpus(out: Path, terms: int, seed: int) -> dict[str, Any]:
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "make_real_world.py"), str(out),
                    "--terms", str(terms), "--seed", str(seed)], check=True,
                   capture_output=True)
    manifest: dict[str, Any] = json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    return manifest


def test_every_planted_dangling_link_is_reported_at_its_file(tmp_path: Path) -> None:
    for seed in range(3):
        out = tmp_path / str(seed)
        manifest = _corpus(out, 40, seed)
        diagnostics = check_folder(out / "de", Settings(min_severity=Severity.INFO))
        dangling = Counter(d.path.removeprefix("de/") for d in diagnostics
                           if d.code in ("L001", "L002"))
        assert dangling == manifest["dangling_by_file"]
        # The edition repeats most terms: one S006 per duplicate, one S002 for the file.
        codes = Counter(d.code for d in diagnostics)
        assert codes["S006"] == manifest["duplicated_anchors"]
        assert codes["S002"] == 1
        assert codes["S016"] == 1 + manifest["level_1_terms"] + manifest["level_3_terms"]
