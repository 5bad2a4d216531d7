"""The glossary's own words in each language, one file per language (`languages/<lang>.toml`).

As Material keeps its interface texts in a partial per language, every text the
glossary writes into a page or a new term file stands in that language's file. A
language without a file, or a file without a key, takes the English text, so a site in
a language nobody has translated yet still builds.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from typing import Any, TypeVar, get_type_hints

from .tables import merged

_FOLDER = "languages"
FALLBACK = "en"


@dataclass(frozen=True, slots=True)
class SiteWords:
    not_translated: str  # in the selector, where a page has no twin in this language
    referenced_by: str
    referenced_by_id: str
    download_notebook: str


@dataclass(frozen=True, slots=True)
class NotFoundWords:
    title: str
    body: str
    home: str
    index: str


@dataclass(frozen=True, slots=True)
class IndexWords:
    title: str
    letters: str  # the accessible name of the letter bar


@dataclass(frozen=True, slots=True)
class StatusWords:
    title: str
    summary: str  # {done}, {total}, {share}
    missing_here: str  # {other}
    missing_there: str  # {other}
    none: str


@dataclass(frozen=True, slots=True)
class ExampleWords:
    output: str
    failed: str
    figure: str  # {n}
    more_lines: str  # {n}


@dataclass(frozen=True, slots=True)
class SectionTemplate:
    title: str
    placeholder: str


@dataclass(frozen=True, slots=True)
class NewTermWords:
    definition: str
    seealso: str
    seealso_hint: str
    sections: tuple[SectionTemplate, ...]


@dataclass(frozen=True, slots=True)
class Strings:
    """Everything the glossary says in one language."""

    language_names: dict[str, str]  # every language, named in this one
    site: SiteWords
    not_found: NotFoundWords
    index: IndexWords
    status: StatusWords
    examples: ExampleWords
    new_term: NewTermWords

    def name_of(self, lang: str) -> str:
        """`lang` named in this language, or its code where this language has no name for it."""
        return self.language_names.get(lang, lang)


def endonym(lang: str) -> str:
    """A language named in itself (`Deutsch`, `English`), as a language selector shows it."""
    return strings(lang).name_of(lang)


class StringsError(Exception):
    """A language file that cannot be read or lacks a text; the message names file and key."""


@cache
def strings(lang: str) -> Strings:
    """The words of `lang`: its file over the English one."""
    table = _read(FALLBACK)
    if lang != FALLBACK:
        table = merged(table, _read(lang))
    return _build(Strings, table, f"{_FOLDER}/{lang}.toml")


def _read(lang: str) -> dict[str, Any]:
    from importlib.resources import files  # here: most checks need no words at all

    resource = files("glossary").joinpath(_FOLDER, f"{lang}.toml")
    if not resource.is_file():
        return {}
    try:
        return tomllib.loads(resource.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StringsError(f"{_FOLDER}/{lang}.toml: cannot read: {exc}") from None


T = TypeVar("T")


def _build(cls: type[T], table: object, where: str) -> T:
    """An instance of the dataclass `cls` from a TOML table, every field present and typed."""
    if not isinstance(table, dict):
        raise StringsError(f"{where}: expected a table")
    hints = get_type_hints(cls)
    values: dict[str, object] = {}
    for field in fields(cls):  # type: ignore[arg-type]
        if field.name not in table:
            raise StringsError(f"{where}: `{field.name}` is missing")
        values[field.name] = _value(hints[field.name], table[field.name],
                                    f"{where}: {field.name}")
    return cls(**values)


def _value(hint: Any, value: object, where: str) -> object:
    if is_dataclass(hint):
        return _build(hint, value, where)  # type: ignore[arg-type]
    if hint is str:
        if not isinstance(value, str):
            raise StringsError(f"{where}: expected text, got {value!r}")
        return value
    origin = getattr(hint, "__origin__", None)
    if origin is dict:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise StringsError(f"{where}: expected a table of texts")
        return dict(value)
    if origin is tuple:
        if not isinstance(value, list):
            raise StringsError(f"{where}: expected a list")
        item = hint.__args__[0]
        return tuple(_value(item, entry, f"{where}[{n}]") for n, entry in enumerate(value))
    raise TypeError(f"no reader for {hint!r}")  # a field of a type this module does not know
