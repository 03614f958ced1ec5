"""The scorecard in Chromium, as a reader fills it: vendor names and a low security score
knock a vendor out (shown in the summary, the table and the outputs), two evaluators'
scores are averaged with a disagreement marked, and quotes fill in the price scores.
Expected values are worked by hand in the comments."""
from __future__ import annotations

import json

import pytest

from tests.e2e.helpers import calculator_url, output, wait_ready, wait_state

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
    # The knock-out minimum is a labelled box of its own, filled in for security.
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
    # Said in words in the table too, never by colour alone.
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
