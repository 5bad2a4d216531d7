"""Inflected and umlaut-free forms of German words, for the search index.

Material's search appends `*` to every word of a query, and lunr runs no stemmer on a
word with a wildcard: a query finds only words that start with it. `Überanpassungen`
then misses a page that says `Überanpassung`, and `Ueberanpassung` (typed without
umlauts) misses it too. So the index gets, beside each page's own text, the forms a
reader may type for the words in its title: the word with the endings of German
declension, each also with umlauts written out (`ue`) and dropped (`u`). Forms that are
not German words do no harm: nobody types them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

# Plural, genitive and dative endings of nouns and of adjectives used as nouns.
_ENDINGS = ("", "e", "en", "n", "s", "es", "er", "ern", "nen", "em")
_WRITTEN_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_DROPPED = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
_WORD = re.compile(r"[^\W\d_]+")


@cache  # section titles repeat on every page ("Funktionsweise", "Verwandte Begriffe")
def _forms(word: str) -> frozenset[str]:
    forms: set[str] = set()
    for ending in _ENDINGS:
        form = word + ending
        forms.update((form, form.translate(_WRITTEN_OUT), form.translate(_DROPPED)))
    return frozenset(forms)


def german_forms(words: Iterable[str]) -> str:
    """Every form of every word, lower case, space-separated and sorted."""
    return _joined(tuple(word.lower() for word in words))


@cache
def _joined(words: tuple[str, ...]) -> str:
    return " ".join(sorted(frozenset().union(*(_forms(word) for word in words))))


def title_words(title: str) -> list[str]:
    return [word for word in _WORD.findall(title) if len(word) > 2]

