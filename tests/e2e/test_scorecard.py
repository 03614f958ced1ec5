"""The scorecard in Chromium, as a reader fills it: vendor names and a low security score
knock a vendor out (shown in the summary, the table and the outputs), two evaluators'
scores are averaged with a disagreement marked, and quotes fill in the price scores.
Expected values are worked by hand in the comments."""
from __future__ import annotations

import json

import pytest

import calculators

from tests.e2e.helpers import calculator_url, output, wait_output, wait_ready, wait_state

pytestmark = pytest.mark.browser
FORM = 'form[data-calculator="scorecard"]'
KEYS = ["qa", "experience", "hiring_training", "knowledge", "escalation", "reporting", "security", "price"]


def _type(page, key: str, text: str) -> None:
    """Replace a box's text from the keyboard, as a reader does."""
    box = page.locator(f"{FORM} [name='{key}']")
    box.focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)


def _wait_output(page, key: str, value) -> None:
    page.wait_for_function(
        """([key, value]) => {
            const el = document.querySelector(`[data-result="scorecard"] [data-output="${key}"]`);
            return el && el.dataset.value === value;
        }""",
        arg=[key, value if isinstance(value, str) else json.dumps(value, sort_keys=True)],
    )


def test_a_vendor_below_the_security_minimum_is_knocked_out(page, site_url):
    page.goto(calculator_url(site_url, "scorecard"))
    # The knock-out minimum is a labeled box of its own, filled in for security.
    minimum = page.get_by_label("Knock-out minimum for data security and compliance")
    assert minimum.input_value() == "3"
    wait_ready(page, "scorecard")
    _type(page, "vendor_1_name", "Acme")
    _type(page, "vendor_2_name", "Beta")
    _wait_output(page, "ranking", ["Acme", "Beta"])
    # Beta's security 3 -> 2: below the minimum of 3, so Beta is out whatever its average,
    # (47 − 6 + 4) / 14 = 3.21; Acme, 48 / 14 = 3.43, is the only vendor still in.
    _type(page, "vendor_2_security", "2")
    _wait_output(page, "shortlist", ["Acme"])
    assert json.loads(output(page, "scorecard", "ranking")) == ["Acme", "Beta"]
    assert json.loads(output(page, "scorecard", "scores"))["Beta"] == pytest.approx(45 / 14)
    summary = page.locator(f"{FORM} .calc-summary").inner_text()
    assert "Acme is the only vendor still in after the knock-outs (1 vendor out), with 3.43 out of 5." in summary
    assert "Out on a knock-out: Beta (data security and compliance)." in summary
    # Said in words in the table too, never by color alone.
    row = page.locator(f"{FORM} tr", has=page.locator("th", has_text="Data security and compliance"))
    assert row.locator("td").last.inner_text() == "2, below the minimum: out"
    # The status region announces the new reading.
    page.wait_for_function(
        "() => document.querySelector('form[data-calculator=\"scorecard\"] [data-status]')"
        ".textContent.includes('Out on a knock-out')")


def test_two_evaluators_are_averaged_and_a_disagreement_marked(page, site_url):
    page.goto(calculator_url(site_url, "scorecard"))
    wait_ready(page, "scorecard")
    _type(page, "evaluators", "2")
    # Every box now holds one score for two evaluators: refused, with a message beside it.
    assert wait_state(page, "scorecard", ("invalid",)) == "invalid"
    message = page.locator(f"{FORM} [data-error-for='vendor_1_qa']").inner_text()
    assert message == ("Vendor 1 score for quality assurance has 1 score for 2 evaluators: enter one whole number "
                       "from 1 to 5 per evaluator, in the same order, separated by spaces.")
    assert page.locator(f"{FORM} [name='vendor_1_qa']").get_attribute("aria-invalid") == "true"
    # Both evaluators agree on everything but vendor 1's QA, where they give 5 and 3.
    for vendor, scores in ((1, [4, 3, 4, 3, 4, 3, 4, 2]), (2, [3, 4, 3, 3, 2, 4, 3, 5])):
        for key, score in zip(KEYS, scores):
            _type(page, f"vendor_{vendor}_{key}", "5 3" if (vendor, key) == (1, "qa") else f"{score} {score}")
    wait_ready(page, "scorecard")
    # Vendor 1's QA mean is (5 + 3) / 2 = 4, as before: the scores are unchanged, 48/14 and 47/14.
    _wait_output(page, "disagreements", {"Vendor A": ["qa"], "Vendor B": []})
    assert json.loads(output(page, "scorecard", "scores")) == {
        "Vendor A": pytest.approx(48 / 14), "Vendor B": pytest.approx(47 / 14)}
    row = page.locator(f"{FORM} tr", has=page.locator("th", has_text="Quality assurance (QA)"))
    assert row.locator("td").nth(2).inner_text() == "4 (5, 3), discuss"


def test_quotes_fill_in_the_price_scores(page, site_url):
    page.goto(calculator_url(site_url, "scorecard"))
    wait_ready(page, "scorecard")
    _type(page, "vendor_1_quote", "12,000")
    # Only one quote: the other is asked for beside its box.
    assert wait_state(page, "scorecard", ("invalid",)) == "invalid"
    assert "Vendor 2 monthly quote is empty" in page.locator(f"{FORM} [data-error-for='vendor_2_quote']").inner_text()
    _type(page, "vendor_2_quote", "9000")
    # Cheapest 9,000 scores 5; 12,000 scores 5 × 9,000 / 12,000 = 3.75.
    _wait_output(page, "price_scores", {"Vendor A": 3.75, "Vendor B": 5.0})


# Two offers priced in the cost calculator, 2,000 tickets a month at two hourly rates. Billed
# hours 2,000 × 8 ÷ 60 ÷ 0.85 = 313.73; with 20% hidden costs, per hour is the cheapest vendor
# option in both (per FTE 3 × 2,350 × 1.2 = 8,460, blended 8,109.15, per ticket 10,800):
ACME = 2000 * 8 / 60 / 0.85 * 17 * 1.2  # = 326,400 ÷ 51 = 6,400 a month
BETA = 2000 * 8 / 60 / 0.85 * 21.25 * 1.2  # = 408,000 ÷ 51 = 8,000 a month
COST = 'form[data-calculator="cost"]'


def _save_cost_scenario(page, hourly: str, name: str, expected: float) -> None:
    page.fill(f"{COST} [name='hourly_rate']", hourly)
    wait_output(page, "cost", "cheapest_vendor_monthly", expected)
    page.fill("[data-scenario-save='cost'] input", name)
    page.click("[data-scenario-save='cost'] [data-action='save-scenario']")
    page.wait_for_function("(name) => document.querySelector('[data-scenario-status]').textContent.includes(name)",
                           arg=name)


def _wait_value(page, key: str, value: str) -> None:
    page.wait_for_function("([selector, value]) => document.querySelector(selector).value === value",
                           arg=[f"{FORM} [name='{key}']", value])


def test_quotes_taken_from_two_saved_cost_scenarios(page, site_url):
    page.goto(calculator_url(site_url, "cost"))
    wait_ready(page, "cost")
    page.fill(f"{COST} [name='monthly_tickets']", "2000")
    wait_output(page, "cost", "cheapest_vendor_monthly",
                calculators.run("cost", {"monthly_tickets": 2000})["outputs"]["cheapest_vendor_monthly"])
    _save_cost_scenario(page, "17", "Acme offer", ACME)
    _save_cost_scenario(page, "21.25", "Beta offer", BETA)
    # The hand-over link carries the figure on screen as vendor 1's quote.
    link = page.get_by_role("link", name="Score this quote in the scorecard")
    assert link.get_attribute("href").endswith("/calculators/scorecard/?scorecard.vendor_1_quote=8000")

    page.goto(calculator_url(site_url, "scorecard"))
    wait_ready(page, "scorecard")
    picker = page.get_by_label("Vendor 1: take the quote from a saved cost scenario")
    assert picker.locator("option").all_inner_texts() == ["Choose a saved cost scenario", "Acme offer", "Beta offer"]
    picker.select_option(label="Acme offer")
    _wait_value(page, "vendor_1_quote", "6400")
    assert "Took 6,400 a month from “Acme offer”" in page.locator("[data-quote-from-status='1']").inner_text()
    page.get_by_label("Vendor 2: take the quote from a saved cost scenario").select_option(label="Beta offer")
    _wait_value(page, "vendor_2_quote", "8000")
    # Cheapest 6,400 scores 5; 8,000 scores 5 × 6,400 ÷ 8,000 = 4. Vendor A's sum 48 − 2 × 2 +
    # 2 × 5 = 54, Vendor B's 47 − 2 × 5 + 2 × 4 = 45, out of 14.
    _wait_output(page, "price_scores", {"Vendor A": 5.0, "Vendor B": 4.0})
    scores = json.loads(output(page, "scorecard", "scores"))
    assert scores == {"Vendor A": pytest.approx(54 / 14), "Vendor B": pytest.approx(45 / 14)}
    # Typing still works, over a quote taken from a scenario: 5 × 6,400 ÷ 12,800 = 2.5.
    _type(page, "vendor_2_quote", "12800")
    _wait_output(page, "price_scores", {"Vendor A": 5.0, "Vendor B": 2.5})


def test_the_quote_picker_says_when_there_is_nothing_to_take(page, site_url):
    page.goto(calculator_url(site_url, "scorecard"))
    wait_ready(page, "scorecard")
    picker = page.locator("[data-quote-from='1']")
    assert picker.is_disabled()
    assert "No cost scenario is saved in this browser yet" in page.locator("[data-quote-from-status='1']").inner_text()


def test_the_quote_picker_without_storage_leaves_typing_working(page, site_url):
    page.add_init_script(
        'Storage.prototype.setItem = function () { throw new DOMException("Full.", "QuotaExceededError"); };')
    page.goto(calculator_url(site_url, "scorecard"))
    wait_ready(page, "scorecard")
    assert page.locator("[data-quote-from='2']").is_disabled()
    # Storage that refuses every write holds no saved scenario: the picker says so and offers
    # typing (pack/quotes.js; blocked storage has its own words, tests/e2e/test_trust.py).
    assert "No cost scenario is saved in this browser" in page.locator("[data-quote-from-status='2']").inner_text()
    _type(page, "vendor_1_quote", "12,000")
    _type(page, "vendor_2_quote", "9000")
    _wait_output(page, "price_scores", {"Vendor A": 3.75, "Vendor B": 5.0})
