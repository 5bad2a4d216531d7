"""The A–Z index page of one language, as Markdown."""

from __future__ import annotations

import re
from itertools import groupby

from .collation import fold, sort_key
from .model import Term
from .strings import strings

_ABBREVIATIONS = ("z. B.", "d. h.", "u. a.", "bzw.", "usw.", "ca.", "vgl.", "e.g.", "i.e.",
                  "etc.", "vs.", "approx.", "Dr.", "Nr.", "No.")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ\"„(])")


def first_sentence(text: str) -> str:
    """The definition's first sentence, not fooled by common abbreviations."""
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()]
        if not before.endswith(_ABBREVIATIONS):
            return before
    return text


# Plain text written into Markdown must stay text: `<` and `&` would start live HTML
# (a definition that quotes `<img onerror=…>` in a code span or as `&lt;img…&gt;`),
# `[` and `]` a link. What the escapes render is what the plain text was.
_PLAIN = str.maketrans({"&": "&amp;", "<": "&lt;", "[": "\\[", "]": "\\]"})
_LABEL = str.maketrans({"[": "\\[", "]": "\\]"})


def plain_markdown(text: str) -> str:
    """`text` (reader-visible text, such as a definition) as Markdown that shows it as it is."""
    return text.translate(_PLAIN)


def link_label(title: str) -> str:
    """A title (Markdown, as written in the heading) as the text of a `[...](...)` link: its
    brackets escaped, so that no title can close the link early and open another."""
    return title.translate(_LABEL)


def _letter(title: str) -> str:
    first = fold(title)[:1].upper()
    return first if first.isalpha() else "#"


def _letter_id(letter: str) -> str:
    return "letter-" + (letter.lower() if letter.isalpha() else "other")


def index_markdown(entries: list[tuple[Term, str]], lang: str) -> str:
    """A letter bar, letter headings, and under each the terms with the first sentence of
    their definition.

    `entries` pairs each term with the link target of its page. Titles sort with umlauts
    and accents folded (DIN 5007-1 in German: `Überanpassung` under U).
    """
    ordered = sorted(entries, key=lambda entry: sort_key(entry[0].title))
    groups = [(letter, list(group)) for letter, group
              in groupby(ordered, key=lambda entry: _letter(entry[0].title))]
    present = {letter for letter, _ in groups}
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    letters += sorted(present - set(letters))
    bar = " ".join(f'<a href="#{_letter_id(letter)}">{letter}</a>' if letter in present
                   else f'<span aria-hidden="true">{letter}</span>' for letter in letters)
    words = strings(lang).index
    parts = [f"# {words.title}", "",
             f'<nav class="glossary-letters" aria-label="{words.letters}">{bar}</nav>', ""]
    for letter, group in groups:
        parts += [f"## {letter} {{#{_letter_id(letter)}}}", ""]
        parts += [f"- [{link_label(term.title)}]({target}): "
                  f"{plain_markdown(first_sentence(term.definition))}"
                  for term, target in group]
        parts.append("")
    return "\n".join(parts)
