"""The example runner as pytest sees it: collection, ids, devices, failures, time limits."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestAssertRewriteWarning")


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeini("[pytest]\nexample_timeout = 3\n")
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
    monkeypatch.setattr("glossary.pytest_examples.cuda_available", lambda: False)
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
