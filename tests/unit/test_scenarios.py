"""Scenarios side by side (calculators/tools/scenarios.py): each saved scenario recomputed,
figures worked by hand, what no longer parses skipped with a plain note."""
from __future__ import annotations

import json

import pytest

import calculators


def compare(scenarios, baseline="") -> dict:
    result = calculators.run("scenarios", {"scenarios": json.dumps(scenarios), "baseline": baseline})
    assert result["ok"], result
    return result


def test_two_cost_scenarios_worked_by_hand():
    # Per ticket: tickets x (80% x 3.00 + 20% x 10.50 = 4.50) x 1.2 hidden costs.
    result = compare([
        {"name": "In-house today", "calculator": "cost", "inputs": {"monthly_tickets": "6000"}},
        {"name": "Half the volume", "calculator": "cost", "inputs": {"monthly_tickets": "3000"}},
    ])
    rows = result["outputs"]["rows"]
    assert [row["name"] for row in rows] == ["In-house today", "Half the volume"]
    assert rows[0]["figures"]["per_ticket"] == pytest.approx(32_400)
    assert rows[1]["figures"]["per_ticket"] == pytest.approx(16_200)
    assert "| Half the volume | $9,318 | $16,200 |" in result["markdown"]
    assert "Half the volume,9317.64705882353,16200.0," in result["csv"]
    assert "“Half the volume” costs the least: $9,318 a month (per agent hour)." in result["markdown"]
    assert 'data-output="rows.1.figures.per_ticket" data-value="16200' in result["html"]


def test_what_no_longer_parses_is_skipped_with_a_plain_note():
    result = compare([
        "an old format",
        {"name": "Edited", "calculator": "cost", "inputs": {"monthly_tickets": "-3"}},
        {"name": "Gone", "calculator": "no_such", "inputs": {}},
        {"name": "Kept", "calculator": "cost", "inputs": {}},
    ])
    out = result["outputs"]
    assert [row["name"] for row in out["rows"]] == ["Kept"]
    assert out["skipped"] == [
        "Scenario 1 was skipped: it was saved in a form this page no longer reads.",
        "“Edited” was skipped: Tickets per month must be more than 0 tickets.",
        "“Gone” was skipped: this site has no no_such calculator to recompute it with.",
    ]


@pytest.mark.parametrize("text", ["{oops", "{\"a\": 1}"])
def test_an_unreadable_list_is_a_field_message(text):
    assert set(calculators.run("scenarios", {"scenarios": text})["errors"]) == {"scenarios"}


def test_nothing_saved_reads_plainly():
    assert "No scenario saved in this browser yet." in calculators.run("scenarios", {})["markdown"]


def test_names_are_escaped():
    result = compare([{"name": "<img src=x> | A", "calculator": "cost", "inputs": {}}])
    assert "<img" not in result["html"]
    assert "\\<img src=x\\> \\| A" in result["markdown"]


FLAT_YEAR = {"ramp_months": "0", "transition_cost": "0", "term_months": "12"}


def test_business_cases_compared_on_present_value_payback_irr_and_the_baseline():
    # Flat: per hour at 941.18 h × $16.50 × 1.2 = $18,635.29 a month, 12 months: $223,623.53,
    # saving 12 × (45,700 − 18,635.29) = $324,776.47 against in-house, paying back in month 1.
    # Dearer: $20 an hour makes per hour 941.18 × 20 × 1.2 = $22,588.24, above per FTE's
    # 8 × $2,350 × 1.2 = $22,560: the decision moves to per FTE, 12 × 22,560 = $270,720,
    # $47,096.47 more than Flat's. With a $200,000 transition, month 1 saves 27,064.71 − 200,000
    # = −172,935.29 and the other 11 months 27,064.71 each: the running saving first reaches 0 in
    # month 8 (8 × 27,064.71 = 216,517.65), and the savings have a rate of return.
    result = compare([
        {"name": "Flat", "calculator": "business_case", "inputs": FLAT_YEAR},
        {"name": "Dearer", "calculator": "business_case", "inputs": {**FLAT_YEAR, "hourly_rate": "20"}},
        {"name": "Moving costs", "calculator": "business_case", "inputs": {**FLAT_YEAR, "transition_cost": "200000"}},
    ])
    flat, dearer, moving = result["outputs"]["rows"]
    assert result["outputs"]["baselines"] == {"business_case": "Flat"}
    assert flat["cheapest"] == "per_hour" and dearer["cheapest"] == "per_fte"
    assert flat["decision_present_value"] == pytest.approx(12 * 800 / 0.85 * 16.5 * 1.2)
    assert flat["saving_present_value"] == pytest.approx(12 * (45_700 - 800 / 0.85 * 16.5 * 1.2))
    assert flat["payback_month"] == 1 and flat["irr_percent"] is None  # nothing to pay back
    assert dearer["decision_present_value"] == pytest.approx(270_720)
    assert dearer["difference"] == pytest.approx(12 * (22_560 - 800 / 0.85 * 16.5 * 1.2))
    assert round(dearer["difference"], 2) == 47_096.47
    assert flat["difference"] == 0 and moving["difference"] == pytest.approx(200_000)
    assert moving["payback_month"] == 8
    saving = 45_700 - 800 / 0.85 * 16.5 * 1.2
    monthly_rate = (1 + moving["irr_percent"] / 100) ** (1 / 12) - 1
    npv = sum(s / (1 + monthly_rate) ** m for m, s in enumerate([saving - 200_000] + [saving] * 11))
    assert npv == pytest.approx(0, abs=1e-6)  # the rate at which the savings are worth nothing today
    assert "| Dearer | Per dedicated agent | $270,720 | $277,680 | month 1 | – | +$47,096 |" in result["markdown"]
    # another baseline: the others are read against it
    again = compare([
        {"name": "Flat", "calculator": "business_case", "inputs": FLAT_YEAR},
        {"name": "Dearer", "calculator": "business_case", "inputs": {**FLAT_YEAR, "hourly_rate": "20"}},
    ], baseline="Dearer")
    assert again["outputs"]["rows"][0]["difference"] == pytest.approx(-47_096.47, abs=0.01)
    assert "against “Dearer”" in again["markdown"]


def test_cost_scenarios_differ_from_their_baseline():
    result = compare([
        {"name": "In-house today", "calculator": "cost", "inputs": {"monthly_tickets": "6000"}},
        {"name": "Half the volume", "calculator": "cost", "inputs": {"monthly_tickets": "3000"}},
    ])
    # per hour is cheapest in both: 18,635.29 and 9,317.65 a month
    assert result["outputs"]["rows"][1]["difference"] == pytest.approx(-800 / 0.85 * 16.5 * 1.2 / 2)
    assert "| Half the volume | Per agent hour | $9,318 | −$9,318 |" in result["markdown"]
