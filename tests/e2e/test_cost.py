"""The cost page and the staffing additions in Chromium: the chart, the cheapest option as
inputs change, patience switching staffing to Erlang A, and the button that carries the
staffing FTE into the cost calculator."""
from __future__ import annotations

import pytest

from tests.e2e.helpers import calculator_url, output, wait_output, wait_ready

pytestmark = pytest.mark.browser
COST = 'form[data-calculator="cost"]'
STAFFING = 'form[data-calculator="staffing"]'


def test_cost_chart_and_cheapest_follow_the_inputs(page, site_url):
    page.goto(calculator_url(site_url, "cost"))
    # The build-time example, before Python runs: seven bars (the hybrid too), per hour the cheapest
    assert page.locator(f"{COST} .calc-bar").count() == 7
    assert page.locator(f"{COST} .calc-bar--highlight .calc-bar-label").inner_text() == "Vendor, per agent hour"
    wait_ready(page, "cost")
    # the per-hour price to $30: per FTE (8 × 2,350 × 1.2 = 22,560) undercuts 941.2 h × 30 × 1.2 = 33,882
    page.fill(f"{COST} [name='hourly_rate']", "30")
    assert wait_output(page, "cost", "cheapest", "per_fte_monthly") == "per_fte_monthly"
    assert float(output(page, "cost", "per_hour_monthly")) == pytest.approx(800 / 0.85 * 30 * 1.2)
    assert page.locator(f"{COST} .calc-bar--highlight .calc-bar-label").inner_text() == "Vendor, per dedicated agent (FTE)"
    assert page.locator(f"{COST} .calc-bar-track").first.bounding_box()["width"] > 0


def test_money_fields_show_the_currency(page, site_url):
    page.goto(calculator_url(site_url, "cost"))
    unit = page.locator(f"{COST} [name='hourly_rate'] ~ .calc-unit").inner_text()
    assert unit == "USD an hour"


def test_patience_switches_staffing_to_erlang_a(page, site_url):
    page.goto(calculator_url(site_url, "staffing"))
    wait_ready(page, "staffing")
    page.fill(f"{STAFFING} [name='patience_seconds']", "300")
    # pyworkforce's published Erlang A case: 13 agents, abandonment 2.5%
    assert wait_output(page, "staffing", "agents", 13) == "13"
    assert round(float(output(page, "staffing", "abandon_percent")), 1) == 2.5


def test_staffing_button_carries_the_same_work_into_cost(page, site_url):
    page.goto(calculator_url(site_url, "staffing"))
    wait_ready(page, "staffing")
    page.fill(f"{STAFFING} [name='max_occupancy_percent']", "70")
    assert wait_output(page, "staffing", "agents", 15) == "15"  # 15 agents ÷ 0.7 = 21.43 FTE
    link = page.locator(f"{STAFFING} a.calc-link[data-site-path]")  # the hand-over, not the journey's Next step
    assert link.inner_text() == "Cost these 21.43 FTE in the cost calculator"
    # The month of work those agents answer: 100 contacts in each of the 80 half hours of a
    # 40-hour week, × 52 ÷ 12 = 34,667 contacts; 3 minutes each; occupancy 10 ÷ 15 = 66.67%;
    # productive hours 40 × 52 ÷ 12 × 0.7 = 121.33.
    carried = ("?cost.staffed_fte=21.43&cost.monthly_tickets=34667&cost.aht_minutes=3"
               "&cost.occupancy_percent=66.67&cost.productive_hours_per_fte=121.33")
    assert link.get_attribute("href") == calculator_url(site_url, "cost") + carried
    assert "It carries 34,667 contacts a month: 100 in every 30-minute interval of a 40-hour week" in \
        page.locator(f"{STAFFING} .calc-link-note").inner_text()
    link.click()
    # Material's instant navigation swaps the page in place: wait on the address, not a load
    page.wait_for_function("() => location.pathname.endsWith('/calculators/cost/')")
    assert "staffing." not in page.url  # the staffing form, gone from the page, wrote nothing more
    assert page.locator(f"{COST} [name='staffed_fte']").input_value() == "21.43"
    assert page.locator(f"{COST} [name='monthly_tickets']").input_value() == "34667"
    # 21.43 FTE -> 22 whole agents; billed hours 21.43 × 121.33 = 2,600.1
    page.wait_for_function("() => document.querySelector('form[data-calculator=\"cost\"]').dataset.state === 'ready' "
                           "&& document.querySelector('[data-result=\"cost\"] [data-output=\"agents\"]').dataset.value === '22'")
    assert "staffing." not in page.url and "cost.staffed_fte=21.43" in page.url
    assert float(output(page, "cost", "billed_hours")) == pytest.approx(21.43 * 121.33)
    # 34,667 × 3 ÷ 60 ÷ 0.6667 ÷ 121.33 = 21.43 FTE: the same work, so no warning beside the result.
    assert "disagree" not in page.locator(f"{COST} [data-report]").inner_text()
    # The landing result states the assumption the volume was carried on.
    assert "a 40-hour week" in page.locator(f"{COST} .calc-notes").inner_text()
    # The reader changes the volume the staffing link carried: the page says the two disagree.
    page.fill(f"{COST} [name='monthly_tickets']", "6000")
    page.wait_for_function("() => document.querySelector('form[data-calculator=\"cost\"]').dataset.state === 'ready' "
                           "&& document.querySelector('[data-result=\"cost\"] .calc-notes li').textContent.includes('disagree')")


def test_a_decimal_comma_rate_is_read_as_typed_and_a_malformed_one_is_refused(page, site_url):
    # The issue: "24,50" was read as 2,450 an hour. 6,000 tickets × 8 min ÷ 60 ÷ 0.85 = 941.18 h
    # × $24.50 × 1.2 (hidden costs) = $27,670.59.
    page.goto(calculator_url(site_url, "cost"))
    wait_ready(page, "cost")
    page.fill(f"{COST} [name='hourly_rate']", "24,50")
    page.wait_for_function(
        """() => document.querySelector('form[data-calculator="cost"]').dataset.state === 'ready'
             && Math.abs(Number(document.querySelector('[data-result="cost"] [data-output="per_hour_monthly"]')
                  .dataset.value) - 27670.588) < 0.01""")
    page.fill(f"{COST} [name='hourly_rate']", "1,23,4")
    page.wait_for_function(
        """() => document.querySelector('form[data-calculator="cost"]').dataset.state === 'invalid'
             && document.querySelector('[data-error-for="hourly_rate"]').textContent.includes('“1,23,4” is not one')""")
    assert "group thousands in threes" in page.locator(f"{COST} [data-error-for='hourly_rate']").inner_text()
    # From a link, the same reader: 16,5 is $16.50 an hour.
    page.goto(calculator_url(site_url, "cost") + "?cost.hourly_rate=16,5")
    page.wait_for_function(
        """() => document.querySelector('form[data-calculator="cost"]').dataset.state === 'ready'
             && Math.abs(Number(document.querySelector('[data-result="cost"] [data-output="per_hour_monthly"]')
                  .dataset.value) - 18635.294) < 0.01""")  # 941.18 h × $16.50 × 1.2
