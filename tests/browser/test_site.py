"""What a reader sees, in headless Chromium: languages, search, previews, index, math, 404."""

from __future__ import annotations

import gzip
import json
import re
import urllib.error
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import Site, Watched, screenshot

pytestmark = pytest.mark.browser


def _open(page: Page, url: str) -> None:
    page.goto(url, wait_until="networkidle")


def _search(page: Page, query: str) -> list[str]:
    """Type into Material's search box; the result links, once results are shown."""
    box = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__list > li a")
    box.click()
    # The index loads in a worker after the page; a query typed before it is ready gets no
    # answer, so type again until results come (or give up after ten seconds).
    for _ in range(20):
        box.fill("")
        box.press_sequentially(query)
        try:
            results.first.wait_for(state="visible", timeout=500)
            break
        except PlaywrightTimeout:
            continue
    expect(results.first).to_be_visible()
    # In one go: the list is drawn again while more results come in.
    hrefs: list[str] = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return hrefs


def _choose_language(page: Page, lang: str) -> None:
    """Open the header's language selector (it opens on hover) and pick `lang`."""
    page.locator(".md-header .md-select").hover()
    page.locator(f".md-select__link[hreflang='{lang}']").click()


# Languages


def test_language_selector_lands_on_the_twin(page: Page, site: Site) -> None:
    _open(page, site.at("Momentum/"))
    assert page.locator("html").get_attribute("lang") == "de"
    _choose_language(page, "en")
    page.wait_for_url(site.at("en/Momentum/"))
    assert page.locator("html").get_attribute("lang") == "en"
    _choose_language(page, "de")
    page.wait_for_url(site.at("Momentum/"))
    assert page.locator("html").get_attribute("lang") == "de"


def test_selector_without_twin_says_so_and_offers_the_index(page: Page,
                                                            small_site: Site) -> None:
    _open(page, small_site.at("Median/"))
    expect(page.locator(".md-select__link[hreflang='en']")).to_contain_text("Not translated yet")
    _choose_language(page, "en")
    page.wait_for_url(small_site.at("en/Index/"))


def test_html_lang_and_hreflang_in_head_and_sitemap(site: Site) -> None:
    for path, lang in (("Momentum/", "de"), ("en/Momentum/", "en"), ("en/Index/", "en")):
        html = urllib.request.urlopen(site.at(path)).read().decode()
        assert f'<html lang="{lang}"' in html
        alternates = dict(re.findall(r'<link rel=" alternate" hreflang="([^"]+)" href="([^"]+)"',
                                     html))
        twin = path.removeprefix("en/")
        assert alternates == {"de": site.at(twin), "en": site.at("en/" + twin),
                              "x-default": site.at(twin)}
    german = urllib.request.urlopen(site.at("sitemap.xml")).read().decode()
    english = gzip.decompress(urllib.request.urlopen(site.at("en/sitemap.xml.gz")).read())
    assert f"<loc>{site.at('Momentum/')}</loc>" in german
    assert "/en/" not in re.sub(r"<xhtml:link[^>]*>", "", german)  # German pages only
    assert (f'<xhtml:link rel="alternate" hreflang="de" href="{site.at("Momentum/")}"/>'
            in english.decode())


def test_search_stays_in_the_readers_language(page: Page, site: Site) -> None:
    _open(page, site.at("en/"))
    found = _search(page, "momentum")
    assert found and all("/en/" in href for href in found), found
    _open(page, site.at(""))
    found = _search(page, "momentum")
    assert found and not any("/en/" in href for href in found), found


@pytest.mark.parametrize("query", ["Überanpassungen", "Ueberanpassung", "uberanpassungen"])
def test_german_search_finds_inflected_forms_and_words_without_umlauts(
        page: Page, site: Site, query: str) -> None:
    _open(page, site.at(""))
    found = _search(page, query)
    assert found and "/Overfitting" in found[0], found  # the term's page comes first


def test_a_term_is_found_by_its_twins_title(page: Page, small_site: Site) -> None:
    _open(page, small_site.at(""))  # the German page never says "Spread" in its text
    found = _search(page, "Spread")
    assert any("Spread/" in href and "/en/" not in href for href in found), found


# Term pages


def _definition(site: Site, path: str) -> str:
    """The start of the definition paragraph on a term page, as its HTML has it."""
    html = urllib.request.urlopen(site.at(path)).read().decode()
    paragraph = re.search(r"<p><strong>(.*?)</p>", html, re.DOTALL)
    assert paragraph, f"{path} has no definition paragraph"
    return re.sub(r"<[^>]+>", "", paragraph[1])[:60]


def test_preview_on_hover_and_on_focus(page: Page, site: Site) -> None:
    _open(page, site.at("en/Momentum/"))
    link = page.locator("article a[data-preview][href$='/Gradient-Descent/']").first
    link.hover()
    tooltip = page.locator(".md-tooltip2")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(_definition(site, "en/Gradient-Descent/"))
    page.mouse.move(0, 0)
    expect(tooltip).to_have_count(0)
    page.locator("article a[data-preview][href$='/Learning-Rate/']").first.focus()
    expect(page.locator(".md-tooltip2")).to_contain_text(_definition(site, "en/Learning-Rate/"))


def test_preview_on_tap(touch_page: Page, site: Site) -> None:
    _open(touch_page, site.at("en/Momentum/"))
    link = touch_page.locator("article a[data-preview][href$='/Gradient-Descent/']").first
    link.tap()
    expect(touch_page.locator(".md-tooltip2")).to_contain_text(
        _definition(site, "en/Gradient-Descent/"))
    assert touch_page.url == site.at("en/Momentum/")  # the first tap does not navigate
    link.tap()
    touch_page.wait_for_url(site.at("en/Gradient-Descent/"))


def test_see_also_and_referenced_by(page: Page, site: Site) -> None:
    _open(page, site.at("en/Momentum/"))
    related = page.locator("ul.glossary-seealso > li a")
    expect(related.first).to_be_visible()
    assert "Index" not in related.all_inner_texts()
    assert len(related.all()) >= 4
    expect(page.locator("#referenced-by + ul a").first).to_be_visible()


def test_math_is_rendered(page: Page, site: Site) -> None:
    _open(page, site.at("en/Momentum/"))
    expect(page.locator("article p mjx-container").first).to_be_visible()
    text = page.evaluate("""() => {
        const article = document.querySelector("article").cloneNode(true)
        article.querySelectorAll("pre, code, mjx-container").forEach(el => el.remove())
        return article.innerText
    }""")
    assert "$" not in text and "\\(" not in text and "\\[" not in text


def test_code_blocks_have_a_copy_button(page: Page, site: Site) -> None:
    _open(page, site.at("en/Momentum/"))
    expect(page.locator("article pre button[data-md-type='copy']").first).to_be_attached()


def test_light_and_dark_scheme(page: Page, site: Site) -> None:
    _open(page, site.at("en/"))
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    expect(body).not_to_have_attribute("data-md-color-scheme", before or "")
    assert {before, body.get_attribute("data-md-color-scheme")} == {"default", "slate"}


def test_print_stylesheet(page: Page, site: Site) -> None:
    _open(page, site.at("en/Index/"))
    page.emulate_media(media="print")
    expect(page.locator("nav.glossary-letters")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.locator("nav.glossary-letters")).to_be_visible()


def test_json_ld_defined_term_escaped(page: Page, small_site: Site) -> None:
    _open(page, small_site.at("en/Mean/"))
    raw = page.locator("script[type='application/ld+json']").inner_html()
    assert "</script" not in raw and "<" not in raw
    data = json.loads(raw)
    assert data["@type"] == "DefinedTerm" and data["name"] == "Mean"
    assert "</script>" in data["description"] and "<, > and &" in data["description"]
    assert data["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert data["inDefinedTermSet"]["@id"] == small_site.at("en/Index/")
    assert data["inLanguage"] == "en"


def test_translation_status_lists_terms_without_twin(page: Page, small_site: Site) -> None:
    _open(page, small_site.at("en/Translation-Status/"))
    missing = page.locator("article li a", has_text="Median")
    expect(missing).to_be_visible()
    missing.click()
    page.wait_for_url(small_site.at("Median/"))


# Index, 404, whole pages


def test_letter_bar_jumps(page: Page, site: Site) -> None:
    _open(page, site.at("en/Index/"))
    letter = page.locator("nav.glossary-letters a", has_text="M")
    letter.click()
    page.wait_for_url(re.compile(r"#letter-m$"))
    heading = page.locator("#letter-m")
    expect(heading).to_be_in_viewport()
    expect(page.locator("#letter-m + ul > li", has_text="Momentum")).to_be_visible()


def test_index_sorts_the_german_way(page: Page, small_site: Site) -> None:
    _open(page, small_site.at("Index/"))
    titles = page.locator("article ul > li > a").all_inner_texts()
    assert titles == ["Median", "Mittelwert", "Streuung"]


def test_not_found_page_in_the_readers_language(page: Page, site: Site) -> None:
    for path, lang, title in (("en/no-such-term/", "en", "Page not found"),
                              ("keine-seite/", "de", "Seite nicht gefunden")):
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(site.at(path))
        assert error.value.code == 404
        _open(page, site.at(path))
        assert page.locator("html").get_attribute("lang") == lang
        expect(page.locator("section.glossary-not-found:visible h1")).to_have_text(title)
        expect(page.locator("section.glossary-not-found:visible a").first).to_be_visible()


PAGES = {"home-de": "", "home-en": "en/", "index-de": "Index/", "index-en": "en/Index/",
         "term-de": "Momentum/", "term-en": "en/Momentum/"}


@pytest.mark.parametrize("name", PAGES)
def test_page_is_clean_and_accessible(page: Page, site: Site, watched: Watched,
                                      name: str) -> None:
    """No console error, nothing fetched from elsewhere, no serious axe-core violation."""
    _open(page, site.at(PAGES[name]))
    screenshot(page, name)
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert watched.errors == []
    assert watched.outside == []
