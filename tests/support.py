"""Helpers the glossary tests share: the fixture folder and a one-call check."""

from __future__ import annotations

from pathlib import Path

from glossary.core.discover import discover
from glossary.core.load import read_sources
from glossary.core.model import Diagnostic, Severity
from glossary.core.parse_cache import ParseCache
from glossary.core.settings import Settings
from glossary.core.validate import validate

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


def check_folder(folder: Path, settings: Settings | None = None,
                 lang: str | None = None) -> list[Diagnostic]:
    """Validate every term file under `folder`, paths relative to it, nothing cached."""
    settings = settings or Settings(min_severity=Severity.INFO)
    sources = discover([folder], settings, lang, cwd=folder)
    return validate(read_sources(sources, ParseCache(None)), settings, embed_base=folder)
