"""Which pages a dirty rebuild adds to the one whose file changed: a pure function of two builds."""

from __future__ import annotations

from glossary.core.links import backlinks
from glossary.core.model import TermFile
from glossary.core.parser import parse_text
from glossary.site.rebuild import pages_to_rebuild, shapes
from glossary.site.terms import Glossary, targets_of

LANGUAGES = ("de", "en")


def _term(anchor: str, title: str, links: tuple[str, ...] = ()) -> str:
    text = " ".join(f"[{link}](#{link})" for link in links)
    return f"## {title} {{#{anchor} .term}}\n\n**{title}** is a term. {text}\n"


def _glossary(pages: dict[str, str]) -> Glossary:
    """A glossary of `src_uri -> text`; each file's path is its src_uri under content/."""
    terms = {uri: TermFile(f"content/{uri}", uri.split("/")[0], parse_text(text))
             for uri, text in pages.items()}
    targets, entries = targets_of(terms, LANGUAGES)
    return Glossary(terms, targets, entries, backlinks(terms.values()))


PAGES = {
    "de/A.md": _term("A", "Alpha", ("B",)),
    "de/B.md": _term("B", "Beta"),
    "de/C.md": _term("C", "Gamma", ("A",)),
    "en/A.md": _term("A", "Alpha"),
}


def _rebuild(before: dict[str, str], after: dict[str, str], modified: set[str]) -> set[str]:
    glossary = _glossary(after)
    return pages_to_rebuild(shapes(_glossary(before).terms), shapes(glossary.terms),
                            modified.__contains__, glossary, LANGUAGES)


def test_an_edit_of_the_text_alone_rebuilds_no_other_page() -> None:
    after = {**PAGES, "de/A.md": PAGES["de/A.md"].replace("is a term", "is a letter")}
    assert _rebuild(PAGES, after, {"de/A.md"}) == set()


def test_a_new_title_reaches_its_twin_the_pages_linking_to_it_and_those_it_links_to() -> None:
    after = {**PAGES, "de/A.md": _term("A", "Alpha 2", ("B",))}
    # The twin's language line, C's link to it, B's "Referenced by" list.
    assert _rebuild(PAGES, after, {"de/A.md"}) == {"de/A.md", "en/A.md", "de/C.md", "de/B.md"}


def test_a_new_link_rebuilds_the_page_it_leads_to() -> None:
    after = {**PAGES, "de/B.md": _term("B", "Beta", ("C",))}
    assert _rebuild(PAGES, after, {"de/B.md"}) == {"de/C.md"}


def test_a_removed_link_rebuilds_the_page_it_led_to() -> None:
    after = {**PAGES, "de/A.md": _term("A", "Alpha")}
    assert _rebuild(PAGES, after, {"de/A.md"}) == {"de/B.md"}


def test_a_new_term_reaches_the_pages_it_links_to_and_its_twin() -> None:
    after = {**PAGES, "de/D.md": _term("D", "Delta", ("A",))}
    assert _rebuild(PAGES, after, {"de/D.md"}) == {"de/D.md", "en/D.md", "de/A.md"}


def test_a_deleted_term_reaches_the_pages_that_showed_it() -> None:
    after = {uri: text for uri, text in PAGES.items() if uri != "de/C.md"}
    assert _rebuild(PAGES, after, {"de/C.md"}) == {"de/C.md", "en/C.md", "de/A.md"}


def test_a_page_mkdocs_does_not_rebuild_changes_nothing() -> None:
    # Shapes differ from the last build, but MkDocs says the file is unchanged (it was
    # rebuilt already): nothing more to do.
    after = {**PAGES, "de/A.md": _term("A", "Alpha 2", ("B",))}
    assert _rebuild(PAGES, after, set()) == set()
