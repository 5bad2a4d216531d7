"""An example that prints without end is cut: its output is capped in memory and in the
store, and no file it writes grows past the limit."""

from __future__ import annotations

from pathlib import Path

from glossary.runner.process import MAX_OUTPUT_BYTES, run_example


def test_two_hundred_megabytes_of_output_are_cut_not_held() -> None:
    source = "import sys\nline = 'x' * 1023 + '\\n'\nfor _ in range(200 * 1024):\n" \
             "    sys.stdout.write(line)\nprint('done')\n"
    result = run_example(source, "en/A.md", timeout=120)
    assert len(result.stdout.encode()) < MAX_OUTPUT_BYTES + 200
    assert "output cut at 1 MB" in result.stdout
    # 200 MB is past the file limit: the example is stopped, not the machine's disk filled.
    assert result.status == "failed"


def test_a_file_past_the_limit_stops_the_example(tmp_path: Path) -> None:
    source = ("with open('big.bin', 'wb') as f:\n"
              "    for _ in range(100):\n        f.write(b'0' * (1024 * 1024))\nprint('wrote')\n")
    result = run_example(source, "en/A.md", timeout=120, cwd=tmp_path)
    assert result.status == "failed" and "wrote" not in result.stdout
    assert (tmp_path / "big.bin").stat().st_size <= 64 * 1024 * 1024


def test_ordinary_output_is_kept_whole() -> None:
    result = run_example("print('hello')\n", "en/A.md", timeout=60)
    assert (result.status, result.stdout) == ("passed", "hello\n")
