"""The settings: rule selection and severities, every option once, one project configuration."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from glossary.core.model import Severity
from glossary.core.settings import (
    CACHE_DIR_VARIABLE,
    OPTIONS,
    ConfigError,
    Settings,
    load_project,
    settings_from_mapping,
)
from tests.support import REPO


def test_defaults_select_every_rule_with_its_own_severity() -> None:
    settings = Settings()
    assert settings.severity_of("L001") is Severity.ERROR
    assert settings.severity_of("G001") is Severity.INFO


def test_ignore_and_select_prefer_the_most_specific_prefix() -> None:
    settings = settings_from_mapping({"select": ["L", "L003"], "ignore": ["L00"]}, "t")
    assert settings.severity_of("L003") is Severity.WARNING  # select L003 beats ignore L00
    assert settings.severity_of("L001") is None  # ignore L00 beats select L
    assert settings.severity_of("S001") is None  # not selected


def test_severity_overrides_by_code_and_prefix() -> None:
    settings = settings_from_mapping({"severity": {"B": "error", "B002": "warning"},
                                      "min-severity": "info"}, "t")
    assert settings.severity_of("B001") is Severity.ERROR
    assert settings.severity_of("B002") is Severity.WARNING
    assert settings.min_severity is Severity.INFO


@pytest.mark.parametrize(("raw", "message"), [
    ({"select": ["X9"]}, "t: select: `X9` matches no rule code"),
    ({"ignore": [3]}, "t: ignore: expected a list of strings, got [3]"),
    ({"severity": {"L001": "fatal"}},
     "t: severity.L001: `fatal` is not one of error, warning, info"),
    ({"severity": "error"}, "t: severity: expected a table of code = level, got 'error'"),
    ({"colour": "red"}, "t: unknown key `colour`"),
])
def test_bad_values_are_named(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match="^" + message.replace("[", r"\[").replace("]", r"\]")):
        settings_from_mapping(raw, "t")


def test_pyproject_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.glossary]\nignore = ["G001"]\nexclude = ["index.md"]\n')
    settings = load_project(tmp_path).settings
    assert settings.severity_of("G001") is None
    assert settings.excludes("index.md") and not settings.excludes("Index.md")


def test_broken_pyproject_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.glossary\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: cannot read"):
        load_project(tmp_path)


def test_every_option_is_declared_once_with_a_reader_and_a_help() -> None:
    for name, option in OPTIONS.items():
        assert callable(option.metadata["read"]) and option.metadata["help"], name
    # Each default is what its own reader makes of it: no second default hides anywhere.
    for name, option in OPTIONS.items():
        default = getattr(Settings(), name)
        raw = default.name.lower() if isinstance(default, Severity) else default
        assert option.metadata["read"](raw, name) == default, name


MKDOCS_YML = """\
site_name: Test
docs_dir: pages
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - glossary:
      results_dir: !ENV [GLOSSARY_TEST_RESULTS, store]
      jobs: 1
"""


def test_mkdocs_yml_is_read_as_mkdocs_reads_it(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML)
    (tmp_path / "sub").mkdir()
    project = load_project(tmp_path / "sub")  # found from a folder below
    assert project.root == tmp_path.resolve()
    assert (project.settings.results_dir, project.settings.jobs) == ("store", 1)
    assert project.results == tmp_path.resolve() / "store"
    assert project.content == tmp_path.resolve() / "pages"  # MkDocs' docs_dir
    monkeypatch.setenv("GLOSSARY_TEST_RESULTS", "elsewhere")
    assert load_project(tmp_path).settings.results_dir == "elsewhere"


@pytest.mark.parametrize("plugins", ["plugins: {glossary: {jobs: 1}}",
                                     "plugins:\n  - glossary:\n      jobs: 1"])
def test_both_forms_of_the_plugin_list(tmp_path: Path, plugins: str) -> None:
    (tmp_path / "mkdocs.yml").write_text(f"site_name: T\n{plugins}\n")
    project = load_project(tmp_path)
    assert project.settings.jobs == 1
    assert project.content == tmp_path.resolve() / "docs"  # MkDocs' default docs_dir


def test_without_mkdocs_yml_the_content_folder_is_content(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.glossary]\njobs = 2\n")
    project = load_project(tmp_path)
    assert (project.content, project.settings.jobs) == (tmp_path.resolve() / "content", 2)


def test_both_files_are_one_configuration(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.glossary]\nresults-dir = "store"\nignore = ["G001"]\n')
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  - glossary:\n      results_dir: store\n      jobs: 3\n")
    settings = load_project(tmp_path).settings
    assert (settings.results_dir, settings.ignore, settings.jobs) == ("store", ("G001",), 3)


def test_a_key_set_differently_in_both_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.glossary]\nresults-dir = "one"\n')
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  - glossary:\n      results_dir: two\n")
    with pytest.raises(ConfigError, match=r"^mkdocs\.yml plugins\.glossary: results_dir is "
                                          r"'two', but .*pyproject\.toml \[tool\.glossary\] "
                                          r"sets it to 'one'; set it in one place$"):
        load_project(tmp_path)


@pytest.mark.parametrize(("raw", "message"), [
    ({"default_language": "fr"}, "t: default_language `fr` is not one of languages (de, en)"),
    ({"languages": []}, 't: languages: name at least one language, e.g. ["en"]'),
    ({"languages": ["de", "de"]}, "t: languages: a language is listed twice in ['de', 'de']"),
    ({"languages": ["d e"]}, "t: languages: `d e` is not a language code like de, en or pt-BR"),
    ({"device": "tpu"}, "t: device: `tpu` is not one of cpu, cuda"),
    ({"example_timeout": 0}, "t: example_timeout: expected a positive number of seconds, got 0"),
    ({"jobs": -1}, "t: jobs: expected a whole number, 0 or more, got -1"),
    ({"examples": "yes"}, "t: examples: expected true or false, got 'yes'"),
    ({"site_names": ["x"]}, "t: site_names: expected a table of language = text, got ['x']"),
])
def test_every_option_names_what_is_wrong(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        settings_from_mapping(raw, "t")
    assert str(raised.value) == message


def test_the_cache_folder_variable_counts_for_everyone(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(CACHE_DIR_VARIABLE, "cache-here")
    assert load_project(tmp_path).cache_folder == tmp_path.resolve() / "cache-here"


def _as_written(value: object) -> str:
    """An option's default as the README's table writes it (TOML)."""
    if isinstance(value, Severity):
        return f'"{value}"'
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple):
        return "[" + ", ".join(f'"{item}"' for item in value) + "]"
    if isinstance(value, str):
        return f'"{value}"'
    return "{}" if isinstance(value, Mapping) else str(value)


def test_readme_documents_every_option_with_its_default() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| `([a-z_]+)` \| `([^`]*)` \|", readme, re.M))
    assert documented == {name: _as_written(getattr(Settings(), name)) for name in OPTIONS}


def test_inherit_is_merged_as_mkdocs_merges_it(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text(
        "site_name: Base\ndocs_dir: pages\nplugins:\n  - glossary:\n      jobs: 4\n")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: Child\n")
    project = load_project(tmp_path)
    assert (project.settings.jobs, project.content) == (4, tmp_path.resolve() / "pages")
    (tmp_path / "base.yml").write_text("INHERIT: mkdocs.yml\n")
    with pytest.raises(ConfigError, match=r"INHERIT `mkdocs\.yml` leads back to itself"):
        load_project(tmp_path)


def test_a_mkdocs_yml_that_is_no_yaml_is_named_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - glossary: {jobs: 1\n")
    with pytest.raises(ConfigError, match=r"mkdocs\.yml:4:1: not YAML: expected ',' or '}'"):
        load_project(tmp_path)


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                 max_size=3),
    max_leaves=8)


# The first draw also builds the strategies; that is no slowness of the code under test.
@hypothesis_settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from([*OPTIONS, "colour", "min-severity"]), _VALUES,
                       max_size=4))
def test_any_table_gives_settings_or_says_what_is_wrong(raw: dict[str, object]) -> None:
    try:
        settings = settings_from_mapping(raw, "t")
    except ConfigError as exc:
        assert str(exc).startswith("t")
    else:
        assert isinstance(settings, Settings)
