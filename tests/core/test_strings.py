"""The glossary's own words: one file per language, English where a language lacks a text."""

from __future__ import annotations

import ast
import tomllib
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import get_type_hints

import pytest

from glossary.core import strings as strings_module
from glossary.core.strings import Strings, StringsError, endonym, strings
from tests.support import REPO

ENGINE = REPO / "plugins" / "glossary"
LANGUAGES = sorted(path.stem for path in (ENGINE / "languages").glob("*.toml"))


def _keys(cls: type, prefix: str = "") -> set[str]:
    found = set()
    for field in fields(cls):
        hint = get_type_hints(cls)[field.name]
        if is_dataclass(hint):
            found |= _keys(hint, f"{prefix}{field.name}.")  # type: ignore[arg-type]
        else:
            found.add(prefix + field.name)
    return found


def _table_keys(table: dict[str, object], prefix: str = "") -> set[str]:
    found = set()
    for key, value in table.items():
        if isinstance(value, dict) and key != "language_names":
            found |= _table_keys(value, f"{prefix}{key}.")
        else:
            found.add(prefix + key)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_file_has_every_text_and_nothing_else(lang: str) -> None:
    table = tomllib.loads((ENGINE / "languages" / f"{lang}.toml").read_text(encoding="utf-8"))
    assert _table_keys(table) == _keys(Strings)
    assert set(table["language_names"]) >= set(LANGUAGES)  # it can name every language
    strings(lang)  # and it reads


def test_a_language_without_a_file_speaks_english() -> None:
    assert strings("fr") == strings("en")
    assert endonym("fr") == "fr" and strings("fr").name_of("de") == "German"


def test_names_of_languages_in_each_language() -> None:
    assert (endonym("de"), endonym("en")) == ("Deutsch", "English")
    assert strings("de").name_of("en") == "Englisch"
    assert strings("en").name_of("de") == "German"


def test_a_missing_or_mistyped_text_is_named() -> None:
    with pytest.raises(StringsError, match=r"^x\.toml: `title` is missing$"):
        strings_module._build(strings_module.IndexWords, {"letters": "L"}, "x.toml")
    with pytest.raises(StringsError, match=r"^x\.toml: title: expected text, got 3$"):
        strings_module._build(strings_module.IndexWords, {"title": 3, "letters": "L"}, "x.toml")


def _is_text(node: ast.expr | None) -> bool:
    return ((isinstance(node, ast.Constant) and isinstance(node.value, str))
            or (isinstance(node, ast.Dict) and all(_is_text(v) for v in node.values)))


def _is_language(node: ast.expr | None) -> bool:
    return ((isinstance(node, ast.Constant) and node.value in LANGUAGES)
            or (isinstance(node, ast.Tuple) and any(_is_language(k) for k in node.elts)))


def _language_tables(path: Path) -> list[int]:
    """Lines of tables of texts keyed by a language code: they belong in a language file."""
    return [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Dict) and node.keys
            and any(_is_language(key) for key in node.keys)
            and all(_is_text(value) for value in node.values)]


def test_no_module_of_the_engine_keeps_texts_per_language() -> None:
    found = {str(path.relative_to(ENGINE)): lines for path in sorted(ENGINE.rglob("*.py"))
             if (lines := _language_tables(path))}
    assert found == {}
