"""Material's search index waits for the page's own start-up (javascripts/search-later.js):
on a calculator page until the first results are shown, unless the reader reaches for
search first; on any other page until the load event. Search then works as before."""
from __future__ import annotations

from urllib.parse import urljoin

import pytest

from tests.e2e.helpers import calculator_url, wait_ready

pytestmark = pytest.mark.browser

# When each calculator form first reached "ready", by the page's clock.
READY_AT = """
window.__readyAt = null;
new MutationObserver(() => {
  if (window.__readyAt === null && document.querySelector('form[data-calculator][data-state="ready"]')) {
    window.__readyAt = performance.now();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
"""
INDEX_REQUESTED = ("() => performance.getEntriesByType('resource')"
                   ".filter((e) => e.name.endsWith('/search/search_index.json')).map((e) => e.startTime)")


def search_finds(page, query: str) -> list[str]:
    box = page.locator("input[data-md-component='search-query']")
    box.click()
    box.press_sequentially(query)
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    return page.locator(".md-search-result__item").all_inner_texts()


def test_a_calculator_page_loads_the_index_after_its_first_result(page, site_url):
    page.add_init_script(READY_AT)
    page.goto(calculator_url(site_url, "staffing"))
    wait_ready(page, "staffing")
    page.wait_for_function(f"() => ({INDEX_REQUESTED})().length > 0")
    requested = page.evaluate(INDEX_REQUESTED)
    assert len(requested) == 1
    assert requested[0] >= page.evaluate("window.__readyAt")
    # Search works as before: the Erlang C page is found.
    assert any("Erlang" in text for text in search_finds(page, "erlang"))


def test_reaching_for_search_loads_the_index_before_the_engine(page, site_server, site_url):
    # The engine cannot start for 20 s (its runtime is held back): the reader searches meanwhile.
    site_server.slow("pyodide.asm.wasm", 20.0)
    page.goto(calculator_url(site_url, "staffing"), wait_until="load")
    assert page.evaluate(INDEX_REQUESTED) == []
    found = search_finds(page, "erlang")
    assert any("Erlang" in text for text in found)
    assert page.locator('form[data-calculator="staffing"]').get_attribute("data-state") == "loading"


def test_a_page_without_calculators_loads_the_index_at_load(page, site_url):
    page.goto(urljoin(site_url, "guide/pros-and-cons/"), wait_until="load")
    page.wait_for_function(f"() => ({INDEX_REQUESTED})().length > 0", timeout=10_000)
    assert any("Erlang" in text for text in search_finds(page, "erlang"))
