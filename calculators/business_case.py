"""Each way to staff the work, costed month by month over a contract term.

Every month of the term is priced by the cost calculator (:func:`calculators.cost.price`:
the same formulas, so the two calculators cannot disagree), with the inputs of that
month's contract year. Money in the site's currency; rates yearly, as percentages.

* contract year ``y = floor((m − 1) ÷ 12)`` for month ``m = 1 … T`` (``T = term_months``):
  month 13 starts the second year, month 25 the third;
* in year ``y``: tickets ``× (1 + g)^y`` (volume growth; carried staffing FTE grows with
  them), vendor and freelancer prices ``× (1 + p)^y`` (the hourly, per-ticket, per-agent and
  freelancer rates), in-house pay ``× (1 + s)^y`` (salary, tools and replacement cost, so
  the loaded cost per agent); the cost calculator then prices option ``o``: ``C_o(y)``;
* ramp-up (``R = ramp_months``): a new outside team is not at full productivity at once.
  Its productivity is taken to rise in a straight line from 0 to 100% over ``R`` months,
  ``(m − ½) ÷ R`` on average in month ``m ≤ R``, and the in-house team keeps the share it
  cannot yet take: overlap ``O_o(m) = (1 − (m − ½) ÷ R) × I_o(y)``, where ``I_o`` is the
  in-house cost of the work that moves (``C_in_house(y)`` for the four vendor options, the
  in-house cost less the hybrid's own in-house part for the hybrid). The vendor is paid in
  full from month 1. Freelancers carry no overlap: their paid onboarding is already in
  their monthly cost. The linear ramp puts the new team at half speed at ``R ÷ 2`` and at
  full speed at ``R``, matching the guide's 4 to 8 weeks to productive and 60 to 90 days to
  full efficiency with ``R = 3`` (default; 2 to 3 in the sensitivity);
* transition ``X`` (one-time: onboarding, knowledge base, pilot) in month 1 of every
  option that moves work outside: the four vendor options, the hybrid and freelancers;
* the costs that cut against outsourcing (each 0 unless entered, so it changes nothing):
  a vendor part costs ``fee × (1 + hidden + tax)`` on its volume × ``(1 + repeat contacts)``,
  its fee at least the minimum monthly fee (before hidden costs and tax); severance per
  agent × the in-house agents the option lets go (all of the in-house team's, less the
  hybrid's complex-share team), once, in month ``min(max(R, 1), T)``; commitments that run
  on (``stranded_monthly``) in months 1 … ``stranded_months`` of every option but in-house;
  vendor management every month of every option with a vendor part. These amounts are
  flat: the price and pay increases do not move them;
* month cost ``M_o(m) = C_o(y) + O_o(m) + [m = 1] × X`` + those; ``total_o = Σ M_o(m)``;
* present value ``PV_o = Σ M_o(m) ÷ (1 + r)^((m − 1) ÷ 12)``, ``r`` the yearly discount rate
  (month 1 is today's money); ``saving_present_value_o = PV_in_house − PV_o``;
* payback month: the first ``m`` from which the cumulative saving
  ``Σ_{k≤m} (M_in_house(k) − M_o(k))`` is at least 0 in every later month of the term (a
  saving that dips below 0 again pays back only when it recovers for good); none if the
  last month is short. Discounted payback: the same on discounted costs;
* IRR: the yearly rate ``(1 + i)^12 − 1`` at which the monthly savings have a present value
  of 0 (:func:`irr_percent`); break-even price change: the change of the option's vendor
  and freelancer rates at which its present value equals in-house's;
* cheapest: the lowest present value (with no discount rate, the lowest total; a tie goes
  to the first in the cost calculator's order);
* sensitivity: the cheapest option's total with one input at its low and then its high
  end, all else as entered, largest ``|high − low|`` first. The ends are the reader's own
  value ±20% (money, volumes, shares of money; months rounded to whole months) or ±3
  points (yearly percentages), each within the field's bounds (site assumptions,
  :mod:`calculators.figures`);
* risk: :func:`risk_draws` prices the case in ``draws`` random draws of volume, prices,
  in-house cost and growth (triangular, seeded), giving P10, P50 and P90 of each option's
  ``saving_present_value`` and the share of draws in which it beats in-house.

Defaults: the cost calculator's, a 36-month term, a 15,000 transition (the site's
assumption: the sources give no amount), 3 ramp-up months, no growth, increases or
discounting.

Worked example (checked in tests): the cost defaults, flat over 36 months, no ramp-up:
per hour 941.18 × 16.50 × 1.2 = 18,635.29 a month; total 36 × 18,635.29 + 15,000 =
685,870.59. In-house 36 × 45,700 = 1,645,200. Per hour's cumulative cost is below
in-house's from month 1 (18,635.29 + 15,000 = 33,635.29 ≤ 45,700): payback month 1.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
import random
import statistics
from dataclasses import dataclass, field, fields as dataclass_fields
from typing import Any

from . import Refusal, cost
from .cost import switches as cost_switches
from .core import render, settings
from .core.fields import declare, form, read as _read, replaced
from .figures import format_figure, get as figure, number

NAME = "business_case"
TITLE = "Business case: every option over the contract term"
SUMMARY = ("Each way to staff the work costed month by month over the contract: transition, ramp-up, growth and "
           "price increases, present value, the month each option pays back against in-house, and the inputs "
           "that move the answer most.")

OPTIONS = cost.OPTIONS
LABELS = cost.LABELS
MOVED = (*cost.VENDOR_OPTIONS, "hybrid", "freelancer")  # options that pay the transition
RAMPED = (*cost.VENDOR_OPTIONS, "hybrid")  # options a new outside team ramps up for
DAYS_PER_MONTH = 30
MIN_TERM_MONTHS = 6  # shorter is a pilot, not a contract
MAX_TERM_MONTHS = 120

CONTRACT = "The contract term"
AGAINST = "Costs that cut against outsourcing"
RISK = "Risk ranges"
RISK_DRAWS = 2000
# Column headings for tables with an option in every column.
SHORT = {"per_hour": "Per hour", "per_ticket": "Per ticket", "per_fte": "Per FTE", "blended": "Blended",
         "hybrid": "Hybrid", "in_house": "In-house", "freelancer": "Freelancers"}


def _ramp_months(days: float) -> int:
    return math.ceil(days / DAYS_PER_MONTH)


@dataclass(frozen=True)
class Inputs(cost.Inputs):
    """Every cost input (declared once, on :class:`calculators.cost.Inputs`), then the
    contract's own."""

    term_months: int = declare(
        "Contract term", "integer", "months", figure("contract_term_default_months").low, min=MIN_TERM_MONTHS,
        max=MAX_TERM_MONTHS, group=CONTRACT, help="How long the comparison runs; contracts usually run one to five years.")
    transition_cost: float = declare(
        "Transition cost", "money", "once", figure("transition_cost_default").low, min=0, max=100_000_000,
        group=CONTRACT, help="One-time cost of moving the work outside: onboarding, knowledge base, pilot. "
                             "Added in the first month to every option but in-house.")
    ramp_months: int = declare(
        "Ramp-up", "integer", "months", _ramp_months(figure("full_efficiency_days").high), min=0, max=24,
        group=CONTRACT, help="Months a new outside team needs to reach full speed; your team covers the rest "
                             "meanwhile. 0 for none.")
    volume_growth_percent: float = declare(
        "Volume growth", "percent", "% a year", figure("volume_growth_percent").low, min=-50, max=100,
        group=CONTRACT, help="Yearly change in tickets; negative for a decline. Steps up at months 13, 25 and so on.")
    price_increase_percent: float = declare(
        "Vendor price increase", "percent", "% a year", figure("price_increase_percent").low, min=-50, max=100,
        group=CONTRACT, help="Yearly change in vendor and freelancer prices.")
    salary_increase_percent: float = declare(
        "In-house pay increase", "percent", "% a year", figure("salary_increase_percent").low, min=-50, max=100,
        group=CONTRACT, help="Yearly change in in-house salaries, tools and hiring costs.")
    discount_rate_percent: float = declare(
        "Discount rate", "percent", "% a year", figure("discount_rate_percent").low, min=0, max=100,
        group=CONTRACT, help="What money later is worth less than money now, for the present values; "
                             "finance will tell you the rate they use.")
    severance_per_agent: float = declare(
        "Severance and notice per agent", "money", "an agent", 0, min=0, max=10_000_000, group=AGAINST,
        help="One-off cost for each in-house agent an option lets go (notice pay, severance, legal), charged when "
             "the ramp-up ends. The hybrid keeps its team for the complex tickets. 0 unless you enter it: "
             "it depends on your contracts and the law where your team works.")
    stranded_monthly: float = declare(
        "Commitments that run on", "money", "a month", 0, min=0, max=100_000_000, group=AGAINST,
        help="Leases, licenses and other commitments you keep paying after the work moves, added to every option "
             "but in-house for the months below. 0 unless you enter it.")
    stranded_months: int = declare(
        "… for how long", "integer", "months", 0, min=0, max=MAX_TERM_MONTHS, group=AGAINST,
        help="Months those commitments run on from the start of the term.")
    vendor_management_monthly: float = declare(
        "Managing the vendor", "money", "a month", 0, min=0, max=100_000_000, group=AGAINST,
        help="Your own cost of running a vendor relationship (a vendor manager's time, reviews, audits), added every "
             "month to every option with a vendor. 0 unless you enter it; the hidden costs above cover the team's "
             "onboarding, training and QA, not this.")
    vendor_tax_percent: float = declare(
        "Tax you cannot recover on vendor invoices", "percent", "% of fees", 0, min=0, max=100, group=AGAINST,
        help="VAT, GST or withholding on vendor fees that your business cannot reclaim; in-house pay carries none. "
             "0 unless you enter it; ask finance.")
    repeat_contact_percent: float = declare(
        "Extra contacts with an outside team", "percent", "% more", 0, min=0, max=100, group=AGAINST,
        help="Customers who contact again because a new outside team resolves less at first contact: the vendor's "
             "volume is raised by this share. 0 unless you enter it; compare first-contact resolution in a pilot.")
    minimum_monthly_fee: float = declare(
        "Vendor's minimum monthly fee", "money", "a month", 0, min=0, max=100_000_000, group=AGAINST,
        help="The least a vendor bills in a month whatever the volume, before hidden costs and tax. 0 for none.")
    volume_range_percent: float = declare(
        "Volume could be off by", "percent", "± %", figure("risk_volume_range_percent").low, min=0, max=50,
        group=RISK, help="How far your monthly volume could be from the figure above, either way. "
                         "Our assumption unless you enter your own.")
    price_range_percent: float = declare(
        "Vendor prices could be off by", "percent", "± %", figure("risk_price_range_percent").low, min=0, max=50,
        group=RISK, help="How far vendor and freelancer prices could be from the quotes above, either way. "
                         "Our assumption.")
    salary_range_percent: float = declare(
        "In-house cost could be off by", "percent", "± %", figure("risk_salary_range_percent").low, min=0, max=50,
        group=RISK, help="How far the loaded in-house cost could be from the figures above. Our assumption.")
    growth_range_points: float = declare(
        "Growth could be off by", "number", "± points a year", figure("risk_growth_range_points").low, min=0,
        max=40, group=RISK, help="How many percentage points the yearly volume growth could be off, either way. "
                                 "Our assumption.")
    draws: int = declare(
        "Draws", "integer", "draws", RISK_DRAWS, min=100, max=20_000, group=RISK,
        help="How many random cases the risk run prices; more gives steadier percentiles and takes longer.")
    seed: int = declare(
        "Seed", "integer", "", 1, min=0, max=2**31 - 1, group=RISK,
        help="The starting point of the random draws: the same seed gives the same figures; change it to see how "
             "much they move by chance.")


FIELDS = form(Inputs)
_FIELD = {f.key: f for f in FIELDS}

# Inputs the sensitivity moves, each to the ends of its range: (key, figure, how the range
# applies). "range": the figure's low and high; "swing": the entered value ± the figure's
# percent; "days": the figure's days in whole months.
# Inputs the sensitivity moves around the reader's own value: "relative" to ±20% of it
# (money, volumes, shares of money), "months" the same in whole months, "points" ±3
# percentage points (yearly rates). Each end stays within the field's own bounds.
SENSITIVITY = (
    ("monthly_tickets", "relative"),
    ("hourly_rate", "relative"),
    ("per_ticket_simple", "relative"),
    ("per_ticket_complex", "relative"),
    ("fte_monthly_rate", "relative"),
    ("hidden_cost_percent", "relative"),
    ("in_house_salary_annual", "relative"),
    ("freelancer_hourly_rate", "relative"),
    ("transition_cost", "relative"),
    ("ramp_months", "months"),
    ("volume_growth_percent", "points"),
    ("price_increase_percent", "points"),
    ("salary_increase_percent", "points"),
    ("severance_per_agent", "relative"),
    ("stranded_monthly", "relative"),
    ("stranded_months", "months"),
    ("vendor_management_monthly", "relative"),
    ("vendor_tax_percent", "relative"),
    ("repeat_contact_percent", "relative"),
    ("minimum_monthly_fee", "relative"),
)
# The inputs the contract added, shown in the sensitivity only when the reader has entered
# one (at 0 they have no range around them and would fill the chart with empty rows).
_ADDED = ("severance_per_agent", "stranded_monthly", "stranded_months", "vendor_management_monthly",
          "vendor_tax_percent", "repeat_contact_percent", "minimum_monthly_fee")


@dataclass(frozen=True)
class Swing:
    input: str
    low_value: float
    high_value: float
    low_total: float
    high_total: float

    @property
    def size(self) -> float:
        return abs(self.high_total - self.low_total)


@dataclass(frozen=True)
class Year:
    """One steady month of a contract year (before ramp-up and one-off costs), each option's
    cost split into what moves with vendor and freelancer rates and what moves with in-house
    pay, so the risk run and the break-even price can scale each part alone."""

    price: dict[str, float]  # option -> the part paid at vendor or freelancer rates, hidden costs and tax included
    floor: dict[str, float]  # option -> the minimum fee, hidden costs and tax included, where it binds the price part
    pay: dict[str, float]  # option -> the part paid as in-house cost
    agents: dict[str, float]  # option -> in-house agents it employs
    vendor_fte: dict[str, float]  # option -> full-time agents' worth of work done outside

    def cost(self, option: str, prices: float = 1.0, pay: float = 1.0) -> float:
        return max(prices * self.price[option], self.floor[option]) + pay * self.pay[option]

    def moved(self, option: str) -> float:
        """What the work that moves would cost in-house (the ramp-up overlap's base)."""
        return self.pay["in_house"] - self.pay[option] if option in RAMPED else 0.0

    def leaving(self, option: str) -> float:
        """In-house agents the option no longer employs."""
        return 0.0 if option == "in_house" else self.agents["in_house"] - self.agents[option]


@dataclass(frozen=True)
class Term:
    """Every option's cost over one term."""

    monthly: dict[str, tuple[float, ...]]  # option -> cost of each month
    steady: dict[str, tuple[float, ...]]  # option -> the month's cost in each contract year, before ramp and one-offs
    overlap: dict[str, float]  # option -> the ramp-up overlap over the term
    years: tuple[Year, ...] = ()
    one_off: dict[str, dict[str, float]] = field(default_factory=dict)  # kind -> option -> total over the term

    def cumulative(self, option: str) -> list[float]:
        """The running total at the end of each month; its last is :meth:`total`, to the bit."""
        return list(itertools.accumulate(self.monthly[option]))

    def total(self, option: str) -> float:
        return self.cumulative(option)[-1]


@dataclass(frozen=True)
class Risk:
    p10: float
    p50: float
    p90: float
    chance_cheaper_percent: float


@dataclass(frozen=True)
class Result:
    term: Term
    total: dict[str, float]
    present_value: dict[str, float]
    cheapest: str
    payback_month: dict[str, int | None]
    sensitivity: tuple[Swing, ...]
    transition: dict[str, float]
    discounted_payback_month: dict[str, int | None] = field(default_factory=dict)
    saving_present_value: dict[str, float] = field(default_factory=dict)
    irr_percent: dict[str, float | None] = field(default_factory=dict)
    break_even_price_change_percent: dict[str, float | None] = field(default_factory=dict)
    risk: dict[str, Risk] = field(default_factory=dict)
    draws: dict[str, tuple[float, ...]] = field(default_factory=dict)  # option -> saving_present_value of each draw
    headcount: dict[str, tuple[dict[str, float], ...]] = field(default_factory=dict)


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    return _read(Inputs, raw)


# ------------------------------------------------------------------ the arithmetic


_COST_KEYS = tuple(f.name for f in dataclass_fields(cost.Inputs))
_PRICES = ("hourly_rate", "per_ticket_simple", "per_ticket_complex", "fte_monthly_rate", "freelancer_hourly_rate")
_PAY = ("in_house_salary_annual", "tools_monthly_per_agent", "hiring_cost_per_agent")


def _year(i: Inputs, year: int) -> Year:
    """One month of contract year ``year`` (0 for the first), priced by the cost calculator."""
    grow = (1 + i.volume_growth_percent / 100) ** year
    try:
        return _priced_year(i, year, i.monthly_tickets * grow)
    except Refusal as refusal:
        if year == 0:
            raise
        raise Refusal({"volume_growth_percent": (
            f"By year {year + 1} this growth makes the work too large to compare: "
            + _lower_first(refusal.errors["monthly_tickets"]))}) from None


def _year_inputs(i: Inputs, year: int, tickets: float) -> tuple[cost.Inputs, cost.Inputs, float]:
    """The cost calculator's inputs for contract year ``year`` at ``tickets`` a month: for
    the in-house work and freelancers, then for a vendor's part (its volume raised by repeat
    contacts: the third item, the factor). Vendor fees carry hidden costs and tax. The same
    objects for every volume of a year unless staffing is carried (the cost calculator keeps
    what it works out per inputs object), and for every year and case with the same prices,
    pay and volume (remembered by what they are made of, :data:`_YEAR_READS`)."""
    prices = (1 + i.price_increase_percent / 100) ** year
    pay = (1 + i.salary_increase_percent / 100) ** year
    return _year_inputs_at(_YEAR_READS_OF(i), prices, pay, tickets if i.staffed_fte is not None else float(i.monthly_tickets))


# All that the cost calculator's inputs for a contract year are made of.
_YEAR_READS = tuple(dict.fromkeys((*_COST_KEYS, "vendor_tax_percent", "repeat_contact_percent")))
_YEAR_READS_OF = operator.attrgetter(*_YEAR_READS)


@functools.lru_cache(maxsize=64)
def _year_inputs_at(read: tuple[Any, ...], prices: float, pay: float, tickets: float
                    ) -> tuple[cost.Inputs, cost.Inputs, float]:
    values = dict(zip(_YEAR_READS, read))
    tax, repeat = values.pop("vendor_tax_percent"), 1 + values.pop("repeat_contact_percent") / 100
    if values["staffed_fte"] is not None:
        values["staffed_fte"] *= tickets / values["monthly_tickets"]  # carried staffing follows the volume
    for key in _PRICES:
        values[key] *= prices
    for key in _PAY:
        values[key] *= pay
    values["hidden_cost_percent"] += tax
    own = cost.Inputs(**values)
    if repeat == 1:
        return own, own, repeat
    if values["staffed_fte"] is not None:
        values["staffed_fte"] *= repeat
    return own, cost.Inputs(**values), repeat


def _priced_year(i: Inputs, year: int, tickets: float) -> Year:
    """A month of ``tickets`` at contract year ``year``'s prices and pay. Vendor parts carry
    hidden costs and tax, ``fee × (1 + hidden + tax)``, on the volume raised by repeat
    contacts; in-house parts and freelancers the volume as it is."""
    own_inputs, outside_inputs, repeat = _year_inputs(i, year, tickets)
    return _year_of(own_inputs, outside_inputs, repeat, tickets, i.minimum_monthly_fee, i.complex_percent)


@functools.lru_cache(maxsize=256)
def _year_of(own_inputs: cost.Inputs, outside_inputs: cost.Inputs, repeat: float, tickets: float,
             minimum_monthly_fee: float, complex_percent: float) -> Year:
    """:func:`_priced_year` from what it reads, remembered: a term's years at the same prices
    and volume, and the sensitivity's cases that move no price, are one pricing."""
    fees = own_inputs.hidden_cost_percent
    own = _price(own_inputs, tickets)
    outside = own if repeat == 1 else _price(outside_inputs, tickets * repeat)
    floor = minimum_monthly_fee * (1 + fees / 100)
    has_vendor = outside.hybrid_vendor_model is not None
    price = {o: outside.costs[o] for o in cost.VENDOR_OPTIONS}
    price.update(hybrid=outside.hybrid_vendor if has_vendor else 0.0, in_house=0.0, freelancer=own.costs["freelancer"])
    floors = {o: floor if o in cost.VENDOR_OPTIONS or (o == "hybrid" and has_vendor) else 0.0 for o in OPTIONS}
    pays = {o: 0.0 for o in OPTIONS}
    pays.update(hybrid=own.hybrid_in_house, in_house=own.costs["in_house"])
    agents = {o: 0.0 for o in OPTIONS}
    agents.update(in_house=float(own.steps.agents), hybrid=float(own.steps.kept.agents if own.steps.kept else 0))
    vendor_fte = {o: outside.fte for o in cost.VENDOR_OPTIONS}
    vendor_fte.update(hybrid=outside.fte * (1 - complex_percent / 100) if has_vendor else 0.0, in_house=0.0,
                      freelancer=own.fte)
    return Year(price, floors, pays, agents, vendor_fte)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@functools.lru_cache(maxsize=512)
def _price(i: cost.Inputs, tickets: float) -> cost.Month:
    """:func:`cost.price`, remembered: the sensitivity prices many years that are the same
    year as entered (an input at the end of its range that it already sits at)."""
    return cost.price(i, tickets)


def _overlap_share(i: Inputs, month: int) -> float:
    """The share of the moved work the in-house team still carries in ``month`` (1-based)."""
    if month > i.ramp_months:
        return 0.0
    return 1 - (month - 0.5) / i.ramp_months


def _has_vendor(i: Inputs, option: str) -> bool:
    return option in cost.VENDOR_OPTIONS or (option == "hybrid" and i.complex_percent < 100)


def severance_month(i: Inputs) -> int:
    """The month severance is paid: when the ramp-up ends (month 1 without one), within the term."""
    return min(max(i.ramp_months, 1), i.term_months)


def term(i: Inputs, options: tuple[str, ...] = OPTIONS) -> Term:
    """``options`` (every option unless told) month by month over the term."""
    years = tuple(_year(i, y) for y in range(math.ceil(i.term_months / 12)))
    monthly, overlap = {}, {}
    one_off = {"severance": {}, "stranded": {}, "vendor_management": {}}
    leave_month = severance_month(i)
    for option in options:
        months = []
        for y, year in enumerate(years):  # each year's steady cost, then the few months that differ
            months += [year.cost(option)] * min(12, i.term_months - 12 * y)
        ramp = []
        if option in RAMPED:
            for m in range(1, min(i.ramp_months, i.term_months) + 1):
                year = years[(m - 1) // 12]
                share = _overlap_share(i, m)
                ramp.append(share * year.moved(option))
                months[m - 1] += ramp[-1]
        if option in MOVED:
            months[0] += i.transition_cost
        severance = stranded = managing = 0.0
        if option != "in_house":
            severance = i.severance_per_agent * years[(leave_month - 1) // 12].leaving(option)
            months[leave_month - 1] += severance
            for m in range(min(i.stranded_months, i.term_months)):
                months[m] += i.stranded_monthly
            stranded = i.stranded_monthly * min(i.stranded_months, i.term_months)
        if _has_vendor(i, option):
            months = [c + i.vendor_management_monthly for c in months]
            managing = i.vendor_management_monthly * i.term_months
        monthly[option] = tuple(months)
        overlap[option] = math.fsum(ramp)
        one_off["severance"][option] = severance
        one_off["stranded"][option] = stranded
        one_off["vendor_management"][option] = managing
    steady = {o: tuple(y.cost(o) for y in years) for o in options}
    return Term(monthly, steady, overlap, years, one_off)


def headcount(i: Inputs, t: Term) -> dict[str, tuple[dict[str, float], ...]]:
    """Each option's people month by month: the in-house agents it employs (during the
    ramp-up, those it lets go count for the share of the work they still do) and the
    full-time agents' worth of work done outside (by the vendor, or by freelancers)."""
    heads = {}
    for option in OPTIONS:
        months = []
        for m in range(1, i.term_months + 1):
            year = t.years[(m - 1) // 12]
            agents = year.agents[option]
            if option in RAMPED and m <= i.ramp_months:
                agents += _overlap_share(i, m) * year.leaving(option)
            months.append({"in_house_agents": agents, "vendor_fte": year.vendor_fte[option]})
        heads[option] = tuple(months)
    return heads


def _discounts(rate_percent: float, months: int) -> list[float]:
    """What 1 paid in month m is worth today: 1 ÷ (1 + rate)^((m − 1) ÷ 12), m = 1 … months."""
    factor = 1 + rate_percent / 100
    return [1 / factor ** (m / 12) for m in range(months)]


def present_value(months: tuple[float, ...], rate_percent: float) -> float:
    """Σ cost of month m ÷ (1 + rate)^((m − 1) ÷ 12)."""
    factor = 1 + rate_percent / 100
    return math.fsum(c / factor ** (m / 12) for m, c in enumerate(months))


def _holds_from(option_costs, in_house_costs) -> int | None:
    """The first month from which the cumulative saving (in-house's running total less the
    option's) is at least 0 in every month to the end; None if the last month is short."""
    mine = list(itertools.accumulate(option_costs))
    theirs = list(itertools.accumulate(in_house_costs))
    first = None
    for m in range(len(mine), 0, -1):
        if mine[m - 1] <= theirs[m - 1] + 1e-9 * max(1.0, abs(theirs[m - 1])):  # float noise in sums of equal costs
            first = m
        else:
            break
    return first


def payback_month(option: str, t: Term) -> int | None:
    if option == "in_house":
        return None
    return _holds_from(t.monthly[option], t.monthly["in_house"])


def discounted_payback_month(option: str, t: Term, rate_percent: float) -> int | None:
    if option == "in_house":
        return None
    d = _discounts(rate_percent, len(t.monthly[option]))
    return _holds_from([c * f for c, f in zip(t.monthly[option], d)],
                       [c * f for c, f in zip(t.monthly["in_house"], d)])


# Yearly rates, in percent, at which the search for an IRR looks for a change of sign.
_IRR_GRID = (-99.99, -99, -95, -90, -80, -70, -60, -50, -40, -30, -20, -10, -5, -2, 0, 2, 5, 10, 15, 20, 30,
             40, 50, 75, 100, 150, 200, 300, 500, 1000, 2000, 5000, 10000)


def irr_percent(savings: list[float]) -> float | None:
    """The yearly rate ``(1 + r)^12 − 1``, in percent, at which the monthly savings (month 1
    undiscounted) have a present value of 0; among several, the one nearest 0. None when
    the savings never change sign or no such rate lies between −99.99% and 10,000% a year.

    Found by bracketing (the rates of ``_IRR_GRID``) and bisection, standard library only.
    A textbook case: −100 now, then +110 a year later, is 10% a year.
    >>> months = [-100.0] + [0.0] * 11 + [110.0]
    >>> round(irr_percent(months), 6)
    10.0
    """
    if not (any(s > 0 for s in savings) and any(s < 0 for s in savings)):
        return None
    backwards = savings[::-1]

    def npv(monthly_rate: float) -> float:
        x, value = 1 / (1 + monthly_rate), 0.0
        for s in backwards:  # Horner: S1 + x(S2 + x(S3 + …))
            value = value * x + s
        return value

    rates = [(1 + y / 100) ** (1 / 12) - 1 for y in _IRR_GRID]
    values = [npv(r) for r in rates]
    roots = [r for r, v in zip(rates, values) if v == 0]
    for (a, va), (b, vb) in zip(zip(rates, values), zip(rates[1:], values[1:])):
        if va * vb < 0:
            for _ in range(200):
                middle = (a + b) / 2
                vm = npv(middle)
                if vm == 0 or b - a < 1e-15:
                    break
                if (vm < 0) == (va < 0):
                    a, va = middle, vm
                else:
                    b = middle
            roots.append((a + b) / 2 if vm != 0 else middle)
    if not roots:
        return None
    best = min(roots, key=abs)
    return ((1 + best) ** 12 - 1) * 100


def _lowest(t: Term, i: Inputs, values: dict[str, float]) -> str:
    """The lowest present value (with no discount rate, the lowest total); a tie goes to the
    first in the cost calculator's order."""
    return min(OPTIONS, key=values.__getitem__ if i.discount_rate_percent else t.total)


def _weights(i: Inputs) -> tuple[list[float], list[float], list[float]]:
    """Per contract year: the sum of the discount factors of its months, the same weighted by
    the ramp-up share (the overlap), and the month's factors themselves (flat)."""
    d = _discounts(i.discount_rate_percent, i.term_months)
    years = math.ceil(i.term_months / 12)
    whole = [math.fsum(d[12 * y:12 * y + 12]) for y in range(years)]
    ramp = [0.0] * years
    for m in range(1, min(i.ramp_months, i.term_months) + 1):
        ramp[(m - 1) // 12] += d[m - 1] * _overlap_share(i, m)
    return whole, ramp, d


# The largest multiple of an option's rates the break-even price is looked for within (a change
# of +99,999,900%): beyond it the rates are too small a part of the cost to matter.
_BREAK_EVEN_MAX_SCALE = 1e6


def break_even_price_change(option: str, i: Inputs, t: Term, pv: dict[str, float]) -> float | None:
    """The change, in percent, of the option's vendor and freelancer rates at which its
    present value equals in-house's (the minimum fee, ramp-up and one-off costs held)."""
    if option == "in_house":
        return None
    whole, _ramp, _d = _weights(i)
    years = t.years
    priced = math.fsum(w * y.price[option] for w, y in zip(whole, years))
    if priced <= 0:
        return None  # nothing of this option moves with the rates

    def at(scale: float) -> float:  # the option's present value with its rates × scale
        return pv[option] + math.fsum(w * (max(scale * y.price[option], y.floor[option]) - max(y.price[option], y.floor[option]))
                                      for w, y in zip(whole, years))

    target = pv["in_house"]
    if at(0.0) > target:
        return None  # even free, the fixed costs keep it above in-house
    if not any(y.floor[option] for y in years):
        scale = (target - at(0.0)) / priced  # a straight line in the scale
        # rates so small a part of the cost (a rate of 1e-313, say) that no change of them
        # within reach closes the gap
        return (scale - 1) * 100 if scale <= _BREAK_EVEN_MAX_SCALE else None
    low, high = 0.0, 1.0
    while at(high) < target:
        if high > _BREAK_EVEN_MAX_SCALE:
            return None
        low, high = high, high * 2
    for _ in range(100):
        middle = (low + high) / 2
        low, high = (middle, high) if at(middle) < target else (low, middle)
    return ((low + high) / 2 - 1) * 100


# ------------------------------------------------------------------ the risk run

RISK_GRID = 49  # volumes at which a large operation's risk run prices every option
RISK_BREAKS = 60  # at most this many changes of whole numbers in the draws' range are priced exactly


def _scaled(year: Year, prices: float, pay: float) -> Year:
    """``year`` with its price parts × ``prices`` and its pay parts × ``pay`` (a later contract
    year at the same volume; the minimum fee and the people stay)."""
    return Year({o: prices * v for o, v in year.price.items()}, year.floor,
                {o: pay * v for o, v in year.pay.items()}, year.agents, year.vendor_fte)


def _pieces(i: Inputs, year: int, volumes: list[float]) -> tuple[list[float], list[float], list[Year], list[Year]]:
    """Where the draws' volumes (their lowest and highest are enough) of contract year ``year``
    fall: the starts and ends of stretches of volume, and each option's cost at each start
    and at each end. Between two changes
    of whole numbers every cost is a straight line in the volume, so where the range holds
    few such changes (up to RISK_BREAKS) the stretches run between them and reading along
    a stretch is exact; a large operation's range (more changes, each small against its
    cost) is cut into RISK_GRID − 1 equal stretches instead, its steps smoothed."""
    low, high = min(volumes), max(volumes)
    if high - low <= 1e-9 * max(1.0, high):  # every draw at one volume: priced exactly
        year_at = _priced_year(i, year, low)
        return [low], [low], [year_at], [year_at]
    own, outside, repeat = _year_inputs(i, year, low)
    found = cost_switches.breaks(own, low, high, RISK_BREAKS)
    theirs = cost_switches.breaks(outside, low * repeat, high * repeat, RISK_BREAKS) if repeat != 1 else []
    if found is None or theirs is None or len(found) + len(theirs) > RISK_BREAKS:
        starts = [low + (high - low) * j / (RISK_GRID - 1) for j in range(RISK_GRID - 1)]
        at_start = [_priced_year(i, year, v) for v in starts]
        return starts, starts[1:] + [high], at_start, at_start[1:] + [_priced_year(i, year, high)]
    else:
        # the stretch before a change ends one ticket (of the team whose steps change) short of it
        changes = sorted({(b, 1.0) for b in found if low < b <= high}
                         | {(b / repeat, 1 / repeat) for b in theirs if low < b / repeat <= high})
        starts = [low] + [b for b, _gap in changes]
        ends = [max(s, b - gap) for s, (b, gap) in zip(starts, changes)] + [high]
    return starts, ends, [_priced_year(i, year, v) for v in starts], [_priced_year(i, year, v) for v in ends]


def risk_draws(i: Inputs, t: Term) -> dict[str, tuple[float, ...]]:
    """``saving_present_value`` of every option but in-house in each of ``i.draws`` draws.

    Each draw takes four independent triangular draws u (mode 0), from ``random.Random(seed)``
    in this order: volume (±volume range, percent), prices (±price range), in-house cost
    (±salary range) and growth (±points). Month volume × (1 + u), vendor and freelancer rates
    × (1 + u), in-house cost × (1 + u), yearly growth + u points. Fixed amounts (transition,
    severance per agent, commitments, vendor management, the minimum fee) are as entered.

    Fast: a year's cost is exactly ``max(prices × P(V), floor) + pay × I(V)`` at volume V,
    P and I are straight lines in V between two changes of whole numbers, and a later year's
    P and I are the first year's × its increases; so the run prices the first year only, at
    the ends of those stretches over every volume the draws reach (:func:`_pieces`), and
    reads each draw along its stretch.
    """
    n = i.draws
    volume, prices, pay, growth = _factors(i.seed, n, i.volume_range_percent, i.price_range_percent,
                                           i.salary_range_percent, i.growth_range_points, i.volume_growth_percent)
    g = 1 + i.volume_growth_percent / 100
    whole, ramp, d = _weights(i)
    options = [o for o in OPTIONS if o != "in_house"]
    # What no draw moves: the one-off and monthly fixed amounts, discounted.
    fixed = {o: 0.0 for o in options}
    for o in options:
        if o in MOVED:
            fixed[o] += i.transition_cost * d[0]
        fixed[o] += i.stranded_monthly * math.fsum(d[:min(i.stranded_months, i.term_months)])
        if _has_vendor(i, o):
            fixed[o] += i.vendor_management_monthly * math.fsum(d)
    leave_month = severance_month(i)
    price_growth = 1 + i.price_increase_percent / 100
    pay_growth = 1 + i.salary_increase_percent / 100
    # each year's volume of each draw: the year before's × the drawn growth
    yearly = [[i.monthly_tickets * v for v in volume]]
    for _y in range(1, len(whole)):
        yearly.append([v * r * g for v, r in zip(yearly[-1], growth)])
    # A contract year's prices and pay are the first year's × (1 + increase)^y, exactly: the
    # whole numbers follow the volume alone, so every year is read from one pricing of the
    # volumes the draws reach, at the first year's prices and pay.
    starts, ends, first_start, first_end = _pieces(i, 0, [min(map(min, yearly)), max(map(max, yearly))])
    # The stretch each draw's volume falls in, year by year, and a key naming those stretches
    # for all the years at once (a tuple): the draws share few keys (166 of 2,000 in the
    # 60-month default), so what is flat along a stretch (whole agents, in-house cost) is
    # summed once per key; the rest, along each draw's volume.
    # (starts[0] is the lowest volume, so the stretch of v is bisect_right(starts[1:], v))
    above = starts[1:]
    cells_by_year = [list(map(bisect.bisect_right, itertools.repeat(above, n), volumes)) if above else [0] * n
                     for volumes in yearly]
    # A volume in the ticket just short of a change (after its stretch's end, before the next
    # one's start) may already be past it: the change's own point falls between two whole
    # tickets. Such a volume is read on the line of the stretch whose whole numbers and hybrid
    # vendor model it has, the one before or the one after; one with neither (two changes in
    # one ticket) is priced on its own, as a stretch of no length.
    # (v is past its stretch's end when fewer ends than its stretch's number lie below it)
    gaps = [list(itertools.compress(itertools.count(), map(operator.ne, cells, map(
        bisect.bisect_left, itertools.repeat(ends, n), volumes)))) for cells, volumes in zip(cells_by_year, yearly)]
    if any(gaps):
        own, outside, repeat = _year_inputs(i, 0, starts[0])
        lines: dict[float, Any] = {}

        def line_at(v: float) -> Any:
            if v not in lines:
                lines[v] = (cost_switches.line_of(own, v),
                            cost_switches.line_of(outside, v * repeat) if repeat != 1 else None)
            return lines[v]

        stretches = len(starts)
        for cells, volumes, found in zip(cells_by_year, yearly, gaps):
            for j in found:
                c, v = cells[j], volumes[j]
                if line_at(v) == line_at(ends[c]):
                    continue
                if c + 1 < stretches and line_at(v) == line_at(starts[c + 1]):
                    cells[j] = c + 1
                    continue
                cells[j] = len(starts)
                starts.append(v)
                ends.append(v)
                first_start.append(_priced_year(i, 0, v))
                first_end.append(first_start[-1])
    index: dict[tuple[int, ...], int] = {}
    position = [index.setdefault(k, len(index)) for k in zip(*cells_by_year)]
    keyed_cells = [list(cells) for cells in zip(*index)]  # each year's stretch of each key
    # Summed over the years before the draw's own scales: the in-house cost the options save
    # ("whole": every month of in-house's; "ramped": what the ramp-up overlap keeps paying;
    # "kept_hybrid": the hybrid's own in-house team), each option's price part ("priced", o),
    # and what neither scale moves ("unscaled", o: severance, a minimum fee that binds). Each
    # part: per key (``flat``) plus per draw (``along``). A price part that is a + b × volume
    # with the same b, at the first year's prices, in every stretch and year (a price per
    # ticket or per hour) takes b once at the end from ``proportional``: each draw's
    # Σ (discounted months × price growth × volume) over the years.
    flat: dict[Any, list[float]] = {}
    along: dict[Any, list[float]] = {}
    proportional = [0.0] * n
    per_volume: dict[str, float | None] = {}  # option -> its price part per unit of ``proportional``

    def line(at: list[float], to: list[float]) -> tuple[list[float], list[float]]:
        """Each stretch's a and b, from the values at its start and at its end."""
        slopes = [(e - s) / (end - start) if end > start else 0.0 for s, e, start, end in zip(at, to, starts, ends)]
        return [s - b * start for s, b, start in zip(at, slopes, starts)], slopes

    def add(part: Any, y: int, a: list[float], b: list[float]) -> None:
        """Part ``part`` of year ``y``: a + b × volume along each stretch."""
        if any(a):
            table = flat.get(part, [0.0] * len(index))
            flat[part] = [t + a[c] for t, c in zip(table, keyed_cells[y])]
        if any(b):
            totals = along.get(part, [0.0] * n)
            along[part] = [t + b[c] * v for t, c, v in zip(totals, cells_by_year[y], yearly[y])]

    for y, volumes in enumerate(yearly):
        at_start = [_scaled(yr, price_growth ** y, pay_growth ** y) for yr in first_start]
        at_end = [_scaled(yr, price_growth ** y, pay_growth ** y) for yr in first_end]
        in_house = [yr.pay["in_house"] for yr in at_start], [yr.pay["in_house"] for yr in at_end]
        add("whole", y, *line(*([whole[y] * v for v in ends_] for ends_ in in_house)))
        if ramp[y]:
            add("ramped", y, *line(*([ramp[y] * v for v in ends_] for ends_ in in_house)))
        if "hybrid" in options:
            weight = whole[y] - ramp[y]
            add("kept_hybrid", y, *line([weight * yr.pay["hybrid"] for yr in at_start],
                                        [weight * yr.pay["hybrid"] for yr in at_end]))
        unit = whole[y] * price_growth ** y
        for o in options:
            a, b = line([whole[y] * yr.price[o] for yr in at_start], [whole[y] * yr.price[o] for yr in at_end])
            floor = whole[y] * at_start[0].floor[o]
            if floor:  # the draw's price scale goes inside the minimum: read here, draw by draw
                totals = along.get(("unscaled", o), [0.0] * n)
                along[("unscaled", o)] = [t - max(q * (a[c] + b[c] * v), floor) for t, q, c, v in
                                          zip(totals, prices, cells_by_year[y], volumes)]
                a = b = [0.0]
            # A stretch of no length (just short of a change, one volume) has no slope of its own.
            live = [x for x, start, end in zip(b, starts, ends) if end > start]
            rate = live[0] / unit if unit and live else 0.0
            if rate and all(math.isclose(x, live[0], rel_tol=1e-12) for x in live) and (
                    per_volume.setdefault(o, rate if y == 0 else None) is not None
                    and math.isclose(per_volume[o], rate, rel_tol=1e-12)):
                # b is read at the end, from ``proportional``; a stretch of no length keeps its
                # value with that slope
                a = [x if end > start else x + (slope - live[0]) * start
                     for x, slope, start, end in zip(a, b, starts, ends)]
                add(("priced", o), y, a, [0.0])
            else:
                if per_volume.get(o):  # the years before were left to ``proportional``: take them in now
                    totals = along.get(("priced", o), [0.0] * n)
                    along[("priced", o)] = [t + per_volume[o] * x for t, x in zip(totals, proportional)]
                per_volume[o] = None
                add(("priced", o), y, a, b)
            if y == (leave_month - 1) // 12 and i.severance_per_agent:
                each = i.severance_per_agent * d[leave_month - 1]
                add(("unscaled", o), y, *line([-each * yr.leaving(o) for yr in at_start],
                                              [-each * yr.leaving(o) for yr in at_end]))
        if any(per_volume.values()):
            proportional = [t + unit * v for t, v in zip(proportional, volumes)]

    # Each draw's saving: unscaled + pay × kept − prices × priced, each the draw's key's sum and its
    # own. What is flat along a stretch is combined per key first (a few hundred keys), then each
    # option is one pass over the draws.
    nothing = itertools.repeat(0.0)

    def signed_sum(tables: dict[Any, list[float]], signed: tuple[tuple[Any, float], ...]) -> list[float] | None:
        """The parts ``signed`` names in ``tables``, each added or taken away element by element
        (None when ``tables`` holds none of them)."""
        summed = None
        for part, sign in signed:
            if part in tables:
                more = tables[part]
                if summed is None:
                    summed = more if sign == 1 else [-x for x in more]
                else:
                    summed = [x + y for x, y in zip(summed, more)] if sign == 1 else \
                        [x - y for x, y in zip(summed, more)]
        return summed

    def per_key(signed: tuple[tuple[Any, float], ...], less: float = 0.0) -> list[float]:
        summed = signed_sum(flat, signed)
        if summed is None:
            return [-less] * len(index)
        return [x - less for x in summed] if less else summed

    def per_draw(signed: tuple[tuple[Any, float], ...]) -> Any:
        summed = signed_sum(along, signed)
        return nothing if summed is None else summed

    # in-house pay saved: all of it for freelancers; less the ramp-up overlap for the options
    # that ramp up; less its own team, too, for the hybrid
    saved = {"freelancer": (("whole", 1.0),), "hybrid": (("whole", 1.0), ("ramped", -1.0), ("kept_hybrid", -1.0))}
    draws = {}
    for o in options:
        kept = saved.get(o, (("whole", 1.0), ("ramped", -1.0)))
        unscaled, own_unscaled = per_key(((("unscaled", o), 1.0),), fixed[o]), per_draw(((("unscaled", o), 1.0),))
        kept_key, own_kept = per_key(kept), per_draw(kept)
        priced, own_priced = per_key(((("priced", o), 1.0),)), per_draw(((("priced", o), 1.0),))
        rate = per_volume.get(o) or 0.0  # the price part read from ``proportional``
        if own_unscaled is nothing and own_kept is nothing and own_priced is nothing:  # the usual case
            draws[o] = tuple([unscaled[k] + p * kept_key[k] - q * (priced[k] + rate * r) for k, p, q, r in
                              zip(position, pay, prices, proportional)])
        else:
            draws[o] = tuple([unscaled[k] + u + p * (kept_key[k] + w) - q * (priced[k] + x + rate * r)
                              for k, u, p, w, q, x, r in
                              zip(position, own_unscaled, pay, own_kept, prices, own_priced, proportional)])
    return draws


@functools.lru_cache(maxsize=8)
def _factors(seed: int, n: int, volume_range: float, price_range: float, salary_range: float,
             growth_points: float, growth_percent: float) -> tuple[tuple[float, ...], ...]:
    """The draws' factors: volume, prices and in-house cost (each 1 + draw), and the yearly
    growth as a ratio to the expected growth; kept for the next run, which a reader's edit of
    any other input leaves the same."""
    rng = random.Random(seed)
    uniform = [rng.random() for _ in range(4 * n)]
    g = 1 + growth_percent / 100
    return (tuple(_triangulars(uniform[0::4], volume_range)), tuple(_triangulars(uniform[1::4], price_range)),
            tuple(_triangulars(uniform[2::4], salary_range)),
            tuple([(g - 1 + u) / g for u in _triangulars(uniform[3::4], growth_points)]))  # 1 + u ÷ g, as a ratio


def _triangulars(uniform: list[float], half_width: float) -> list[float]:
    """Each ``u`` as a draw on [−w, +w] percent with mode 0 (the inverse of the triangular
    distribution's CDF, as :func:`random.triangular` computes it), as a factor 1 + draw."""
    w, sqrt = half_width / 100, math.sqrt
    return [1 + w * (sqrt(2 * u) - 1) if u < 0.5 else 1 + w * (1 - sqrt(2 - 2 * u)) for u in uniform]


def summarize(draws: tuple[float, ...]) -> Risk:
    """P10, P50 and P90 (as Excel's PERCENTILE.INC and ``statistics.quantiles(method="inclusive")``
    take them: between order statistics at (n − 1) × p) and the share of draws above 0."""
    ordered = sorted(draws)  # quantiles sorts again, in one pass over a sorted list
    deciles = statistics.quantiles(ordered, n=10, method="inclusive")
    above = len(ordered) - bisect.bisect_right(ordered, 0.0)  # the draws above 0
    return Risk(deciles[0], deciles[4], deciles[8], 100 * above / len(ordered))


# ------------------------------------------------------------------ what moves the answer


def _ends(i: Inputs, key: str, how: str) -> tuple[float, float]:
    f = _FIELD[key]
    value = getattr(i, key)
    if how == "points":
        low, high = value - figure("sensitivity_points").low, value + figure("sensitivity_points").low
    else:
        swing = figure("sensitivity_swing_percent").low / 100
        low, high = value * (1 - swing), value * (1 + swing)
        if how == "months":
            low, high = round(low), round(high)
    bottom = f.min if f.min is not None else -math.inf
    if f.min_exclusive:
        bottom = max(bottom, math.nextafter(bottom, math.inf))
    return max(low, bottom), min(high, f.max if f.max is not None else math.inf)


def _moved(i: Inputs, key: str, value: float) -> Inputs:
    if key == "monthly_tickets" and i.staffed_fte is not None:
        return replaced(i, monthly_tickets=value, staffed_fte=i.staffed_fte * value / i.monthly_tickets)
    return replaced(i, **{key: value})


def sensitivity(i: Inputs, option: str) -> tuple[Swing, ...]:
    swings = []
    for key, how in SENSITIVITY:
        if key in _ADDED and not getattr(i, key):
            continue
        low, high = _ends(i, key, how)
        try:
            totals = [term(_moved(i, key, v), (option,)).total(option) for v in (low, high)]
        except Refusal:
            continue  # an end too large to price (e.g. +20% of the largest volume) is left out
        swings.append(Swing(key, low, high, *totals))
    return tuple(sorted(swings, key=lambda s: -s.size))  # stable: equal swings keep SENSITIVITY's order


def compute(i: Inputs) -> Result:
    t = term(i)
    pv = {o: present_value(t.monthly[o], i.discount_rate_percent) for o in OPTIONS}
    cheapest = _lowest(t, i, pv)
    try:
        draws = risk_draws(i, t)
    except Refusal:
        draws = {}  # a draw's volume too large to price: no risk run (the case itself stands)
    return Result(
        term=t,
        total={o: t.total(o) for o in OPTIONS},
        present_value=pv,
        cheapest=cheapest,
        payback_month={o: payback_month(o, t) for o in OPTIONS},
        sensitivity=sensitivity(i, cheapest),
        transition={o: i.transition_cost if o in MOVED else 0.0 for o in OPTIONS},
        discounted_payback_month={o: discounted_payback_month(o, t, i.discount_rate_percent) for o in OPTIONS},
        saving_present_value={o: pv["in_house"] - pv[o] for o in OPTIONS},
        irr_percent={o: None if o == "in_house" else
                     irr_percent([h - c for h, c in zip(t.monthly["in_house"], t.monthly[o])]) for o in OPTIONS},
        break_even_price_change_percent={o: break_even_price_change(o, i, t, pv) for o in OPTIONS},
        risk={o: summarize(v) for o, v in draws.items()},
        draws=draws,
        headcount=headcount(i, t),
    )


def outputs(r: Result) -> dict[str, Any]:
    t = r.term
    cumulative = {o: t.cumulative(o) for o in OPTIONS}
    return {
        "monthly": {o: list(t.monthly[o]) for o in OPTIONS},
        "total": dict(r.total),
        "present_value": dict(r.present_value),
        "cheapest": r.cheapest,
        "payback_month": dict(r.payback_month),
        "sensitivity": [
            {"input": s.input, "low_total": s.low_total, "high_total": s.high_total,
             "low_value": s.low_value, "high_value": s.high_value}
            for s in r.sensitivity
        ],
        "discounted_payback_month": dict(r.discounted_payback_month),
        "saving_present_value": dict(r.saving_present_value),
        "irr_percent": dict(r.irr_percent),
        "break_even_price_change_percent": dict(r.break_even_price_change_percent),
        "headcount": {o: [dict(h) for h in r.headcount[o]] for o in OPTIONS},
        "risk": {o: {"p10": k.p10, "p50": k.p50, "p90": k.p90, "chance_cheaper_percent": k.chance_cheaper_percent}
                 for o, k in r.risk.items()},
        # Beyond the contract, for the comparison view, the decision pack and the workbook:
        "cumulative": cumulative,
        "yearly": {o: [math.fsum(t.monthly[o][y:y + 12]) for y in range(0, len(t.monthly[o]), 12)] for o in OPTIONS},
        "steady_monthly": {o: list(t.steady[o]) for o in OPTIONS},
        "ramp_overlap": dict(t.overlap),
        "transition": dict(r.transition),
        "severance": dict(t.one_off["severance"]),
        "stranded": dict(t.one_off["stranded"]),
        "vendor_management": dict(t.one_off["vendor_management"]),
        "saving_vs_in_house": {o: r.total["in_house"] - r.total[o] for o in OPTIONS},
        "term_months": len(t.monthly["in_house"]),
    }


# ------------------------------------------------------------------------ the report


def _money(amount: float) -> str:
    return settings.money(amount, 0)


def _label(key: str) -> str:
    return {f.key: f.label for f in FIELDS}[key]


def _input_value(key: str, value: float) -> str:
    f = {f.key: f for f in FIELDS}[key]
    if f.kind == "money":
        return settings.money(value, 2 if value < 100 and not float(value).is_integer() else 0)
    if f.kind == "percent":
        return f"{number(round(value, 2))}%"
    if key == "monthly_tickets":
        return f"{value:,.0f}"
    return f"{number(round(value, 2))} {f.unit}".strip()


def _payback_text(month: int | None) -> str:
    return "not within the term" if month is None else f"month {month}"


def _percent(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "–"
    shown = f"{number(round(value, 1))}%"
    return ("+" + shown if value > 0 else shown.replace("-", "−")) if signed else shown.replace("-", "−")


def _today(i: Inputs) -> str:
    return (f"in today's money (at {number(i.discount_rate_percent)}% a year)" if i.discount_rate_percent
            else "over the term (no discount rate)")


def _rival(r: Result) -> str:
    """The option the decision is about: the cheapest, or when in-house is cheapest, the
    outside option nearest to it."""
    if r.cheapest != "in_house":
        return r.cheapest
    return max((o for o in OPTIONS if o != "in_house"), key=r.saving_present_value.__getitem__)


def _irr_text(r: Result, option: str) -> str:
    if option == "in_house":
        return "(the baseline)"
    value = r.irr_percent[option]
    if value is not None:
        return f"{_percent(value)} a year"
    savings = [h - c for h, c in zip(r.term.monthly["in_house"], r.term.monthly[option])]
    if any(s < 0 for s in savings) and any(s > 0 for s in savings):
        return "over 10,000% a year" if sum(savings) > 0 else "below −99.99% a year"
    return "none: no outlay to pay back" if all(s >= 0 for s in savings) else "none: it never saves"


def _break_even_text(value: float | None, option: str) -> str:
    if option == "in_house":
        return "(the baseline)"
    if value is None:
        return "none: no change of its rates brings it to in-house's cost"
    return f"{_percent(value, signed=True)} on its rates"


def _summary(i: Inputs, r: Result) -> tuple[str, ...]:
    best, rival = r.cheapest, _rival(r)
    risk = r.risk.get(rival)
    chance = (f"in {_percent(risk.chance_cheaper_percent)} of {i.draws:,} draws of the risk ranges" if risk else "")
    if best != "in_house":
        lead = (f"Decision: {cost.PHRASES[best]}. Over {i.term_months} months it saves "
                f"{_money(r.saving_present_value[best])} against an in-house team {_today(i)}, pays back in "
                f"{_payback_text(r.payback_month[best])}" + (f", and stays cheaper {chance}." if risk else "."))
    else:
        lead = (f"Decision: keep the work in-house. Over {i.term_months} months it costs the least {_today(i)}; "
                f"the nearest outside option, {cost.PHRASES[rival]}, would cost "
                f"{_money(-r.saving_present_value[rival])} more" + (f" and is cheaper only {chance}." if risk else "."))
    lines = [lead]
    if risk:
        lines.append(f"Across the draws, {cost.PHRASES[rival]} saves between {_money(risk.p10)} (P10) and "
                     f"{_money(risk.p90)} (P90) against in-house, {_money(risk.p50)} at the middle (P50).")
    if r.sensitivity and r.sensitivity[0].size > 0:
        top = r.sensitivity[0]
        lines.append(f"{_label(top.input)} moves {cost.PHRASES[best]}'s total most: from {_money(top.low_total)} at "
                     f"{_input_value(top.input, top.low_value)} to {_money(top.high_total)} at "
                     f"{_input_value(top.input, top.high_value)}.")
    else:
        lines.append("None of the inputs moved around your values changes its total.")
    return tuple(lines)


def _number(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
    rival = _rival(r)
    decision_rows = [
        render.measure("Decision (lowest present value)", out, "cheapest", LABELS.__getitem__),
        render.measure(f"Saving against in-house {_today(i)}", out, f"saving_present_value.{rival}", _money),
        render.measure("Pays back (and stays paid back) in", out, f"payback_month.{rival}", _payback_text),
        render.measure("Pays back, counting in today's money, in", out, f"discounted_payback_month.{rival}",
                       _payback_text),
        render.measure("Internal rate of return", out, f"irr_percent.{rival}", lambda v: _irr_text(r, rival)),
        render.measure("Its prices could change by this before in-house is cheaper", out,
                       f"break_even_price_change_percent.{rival}", lambda v: _break_even_text(v, rival)),
    ]
    if rival in r.risk:
        decision_rows += [
            render.measure(f"Chance it is cheaper than in-house ({i.draws:,} draws)", out,
                           f"risk.{rival}.chance_cheaper_percent", _percent),
            render.measure("Saving, P10 (9 draws in 10 do better)", out, f"risk.{rival}.p10", _money),
            render.measure("Saving, P90 (1 draw in 10 does better)", out, f"risk.{rival}.p90", _money),
        ]
    decision = render.table(
        "The decision" + (f" (in-house is cheapest; the nearest outside option: {cost.PHRASES[rival]})"
                          if rival != r.cheapest else f": {cost.PHRASES[rival]}"),
        ("Measure", "Value"), decision_rows)
    totals = render.table(
        f"Each option over {i.term_months} months",
        ("Option", "Total", "Present value", "Saving against in-house", "Pays back against in-house"),
        tuple(
            (
                render.cell(LABELS[o] + (" (cheapest)" if o == r.cheapest else "")),
                render.shown(out, f"total.{o}", _money),
                render.shown(out, f"present_value.{o}", _money),
                render.shown(out, f"saving_vs_in_house.{o}", _money),
                render.shown(out, f"payback_month.{o}",
                             lambda v, o=o: "(the baseline)" if o == "in_house" else _payback_text(v)),
            )
            for o in OPTIONS
        ),
        wide=True,
    )
    measures = render.table(
        "How each option pays back against in-house",
        ("Option", "Saving in present value", "Pays back, discounted", "Internal rate of return",
         "Price change to break even"),
        tuple(
            (
                render.cell(LABELS[o]),
                render.shown(out, f"saving_present_value.{o}", _money),
                render.shown(out, f"discounted_payback_month.{o}",
                             lambda v, o=o: "(the baseline)" if o == "in_house" else _payback_text(v)),
                render.shown(out, f"irr_percent.{o}", lambda v, o=o: _irr_text(r, o)),
                render.shown(out, f"break_even_price_change_percent.{o}", lambda v, o=o: _break_even_text(v, o)),
            )
            for o in OPTIONS if o != "in_house"
        ),
        wide=True,
    )
    moving = render.table(
        "What moving the work adds to each total",
        ("Option", "Transition (month 1)", "Ramp-up overlap", "Severance", "Commitments that run on",
         "Managing the vendor"),
        tuple((render.cell(LABELS[o]), render.shown(out, f"transition.{o}", _money),
               render.shown(out, f"ramp_overlap.{o}", _money), render.shown(out, f"severance.{o}", _money),
               render.shown(out, f"stranded.{o}", _money), render.shown(out, f"vendor_management.{o}", _money))
              for o in OPTIONS),
        wide=True,
    )
    years = len(out["yearly"]["in_house"])
    yearly = render.table(
        "Cost in each contract year",
        ("Contract year", *(SHORT[o] for o in OPTIONS)),
        tuple(
            (render.cell(f"Year {y + 1}" + (f" (months {12 * y + 1}–{i.term_months})"
                                            if 12 * (y + 1) > i.term_months else "")),
             *(render.shown(out, f"yearly.{o}.{y}", _money) for o in OPTIONS))
            for y in range(years)
        ),
        wide=True,
    )
    heads = out["headcount"]
    money = functools.lru_cache(maxsize=None)(_money)  # a year's months mostly cost the same
    schedule = render.table(
        f"Month by month: the cost of each option, and the people of in-house and of {cost.PHRASES[rival]} "
        "(in-house agents employed; full-time agents' worth of work done outside)",
        ("Month", *(SHORT[o] for o in OPTIONS), "In-house team: agents", f"{SHORT[rival]}: in-house agents",
         f"{SHORT[rival]}: outside FTE"),
        tuple((render.cell(m + 1), *(render.number_cell(out["monthly"][o][m], money) for o in OPTIONS),
               render.number_cell(heads["in_house"][m]["in_house_agents"], _number),
               render.number_cell(heads[rival][m]["in_house_agents"], _number),
               render.number_cell(heads[rival][m]["vendor_fte"], _number))
              for m in range(i.term_months)),
        wide=True, details=f"Month by month: cost and headcount ({i.term_months} months)",
    )
    outside = [o for o in OPTIONS if o != "in_house"]
    cumulative_rows = tuple(
        (render.cell(f"Month {m}"), *(render.shown(out, f"cumulative.{o}.{m - 1}", _money) for o in OPTIONS))
        for m in _marks(i.term_months)
    )
    line = render.LineChart(
        caption=f"Cumulative cost over {i.term_months} months (a dot marks the month each option pays back for good)",
        x_label="Month",
        series=tuple(render.Series(LABELS[o], tuple(out["cumulative"][o]), highlight=o == r.cheapest,
                                   mark=out["payback_month"][o]) for o in OPTIONS),
        baseline=OPTIONS.index("in_house"),
        table=render.table("Cumulative cost at the end of each year", ("Month", *(SHORT[o] for o in OPTIONS)),
                           cumulative_rows, wide=True),
        shown=_money,
    )
    charts: list[Any] = [line]
    if r.risk:
        risk_table = render.table(
            f"Saving against in-house {_today(i)} over {i.draws:,} draws",
            ("Option", "P10", "P50", "P90", "Chance cheaper"),
            tuple((render.cell(SHORT[o]), render.shown(out, f"risk.{o}.p10", _money),
                   render.shown(out, f"risk.{o}.p50", _money), render.shown(out, f"risk.{o}.p90", _money),
                   render.shown(out, f"risk.{o}.chance_cheaper_percent", _percent))
                  for o in outside if o in r.risk),
        )
        k = r.risk[rival]
        charts.append(render.Histogram(
            caption=f"How the saving of {cost.PHRASES[rival]} spreads over {i.draws:,} draws of the risk ranges "
                    "(right of 0: cheaper than in-house)",
            values=r.draws[rival],
            marks=(("0", 0.0), ("P10", k.p10), ("P50", k.p50), ("P90", k.p90)),
            table=risk_table, shown=_money))
    swings = out["sensitivity"]
    tornado_table = render.table(
        f"What moves the total of {cost.PHRASES[r.cheapest]} (largest swing first)",
        ("Input", "Low end", "Total at the low end", "High end", "Total at the high end", "Swing"),
        tuple(
            (
                render.cell(_label(s["input"])),
                render.cell(_input_value(s["input"], s["low_value"])),
                render.shown(out, f"sensitivity.{n}.low_total", _money),
                render.cell(_input_value(s["input"], s["high_value"])),
                render.shown(out, f"sensitivity.{n}.high_total", _money),
                render.cell(_money(abs(s["high_total"] - s["low_total"]))),
            )
            for n, s in enumerate(swings)
        ),
        wide=True,
    )
    charts.append(render.Tornado(
        caption=f"Sensitivity of {cost.PHRASES[r.cheapest]}'s total to each input, moved around your value",
        base=out["total"][r.cheapest],
        bars=tuple(render.TornadoBar(_label(s["input"]), s["low_total"], s["high_total"],
                                     _input_value(s["input"], s["low_value"]),
                                     _input_value(s["input"], s["high_value"])) for s in swings),
        table=tornado_table,
        shown=_money,
    ))
    notes = [
        f"Transition cost ({_money(i.transition_cost)}) is added in month 1 to every option that moves work outside; "
        "in-house pays none.",
        (f"Ramp-up: over {i.ramp_months} months the new team's output rises in a straight line to full speed while "
         "your in-house team covers what it cannot yet take, and is paid for it." if i.ramp_months else
         "No ramp-up: the new team is taken to work at full speed from its first month."),
        "Growth and increases apply a year at a time: months 13, 25 and so on each carry one more year's change.",
        "Decision: the option with the lowest present value (with no discount rate, the lowest total). "
        "Payback is the first month from which the running saving against in-house stays at or above 0 "
        "to the end of the term.",
        f"The sensitivity moves each input around your own value: ±{format_figure(figure('sensitivity_swing_percent'))} "
        f"for amounts, volumes and shares (months rounded), ±{number(figure('sensitivity_points').low)} points for "
        "yearly percentages (our assumption).",
    ]
    if r.risk:
        notes.append(
            f"Risk: {i.draws:,} draws (seed {i.seed}), each moving volume by up to ±{number(i.volume_range_percent)}%, "
            f"vendor and freelancer prices ±{number(i.price_range_percent)}%, in-house cost "
            f"±{number(i.salary_range_percent)}% and yearly growth ±{number(i.growth_range_points)} points, "
            "each from a triangular distribution centered on your figure (our assumption, as the ranges' defaults "
            "are). Each draw is priced exactly up to about 40 agents; beyond, whole-agent steps are smoothed between "
            f"{RISK_GRID} priced volumes.")
    else:
        notes.append("Risk: the draws' largest volumes are too large to price, so the risk run is left out.")
    added = [f for f in FIELDS if f.group == AGAINST and getattr(i, f.key)]
    if added:
        notes.append("Costs that cut against outsourcing, as entered: "
                     + "; ".join(f"{f.label.lstrip('… ')} {_input_value(f.key, getattr(i, f.key))}" for f in added)
                     + ".")
    else:
        notes.append("No severance, commitments that run on, vendor management, tax, repeat contacts or minimum fee "
                     "is counted: each is 0 until you enter it.")
    warning = cost.disagreement(i)  # a carried FTE and the tickets describing different work
    return render.Report(
        summary=_summary(i, r),
        lead=(decision,),
        tables=(totals, measures, moving, yearly, schedule),
        notes=(warning, *notes) if warning else tuple(notes),
        charts=tuple(charts),
    )


def _marks(term_months: int) -> list[int]:
    """The months the cumulative table shows: each year's end and the term's."""
    marks = list(range(12, term_months + 1, 12))
    if not marks or marks[-1] != term_months:
        marks.append(term_months)
    return marks
