"""Business case: every option over a term, against hand-worked cases."""
from __future__ import annotations

import math
import re

import pytest

import calculators
from calculators import business_case, cost

# The cost calculator's defaults, worked by hand in tests/unit/test_cost.py:
PER_HOUR = 800 / 0.85 * 16.5 * 1.2  # 941.18 billed hours × $16.50 × 1.2 hidden = $18,635.29 a month
PER_TICKET = 6000 * 4.5 * 1.2  # $32,400
IN_HOUSE = 8 * 5712.5  # 8 agents × $5,712.50 = $45,700
FREELANCER = 800 / 0.85 * 30 * 1.3 + 11 * 16 * 30 / 3  # $38,465.88
HYBRID = 2 * 5712.5 + 4800 * 8 / 60 / 0.85 * 16.5 * 1.2  # $11,425 + $14,908.24 = $26,333.24
FLAT = {"ramp_months": 0}


def outputs(**inputs):
    result = calculators.run("business_case", inputs)
    assert result["ok"], result
    return result["outputs"]


def test_flat_36_months_is_36_times_the_monthly_cost_plus_the_transition():
    out = outputs(**FLAT)
    assert out["term_months"] == 36
    # per hour: 36 × $18,635.29 + $15,000 = $685,870.59
    assert out["total"]["per_hour"] == pytest.approx(36 * PER_HOUR + 15_000)
    assert round(out["total"]["per_hour"], 2) == 685_870.59
    assert out["total"]["per_ticket"] == pytest.approx(36 * PER_TICKET + 15_000)  # $1,181,400
    assert out["total"]["hybrid"] == pytest.approx(36 * HYBRID + 15_000)
    assert out["total"]["freelancer"] == pytest.approx(36 * FREELANCER + 15_000)
    # in-house pays no transition: 36 × $45,700 = $1,645,200
    assert out["total"]["in_house"] == pytest.approx(1_645_200)
    assert out["monthly"]["per_hour"][0] == pytest.approx(PER_HOUR + 15_000)
    assert out["monthly"]["per_hour"][1:] == pytest.approx([PER_HOUR] * 35)
    assert out["transition"] == {o: (0.0 if o == "in_house" else 15_000) for o in cost.OPTIONS}
    assert out["cheapest"] == "per_hour"
    # no discounting: present value = total
    assert out["present_value"] == pytest.approx(out["total"])
    assert out["yearly"]["in_house"] == pytest.approx([548_400] * 3)


def test_the_monthly_cost_is_the_cost_calculators():
    inputs = {"monthly_tickets": 4321, "hourly_rate": 19, "complex_percent": 35, "transition_cost": 0, **FLAT}
    one_month = calculators.run("cost", inputs)["outputs"]
    out = outputs(**inputs)
    for option in cost.OPTIONS:
        assert out["monthly"][option] == pytest.approx([one_month[f"{option}_monthly"]] * 36)


def test_growth_and_price_increases_step_at_months_13_and_25():
    out = outputs(volume_growth_percent=10, price_increase_percent=5, salary_increase_percent=4, transition_cost=0, **FLAT)
    per_ticket = out["monthly"]["per_ticket"]
    # year 1: 6,000 × $4.50 × 1.2 = $32,400
    assert per_ticket[0] == per_ticket[11] == pytest.approx(32_400)
    # year 2 (months 13-24): 6,600 tickets × $4.725 × 1.2 = $37,422
    assert per_ticket[12] == per_ticket[23] == pytest.approx(37_422)
    # year 3 (months 25-36): 7,260 tickets × $4.96125 × 1.2 = $43,222.41
    assert per_ticket[24] == per_ticket[35] == pytest.approx(43_222.41)
    # in-house in year 2: 6,600 × 8 ÷ 60 ÷ 0.85 ÷ 121 = 8.56 FTE -> 9 agents at $5,712.50 × 1.04 = $5,941
    assert out["monthly"]["in_house"][11] == pytest.approx(45_700)
    assert out["monthly"]["in_house"][12] == pytest.approx(9 * 5941)
    assert out["steady_monthly"]["per_ticket"] == pytest.approx([32_400, 37_422, 43_222.41])


def test_a_partial_last_year_still_steps():
    out = outputs(term_months=14, volume_growth_percent=10, transition_cost=0, **FLAT)
    # months 13 and 14 carry a year's growth: 6,600 × $4.50 × 1.2 = $35,640 each
    assert out["monthly"]["per_ticket"][12:] == pytest.approx([35_640, 35_640])
    assert out["yearly"]["per_ticket"] == pytest.approx([12 * 32_400, 2 * 35_640])


def test_present_value_worked_by_hand():
    # 13 months at $32,400 (per ticket), 10% a year: month 13 is a year out, worth 32,400 ÷ 1.1 = $29,454.55
    thirteen = outputs(term_months=13, discount_rate_percent=10, transition_cost=0, **FLAT)
    twelve = outputs(term_months=12, discount_rate_percent=10, transition_cost=0, **FLAT)
    extra = thirteen["present_value"]["per_ticket"] - twelve["present_value"]["per_ticket"]
    assert round(extra, 2) == 29_454.55
    # 24 months: a geometric series, 32,400 × (1 − 1.1^−2) ÷ (1 − 1.1^(−1/12))
    # = 32,400 × 0.1735537 ÷ 0.0079111 = 32,400 × 21.9381 = $710,795 (to the dollar)
    out = outputs(term_months=24, discount_rate_percent=10, transition_cost=0, **FLAT)
    assert out["present_value"]["per_ticket"] == pytest.approx(32_400 * (1 - 1.1 ** -2) / (1 - 1.1 ** (-1 / 12)))
    assert round(out["present_value"]["per_ticket"]) == 710_795
    # month 1 is today's money: the transition is not discounted
    with_transition = outputs(term_months=24, discount_rate_percent=10, **FLAT)
    assert with_transition["present_value"]["per_ticket"] - out["present_value"]["per_ticket"] == pytest.approx(15_000)


def test_payback_month_worked_by_hand():
    out = outputs()  # the defaults: $15,000 transition, a 3-month ramp-up
    # Per hour; the in-house team overlaps 5/6, 3/6 and 1/6 of its $45,700 in months 1-3.
    # month 1: 18,635.29 + 15,000 + 38,083.33 = 71,718.63 against 45,700
    # month 2: + 18,635.29 + 22,850 = 113,203.92 against 91,400
    # month 3: + 18,635.29 + 7,616.67 = 139,455.88 against 137,100
    # month 4: + 18,635.29 = 158,091.18 against 182,800: paid back in month 4
    assert out["monthly"]["per_hour"][:4] == pytest.approx(
        [PER_HOUR + 15_000 + IN_HOUSE * 5 / 6, PER_HOUR + IN_HOUSE / 2, PER_HOUR + IN_HOUSE / 6, PER_HOUR])
    assert out["payback_month"]["per_hour"] == 4
    # the overlap over the ramp-up: (5 + 3 + 1) ÷ 6 = 1.5 months of in-house = $68,550
    assert out["ramp_overlap"]["per_hour"] == pytest.approx(68_550)
    # the hybrid's overlap is the in-house team it lets go: 1.5 × (45,700 − 11,425) = $51,412.50
    assert out["ramp_overlap"]["hybrid"] == pytest.approx(51_412.5)
    assert out["ramp_overlap"]["freelancer"] == 0 and out["ramp_overlap"]["in_house"] == 0
    # freelancers: month 1 38,465.88 + 15,000 = 53,465.88 > 45,700; month 2 91,931.76 > 91,400;
    # month 3 130,397.65 ≤ 137,100
    assert out["payback_month"]["freelancer"] == 3
    assert out["payback_month"]["in_house"] is None


def test_an_option_that_never_catches_up_has_no_payback_month():
    # in-house at 12,000 × 1.1 ÷ 12 = $1,100 an agent, 8 agents = $8,800 a month: per hour
    # ($18,635.29) only falls further behind
    out = outputs(in_house_salary_annual=12_000, benefits_percent=10, management_percent=0,
                  tools_monthly_per_agent=0, attrition_annual_percent=0)
    assert out["payback_month"]["per_hour"] is None
    assert out["cheapest"] == "in_house"
    assert out["saving_vs_in_house"]["per_hour"] < 0


def test_sensitivity_order_worked_by_hand():
    out = outputs(**FLAT)  # per hour is cheapest; 36 months, no ramp-up as entered
    swings = {s["input"]: s["high_total"] - s["low_total"] for s in out["sensitivity"]}
    # price per agent hour $8 to $25: 941.18 h × $17 × 1.2 × 36 = 16,000 × 1.2 × 36 = $691,200
    assert swings["hourly_rate"] == pytest.approx(691_200)
    # volume ±20%: 0.4 × 18,635.29 × 36 = $268,348.24
    assert swings["monthly_tickets"] == pytest.approx(0.4 * PER_HOUR * 36)
    # growth 0 to 20%: years 2 and 3 carry 1.2 and 1.44: 18,635.29 × 12 × (0.2 + 0.44) = $143,119.06
    assert swings["volume_growth_percent"] == pytest.approx(PER_HOUR * 12 * 0.64)
    # hidden costs 10% to 30%: 941.18 × 16.50 × 0.2 × 36 = $111,811.76
    assert swings["hidden_cost_percent"] == pytest.approx(800 / 0.85 * 16.5 * 0.2 * 36)
    # price increases 0 to 5%: 18,635.29 × 12 × (0.05 + 0.1025) = $34,103.58
    assert swings["price_increase_percent"] == pytest.approx(PER_HOUR * 12 * 0.1525)
    # ramp-up 2 to 3 months (60-90 days): overlap 2 ÷ 2 and 3 ÷ 2 months of in-house, ½ × 45,700 = $22,850
    assert swings["ramp_months"] == pytest.approx(22_850)
    # transition $5,000 to $25,000: $20,000
    assert swings["transition_cost"] == pytest.approx(20_000)
    order = [s["input"] for s in out["sensitivity"]]
    assert order == ["hourly_rate", "monthly_tickets", "volume_growth_percent", "hidden_cost_percent",
                     "price_increase_percent", "ramp_months", "transition_cost",
                     # no effect on per-hour pricing, in the order they are declared
                     "per_ticket_simple", "per_ticket_complex", "fte_monthly_rate", "salary_increase_percent"]
    first = out["sensitivity"][0]
    assert (first["low_value"], first["high_value"]) == (8, 25)
    assert first["low_total"] == pytest.approx(36 * 800 / 0.85 * 8 * 1.2 + 15_000)


def test_hybrid_totals_against_a_hand_worked_split():
    out = outputs(**FLAT)
    # $11,425 in-house for the 1,200 complex tickets + $14,908.24 per hour for the other 4,800
    assert out["monthly"]["hybrid"][5] == pytest.approx(HYBRID)
    assert round(out["monthly"]["hybrid"][5], 2) == 26_333.24


def test_staffed_fte_grows_with_the_volume():
    out = outputs(staffed_fte=10, volume_growth_percent=10, transition_cost=0, **FLAT)
    # year 2: 11 FTE × 121 h × $16.50 × 1.2
    assert out["monthly"]["per_hour"][12] == pytest.approx(11 * 121 * 16.5 * 1.2)


@pytest.mark.parametrize("key, typed, message", [
    ("term_months", 0, "Contract term must be at least 6 months."),
    ("term_months", 600, "Contract term must be at most 120 months."),
    ("volume_growth_percent", -150, "Volume growth must be at least -50%."),
    ("transition_cost", -1, "Transition cost cannot be negative."),
    ("transition_cost", "abc", "Transition cost must be a number; “abc” is not one."),
    ("discount_rate_percent", "NaN", "Discount rate must be a number, not “NaN”."),
    ("ramp_months", 2.5, "Ramp-up must be a whole number."),
])
def test_bad_input_gets_a_field_message(key, typed, message):
    result = calculators.run("business_case", {key: typed})
    assert result == {"ok": False, "name": "business_case", "errors": {key: message}}


def test_growth_that_makes_the_work_too_large_is_refused_on_the_growth_field():
    result = calculators.run("business_case", {"monthly_tickets": 2_000_000, "volume_growth_percent": 100,
                                               "term_months": 120})
    assert not result["ok"]
    assert list(result["errors"]) == ["volume_growth_percent"]
    assert result["errors"]["volume_growth_percent"].startswith("By year ")


def test_every_cost_input_is_declared_once_with_the_same_spec():
    cost_fields = calculators.spec("cost")["fields"]
    mine = calculators.spec("business_case")["fields"]
    assert mine[:len(cost_fields)] == cost_fields
    assert [f["key"] for f in mine[len(cost_fields):]] == [
        "term_months", "transition_cost", "ramp_months", "volume_growth_percent", "price_increase_percent",
        "salary_increase_percent", "discount_rate_percent"]


def test_report_reads_outputs_and_draws_both_charts_through_attributes():
    result = calculators.run("business_case", {})
    html = result["html"]
    out = result["outputs"]
    assert f'data-output="total.per_hour" data-value="{out["total"]["per_hour"]}"' in html
    assert 'data-output="payback_month.per_hour" data-value="4"' in html
    assert f'data-output="sensitivity.0.low_total" data-value="{out["sensitivity"][0]["low_total"]}"' in html
    assert html.count("<polyline") == len(cost.OPTIONS)
    assert html.count('class="calc-tornado"') == 1 and html.count('class="calc-line-chart"') == 1
    assert "style=" not in html and "<script" not in html
    assert "\n\n" not in html
    # each chart's figure holds its table for screen readers; the SVG itself is hidden from them
    for figure in re.findall(r'<figure class="calc-chart calc-chart--(?:line|tornado)">.*?</figure>', html, re.S):
        assert 'aria-hidden="true"' in figure and '<table tabindex="0">' in figure
    # the charts' tables reach the Markdown and the CSV too
    assert "**Cumulative cost at the end of each year**" in result["markdown"]
    assert "| Month | Per hour | Per ticket | Per FTE | Blended | Hybrid | In-house | Freelancers |" in result["markdown"]
    assert "What moves the total of per-hour pricing (largest swing first)" in result["csv"]


def test_inputs_typed_into_cost_reach_the_business_case_by_the_link():
    typed = {"monthly_tickets": 4000, "hourly_rate": 20, "complex_percent": 30}
    html = calculators.run("cost", typed)["html"]
    href = re.search(r'href="\.\./business_case/\?([^"]+)"', html).group(1).replace("&amp;", "&")
    carried = dict(pair.split("=") for pair in href.split("&"))
    inputs = {k.removeprefix("business_case."): v for k, v in carried.items()}
    assert inputs == {"monthly_tickets": "4000", "complex_percent": "30", "hourly_rate": "20"}
    out = outputs(**inputs, **FLAT)
    one_month = calculators.run("cost", typed)["outputs"]
    assert out["monthly"]["per_hour"][1] == pytest.approx(one_month["per_hour_monthly"])
    assert math.isclose(out["total"]["in_house"], 36 * one_month["in_house_monthly"])
