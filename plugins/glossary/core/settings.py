"""Every option of the glossary, declared once with its default, and the project's configuration.

A project configures the glossary in `[tool.glossary]` of its `pyproject.toml` or under
the plugin in its `mkdocs.yml`, whichever it has (both beside each other at the
project's root; keys are written with `-` or `_` alike). The MkDocs plugin, the
`glossary` command and the pytest plugin all read both files, so they agree on every
option: which rules run, where the parse cache, the examples and the results store
are. A key set in both files must have the same value in each.

Rules are selected like ruff's: `select` and `ignore` take codes or prefixes, and the
most specific of the two wins; `severity` maps codes or prefixes to a level.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from fnmatch import fnmatchcase
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from .model import Severity
from .rules import RULES
from .tables import merged

Device = Literal["cpu", "cuda"]
DEVICES: tuple[Device, ...] = ("cpu", "cuda")
# The parse cache's folder for every front end, when set; tests and hooks point it elsewhere.
CACHE_DIR_VARIABLE = "GLOSSARY_CACHE_DIR"


class ConfigError(Exception):
    """A configuration value that cannot be used; the message says where and why."""


Reader = Callable[[object, str], Any]  # (raw value, where it was set) -> the option's value


def _option(read: Reader, help: str) -> dict[str, object]:
    """The metadata of a field of Settings: how the option is read, what it is for."""
    return {"read": read, "help": help}


def _no_table() -> Mapping[str, Any]:
    return MappingProxyType({})


def _strings(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(value)


def _check_prefix(prefix: str, where: str) -> str:
    if prefix != "ALL" and not any(code.startswith(prefix) for code in RULES):
        raise ConfigError(f"{where}: `{prefix}` matches no rule code "
                          f"(codes are like S001, L001; prefixes like S or L0)")
    return prefix


def _codes(value: object, where: str) -> tuple[str, ...]:
    return tuple(_check_prefix(prefix, where) for prefix in _strings(value, where))


def _level(value: object, where: str) -> Severity:
    if isinstance(value, Severity):
        return value
    try:
        return Severity.parse(str(value))
    except KeyError:
        raise ConfigError(f"{where}: `{value}` is not one of error, warning, info") from None


def _levels(value: object, where: str) -> Mapping[str, Severity]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: expected a table of code = level, got {value!r}")
    return MappingProxyType({_check_prefix(str(code), where): _level(level, f"{where}.{code}")
                             for code, level in value.items()})


def _languages(value: object, where: str) -> tuple[str, ...]:
    languages = _strings(value, where)
    if not languages:
        raise ConfigError(f"{where}: name at least one language, e.g. [\"en\"]")
    for lang in languages:
        if not lang.isascii() or not lang.replace("-", "").isalnum():
            raise ConfigError(f"{where}: `{lang}` is not a language code like de, en or pt-BR")
    if len(set(languages)) != len(languages):
        raise ConfigError(f"{where}: a language is listed twice in {list(languages)}")
    return languages


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: expected a non-empty string, got {value!r}")
    return value


def _texts(value: object, where: str) -> Mapping[str, str]:
    if not isinstance(value, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ConfigError(f"{where}: expected a table of language = text, got {value!r}")
    return MappingProxyType(dict(value))


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false, got {value!r}")
    return value


def _device(value: object, where: str) -> Device:
    if value not in DEVICES:
        raise ConfigError(f"{where}: `{value}` is not one of {', '.join(DEVICES)}")
    return value


def _seconds(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1e9:
        raise ConfigError(f"{where}: expected a positive number of seconds, got {value!r}")
    return float(value)


def _count(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{where}: expected a whole number, 0 or more, got {value!r}")
    return value


@dataclass(frozen=True)
class Settings:
    """The value of every option; each field is one option, its default and how it is read."""

    # Rules
    select: tuple[str, ...] = field(default=("ALL",), metadata=_option(
        _codes, "rule codes or prefixes to run, like ruff: `L`, `S01`, `B001`"))
    ignore: tuple[str, ...] = field(default=(), metadata=_option(
        _codes, "rule codes or prefixes not to run"))
    severity: Mapping[str, Severity] = field(default_factory=_no_table, metadata=_option(
        _levels, "level per code or prefix, e.g. {B002 = \"warning\"}"))
    min_severity: Severity = field(default=Severity.WARNING, metadata=_option(
        _level, "what is shown (info never fails a run); the CLI's --min-severity overrides it"))
    exclude: tuple[str, ...] = field(default=("index.md",), metadata=_option(
        _strings, "file-name globs of pages that are not terms"))
    # Languages
    languages: tuple[str, ...] = field(default=("de", "en"), metadata=_option(
        _languages, "the language folders, in the order the selector shows"))
    default_language: str = field(default="de", metadata=_option(
        _text, "the language served from the site root; the others under /<lang>/"))
    # Files, relative to the project's root
    cache: bool = field(default=True, metadata=_option(
        _flag, "keep parsed files in cache_dir"))
    cache_dir: str = field(default=".glossary_cache", metadata=_option(
        _text, f"the parse cache's folder (env {CACHE_DIR_VARIABLE})"))
    examples_dir: str = field(default="examples", metadata=_option(
        _text, "example files (each `*.py` in it runs) and the reference trainer"))
    results_dir: str = field(default=".glossary_cache/results", metadata=_option(
        _text, "the results store of examples the site shows"))
    # Examples
    examples: bool = field(default=True, metadata=_option(
        _flag, "the site runs what the results store lacks and shows output and figures"))
    device: Device = field(default="cpu", metadata=_option(
        _device, "where the site and `glossary run` run examples"))
    example_timeout: float = field(default=60.0, metadata=_option(
        _seconds, "seconds an example may run, unless its block sets `timeout`"))
    jobs: int = field(default=0, metadata=_option(
        _count, "examples the site runs at once; 0: one per CPU core"))
    # Site
    backlinks: bool = field(default=True, metadata=_option(
        _flag, "a \"Referenced by\" list on every term page"))
    math: bool = field(default=True, metadata=_option(
        _flag, "MathJax, served from the site, typesets formulas"))
    site_names: Mapping[str, str] = field(default_factory=_no_table, metadata=_option(
        _texts, "the site's name per language (default: MkDocs' site_name)"))
    site_descriptions: Mapping[str, str] = field(default_factory=_no_table, metadata=_option(
        _texts, "the site's description per language (default: site_description)"))

    def severity_of(self, code: str) -> Severity | None:
        """The severity `code` is reported with, or None when it is not selected."""
        selected = _longest_prefix(code, self.select)
        ignored = _longest_prefix(code, self.ignore)
        if selected < 0 or ignored >= selected:
            return None
        override = max((p for p in self.severity if _matches(code, p)), key=len, default=None)
        return self.severity[override] if override is not None else RULES[code].severity

    def excludes(self, name: str) -> bool:
        return any(fnmatchcase(name, pattern) for pattern in self.exclude)


def _matches(code: str, prefix: str) -> bool:
    return prefix == "ALL" or code.startswith(prefix)


def _longest_prefix(code: str, prefixes: tuple[str, ...]) -> int:
    """Length of the most specific matching prefix (`ALL` counts as 0), -1 for none."""
    return max((0 if p == "ALL" else len(p) for p in prefixes if _matches(code, p)), default=-1)


OPTIONS = {f.name: f for f in fields(Settings)}


def _normalised(raw: Mapping[str, object], source: str) -> dict[str, object]:
    """`raw` with `-` in keys read as `_`; an unknown or doubled key is an error."""
    values: dict[str, object] = {}
    for key, value in raw.items():
        name = str(key).replace("-", "_")
        if name not in OPTIONS:
            raise ConfigError(f"{source}: unknown key `{key}` (known: {', '.join(OPTIONS)})")
        if name in values:
            raise ConfigError(f"{source}: `{key}` is set twice")
        values[name] = value
    return values


def settings_from_mapping(raw: Mapping[str, object], source: str,
                          base: Settings | None = None) -> Settings:
    """`base` (the defaults) with the options `raw` sets; `source` names it in messages."""
    return combine([(source, raw)], base)


@dataclass(frozen=True)
class Project:
    """A project's root folder and its settings; relative option paths start at the root."""

    root: Path
    settings: Settings = Settings()
    # Where the term files are: MkDocs' docs_dir in a MkDocs project, else `content`.
    content: Path = Path("content")

    def path(self, value: str) -> Path:
        return self.root / value

    @property
    def cache_folder(self) -> Path | None:
        return self.path(self.settings.cache_dir) if self.settings.cache else None

    @property
    def examples(self) -> Path:
        return self.path(self.settings.examples_dir)

    @property
    def results(self) -> Path:
        return self.path(self.settings.results_dir)


PYPROJECT = "pyproject.toml"
MKDOCS_FILES = ("mkdocs.yml", "mkdocs.yaml")
MKDOCS_SOURCE = "plugins.glossary"


def find_root(start: Path) -> Path | None:
    """The project's root: the nearest folder at or above `start` that configures a glossary.

    That is a folder with a mkdocs.yml (or mkdocs.yaml), or with a pyproject.toml that has
    a `[tool.glossary]` table. A pyproject.toml without one (a Python package nested in
    the project) is passed over; only when no folder above configures a glossary is the
    nearest pyproject.toml's folder the root. None when there is no such file at all.
    """
    nearest_pyproject: Path | None = None
    for folder in [start, *start.parents]:
        if _mkdocs_yml(folder) is not None or _has_glossary_table(folder / PYPROJECT):
            return folder
        if nearest_pyproject is None and (folder / PYPROJECT).is_file():
            nearest_pyproject = folder
    return nearest_pyproject


def _has_glossary_table(path: Path) -> bool:
    """Whether `path` is a pyproject.toml with `[tool.glossary]`; an unreadable one has none."""
    if not path.is_file():
        return False
    try:
        tool = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(tool, dict) and "glossary" in tool


def pyproject_table(path: Path) -> dict[str, object]:
    """The `[tool.glossary]` table of a pyproject.toml (empty when there is none)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    tool = data.get("tool", {})
    table = tool.get("glossary", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.glossary] must be a table")
    return table


def _mkdocs_yml(root: Path) -> Path | None:
    return next((root / name for name in MKDOCS_FILES if (root / name).is_file()), None)


def mkdocs_table(path: Path) -> tuple[dict[str, object], str]:
    """The glossary plugin's options in a mkdocs.yml, and its docs_dir (MkDocs' default: docs).

    Read as MkDocs reads it for these keys: `!ENV` is the variable's value or its default,
    `INHERIT` names a file this one is merged over; any other tag (`!!python/name:...` of
    Material's extensions) stands for nothing here.
    """
    data = _yaml_file(path)
    docs_dir = data.get("docs_dir")
    docs = docs_dir if isinstance(docs_dir, str) else "docs"
    for name, options in _plugin_entries(data.get("plugins")):
        if name == "glossary":
            if options is not None and not isinstance(options, dict):
                raise ConfigError(f"{path}: {MKDOCS_SOURCE} must be a table of options")
            return options or {}, docs
    return {}, docs


def _yaml_file(path: Path, inheriting: tuple[Path, ...] = ()) -> dict[str, object]:
    import yaml
    from yaml_env_tag import construct_env_tag

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", construct_env_tag)
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(f"{where}: not YAML: {exc.problem or exc.context}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if not isinstance(data, dict):
        return {}
    parent = data.pop("INHERIT", None)
    if not isinstance(parent, str):
        return data
    parent_path = (path.parent / parent).resolve()
    if parent_path in inheriting:
        raise ConfigError(f"{path}: INHERIT `{parent}` leads back to itself")
    # As MkDocs merges them: tables key by key, lists replaced.
    return merged(_yaml_file(parent_path, (*inheriting, path.resolve())), data)


def _plugin_entries(plugins: object) -> list[tuple[object, object]]:
    """(name, options) of each plugin, in either form MkDocs takes: a list or a table."""
    if isinstance(plugins, dict):
        return list(plugins.items())
    entries: list[tuple[object, object]] = []
    for item in plugins if isinstance(plugins, list) else []:
        if isinstance(item, str):
            entries.append((item, None))
        elif isinstance(item, dict) and len(item) == 1:
            entries.append(next(iter(item.items())))
    return entries


def combine(tables: list[tuple[str, Mapping[str, object]]],
            base: Settings | None = None) -> Settings:
    """`base` with what the named tables set; two tables that set a key differently are an error."""
    seen: dict[str, tuple[str, Any, object]] = {}  # name -> (source, value, as written)
    for source, table in tables:
        for name, raw in _normalised(table, source).items():
            if raw is None:  # an option left unset in MkDocs' own config object
                continue
            value = OPTIONS[name].metadata["read"](raw, f"{source}: {name}")
            if name in seen and seen[name][1] != value:
                other, _, before = seen[name]
                raise ConfigError(f"{source}: {name} is {raw!r}, but {other} sets it to "
                                  f"{before!r}; set it in one place")
            seen[name] = (source, value, raw)
    settings = replace(base or Settings(),
                       **{name: value for name, (_, value, _) in seen.items()})
    if settings.default_language not in settings.languages:
        source = seen.get("default_language", seen.get("languages", ("defaults", None)))[0]
        raise ConfigError(f"{source}: default_language `{settings.default_language}` is not "
                          f"one of languages ({', '.join(settings.languages)})")
    return settings


# Folder options: each names a folder inside the project (examples_dir one that exists).
_FOLDERS = ("cache_dir", "examples_dir", "results_dir")


def _check_folders(tables: list[tuple[str, Mapping[str, object]]], root: Path) -> None:
    """The folders the configuration files name are inside the project: the engine writes
    into them (caches, results) or runs what they hold (examples)."""
    real_root = root.resolve()
    for source, table in tables:
        for name, raw in _normalised(table, source).items():
            if name not in _FOLDERS or not isinstance(raw, str):
                continue
            folder = (root / raw).resolve()
            if Path(raw).is_absolute() or not folder.is_relative_to(real_root) or \
                    folder == real_root:
                raise ConfigError(f"{source}: {name} {raw!r} is not a folder inside the "
                                  f"project; name one relative to {root}, like "
                                  f"{getattr(Settings, name)!r}")
            if name == "examples_dir" and not folder.is_dir():
                raise ConfigError(f"{source}: {name} {raw!r}: no such folder in {root}")


def load_project(start: Path, *, pyproject: Path | None = None,
                 mkdocs: tuple[Mapping[str, object], Path] | None = None) -> Project:
    """The project at or above `start` (see `find_root`): its root, settings and content folder.

    Outside any project the root is `start` itself, with the default settings. `pyproject`
    names the pyproject.toml to read instead of the nearest one. `mkdocs` is, for the
    plugin itself, its options as MkDocs read them and the docs_dir; `start` is then the
    folder of its mkdocs.yml, the root. Everyone else reads the mkdocs.yml beside the
    pyproject.toml.
    """
    if pyproject is not None:
        root = pyproject.resolve().parent
    else:
        found = start.resolve() if mkdocs is not None else find_root(start.resolve())
        root = found if found is not None else start.resolve()
        candidate = root / PYPROJECT
        pyproject = candidate if candidate.is_file() else None
    tables: list[tuple[str, Mapping[str, object]]] = []
    if pyproject is not None:
        tables.append((f"{pyproject} [tool.glossary]", pyproject_table(pyproject)))
    content = Path("content")
    if mkdocs is not None:
        tables.append((f"mkdocs.yml {MKDOCS_SOURCE}", mkdocs[0]))
        content = mkdocs[1]
    elif (yml := _mkdocs_yml(root)) is not None:
        options, docs_dir = mkdocs_table(yml)
        tables.append((f"{yml.name} {MKDOCS_SOURCE}", options))
        content = Path(docs_dir)
    settings = combine(tables)
    _check_folders(tables, root)
    cache_dir = os.environ.get(CACHE_DIR_VARIABLE)
    if cache_dir:  # relative to the working folder, as a path on the command line is
        settings = replace(settings, cache_dir=str(Path(cache_dir).resolve()))
    return Project(root, settings, root / content)
