"""The business case in Chromium: reached from the cost calculator's hand-over link with
the figures typed there, recomputed as the term changes, its charts drawn, and bad input
shown next to its field."""
from __future__ import annotations

import pytest

from tests.e2e.helpers import calculator_url, output, wait_output, wait_ready

pytestmark = pytest.mark.browser
COST = 'form[data-calculator="cost"]'
CASE = 'form[data-calculator="business_case"]'

# 4,000 tickets at $20 an hour: 4,000 × 8 ÷ 60 ÷ 0.85 = 627.45 billed hours × 20 × 1.2 = $15,058.82 a month.
# In-house: 627.45 ÷ 121 = 5.19 FTE -> 6 agents × $5,712.50 = $34,275 a month.
PER_HOUR = 4000 * 8 / 60 / 0.85 * 20 * 1.2
IN_HOUSE = 6 * 5712.5


def test_cost_hands_its_figures_to_the_business_case(page, site_url):
    page.goto(calculator_url(site_url, "cost"))
    wait_ready(page, "cost")
    page.fill(f"{COST} [name='monthly_tickets']", "4000")
    page.fill(f"{COST} [name='hourly_rate']", "20")
    page.wait_for_function(
        "() => document.querySelector('[data-result=\"cost\"] [data-output=\"per_hour_monthly\"]').dataset.value"
        f" === '{PER_HOUR}'")
    link = page.get_by_role("link", name="Take these numbers to the business case")
    assert "business_case.monthly_tickets=4000" in link.get_attribute("href")
    link.click()
    page.wait_for_function("() => location.pathname.endsWith('/calculators/business_case/')")
    assert page.locator(f"{CASE} [name='monthly_tickets']").input_value() == "4000"
    assert page.locator(f"{CASE} [name='hourly_rate']").input_value() == "20"
    wait_ready(page, "business_case")
    # 36 × 15,058.82 + 15,000 transition + a 3-month ramp-up overlap of 1.5 × 34,275 = $608,530.15
    page.wait_for_function(
        "() => document.querySelector('[data-result=\"business_case\"] [data-output=\"total.in_house\"]')"
        f".dataset.value === '{36 * IN_HOUSE}'")
    assert float(output(page, "business_case", "total.per_hour")) == pytest.approx(36 * PER_HOUR + 15_000 + 1.5 * IN_HOUSE)
    assert page.locator(f"{CASE} .calc-line-chart polyline").count() == 7
    assert page.locator(f"{CASE} .calc-tornado rect").count() == 2 * 11
    assert page.locator(f"{CASE} .calc-chart--tornado table").count() == 1

    # a five-year term: 60 × 15,058.82 + 15,000 + 51,412.50
    page.fill(f"{CASE} [name='term_months']", "60")
    new = wait_output(page, "business_case", "total.per_hour", 60 * PER_HOUR + 15_000 + 1.5 * IN_HOUSE)
    assert float(new) == pytest.approx(60 * PER_HOUR + 15_000 + 1.5 * IN_HOUSE)
    # The address follows once the reader pauses (kit.js writes it off the edit's path).
    page.wait_for_function("k => location.search.includes(k)", arg="business_case.term_months=60")


def test_bad_term_gets_a_field_message(page, site_url):
    page.goto(calculator_url(site_url, "business_case"))
    wait_ready(page, "business_case")
    page.fill(f"{CASE} [name='term_months']", "600")
    page.wait_for_selector(f'{CASE}[data-state="invalid"]', state="attached")
    assert page.locator(f'{CASE} [data-error-for="term_months"]').inner_text() == "Contract term must be at most 120 months."
    page.fill(f"{CASE} [name='volume_growth_percent']", "-150")
    page.wait_for_function(
        "() => document.querySelector('[data-error-for=\"volume_growth_percent\"]').textContent.includes('-50%')")
