"""The business case in Chromium: reached from the cost calculator's hand-over link with
the figures typed there, recomputed as the term changes, its charts drawn, and bad input
shown next to its field."""
from __future__ import annotations

import pytest

from urllib.parse import urljoin

import calculators
from tests.e2e.helpers import ENGINE_TIMEOUT_MS, calculator_url, output, wait_output, wait_ready

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
    # the eleven inputs moved around the reader's values, with salary and the freelancer rate:
    # thirteen bars, two ends each (the costs against outsourcing join once entered)
    assert page.locator(f"{CASE} .calc-tornado rect").count() == 2 * 13
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


# A flat year with severance: per hour costs 941.18 h × $16.50 × 1.2 = $18,635.29 a month, and
# its 8 agents leave in month 1 (no ramp-up) at $3,000 each: month 1 costs $42,635.29. The
# running saving against in-house ($45,700 a month) is 45,700 − 42,635.29 = $3,064.71 after
# month 1 and grows: it pays back in month 1; over 12 months it saves 12 × 27,064.71 − 24,000
# = $300,776.47.
FLAT_SEVERANCE = ("?business_case.term_months=12&business_case.ramp_months=0&business_case.transition_cost=0"
                  "&business_case.severance_per_agent=3000")


def test_the_decision_its_risk_and_the_month_by_month_schedule(page, site_url):
    page.goto(calculator_url(site_url, "business_case") + FLAT_SEVERANCE)
    wait_output(page, "business_case", "severance.per_hour", 24_000)
    summary = page.locator(f"{CASE} .calc-summary p").first.inner_text()
    assert summary.startswith("Decision: per-hour pricing. Over 12 months it saves $300,776")
    assert "pays back in month 1" in summary and "of 2,000 draws" in summary
    assert float(output(page, "business_case", "saving_present_value.per_hour")) == pytest.approx(
        12 * (45_700 - PER_HOUR_DEFAULT) - 24_000)
    # the new inputs sit in their own groups
    legends = page.locator(f"{CASE} legend").all_inner_texts()
    assert "Costs that cut against outsourcing" in legends and "Risk ranges" in legends
    # the spread: a histogram with its table of P10, P50 and P90
    assert page.locator(f"{CASE} .calc-chart--histogram svg rect").count() > 3
    assert page.locator(f"{CASE} .calc-chart--histogram [data-output='risk.per_hour.p50']").count() == 1
    # the schedule opens on demand: month 1 of per hour carries the severance
    schedule = page.locator(f"{CASE} details", has_text="the cost of each option")
    assert schedule.get_attribute("open") is None  # closed until the reader opens it
    schedule.locator("summary").click()
    row = schedule.locator("tbody tr").first
    assert row.locator("th").inner_text() == "1" and "$42,635" in row.inner_text()
    assert page.locator(f"{CASE} details", has_text="headcount").locator("tbody tr").count() == 12

    # another seed draws other cases; the single saving stays
    old = output(page, "business_case", "risk.per_hour.p50")
    seed_2 = calculators.run("business_case", {"term_months": 12, "ramp_months": 0, "transition_cost": 0,
                                               "severance_per_agent": 3000, "seed": 2})["outputs"]["risk"]["per_hour"]
    page.fill(f"{CASE} [name='seed']", "2")
    assert float(wait_output(page, "business_case", "risk.per_hour.p50", seed_2["p50"])) != float(old)
    assert schedule.get_attribute("open") == ""  # the reader opened it: a new result leaves it open
    assert float(output(page, "business_case", "saving_present_value.per_hour")) == pytest.approx(
        12 * (45_700 - PER_HOUR_DEFAULT) - 24_000)


PER_HOUR_DEFAULT = 6000 * 8 / 60 / 0.85 * 16.5 * 1.2  # $18,635.29


def save_case(page, name: str) -> None:
    page.fill("[data-scenario-save='business_case'] input", name)
    page.click("[data-scenario-save='business_case'] [data-action='save-scenario']")
    page.wait_for_function("(name) => document.querySelector('[data-scenario-status]').textContent.includes(name)",
                           arg=name)


def test_business_case_scenarios_against_a_baseline_and_in_the_pack(page, site_url):
    # Flat: per hour, 12 × $18,635.29 = $223,623.53. At $20 an hour per hour would cost
    # $22,588.24 a month, above per FTE's 8 × $2,350 × 1.2 = $22,560: the decision moves to per
    # FTE at 12 × 22,560 = $270,720, $47,096.47 more than Flat's.
    flat = "?business_case.term_months=12&business_case.ramp_months=0&business_case.transition_cost=0"
    page.goto(calculator_url(site_url, "business_case") + flat)
    wait_ready(page, "business_case")
    wait_output(page, "business_case", "total.in_house", 12 * 45_700)  # the flat year's result is in
    save_case(page, "Flat")
    page.fill(f"{CASE} [name='hourly_rate']", "20")
    wait_output(page, "business_case", "total.per_hour", 12 * 800 / 0.85 * 20 * 1.2)
    wait_output(page, "business_case", "cheapest", "per_fte")
    save_case(page, "Dearer hour")

    view = "[data-scenarios-view]"
    page.goto(urljoin(site_url, "scenarios/"))
    page.wait_for_selector(f"{view}[data-state='ready']", state="attached", timeout=ENGINE_TIMEOUT_MS)
    page.wait_for_function("() => document.querySelector('[data-output=\"rows.1.difference\"]')")
    assert float(page.locator("[data-output='rows.1.difference']").get_attribute("data-value")) == pytest.approx(47_096.47, abs=0.01)
    page.select_option("[data-scenario-baseline]", "Dearer hour")
    page.wait_for_function(
        "() => Number(document.querySelector('[data-output=\"rows.0.difference\"]')?.dataset.value) < 0")
    assert float(page.locator("[data-output='rows.0.difference']").get_attribute("data-value")) == pytest.approx(-47_096.47, abs=0.01)
    assert page.locator("[data-output='rows.1.payback_month']").inner_text() == "month 1"

    pack = "[data-decision-pack]"
    page.goto(urljoin(site_url, "decision-pack/"))
    page.wait_for_selector(f"{pack}[data-state='ready']", state="attached", timeout=ENGINE_TIMEOUT_MS)
    assert page.locator(f"{pack} #saved-scenarios").inner_text() == "Saved scenarios compared"
    assert page.locator(f"{pack} [data-result='scenarios'] [data-output='rows.1.cheapest']").first.get_attribute("data-value") == "per_fte"
    with page.expect_download() as markdown:
        page.click(f"{pack} [data-action='download-markdown']")
    from pathlib import Path

    text = Path(markdown.value.path()).read_text(encoding="utf-8")
    assert "## Saved scenarios compared" in text and "| Dearer hour | Per dedicated agent | $270,720 |" in text
    # the reader can leave them out
    page.uncheck(f"{pack} [data-pack-include-scenarios]")
    page.wait_for_function("() => !document.querySelector('[data-decision-pack] #saved-scenarios')")
