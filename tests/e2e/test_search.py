"""Material's search index loads when the reader reaches for search (javascripts/search-later.js):
the pointer over the search field, a touch, focus (a click, Tab, or Material's `/` key); at
load only on a page opened with search highlighting (`?h=`). A page the reader only reads,
calculator or not, never fetches or indexes it. Search then works as before."""
from __future__ import annotations

from urllib.parse import urljoin

import pytest

from tests.e2e.helpers import calculator_url, wait_ready

pytestmark = pytest.mark.browser

INDEX_REQUESTED = ("() => performance.getEntriesByType('resource')"
                   ".filter((e) => e.name.endsWith('/search/search_index.json')).length")
SEARCH_BOX = "input[data-md-component='search-query']"


def search_finds(page, query: str) -> list[str]:
    box = page.locator(SEARCH_BOX)
    box.click()
    box.press_sequentially(query)
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    return page.locator(".md-search-result__item").all_inner_texts()


def index_requests(server) -> int:
    return sum(1 for line in server.requests if "/search/search_index.json" in line)


def test_a_calculator_page_leaves_the_index_until_the_reader_reaches_for_it(page, site_server, site_url):
    before = index_requests(site_server)  # the server's log is the whole run's
    page.goto(calculator_url(site_url, "staffing"))
    wait_ready(page, "staffing")
    # The page's own work is done (first result, the engine's warm-up requests, the theme):
    # until then the index used to follow the first result.
    page.wait_for_load_state("networkidle")
    page.locator('form[data-calculator="staffing"] input[name="contacts"]').fill("200")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(INDEX_REQUESTED) == 0
    assert index_requests(site_server) == before
    # The pointer over the search field is enough to start it.
    page.locator(SEARCH_BOX).hover()
    page.wait_for_function(f"() => ({INDEX_REQUESTED})() === 1")
    assert any("Erlang" in text for text in search_finds(page, "erlang"))
    assert page.evaluate(INDEX_REQUESTED) == 1


def test_reaching_for_search_loads_the_index_before_the_engine(page, site_server, site_url):
    # The engine cannot start for 20 s (its runtime is held back): the reader searches meanwhile.
    site_server.slow("pyodide.asm.wasm", 20.0)
    page.goto(calculator_url(site_url, "staffing"), wait_until="load")
    assert page.evaluate(INDEX_REQUESTED) == 0
    found = search_finds(page, "erlang")
    assert any("Erlang" in text for text in found)
    assert page.locator('form[data-calculator="staffing"]').get_attribute("data-state") == "loading"


def test_a_guide_page_loads_the_index_on_the_search_key(page, site_server, site_url):
    page.goto(urljoin(site_url, "guide/pros-and-cons/"), wait_until="load")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(INDEX_REQUESTED) == 0
    # Material's "/" puts the cursor in the search field, from the keyboard alone.
    page.keyboard.press("/")
    page.wait_for_function(f"() => document.activeElement?.matches(\"{SEARCH_BOX}\")")
    page.keyboard.type("erlang")
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    assert any("Erlang" in text for text in page.locator(".md-search-result__item").all_inner_texts())
    assert page.evaluate(INDEX_REQUESTED) == 1


def test_a_page_opened_from_a_search_result_highlights_at_once(page, site_url):
    # Material's search.highlight marks the words of ?h= on the page, which needs the index.
    page.goto(urljoin(site_url, "guide/pros-and-cons/?h=vendor"), wait_until="load")
    page.wait_for_selector("article mark[data-md-highlight]", timeout=30_000)
    assert page.evaluate(INDEX_REQUESTED) == 1
    assert page.locator("article mark[data-md-highlight]").first.inner_text().lower() == "vendor"
