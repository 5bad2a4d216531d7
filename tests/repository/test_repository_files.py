"""The contributor workflow's files: GitHub workflows, issue forms and pre-commit hooks.

Everything runs offline: actionlint and zizmor (`--offline`) read the files only, and the
pre-commit hooks are local ones that run the tools installed in .venv.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support import FIXTURES, REPO

# The tools are installed with the project (`make install`), beside this interpreter.
BIN = Path(sys.executable).parent
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(path for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml")
                     if path.name != "config.yml")
# owner/repo, or owner/repo/path for an action in a subfolder, at a full commit SHA.
PINNED = re.compile(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}")
# The line as written: the SHA, then the release it is, for whoever updates it.
PINNED_LINE = re.compile(r"\s*(- )?uses: \S+@[0-9a-f]{40} # v\d+(\.\d+)*")


def _tool(name: str) -> Path:
    path = BIN / name
    if not path.is_file():
        pytest.fail(f"`{name}` is not installed next to {sys.executable}; "
                    "`make install` installs it with the other development tools")
    return path


def _run(argv: list[str | Path], cwd: Path = REPO,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(arg) for arg in argv], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _triggers(workflow: dict[Any, Any]) -> Any:
    # YAML 1.1 reads the key `on` as the boolean true.
    return workflow.get("on", workflow.get(True))


def _uses(workflow: dict[str, Any]) -> Iterator[str]:
    for job in workflow["jobs"].values():
        if "uses" in job:
            yield job["uses"]
        yield from (step["uses"] for step in job.get("steps", []) if "uses" in step)


def test_the_workflows_exist() -> None:
    assert [path.name for path in WORKFLOWS] == ["ci.yml", "pages.yml"]


def test_actionlint_finds_nothing() -> None:
    done = _run([_tool("actionlint"), "-no-color"])
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_zizmor_finds_nothing() -> None:
    done = _run([_tool("zizmor"), "--offline", "--format", "plain", ".github/"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout, done.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit(path: Path) -> None:
    uses = list(_uses(_load(path)))
    assert uses
    unpinned = [ref for ref in uses if not ref.startswith("./") and not PINNED.fullmatch(ref)]
    assert unpinned == []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if re.match(r"\s*(- )?uses:", line)]
    assert len(lines) == len(uses)
    assert [line for line in lines if not PINNED_LINE.fullmatch(line)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_privileged_trigger_and_no_secrets(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "pull_request_target" not in text
    assert "workflow_run" not in text
    assert not re.search(r"\bsecrets\b", text)
    triggers = _triggers(_load(path))
    assert "pull_request_target" not in triggers


def test_ci_reads_the_repository_and_nothing_more() -> None:
    workflow = _load(GITHUB / "workflows" / "ci.yml")
    assert workflow["permissions"] == {"contents": "read"}
    assert set(_triggers(workflow)) == {"pull_request", "push"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    assert workflow["concurrency"]["cancel-in-progress"] is True


def test_only_the_deploy_job_may_write_pages() -> None:
    workflow = _load(GITHUB / "workflows" / "pages.yml")
    assert workflow["permissions"] == {}
    writers = {name: job["permissions"] for name, job in workflow["jobs"].items()
               if "write" in job.get("permissions", {}).values()}
    assert writers == {"deploy": {"pages": "write", "id-token": "write"}}
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    # A deployment that has started is finished, never cancelled.
    assert workflow["concurrency"]["cancel-in-progress"] is False


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda path: path.name)
def test_issue_form(path: Path) -> None:
    form = _load(path)
    assert isinstance(form["name"], str) and form["name"]
    assert isinstance(form["description"], str) and form["description"]
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    assert {item["type"] for item in fields} <= {"input", "textarea", "dropdown", "checkboxes"}
    ids = [item["id"] for item in fields]
    assert len(ids) == len(set(ids))
    assert all(item["attributes"]["label"] for item in fields)
    assert any(item.get("validations", {}).get("required") is True for item in fields)


def test_issue_forms_and_no_blank_issues() -> None:
    assert [path.name for path in ISSUE_FORMS] == ["correction.yml", "new-term.yml",
                                                   "translation.yml"]
    assert _load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")["blank_issues_enabled"] is False


def test_contributing_guides_link_to_each_other() -> None:
    english = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8").splitlines()[:5]
    german = (REPO / "CONTRIBUTING.de.md").read_text(encoding="utf-8").splitlines()[:5]
    assert any("(CONTRIBUTING.de.md)" in line for line in english)
    assert any("(CONTRIBUTING.md)" in line for line in german)


def test_pre_commit_config_is_valid_and_local() -> None:
    done = _run([_tool("pre-commit"), "validate-config", ".pre-commit-config.yaml"])
    assert (done.returncode, done.stdout + done.stderr) == (0, "")
    # Local hooks only: installing them downloads nothing.
    repos = _load(REPO / ".pre-commit-config.yaml")["repos"]
    assert {repo["repo"] for repo in repos} == {"local"}


def _link_to_a_typo(content: Path) -> str:
    path = content / "en" / "Gradient-Descent.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if "(#Momentum) makes" in line)
    lines[number - 1] = lines[number - 1].replace("(#Momentum)", "(#Momentun)")
    path.write_text("".join(lines), encoding="utf-8")
    return rf"content/en/Gradient-Descent\.md:{number}:\d+: L001 "


def _unsorted_see_also(content: Path) -> str:
    path = content / "en" / "Gradient-Descent.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = lines.index("[Momentum](#Momentum) |\n") + 2
    lines.insert(number - 1, "[Heavy ball](#Momentum) |\n")
    path.write_text("".join(lines), encoding="utf-8")
    return rf"content/en/Gradient-Descent\.md:{number}:1: L003 see-also is not sorted"


@pytest.mark.parametrize("spoil", [None, _link_to_a_typo, _unsorted_see_also],
                         ids=["clean", "broken-link", "unsorted-see-also"])
def test_pre_commit_hooks_run_offline(tmp_path: Path,
                                      spoil: Callable[[Path], str] | None) -> None:
    """A copy of a clean term pair in a fresh repository passes the hooks; a spoilt one fails."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "clean", repo / "content")
    shutil.copy(REPO / ".pre-commit-config.yaml", repo)
    (repo / "tool.py").write_text('"""Something for the ruff hook to check."""\n')
    # The hooks run .venv/bin/<tool>, as in a clone set up with `make install`.
    (repo / ".venv").symlink_to(BIN.parent, target_is_directory=True)
    expected = spoil(repo / "content") if spoil else None
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit"),
           "GLOSSARY_CACHE_DIR": str(tmp_path / "glossary-cache"),
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for argv in (["git", "init", "-q"],
                 ["git", "add", "content", "tool.py", ".pre-commit-config.yaml"]):
        done = _run(list(argv), cwd=repo, env=env)
        assert done.returncode == 0, done.stderr
    done = _run([_tool("pre-commit"), "run", "--all-files", "--color", "never"],
                cwd=repo, env=env)
    output = done.stdout + done.stderr
    assert re.search(r"^ruff check\.+Passed$", output, re.MULTILINE), output
    if expected is None:
        assert done.returncode == 0, output
        assert re.search(r"^glossary check\.+Passed$", output, re.MULTILINE), output
    else:
        assert done.returncode == 1, output
        assert re.search(r"^glossary check\.+Failed$", output, re.MULTILINE), output
        assert re.search(expected, output, re.MULTILINE), output
