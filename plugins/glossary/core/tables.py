"""Configuration tables (TOML, YAML) laid over one another."""

from __future__ import annotations

from typing import Any


def merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` laid over `base`: tables merged key by key, any other value replaced."""
    result = dict(base)
    for key, value in over.items():
        below = result.get(key)
        result[key] = (merged(below, value) if isinstance(below, dict) and isinstance(value, dict)
                       else value)
    return result
