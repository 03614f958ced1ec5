"""The journey, as a first-time reader takes it: from the home page's map through decide,
size, cost and business case to the decision pack, each page reached by the link the page
before offers (the map, a guide page's "Next", a calculator result's "Next", the strip's
pack link), and the steps filled marked on the home page afterwards.

The expected order comes from hooks/journey.py over the pages that exist in docs/ (the forecast
and shifts pages join when they exist); the figures each calculator must show come from
the engine on the host."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import calculators
from hooks import journey
from calculators.core.render import _data_value, output
from tests.e2e.helpers import ENGINE_TIMEOUT_MS, wait_ready

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs"
PACK = "[data-decision-pack]"


class DocsFiles:
    """MkDocs' files collection as hooks/journey.py reads it, from docs/ on disk."""

    def get_file_from_path(self, path):
        if not (DOCS / path).is_file():
            return None

        class File:
            url = path.removesuffix(".md").removesuffix("index") + "/"
        return File()


FILES = DocsFiles()
# What the reader types on the way, and the output that shows the engine's answer to it.
TYPED = {
    "decision": ({"volume_variable": True}, "recommendation"),
    "staffing": ({"contacts": "150"}, "agents"),
    "cost": ({"monthly_tickets": "8000"}, "per_ticket_monthly"),
    "business_case": ({"monthly_tickets": "8000"}, "cumulative.per_hour.11"),
}


def expected_value(name: str, inputs: dict) -> str:
    return _data_value(output(calculators.run(name, inputs)["outputs"], TYPED[name][1]))


def answer(page, name: str) -> None:
    """Types this calculator's inputs and waits for the engine's answer to them."""
    inputs, key = TYPED[name]
    form = f'form[data-calculator="{name}"]'
    for field, value in inputs.items():
        if value is True:
            page.check(f"{form} [name='{field}'][value='true']")  # yes / no / unsure
        else:
            page.fill(f"{form} [name='{field}']", value)
    page.wait_for_selector(
        f'{form}[data-state="ready"] [data-result="{name}"] [data-output="{key}"][data-value="{expected_value(name, inputs)}"]',
        state="attached", timeout=ENGINE_TIMEOUT_MS)


def follow(page, link, site_url: str, path: str) -> None:
    """Clicks the link a page offers and checks it leads to ``path``'s page."""
    link.click()
    page.wait_for_url(urljoin(site_url, journey.url_of(FILES, path)) + "**")


def test_from_the_home_page_through_the_decision_to_the_pack(page, site_url):
    page.goto(site_url)
    # The map offers every step; the decision starts at "Decide".
    follow(page, page.locator('[data-journey-step="decide"] a.journey__title'), site_url,
           journey.steps(FILES)[1].pages[0].path)
    path = journey.steps(FILES)[1].pages[0].path
    seen = []
    # Next, page by page, until the business case: each page's own "Next" link.
    while True:
        name = journey.Page(path, "").calculator
        if name:
            wait_ready(page, name)
            if name in TYPED:
                answer(page, name)
                seen.append(name)
            if name == "decision":
                # An outsource result offers costing it at once, besides the journey's next step.
                assert urlsplit(page.locator('[data-result="decision"] a.calc-link').get_attribute("href")).path \
                    == "/calculators/cost/"
            if name == "business_case":
                break
            link = page.locator(f'form[data-calculator="{name}"] [data-next] a')
        else:
            link = page.locator("nav.journey--next [data-journey-next] a")
        following, _ = journey.next_page(FILES, path)
        follow(page, link, site_url, following.path)
        path = following.path
    assert seen == ["decision", "staffing", "cost", "business_case"]

    # The strip at the top of the page offers the pack.
    follow(page, page.locator("nav.journey--strip [data-journey-pack]"), site_url, journey.PACK[0])
    page.wait_for_selector(f"{PACK}[data-state='ready']", state="attached", timeout=ENGINE_TIMEOUT_MS)
    for name in seen:
        assert page.locator(f"{PACK} [data-part='{name}'][data-status='filled']").count() == 1, name
    cost = page.locator(f"{PACK} [data-part='cost'] [data-output='per_ticket_monthly']").first
    assert cost.get_attribute("data-value") == expected_value("cost", TYPED["cost"][0])

    # Back home, the map says which steps this browser has filled.
    page.goto(site_url)
    for step in ("decide", "cost", "business-case"):
        page.wait_for_selector(f'[data-journey-step="{step}"][data-filled="all"]', state="attached")
    assert page.locator('[data-journey-step="size"]').get_attribute("data-filled") == "some"  # not the week plan
    assert page.locator('[data-journey-step="contract"]').get_attribute("data-filled") is None  # no calculator
    assert "1 of 2" in page.locator('[data-journey-step="size"] [data-journey-filled]').inner_text()
    # The pack and scenarios are one click from the home page.
    assert urlsplit(page.locator("[data-journey-pack]").get_attribute("href")).path == "/decision-pack/"
    assert urlsplit(page.locator("[data-journey-scenarios]").get_attribute("href")).path == "/scenarios/"
