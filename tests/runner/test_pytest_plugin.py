"""The example runner as pytest sees it: collection, ids, devices, failures, time limits."""

from __future__ import annotations

import pytest

# Each test starts a pytest session that runs examples in processes of their own.
pytestmark = [pytest.mark.slow,
              pytest.mark.filterwarnings("ignore::pytest.PytestAssertRewriteWarning")]


# How a project opts in to the plugin.
OPTED_IN = '[tool.pytest.ini_options]\naddopts = "-p glossary.runner.pytest_plugin"\n'


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyprojecttoml(OPTED_IN + "[tool.glossary]\nexample-timeout = 3\n")
    examples = pytester.mkdir("examples")
    (examples / "ok.py").write_text("import trainer_stub\nprint('loss', trainer_stub.LOSS)\n")
    (examples / "trainer_stub.py").write_text("LOSS = 0.25\n")
    return pytester


def test_collects_each_example_once_per_device(project: pytest.Pytester) -> None:
    result = project.runpytest("--collect-only", "-q", "examples")
    result.stdout.fnmatch_lines(["examples/ok.py[[]cpu[]]", "examples/ok.py[[]cuda[]]",
                                 "examples/trainer_stub.py[[]cpu[]]"])


def test_passing_example_runs_on_cpu_and_cuda_skips_with_reason(project: pytest.Pytester,
                                                                 monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    monkeypatch.setattr("glossary.runner.pytest_plugin.cuda_available", lambda: False)
    result = project.runpytest("-rs", "examples/ok.py")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*no CUDA device here; the [[]cpu[]] run covers this example*"])


def test_failure_points_at_the_line(project: pytest.Pytester) -> None:
    (project.path / "examples" / "broken.py").write_text("x = 1\n\nraise ValueError('bad')\n")
    result = project.runpytest("-k", "cpu", "examples/broken.py")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["examples/broken.py:1: example failed with exit code 1 on cpu",
                                 '*File "examples/broken.py", line 3, in <module>*',
                                 "*ValueError: bad*"])


def test_endless_loop_is_killed_and_the_rest_still_run(project: pytest.Pytester) -> None:
    (project.path / "examples" / "forever.py").write_text("while True:\n    pass\n")
    result = project.runpytest("-k", "cpu", "examples")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*examples/forever.py:1: example was stopped after its time "
                                 "limit of 3 s on cpu*"])


def test_example_without_code_fails(project: pytest.Pytester) -> None:
    (project.path / "examples" / "todo.py").write_text("# to be written\n")
    result = project.runpytest("-k", "cpu", "examples/todo.py")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*examples/todo.py:1: example has no code to run*"])


def test_cpu_run_sees_no_gpu(project: pytest.Pytester) -> None:
    (project.path / "examples" / "env.py").write_text(
        "import os\nassert os.environ['CUDA_VISIBLE_DEVICES'] == ''\n"
        "assert os.environ['GLOSSARY_DEVICE'] == 'cpu'\n")
    project.runpytest("-k", "cpu", "examples/env.py").assert_outcomes(passed=1)


def test_example_that_is_not_utf8_is_a_clear_collection_error(project: pytest.Pytester) -> None:
    (project.path / "examples" / "latin1.py").write_bytes(b"print('caf\xe9')\n")
    result = project.runpytest("examples/latin1.py")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*examples/latin1.py: byte 10 is not UTF-8; save the example "
                                 "as UTF-8*"])
    result.stdout.no_fnmatch_line("*Traceback*")


PAGE = """\
## Momentum {#Momentum .term}

Momentum keeps a running average of past gradients.

```python
import trainer_stub
print("momentum", trainer_stub.LOSS)
```

```bash
echo not python, never run
```

```python skip="shows an API, needs a GPU"
import cuda_only_module
```
"""


@pytest.fixture
def pages(project: pytest.Pytester) -> pytest.Pytester:
    (project.mkdir("content") / "en").mkdir()
    (project.path / "content" / "en" / "Momentum.md").write_text(PAGE)
    return project


def write_page(project: pytest.Pytester, body: str) -> str:
    (project.path / "content" / "en" / "Page.md").write_text("## Page {#Page .term}\n\n" + body)
    return "content/en/Page.md"


def test_collects_each_python_block_once_per_device(pages: pytest.Pytester) -> None:
    result = pages.runpytest("--collect-only", "-q", "content")
    result.stdout.fnmatch_lines(["content/en/Momentum.md:5[[]cpu[]]",
                                 "content/en/Momentum.md:5[[]cuda[]]",
                                 "content/en/Momentum.md:14[[]cpu[]]",
                                 "content/en/Momentum.md:14[[]cuda[]]",
                                 "4 tests collected*"])


def test_block_runs_and_skip_marker_shows_its_reason(pages: pytest.Pytester) -> None:
    result = pages.runpytest("-rs", "-k", "cpu", "content")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*content/en/Momentum.md:14: shows an API, needs a GPU*"])


def test_block_failure_points_at_the_markdown_line(pages: pytest.Pytester) -> None:
    path = write_page(pages, "Text.\n\n```python\nx = 1\n\nraise RuntimeError('diverged')\n```\n")
    result = pages.runpytest("-k", "cpu", path)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"{path}:5: example failed with exit code 1 on cpu",
                                 f'*File "{path}", line 8, in <module>*',
                                 "*RuntimeError: diverged*"])
    result.stdout.no_fnmatch_line('*File "<string>"*')


@pytest.mark.parametrize(("info", "message"), [
    ('python skip=""', '`skip` needs a reason, e.g. skip="needs a GPU"'),
    ('python timeout="soon"', '`timeout="soon"` is not a positive number of seconds'),
    ('python colour="red"', "unknown option `colour`"),
])
def test_malformed_block_options_fail_with_the_line(pages: pytest.Pytester, info: str,
                                                    message: str) -> None:
    path = write_page(pages, f"Text.\n\n```{info}\nprint(1)\n```\n")
    result = pages.runpytest("-k", "cpu", path)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"{path}:5: {message}"])


def test_block_time_limit_is_settable(pages: pytest.Pytester) -> None:
    path = write_page(pages, 'Text.\n\n```{ .python timeout="1" }\nwhile True:\n    pass\n```\n')
    result = pages.runpytest("-k", "cpu", path)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"*{path}:5: example was stopped after its time limit of 1 s*"])


def test_block_without_code_fails(pages: pytest.Pytester) -> None:
    path = write_page(pages, "Text.\n\n```python\n# to be written\n```\n")
    result = pages.runpytest("-k", "cpu", path)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"*{path}:5: example has no code to run*"])


def test_embedded_example_runs_once_per_session_and_is_stored(pages: pytest.Pytester) -> None:
    (pages.path / "examples" / "counted.py").write_text(
        "with open('runs.txt', 'a') as f:\n    f.write('run\\n')\nprint('counted')\n")
    path = write_page(pages, 'Text.\n\n```python\n--8<-- "examples/counted.py"\n```\n')
    result = pages.runpytest("-k", "cpu", path, "examples/counted.py")
    result.assert_outcomes(passed=2)
    assert (pages.path / "runs.txt").read_text() == "run\n"
    stored = list((pages.path / ".glossary_cache" / "results").rglob("result.json"))
    assert len(stored) == 1 and '"counted\\n"' in stored[0].read_text()
    # A new session runs it again: a stored result never stands in for a test run.
    pages.runpytest("-k", "cpu", path).assert_outcomes(passed=1)
    assert (pages.path / "runs.txt").read_text() == "run\nrun\n"


def test_missing_embed_fails_with_its_line(pages: pytest.Pytester) -> None:
    path = write_page(pages, 'Text.\n\n```python\n--8<-- "examples/nope.py"\n```\n')
    result = pages.runpytest("-k", "cpu", path)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"{path}:6: embedded file `examples/nope.py` cannot be read; "
                                 "fix the path (it is relative to the repository root)"])


def test_walkthrough_notebook_beside_the_pages_runs_as_a_script(pages: pytest.Pytester) -> None:
    walkthroughs = pages.path / "content" / "en" / "walkthroughs"
    walkthroughs.mkdir()
    (walkthroughs / "first.py").write_text(
        "# %% [markdown]\n# # First\n\n# %%\nimport trainer_stub\n\n# %%\n"
        "assert trainer_stub.LOSS < 0.1, f'loss {trainer_stub.LOSS} too high'\n")
    result = pages.runpytest("-k", "cpu", "content/en/walkthroughs")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["content/en/walkthroughs/first.py:1: example failed with "
                                 "exit code 1 on cpu",
                                 '*File "content/en/walkthroughs/first.py", line 8, in <module>*',
                                 "*AssertionError: loss 0.25 too high*"])


def test_example_killed_by_a_signal_says_so(project: pytest.Pytester) -> None:
    (project.path / "examples" / "oom.py").write_text(
        "import os, signal\nprint('allocating')\nos.kill(os.getpid(), signal.SIGKILL)\n")
    result = project.runpytest("-k", "cpu", "examples")
    result.assert_outcomes(passed=2, failed=1)  # the other examples still run
    result.stdout.fnmatch_lines(["examples/oom.py:1: example was killed by signal SIGKILL "
                                 "(out of memory, or stopped from outside) on cpu"])


def test_a_project_that_does_not_opt_in_collects_no_examples(pytester: pytest.Pytester) -> None:
    pytester.makepyprojecttoml("[tool.glossary]\nexample-timeout = 3\n")
    (pytester.mkdir("examples") / "ok.py").write_text("print('ran')\n")
    (pytester.mkdir("content") / "en").mkdir()
    (pytester.path / "content" / "en" / "Momentum.md").write_text(PAGE)
    result = pytester.runpytest("--collect-only", "-q", "examples", "content")
    result.stdout.fnmatch_lines(["*no tests collected*"])


def test_only_the_configured_folders_hold_examples(project: pytest.Pytester) -> None:
    (project.path / "tools" / "examples").mkdir(parents=True)
    (project.path / "tools" / "examples" / "stray.py").write_text("print('not an example')\n")
    (project.path / "examples" / "helpers").mkdir()
    (project.path / "examples" / "helpers" / "nested.py").write_text("print('a helper')\n")
    result = project.runpytest("--collect-only", "-q", ".")
    result.stdout.fnmatch_lines(["examples/ok.py[[]cpu[]]"])
    result.stdout.no_fnmatch_line("*stray*")
    result.stdout.no_fnmatch_line("*nested*")


def test_the_examples_folder_comes_from_the_settings(pytester: pytest.Pytester) -> None:
    pytester.makepyprojecttoml(OPTED_IN + '[tool.glossary]\nexamples-dir = "demos"\n')
    (pytester.mkdir("demos") / "demo.py").write_text("print('demo')\n")
    (pytester.mkdir("examples") / "old.py").write_text("print('old')\n")
    result = pytester.runpytest("--collect-only", "-q", ".")
    result.stdout.fnmatch_lines(["demos/demo.py[[]cpu[]]", "demos/demo.py[[]cuda[]]",
                                 "2 tests collected*"])


def test_a_broken_configuration_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makepyprojecttoml(OPTED_IN + "[tool.glossary]\nexample-timeout = -1\n")
    result = pytester.runpytest("--collect-only", "-q")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*glossary: *pyproject.toml [[]tool.glossary[]]: "
                                 "example_timeout: expected a positive number of seconds, "
                                 "got -1*"])
