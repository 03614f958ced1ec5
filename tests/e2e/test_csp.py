"""The site under the strict Content-Security-Policy that deploy/nginx.conf sends: no
inline script, nothing from another origin.

The test server sends that policy with every answer (tests/conftest.py), so every browser
test in the suite runs under it, and a violation there logs a console error that fails the
test (tests/support/browser.py). Here: the policy is strict and is what the server sends,
the built pages hold no inline script, a violation does fail a test, and the theme's
palette switch, search and instant navigation work with no violation reported."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.e2e.helpers import calculator_url, wait_ready
from tests.support.csp import deployed_csp

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


# Records every violation the page reports; workers' violations reach the console (the
# guard fails on those) and stop the engine (the tests wait for results).
VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def csp_page(page):
    page.add_init_script(VIOLATIONS)
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__csp")


def test_policy_is_strict():
    policy = dict(part.strip().split(" ", 1) for part in deployed_csp().split(";") if part.strip())
    assert policy["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert policy["connect-src"] == "'self'" and policy["worker-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval'" not in policy["script-src"].replace("wasm-unsafe-eval'", "")
    # The deployment page gives the header a reader's server should send, word for word.
    assert deployed_csp() in (ROOT / "docs" / "reference" / "deployment.md").read_text(encoding="utf-8")


def test_built_pages_have_no_inline_script(built_site):
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
    found = {str(p.relative_to(built_site)): inline.findall(p.read_text(encoding="utf-8"))
             for p in built_site.rglob("*.html")}
    assert not {k: v for k, v in found.items() if v}


def test_every_answer_carries_the_policy_and_a_violation_fails_the_test(csp_page, site_url):
    page = csp_page
    response = page.goto(calculator_url(site_url, "staffing"))
    assert response.headers["content-security-policy"] == deployed_csp()
    wait_ready(page, "staffing")
    assert violations(page) == []
    # An inline script, as a careless change would add: the browser refuses it, and the
    # console error it logs is what fails any browser test that meets it.
    page.evaluate("document.body.append(Object.assign(document.createElement('script'), {textContent: 'window.__ran = 1'}))")
    page.wait_for_function("() => window.__csp.length > 0")
    assert page.evaluate("window.__ran") is None
    assert any("Content Security Policy" in problem for problem in page.guard.problems), page.guard.problems
    page.guard.problems.clear()


def test_theme_search_and_instant_navigation_under_the_policy(csp_page, site_url):
    page = csp_page
    page.goto(site_url)
    # The palette switch (theme-boot.js's palette part re-applies the choice on load).
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function("s => document.body.dataset.mdColorScheme !== s", arg=scheme)
    chosen = page.evaluate("document.body.dataset.mdColorScheme")
    page.reload()
    assert page.evaluate("document.body.dataset.mdColorScheme") == chosen
    # Search runs in its own worker and fetches the index.
    query = page.locator("input[data-md-component='search-query']")
    query.click()
    # The index is built in the worker first ("Initializing search" until then).
    page.wait_for_function(
        "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=60_000)
    query.press_sequentially("erlang")
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    # Instant navigation to a calculator, then to another: the engine runs and is reused.
    page.evaluate("window.__sameDocument = true")
    page.goto(urljoin(site_url, "calculators/"))
    page.evaluate("window.__sameDocument = true")
    page.locator('article a[href$="staffing/"]').first.click()
    page.wait_for_url("**/calculators/staffing/")
    wait_ready(page, "staffing")
    assert page.evaluate("window.__sameDocument") is True
    page.fill('form[data-calculator="staffing"] [name="contacts"]', "200")
    page.wait_for_function(
        "() => document.querySelector('[data-result=\"staffing\"] [data-output=\"agents\"]').dataset.value === '24'")
    assert violations(page) == []
