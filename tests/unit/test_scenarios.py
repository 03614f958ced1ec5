"""Scenarios side by side (calculators/tools/scenarios.py): each saved scenario recomputed,
figures worked by hand, what no longer parses skipped with a plain note."""
from __future__ import annotations

import json

import pytest

import calculators


def compare(scenarios) -> dict:
    result = calculators.run("scenarios", {"scenarios": json.dumps(scenarios)})
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
