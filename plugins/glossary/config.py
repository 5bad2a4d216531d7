"""Which rules run and how severe they are, like ruff's select/ignore.

The same keys work in `[tool.glossary]` of `pyproject.toml` (for the CLI) and under the
plugin in `mkdocs.yml`: `select`, `ignore`, `severity` (code or prefix -> level),
`min-severity`, `exclude` (file-name globs) and `languages`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from .model import Severity
from .rules import RULES


class ConfigError(Exception):
    """A configuration value that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    min_severity: Severity = Severity.WARNING
    exclude: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("de", "en")

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


def _check_prefix(prefix: str, where: str) -> str:
    if prefix != "ALL" and not any(code.startswith(prefix) for code in RULES):
        raise ConfigError(f"{where}: `{prefix}` matches no rule code "
                          f"(codes are like S001, L001; prefixes like S or L0)")
    return prefix


def _string_list(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(value)


def _severity(value: object, where: str) -> Severity:
    try:
        return Severity.parse(str(value))
    except KeyError:
        raise ConfigError(f"{where}: `{value}` is not one of error, warning, info") from None


def settings_from_mapping(raw: Mapping[str, object], source: str) -> Settings:
    """Build settings from a config table; `source` names it in error messages."""
    values: dict[str, object] = {}
    for key, value in raw.items():
        name = key.replace("-", "_")
        where = f"{source}: {key}"
        if name in ("select", "ignore"):
            values[name] = tuple(_check_prefix(p, where) for p in _string_list(value, where))
        elif name in ("exclude", "languages"):
            values[name] = _string_list(value, where)
        elif name == "min_severity":
            values[name] = _severity(value, where)
        elif name == "severity":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where}: expected a table of code = level, got {value!r}")
            values[name] = {
                _check_prefix(str(code), where): _severity(level, f"{where}.{code}")
                for code, level in value.items()
            }
        else:
            raise ConfigError(f"{source}: unknown key `{key}` (known: select, ignore, severity, "
                              "min-severity, exclude, languages)")
    return Settings(**values)  # type: ignore[arg-type]


def find_pyproject(start: Path) -> Path | None:
    """The nearest `pyproject.toml` at or above `start`."""
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_pyproject(path: Path) -> Settings:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    tool = data.get("tool", {})
    table = tool.get("glossary", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.glossary] must be a table")
    return settings_from_mapping(table, f"{path} [tool.glossary]")
