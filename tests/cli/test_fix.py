"""`glossary fix`: each repair, the identity on fixed files, `--diff`, files left alone."""

from __future__ import annotations

import shutil
import stat
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from glossary.cli.fix import CannotFix, Fix, canonical, fix_bytes
from glossary.cli.main import run
from glossary.core.collation import fold
from glossary.core.parser import parse_bytes
from tests.support import FIXTURES, REPO

HEAD = "## Beta {#Beta .term}\n\n**Beta** is a letter.\n\n### Use {.explanation}\n\nText.\n\n"


def _fix(text: str | bytes) -> Fix:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return fix_bytes(data, parse_bytes(data))


def _fixed(text: str | bytes) -> str:
    return _fix(text).after.decode("utf-8")


def _term(seealso: str) -> str:
    return f"{HEAD}### See also {{.seealso}}\n\n{seealso}\n----\n"


def test_sorts_by_folded_label_and_keeps_index_last() -> None:
    result = _fix(_term("[Zeta](#Zeta) |\n[Index](#Index) |\n[birne](#Birne) |\n"
                        "[Äpfel](#Apfel) |\n"))
    assert result.after.decode() == _term("[Äpfel](#Apfel) |\n[birne](#Birne) |\n"
                                          "[Zeta](#Zeta) |\n[Index](#Index) |\n")
    assert result.changes == ("see-also sorted", "`[Index](#Index) |` moved last")


def test_adds_a_missing_index_line() -> None:
    assert _fixed(_term("[B](#B) |\n[A](#A) |\n")) == \
        _term("[A](#A) |\n[B](#B) |\n[Index](#Index) |\n")
    empty = f"{HEAD}### See also {{.seealso}}\n"
    assert _fixed(empty) == f"{empty}\n[Index](#Index) |\n"
    assert _fix(empty).changes == ("`[Index](#Index) |` added",)


@pytest.mark.parametrize("line", ["[A](#A)|", "[A](#A) |  ", "[A](#A)", "[A](#A)   |\t",
                                  "[A](#A)  "])
def test_normalises_the_separator(line: str) -> None:
    result = _fix(_term(f"{line}\n[Index](#Index) |\n"))
    assert result.after.decode() == _term("[A](#A) |\n[Index](#Index) |\n")
    assert result.changes == ("` |` separators normalised",)


def test_line_ends_and_byte_order_mark() -> None:
    text = _term("[A](#A) |\n[Index](#Index) |\n")
    result = _fix(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert result.after == text.encode()
    assert result.changes == ("byte order mark removed", "line ends converted to LF")
    assert _fixed(text.replace("\n", "\r")) == text  # old Mac line ends, as the parser reads them


def test_lines_between_entries_stay_where_they_are() -> None:
    seealso = ("[C](#C) |\n<!-- a note -->\n[B](#B) |\nnot a see-also line\n\n[A](#A) |\n"
               "[Index](#Index) |\n")
    assert _fixed(_term(seealso)) == _term(
        "[A](#A) |\n<!-- a note -->\n[B](#B) |\nnot a see-also line\n\n[C](#C) |\n"
        "[Index](#Index) |\n")


def test_every_term_of_a_file_and_nothing_after_the_rule() -> None:
    second = "## Gamma {#Gamma .term}\n\n**Gamma** too.\n\n### See also {.seealso}\n\n[Y](#Y)\n"
    text = _term("[B](#B) |\n[A](#A) |\n") + "\n[Z](#Z) |\n[X](#X) |\n\n" + second
    assert _fixed(text) == (_term("[A](#A) |\n[B](#B) |\n[Index](#Index) |\n")
                            + "\n[Z](#Z) |\n[X](#X) |\n\n" + second.replace(
                                "[Y](#Y)\n", "[Y](#Y) |\n[Index](#Index) |\n"))


def test_a_term_without_or_with_two_see_also_sections_is_left_as_it_is() -> None:
    assert not _fix(HEAD).changed
    twice = _term("[B](#B) |\n") + "### See also {.seealso}\n\n[A](#A)|\n"
    assert not _fix(twice).changed


def test_pandoc_escaped_bars_become_plain_ones() -> None:
    result = _fix(_term("[B](#B) \\|\n[A](#A) \\|\n[Index](#Index) \\|\n"))
    assert result.after.decode() == _term("[A](#A) |\n[B](#B) |\n[Index](#Index) |\n")


@pytest.mark.parametrize("seealso", [
    "[B](#B) \\| [A](#A) \\| [Index](#Index) \\|\n",  # several entries a line
    "[B](#B) \\| [A\nLetter](#A) \\|\n[Index](#Index) \\|\n",  # a label wrapped over two
])
def test_a_pandoc_wrapped_list_is_left_as_it_is(seealso: str) -> None:
    with pytest.raises(CannotFix, match="not one entry a line") as refused:
        _fix(_term(seealso))
    assert refused.value.line == 11


def test_not_utf8_and_no_term_are_refused() -> None:
    with pytest.raises(CannotFix) as refused:
        _fix(b"## A {#A .term}\n\n\xff\n")
    assert (refused.value.line, refused.value.message) == (
        3, "invalid UTF-8 byte 0xff, file left as it is; save it as UTF-8, then run "
           "`glossary fix` again")
    with pytest.raises(CannotFix, match="no term heading"):
        _fix("# Just a page\n")


# Labels whose folded forms differ, so that the sorted order is the only order.
LABELS = ["Äpfel", "adam", "Birne", "Überanpassung", "Zeta", "delta", "Öl", "éclair",
          "Gradient Descent", "gradient clipping", "L2", "ß-Regel", "Momentum", "momentum term"]
BODY_BLOCKS = [
    "Text with a [link](#Alpha) and `code [x](#y) |`.",
    "```python\n[A](#A)|\nprint(1)  \n```",
    "<!-- a comment\n[Z](#Z) | -->",
    "- a list\n- [item](#Item)|",
    "$$\nx^2\n$$",
    "| table | head |\n|---|---|\n| a | b |",
    "Trailing spaces  \nand a tab\tinside.",
    "#### A sub-heading",
]


@st.composite
def fixed_terms(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A term file that is already fixed, and its see-also entries in order."""
    labels = sorted(draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=8,
                                  unique=True)), key=fold)
    entries = [f"[{label}](#{label.replace(' ', '-')}) |" for label in labels]
    body = "\n\n".join(draw(st.lists(st.sampled_from(BODY_BLOCKS), max_size=5)))
    ending = draw(st.sampled_from(["\n----\n", "\n----", "", "\n<!-- end -->\n"]))
    text = (f"## Beta {{#Beta .term}}\n\n**Beta** is a letter.\n\n### Use {{.explanation}}\n\n"
            f"{body or 'Text.'}\n\n### See also {{.seealso}}\n\n"
            + "\n".join([*entries, "[Index](#Index) |"]) + "\n" + ending)
    return text, entries


@given(fixed_terms())
def test_fix_is_the_identity_on_fixed_files(term: tuple[str, list[str]]) -> None:
    text, _ = term
    result = _fix(text)
    assert result.after == text.encode() and result.changes == ()


def test_fix_is_the_identity_on_this_repository() -> None:
    terms = [p for p in (REPO / "content").glob("*/*.md") if p.name != "index.md"]
    assert len(terms) > 4
    for path in terms:
        assert not _fix(path.read_bytes()).changed, path


def test_the_clean_fixture_only_loses_its_byte_order_mark_and_crlf() -> None:
    changed = {p.relative_to(FIXTURES).as_posix(): _fix(p.read_bytes()).changes
               for p in sorted((FIXTURES / "clean").glob("*/*.md"))}
    assert changed == {
        "clean/de/Gradient-Descent.md": ("byte order mark removed", "line ends converted to LF"),
        "clean/de/Momentum.md": (), "clean/en/Gradient-Descent.md": (),
        "clean/en/Momentum.md": (),
    }


SEPARATORS = ["|", " |", "  |", " |  ", "", "  ", " | \t", "\t|"]


@given(fixed_terms(), st.data())
def test_fix_repairs_exactly_the_mechanical_defects(term: tuple[str, list[str]],
                                                    data: st.DataObject) -> None:
    text, entries = term
    shuffled = data.draw(st.permutations(entries))
    index = data.draw(st.integers(-1, len(entries)))  # -1: no index line
    lines = [e.removesuffix(" |") + data.draw(st.sampled_from(SEPARATORS)) for e in shuffled]
    if index >= 0:
        lines.insert(index, "[Index](#Index)" + data.draw(st.sampled_from(SEPARATORS)))
    broken = text.replace("\n".join([*entries, "[Index](#Index) |"]), "\n".join(lines))
    if data.draw(st.booleans()):
        broken = broken.replace("\n", "\r\n")
    raw = ("\ufeff" if data.draw(st.booleans()) else "") + broken
    assert _fixed(raw.encode()) == text


def _entry_like(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.lstrip().startswith("[")]


def _others(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip() and line not in _entry_like(text)]


@given(st.lists(st.sampled_from([
    "## T {#T .term}", "**T** is.", "### S {.seealso}", "### E {.explanation}", "",
    "[B](#B) |", "[a](#A)|", "[Index](#Index)", "text", "----", "<!-- c -->", "```", "===",
    "- [C](#C) |", "  [D](#D)  |  ", "## U {#U .term}", "    [E](#E) |", "[Ä](#Index) |",
    "> [F](#F) |", "#### G",
]), max_size=25))
# The underline makes the line above it a heading, so an index line needs a blank after it.
@example(["## T {#T .term}", "### S {.seealso}", "**T** is.", "----"])
def test_fix_is_idempotent_and_moves_only_see_also_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        once = _fix(text).after.decode()
    except CannotFix:
        return
    assert _fix(once).after.decode() == once
    assert _others(once) == _others(text)
    for term in parse_bytes(once.encode()).terms:
        if [s.kind for s in term.sections].count("seealso") == 1:
            labels = [fold(e.label) for e in term.seealso if e.anchor != "Index"]
            assert labels == sorted(labels) and term.seealso[-1].anchor == "Index"
    added = Counter(map(canonical, _entry_like(once))) - Counter(map(canonical, _entry_like(text)))
    assert set(added) <= {"[Index](#Index) |"}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The clean fixture as content/, its one CRLF file with LF, as the working directory."""
    shutil.copytree(FIXTURES / "clean", tmp_path / "content")
    crlf = tmp_path / "content" / "de" / "Gradient-Descent.md"
    crlf.write_bytes(_fix(crlf.read_bytes()).after)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run([*argv, "--no-cache"])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_content_needs_no_fix(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "fix", "--diff") == (0, "", "4 term file(s): 0 would fix.\n")
    assert _run(capsys, "fix") == (0, "", "4 term file(s): 0 fixed.\n")


def test_diff_shows_the_change_and_writes_nothing(project: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "content" / "en" / "Momentum.md"
    path.write_bytes(path.read_bytes().replace(b"[Index](#Index) |", b"[Index](#Index)|"))
    broken = path.read_bytes()
    code, out, err = _run(capsys, "fix", "--diff")
    assert code == 1
    assert out == ("--- content/en/Momentum.md\n+++ content/en/Momentum.md\n"
                   "@@ -10,4 +10,4 @@\n"
                   " ### See also {.seealso}\n \n [Gradient descent](#Gradient-Descent) |\n"
                   "-[Index](#Index)|\n+[Index](#Index) |\n")
    assert err == ("would fix content/en/Momentum.md: ` |` separators normalised\n"
                   "4 term file(s): 1 would fix.\n")
    assert path.read_bytes() == broken


def test_diff_marks_a_last_line_without_newline(project: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "content" / "en" / "Momentum.md"
    path.write_bytes(path.read_bytes().replace(b"[Index](#Index) |\n", b"[Index](#Index)"))
    code, out, _ = _run(capsys, "fix", "--diff", "content/en/Momentum.md")
    assert code == 1
    assert out.endswith("-[Index](#Index)\n\\ No newline at end of file\n"
                        "+[Index](#Index) |\n\\ No newline at end of file\n")


def test_fix_writes_in_place_keeping_the_mode(project: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "content" / "de" / "Momentum.md"
    before = path.read_bytes()
    index, other = b"[Index](#Index) |\n", b"[Gradientenabstieg](#Gradient-Descent) |\n"
    path.write_bytes(before.replace(other + index, index + other))
    path.chmod(0o640)
    code, out, err = _run(capsys, "fix", "content")
    assert (code, out) == (0, "fixed content/de/Momentum.md: `[Index](#Index) |` moved last\n")
    assert err == "4 term file(s): 1 fixed.\n"
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["Gradient-Descent.md",
                                                             "Momentum.md"]


def test_unreadable_files_are_reported_and_left_alone(project: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    bad = project / "content" / "de" / "Bad.md"
    bad.write_bytes(b"## Bad {#Bad .term}\n\xff\n")
    page = project / "content" / "de" / "Page.md"
    page.write_bytes(b"# A page\r\n")
    code, out, err = _run(capsys, "fix")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "content/de/Bad.md:2: invalid UTF-8 byte 0xff, file left as it is; save it as UTF-8, "
        "then run `glossary fix` again",
        "content/de/Page.md:1: no term heading (`## Title {#Anchor .term}`), file left as it "
        "is; add the heading, then run `glossary fix` again",
        "6 term file(s): 0 fixed, 2 left as they are (see above).",
    ]
    assert bad.read_bytes() == b"## Bad {#Bad .term}\n\xff\n"
    assert page.read_bytes() == b"# A page\r\n"


def test_unknown_path_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "fix", "nowhere") == (
        2, "", "glossary: error: nowhere: no such file or folder\n")
