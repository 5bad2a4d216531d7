"""A cold parse shares the files among processes and gives what one process would."""

from __future__ import annotations

import os
import signal
import time

import pytest

from glossary.core import load
from glossary.core.load import _parse_all
from glossary.core.parser import parse_bytes

# One big file (a concatenated edition) and many small ones, over the parallel threshold.
TERM = "## T{n} {{#T{n} .term}}\n\n**T{n}** links [next](#T{m}) and [none](#None{n}).\n\n"
BIG = "".join(TERM.format(n=n, m=n + 1) for n in range(6000)).encode()
SMALL = [TERM.format(n=n, m=n + 1).encode() * 40 for n in range(60)]


def test_shared_among_processes_as_one_process_parses() -> None:
    texts = [*SMALL[:30], BIG, *SMALL[30:]]
    assert sum(map(len, texts)) > load._PARALLEL_BYTES
    assert _parse_all(texts, 2) == _parse_all(texts, 3) == [parse_bytes(t) for t in texts]


def test_a_share_whose_process_dies_is_parsed_by_the_parent(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def die(*args: object) -> None:
        os._exit(1)  # as if killed: nothing is sent back

    monkeypatch.setattr(load, "_parse_share", die)
    texts = [BIG, *SMALL]
    assert _parse_all(texts, 2) == [parse_bytes(t) for t in texts]


def test_a_share_whose_process_stops_is_parsed_by_the_parent_within_seconds(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def stop(*args: object) -> None:
        os.kill(os.getpid(), signal.SIGSTOP)  # as if stopped: alive, silent, forever

    monkeypatch.setattr(load, "_parse_share", stop)
    monkeypatch.setattr(load, "_WAIT_AT_LEAST", 0.5)
    texts = [BIG, *SMALL]
    started = time.monotonic()
    assert _parse_all(texts, 2) == [parse_bytes(t) for t in texts]
    assert time.monotonic() - started < 30
