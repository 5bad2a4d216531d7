"""Every input is checked in time linear in its size: four times the text, about four
times the time, never the sixteen a quadratic step would take."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from glossary.core.parser import parse_bytes


def _best_of_three(text: str) -> float:
    data = text.encode()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        parse_bytes(data)
        best = min(best, time.perf_counter() - start)
    return best


SHAPES: dict[str, Callable[[int], str]] = {
    # One paragraph, one line, many links, not ASCII: columns are counted in characters.
    "links on one line": lambda n: "## T {#T .term}\n\n**T** " + " ".join(
        f"[ä{i}](#A{i})" for i in range(n)),
    # A Pandoc-wrapped see-also list of many entries on one line.
    "see-also entries on one line": lambda n: "## T {#T .term}\n\n### S {.seealso}\n\n" + " ".join(
        f"[Ü{i}](#A{i}) \\|" for i in range(n)),
    # Many links, each on its own line of one paragraph.
    "links on many lines": lambda n: "## T {#T .term}\n\n" + "\n".join(
        f"ö [x{i}](#A{i})" for i in range(n)),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_four_times_the_links_take_about_four_times_as_long(shape: str) -> None:
    small, large = _best_of_three(SHAPES[shape](5_000)), _best_of_three(SHAPES[shape](20_000))
    assert large / small < 8, f"{shape}: {small:.3f} s for 5,000 links, {large:.3f} s for 20,000"
