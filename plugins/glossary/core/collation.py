"""Alphabetical order for labels and titles: case-insensitive, accents and umlauts folded."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """`Überanpassung` -> `uberanpassung`: DIN 5007-1 order for German, plain order for English."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sort_key(text: str) -> tuple[str, str]:
    return fold(text), text
