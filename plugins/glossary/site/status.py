"""The translation status page of one language: which terms lack a twin, both ways."""

from __future__ import annotations

from collections.abc import Mapping

from glossary.core.az_index import link_label
from glossary.core.collation import sort_key
from glossary.core.strings import strings


def status_markdown(lang: str, titles: Mapping[str, Mapping[str, str]]) -> str:
    """`titles` maps each language to {anchor: title}; links are relative to `<lang>/`."""
    words = strings(lang)
    text = words.status
    own = titles.get(lang, {})
    anchors = {anchor for per_lang in titles.values() for anchor in per_lang}
    done = sum(all(anchor in per_lang for per_lang in titles.values()) for anchor in anchors)
    share = round(100 * done / len(anchors)) if anchors else 100
    parts = [f"# {text.title}", "",
             text.summary.format(done=done, total=len(anchors), share=share), ""]
    for other in sorted(titles):
        if other == lang:
            continue
        theirs = titles[other]
        other_name = words.name_of(other)
        for heading, source, folder, wanted in (
                (text.missing_here, theirs, f"../{other}/", own),
                (text.missing_there, own, "", theirs)):
            missing = sorted((title, anchor) for anchor, title in source.items()
                             if anchor not in wanted)
            missing.sort(key=lambda entry: sort_key(entry[0]))
            parts += [f"## {heading.format(other=other_name)} ({len(missing)})", ""]
            parts += [f"- [{link_label(title)}]({folder}{anchor}.md)"
                      for title, anchor in missing]
            parts += ["" if missing else text.none, ""]
    return "\n".join(parts)
