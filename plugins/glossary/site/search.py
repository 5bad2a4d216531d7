"""One search index per language, from the index Material writes of the whole site."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .alternates import language_root
from .wordforms import german_forms, title_words

# Languages whose search index also holds the inflected forms of the words in titles
# (wordforms.py), weighted below the title as written (1000) and above the text (1).
# Forms of every noun in the text would triple the German index (0.9 to 3.0 MB).
WORD_FORMS: dict[str, Callable[[Iterable[str]], str]] = {"de": german_forms}
FORMS_FIELDS = {"title_forms": {"boost": 100.0}}


def split_search_index(index: Mapping[str, Any], languages: Sequence[str],
                       default: str) -> dict[str, dict[str, Any]]:
    """One search index per language from Material's index of the whole site.

    Each keeps its language's entries, with locations relative to that language's root
    (the page's `base`), and searches with that language's stemmer only. Entries of a
    language in `WORD_FORMS` get the inflected forms of their title's words.
    """
    roots = {lang: language_root(lang, default) for lang in languages}
    split: dict[str, dict[str, Any]] = {
        lang: {"config": {**index.get("config", {}), "lang": [lang]}, "docs": []}
        for lang in languages}
    for lang, data in split.items():
        if lang in WORD_FORMS:
            data["config"]["fields"] = {**data["config"].get("fields", {}), **FORMS_FIELDS}
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        lang = next((lang for lang in languages
                     if roots[lang] and location.startswith(roots[lang])), default)
        entry = {**doc, "location": location[len(roots[lang]):]}
        if lang in WORD_FORMS:
            entry["title_forms"] = WORD_FORMS[lang](title_words(doc.get("title", "")))
        split[lang]["docs"].append(entry)
    return split
