"""Accessibility: every calculator is usable with the keyboard alone, and results are
announced to screen readers. (axe-core, pinned in package.json, is run on every page in
both palettes by the one walk of the site, tests/e2e/test_site_walk.py, with
axe_violations() from here.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import calculator_url, wait_ready
from tests.e2e.test_calculators import WITH_PAGES, _assert_outputs_match, _numeric_field, press_answer

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[str]:
    # The page runs under the site's CSP, which refuses a <script> tag the test would add;
    # the script is evaluated in the page instead (the DevTools protocol is not subject to it).
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    found = page.evaluate("""async () => {
        const result = await axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -- ` +
            v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | "));
    }""")
    return found


@pytest.mark.parametrize("name", WITH_PAGES)
def test_keyboard_alone_fills_every_calculator_and_hears_the_result(page, site_url, name):
    field, good = _numeric_field(name)
    page.goto(calculator_url(site_url, name))
    wait_ready(page, name)
    status = page.locator(f'[data-result="{name}"] [data-status]')
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"

    # The first Tab reaches Material's skip link; following it lands in the content.
    page.keyboard.press("Tab")
    assert "md-skip" in page.evaluate("document.activeElement.className")
    page.keyboard.press("Enter")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.name === {field['key']!r} && "
                         f"!!document.activeElement.closest('form[data-calculator=\"{name}\"]')"):
            break
    else:
        pytest.fail(f"Tab never reached the {field['key']} field of {name}")

    if field["kind"] == "bool":
        press_answer(page, field, good)
    else:
        page.keyboard.press("Control+A")
        page.keyboard.type(str(good))
    page.keyboard.press("Enter")  # must neither submit nor reload
    page.wait_for_function(
        "([name, key]) => new URL(location.href).searchParams.has(`${name}.${key}`)", arg=[name, field["key"]])
    page.wait_for_function(
        "n => document.querySelector(`form[data-calculator=\"${n}\"]`).dataset.state === 'ready'", arg=name)
    _assert_outputs_match(page, name, {field["key"]: good})
    # The live region speaks the new result (after a short pause, not per keystroke).
    page.wait_for_function(
        "n => document.querySelector(`[data-result=\"${n}\"] [data-status]`).textContent.startsWith('Computed in your browser')",
        arg=name)
    assert page.evaluate("document.activeElement.name") == field["key"]
