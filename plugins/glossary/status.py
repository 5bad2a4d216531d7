"""The translation status page of one language: which terms lack a twin, both ways."""

from __future__ import annotations

from collections.abc import Mapping

from .collation import sort_key

STATUS_PAGE = "Translation-Status"
TITLES = {"de": "Übersetzungsstand", "en": "Translation status"}
_TEXT = {
    "de": {"summary": "{done} von {total} Begriffen gibt es in allen Sprachen ({share} %).",
           "missing_here": "Auf {other} vorhanden, auf Deutsch noch nicht",
           "missing_there": "Auf Deutsch vorhanden, auf {other} noch nicht",
           "none": "Keine: alles übersetzt."},
    "en": {"summary": "{done} of {total} terms exist in every language ({share} %).",
           "missing_here": "In {other}, not yet in English",
           "missing_there": "In English, not yet in {other}",
           "none": "None: everything is translated."},
}
# Each language named in the language of the page.
_LANGUAGE_IN = {"de": {"de": "Deutsch", "en": "Englisch"}, "en": {"de": "German", "en": "English"}}


def status_markdown(lang: str, titles: Mapping[str, Mapping[str, str]]) -> str:
    """`titles` maps each language to {anchor: title}; links are relative to `<lang>/`."""
    text = _TEXT.get(lang, _TEXT["en"])
    names = _LANGUAGE_IN.get(lang, _LANGUAGE_IN["en"])
    own = titles.get(lang, {})
    anchors = {anchor for per_lang in titles.values() for anchor in per_lang}
    done = sum(all(anchor in per_lang for per_lang in titles.values()) for anchor in anchors)
    share = round(100 * done / len(anchors)) if anchors else 100
    parts = [f"# {TITLES.get(lang, TITLES['en'])}", "",
             text["summary"].format(done=done, total=len(anchors), share=share), ""]
    for other in sorted(titles):
        if other == lang:
            continue
        theirs = titles[other]
        other_name = names.get(other, other)
        for heading, source, folder, wanted in (
                (text["missing_here"], theirs, f"../{other}/", own),
                (text["missing_there"], own, "", theirs)):
            missing = sorted((title, anchor) for anchor, title in source.items()
                             if anchor not in wanted)
            missing.sort(key=lambda entry: sort_key(entry[0]))
            parts += [f"## {heading.format(other=other_name)} ({len(missing)})", ""]
            parts += [f"- [{title}]({folder}{anchor}.md)" for title, anchor in missing]
            parts += ["" if missing else text["none"], ""]
    return "\n".join(parts)
