"""Read term files from disk into the glossary, through the parse cache."""

from __future__ import annotations

import os
from typing import Any

from .discover import Source
from .model import Document, Finding, TermFile
from .parse_cache import ParseCache, content_key, decode_document, encode
from .parser import parse_bytes

# Below this much text to parse, starting worker processes costs more than it saves.
_PARALLEL_BYTES = 512 * 1024


def _parse_encoded(data: bytes) -> list[Any]:
    """Parse in a worker; plain lists travel back to the parent faster than dataclasses."""
    return encode(parse_bytes(data))


def _parse_all(texts: list[bytes], workers: int) -> list[Document]:
    """Parse every text; with several workers, the parent parses one share itself.

    Shares are balanced by size, largest text first, so that one big file (a
    concatenated edition) does not leave the other cores waiting.
    """
    if workers < 2 or len(texts) < 2 or sum(map(len, texts)) < _PARALLEL_BYTES:
        return [parse_bytes(data) for data in texts]
    import multiprocessing  # only here: most checks are warm and parse a file or two

    shares: list[list[int]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for index in sorted(range(len(texts)), key=lambda i: -len(texts[i])):
        lightest = loads.index(min(loads))
        shares[lightest].append(index)
        loads[lightest] += len(texts[index])
    mine, theirs = shares[0], [i for share in shares[1:] for i in share]
    documents = [Document()] * len(texts)
    with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
        pending = pool.map_async(_parse_encoded, [texts[i] for i in theirs],
                                 chunksize=max(1, len(theirs) // ((workers - 1) * 4)))
        for index in mine:
            documents[index] = parse_bytes(texts[index])
        for index, raw in zip(theirs, pending.get(), strict=True):
            documents[index] = decode_document(raw)
    return documents


def default_workers() -> int:
    """Processes for a cold parse: every core, where `fork` is there to start them cheaply."""
    if not hasattr(os, "fork"):
        return 1
    return min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1, 8)


def parse_cached(data: bytes, cache: ParseCache) -> Document:
    """The parse of `data`, from the cache where it is there, else parsed and cached."""
    key = content_key(data)
    document = cache.get(key)
    if document is None:
        document = parse_bytes(data)
        cache.put(key, document)
    return document


def read_sources(sources: list[Source], cache: ParseCache, workers: int = 1) -> list[TermFile]:
    """Parse every source (cached ones from the cache) into a `TermFile`, in order."""
    documents: list[Document | None] = []
    missing: dict[str, list[int]] = {}
    texts: list[bytes] = []
    for source in sources:
        try:
            data = source.path.read_bytes()
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            documents.append(Document(findings=(Finding("E003", 1, 1,
                                                        f"cannot read file: {reason}"),)))
            continue
        key = content_key(data)
        cached = cache.get(key)
        if cached is None:
            if key not in missing:
                texts.append(data)
            missing.setdefault(key, []).append(len(documents))
        documents.append(cached)
    for key, document in zip(missing, _parse_all(texts, workers), strict=True):
        cache.put(key, document)
        for index in missing[key]:
            documents[index] = document
    cache.save()
    files = []
    for source, found in zip(sources, documents, strict=True):
        assert found is not None  # read, taken from the cache or parsed above
        files.append(TermFile(source.display, source.lang, found))
    return files
