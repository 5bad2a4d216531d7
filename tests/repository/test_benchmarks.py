"""The benchmarks run and print their figure as the last line (on a tiny corpus)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO

# The benchmarks build sites and time loops, even on their tiny corpus.
pytestmark = pytest.mark.build

BENCHMARKS = REPO / "benchmarks"


def _run(script: str, *args: str) -> str:
    done = subprocess.run([sys.executable, str(BENCHMARKS / script), *args],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def test_corpus_has_the_requested_shape(tmp_path: Path) -> None:
    _run("make_corpus.py", str(tmp_path), "--terms", "12", "--broken", "0.5")
    files = sorted(tmp_path.glob("*/*.md"))
    assert len(files) == 24 and {f.parent.name for f in files} == {"de", "en"}
    text = files[0].read_text(encoding="utf-8")
    assert text.startswith("## Term 0000 {#Term-0000 .chapter .small .term}")
    assert "](#Missing-" in "".join(f.read_text(encoding="utf-8") for f in files)


def test_check_speed_prints_cold_and_warm(tmp_path: Path) -> None:
    _run("make_corpus.py", str(tmp_path), "--terms", "10", "--langs", "de")
    last = _run("check_speed.py", str(tmp_path), "--lang", "de", "--runs", "1")
    assert re.fullmatch(r"cold_s=\d+\.\d{3} warm_s=\d+\.\d{3} edit_s=\d+\.\d{3}", last)


def test_plugin_overhead_prints_a_ratio(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _run("make_corpus.py", str(corpus), "--terms", "5", "--langs", "de")
    last = _run("plugin_overhead.py", str(corpus / "de"), "--runs", "1")
    assert re.fullmatch(r"overhead=\d+\.\d{3}", last)


def test_trainer_parity_ends_with_equal_weights() -> None:
    last = _run("trainer_parity.py", "--runs", "1", "--epochs", "1")
    assert re.fullmatch(r"ratio=\d+\.\d{3} weights_equal=True", last)


def test_serve_preview_prints_the_time_to_a_served_change() -> None:
    last = _run("serve_preview.py", "--terms", "8", "--edits", "1")
    assert re.fullmatch(r"preview_s=\d+\.\d{2} full_build_s=\d+\.\d{2}", last)
