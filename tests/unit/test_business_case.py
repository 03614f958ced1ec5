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


def test_sensitivity_around_the_readers_own_values_worked_by_hand():
    out = outputs(**FLAT)  # per hour is cheapest; 36 months, no ramp-up as entered
    swings = {s["input"]: s["high_total"] - s["low_total"] for s in out["sensitivity"]}
    ends = {s["input"]: (s["low_value"], s["high_value"]) for s in out["sensitivity"]}
    # money and volumes ±20% of the reader's value: price per agent hour $13.20 to $19.80,
    # 941.18 h × $6.60 × 1.2 × 36 = 0.4 × 18,635.29 × 36 = $268,348.24; tickets 4,800 to 7,200: the same
    assert ends["hourly_rate"] == pytest.approx((13.2, 19.8))
    assert swings["hourly_rate"] == pytest.approx(0.4 * PER_HOUR * 36)
    assert round(swings["hourly_rate"], 2) == 268_348.24
    assert ends["monthly_tickets"] == pytest.approx((4800, 7200))
    assert swings["monthly_tickets"] == pytest.approx(0.4 * PER_HOUR * 36)
    # hidden costs 16% to 24%: 941.18 × $16.50 × 0.08 × 36 = $44,724.71
    assert swings["hidden_cost_percent"] == pytest.approx(800 / 0.85 * 16.5 * 0.08 * 36)
    # yearly percentages ±3 points: growth −3% to +3%, years 2 and 3 carry
    # (1.03 + 1.0609) − (0.97 + 0.9409) = 0.18 years' more: 18,635.29 × 12 × 0.18 = $40,252.24
    assert ends["volume_growth_percent"] == (-3, 3)
    assert swings["volume_growth_percent"] == pytest.approx(PER_HOUR * 12 * 0.18)
    assert swings["price_increase_percent"] == pytest.approx(PER_HOUR * 12 * 0.18)
    # transition $12,000 to $18,000
    assert swings["transition_cost"] == pytest.approx(6_000)
    # ramp-up 0 months stays 0 (months are rounded; 0 ± 20% is 0)
    assert ends["ramp_months"] == (0, 0) and swings["ramp_months"] == 0
    order = [s["input"] for s in out["sensitivity"]]
    assert set(order[:2]) == {"monthly_tickets", "hourly_rate"}  # equal swings
    assert order[2:] == ["hidden_cost_percent", "volume_growth_percent", "price_increase_percent", "transition_cost",
                         # no effect on per-hour pricing, in the order they are declared
                         "per_ticket_simple", "per_ticket_complex", "fte_monthly_rate", "in_house_salary_annual",
                         "freelancer_hourly_rate", "ramp_months", "salary_increase_percent"]
    # the inputs the contract added appear once the reader enters them: $1,000 a month ± 20% over 36 months
    out = outputs(vendor_management_monthly=1000, **FLAT)
    managing = next(s for s in out["sensitivity"] if s["input"] == "vendor_management_monthly")
    assert managing["high_total"] - managing["low_total"] == pytest.approx(400 * 36)


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
        "salary_increase_percent", "discount_rate_percent",
        "severance_per_agent", "stranded_monthly", "stranded_months", "vendor_management_monthly",
        "vendor_tax_percent", "repeat_contact_percent", "minimum_monthly_fee",
        "volume_range_percent", "price_range_percent", "salary_range_percent", "growth_range_points", "draws", "seed"]


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


# ------------------------------------------------------------ the costs that cut against outsourcing
#
# A flat 12-month case: the cost defaults, no ramp-up, no transition, so every month of an
# option is its steady cost and each new cost can be added on paper.
#   per hour   941.18 h × $16.50 × 1.2          = $18,635.29 (fee before hidden costs $15,529.41)
#   per ticket 6,000 × $4.50 × 1.2              = $32,400    (fee $27,000)
#   per FTE    8 × $2,350 × 1.2                 = $22,560    (fee $18,800)
#   hybrid     2 agents × $5,712.50 = $11,425 in-house + 752.94 h × $16.50 × 1.2 = $14,908.24 (fee $12,423.53)
#   in-house   8 agents × $5,712.50             = $45,700
FLAT_12 = {"term_months": 12, "ramp_months": 0, "transition_cost": 0}
HYBRID_VENDOR = 4800 * 8 / 60 / 0.85 * 16.5 * 1.2  # $14,908.24


def test_every_new_input_left_at_its_default_changes_nothing():
    before = outputs(**FLAT_12)
    zeros = {"severance_per_agent": 0, "stranded_monthly": 0, "stranded_months": 0, "vendor_management_monthly": 0,
             "vendor_tax_percent": 0, "repeat_contact_percent": 0, "minimum_monthly_fee": 0,
             "hybrid_vendor_model": "cheapest"}
    assert outputs(**FLAT_12, **zeros)["monthly"] == before["monthly"]
    assert before["monthly"]["per_hour"] == pytest.approx([PER_HOUR] * 12)
    assert before["monthly"]["hybrid"] == pytest.approx([HYBRID] * 12)


def test_severance_is_charged_once_for_the_agents_an_option_lets_go():
    out = outputs(severance_per_agent=3000, **FLAT_12)
    # no ramp-up: charged in month max(0, 1) = 1. Per hour lets all 8 agents go: 8 × $3,000 = $24,000
    assert out["monthly"]["per_hour"][0] == pytest.approx(PER_HOUR + 24_000)
    assert out["monthly"]["per_hour"][1:] == pytest.approx([PER_HOUR] * 11)
    # the hybrid keeps its 2 agents for the complex tickets: (8 − 2) × $3,000 = $18,000
    assert out["severance"]["hybrid"] == pytest.approx(18_000)
    assert out["severance"]["freelancer"] == pytest.approx(24_000)
    assert out["severance"]["in_house"] == 0 and out["total"]["in_house"] == pytest.approx(12 * IN_HOUSE)
    # with a 3-month ramp-up the agents leave when it ends: month 3
    ramped = outputs(severance_per_agent=3000, term_months=12, transition_cost=0)
    without = outputs(term_months=12, transition_cost=0)
    extra = [a - b for a, b in zip(ramped["monthly"]["per_ticket"], without["monthly"]["per_ticket"])]
    assert extra == pytest.approx([0, 0, 24_000] + [0] * 9)


def test_stranded_commitments_run_on_for_their_months():
    out = outputs(stranded_monthly=2000, stranded_months=5, **FLAT_12)
    # $2,000 in months 1-5 for every option but in-house: $10,000 over the term
    assert out["monthly"]["freelancer"][:6] == pytest.approx([FREELANCER + 2000] * 5 + [FREELANCER])
    assert out["stranded"] == {o: (0.0 if o == "in_house" else 10_000) for o in cost.OPTIONS}
    assert out["total"]["per_ticket"] == pytest.approx(12 * PER_TICKET + 10_000)


def test_vendor_management_is_added_to_every_option_with_a_vendor():
    out = outputs(vendor_management_monthly=1500, **FLAT_12)
    # 12 × $1,500 = $18,000 for per hour, per ticket, per FTE, blended and the hybrid; none for freelancers
    for option in ("per_hour", "per_ticket", "per_fte", "blended", "hybrid"):
        assert out["vendor_management"][option] == pytest.approx(18_000)
    assert out["total"]["per_hour"] == pytest.approx(12 * (PER_HOUR + 1500))
    assert out["vendor_management"]["freelancer"] == 0 and out["vendor_management"]["in_house"] == 0
    assert out["total"]["freelancer"] == pytest.approx(12 * FREELANCER)


def test_non_recoverable_tax_is_added_to_vendor_fees_beside_the_hidden_costs():
    out = outputs(vendor_tax_percent=10, **FLAT_12)
    # per hour: 941.18 h × $16.50 × (1 + 0.2 + 0.1) = $20,188.24
    assert out["monthly"]["per_hour"][0] == pytest.approx(800 / 0.85 * 16.5 * 1.3)
    assert round(out["monthly"]["per_hour"][0], 2) == 20_188.24
    # hybrid: $11,425 in-house + 752.94 h × $16.50 × 1.3 = $16,150.59 -> $27,575.59
    assert out["monthly"]["hybrid"][0] == pytest.approx(11_425 + 4800 * 8 / 60 / 0.85 * 16.5 * 1.3)
    # no tax on in-house pay or on freelancers (they are not a vendor's invoice here)
    assert out["monthly"]["in_house"][0] == pytest.approx(IN_HOUSE)
    assert out["monthly"]["freelancer"][0] == pytest.approx(FREELANCER)


def test_repeat_contacts_raise_the_vendor_parts_volume():
    out = outputs(repeat_contact_percent=10, **FLAT_12)
    # the vendor takes 6,000 × 1.1 = 6,600 contacts:
    # per hour 6,600 × 8 ÷ 60 ÷ 0.85 × $16.50 × 1.2 = $20,498.82
    assert out["monthly"]["per_hour"][0] == pytest.approx(6600 * 8 / 60 / 0.85 * 16.5 * 1.2)
    # per ticket 6,600 × $4.50 × 1.2 = $35,640
    assert out["monthly"]["per_ticket"][0] == pytest.approx(35_640)
    # per FTE 6,600 × 8 ÷ 60 ÷ 0.85 ÷ 121 = 8.56 FTE -> 9 × $2,350 × 1.2 = $25,380
    assert out["monthly"]["per_fte"][0] == pytest.approx(25_380)
    # hybrid: the in-house part keeps its 1,200 complex tickets ($11,425); the vendor's 4,800 become
    # 5,280: 5,280 × 8 ÷ 60 ÷ 0.85 × $16.50 × 1.2 = $16,399.06 -> $27,824.06
    assert out["monthly"]["hybrid"][0] == pytest.approx(11_425 + 5280 * 8 / 60 / 0.85 * 16.5 * 1.2)
    assert out["monthly"]["in_house"][0] == pytest.approx(IN_HOUSE)
    assert out["monthly"]["freelancer"][0] == pytest.approx(FREELANCER)
    # the vendor's headcount follows its volume: 8.56 FTE of work
    assert out["headcount"]["per_hour"][0]["vendor_fte"] == pytest.approx(6600 * 8 / 60 / 0.85 / 121)


def test_a_minimum_fee_binds_before_hidden_costs_and_tax():
    out = outputs(minimum_monthly_fee=20_000, **FLAT_12)
    # per hour's fee $15,529.41 is under $20,000: billed $20,000 × 1.2 = $24,000
    assert out["monthly"]["per_hour"][0] == pytest.approx(24_000)
    # per ticket's $27,000 is above it: unchanged $32,400
    assert out["monthly"]["per_ticket"][0] == pytest.approx(PER_TICKET)
    # per FTE's $18,800: $24,000
    assert out["monthly"]["per_fte"][0] == pytest.approx(24_000)
    # the hybrid's vendor part ($12,423.53) too: $11,425 + $24,000 = $35,425
    assert out["monthly"]["hybrid"][0] == pytest.approx(35_425)
    assert out["monthly"]["freelancer"][0] == pytest.approx(FREELANCER)
    # with 10% tax as well: $20,000 × (1 + 0.2 + 0.1) = $26,000
    taxed = outputs(minimum_monthly_fee=20_000, vendor_tax_percent=10, **FLAT_12)
    assert taxed["monthly"]["per_hour"][0] == pytest.approx(26_000)


def test_the_reader_chooses_the_hybrids_vendor_model():
    # per ticket for the 4,800 simple tickets: 4,800 × $3 × 1.2 = $17,280, + $11,425 = $28,705
    out = outputs(hybrid_vendor_model="per_ticket", **FLAT_12)
    assert out["monthly"]["hybrid"][0] == pytest.approx(28_705)
    assert calculators.run("cost", {"hybrid_vendor_model": "per_ticket"})["outputs"]["hybrid_monthly"] == \
        pytest.approx(28_705)
    # per FTE: 4,800 × 8 ÷ 60 ÷ 0.85 ÷ 121 = 6.22 FTE -> 7 × $2,350 × 1.2 = $19,740, + $11,425 = $31,165
    assert outputs(hybrid_vendor_model="per_fte", **FLAT_12)["monthly"]["hybrid"][0] == pytest.approx(31_165)
    # the default is the cheapest, as before: per hour, $26,333.24
    assert outputs(**FLAT_12)["monthly"]["hybrid"][0] == pytest.approx(HYBRID)
    refused = calculators.run("business_case", {"hybrid_vendor_model": "blended"})
    assert list(refused["errors"]) == ["hybrid_vendor_model"]


def test_headcount_month_by_month():
    out = outputs(term_months=12, transition_cost=0)  # the default 3-month ramp-up
    # in-house: 8 agents every month; the vendor does 6,000 × 8 ÷ 60 ÷ 0.85 ÷ 121 = 7.78 FTE of work
    assert out["headcount"]["in_house"] == [{"in_house_agents": 8, "vendor_fte": 0}] * 12
    fte = 6000 * 8 / 60 / 0.85 / 121
    # per hour: the in-house team still does 5/6, 3/6, 1/6 of the work in months 1-3: 6.67, 4, 1.33 agents
    heads = out["headcount"]["per_hour"]
    assert [h["in_house_agents"] for h in heads[:4]] == pytest.approx([8 * 5 / 6, 4, 8 / 6, 0])
    assert [h["vendor_fte"] for h in heads] == pytest.approx([fte] * 12)
    # hybrid: keeps 2 agents; the 6 it lets go still work 5/6 in month 1; the vendor has 80% of the work
    hybrid = out["headcount"]["hybrid"]
    assert hybrid[0]["in_house_agents"] == pytest.approx(2 + 6 * 5 / 6) and hybrid[5]["in_house_agents"] == 2
    assert hybrid[5]["vendor_fte"] == pytest.approx(0.8 * fte)
    assert len(out["headcount"]["freelancer"]) == 12


# ------------------------------------------------------------ the decision rule


def test_payback_that_dips_and_recovers_is_the_month_it_holds_from():
    # $1 an hour: per hour costs 941.18 h × $1 × 1.2 = $1,129.41 a month. A 4-month ramp-up:
    # the in-house team keeps 7/8, 5/8, 3/8, 1/8 of its $45,700 (39,987.50, 28,562.50,
    # 17,137.50, 5,712.50), and 8 agents leave in month 4 at $20,000 each ($160,000).
    out = outputs(hourly_rate=1, ramp_months=4, transition_cost=0, severance_per_agent=20_000, term_months=12)
    steady = 800 / 0.85 * 1.2
    assert out["monthly"]["per_hour"][:5] == pytest.approx(
        [steady + 39_987.5, steady + 28_562.5, steady + 17_137.5, steady + 5_712.5 + 160_000, steady])
    # cumulative saving: m1 45,700 − 41,116.91 = 4,583.09 (ahead already), m2 20,591.18,
    # m3 48,024.27, m4 −73,117.65 (the severance), m5 −28,547.06, m6 +16,023.53 and up from there
    saving = [h - c for h, c in zip(out["cumulative"]["in_house"], out["cumulative"]["per_hour"])]
    assert saving[0] == pytest.approx(4_583.09, abs=0.01) and saving[3] == pytest.approx(-73_117.65, abs=0.01)
    assert saving[5] == pytest.approx(16_023.53, abs=0.01)
    assert out["payback_month"]["per_hour"] == 6  # not 1: it dipped below again in months 4 and 5


def test_a_saving_that_turns_into_a_loss_has_no_payback():
    # the case: freelancers with 15% dearer rates every year over 60 months pay back early
    # and then fall behind; the running saving ends below 0, so there is no payback month
    out = outputs(term_months=60, price_increase_percent=15)
    assert out["saving_vs_in_house"]["freelancer"] < 0
    assert out["cumulative"]["freelancer"][2] < out["cumulative"]["in_house"][2]  # ahead in month 3
    assert out["payback_month"]["freelancer"] is None


def test_discounted_payback_worked_by_hand():
    # per hour saves 45,700 − 18,635.29 = $27,064.71 a month, no ramp-up; a $54,000 transition.
    # Undiscounted: month 2's running saving is 2 × 27,064.71 − 54,000 = $129.41: payback 2.
    # At 10% a year month 2 is worth 27,064.71 ÷ 1.1^(1/12) = 26,850.70, the running saving
    # −85.41 (still short); month 3 adds 27,064.71 ÷ 1.1^(2/12) = 26,638.38: discounted payback 3.
    out = outputs(transition_cost=54_000, ramp_months=0, term_months=12, discount_rate_percent=10)
    assert out["payback_month"]["per_hour"] == 2
    assert out["discounted_payback_month"]["per_hour"] == 3
    assert out["discounted_payback_month"]["in_house"] is None


def test_cheapest_is_the_lowest_present_value():
    # Per hour at $35.40: 941.18 h × $35.40 × 1.2 = $39,981.18 a month, with a $190,000 transition;
    # the other options priced out. Totals over 36 months: per hour 36 × 39,981.18 + 190,000 =
    # $1,629,322.35 against in-house's $1,645,200: per hour is lower. At 10% a year, the months are
    # worth Σ 1.1^(−(m−1)/12) = (1 − 1.1^−3) ÷ (1 − 1.1^(−1/12)) = 31.435 months of today's money:
    # per hour 190,000 + 31.435 × 39,981.18 = $1,446,816 against in-house 31.435 × 45,700 = $1,436,580.
    priced_out = {"per_ticket_simple": 10, "per_ticket_complex": 20, "fte_monthly_rate": 10_000,
                  "freelancer_hourly_rate": 100, "ramp_months": 0, "transition_cost": 190_000, "hourly_rate": 35.4}
    months = (1 - 1.1 ** -3) / (1 - 1.1 ** (-1 / 12))
    out = outputs(discount_rate_percent=10, **priced_out)
    assert out["total"]["per_hour"] < out["total"]["in_house"]
    assert out["present_value"]["per_hour"] == pytest.approx(190_000 + months * 800 / 0.85 * 35.4 * 1.2)
    assert out["present_value"]["in_house"] == pytest.approx(months * IN_HOUSE)
    assert out["cheapest"] == "in_house"
    assert out["saving_present_value"]["per_hour"] == pytest.approx(
        out["present_value"]["in_house"] - out["present_value"]["per_hour"])
    assert out["saving_present_value"]["per_hour"] < 0
    # with no discount rate, the lowest total
    assert outputs(**priced_out)["cheapest"] == "per_hour"


def test_break_even_price_change_worked_by_hand():
    out = outputs(**FLAT_12)
    # per hour's rates could rise until 12 × 18,635.29 × (1 + x) = 12 × 45,700: x = 45,700 ÷ 18,635.29 − 1 = 145.23%
    assert out["break_even_price_change_percent"]["per_hour"] == pytest.approx((IN_HOUSE / PER_HOUR - 1) * 100)
    assert round(out["break_even_price_change_percent"]["per_hour"], 2) == 145.23
    # hybrid: only its vendor part moves: 11,425 + 14,908.24 × (1 + x) = 45,700 -> x = 129.91%
    assert out["break_even_price_change_percent"]["hybrid"] == pytest.approx(((IN_HOUSE - 11_425) / HYBRID_VENDOR - 1) * 100)
    assert out["break_even_price_change_percent"]["in_house"] is None
    # with a $20,000 minimum fee (× 1.2 = $24,000 billed until the fee passes it), per hour's
    # break-even is where the fee itself reaches 45,700: the same 145.23%, the floor being below it
    floored = outputs(minimum_monthly_fee=20_000, **FLAT_12)
    assert floored["break_even_price_change_percent"]["per_hour"] == pytest.approx((IN_HOUSE / PER_HOUR - 1) * 100)
    # an option still dearer than in-house with its rates at 0 has none: a $50,000 a month commitment
    stuck = outputs(stranded_monthly=50_000, stranded_months=12, **FLAT_12)
    assert stuck["break_even_price_change_percent"]["per_hour"] is None


# ------------------------------------------------------------ IRR


@pytest.mark.parametrize("flows, published, decimals", [
    # The examples published in numpy-financial's documentation of irr (rates per period,
    # rounded as published): round(npf.irr([-100, 39, 59, 55, 20]), 5) == 0.28095, ...
    ([-100, 39, 59, 55, 20], 0.28095, 5),
    ([-100, 0, 0, 74], -0.0955, 5),
    ([-100, 100, 0, 7], 0.06206, 5),
    ([-5, 10.5, 1, -8, 1], 0.0886, 5),
])
def test_irr_against_published_examples(flows, published, decimals):
    yearly = business_case.irr_percent([float(f) for f in flows])
    per_period = (1 + yearly / 100) ** (1 / 12) - 1  # the engine's periods are months
    assert round(per_period, decimals) == pytest.approx(published, abs=1e-12)


def test_irr_of_a_textbook_loan():
    # Lend 100 now, receive 110 in month 13: 10% a year.
    assert business_case.irr_percent([-100.0] + [0.0] * 11 + [110.0]) == pytest.approx(10)
    # and a saving that never changes sign has none
    assert business_case.irr_percent([5.0] * 12) is None


def test_irr_of_a_business_case_matches_numpy_financial():
    npf = pytest.importorskip("numpy_financial", reason="the host oracle is a test dependency (pyproject)")
    out = outputs(transition_cost=120_000, ramp_months=6, term_months=24, hourly_rate=22, vendor_management_monthly=3000)
    savings = [h - c for h, c in zip(out["monthly"]["in_house"], out["monthly"]["per_hour"])]
    monthly = npf.irr(savings)
    assert out["irr_percent"]["per_hour"] == pytest.approx(((1 + monthly) ** 12 - 1) * 100, rel=1e-9)
    assert out["irr_percent"]["in_house"] is None


# ------------------------------------------------------------ risk


RANGES_ZERO = {"volume_range_percent": 0, "price_range_percent": 0, "salary_range_percent": 0, "growth_range_points": 0}


def test_risk_with_every_range_at_zero_is_the_single_number():
    out = outputs(term_months=60, volume_growth_percent=5, price_increase_percent=3, severance_per_agent=5000,
                  minimum_monthly_fee=16_000, discount_rate_percent=8, draws=200, **RANGES_ZERO)
    assert "in_house" not in out["risk"]
    for option, risk in out["risk"].items():
        single = out["saving_present_value"][option]
        assert risk["p10"] == pytest.approx(single, rel=1e-12)
        assert risk["p50"] == pytest.approx(single, rel=1e-12)
        assert risk["p90"] == pytest.approx(single, rel=1e-12)
        assert risk["chance_cheaper_percent"] == (100 if single > 0 else 0)


def test_risk_with_only_price_and_pay_ranges_is_exact_draw_by_draw():
    # Prices and in-house cost scale their parts exactly, with volumes fixed: each draw's saving is
    # in-house's present value × (1 + pay draw) − the option's price part × (1 + price draw) − the rest.
    i, _ = business_case.read({"term_months": 24, "ramp_months": 0, "transition_cost": 0, "volume_range_percent": 0,
                               "growth_range_points": 0, "draws": 100})
    t = business_case.term(i)
    draws = business_case.risk_draws(i, t)
    import random
    rng = random.Random(1)
    u = [rng.random() for _ in range(400)]

    def triangular(p, w):  # the inverse CDF on [−w, w], mode 0
        return w * (math.sqrt(2 * p) - 1) if p < 0.5 else w * (1 - math.sqrt(2 * (1 - p)))

    for k in range(100):
        prices = 1 + triangular(u[4 * k + 1], 10) / 100
        pay = 1 + triangular(u[4 * k + 2], 5) / 100
        assert draws["per_hour"][k] == pytest.approx(24 * (IN_HOUSE * pay - PER_HOUR * prices))


def test_the_same_seed_gives_the_same_numbers_and_another_seed_others():
    first = outputs(seed=7, draws=500)["risk"]
    assert outputs(seed=7, draws=500)["risk"] == first
    other = outputs(seed=8, draws=500)["risk"]
    assert other["per_hour"]["p50"] != first["per_hour"]["p50"]


def test_the_chance_an_option_is_cheaper_falls_as_its_price_rises():
    # near the break-even, per hour at rising prices (the same draws, seed 1)
    chances = [outputs(hourly_rate=rate, draws=400, **FLAT_12)["risk"]["per_hour"]["chance_cheaper_percent"]
               for rate in (36, 38, 40, 42, 44)]
    assert chances == sorted(chances, reverse=True)
    assert chances[0] > 50 > chances[-1]
    # the percentiles are in order and straddle the single number
    out = outputs(**FLAT_12)
    risk = out["risk"]["per_hour"]
    assert risk["p10"] < out["saving_present_value"]["per_hour"] < risk["p90"]
    assert risk["p10"] < risk["p50"] < risk["p90"]


def test_risk_ranges_are_checked_like_any_field():
    result = calculators.run("business_case", {"draws": 50_000})
    assert result["errors"] == {"draws": "Draws must be at most 20,000 draws."}
    assert list(calculators.run("business_case", {"volume_range_percent": -1})["errors"]) == ["volume_range_percent"]


def _drawn(i, k):
    """Draw k's inputs, worked out the slow way: the four triangular draws (volume, prices,
    in-house cost, growth) from random.Random(seed), applied to the inputs themselves."""
    import random
    from dataclasses import replace
    rng = random.Random(i.seed)
    u = [rng.random() for _ in range(4 * (k + 1))][4 * k:]

    def triangular(p, w):  # the inverse CDF on [−w, w], mode 0
        return w * (math.sqrt(2 * p) - 1) if p < 0.5 else w * (1 - math.sqrt(2 * (1 - p)))

    volume, prices, pay, growth = (triangular(p, w) for p, w in zip(u, (
        i.volume_range_percent, i.price_range_percent, i.salary_range_percent, i.growth_range_points)))
    return replace(i, monthly_tickets=i.monthly_tickets * (1 + volume / 100),
                   volume_growth_percent=i.volume_growth_percent + growth,
                   **{key: getattr(i, key) * (1 + prices / 100) for key in business_case._PRICES},
                   **{key: getattr(i, key) * (1 + pay / 100) for key in business_case._PAY})


@pytest.mark.parametrize("typed", [
    {},
    {"repeat_contact_percent": 8, "severance_per_agent": 4000, "minimum_monthly_fee": 17_000, "vendor_tax_percent": 5,
     "volume_growth_percent": 6, "discount_rate_percent": 8, "term_months": 30, "ramp_months": 14},
    {"hybrid_vendor_model": "per_fte", "stranded_monthly": 3000, "stranded_months": 9, "complex_percent": 35},
    {"monthly_tickets": 31_000, "volume_growth_percent": 6, "discount_rate_percent": 8},  # 41 agents
])
def test_each_risk_draw_is_the_case_priced_again_with_that_draws_inputs(typed):
    # The oracle: the whole business case recomputed month by month with the drawn inputs
    # (a different path from the risk run's, which prices each year at a few volumes).
    # Every draw: a few in 100 fall in the ticket just short of a whole-agent step, where the
    # step's own point lies (checking every 23rd missed them until 2026-12-07).
    i, _ = business_case.read({**typed, "draws": 300})
    draws = business_case.risk_draws(i, business_case.term(i))
    for k in range(300):
        t = business_case.term(_drawn(i, k))
        pv = {o: business_case.present_value(t.monthly[o], i.discount_rate_percent) for o in cost.OPTIONS}
        for option, saving in draws.items():
            assert saving[k] == pytest.approx(pv["in_house"] - pv[option], rel=1e-9, abs=1e-6), (k, option)


def test_a_large_teams_risk_run_smooths_its_steps_but_keeps_its_percentiles():
    # 100,000 tickets: 130 agents. The draws' volumes cross too many whole-agent steps to price
    # each (more than 60), so the run reads between 49 volumes; its percentiles stay within 0.5% of the
    # case's size (in-house's present value) of the slow way's: the steps are smoothed, not lost.
    i, _ = business_case.read({"monthly_tickets": 100_000, "term_months": 24, "draws": 400})
    draws = business_case.risk_draws(i, business_case.term(i))
    slow = {o: [] for o in draws}
    for k in range(400):
        t = business_case.term(_drawn(i, k))
        for option in slow:
            slow[option].append(business_case.present_value(t.monthly["in_house"], 0) -
                                business_case.present_value(t.monthly[option], 0))
    for option in ("per_hour", "hybrid", "freelancer"):
        fast, exact = business_case.summarize(draws[option]), business_case.summarize(tuple(slow[option]))
        for p in ("p10", "p50", "p90"):
            size = business_case.present_value(business_case.term(i).monthly["in_house"], 0)
            assert getattr(fast, p) == pytest.approx(getattr(exact, p), abs=0.005 * size), (option, p)


def test_break_even_is_none_where_the_rates_are_too_small_to_matter():
    """A rate so small (a subnormal 2.2e-313, which 1,000 generated cases a field found) that no
    change of it within a million-fold closes the gap has no break-even price: None, never an
    infinite percentage (every output is finite). A rate of 1 cent still has one, read as a
    straight line: the option's present value at rates × s is at(0) + s × priced."""
    for key, option in (("fte_monthly_rate", "per_fte"), ("freelancer_hourly_rate", "freelancer")):
        result = calculators.run("business_case", {key: 2.2250738585e-313})
        assert result["ok"]
        assert result["outputs"]["break_even_price_change_percent"][option] is None
        assert "no change of its rates brings it to in-house" in result["html"]
    i, _ = business_case.read({"freelancer_hourly_rate": 0.01})
    r = business_case.compute(i)
    whole, _ramp, _d = business_case._weights(i)
    priced = math.fsum(w * y.price["freelancer"] for w, y in zip(whole, r.term.years))
    at_zero = r.present_value["freelancer"] - priced  # no minimum fee: the price part is a line
    expected = ((r.present_value["in_house"] - at_zero) / priced - 1) * 100
    assert r.break_even_price_change_percent["freelancer"] == pytest.approx(expected, rel=1e-9)
    assert expected > 100_000  # rates × more than a thousand, yet within reach
