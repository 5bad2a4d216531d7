"""`glossary check --changed`: only the files a change touches, found in a real git repository."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from glossary.cli.main import run


def _term(anchor: str, title: str, links: list[str], seealso: list[str] | None = None) -> str:
    text = " ".join(f"[{a}](#{a})" for a in links)
    entries = "".join(f"[{a}](#{a}) |\n" for a in (links if seealso is None else seealso))
    return (f"## {title} {{#{anchor} .term}}\n\n**{title}** is a term. {text}\n\n"
            f"### Use {{.explanation}}\n\nText.\n\n### See also {{.seealso}}\n\n"
            f"{entries}[Index](#Index) |\n")


# Alpha links to Beta, Beta to Gamma; Gamma links to no one. Alpha and Gamma carry an
# old warning each (unsorted see-also), which only shows when the file is selected.
TERMS = {
    "Alpha": _term("Alpha", "Alpha", ["Beta", "Gamma"], ["Gamma", "Beta"]),
    "Beta": _term("Beta", "Beta", ["Gamma"]),
    "Gamma": _term("Gamma", "Gamma", ["Delta", "Alpha"], ["Delta", "Alpha"]),
    "Delta": _term("Delta", "Delta", ["Alpha"]),
}
ALPHA_WARNING = "content/en/Alpha.md:12:1: L003"


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose `main` holds four terms in both languages, on a branch `work`."""
    repo = tmp_path / "repo"
    for lang in ("de", "en"):
        (repo / "content" / lang).mkdir(parents=True)
        for anchor, text in TERMS.items():
            (repo / "content" / lang / f"{anchor}.md").write_text(text)
    (repo / "pyproject.toml").write_text("[tool.glossary]\n")
    (repo / ".gitignore").write_text(".glossary_cache/\n")
    _git(repo, "init", "--quiet", "--initial-branch", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "--quiet", "-m", "Four terms")
    _git(repo, "checkout", "--quiet", "-b", "work")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    return repo


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = run(["check", "--changed", *argv])
    out, err = capsys.readouterr()
    return code, [" ".join(line.split()[:2]) for line in out.splitlines()], err


def _edit(repo: Path, path: str, old: str, new: str) -> None:
    file = repo / path
    file.write_text(file.read_text().replace(old, new))


def test_nothing_changed_reports_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = _check(capsys)
    assert (code, lines) == (0, [])
    assert err == ("Checked 0 changed term file(s) and 0 twin(s) or file(s) linking to them. "
                   "All checks passed.\n")


def test_an_uncommitted_change_and_the_files_linking_to_it(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(repo, "content/en/Beta.md", "Text.", "Text and [a broken link](#Nowhere).")
    code, lines, err = _check(capsys)
    assert code == 1
    # Alpha links to Beta, so its old warning shows; Gamma is linked from Beta but does
    # not link to it, so its warning does not. de/Beta is the twin and is clean.
    assert lines == [ALPHA_WARNING, "content/en/Beta.md:7:10: L001"]
    assert err.startswith("Checked 1 changed term file(s) and 2 twin(s) or file(s) linking "
                          "to them. Found 2 problems")


def test_a_renamed_anchor_shows_in_the_pages_that_link_to_it(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(repo, "content/de/Delta.md", "{#Delta .term}", "{#Delta-Rule .term}")
    code, lines, _ = _check(capsys, "--select", "L001,L002,S005")
    assert code == 1
    assert lines == ["content/de/Delta.md:1:11: S005",
                     "content/de/Gamma.md:3:22: L001", "content/de/Gamma.md:11:1: L002"]


def test_a_removed_term_shows_in_the_pages_that_link_to_it_and_its_twin(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "content" / "en" / "Gamma.md").unlink()
    code, lines, _ = _check(capsys, "--select", "L001,L002,B001")
    assert code == 1
    assert lines == [
        "content/de/Gamma.md:1:11: B001", "content/en/Alpha.md:3:36: L001",
        "content/en/Alpha.md:11:1: L002", "content/en/Beta.md:3:21: L001",
        "content/en/Beta.md:11:1: L002",
    ]


def test_committed_and_untracked_changes_count(repo: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _edit(repo, "content/en/Delta.md", "Text.", "Text, [broken](#Nowhere).")
    _git(repo, "commit", "--quiet", "-am", "Delta")
    (repo / "content" / "en" / "Epsilon.md").write_text(_term("Epsilon", "Epsilon", ["Nowhere"]))
    code, lines, err = _check(capsys, "--select", "L001,L002")
    assert code == 1
    assert lines == ["content/en/Delta.md:7:7: L001", "content/en/Epsilon.md:3:24: L001",
                     "content/en/Epsilon.md:11:1: L002"]
    assert err.startswith("Checked 2 changed term file(s) and 2 twin(s)")


def test_base_names_another_branch(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(repo, "content/en/Beta.md", "Text.", "Text, [broken](#Nowhere).")
    _git(repo, "commit", "--quiet", "-am", "Beta")
    _git(repo, "branch", "later")
    assert _check(capsys, "--base", "later")[:2] == (0, [])
    assert _check(capsys)[1] == [ALPHA_WARNING, "content/en/Beta.md:7:7: L001"]


def test_outside_a_repository_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "content" / "en").mkdir(parents=True)
    (tmp_path / "content" / "en" / "Alpha.md").write_text(TERMS["Alpha"])
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, lines, err = _check(capsys, "--no-cache")
    assert (code, lines) == (2, [])
    assert err == (f"glossary: error: {tmp_path}: not inside a git repository; --changed "
                   "compares with a git branch, so run it in a clone, or check without "
                   "--changed\n")


def test_a_base_that_does_not_exist_is_a_usage_error(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = _check(capsys, "--base", "nope")
    assert (code, lines) == (2, [])
    assert err == (f"glossary: error: --base nope: no such branch or commit in {repo.resolve()}; "
                   "name an existing one, e.g. --base origin/main\n")


def test_base_without_changed_is_a_usage_error(repo: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--base", "main"]) == 2
    assert capsys.readouterr().err == ("glossary: error: --base main: goes with --changed; "
                                       "add --changed\n")
