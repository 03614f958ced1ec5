"""The decision pack (calculators/tools/decision_pack.py): every part recomputed by the engine,
the recommendation's wording from hand-made inputs, missing and refused parts."""
from __future__ import annotations

import json

import pytest

import calculators
from calculators.tools import decision_pack


def pack(parts: dict) -> dict:
    result = calculators.run("decision_pack", {"parts": json.dumps(parts)})
    assert result["ok"], result
    return result


def saved(inputs: dict, at: str = "2026-12-01T10:00:00Z") -> dict:
    return {"inputs": inputs, "saved_at": at}


def test_is_a_tool_in_the_registry():
    assert "decision_pack" in calculators.names()
    assert decision_pack.KIND == "tool"


def test_nothing_saved_every_part_missing_and_a_plain_reading():
    result = calculators.run("decision_pack", {})
    assert result["ok"]
    out = result["outputs"]
    assert set(out["status"].values()) == {"missing"}
    assert out["filled_count"] == 0
    assert out["recommendation"].startswith("No sourcing model is recommended yet: fill in the decision checklist first.")
    assert "Still to fill in: the decision checklist, staffing, the shift roster, the monthly cost" in out["recommendation"]
    for section in out["sections"]:
        assert "Not yet filled" in section["html"]
        assert f'href="../calculators/{section["calculator"]}/"' in section["html"]
        assert "Not yet filled" in section["markdown"]


def test_hybrid_with_cost_worked_by_hand():
    # Cost defaults with 6,000 tickets of 8 minutes at 85% occupancy: 941.18 billed hours;
    # per agent hour 941.18 x 16.50 x 1.2 = 18,635.29; in-house 8 agents x (45,000 x 1.45 / 12
    # + 150 + 30% x 5,000 / 12 = 5,712.50) = 45,700.
    out = pack({
        "decision": saved({"needs_judgment": "true", "volume_variable": "true"}),
        "cost": saved({"monthly_tickets": "6,000"}),
    })["outputs"]
    text = out["recommendation"]
    assert text.startswith("Go hybrid: keep the work that needs judgment")
    assert ("At today's volume the cheapest way to staff the work is a vendor paid per agent hour, "
            "at $18,635 a month against $45,700 for your own team.") in text
    assert out["status"]["decision"] == "filled" and out["status"]["cost"] == "filled"
    assert "staffing" in out["missing"] and "decision" not in out["missing"]
    assert out["workbook"]["cost"]["outputs"]["in_house_monthly"] == pytest.approx(45_700)


def test_outsource_and_in_house_wording():
    outsource = pack({"decision": saved({"volume_variable": True})})["outputs"]["recommendation"]
    assert outsource.startswith("Outsource:")
    assert "The monthly cost is not worked out yet." in outsource
    keep = pack({"decision": saved({"needs_judgment": True})})["outputs"]["recommendation"]
    assert keep.startswith("Keep support in-house:")


def test_scorecard_pilot_and_rollout_sentences():
    # Rollout from Monday 2027-01-04: the pilot review falls on day 30 (2027-02-02) and the
    # decision on day 90 (2027-04-03), as the rollout planner's docstring works them.
    out = pack({"rollout": saved({"start_date": "2027-01-04"}), "pilot": saved({})})["outputs"]
    assert "The rollout plan puts the pilot review on 2027-02-02 and the go or no-go decision on 2027-04-03." in out["recommendation"]
    assert "The pilot review says: " in out["recommendation"]


def test_staffing_or_week_plan_the_latest_wins():
    out = pack({"staffing": saved({"contacts": "100", "aht_seconds": "180"})})["outputs"]
    section = next(s for s in out["sections"] if s["part"] == "staffing")
    assert section["status"] == "filled" and section["calculator"] == "staffing"
    assert 'data-output="agents"' in section["html"]


def test_saved_inputs_no_longer_valid_are_refused_in_plain_words():
    out = pack({"cost": saved({"monthly_tickets": "-5"})})["outputs"]
    section = next(s for s in out["sections"] if s["part"] == "cost")
    assert out["status"]["cost"] == "refused"
    assert section["html"].count("Could not be recomputed from the saved inputs:") == 1
    assert "Traceback" not in section["html"]


def test_entries_of_the_wrong_shape_are_missing_not_errors():
    out = pack({"cost": "garbage", "decision": [1, 2], "kpi": {"inputs": "x"}})["outputs"]
    assert out["status"]["cost"] == out["status"]["decision"] == out["status"]["kpi"] == "missing"


@pytest.mark.parametrize(("parts", "message"), [
    ("{not json", "The saved inputs could not be read (they are not JSON)."),
    ("[1, 2]", "The saved inputs must be a set of calculator names and their inputs."),
])
def test_unreadable_parts_are_a_field_message(parts, message):
    assert calculators.run("decision_pack", {"parts": parts}) == {"ok": False, "name": "decision_pack", "errors": {"parts": message}}


def test_markdown_is_one_document_with_a_heading_per_part():
    text = pack({"decision": saved({"needs_judgment": True})})["markdown"]
    assert text.startswith("# Decision pack\n\nKeep support in-house:")
    assert text.count("\n## ") == len(decision_pack.PARTS) + 1  # the summary, then a heading per part


def test_typed_text_is_escaped_everywhere():
    vendor = {"vendor_1_name": "<script>alert(1)</script>"}
    out = pack({"scorecard": saved(vendor)})
    assert "<script>alert" not in json.dumps(out["outputs"]["sections"])


def test_business_case_sentence_worked_by_hand():
    # Cost defaults over 12 flat months, no transition or ramp: per agent hour 12 x 18,635.29
    # = 223,623.53, the lowest (the hybrid: 2 in-house agents for the 1,200 complex tickets,
    # 11,425, plus 4,800 simple tickets per hour, 14,908.24, is 26,333.24 a month); it costs
    # less than in-house (45,700 a month) from month 1.
    out = pack({"business_case": saved({"term_months": "12", "transition_cost": "0", "ramp_months": "0"})})["outputs"]
    assert ("Over the 12-month term, a vendor paid per agent hour costs the least: $223,624 in all, "
            "transition included, and from month 1 on it costs no more than your own team.") in out["recommendation"]
    assert out["workbook"]["business_case"]["outputs"]["total"]["hybrid"] == pytest.approx(12 * 26_333.2353, abs=0.01)


def stated(section_or_summary: dict) -> dict[str, tuple[str, str, bool]]:
    return {a["key"]: (a["shown"], a["default"], a["changed"]) for a in section_or_summary["assumptions"]}


def test_each_part_states_its_changed_inputs_and_always_the_term_rates_volume_and_handle_time():
    out = pack({
        "business_case": saved({"term_months": "12", "transition_cost": "0", "ramp_months": "0",
                                "hourly_rate": "16.5"}),
        "staffing": saved({"contacts": "100", "aht_seconds": "240"}),
        "decision": saved({"needs_judgment": "true"}),
    })["outputs"]
    case = next(s for s in out["sections"] if s["part"] == "business_case")
    assert stated(case) == {
        # always stated, changed or not
        "monthly_tickets": ("6,000 tickets", "6,000 tickets", False),
        "aht_minutes": ("8 minutes", "8 minutes", False),
        "volume_growth_percent": ("0% a year", "0% a year", False),
        "price_increase_percent": ("0% a year", "0% a year", False),
        "salary_increase_percent": ("0% a year", "0% a year", False),
        "discount_rate_percent": ("0% a year", "0% a year", False),
        # changed from the defaults (16.50 is the default price per hour: typed, not changed)
        "term_months": ("12 months", "36 months", True),
        "transition_cost": ("$0 once", "$15,000 once", True),
        "ramp_months": ("0 months", "3 months", True),
    }
    assert "Contract term" in case["html"] and "12 months (changed)" in case["html"]
    assert "| Contract term | 12 months (changed) | 36 months |" in case["markdown"]
    staffing = next(s for s in out["sections"] if s["part"] == "staffing")
    assert stated(staffing) == {"aht_seconds": ("240 seconds", "180 seconds", True)}
    decision = next(s for s in out["sections"] if s["part"] == "decision")
    assert stated(decision) == {"needs_judgment": ("yes", "no", True)}


def test_a_part_on_every_default_says_so():
    out = pack({"decision": saved({})})["outputs"]
    decision = next(s for s in out["sections"] if s["part"] == "decision")
    assert decision["assumptions"] == []
    assert "Computed from the calculator's defaults." in decision["html"]
    assert "Computed from the calculator's defaults." in decision["markdown"]


def test_the_summary_from_a_business_case_worked_by_hand():
    # 12 flat months, no transition or ramp, no discounting: per agent hour 12 x 18,635.29 =
    # 223,623.53 against in-house 12 x 45,700 = 548,400: it saves 324,776.47 and pays back in
    # month 1. The next lowest is per FTE: 12 x 8 agents x 2,350 x 1.2 = 270,720.
    out = pack({"business_case": saved({"term_months": "12", "transition_cost": "0", "ramp_months": "0"}),
                "decision": saved({"needs_judgment": "true", "volume_variable": "true"})})["outputs"]
    summary = out["summary"]
    assert summary["decision"] == ("Move to a vendor paid per agent hour: it saves $324,776 against your own team "
                                   "over 12 months, with no discounting.")
    assert summary["why"][0] == ("It has the lowest cost of the 7 options over the 12-month term, with no "
                                 "discounting: $223,624, against $270,720 for per-FTE pricing, the next lowest.")
    assert summary["why"][1].startswith("The decision checklist points to hybrid: Most tickets need judgment")
    assert summary["saving"].startswith("$324,776 in present value ($324,776 before discounting)")
    assert summary["payback"].startswith("Month 1: from then on its cumulative cost stays at or below")
    assert summary["assumptions_of"] == "business_case"
    assert {"term_months", "discount_rate_percent", "monthly_tickets", "aht_minutes"} <= set(stated(summary))
    html = summary["html"]
    assert html.startswith('<section class="pack-summary" data-part="summary"><h2 id="pack-summary">')
    for heading in ("Decision:", "Why:", "Saving:", "Payback:", "Options considered over 12 months",
                    "Assumptions (the business case inputs)", "Decision owner", "Approved by", "Date of decision"):
        assert heading in html, heading
    assert 'data-output="present_value.per_hour" data-value="223623.5294117647"' in html
    # The Markdown opens with the same summary, before the parts.
    markdown = pack({"business_case": saved({"term_months": "12"})})["markdown"]
    assert markdown.index("## Summary for the decision") < markdown.index("## Decision: in-house, outsource or hybrid")
    assert "| Decision owner | |" in markdown


def test_the_summary_states_the_discount_rate_beside_every_present_value():
    out = pack({"business_case": saved({"discount_rate_percent": "8"})})["outputs"]
    assert "in today's money at a yearly discount rate of 8%" in out["summary"]["decision"]
    assert "in today's money at a yearly discount rate of 8%" in out["recommendation"]


def test_the_summary_without_a_business_case_uses_the_monthly_cost():
    out = pack({"cost": saved({"monthly_tickets": "6000"})})["outputs"]["summary"]
    assert out["decision"].startswith("On today's monthly cost, per-hour pricing is cheapest, at $18,635 a month")
    assert out["saving"] == "$27,065 a month against your own team."  # 45,700 - 18,635.29
    assert out["assumptions_of"] == "cost"
    nothing = pack({})["outputs"]["summary"]
    assert nothing["decision"].startswith("Not worked out yet")
    assert nothing["assumptions"] == []


def test_the_summary_gives_the_saving_with_its_risk_range():
    # With every risk range at 0 each draw is the case as entered: P10 = P50 = P90 = the
    # saving worked above (324,776.47), and it beats in-house in every draw.
    flat = {"term_months": "12", "transition_cost": "0", "ramp_months": "0", "volume_range_percent": "0",
            "price_range_percent": "0", "salary_range_percent": "0", "growth_range_points": "0"}
    out = pack({"business_case": saved(flat)})["outputs"]["summary"]
    assert out["saving"] == ("$324,776 in present value ($324,776 before discounting); across the risk run's draws, "
                             "$324,776 (P10) to $324,776 (P90), median $324,776, and it beats your own team in 100% of "
                             "them.")
    assert "Saving, P10 to P90" in out["html"] and "$324,776 to $324,776" in out["html"]
    assert "Beats in-house" in out["html"]


def test_the_shift_roster_is_a_part_of_its_own():
    roster = calculators.run("shifts", {})
    out = calculators.run("decision_pack", {"parts": json.dumps({"shifts": {"inputs": {}}})})["outputs"]
    assert out["status"]["shifts"] == "filled"
    section = next(s for s in out["sections"] if s["part"] == "shifts")
    assert roster["html"] in section["html"]


def test_every_calculator_with_a_page_is_a_part_of_the_pack():
    # A new calculator must be placed in the memo's order (PARTS), or it would be left out silently.
    from hooks import calculators_with_pages

    in_parts = {name for part in decision_pack.PARTS for name in part.calculators}
    assert set(calculators_with_pages()) - in_parts == set()
