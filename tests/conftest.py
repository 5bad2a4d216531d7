from __future__ import annotations

from pathlib import Path

import pytest

from glossary.cache import ParseCache
from glossary.config import Settings
from glossary.discover import discover
from glossary.load import read_sources
from glossary.model import Diagnostic, Severity
from glossary.validate import validate

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


def check_folder(folder: Path, settings: Settings | None = None,
                 lang: str | None = None) -> list[Diagnostic]:
    """Validate every term file under `folder`, paths relative to it, nothing cached."""
    settings = settings or Settings(min_severity=Severity.INFO)
    sources = discover([folder], settings, lang, cwd=folder)
    return validate(read_sources(sources, ParseCache(None)), settings)


@pytest.fixture
def write(tmp_path: Path):
    """write("de/X.md", text) creates a file under tmp_path and returns its path."""

    def _write(relative: str, text: str | bytes) -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write
