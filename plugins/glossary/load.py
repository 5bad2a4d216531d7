"""Read term files from disk into the glossary, through the parse cache."""

from __future__ import annotations

from .cache import ParseCache, content_key
from .discover import Source
from .model import Document, Finding, TermFile
from .parser import parse_bytes


def read_sources(sources: list[Source], cache: ParseCache) -> list[TermFile]:
    files = []
    for source in sources:
        try:
            data = source.path.read_bytes()
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            document = Document(findings=(Finding("E003", 1, 1, f"cannot read file: {reason}"),))
        else:
            key = content_key(data)
            cached = cache.get(key)
            if cached is None:
                document = parse_bytes(data)
                cache.put(key, document)
            else:
                document = cached
        files.append(TermFile(source.display, source.lang, document))
    cache.save()
    return files
