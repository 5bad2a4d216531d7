"""`glossary check` and `glossary terms` end to end: discovery, formats, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from glossary.cli.main import run
from glossary.core.rules import RULES
from tests.support import FIXTURES

L001 = FIXTURES / "rules" / "L001"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the L001 fixture as content/, as the working directory."""
    shutil.copytree(L001, tmp_path / "content")
    (tmp_path / "content" / "expected.txt").unlink()
    (tmp_path / "pyproject.toml").write_text("[tool.glossary]\nignore = ['G001']\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_is_exact_and_sorted(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "check")
    assert code == 1
    assert out.splitlines() == [
        "content/de/Alpha.md:3:18: L001 link `[step size](#Learning-Rat)` points to no term of "
        "this language (did you mean `Learning-Rate`?)",
        "content/de/Alpha.md:4:9: L001 link `[beta](#Zzz-Unknown)` points to no term of this "
        "language (fix the anchor or write the term `Zzz-Unknown.md`)",
        "content/de/Alpha.md:8:5: L001 link `[learning rate](#learning-rate)` points to no term "
        "of this language (did you mean `Learning-Rate`?)",
    ]
    assert err == "Found 3 problems (3 errors).\n"


def test_json_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", "--format", "json")
    assert code == 1
    first = json.loads(out)[0]
    assert first == {
        "path": "content/de/Alpha.md", "line": 3, "column": 18, "code": "L001",
        "severity": "error",
        "message": "link `[step size](#Learning-Rat)` points to no term of this language",
        "hint": "did you mean `Learning-Rate`?",
    }


def test_github_annotations(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "check", "--format", "github")
    assert out.splitlines()[0] == (
        "::error file=content/de/Alpha.md,line=3,col=18,title=L001 error::link "
        "`[step size](#Learning-Rat)` points to no term of this language "
        "(did you mean `Learning-Rate`?)"
    )


def test_clean_exit_zero_and_info_hidden(capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES / "rules" / "G001")
    code, out, err = _run(capsys, "check", ".", "--select", "G001", "--no-cache")
    assert (code, out) == (0, "")
    assert err == ("All checks passed. 2 less severe than warning not shown "
                   "(see them with --min-severity info).\n")
    code, out, _ = _run(capsys, "check", ".", "--select", "G001", "--min-severity", "info",
                        "--no-cache")
    assert code == 0 and len(out.splitlines()) == 2


@pytest.mark.parametrize("argv", [
    ["check", "content"],  # content folder with de/
    ["check", "content/de"],  # language folder
    ["check", "content/de/Alpha.md", "content/de/Learning-Rate.md"],  # single files
])
def test_path_kinds(project: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, _ = _run(capsys, *argv)
    assert code == 1 and len(out.splitlines()) == 3


def test_flat_folder_takes_its_language_from_lang(project: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    flat = project / "flat"
    shutil.copytree(project / "content" / "de", flat)
    code, out, _ = _run(capsys, "check", "flat", "--lang", "en")
    assert code == 1 and out.count("flat/Alpha.md") == 3
    _, out, _ = _run(capsys, "terms", "flat", "--lang", "en")
    assert {t["lang"] for t in json.loads(out)} == {"en"}


def test_lang_keeps_one_language(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(project / "content" / "de", project / "content" / "en")
    code, out, _ = _run(capsys, "check", "--lang", "en", "--select", "L001,B001")
    assert code == 1 and out.count("content/en/") == 3 and "content/de/" not in out


@pytest.mark.parametrize(("argv", "message"), [
    (["check", "missing"], "glossary: error: missing: no such file or folder\n"),
    (["check", "--lang", "fr"], "glossary: error: --lang fr: not one of the configured "
                                "languages (de, en)\n"),
    (["check", "--select", "Q"], "glossary: error: command line: select: `Q` matches no rule "
                                 "code (codes are like S001, L001; prefixes like S or L0)\n"),
    (["check", "--config", "nope.toml"], "glossary: error: --config nope.toml: no such file\n"),
])
def test_usage_errors_exit_2(project: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                             message: str) -> None:
    code, out, err = _run(capsys, *argv)
    assert (code, out, err) == (2, "", message)


def test_empty_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    code, _, err = _run(capsys, "check", "empty")
    assert code == 2 and "no term files (*.md) found in empty" in err


def test_bad_pyproject_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text("[tool.glossary]\nselect = 'Z'\n")
    code, _, err = _run(capsys, "check")
    assert code == 2 and "[tool.glossary]: select: `Z` matches no rule code" in err


def test_terms_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES / "clean")
    code, out, _ = _run(capsys, "terms", "--lang", "en", ".", "--no-cache")
    assert code == 0
    terms = json.loads(out)
    assert [t["anchor"] for t in terms] == ["Gradient-Descent", "Momentum"]
    assert terms[1] == {
        "anchor": "Momentum", "title": "Momentum", "lang": "en", "path": "en/Momentum.md",
        "line": 1,
        "definition": "Momentum speeds up gradient descent by carrying part of the previous "
                      "step into the next one.",
        "taglines": [],
        "sections": [{"kind": "explanation", "title": "How it works", "line": 6},
                     {"kind": "seealso", "title": "See also", "line": 10}],
        "seealso": ["Gradient-Descent", "Index"], "links": ["Gradient-Descent"], "examples": [],
    }


def test_console_script_and_cache(project: Path) -> None:
    script = Path(sys.executable).parent / "glossary"
    env = {**os.environ, "GLOSSARY_CACHE_DIR": str(project / "cache")}
    runs = [subprocess.run([str(script), "check"], capture_output=True, text=True, env=env)
            for _ in range(2)]
    assert [r.returncode for r in runs] == [1, 1]
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout.count("L001") == 3
    assert list((project / "cache").glob("parse-*.json"))
    usage = subprocess.run([str(script), "check", "--format", "xml"], capture_output=True)
    assert usage.returncode == 2


def test_repository_root_finds_its_language_folders(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(L001 / "de", tmp_path / "repo" / "src" / "de")
    (tmp_path / "repo" / "README.md").write_text("# Not a term\n")
    (tmp_path / "repo" / "src" / "de" / "000-title.txt").write_text("not markdown\n")
    (tmp_path / "repo" / ".git" / "de").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(capsys, "check", "repo", "--lang", "de", "--no-cache")
    assert code == 1
    assert {line.split(":")[0] for line in out.splitlines()} == {"repo/src/de/Alpha.md"}


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "rules")
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(RULES)
    assert lines[0].split()[:3] == ["E001", "error", "invalid-utf8"]
    assert lines[-1].split()[:3] == ["G001", "info", "orphan-term"]


RUN_PAGE = """\
## Plot {{#Plot .term}}

**Plot** draws a curve.

```python
import matplotlib.pyplot as plt
print({value})
plt.plot([3, 2, 1])
plt.show()
```

```python skip="a fragment"
model.fit()
```
"""


@pytest.fixture
def runnable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for lang, value in (("de", "'Verlust 0,25'"), ("en", "'loss 0.25'")):
        (tmp_path / "content" / lang).mkdir(parents=True)
        (tmp_path / "content" / lang / "Plot.md").write_text(RUN_PAGE.format(value=value))
    (tmp_path / "content" / "en" / "Quiet.md").write_text(
        "## Quiet {#Quiet .term}\n\n**Quiet** has no example.\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_run_shows_output_and_where_the_figures_went(runnable: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "run", "Plot", "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("== content/en/Plot.md:5 [cpu] passed in ")
    assert lines[1] == "loss 0.25"
    assert lines[2].startswith("figure: .glossary_cache/results/")
    assert lines[2].endswith("/figure-1.svg  (content/en/Plot.md:5)")
    assert (runnable / lines[2].split()[1]).read_bytes().startswith(b"<?xml")
    assert err == "1 example(s) run on cpu, 0 failed, 1 marked skip\n"
    code, out, err = _run(capsys, "run", "Plot")  # both languages
    assert code == 0 and "Verlust 0,25" in out and "loss 0.25" in out


def test_run_reports_a_failure_with_its_line(runnable: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    page = runnable / "content" / "en" / "Plot.md"
    page.write_text(page.read_text().replace("print('loss 0.25')", "print(1 / 0)"))
    code, out, err = _run(capsys, "run", "Plot", "--lang", "en")
    assert code == 1
    assert out.startswith("== content/en/Plot.md:5 [cpu] failed in ")
    assert "content/en/Plot.md:5: example failed with exit code 1 on cpu\n" in err
    assert 'File "content/en/Plot.md", line 7, in <module>' in err
    assert err.endswith("1 example(s) run on cpu, 1 failed, 1 marked skip\n")


def test_run_unknown_term_and_term_without_examples(runnable: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "run", "Plott") == (
        2, "", "glossary: error: no term `Plott` in content (did you mean `Plot`?)\n")
    assert _run(capsys, "run", "Quiet") == (0, "Quiet: no examples to run\n", "")


def test_check_from_a_folder_below_reads_the_projects_settings_and_embeds(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "examples").mkdir()
    (project / "examples" / "plot.py").write_text("print(1)\n")
    page = project / "content" / "de" / "Alpha.md"
    page.write_text(page.read_text() + '\n```python\n--8<-- "examples/plot.py"\n```\n')
    code, out, _ = _run(capsys, "check", "--select", "X003,G001", "--min-severity", "info")
    assert code == 0 and out == ""
    monkeypatch.chdir(project / "content" / "de")
    # The embed is found from the project's root, and pyproject.toml's ignore of G001 holds.
    code, out, _ = _run(capsys, "check", ".", "--select", "X003,G001", "--min-severity", "info")
    assert code == 0 and out == ""
    (project / "examples" / "plot.py").unlink()
    code, out, _ = _run(capsys, "check", ".", "--select", "X003")
    assert code == 1 and "X003 embedded file `examples/plot.py` does not exist" in out
