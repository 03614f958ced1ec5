"""Issue 2's browser checks on the staffing page: fill it as a reader, reopen the link,
bad input, a runtime that cannot load, and the runtime reused across instant navigation."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.e2e.helpers import calculator_url, output, wait_output, wait_ready, wait_state

pytestmark = pytest.mark.browser
FORM = 'form[data-calculator="staffing"]'


def test_reader_fills_the_form_and_reads_the_result(page, site_url):
    page.goto(calculator_url(site_url, "staffing"))
    # The build-time worked example is there before any Python runs.
    assert page.locator(f"{FORM} [data-output='agents']").get_attribute("data-value") == "14"
    wait_ready(page, "staffing")
    assert not page.locator(f"{FORM} [data-action='retry']").is_visible()  # only offered after a failure
    assert page.locator(f"{FORM} [data-action='copy-markdown']").is_visible()
    page.locator(f"{FORM} [name='max_occupancy_percent']").fill("")
    page.locator(f"{FORM} [name='max_occupancy_percent']").type("70")
    assert wait_output(page, "staffing", "agents", 15) == "15"  # published: 15 agents, 94.1%
    assert round(float(output(page, "staffing", "service_level_percent")), 1) == 94.1
    page.wait_for_function("() => document.querySelector('[data-status]').textContent.includes('15 agents')")

    # The link reopens the same inputs and result for someone else.
    other = page.context.new_page()
    other.goto(page.url)
    assert other.locator(f"{FORM} [name='max_occupancy_percent']").input_value() == "70"
    wait_ready(other, "staffing")
    assert output(other, "staffing", "agents") == "15"


def test_keyboard_only_reader(page, site_url):
    page.goto(calculator_url(site_url, "staffing"))
    wait_ready(page, "staffing")
    page.locator(f"{FORM} [name='contacts']").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("200")
    page.keyboard.press("Enter")  # must not submit or reload the page
    assert wait_output(page, "staffing", "agents", 24) == "24"
    assert page.evaluate("document.activeElement.name") == "contacts"


def test_bad_input_message_beside_the_field(page, site_url):
    page.goto(calculator_url(site_url, "staffing"))
    wait_ready(page, "staffing")
    page.fill(f"{FORM} [name='shrinkage_percent']", "120")
    wait_state(page, "staffing", ("invalid",))
    assert page.locator(f"{FORM} [data-error-for='shrinkage_percent']").inner_text() == "Shrinkage must be at most 95%."
    # The reader's other answers are untouched.
    assert page.locator(f"{FORM} [name='contacts']").input_value() == "100"


# The .wasm in make test; the others, which fail through the same path, in the deep tier.
@pytest.mark.parametrize("blocked", ["pyodide.asm.wasm", *(pytest.param(name, marks=pytest.mark.deep)
                                                          for name in ("pyodide.mjs", "pyodide-lock.json", ".whl"))])
def test_runtime_that_cannot_load_leaves_a_readable_page(page, site_server, site_url, blocked):
    site_server.fail(blocked, 404)
    if blocked == ".whl":
        # A runtime restored from the snapshot never fetches the wheel: test the plain boot.
        site_server.fail("snapshot.json", 404)
    page.guard.allow(r"Failed to load resource|404|Failed to fetch|NetworkError|importing a module script failed"
                     r"|Failed to fetch dynamically imported module|pyodide|wasm|the server responded")
    page.goto(calculator_url(site_url, "staffing"))
    wait_state(page, "staffing", ("failed",))
    # The worked example and the text stay; the form says so plainly and offers a retry.
    assert page.locator(f"{FORM} [data-output='agents']").get_attribute("data-value") == "14"
    assert page.locator("h2#method").is_visible()
    status = page.locator(f"{FORM} [data-status]").inner_text()
    assert "could not load" in status and "worked example" in status
    retry = page.locator(f"{FORM} [data-action='retry']")
    assert retry.is_visible()
    site_server.clear_faults()
    retry.click()
    wait_ready(page, "staffing")
    page.fill(f"{FORM} [name='contacts']", "200")
    assert wait_output(page, "staffing", "agents", 24) == "24"


def test_instant_navigation_reuses_the_runtime(page, site_url):
    wasm_requests = []
    page.on("request", lambda r: wasm_requests.append(r.url) if r.url.endswith(".wasm") else None)
    page.goto(calculator_url(site_url, "staffing"))
    wait_ready(page, "staffing")
    page.evaluate("window.__sameDocument = true")
    # A plain in-content link, as a reader's click on any internal link is intercepted.
    page.evaluate("""() => { const a = document.createElement('a'); a.href = '../'; a.id = 'go-index';
                      a.textContent = 'Calculators'; document.querySelector('article').prepend(a); }""")
    page.locator("#go-index").click()
    page.wait_for_url("**/calculators/")
    page.locator('article a[href$="staffing/"]').first.click()  # instant nav makes hrefs absolute
    page.wait_for_url("**/calculators/staffing/")
    assert page.evaluate("window.__sameDocument") is True, "the navigation reloaded the page"
    wait_ready(page, "staffing", timeout=5_000)
    assert len(wasm_requests) == 1, wasm_requests
    page.fill(f"{FORM} [name='contacts']", "200")
    assert wait_output(page, "staffing", "agents", 24) == "24"


def test_a_link_within_the_page_keeps_what_was_typed(page, site_url):
    """Material 9.8.1's instant navigation took the first in-page link followed on a page for
    another page: it fetched the page again and swapped it in, and a figure typed a moment
    before was lost. It also writes every link out in full at load, with the query the address
    had then, so such a link reloaded the page with the inputs it was opened with
    (docs/javascripts/same-page-links.js keeps these links in the page)."""
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if urlsplit(r.url).path.endswith("/calculators/staffing/") else None)
    page.goto(calculator_url(site_url, "staffing") + "?staffing.contacts=150")  # a link a colleague sent
    wait_ready(page, "staffing")
    page.evaluate("window.__sameDocument = true")
    # A "see the formulas" link at the top, written out as Material writes links at load (the
    # page's ¶ links are the same, but sit beside their heading).
    page.evaluate("""() => { const a = document.createElement("a"); a.id = "to-formulas";
        a.href = location.href.split("#")[0] + "#formulas"; a.textContent = "the formulas";
        document.querySelector("article").prepend(a); }""")
    assert "staffing.contacts=150" in page.locator("#to-formulas").get_attribute("href")
    on_screen = """() => { const box = document.getElementById("formulas").getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight; }"""
    carries_200 = "() => new URL(location.href).searchParams.get('staffing.contacts') === '200'"
    contacts = page.locator(f"{FORM} [name='contacts']")
    assert contacts.input_value() == "150"
    contacts.fill("200")
    page.locator("#to-formulas").click()  # at once, before the address carries the 200
    page.wait_for_function(on_screen)
    assert contacts.input_value() == "200"
    assert wait_output(page, "staffing", "agents", 24) == "24"
    # Back to the link, within the page as well; that history entry's address was written
    # before the edit, and is brought in line with the form. (Not the address's fragment:
    # navigation.tracking rewrites it to the section in view.)
    page.go_back()
    page.wait_for_function(f"() => !({on_screen})() && ({carries_200})()")
    assert contacts.input_value() == "200"
    assert output(page, "staffing", "agents") == "24"
    # The same link once the address carries the 200: followed as written, it loaded the page
    # anew with 150.
    page.locator("#to-formulas").click()
    page.wait_for_function(f"() => ({on_screen})() && ({carries_200})()")
    assert contacts.input_value() == "200"
    assert page.evaluate("window.__sameDocument") is True, "the page was loaded again"
    assert len(fetched) == 1, fetched  # the first load only: never fetched again to be swapped in
