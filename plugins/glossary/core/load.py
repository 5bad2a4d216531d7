"""Read term files from disk into the glossary, through the parse cache."""

from __future__ import annotations

import gc
import marshal
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .discover import Source
from .model import Document, Finding, TermFile
from .parse_cache import ParseCache, content_key, decode_document, encode
from .parser import parse_bytes

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

# Below this much text to parse, starting worker processes costs more than it saves.
_PARALLEL_BYTES = 512 * 1024
# How long the parent waits for a worker at the least, beyond its own share's time.
_WAIT_AT_LEAST = 5.0


def _parse_all(texts: list[bytes], workers: int) -> list[Document]:
    """Parse every text; with several workers, the parent parses one share itself.

    Shares are balanced by size, largest text first, so that one big file (a
    concatenated edition) does not leave the other cores waiting. Each other share goes
    to a forked process, which has the texts already and sends back only its documents,
    encoded as the parse cache stores them. A share whose process dies is parsed here.
    """
    if workers < 2 or len(texts) < 2 or sum(map(len, texts)) < _PARALLEL_BYTES:
        return [parse_bytes(data) for data in texts]
    import multiprocessing  # only here: most checks are warm and parse a file or two

    shares: list[list[int]] = [[] for _ in range(min(workers, len(texts)))]
    loads = [0] * len(shares)
    for index in sorted(range(len(texts)), key=lambda i: -len(texts[i])):
        lightest = loads.index(min(loads))
        shares[lightest].append(index)
        loads[lightest] += len(texts[index])
    context = multiprocessing.get_context("fork")
    children = []
    for share in shares[1:]:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_parse_share, args=(texts, share, send), daemon=True)
        child.start()
        send.close()
        children.append((share, receive, child))
    documents = [Document()] * len(texts)
    started = time.monotonic()
    for index in shares[0]:
        documents[index] = parse_bytes(texts[index])
    # The shares are alike in size: a child that takes far longer than the parent did
    # is stopped or stuck; its share is parsed here instead of waiting for it forever.
    deadline = time.monotonic() + _WAIT_AT_LEAST + 4 * (time.monotonic() - started)
    for share, receive, child in children:
        try:
            if not receive.poll(max(0.0, deadline - time.monotonic())):
                raise TimeoutError
            encoded = marshal.loads(receive.recv_bytes())
        except (EOFError, OSError, ValueError):  # TimeoutError is an OSError
            child.kill()
            encoded = [encode(parse_bytes(texts[index])) for index in share]
        finally:
            receive.close()
            child.join()
        for index, raw in zip(share, encoded, strict=True):
            documents[index] = decode_document(raw)
    return documents


def _parse_share(texts: list[bytes], share: list[int], send: Connection) -> None:
    """In a forked process: parse `share` of `texts` and send the documents back."""
    send.send_bytes(marshal.dumps([encode(parse_bytes(texts[index])) for index in share]))
    send.close()


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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: reading builds hundreds of thousands of objects
    and no cycles, and each collection it would trigger walks all of them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_sources(sources: list[Source], cache: ParseCache, workers: int = 1) -> list[TermFile]:
    """Parse every source (cached ones from the cache) into a `TermFile`, in order."""
    with _collector_paused():
        return _read_sources(sources, cache, workers)


def _read_sources(sources: list[Source], cache: ParseCache, workers: int) -> list[TermFile]:
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
