"""The vendor scorecard: weighted scores, ranking and tie-breaking, weakest criteria and
red flags, knock-outs, several evaluators and their disagreements, renamed and added
criteria, price scored from quotes, both input shapes, every validation message, and
people's text shown as text. Every expected value is worked by hand in the comment beside
it."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

import calculators
from calculators.scorecard import CRITERIA, FIELDS

CRITERION_KEYS = ["qa", "experience", "hiring_training", "knowledge", "escalation", "reporting", "security", "price"]
OLD_KEYS = [k for k in CRITERION_KEYS if k != "security"]  # the seven before security joined


def run(inputs):
    return calculators.run("scorecard", inputs)


def test_criteria_are_the_guides_eight_with_security():
    assert [c.key for c in CRITERIA] == CRITERION_KEYS
    assert CRITERIA[6].label == "data security and compliance"


def test_defaults_are_the_worked_example():
    out = run({})["outputs"]
    # Weights 3, 2, 1, 1, 2, 1, 2, 2: total 14.
    # Vendor A 4,3,4,3,4,3,4,2: 12 + 6 + 4 + 3 + 8 + 3 + 8 + 4 = 48 -> 48/14 = 3.428…
    # Vendor B 3,4,3,3,2,4,3,5:  9 + 8 + 3 + 3 + 4 + 4 + 6 + 10 = 47 -> 47/14 = 3.357…
    assert out["scores"] == {"Vendor A": pytest.approx(48 / 14), "Vendor B": pytest.approx(47 / 14)}
    assert out["ranking"] == ["Vendor A", "Vendor B"]
    # Security is a knock-out at 3: A has 4, B exactly 3, so both stay in.
    assert out["knocked_out"] == {"Vendor A": [], "Vendor B": []}
    assert out["shortlist"] == ["Vendor A", "Vendor B"]
    assert out["margin"] == pytest.approx(1 / 14)
    # One point on QA (weight 3) moves a score by 3/14 = 0.21 ≥ 1/14: close.
    assert out["close"] is True
    assert out["weakest"] == {"Vendor A": ["price"], "Vendor B": ["escalation"]}
    # Average weight 14/8 = 1.75: QA, experience, escalation, security and price are heavy.
    assert out["red_flags"] == {"Vendor A": ["price"], "Vendor B": ["escalation"]}
    assert out["warnings"] == [
        "Vendor A scores 2 on price, which you weigh heavily: compare the all-in monthly cost, hidden costs "
        "included, in the cost calculator.",
        "Vendor B scores 2 on escalation handling, which you weigh heavily: ask for its written escalation "
        "triggers and handover times, and test them in the pilot.",
    ]
    assert out["evaluators"] == 1 and out["disagreements"] == {"Vendor A": [], "Vendor B": []}
    assert out["price_scores"] is None


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
           "escalation handling, reporting and transparency, data security and compliance." in result["markdown"]


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
    assert out["ranking"] == ["Gamma", "Vendor A", "Vendor B"]
    assert out["scores"]["Gamma"] == 5.0
    # Gamma's lowest score is 5, on every criterion.
    assert out["weakest"]["Gamma"] == CRITERION_KEYS
    # 5 − 48/14 = 22/14 > 3/14: not close.
    assert out["margin"] == pytest.approx(22 / 14) and out["close"] is False


def test_a_criterion_weighted_zero_may_be_left_unscored():
    flat = {"weight_price": "0", "vendor_1_price": "", "vendor_2_price": ""}
    out = run(flat)["outputs"]
    # Without price (total 12): A 48 − 4 = 44 -> 3.667; B 47 − 10 = 37 -> 3.083.
    assert out["scores"] == {"Vendor A": pytest.approx(44 / 12), "Vendor B": pytest.approx(37 / 12)}
    assert out["ranking"] == ["Vendor A", "Vendor B"]


def test_weights_are_relative():
    doubled = {f"weight_{c.key}": c.default_weight * 2 for c in CRITERIA}
    assert run(doubled)["outputs"]["scores"] == pytest.approx(run({})["outputs"]["scores"])


@pytest.mark.parametrize(("inputs", "errors"), [
    ({"weight_qa": -1}, {"weight_qa": "Weight of quality assurance cannot be negative."}),
    ({"weight_price": "101"}, {"weight_price": "Weight of price must be at most 100."}),
    ({"weight_escalation": "high"}, {"weight_escalation": "Weight of escalation handling must be a number; “high” is not one."}),
    ({f"weight_{k}": 0 for k in CRITERION_KEYS}, {"weight_qa": "Give at least one criterion a weight above 0."}),
    ({"vendor_1_qa": "4 5"}, {"vendor_1_qa": "Vendor 1 score for quality assurance has 2 scores for 1 evaluator: "
                                             "enter one whole number from 1 to 5 per evaluator, in the same order, "
                                             "separated by spaces."}),
    ({"evaluators": "0"}, {"evaluators": "Number of evaluators must be at least 1."}),
    ({"minimum_security": "6"}, {"minimum_security": "Knock-out minimum for data security and compliance must be "
                                                     "at most 5."}),
    ({"name_qa": "x" * 61}, {"name_qa": "Criterion 1 name is too long: keep it under 60 characters."}),
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
                 "escalation, reporting, security, price, own_1, own_2, own_3."}),
    ({"weights": {"qa": 1, "own_4": 2}, "labels": {"own_4": "Fourth"}, "vendors": [A, B]},
     {"weights": "“own_4” is not a criterion; the criteria are: qa, experience, hiring_training, knowledge, "
                 "escalation, reporting, security, price, own_1, own_2, own_3.",
      "labels": "“own_4” is not a criterion; the criteria are: qa, experience, hiring_training, knowledge, "
                "escalation, reporting, security, price, own_1, own_2, own_3."}),
    # A long unknown name is quoted to its first 40 characters and an ellipsis (text.truncate):
    # "speed of first reply, " is 22 characters, "measured every week, " 21, so the cut falls
    # after "measured every wee" (22 + 18 = 40).
    ({"weights": {"qa": 1, "speed of first reply, measured every week, by channel": 2}, "vendors": [A, B]},
     {"weights": "“speed of first reply, measured every wee…” is not a criterion; the criteria are: qa, experience, "
                 "hiring_training, knowledge, escalation, reporting, security, price, own_1, own_2, own_3."}),
    ({"weights": {"qa": 1}, "minimums": [3], "vendors": [A, B]},
     {"minimums": "The minimums must be a set of criterion: minimum pairs."}),
    ({"weights": [1, 2], "vendors": [A, B]}, {"weights": "The weights must be a set of criterion: weight pairs."}),
    ({"weights": {"qa": 1}, "vendors": [A]}, {"vendors": "Compare two to six vendors; the list has 1."}),
    ({"weights": {"qa": 1}, "vendors": [A] * 7}, {"vendors": "Compare two to six vendors; the list has 7."}),
    ({"weights": {"qa": 1}, "vendors": "A, B"}, {"vendors": "The vendors must be a list of {name, scores}."}),
    ({"weights": {"qa": 1}, "vendors": [A, {"name": "B"}]}, {"vendors": "Vendor 2 must have a name and a set of scores."}),
    ({"weights": {"qa": 1}, "vendors": [A, {"name": " ", "scores": {"qa": 1}}]}, {"vendors": "Vendor 2 in the list has no name."}),
    ({"weights": {"qa": 1}, "vendors": [A, {"name": "B", "scores": {"speed": 1}}]},
     {"vendors": "Vendor 2: “speed” is not a criterion; the criteria are: qa, experience, hiring_training, "
                 "knowledge, escalation, reporting, security, price, own_1, own_2, own_3."}),
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
    # Default weights of the seven criteria scored (security, not scored, weighs 0), total
    # 12; every score 3 or 4: 36/12 = 3 and 48/12 = 4. The contract's inputs from before
    # security joined give the numbers they gave then.
    result = run({"vendors": [{"name": "Three", "scores": {k: 3 for k in OLD_KEYS}},
                              {"name": "Four", "scores": {k: 4 for k in OLD_KEYS}}]})
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
    assert result["outputs"]["ranking"] == [HOSTILE, "=1+1"]  # vendor 1's scores rank first


def test_a_vendor_name_shaped_as_a_formula_reaches_the_csv_defused():
    # The name: "-" then a digit passed the old guard, and a spreadsheet would run it.
    attack = "-2+3+cmd|' /C calc'!A0"
    result = run({"vendor_1_name": attack, "vendor_2_name": "-12.5"})
    assert result["ok"] and result["outputs"]["ranking"][0] == attack
    cells = [cell for row in csv.reader(io.StringIO(result["csv"])) for cell in row]
    assert "'" + attack in cells and attack not in cells
    assert "-12.5" in cells  # a name that is a plain number stays as written
    assert all(not cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)
    assert all(cell == "-12.5" or not cell.startswith("-") or re.fullmatch(r"-[0-9.,]+", cell) for cell in cells)


def test_report_hooks_carry_the_contract_outputs():
    html = run({})["html"]
    assert 'data-output="ranking" data-value="[&quot;Vendor A&quot;, &quot;Vendor B&quot;]"' in html
    assert 'data-output="scores"' in html


def test_form_has_a_fieldset_per_criterion_one_for_evaluators_and_one_per_vendor():
    groups = list(dict.fromkeys(f.group for f in FIELDS))
    assert groups == [
        "Criterion 1: Quality assurance (QA)", "Criterion 2: Relevant experience", "Criterion 3: Hiring and training",
        "Criterion 4: Knowledge management", "Criterion 5: Escalation handling",
        "Criterion 6: Reporting and transparency", "Criterion 7: Data security and compliance",
        "Criterion 8: Price", "Criterion 9: your own", "Criterion 10: your own", "Criterion 11: your own",
        "Evaluators", "Vendor 1", "Vendor 2", "Vendor 3", "Vendor 4", "Vendor 5", "Vendor 6"]
    # 8 criteria + 3 of the reader's own, each with a name, a weight and a knock-out
    # minimum; the evaluator count; per vendor a name, a quote and 11 score boxes.
    assert len(FIELDS) == 11 * 3 + 1 + 6 * (2 + 11)
    vendor_names = [f for f in FIELDS if f.key.startswith("vendor_") and f.key.endswith("_name")]
    assert [f.required for f in vendor_names] == [True, True, False, False, False, False]
    # Every key the form had before keeps its meaning (shared links reopen).
    keys = {f.key for f in FIELDS}
    assert {f"weight_{k}" for k in OLD_KEYS} <= keys
    assert {f"vendor_{i}_{k}" for i in range(1, 7) for k in ("name", *OLD_KEYS)} <= keys


# ------------------------------------------------------------------ knock-outs


def test_a_knock_out_rules_a_vendor_out_of_the_default_example():
    # Vendor B's security 2 is below the minimum 3: B is out. Its score still counts for
    # the table: 47 − 2 × 3 + 2 × 2 = 45 -> 45/14; A keeps 48/14 and is the only one in.
    result = run({"vendor_2_security": "2"})
    out = result["outputs"]
    assert out["knocked_out"] == {"Vendor A": [], "Vendor B": ["security"]}
    assert out["shortlist"] == ["Vendor A"]
    assert out["ranking"] == ["Vendor A", "Vendor B"]
    assert out["scores"]["Vendor B"] == pytest.approx(45 / 14)
    assert out["margin"] is None and out["close"] is False
    assert out["warnings"][0] == ("Vendor B scores 2 on data security and compliance, below your knock-out minimum "
                                  "of 3: it is out, whatever its average.")
    assert result["markdown"].splitlines()[2] == (
        "Vendor A is the only vendor still in after the knock-outs (1 vendor out), with 3.43 out of 5.")
    assert result["markdown"].splitlines()[3].startswith("Out on a knock-out: Vendor B (data security and compliance).")
    assert 'data-output="shortlist" data-value="[&quot;Vendor A&quot;]"' in result["html"]


def test_a_knocked_out_vendor_ranks_last_whatever_its_average():
    # Weights QA 1, security 1, security minimum 3. Low: (3 + 3)/2 = 3.0, in. High:
    # (5 + 2)/2 = 3.5, the better average, but 2 < 3 on security: out, ranked after Low.
    # Mid: (4 + 3)/2 = 3.5, in, ahead of Low. Exactly the minimum (3) stays in.
    out = run({"weights": {"qa": 1, "security": 1}, "minimums": {"security": 3}, "vendors": [
        {"name": "Low", "scores": {"qa": 3, "security": 3}},
        {"name": "High", "scores": {"qa": 5, "security": 2}},
        {"name": "Mid", "scores": {"qa": 4, "security": 3}},
    ]})["outputs"]
    assert out["scores"] == {"Mid": 3.5, "Low": 3.0, "High": 3.5}
    assert out["ranking"] == ["Mid", "Low", "High"]
    assert out["shortlist"] == ["Mid", "Low"]
    # The margin compares the two still in: 3.5 − 3.0 = 0.5 ≤ one point on QA (1/2): close.
    assert out["margin"] == pytest.approx(0.5) and out["close"] is True


def test_every_vendor_knocked_out_is_said_plainly():
    # Minimum 4 on QA; both score 3 there.
    result = run({"weights": {"qa": 1}, "minimums": {"qa": 4}, "vendors": [
        {"name": "P", "scores": {"qa": 3}}, {"name": "Q", "scores": {"qa": 3}}]})
    assert result["outputs"]["shortlist"] == []
    assert result["markdown"].splitlines()[2] == (
        "Every vendor falls below a knock-out minimum, so none can be chosen as scored.")


# ------------------------------------------------------------------ evaluators


PANEL = {"weights": {"qa": 1, "price": 1}, "evaluators": 3, "vendors": [
    {"name": "A", "scores": {"qa": [4, 2, 4], "price": [3, 3, 3]}},
    {"name": "B", "scores": {"qa": [3, 3, 4], "price": [5, 4, 5]}},
]}


def test_several_evaluators_are_averaged_and_disagreements_flagged():
    # A: QA (4 + 2 + 4)/3 = 10/3, price 3 -> (10/3 + 3)/2 = 19/6 = 3.1667.
    # B: QA (3 + 3 + 4)/3 = 10/3, price (5 + 4 + 5)/3 = 14/3 -> (10/3 + 14/3)/2 = 4.
    # A's QA scores are 4 − 2 = 2 apart: flagged; B's price 5 − 4 = 1 apart is not.
    result = run(PANEL)
    out = result["outputs"]
    assert out["criterion_scores"] == {"B": {"qa": pytest.approx(10 / 3), "price": pytest.approx(14 / 3)},
                                       "A": {"qa": pytest.approx(10 / 3), "price": 3.0}}
    assert out["scores"] == {"B": pytest.approx(4.0), "A": pytest.approx(19 / 6)}
    assert out["ranking"] == ["B", "A"]
    assert out["disagreements"] == {"B": [], "A": ["qa"]}
    assert out["evaluators"] == 3
    assert "| Quality assurance (QA) | 1 | – | 3.33 (3, 3, 4) | 3.33 (4, 2, 4), discuss |" in result["markdown"]
    assert "Evaluators are 2 or more points apart on 1 score: discuss them before deciding." in result["markdown"]


def test_evaluators_in_the_flat_form_one_box_per_vendor_and_criterion():
    # The same panel typed in the form: spaces, commas or slashes between scores.
    flat = {f"weight_{k}": 0 for k in CRITERION_KEYS} | {"weight_qa": 1, "weight_price": 1, "evaluators": "3",
            "vendor_1_name": "A", "vendor_1_qa": "4 2 4", "vendor_1_price": "3, 3, 3",
            "vendor_2_name": "B", "vendor_2_qa": "3/3/4", "vendor_2_price": " 5  4 5 "}
    assert run(flat)["outputs"]["scores"] == run(PANEL)["outputs"]["scores"]


def test_structured_lists_set_the_evaluator_count():
    inputs = {k: v for k, v in PANEL.items() if k != "evaluators"}
    assert run(inputs)["outputs"]["evaluators"] == 3


@pytest.mark.parametrize(("box", "message"), [
    ("4 4", "Vendor 1 score for quality assurance has 2 scores for 3 evaluators: enter one whole number from 1 "
            "to 5 per evaluator, in the same order, separated by spaces."),
    ("", "Vendor 1 score for quality assurance is empty: enter 3 scores from 1 to 5, one per evaluator."),
    ("4 6 4", "Vendor 1 score for quality assurance must be at most 5."),
    ("4 x 4", "Vendor 1 score for quality assurance must be a number; “4 x 4” is not one."),
    ("4 2.5 4", "Vendor 1 score for quality assurance must be a whole number."),
])
def test_evaluator_boxes_refused_with_a_message_on_the_box(box, message):
    result = run({"evaluators": 3, "vendor_1_qa": box,
                  **{f"vendor_{i}_{k}": "3 3 3" for i in (1, 2) for k in CRITERION_KEYS if (i, k) != (1, "qa")}})
    assert result["ok"] is False
    assert result["errors"] == {"vendor_1_qa": message}


# ------------------------------------------------------------------ renamed and added criteria


def test_renamed_and_added_criteria():
    # QA renamed: same key and scores, the reader's name in the report. Own criterion 1
    # "Cultural fit", weight 2: A 5, B 1. Totals: 14 + 2 = 16; A 48 + 10 = 58 -> 58/16 =
    # 3.625; B 47 + 2 = 49 -> 49/16 = 3.0625. Average weight 16/9 = 1.78, so cultural fit
    # (2) is heavy and B's 1 on it is a red flag.
    result = run({"name_qa": "QA and coaching", "name_own_1": "Cultural fit", "weight_own_1": "2",
                  "vendor_1_own_1": "5", "vendor_2_own_1": "1"})
    out = result["outputs"]
    assert out["scores"] == {"Vendor A": pytest.approx(58 / 16), "Vendor B": pytest.approx(49 / 16)}
    assert [c["name"] for c in out["criteria"]] == [
        "QA and coaching", "Relevant experience", "Hiring and training", "Knowledge management",
        "Escalation handling", "Reporting and transparency", "Data security and compliance", "Price", "Cultural fit"]
    assert out["criteria"][-1] == {"key": "own_1", "name": "Cultural fit", "weight": 2.0, "minimum": None}
    assert out["red_flags"]["Vendor B"] == ["escalation", "own_1"]
    assert "Vendor B scores 1 on Cultural fit, which you weigh heavily: ask for evidence on it, and test it in " \
           "the pilot." in out["warnings"]
    assert "| QA and coaching | 3 |" in result["markdown"]


def test_unnamed_own_criteria_are_left_out_and_scores_without_a_name_are_refused():
    # Own criteria have weight 1 by default but count only once named.
    assert run({"weight_own_2": "5"})["outputs"]["scores"] == run({})["outputs"]["scores"]
    result = run({"vendor_1_own_2": "4"})
    assert result["errors"] == {"name_own_2": "Your criterion 2 has scores but no name: name it to score it, "
                                              "or clear its scores."}


def test_renamed_knock_out_in_the_structured_shape():
    # Knock-out on an own criterion: "Language coverage" minimum 4; B has 3: out.
    out = run({"weights": {"qa": 1, "own_1": 1}, "labels": {"own_1": "Language coverage"},
               "minimums": {"own_1": 4}, "vendors": [
                   {"name": "A", "scores": {"qa": 3, "own_1": 4}},
                   {"name": "B", "scores": {"qa": 5, "own_1": 3}}]})["outputs"]
    assert out["knocked_out"] == {"A": [], "B": ["own_1"]}
    assert out["shortlist"] == ["A"]


# ------------------------------------------------------------------ price from quotes


def test_price_scored_from_quotes():
    # Cheapest 9,000 scores 5; A's 12,000 scores 5 × 9,000 / 12,000 = 3.75.
    # A: 48 − 2 × 2 + 2 × 3.75 = 51.5 -> 51.5/14 = 3.679; B (already 5): 47/14 = 3.357.
    result = run({"vendor_1_quote": "12,000", "vendor_2_quote": "9000"})
    out = result["outputs"]
    assert out["price_scores"] == {"Vendor A": 3.75, "Vendor B": 5.0}
    assert out["criterion_scores"]["Vendor A"]["price"] == 3.75
    assert out["scores"] == {"Vendor A": pytest.approx(51.5 / 14), "Vendor B": pytest.approx(47 / 14)}
    # A's price is no longer 2 or less: no red flag on it any more.
    assert out["red_flags"]["Vendor A"] == []
    assert "Price is scored from the quotes: 5 × the cheapest quote ÷ the vendor's quote, never under 1 " \
           "(Vendor A $12,000: 3.75; Vendor B $9,000: 5.00). The typed price scores are not used." in result["markdown"]


def test_a_quote_six_times_the_cheapest_scores_1_not_less():
    # 5 × 10,000 / 60,000 = 0.83, raised to 1; typed price scores (even bad ones) are not read.
    out = run({"vendor_1_quote": 60000, "vendor_2_quote": 10000, "vendor_1_price": "x"})["outputs"]
    assert out["price_scores"] == {"Vendor A": 1.0, "Vendor B": 5.0}


def test_quotes_for_some_vendors_only_are_refused():
    result = run({"vendor_1_quote": "12000"})
    assert result["errors"] == {"vendor_2_quote": "Vendor 2 monthly quote is empty: give every vendor's quote to "
                                                  "score price from them, or clear them all and type the price scores."}


def test_quotes_in_the_structured_shape():
    # Price only: cheapest 8,000 -> 5; 10,000 -> 5 × 8,000 / 10,000 = 4.
    out = run({"weights": {"price": 1}, "vendors": [
        {"name": "A", "quote": 10000, "scores": {}}, {"name": "B", "quote": 8000, "scores": {}}]})["outputs"]
    assert out["scores"] == {"B": 5.0, "A": 4.0}


def test_a_link_shared_before_the_new_criteria_reopens():
    # The old form's keys only (seven criteria, no security, no evaluators): the page keeps
    # its defaults for the new fields, so the link still computes.
    old = {f"weight_{k}": w for k, w in zip(OLD_KEYS, (3, 2, 1, 1, 2, 1, 2))}
    old |= {f"vendor_1_{k}": s for k, s in zip(OLD_KEYS, (4, 3, 4, 3, 4, 3, 2))}
    old |= {f"vendor_2_{k}": s for k, s in zip(OLD_KEYS, (3, 4, 3, 3, 2, 4, 5))}
    old |= {"vendor_1_name": "Acme", "vendor_2_name": "Beta", **{f"vendor_{i}_name": "" for i in range(3, 7)}}
    result = run(old)
    assert result["ok"] is True
    assert result["outputs"]["ranking"] == ["Acme", "Beta"]


# ------------------------------------------------------------------ one list, guide and calculator

ROOT = Path(__file__).resolve().parents[2]


def _section(page: str, anchor: str) -> str:
    text = (ROOT / page).read_text(encoding="utf-8")
    start = text.index(f"{{#{anchor}}}")
    end = text.find("\n#", start)  # the next heading, of any level
    return text[start:] if end < 0 else text[start:end]


def test_guide_and_calculator_show_the_same_criteria():
    import macros

    table = macros.render_scorecard_criteria()
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith(("| Criterion", "| ---"))]
    guide_list = [row.split(" | ")[0].removeprefix("| ") for row in rows]
    # The calculator's criteria: the default names of the built-in name fields, in form order.
    spec = calculators.spec("scorecard")["fields"]
    calculator_list = [f["default"] for f in spec if f["key"].startswith("name_") and f["default"]]
    assert guide_list == calculator_list == [
        "Quality assurance (QA)", "Relevant experience", "Hiring and training", "Knowledge management",
        "Escalation handling", "Reporting and transparency", "Data security and compliance", "Price"]
    # Both pages draw the table from the engine and type no criteria table of their own.
    for page, anchor in (("docs/guide/choosing-a-partner.md", "vendor-scorecard"),
                         ("docs/calculators/scorecard.md", "criteria")):
        section = _section(page, anchor)
        assert "{{ scorecard_criteria() }}" in section, page
        assert not [line for line in section.splitlines() if line.startswith("| Criterion")], page


def test_the_form_is_a_grid_of_criteria_by_vendors_with_every_field_once():
    import macros
    from calculators import scorecard

    spec = calculators.spec("scorecard")
    grid = macros.scorecard_grid(spec)
    assert [c["key"] for c in grid["criteria"]] == list(scorecard.ALL_KEYS)
    assert [v["number"] for v in grid["vendors"]] == list(range(1, scorecard.MAX_VENDORS + 1))
    assert [v["shown"] for v in grid["vendors"]] == [True, True, False, False, False, False]
    assert grid["vendors"][1]["scores"]["security"]["key"] == "vendor_2_security"
    assert [f["key"] for f in grid["rest"]] == ["evaluators"]
    html = macros.render_calculator("scorecard")
    # every field of the spec is in the form exactly once, with its label
    for field in spec["fields"]:
        assert html.count(f'name="{field["key"]}"') == 1, field["key"]
        assert f'for="calc-scorecard-{field["key"]}"' in html, field["key"]
