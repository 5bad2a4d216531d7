"""`glossary new`: the template, what `check` says about it, and every refusal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glossary.cli.fix import fix_bytes
from glossary.cli.main import run
from glossary.cli.new import ScaffoldError, render_term, write_twins
from glossary.core.parser import PLACEHOLDER as MARKER
from glossary.core.parser import parse_bytes, parse_text
from tests.support import FIXTURES


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The clean two-language fixture as content/, as the working directory."""
    shutil.copytree(FIXTURES / "clean", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run([*argv, "--no-cache"] if argv[0] != "new" else list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_writes_both_twins_and_says_what_next(project: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "new", "Weight-Decay", "--title-de", "Gewichtsverfall",
                          "--title-en", "Weight decay")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "wrote content/de/Weight-Decay.md",
        "wrote content/en/Weight-Decay.md",
        "",
        f"Next: replace every `{MARKER}` placeholder and add related terms to both see-also "
        "lists, then",
        "  glossary check content/de/Weight-Decay.md content/en/Weight-Decay.md",
        "  make serve",
    ]
    german = (project / "content" / "de" / "Weight-Decay.md").read_text(encoding="utf-8")
    english = (project / "content" / "en" / "Weight-Decay.md").read_text(encoding="utf-8")
    assert german.startswith("## Gewichtsverfall {#Weight-Decay .chapter .small .term}\n\n"
                             f"**Gewichtsverfall** {MARKER} ")
    assert english.startswith("## Weight decay {#Weight-Decay .chapter .small .term}\n\n"
                              f"**Weight decay** {MARKER} ")
    assert "### Siehe auch {.seealso}" in german and "### See also" not in german
    assert "### See also {.seealso}" in english and "### Siehe auch" not in english
    assert german.endswith("[Index](#Index) |\n\n----\n")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_template_has_the_anatomy_of_a_term(lang: str) -> None:
    text = render_term("Weight-Decay", "Title", lang)
    document = parse_text(text)
    assert not fix_bytes(text.encode(), document).changed  # `glossary fix` leaves it alone
    (term,) = document.terms
    # Nothing is wrong with its structure; what the parser finds are the placeholders.
    assert [f.code for f in document.findings] == ["S015"] * 5
    assert (term.anchor, term.title) == ("Weight-Decay", "Title")
    assert term.definition.startswith(f"Title {MARKER}")
    assert [s.kind for s in term.sections] == ["explanation"] * 3 + ["seealso"]
    assert not any(s.empty for s in term.sections)
    assert [e.anchor for e in term.seealso] == ["Index"]


def test_check_reports_each_placeholder_and_nothing_else(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "new", "Weight-Decay", "--title-de", "Gewichtsverfall", "--title-en",
         "Weight decay")
    code, out, err = _run(capsys, "check", "--min-severity", "info")
    assert code == 1
    lines = out.splitlines()
    for lang in ("de", "en"):
        mine = [line for line in lines if line.startswith(f"content/{lang}/Weight-Decay.md:")]
        codes = [line.split()[1] for line in mine]
        # Five placeholders; no term links to the new one yet (info, hidden by default).
        assert sorted(codes) == ["G001"] + ["S015"] * 5
        assert [line.split(":")[1] for line in mine if " S015 " in line] == \
            ["3", "7", "11", "15", "19"]
    assert len(lines) == 12
    assert err == "Found 12 problems (10 warnings, 2 infos).\n"


def test_once_the_placeholders_are_replaced_the_twins_are_clean(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "new", "Weight-Decay", "--title-de", "Gewichtsverfall", "--title-en",
         "Weight decay")
    for lang in ("de", "en"):
        path = project / "content" / lang / "Weight-Decay.md"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line.replace(MARKER, "Written.") for line in lines if "<!--" not in line]
        path.write_text("".join(kept), encoding="utf-8")
        assert _placeholders(path.read_bytes()) == []
    code, out, err = _run(capsys, "check", "content/de/Weight-Decay.md",
                          "content/en/Weight-Decay.md")
    assert (code, out, err) == (0, "", "All checks passed.\n")


def _placeholders(data: bytes) -> list[tuple[int, int, str]]:
    """(line, column, message) of every placeholder the parser finds (rule S015)."""
    return [(f.line, f.column, f.message) for f in parse_bytes(data).findings
            if f.code == "S015"]


def test_placeholders_are_found_with_line_and_column() -> None:
    text = f"## A {{#A .term}}\n\n**A** {MARKER} say what.\n\nx {MARKER} one {MARKER} two\n"
    said = "placeholder left from the template: "
    assert _placeholders(text.encode()) == [(3, 7, f'{said}"{MARKER} say what."'),
                                            (5, 3, f'{said}"{MARKER} one"'),
                                            (5, 23, f'{said}"{MARKER} two"')]
    assert _placeholders(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()) == \
        _placeholders(text.encode())


@pytest.mark.parametrize(("anchor", "message"), [
    ("Überanpassung", "glossary: error: anchor `Überanpassung` has characters other than "
                      "ASCII letters, digits, `-`, `.` and `_`; write it like `Learning-Rate`\n"),
    ("a/b", "glossary: error: anchor `a/b` has characters other than ASCII letters, digits, "
            "`-`, `.` and `_`; write it like `Learning-Rate`\n"),
    ("Two words", "glossary: error: anchor `Two words` has characters other than ASCII "
                  "letters, digits, `-`, `.` and `_`; write it like `Learning-Rate`\n"),
    ("Momentum", "glossary: error: content/de/Momentum.md: `Momentum` is taken; choose "
                 "another anchor, or edit that term\n"),
    ("momentum", "glossary: error: content/de/Momentum.md: `momentum` is taken as `Momentum` "
                 "(names that differ only in case collide); choose another anchor, or edit "
                 "that term\n"),
    ("index", "glossary: error: anchor `index` is the name of a page the site generates "
              "(`Index`); choose another anchor\n"),
])
def test_refuses_bad_and_taken_anchors(project: Path, capsys: pytest.CaptureFixture[str],
                                       anchor: str, message: str) -> None:
    before = _tree(project / "content")
    code, out, err = _run(capsys, "new", anchor, "--title-de", "T", "--title-en", "T")
    assert (code, out, err) == (2, "", message)
    assert _tree(project / "content") == before


def test_an_anchor_in_one_language_or_in_a_misnamed_file_is_taken(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "en" / "Only-English.md").write_text(
        "## Only {#Only-English .term}\n\n**Only** English.\n")
    (project / "content" / "de" / "Other-Name.md").write_text(
        "## Adam {#Adam .term}\n\n**Adam** ist ein Optimierer.\n")
    before = _tree(project / "content")
    code, _, err = _run(capsys, "new", "only-english", "--title-de", "T", "--title-en", "T")
    assert code == 2 and "content/en/Only-English.md: `only-english` is taken" in err
    code, _, err = _run(capsys, "new", "ADAM", "--title-de", "T", "--title-en", "T")
    assert code == 2 and "content/de/Other-Name.md:1: `ADAM` is taken as `Adam`" in err
    assert _tree(project / "content") == before


@pytest.mark.parametrize("argv", [
    ["--title-de", "Nur Deutsch"],
    ["--title-en", "English only"],
])
def test_a_missing_title_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str],
                                          argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(["new", "Weight-Decay", *argv])
    assert exit_.value.code == 2
    assert "the following arguments are required: --title-" in capsys.readouterr().err
    assert not (project / "content" / "de" / "Weight-Decay.md").exists()


@pytest.mark.parametrize(("titles", "message"), [
    (["--title-de", " ", "--title-en", "Weight decay"],
     "glossary: error: --title-de is empty; give the term's title in that language\n"),
    (["--title-de", "Gewicht", "--title-en", "Weight\ndecay"],
     "glossary: error: --title-en holds a line break or tab; give the title on one line\n"),
])
def test_an_empty_or_broken_title_is_refused(project: Path, capsys: pytest.CaptureFixture[str],
                                             titles: list[str], message: str) -> None:
    before = _tree(project / "content")
    assert _run(capsys, "new", "Weight-Decay", *titles) == (2, "", message)
    assert _tree(project / "content") == before


def test_content_folder_must_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(capsys, "new", "A", "--title-de", "A", "--title-en", "A")
    assert code == 2
    assert err == (f"glossary: error: no glossary project at or above {tmp_path} (no mkdocs.yml "
                   "or pyproject.toml with [tool.glossary]); run this inside a project, pass "
                   "--config FILE, or name the content folder with --content DIR\n")


def test_content_option_and_missing_language_folders(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(capsys, "new", "A", "--title-de", "A", "--title-en", "A",
                        "--content", "docs")
    assert code == 0 and out.startswith("wrote docs/de/A.md\nwrote docs/en/A.md\n")


def test_never_overwrites_and_leaves_no_half_pair(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "A.md").write_text("mine\n")
    with pytest.raises(ScaffoldError, match=r"A\.md: already exists; nothing was written"):
        write_twins(tmp_path, "A", {"de": "A", "en": "A"})
    assert (tmp_path / "en" / "A.md").read_text() == "mine\n"
    assert not (tmp_path / "de" / "A.md").exists()


def test_a_missing_config_file_is_named_as_for_every_command(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _tree(project / "content")
    assert _run(capsys, "new", "A", "--config", "nope.toml", "--title-de", "A",
                "--title-en", "A") == (2, "", "glossary: error: --config nope.toml: no such file\n")
    assert _tree(project / "content") == before
