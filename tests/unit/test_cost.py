"""Cost: every option against hand-worked values, the switch search against brute force."""
from __future__ import annotations

import math

import pytest

import calculators
from calculators import cost
from calculators.core import settings


def outputs(**inputs):
    result = calculators.run("cost", inputs)
    assert result["ok"], result
    return result["outputs"]


def test_defaults_worked_example():
    out = outputs()
    # billed hours: 6,000 tickets × 8 min ÷ 60 = 800 handle hours; ÷ 0.85 occupancy = 941.176
    assert out["billed_hours"] == pytest.approx(800 / 0.85)
    # productive hours: 40 h × 52 ÷ 12 = 173.33 paid, less 30% shrinkage = 121.33 -> 121
    # FTE: 941.176 ÷ 121 = 7.778; whole agents 8
    assert out["fte"] == pytest.approx(800 / 0.85 / 121)
    assert out["agents"] == 8
    # per hour: 941.176 × $16.50 (middle of $8–$25) × 1.2 hidden = $18,635.29
    assert out["per_hour_monthly"] == pytest.approx(800 / 0.85 * 16.5 * 1.2)
    assert round(out["per_hour_monthly"], 2) == 18635.29
    # per ticket: mix = 0.8 × $3 + 0.2 × $10.50 = $4.50; 6,000 × 4.50 × 1.2 = $32,400
    assert out["ticket_mix_rate"] == pytest.approx(4.5)
    assert out["per_ticket_monthly"] == pytest.approx(32_400)
    # per FTE: 8 × $2,350 (middle of $1,200–$3,500) × 1.2 = $22,560
    assert out["per_fte_monthly"] == pytest.approx(22_560)
    # blended: base floor(7.778) = 7; overflow 6,000 × (1 − 7 ÷ 7.778) = 600.4 tickets
    # (7 × 2,350 + 600.4 × 4.50) × 1.2 = $22,982.02
    assert out["blended_base_fte"] == 7
    assert out["overflow_tickets"] == pytest.approx(6000 * (1 - 7 / (800 / 0.85 / 121)))
    assert round(out["blended_monthly"], 2) == 22982.02
    # in-house per agent: 45,000 × (1 + 0.30 + 0.15) ÷ 12 = 5,437.50; + $150 tools;
    # + 0.30 × 5,000 ÷ 12 = $125 replacing leavers -> $5,712.50; × 8 agents = $45,700
    assert out["in_house_per_agent_monthly"] == pytest.approx(5712.5)
    assert out["in_house_monthly"] == pytest.approx(45_700)
    # freelancers: 941.176 h × $30 × 1.3 = $36,705.88; each works 20 × 52 ÷ 12 = 86.67 h,
    # so 11 of them; onboarding 11 × 16 h × $30 ÷ 3 months = $1,760 -> $38,465.88
    assert out["freelancers"] == 11
    assert round(out["freelancer_monthly"], 2) == 38465.88
    assert out["cheapest"] == "per_hour_monthly"
    # derived: per ticket 18,635.29 ÷ 6,000; a year × 12; per FTE of work 16.50 × 121 × 1.2
    assert out["cost_per_ticket"]["per_hour"] == pytest.approx(18635.294 / 6000, rel=1e-6)
    assert out["annual"]["per_ticket"] == pytest.approx(388_800)
    assert out["per_agent_monthly"]["per_hour"] == pytest.approx(2395.8)
    # all-in: $2,395.80 per agent is within the guide's $1,500–$4,000
    assert out["all_in_per_agent_monthly"] == pytest.approx(2395.8)
    assert out["all_in_position"] == "within"
    # per-hour costs 0.388 × AHT a ticket against per-ticket's 5.40, and whole agents only
    # add cost: nothing else is cheaper anywhere in the window
    assert out["switch_down_tickets"] is None and out["switch_up_tickets"] is None
    assert (out["switch_search_from"], out["switch_search_to"]) == (3000, 12000)


def test_contract_formulas_on_other_inputs():
    out = outputs(monthly_tickets=2000, aht_minutes=15, complex_percent=50, occupancy_percent=75,
                  productive_hours_per_fte=100, hourly_rate=10, per_ticket_simple=2, per_ticket_complex=8,
                  fte_monthly_rate=1500, hidden_cost_percent=10)
    hours = 2000 * 15 / 60 / 0.75  # 666.67
    assert out["billed_hours"] == pytest.approx(hours)
    assert out["per_hour_monthly"] == pytest.approx(hours * 10 * 1.1)  # 7,333.33
    assert out["per_ticket_monthly"] == pytest.approx(2000 * (0.5 * 2 + 0.5 * 8) * 1.1)  # 11,000
    assert out["per_fte_monthly"] == pytest.approx(math.ceil(hours / 100) * 1500 * 1.1)  # 7 × 1,650 = 11,550
    assert out["cheapest"] == "per_hour_monthly"


def test_in_house_can_be_cheapest():
    out = outputs(in_house_salary_annual=12_000, benefits_percent=10, management_percent=0, tools_monthly_per_agent=0,
                  attrition_annual_percent=0)
    # 12,000 × 1.1 ÷ 12 = $1,100 an agent; × 8 = $8,800, below per-hour's $18,635
    assert out["in_house_monthly"] == pytest.approx(8800)
    assert out["cheapest"] == "in_house_monthly"
    result = calculators.run("cost", {"in_house_salary_annual": 12_000, "benefits_percent": 10, "management_percent": 0,
                                      "tools_monthly_per_agent": 0, "attrition_annual_percent": 0})
    # compared with the cheapest vendor option: 18,635.29 ÷ 8,800 = 2.1
    assert "An in-house team is cheapest at this volume" in result["html"]
    assert "costs 2.1 times as much" in result["markdown"]


def test_blended_base_given_larger_than_the_work_takes_no_overflow():
    out = outputs(blended_base_fte=10)
    # 10 base agents > 7.78 FTE of work: no overflow, 10 × 2,350 × 1.2 = 28,200
    assert out["overflow_tickets"] == 0
    assert out["blended_monthly"] == pytest.approx(28_200)


def test_staffed_fte_replaces_the_handle_time_workload():
    out = outputs(staffed_fte=20)
    # 20 FTE × 121 productive hours = 2,420 billed hours
    assert out["billed_hours"] == pytest.approx(2420)
    assert out["agents"] == 20
    assert out["per_hour_monthly"] == pytest.approx(2420 * 16.5 * 1.2)  # 47,916
    assert out["per_fte_monthly"] == pytest.approx(20 * 2350 * 1.2)  # 56,400
    assert out["per_ticket_monthly"] == pytest.approx(32_400)  # per ticket does not depend on staffing
    # freelancers: 2,420 ÷ 86.67 = 27.9 -> 28
    assert out["freelancers"] == 28


ROUNDING_CASE = dict(
    # 6 min ÷ 60 ÷ 100% occupancy ÷ 100 productive hours = 1/1,000 FTE a ticket; the other
    # options priced out of reach, no hidden costs: per ticket ($3) against per FTE ($2,000).
    aht_minutes=6, occupancy_percent=100, productive_hours_per_fte=100, fte_monthly_rate=2000,
    per_ticket_simple=3, per_ticket_complex=3, hidden_cost_percent=0, blended_base_fte=50,
    in_house_salary_annual=1_000_000, freelancer_hourly_rate=1000, hourly_rate=1000,
)


def test_switch_volumes_from_rounding_to_whole_agents():
    out = outputs(monthly_tickets=1200, **ROUNDING_CASE)
    # 1,200 tickets: per ticket 3,600 < per FTE 2 × 2,000 = 4,000
    assert out["cheapest"] == "per_ticket_monthly"
    # at 1,000 tickets one agent does it all: 2,000 < 3,000
    assert (out["switch_down_tickets"], out["switch_down_to"]) == (1000, "per_fte_monthly")
    # 3 × t > 4,000 from t = 1,334 (4,002), while two agents last (to 2,000)
    assert (out["switch_up_tickets"], out["switch_up_to"]) == (1334, "per_fte_monthly")
    result = calculators.run("cost", {"monthly_tickets": 1200, **ROUNDING_CASE})
    assert "It stays cheapest from 1,001 to 1,333 tickets a month" in result["markdown"]


def test_switch_volume_with_staffing_fixed():
    out = outputs(monthly_tickets=3000, staffed_fte=10)
    # fixed: per hour 10 × 121 × 16.50 × 1.2 = 23,958; per ticket 5.40 × t passes it
    # from t > 4,436.7, so 4,437
    assert out["cheapest"] == "per_ticket_monthly"
    assert (out["switch_up_tickets"], out["switch_up_to"]) == (4437, "per_hour_monthly")
    assert out["switch_down_tickets"] is None


def test_switch_volumes_at_20_an_hour():
    # the page's second worked example. Per hour: 8 ÷ 60 ÷ 0.85 × 20 × 1.2 = 3.7647 a ticket.
    out = outputs(hourly_rate=20)
    # 6,000 tickets: per FTE 8 × 2,350 × 1.2 = 22,560 < per hour 6,000 × 3.7647 = 22,588
    assert out["cheapest"] == "per_fte_monthly"
    # 22,560 ÷ 3.7647 = 5,992.5: at 5,992 tickets the hours are cheaper
    assert (out["switch_down_tickets"], out["switch_down_to"]) == (5992, "per_hour_monthly")
    # one agent takes 121 ÷ (8 ÷ 60 ÷ 0.85) = 771.375 tickets; 8 take 6,171. At 6,172 a ninth
    # is needed (25,380), while blended is (8 × 2,350 + 1 overflow ticket × 4.50) × 1.2 = 22,565.40
    assert (out["switch_up_tickets"], out["switch_up_to"]) == (6172, "blended_monthly")
    assert outputs(hourly_rate=20, monthly_tickets=6172)["blended_monthly"] == pytest.approx(22_565.40)


def _brute_force(inputs):
    typed, errors = cost.read(inputs)
    assert not errors
    result = cost.compute(typed)
    cheapest = {t: cost._cheapest_at(typed, t) for t in range(result.search_from, result.search_to + 1)}
    mine = cheapest[typed.monthly_tickets]
    down = max((t for t in cheapest if t < typed.monthly_tickets and cheapest[t] != mine), default=None)
    up = min((t for t in cheapest if t > typed.monthly_tickets and cheapest[t] != mine), default=None)
    return result, (down, cheapest.get(down)), (up, cheapest.get(up))


@pytest.mark.parametrize("inputs", [
    {"monthly_tickets": 6000, "hourly_rate": 20},
    {"monthly_tickets": 500, "hourly_rate": 20},
    {"monthly_tickets": 2500, "hourly_rate": 19.5, "blended_base_fte": 2},
    {"monthly_tickets": 900, "aht_minutes": 30, "hourly_rate": 14, "freelancer_hourly_rate": 12, "freelancer_overhead_percent": 0},
    {"monthly_tickets": 4000, "hourly_rate": 19.4, "fte_monthly_rate": 2250, "per_ticket_simple": 2.2, "per_ticket_complex": 4},
    {"monthly_tickets": 1200, **ROUNDING_CASE},
    {"monthly_tickets": 3000, "staffed_fte": 10},
])
def test_switch_search_agrees_with_checking_every_volume(inputs):
    result, down, up = _brute_force(inputs)
    assert (result.switch_down[0] if result.switch_down else None, result.switch_down[1] if result.switch_down else None) == down
    assert (result.switch_up[0] if result.switch_up else None, result.switch_up[1] if result.switch_up else None) == up


def test_switch_window_is_bounded_for_a_large_operation():
    out = outputs(monthly_tickets=7_000_000)
    # 250 agents' worth either way: 250 ÷ (8 ÷ 60 ÷ 0.85 ÷ 121) = 192,843.75 tickets
    span = 250 / (8 / 60 / 0.85 / 121)
    assert out["switch_search_from"] == math.ceil(7_000_000 - span)
    assert out["switch_search_to"] == math.floor(7_000_000 + span)


@pytest.mark.parametrize(("hourly", "position"), [(5, "below"), (16.5, "within"), (30, "above")])
def test_all_in_cost_against_the_guide_range(hourly, position):
    # per hour per agent = rate × 121 × 1.2: $726, $2,396, $4,356 against $1,500–$4,000;
    # at $30 per FTE ($2,820 an agent) is cheaper: 22,560 ÷ 7.778 = $2,900, within
    out = outputs(hourly_rate=hourly)
    if hourly == 30:
        assert out["cheapest"] == "per_fte_monthly"
        assert out["all_in_per_agent_monthly"] == pytest.approx(22_560 / (800 / 0.85 / 121))
        assert out["all_in_position"] == "within"
    else:
        assert out["all_in_per_agent_monthly"] == pytest.approx(hourly * 121 * 1.2)
        assert out["all_in_position"] == position


def test_too_much_work_is_refused_in_plain_words():
    result = calculators.run("cost", {"monthly_tickets": 10_000_000, "aht_minutes": 60})
    assert result["ok"] is False
    assert "Split it by channel or region" in result["errors"]["monthly_tickets"]


@pytest.mark.parametrize(("key", "typed", "message"), [
    ("monthly_tickets", "", "Tickets per month is empty: enter a number."),
    ("monthly_tickets", "12.5", "Tickets per month must be a whole number."),
    ("monthly_tickets", 0, "Tickets per month must be more than 0 tickets."),
    ("aht_minutes", 0, "Average handle time must be at least 0.01 minutes."),
    ("occupancy_percent", 101, "Occupancy must be at most 100%."),
    ("hourly_rate", -1, "Price per agent hour cannot be negative."),
    ("staffed_fte", 0, "Agents from the staffing calculator must be at least 0.01 FTE."),
    ("freelancer_hourly_rate", "lots", "Freelancer rate must be a number; “lots” is not one."),
])
def test_messages_name_the_field(key, typed, message):
    result = calculators.run("cost", {key: typed})
    assert result["errors"] == {key: message}


def test_optional_fields_accept_empty():
    assert calculators.run("cost", {"staffed_fte": "", "blended_base_fte": " "})["ok"]


def test_report_hooks_chart_and_no_blank_lines():
    result = calculators.run("cost", {})
    html = result["html"]
    for option in cost.OPTIONS:
        assert f'data-output="{option}_monthly"' in html
    assert 'data-output="cheapest" data-value="per_hour_monthly"' in html
    assert html.count('<div class="calc-bar') == 7 and html.count("calc-bar--highlight") == 1
    assert '<rect width="100.00%"' in html  # in-house, the dearest, is the full bar
    assert "\n\n" not in html
    assert "| Vendor, per agent hour (cheapest) | $18,635 | $3.11 | $2,396 | $223,624 |" in result["markdown"]
    assert "calc-bar" not in result["markdown"] and "calc-bar" not in result["csv"]


def test_currency_setting_changes_every_label():
    settings.configure(currency="EUR")
    try:
        units = {f["key"]: f["unit"] for f in calculators.spec("cost")["fields"]}
        assert units["hourly_rate"] == "EUR an hour"
        assert units["hiring_cost_per_agent"] == "EUR"
        result = calculators.run("cost", {})
        assert "€18,635 a month" in result["html"]
        assert "$18,635" not in result["html"]
        assert calculators.run("cost", {"hourly_rate": -1})["errors"]["hourly_rate"] == "Price per agent hour cannot be negative."
        # the guide's range was published in US dollars: not judged against euros unconverted
        assert result["outputs"]["all_in_position"] is None
        assert "€2,396 a month, the guide's $1,500–$4,000 is in USD" in result["markdown"]
    finally:
        settings.configure(currency="USD")


def test_hybrid_against_a_hand_worked_split():
    out = outputs()
    # The defaults, 20% complex: the in-house team keeps 1,200 tickets.
    # 1,200 × 8 ÷ 60 ÷ 0.85 = 188.24 hours ÷ 121 = 1.56 FTE -> 2 agents × $5,712.50 = $11,425
    assert out["hybrid_in_house_agents"] == 2
    assert out["hybrid_in_house_monthly"] == pytest.approx(11_425)
    # The vendor takes 4,800 simple tickets: per hour 4,800 × 8 ÷ 60 ÷ 0.85 = 752.94 h × 16.50 × 1.2
    # = $14,908.24; per ticket 4,800 × $3 × 1.2 = $17,280; per FTE ceil(6.22) = 7 × 2,350 × 1.2 = $19,740;
    # blended (6 × 2,350 + 4,800 × (1 − 6 ÷ 6.22) × 3) × 1.2 = $17,538: per hour is cheapest
    assert out["hybrid_vendor_model"] == "per_hour_monthly"
    assert out["hybrid_vendor_monthly"] == pytest.approx(4800 * 8 / 60 / 0.85 * 16.5 * 1.2)
    # hybrid = 11,425 + 14,908.24 = $26,333.24, dearer than per hour alone ($18,635.29)
    assert round(out["hybrid_monthly"], 2) == 26333.24
    assert out["cheapest"] == "per_hour_monthly"


def test_hybrid_can_be_cheapest_and_empty_shares_cost_nothing():
    out = outputs(per_ticket_simple=1, per_ticket_complex=15, in_house_salary_annual=20_000, complex_percent=30,
                  monthly_tickets=3000)
    # in-house per agent: 20,000 × 1.45 ÷ 12 + 150 + 125 = $2,691.67; complex 900 tickets:
    # 900 × 8 ÷ 60 ÷ 0.85 ÷ 121 = 1.17 FTE -> 2 agents = $5,383.33; the 2,100 simple tickets per ticket:
    # 2,100 × $1 × 1.2 = $2,520 (per hour would be 2,100 × 8 ÷ 60 ÷ 0.85 × 16.5 × 1.2 = $6,522)
    assert out["hybrid_monthly"] == pytest.approx(2 * (20_000 * 1.45 / 12 + 275) + 2520)
    assert out["cheapest"] == "hybrid_monthly"
    # no complex tickets: the vendor takes all; all complex: the in-house team takes all
    none = outputs(complex_percent=0)
    assert none["hybrid_in_house_monthly"] == 0 and none["hybrid_in_house_agents"] == 0
    assert none["hybrid_monthly"] == pytest.approx(min(none[f"{o}_monthly"] for o in cost.VENDOR_OPTIONS))
    every = outputs(complex_percent=100)
    assert every["hybrid_monthly"] == pytest.approx(every["in_house_monthly"])
    assert every["hybrid_vendor_model"] is None


@pytest.mark.parametrize("inputs", [
    {"per_ticket_simple": 1.5, "per_ticket_complex": 15, "hourly_rate": 25, "in_house_salary_annual": 24_000,
     "complex_percent": 40, "monthly_tickets": 2000},
    {"per_ticket_simple": 2.2, "per_ticket_complex": 15, "hourly_rate": 18, "in_house_salary_annual": 22_000,
     "complex_percent": 25, "monthly_tickets": 1500},
])
def test_switch_search_with_the_hybrid_agrees_with_checking_every_volume(inputs):
    result, down, up = _brute_force(inputs)
    assert (result.switch_down[0] if result.switch_down else None, result.switch_down[1] if result.switch_down else None) == down
    assert (result.switch_up[0] if result.switch_up else None, result.switch_up[1] if result.switch_up else None) == up
    assert "hybrid" in {down[1], up[1], result.cheapest}


def test_cost_hands_its_inputs_to_the_business_case():
    result = calculators.run("cost", {"monthly_tickets": 4000, "hourly_rate": 20})
    assert 'href="../business_case/?business_case.monthly_tickets=4000&amp;business_case.hourly_rate=20"' in result["html"]


# ------------------------------------------- the quote the scorecard scores price from


def test_cheapest_vendor_monthly_is_the_lowest_vendor_option_even_when_in_house_is_cheaper():
    # 2,000 tickets × 8 min ÷ 60 ÷ 0.85 = 313.73 billed hours; at $17 an hour × 1.2 hidden
    # costs = 326,400 ÷ 51 = $6,400. Per FTE: ceil(313.73 ÷ 121 = 2.59) = 3 × 2,350 × 1.2 =
    # $8,460; per ticket 2,000 × 4.50 × 1.2 = $10,800; blended (2 × 2,350 + 2,000 ×
    # (1 − 2 ÷ 2.59) × 4.50) × 1.2 = $8,109.15. In-house on a $12,000 salary: 3 × (12,000 ×
    # 1.45 ÷ 12 + 150 + 125 = 1,725) = $5,175, the cheapest option overall but not a vendor's.
    out = calculators.run("cost", {"monthly_tickets": 2000, "hourly_rate": 17,
                                   "in_house_salary_annual": 12_000})["outputs"]
    assert out["cheapest"] == "in_house_monthly"
    assert out["in_house_monthly"] == pytest.approx(5175)
    assert out["cheapest_vendor"] == "per_hour_monthly"
    assert out["cheapest_vendor_monthly"] == pytest.approx(6400)


def test_cost_hands_the_cheapest_vendor_quote_to_the_scorecard():
    # The defaults: per hour is the cheapest vendor option at 941.18 h × 16.50 × 1.2 =
    # $18,635.29 (to the cent); 2,000 tickets at $17 an hour come to exactly $6,400.
    result = calculators.run("cost", {})
    assert ('href="../scorecard/?scorecard.vendor_1_quote=18635.29" '
            'data-site-path="calculators/scorecard/?scorecard.vendor_1_quote=18635.29">'
            "Score this quote in the scorecard</a>") in result["html"]
    result = calculators.run("cost", {"monthly_tickets": 2000, "hourly_rate": 17})
    assert 'href="../scorecard/?scorecard.vendor_1_quote=6400"' in result["html"]


def test_a_carried_fte_that_disagrees_with_the_tickets_is_said_beside_the_result():
    # The case: 42.86 FTE from staffing with the default 6,000 tickets of 8 minutes at
    # 85% occupancy and 121 productive hours, which describe 6,000 × 8 ÷ 60 ÷ 0.85 ÷ 121 =
    # 7.78 FTE: 42.86 ÷ 7.778 = 5.51, 451% more.
    result = calculators.run("cost", {"staffed_fte": 42.86})
    first_note = result["html"].split('<ul class="calc-notes"><li>', 1)[1]
    assert first_note.startswith("The two descriptions of the work disagree: the 42.86 FTE carried in are 451% more "
                                 "than the 7.78 FTE that 6,000 tickets a month at 8 minutes, 85% occupancy and 121 "
                                 "productive hours describe.")
    assert "describe different amounts of work" in result["html"].split("</div>", 1)[0]  # in the summary too
    # The business case takes every cost input and says the same.
    case = calculators.run("business_case", {"staffed_fte": 42.86})
    assert "The two descriptions of the work disagree: the 42.86 FTE carried in are 451% more" in case["html"]


@pytest.mark.parametrize(("fte", "warned"), [
    (8.5, False),  # |8.5 − 7.78| = 0.72, 8.5% of 8.5: within 10%
    (8.7, True),  # 0.92, 10.6% of 8.7
    (7.05, False),  # 0.73, 9.4% of 7.78
    (7.0, True),  # 0.778, 10.006% of 7.778
])
def test_the_disagreement_threshold_is_ten_percent_of_the_larger(fte, warned):
    assert ("disagree" in calculators.run("cost", {"staffed_fte": fte})["html"]) is warned
