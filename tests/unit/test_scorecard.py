"""The vendor scorecard: weighted scores, ranking and tie-breaking, weakest criteria and
red flags, both input shapes, every validation message, and people's text shown as text.
Every expected value is worked by hand in the comment beside it."""
from __future__ import annotations

import pytest

import calculators
from calculators.scorecard import CRITERIA, FIELDS

CRITERION_KEYS = ["qa", "experience", "hiring_training", "knowledge", "escalation", "reporting", "price"]


def run(inputs):
    return calculators.run("scorecard", inputs)


def test_criteria_are_the_guides_seven():
    assert [c.key for c in CRITERIA] == CRITERION_KEYS


def test_defaults_are_the_worked_example():
    out = run({})["outputs"]
    # Weights 3, 2, 1, 1, 2, 1, 2: total 12.
    # Vendor A 4,3,4,3,4,3,2: 12 + 6 + 4 + 3 + 8 + 3 + 4 = 40 -> 40/12 = 3.333…
    # Vendor B 3,4,3,3,2,4,5:  9 + 8 + 3 + 3 + 4 + 4 + 10 = 41 -> 41/12 = 3.416…
    assert out["scores"] == {"Vendor B": pytest.approx(41 / 12), "Vendor A": pytest.approx(40 / 12)}
    assert out["ranking"] == ["Vendor B", "Vendor A"]
    assert out["margin"] == pytest.approx(1 / 12)
    # One point on QA (weight 3) moves a score by 3/12 = 0.25 ≥ 1/12: close.
    assert out["close"] is True
    assert out["weakest"] == {"Vendor B": ["escalation"], "Vendor A": ["price"]}
    # Average weight 12/7 = 1.71: QA, experience, escalation and price are heavy.
    assert out["red_flags"] == {"Vendor B": ["escalation"], "Vendor A": ["price"]}
    assert out["warnings"] == [
        "Vendor B scores 2 on escalation handling, which you weigh heavily: ask for its written escalation "
        "triggers and handover times, and test them in the pilot.",
        "Vendor A scores 2 on price, which you weigh heavily: compare the all-in monthly cost, hidden costs "
        "included, in the cost calculator.",
    ]


def test_contract_inputs_missing_criteria_weigh_nothing():
    # Only QA (2) and price (1) weigh: total 3. Acme (2×5 + 1×2)/3 = 12/3 = 4.0;
    # Beta (2×3 + 1×5)/3 = 11/3 = 3.667. Average weight 1.5: only QA is heavy, so Acme's
    # 2 on price is its weakest criterion but not a red flag.
    result = run({"weights": {"qa": 2, "price": 1}, "vendors": [
        {"name": "Acme", "scores": {"qa": 5, "price": 2}},
        {"name": "Beta", "scores": {"qa": 3, "price": 5}},
    ]})
    out = result["outputs"]
    assert out["scores"] == {"Acme": pytest.approx(4.0), "Beta": pytest.approx(11 / 3)}
    assert out["ranking"] == ["Acme", "Beta"]
    assert out["weakest"] == {"Acme": ["price"], "Beta": ["qa"]}
    assert out["red_flags"] == {"Acme": [], "Beta": []}
    # Margin 1/3 ≤ one point on QA, 2/3: close.
    assert out["margin"] == pytest.approx(1 / 3) and out["close"] is True
    assert "Weighted 0, so left out: relevant experience, hiring and training, knowledge management, " \
           "escalation handling, reporting and transparency." in result["markdown"]


def test_a_clear_lead_is_not_close():
    # Equal weights 1 and 1: Acme (5 + 5)/2 = 5, Beta (1 + 2)/2 = 1.5; margin 3.5 > 1/2.
    out = run({"weights": {"qa": 1, "price": 1}, "vendors": [
        {"name": "Acme", "scores": {"qa": 5, "price": 5}},
        {"name": "Beta", "scores": {"qa": 1, "price": 2}},
    ]})["outputs"]
    assert out["scores"] == {"Acme": 5.0, "Beta": 1.5}
    assert out["close"] is False
    # Both weights equal the average, so both are heavy: Beta has two red flags.
    assert out["red_flags"]["Beta"] == ["qa", "price"]
    assert out["weakest"]["Beta"] == ["qa"]


def test_tie_goes_to_fewer_red_flags_then_input_order():
    # Weights 1 and 1. X (4 + 2)/2 = 3 with a 2 on price (a red flag); Y (3 + 3)/2 = 3;
    # Z (2 + 4)/2 = 3 with a 2 on QA. All tie at 3: Y has no red flag and goes first;
    # X and Z have one each and keep the order they were entered in.
    out = run({"weights": {"qa": 1, "price": 1}, "vendors": [
        {"name": "X", "scores": {"qa": 4, "price": 2}},
        {"name": "Y", "scores": {"qa": 3, "price": 3}},
        {"name": "Z", "scores": {"qa": 2, "price": 4}},
    ]})
    assert out["outputs"]["ranking"] == ["Y", "X", "Z"]
    assert out["outputs"]["margin"] == 0 and out["outputs"]["close"] is True
    assert out["markdown"].splitlines()[2] == "Y, X and Z tie at 3.00 out of 5; Y is listed first for having fewer red flags."


def test_scores_equal_but_for_float_rounding_tie():
    # Weights 0.1, 0.2, 0.3 (total 0.6). V1 1, 1, 3: 0.1 + 0.2 + 0.9 = 1.2; V2 3, 3, 1:
    # 0.3 + 0.6 + 0.3 = 1.2. Both are exactly 2, though in floating point V2 comes out as
    # 2.0000000000000004; the tie keeps the order entered (one red flag each: heavy are
    # weights ≥ 0.2, V1 has 1 on experience, V2 1 on price).
    weights = {"qa": 0.1, "experience": 0.2, "price": 0.3}
    v1 = {"name": "V1", "scores": {"qa": 1, "experience": 1, "price": 3}}
    v2 = {"name": "V2", "scores": {"qa": 3, "experience": 3, "price": 1}}
    out = run({"weights": weights, "vendors": [v1, v2]})["outputs"]
    assert out["scores"]["V1"] != out["scores"]["V2"]  # the floats differ in the last bit...
    assert out["ranking"] == ["V1", "V2"]  # ...and still tie
    assert out["margin"] == pytest.approx(0, abs=1e-12)
    assert run({"weights": weights, "vendors": [v2, v1]})["outputs"]["ranking"] == ["V2", "V1"]


def test_flat_form_with_three_vendors_and_an_unnamed_fourth():
    flat = {"vendor_3_name": "Gamma", **{f"vendor_3_{k}": "5" for k in CRITERION_KEYS},
            "vendor_4_name": "  ", **{f"vendor_4_{k}": "1" for k in CRITERION_KEYS}}
    out = run(flat)["outputs"]
    # Gamma scores 5 everywhere: 5.00; the unnamed vendor 4 is left out.
    assert out["ranking"] == ["Gamma", "Vendor B", "Vendor A"]
    assert out["scores"]["Gamma"] == 5.0
    # Gamma's lowest score is 5, on every criterion.
    assert out["weakest"]["Gamma"] == CRITERION_KEYS
    # 5 − 41/12 = 19/12 > 3/12: not close.
    assert out["margin"] == pytest.approx(19 / 12) and out["close"] is False


def test_a_criterion_weighted_zero_may_be_left_unscored():
    flat = {"weight_price": "0", "vendor_1_price": "", "vendor_2_price": ""}
    out = run(flat)["outputs"]
    # Without price (total 10): A 40 − 4 = 36 -> 3.6; B 41 − 10 = 31 -> 3.1.
    assert out["scores"] == {"Vendor A": pytest.approx(3.6), "Vendor B": pytest.approx(3.1)}
    assert out["ranking"] == ["Vendor A", "Vendor B"]


def test_weights_are_relative():
    doubled = {f"weight_{c.key}": c.default_weight * 2 for c in CRITERIA}
    assert run(doubled)["outputs"]["scores"] == pytest.approx(run({})["outputs"]["scores"])


@pytest.mark.parametrize(("inputs", "errors"), [
    ({"weight_qa": -1}, {"weight_qa": "Weight of quality assurance cannot be negative."}),
    ({"weight_price": "101"}, {"weight_price": "Weight of price must be at most 100."}),
    ({"weight_escalation": "high"}, {"weight_escalation": "Weight of escalation handling must be a number; “high” is not one."}),
    ({f"weight_{k}": 0 for k in CRITERION_KEYS}, {"weight_qa": "Give at least one criterion a weight above 0."}),
    ({"vendor_1_qa": 6}, {"vendor_1_qa": "Vendor 1 score for quality assurance must be at most 5."}),
    ({"vendor_1_qa": "0"}, {"vendor_1_qa": "Vendor 1 score for quality assurance must be at least 1."}),
    ({"vendor_2_price": "3.5"}, {"vendor_2_price": "Vendor 2 score for price must be a whole number."}),
    ({"vendor_2_price": ""}, {"vendor_2_price": "Vendor 2 score for price is empty: enter a whole number from 1 to 5."}),
    ({"vendor_1_name": ""}, {"vendor_1_name": "Vendor 1 name is empty: enter an answer."}),
    ({"vendor_2_name": "  "}, {"vendor_2_name": "Vendor 2 name is empty: enter an answer."}),
    ({"vendor_2_name": "vendor a"}, {"vendor_2_name": "Vendor 1 is already called “Vendor A”: give each vendor a different name."}),
    ({"vendor_2_name": "x" * 81}, {"vendor_2_name": "Vendor 2 name is too long: keep it under 80 characters."}),
    ({"vendor_3_name": "Gamma", "vendor_3_price": 3}, {
        f"vendor_3_{c.key}": f"Vendor 3 score for {c.label} is empty: enter a whole number from 1 to 5."
        for c in CRITERIA if c.key != "price"}),
])
def test_flat_validation_messages(inputs, errors):
    result = run(inputs)
    assert result["ok"] is False
    assert result["errors"] == errors


A = {"name": "A", "scores": {"qa": 3}}
B = {"name": "B", "scores": {"qa": 4}}


@pytest.mark.parametrize(("inputs", "errors"), [
    ({"weights": {"qa": 1, "speed": 2}, "vendors": [A, B]},
     {"weights": "“speed” is not a criterion; the criteria are: qa, experience, hiring_training, knowledge, "
                 "escalation, reporting, price."}),
    ({"weights": [1, 2], "vendors": [A, B]}, {"weights": "The weights must be a set of criterion: weight pairs."}),
    ({"weights": {"qa": 1}, "vendors": [A]}, {"vendors": "Compare two to six vendors; the list has 1."}),
    ({"weights": {"qa": 1}, "vendors": [A] * 7}, {"vendors": "Compare two to six vendors; the list has 7."}),
    ({"weights": {"qa": 1}, "vendors": "A, B"}, {"vendors": "The vendors must be a list of {name, scores}."}),
    ({"weights": {"qa": 1}, "vendors": [A, {"name": "B"}]}, {"vendors": "Vendor 2 must have a name and a set of scores."}),
    ({"weights": {"qa": 1}, "vendors": [A, {"name": " ", "scores": {"qa": 1}}]}, {"vendors": "Vendor 2 in the list has no name."}),
    ({"weights": {"qa": 1}, "vendors": [A, {"name": "B", "scores": {"speed": 1}}]},
     {"vendors": "Vendor 2: “speed” is not a criterion; the criteria are: qa, experience, hiring_training, knowledge, "
                 "escalation, reporting, price."}),
    ({"weights": {"qa": 1}, "vendors": [A, {"name": "B", "scores": {"qa": "x"}}]},
     {"vendor_2_qa": "Vendor 2 score for quality assurance must be a number; “x” is not one."}),
    ({"weights": {"qa": 1}, "vendors": [A, {"name": "B", "scores": {}}]},
     {"vendor_2_qa": "Vendor 2 score for quality assurance is empty: enter a whole number from 1 to 5."}),
    ({"weights": {"qa": 1}, "vendors": [A, {"name": "a", "scores": {"qa": 2}}]},
     {"vendor_2_name": "Vendor 1 is already called “A”: give each vendor a different name."}),
])
def test_contract_validation_messages(inputs, errors):
    result = run(inputs)
    assert result["ok"] is False
    assert result["errors"] == errors


def test_contract_vendors_without_weights_use_the_default_weights():
    # Default weights, total 12; every score 3 or 4 on all seven: 36/12 = 3 and 48/12 = 4.
    result = run({"vendors": [{"name": "Three", "scores": {k: 3 for k in CRITERION_KEYS}},
                              {"name": "Four", "scores": {k: 4 for k in CRITERION_KEYS}}]})
    assert result["outputs"]["scores"] == {"Four": 4.0, "Three": 3.0}


HOSTILE = "<img src=x onerror=alert(1)> | *A*"


def test_vendor_names_show_as_text_everywhere():
    result = run({"vendor_1_name": HOSTILE, "vendor_2_name": "=1+1"})
    assert result["ok"] is True
    assert "<img" not in result["html"]
    assert "&lt;img src=x onerror=alert(1)&gt; | *A*" in result["html"]
    assert "\\<img src=x onerror=alert(1)\\> \\| \\*A\\*" in result["markdown"]
    assert "<img src=x onerror=alert(1)> | *A*" in result["csv"]  # a CSV cell is text already
    assert "'=1+1" in result["csv"] and ",=1+1" not in result["csv"]
    assert result["outputs"]["ranking"] == ["=1+1", HOSTILE]


def test_report_hooks_carry_the_contract_outputs():
    html = run({})["html"]
    assert 'data-output="ranking" data-value="[&quot;Vendor B&quot;, &quot;Vendor A&quot;]"' in html
    assert 'data-output="scores"' in html


def test_form_has_a_fieldset_per_vendor_and_one_for_weights():
    groups = list(dict.fromkeys(f.group for f in FIELDS))
    assert groups == ["Weights", "Vendor 1", "Vendor 2", "Vendor 3", "Vendor 4", "Vendor 5", "Vendor 6"]
    assert len(FIELDS) == 7 + 6 * 8
    assert [f.required for f in FIELDS if f.key.endswith("_name")] == [True, True, False, False, False, False]
