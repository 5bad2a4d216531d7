"""The pure parts behind the bilingual site: languages, sitemaps, search, math, rewrites."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from glossary.site.alternates import hreflang, selector, sitemap_xml
from glossary.site.html import (
    backlinks_section,
    download_button,
    insert_after_title,
    promote_headings,
    seealso_list,
    twin_line,
)
from glossary.site.jsonld import defined_term, script_json
from glossary.site.pandoc_math import double_backslash_math
from glossary.site.search import FORMS_FIELDS, split_search_index
from glossary.site.status import status_markdown


def test_selector_leads_to_twins_or_to_the_index() -> None:
    both = selector("de", {"de": "./", "en": "../en/Momentum/"}, {"de": "../Index/",
                    "en": "../en/Index/"}, ["de", "en"])
    assert [(a.lang, a.href, a.current, a.note) for a in both] == [
        ("de", "./", True, ""), ("en", "../en/Momentum/", False, "")]
    alone = selector("de", {"de": "./"}, {"de": "../Index/", "en": "../en/Index/"},
                     ["de", "en"])
    assert alone[1].href == "../en/Index/" and "Not translated yet" in alone[1].note


def test_hreflang_only_where_there_are_versions() -> None:
    assert hreflang({"de": "https://x/A/"}, "de") == []
    assert hreflang({"en": "https://x/en/A/", "de": "https://x/A/"}, "de") == [
        {"lang": "de", "href": "https://x/A/"}, {"lang": "en", "href": "https://x/en/A/"},
        {"lang": "x-default", "href": "https://x/A/"}]


def test_sitemap_is_valid_xml_with_alternates() -> None:
    xml = sitemap_xml([("https://x/A/?a=1&b=2", {"de": "https://x/A/", "en": "https://x/en/A/"}),
                       ("https://x/B/", {"de": "https://x/B/"})], "de")
    root = ET.fromstring(xml)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "x": "http://www.w3.org/1999/xhtml"}
    urls = root.findall("s:url", ns)
    assert [u.findtext("s:loc", namespaces=ns) for u in urls] == ["https://x/A/?a=1&b=2", "https://x/B/"]
    assert [link.get("hreflang") for link in urls[0].findall("x:link", ns)] == [
        "de", "en", "x-default"]
    assert urls[1].findall("x:link", ns) == []


def test_search_index_is_split_by_language_with_relative_locations() -> None:
    index = {"config": {"lang": ["de", "en"], "separator": "[\\s]+"},
             "docs": [{"location": "", "title": "Start"},
                      {"location": "Momentum/#x", "title": "M"},
                      {"location": "en/", "title": "Home"},
                      {"location": "en/Momentum/", "title": "Momentum"},
                      {"location": "energy/", "title": "A German page named energy"}]}
    split = split_search_index(index, ["de", "en"], "de")
    assert split["de"]["config"] == {"lang": ["de"], "separator": "[\\s]+",
                                     "fields": FORMS_FIELDS}
    assert [d["location"] for d in split["de"]["docs"]] == ["", "Momentum/#x", "energy/"]
    assert [d["location"] for d in split["en"]["docs"]] == ["", "Momentum/"]
    assert split["en"]["config"] == {"lang": ["en"], "separator": "[\\s]+"}
    assert "title_forms" not in split["en"]["docs"][1]


def test_german_entries_carry_inflected_and_umlaut_free_forms() -> None:
    index = {"config": {"lang": ["de"], "fields": {"title": {"boost": 1000.0}}},
             "docs": [{"location": "Overfitting/", "title": "Überanpassung",
                       "text": "<p>Ein Modell lernt die Trainingsdaten auswendig.</p>"}]}
    (doc,) = split_search_index(index, ["de"], "de")["de"]["docs"]
    forms = doc["title_forms"].split()
    # A query is a prefix: each form a reader may type must start some indexed word.
    for query in ("überanpassungen", "ueberanpassung", "uberanpassungen", "überanpassung"):
        assert any(form.startswith(query) for form in forms), query
    assert not any(form.startswith(("modell", "trainingsdaten")) for form in forms)
    assert split_search_index(index, ["de"], "de")["de"]["config"]["fields"] == {
        "title": {"boost": 1000.0}, **FORMS_FIELDS}


def test_script_json_cannot_close_its_script() -> None:
    text = script_json({"a": "</script><!-- & 'x'"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- & 'x'"}
    data = json.loads(defined_term("Mean", "a < b", "https://x/en/Mean/", "Mean", "en",
                                   "Glossary: Index", "https://x/en/Index/"))
    assert data["@type"] == "DefinedTerm" and data["description"] == "a < b"
    assert data["inDefinedTermSet"] == {"@type": "DefinedTermSet", "@id": "https://x/en/Index/",
                                        "name": "Glossary: Index", "url": "https://x/en/Index/",
                                        "inLanguage": "en"}


def test_double_backslash_math_outside_code_only() -> None:
    source = ("Inline \\\\(a^2\\\\) and `\\\\(code\\\\)`.\n\\\\[x\\\\]\n"
              "```\n\\\\(fenced\\\\)\n```\nescaped \\\\\\(no\n")
    assert double_backslash_math(source) == (
        "Inline \\(a^2\\) and `\\\\(code\\\\)`.\n\\[x\\]\n"
        "```\n\\\\(fenced\\\\)\n```\nescaped \\\\\\(no\n")


def test_rewrites_of_a_term_page() -> None:
    html = ('<h2 class="term" id="A">A</h2>\n<p>Def.</p>\n<h3 class="explanation">E</h3>\n'
            '<h4>Sub</h4>\n<h3 class="seealso" id="see-also">See also</h3>\n'
            '<p><a href="../B/">B</a> |\n<a href="../C/">C</a> |\n'
            '<a href="../Index/">Index</a> |</p>')
    out = seealso_list(promote_headings(html))
    assert out.startswith('<h1 class="term" id="A">A</h1>')
    assert '<h2 class="explanation">E</h2>' in out and "<h3>Sub</h3>" in out
    assert out.endswith('<ul class="glossary-seealso">\n<li><a href="../B/">B</a></li>\n'
                        '<li><a href="../C/">C</a></li>\n</ul>')
    assert insert_after_title(out, "<p>x</p>").startswith(
        '<h1 class="term" id="A">A</h1>\n<p>x</p>')


def test_term_headings_at_other_levels_still_give_one_title_and_h2_sections() -> None:
    # A term at level 3 whose sections stand at 3 too.
    third = '<h3 class="term" id="A">A</h3>\n<h3 class="explanation">E</h3>\n<h4>Sub</h4>'
    assert promote_headings(third, section_level=3) == (
        '<h1 class="term" id="A">A</h1>\n<h2 class="explanation">E</h2>\n<h3>Sub</h3>')
    first = '<h1 class="term" id="A">A</h1>\n<h2 class="explanation">E</h2>'
    assert promote_headings(first, section_level=2) == first


def test_an_edition_keeps_the_page_title_and_puts_its_terms_under_it() -> None:
    # Terms at level 1, sections at 2, an introduction and index sections before them,
    # the see-also lists wrapped by Pandoc.
    edition = ('<h1 id="intro">Intro</h1>\n<h2 class="index" id="a">A</h2>\n'
               '<h1 class="chapter term" id="A">A</h1>\n<h2 class="explanation">E</h2>\n'
               '<h3>Sub</h3>\n<h1 class="term" id="B">B</h1>\n<h2 class="seealso">See also</h2>\n'
               '<p><a href="#A">A</a> | <a href="#C">C\nD</a> |</p>')
    out = seealso_list(promote_headings(edition, section_level=2, several=True))
    assert "<h1" not in out  # the page's title, from its front matter, is the only one
    assert out.startswith('<h2 id="intro">Intro</h2>\n<h3 class="index" id="a">A</h3>\n'
                          '<h2 class="chapter term" id="A">A</h2>\n'
                          '<h3 class="explanation">E</h3>\n<h4>Sub</h4>\n'
                          '<h2 class="term" id="B">B</h2>')
    assert out.endswith('<ul class="glossary-seealso">\n<li><a href="#A">A</a></li>\n'
                        '<li><a href="#C">C\nD</a></li>\n</ul>')


def test_translation_status_both_ways() -> None:
    titles = {"de": {"A": "Äpfel", "B": "Birne"}, "en": {"A": "Apples", "C": "Cherry"}}
    de = status_markdown("de", titles)
    assert "1 von 3 Begriffen gibt es in allen Sprachen (33 %)." in de
    assert "- [Cherry](../en/C.md)" in de and "- [Birne](B.md)" in de
    assert "## Auf Englisch vorhanden, auf Deutsch noch nicht (1)" in de
    en = status_markdown("en", titles)
    assert "- [Birne](../de/B.md)" in en and "- [Cherry](C.md)" in en
    # Headings name the other language in the page's language.
    assert "## In German, not yet in English (1)" in en
    assert "## In English, not yet in German (1)" in en


def test_pieces_of_html_escape_what_they_are_given() -> None:
    line = twin_line("de", [("en", "../en/A/?x=1&y=2", "<Alpha> & Co")])
    assert line == ('<p class="glossary-twin">Englisch: <a href="../en/A/?x=1&amp;y=2" '
                    'hreflang="en" lang="en">&lt;Alpha&gt; &amp; Co</a></p>\n')
    assert twin_line("en", []) == ""
    section = backlinks_section("en", [("../B/", "B <b>")])
    assert '<h2 id="referenced-by">Referenced by</h2>' in section
    assert '<li><a href="../B/" data-preview>B &lt;b&gt;</a></li>' in section
    assert backlinks_section("de", []) == ""
    assert download_button('a"b.ipynb', "de") == (
        '<p class="glossary-download"><a class="md-button" href="a&quot;b.ipynb" download>'
        "Notebook herunterladen (.ipynb)</a></p>\n")
