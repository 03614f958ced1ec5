"""Decision (in-house, outsource or hybrid) against the checklist's reading, worked by hand."""
from __future__ import annotations

import itertools

import pytest

import calculators
from calculators import decision

FIVE = ("needs_judgment", "sensitive_data", "brand_critical", "volume_variable", "needs_24_7_or_multilingual")
EXTRA_IN_HOUSE = ("low_volume_high_complexity", "service_differentiates", "policy_discretion", "regulated_industry")
EXTRA_SCALE = ("high_volume_repetitive", "seasonal_spikes", "language_needs", "after_hours_gaps")
READINESS = ("internal_owner", "routine_separable")


def outputs(**answers):
    result = calculators.run("decision", answers)
    assert result["ok"], result
    return result["outputs"]


# ---- the contract: the five questions alone -------------------------------------------

@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, "in-house"),                                               # all no
        ({"needs_judgment": True}, "in-house"),                         # in-house group only
        ({"sensitive_data": True, "brand_critical": True}, "in-house"),
        ({"volume_variable": True}, "outsource"),                       # scale group only
        ({"needs_24_7_or_multilingual": True}, "outsource"),
        ({"volume_variable": True, "needs_24_7_or_multilingual": True}, "outsource"),
        ({"brand_critical": True, "needs_24_7_or_multilingual": True}, "hybrid"),  # one yes on each side
        ({k: True for k in FIVE}, "hybrid"),
    ],
)
def test_checklist_examples(answers, expected):
    assert outputs(**answers)["recommendation"] == expected


@pytest.mark.parametrize("combo", list(itertools.product((False, True), repeat=5)))
def test_every_combination_of_the_five_follows_the_contract(combo):
    answers = dict(zip(FIVE, combo))
    in_house_yes = any(combo[:3])
    scale_yes = any(combo[3:])
    expected = "hybrid" if in_house_yes and scale_yes else "outsource" if scale_yes else "in-house"
    out = outputs(**answers)
    assert out["recommendation"] == expected
    assert len(out["reasons"]) == sum(combo)  # one reason per yes
    assert out["in_house_count"] == sum(combo[:3])
    assert out["scale_count"] == sum(combo[3:])


def test_reasons_follow_the_form_order_one_sentence_each():
    out = outputs(volume_variable=True, needs_judgment=True)
    assert out["reasons"] == [
        "Most tickets need judgment, which people close to your product and policies give best.",
        "Volume swings, and a partner can add and shed agents faster than you can hire.",
    ]


# ---- the extra signals ------------------------------------------------------------------

def test_worked_example_from_the_docstring_and_page():
    # sensitive data (in-house 1) + volume swings and seasonal spikes (scale 2)
    # -> both sides have a yes -> hybrid; 2 > 1 -> leaning outsource; 3 yes -> 3 reasons
    out = outputs(sensitive_data=True, volume_variable=True, seasonal_spikes=True)
    assert out["recommendation"] == "hybrid"
    assert out["leaning"] == "outsource"
    assert (out["in_house_count"], out["scale_count"], out["readiness_count"]) == (1, 2, 0)
    assert len(out["reasons"]) == 3


@pytest.mark.parametrize("key", EXTRA_IN_HOUSE)
def test_an_extra_in_house_signal_counts_like_a_checklist_answer(key):
    # alone it keeps support in-house; beside a scale yes it makes a hybrid
    assert outputs(**{key: True})["recommendation"] == "in-house"
    assert outputs(**{key: True})["in_house_count"] == 1
    assert outputs(**{key: True, "volume_variable": True})["recommendation"] == "hybrid"


@pytest.mark.parametrize("key", EXTRA_SCALE)
def test_an_extra_scale_signal_counts_like_a_checklist_answer(key):
    assert outputs(**{key: True})["recommendation"] == "outsource"
    assert outputs(**{key: True})["scale_count"] == 1
    assert outputs(**{key: True, "needs_judgment": True})["recommendation"] == "hybrid"


@pytest.mark.parametrize("key", READINESS)
def test_readiness_never_changes_the_recommendation(key):
    out = outputs(**{key: True})
    assert out["recommendation"] == "in-house"
    assert out["readiness_count"] == 1
    assert len(out["reasons"]) == 1  # still one reason per yes
    assert outputs(**{key: True, "volume_variable": True})["recommendation"] == "outsource"


@pytest.mark.parametrize(
    ("answers", "leaning"),
    [
        ({}, "none"),                                                            # 0 v 0
        ({"needs_judgment": True, "volume_variable": True}, "even"),             # 1 v 1
        ({"needs_judgment": True, "policy_discretion": True, "volume_variable": True}, "in-house"),  # 2 v 1
        ({"needs_judgment": True, "volume_variable": True, "language_needs": True}, "outsource"),  # 1 v 2
        ({"after_hours_gaps": True}, "outsource"),                               # 0 v 1
    ],
)
def test_leaning(answers, leaning):
    assert outputs(**answers)["leaning"] == leaning


def test_everything_yes():
    out = outputs(**{key: True for key in decision.SIGNALS})
    assert out["recommendation"] == "hybrid"
    assert (out["in_house_count"], out["scale_count"], out["readiness_count"]) == (7, 6, 2)  # 3+4, 2+4, 2
    assert out["leaning"] == "in-house"
    assert len(out["reasons"]) == 15


# ---- the form and the report ---------------------------------------------------------------

def test_form_shows_the_five_questions_first_then_the_groups_of_signals():
    fields = calculators.spec("decision")["fields"]
    assert [f["key"] for f in fields[:5]] == list(FIVE)
    assert {f["group"] for f in fields[:5]} == {"The five questions"}
    assert all(f["kind"] == "bool" and f["default"] is False for f in fields)
    groups = list(dict.fromkeys(f["group"] for f in fields))
    assert groups[0] == "The five questions" and len(groups) == 4


def test_typed_answers_are_read_as_a_person_types_them():
    assert outputs(volume_variable="yes", needs_judgment="no")["recommendation"] == "outsource"
    assert outputs(volume_variable="true", needs_judgment=" ")["recommendation"] == "outsource"
    assert outputs(volume_variable=1, needs_judgment=0)["recommendation"] == "outsource"


def test_report_shows_every_answer_and_carries_the_hooks():
    result = calculators.run("decision", {"brand_critical": True, "needs_24_7_or_multilingual": True})
    assert 'data-output="recommendation" data-value="hybrid"' in result["html"]
    assert 'data-output="in_house_count" data-value="1"' in result["html"]
    assert "| Support is central to your brand experience | Yes | in-house |" in result["markdown"]
    assert "| Ticket volume swings a lot or is seasonal | No | – |" in result["markdown"]
    assert result["markdown"].count("| No |") == 13  # 15 answers, 2 yes
    # a hybrid without an internal owner says what to set up first
    assert "name who in your team owns quality checks" in result["markdown"]
    assert result["html"].count("\n\n") == 0


def test_summary_reads_in_plain_words():
    result = calculators.run("decision", {"volume_variable": True})
    assert "Outsource: 0 answers point to keeping support in-house and 1 to outside help." in result["markdown"]


# ---- refusals ------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["maybe", float("nan"), -1, 2, "NaN", [True]])
def test_anything_but_yes_or_no_is_refused_with_the_fields_name(typed):
    result = calculators.run("decision", {"needs_judgment": typed})
    assert result["ok"] is False
    assert result["errors"] == {"needs_judgment": "Most tickets call for judgment, not a script must be yes, no or unsure."}


def test_empty_answer_is_no():
    # a cleared checkbox or an empty string is "no", never an error
    assert outputs(needs_judgment="", volume_variable="  ")["recommendation"] == "in-house"


def test_inputs_that_are_not_a_set_of_values_are_refused():
    assert calculators.run("decision", ["volume_variable"])["errors"] == {"inputs": "The inputs must be a set of named values."}


# ---- unsure ----------------------------------------------------------------------------

def test_unsure_is_reported_as_unsure_never_as_no():
    # needs_judgment unsure, volume_variable yes: the yes alone points outside (outsource);
    # were the unsure a yes, both groups would have one (hybrid).
    result = calculators.run("decision", {"needs_judgment": "unsure", "volume_variable": "true"})
    out = result["outputs"]
    assert out["recommendation"] == "outsource" and out["in_house_count"] == 0 and out["scale_count"] == 1
    assert out["unsure"] == ["needs_judgment"] and out["if_unsure_were_yes"] == "hybrid"
    assert "| Most tickets call for judgment, not a script | Unsure | – |" in result["markdown"]
    assert "1 answer is unsure: if it were yes, the recommendation would become hybrid." in result["markdown"]
    assert '<span class="calc-chip calc-chip--watch" data-tone="watch">Unsure</span>' in result["html"]


def test_unsure_that_would_not_change_the_answer_says_so():
    out = calculators.run("decision", {"volume_variable": "unsure", "high_volume_repetitive": True})["outputs"]
    assert out["recommendation"] == out["if_unsure_were_yes"] == "outsource"
    text = calculators.run("decision", {"volume_variable": "unsure", "high_volume_repetitive": True})["markdown"]
    assert "the recommendation would stay outsource." in text


def test_old_yes_no_inputs_still_read_the_same():
    # links and kept inputs from before "unsure" carry true/false (a checkbox's values)
    old = {"needs_judgment": "true", "volume_variable": "false", "brand_critical": False}
    out = calculators.run("decision", old)["outputs"]
    assert out["recommendation"] == "in-house" and out["unsure"] == [] and out["if_unsure_were_yes"] == "in-house"
