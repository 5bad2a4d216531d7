"""The command line the benchmarks share: a folder of term files, a language, a run count."""

from __future__ import annotations

import argparse
from pathlib import Path


def parse_folder_args(doc: str | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("folder", type=Path, help="content, language or flat folder of terms")
    parser.add_argument("--lang", help="only this language (and the language of a flat folder)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each kind")
    return parser.parse_args()
