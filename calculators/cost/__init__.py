"""Monthly cost of each way to staff the same support work.

One month of tickets is priced seven ways (money in the site's currency; rates per the units
in the field keys):

* billed hours ``H = tickets × AHT_minutes ÷ 60 ÷ occupancy`` (handle time plus the idle
  time between tickets that every hourly and per-agent price carries);
* FTE needed ``F = H ÷ productive_hours_per_fte``; whole agents ``W = ceil(F)``;
* ticket mix rate ``m = (1 − complex) × per_ticket_simple + complex × per_ticket_complex``;
* hidden costs ``h`` (onboarding, training, QA, tools, knowledge upkeep; source: guide-2026,
  10–30%; 20% unless told, the middle of that range and our assumption) apply to vendor fees only;
* ``per_hour_monthly = H × hourly_rate × (1 + h)``;
* ``per_ticket_monthly = tickets × m × (1 + h)``;
* ``per_fte_monthly = W × fte_monthly_rate × (1 + h)``;
* ``blended_monthly = (B × fte_monthly_rate + tickets × max(0, 1 − B ÷ F) × m) × (1 + h)``
  with ``B`` base agents (whole; unless told, ``floor(F)``): the base takes its share of
  the tickets, the rest is overflow priced per ticket;
* ``in_house_monthly = W × L`` with the loaded cost per agent
  ``L = salary_annual × (1 + benefits + management) ÷ 12 + tools + attrition × hiring_cost ÷ 12``;
* ``freelancer_monthly = H × rate × (1 + overhead) + n × onboarding_hours × rate ÷ engagement_months``
  with ``n = ceil(H ÷ (hours_per_week × 52 ÷ 12))`` freelancers, each onboarded once per
  engagement;
* ``hybrid_monthly = in_house(c) + min over the four vendor options of vendor(1 − c)``: the
  in-house team keeps the complex share ``c`` of the tickets (``c × tickets``, its own whole
  agents, at ``L`` each) and an outside team takes the rest, all priced as simple tickets,
  under whichever vendor option is cheapest for that share (or the one the reader chose in
  ``hybrid_vendor_model``: per hour, per ticket or per FTE), hidden costs on that part only
  (each part's blended base follows its own work; carried staffing FTE splits the same way).

When ``staffed_fte`` is given (carried from the staffing calculator for a live channel),
``F`` is that number and ``H = F × productive_hours_per_fte``: the agents a queue needs to
answer on time, rather than the handle time of the tickets.

Derived: cost per ticket (monthly ÷ tickets), annual (× 12), cost per agent per month
(monthly ÷ F, one full-time agent's worth of work), the cheapest of the four vendor options
and its all-in monthly cost (``cheapest_vendor_monthly``, hidden costs included: the quote
the scorecard scores price from), its all-in cost per agent against the guide's range
(guide-2026), and the nearest monthly volumes, below
and above, at which another option becomes cheapest (searched from half to twice the volume,
at most 250 agents' worth either way: rounding to whole agents and freelancers, fixed
amounts, and the hybrid's vendor part moving to another model are what move the cheapest
option).

Defaults: vendor prices are the middle of the guide's ranges; hidden costs 20%; occupancy
the usual cap; productive hours a 40-hour week (173.3 hours a month) less the usual 30%
shrinkage. In-house and freelancer defaults are assumptions for illustration, not published
figures (the freelancer critique only gives a ceiling of EUR 100 an hour).

Worked example (the defaults; checked in tests): 6,000 tickets, 8 minutes, 85% occupancy ->
H = 941.18 hours, F = 7.78, W = 8. Per hour 941.18 × 16.50 × 1.2 = 18,635.29; per ticket
6,000 × 4.50 × 1.2 = 32,400; per FTE 8 × 2,350 × 1.2 = 22,560; blended (7 × 2,350 +
600.4 overflow × 4.50) × 1.2 = 22,982.02; in-house 8 × (45,000 × 1.45 ÷ 12 + 150 + 125)
= 8 × 5,712.50 = 45,700; freelancers 941.18 × 30 × 1.3 + 11 × 16 × 30 ÷ 3 = 38,465.88;
hybrid: 1,200 complex tickets in-house, 188.24 hours ÷ 121 = 1.56 FTE -> 2 × 5,712.50 =
11,425, plus the cheapest vendor option on 4,800 simple tickets, per hour 752.94 × 16.50 ×
1.2 = 14,908.24 (per ticket 17,280, per FTE 19,740, blended 17,538.30): 26,333.24.
Cheapest: per hour, at every volume from 3,000 to 12,000.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .. import Refusal
from ..core import render, settings, text
from ..core.fields import declare, form, read as _read, replaced
from ..figures import format_figure, get as figure, number

NAME = "cost"
TITLE = "Cost: every way to staff the same work"
SUMMARY = ("The same month of support work priced per agent hour, per ticket, per dedicated agent, blended, "
           "in-house and with freelancers, with hidden costs included.")

OPTIONS = ("per_hour", "per_ticket", "per_fte", "blended", "hybrid", "in_house", "freelancer")
VENDOR_OPTIONS = OPTIONS[:4]
LABELS = {
    "per_hour": "Vendor, per agent hour",
    "per_ticket": "Vendor, per ticket",
    "per_fte": "Vendor, per dedicated agent (FTE)",
    "blended": "Vendor, blended (base FTEs + per-ticket overflow)",
    "hybrid": "Hybrid (complex tickets in-house, the rest with a vendor)",
    "in_house": "In-house team",
    "freelancer": "Freelancers",
}
# How a summary names an option mid-sentence.
PHRASES = {
    "per_hour": "per-hour pricing",
    "per_ticket": "per-ticket pricing",
    "per_fte": "per-FTE pricing",
    "blended": "blended pricing",
    "hybrid": "the hybrid team",
    "in_house": "an in-house team",
    "freelancer": "freelancers",
}

HOURS_PER_WEEK = 40  # a full-time week, the usual basis of an FTE
WEEKS_PER_MONTH = 52 / 12
MAX_FTE = 10_000  # beyond this, the work is several operations, not one comparison
MAX_TICKETS = 10_000_000
# The cheapest option is searched from half to twice the volume, but no further than this
# many agents' worth of tickets either way: enough to see the next change, and it keeps a
# large operation's search (one step per whole agent) short.
SWITCH_WINDOW = 2
SWITCH_SPAN_FTE = 250


def _middle(key: str) -> float:
    fig = figure(key)
    return (fig.low + fig.high) / 2


def _default_productive_hours() -> int:
    paid = HOURS_PER_WEEK * WEEKS_PER_MONTH
    return round(paid * (1 - figure("shrinkage_percent").low / 100))


WORK = "The work"
VENDOR = "Vendor prices"
IN_HOUSE = "In-house team"
FREELANCE = "Freelancers"


@dataclass(frozen=True)
class Inputs:
    """What a reader types; each attribute declares its own form field."""

    monthly_tickets: int = declare(
        "Tickets per month", "integer", "tickets", 6000, min=0, min_exclusive=True, max=MAX_TICKETS,
        group=WORK,
        help="All the tickets, chats and calls the team handles in a month.")
    aht_minutes: float = declare(
        "Average handle time", "number", "minutes", 8, min=0.01, max=480, group=WORK,
        help="Time spent on one ticket, including after-contact work.")
    complex_percent: float = declare(
        "Complex tickets", "percent", "%", 20, min=0, max=100, group=WORK,
        help="The share of tickets a vendor would price as complex or technical.")
    occupancy_percent: float = declare(
        "Occupancy", "percent", "%", figure("max_occupancy_percent").low, min=10, max=100,
        group=WORK, help="The share of an agent's working time spent on tickets; the rest is waiting for the next one.")
    productive_hours_per_fte: float = declare(
        "Productive hours per agent", "number", "hours a month", _default_productive_hours(),
        min=1, max=744, group=WORK,
        help="Hours a full-time agent can work tickets in a month, after breaks, meetings, training and leave.")
    staffed_fte: float | None = declare(
        "Agents from the staffing calculator", "number", "FTE", None, min=0.01, max=MAX_FTE,
        required=False, group=WORK,
        help="Optional. For a live channel, the FTE the staffing calculator gives; it replaces the hours worked out above.")
    hourly_rate: float = declare(
        "Price per agent hour", "money", "an hour", _middle("per_hour_rate"), min=0, max=10_000,
        group=VENDOR, help="What a vendor charges for one agent hour.")
    per_ticket_simple: float = declare(
        "Price per simple ticket", "money", "a ticket", _middle("per_ticket_simple"), min=0,
        max=10_000, group=VENDOR)
    per_ticket_complex: float = declare(
        "Price per complex ticket", "money", "a ticket", _middle("per_ticket_complex"), min=0,
        max=10_000, group=VENDOR)
    fte_monthly_rate: float = declare(
        "Price per dedicated agent", "money", "a month", _middle("per_fte_monthly"), min=0,
        max=1_000_000, group=VENDOR, help="What a vendor charges for one full-time agent who works only for you.")
    blended_base_fte: int | None = declare(
        "Base agents in a blended contract", "integer", "agents", None, min=0, max=MAX_FTE,
        required=False, group=VENDOR,
        help="Optional. Dedicated agents in the base; the tickets they cannot take are priced per ticket. "
        "Empty: as many whole agents as the work fills.")
    hidden_cost_percent: float = declare(
        "Hidden costs on top of vendor fees", "percent", "%",
        figure("hidden_cost_default_percent").low, min=0, max=200, group=VENDOR,
        help="Your own onboarding, training, QA, tools and knowledge-base work for a vendor's team. The outsourcing "
             f"guide puts it at {format_figure(figure('hidden_cost_percent'))} of fees; the default, the middle, is our "
             "assumption.")
    hybrid_vendor_model: str = declare(
        "Hybrid: how the vendor prices its part", "choice", "", "cheapest", group=VENDOR,
        choices=(("cheapest", "Whichever is cheapest"), ("per_hour", "Per agent hour"), ("per_ticket", "Per ticket"),
                 ("per_fte", "Per dedicated agent (FTE)")),
        help="The pricing the hybrid's vendor uses for the simple tickets; unless told, whichever of the four "
             "costs least for that share.")
    in_house_salary_annual: float = declare(
        "Agent salary", "money", "a year", 45_000, min=0, max=10_000_000, group=IN_HOUSE,
        help="Gross yearly salary of one in-house agent.")
    benefits_percent: float = declare(
        "Employer taxes and benefits", "percent", "% of salary", 30, min=0, max=200, group=IN_HOUSE)
    management_percent: float = declare(
        "Team leads, QA and planning", "percent", "% of salary", 15, min=0, max=200,
        group=IN_HOUSE, help="The share of management and support roles each agent carries.")
    tools_monthly_per_agent: float = declare(
        "Tools and equipment", "money", "an agent a month", 150, min=0, max=100_000,
        group=IN_HOUSE, help="Software seats, hardware and space for one agent.")
    attrition_annual_percent: float = declare(
        "Agents who leave each year", "percent", "%", 30, min=0, max=200, group=IN_HOUSE)
    hiring_cost_per_agent: float = declare(
        "Cost to recruit and train a replacement", "money", "", 5_000, min=0,
        max=1_000_000, group=IN_HOUSE)
    freelancer_hourly_rate: float = declare(
        "Freelancer rate", "money", "an hour", 30, min=0, max=10_000, group=FREELANCE)
    freelancer_hours_per_week: float = declare(
        "Hours each freelancer works", "number", "hours a week", 20, min=1, max=80,
        group=FREELANCE)
    freelancer_onboarding_hours: float = declare(
        "Paid onboarding per freelancer", "number", "hours", 16, min=0, max=1000,
        group=FREELANCE, help="Training and shadowing before a freelancer works alone.")
    freelancer_engagement_months: float = declare(
        "Length of an engagement", "number", "months",
        figure("freelancer_short_months").high, min=1, max=60, group=FREELANCE,
        help="How long a freelancer usually stays; onboarding is spread over it.")
    freelancer_overhead_percent: float = declare(
        "Review and coordination on top", "percent", "%",
        figure("hidden_cost_percent").high, min=0, max=200, group=FREELANCE,
        help="Your time reviewing tickets, briefing and scheduling freelancers, and their tools.")


FIELDS = form(Inputs)


@dataclass(frozen=True)
class Steps:
    """The whole numbers a volume rounds to: between two changes of these, every option's
    cost is a straight line in the number of tickets."""

    agents: int  # W, whole agents for per-FTE and in-house
    base: int  # B, base agents of the blended contract
    overflowing: bool  # whether the blended base leaves tickets over
    freelancers: int  # n
    # The hybrid's two teams, each counted as a whole operation of its own: the in-house
    # team for the complex share and the vendor's for the rest (None: that share is empty).
    kept: Steps | None = None
    outside: Steps | None = None


@dataclass(frozen=True)
class Result:
    monthly: dict[str, float]  # option -> monthly cost
    cheapest: str  # option
    cheapest_vendor: str  # the cheapest of the four vendor options
    billed_hours: float
    fte: float
    steps: Steps
    overflow_tickets: float
    mix_rate: float
    in_house_per_agent: float
    monthly_tickets: int
    all_in_per_agent: float
    all_in_position: str | None  # "below", "within" or "above" the guide's range; None in another currency
    switch_down: tuple[int, str] | None  # (tickets, option) nearest below with another cheapest
    switch_up: tuple[int, str] | None  # nearest above
    search_from: int
    search_to: int
    hybrid: Month  # the month priced, for the hybrid's two parts


_FIELD = {f.key: f for f in FIELDS}


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    return _read(Inputs, raw)


# ------------------------------------------------------------------ the arithmetic


def _fte(i: Inputs, tickets: int) -> float:
    if i.staffed_fte is not None:
        return i.staffed_fte
    return fte_from_tickets(i, tickets)


def fte_from_tickets(i: Inputs, tickets: float | None = None) -> float:
    """The FTE the tickets' handle time describes: ``tickets × AHT ÷ 60 ÷ occupancy ÷
    productive hours``, whatever FTE was carried in."""
    tickets = i.monthly_tickets if tickets is None else tickets
    return tickets * i.aht_minutes / 60 / (i.occupancy_percent / 100) / i.productive_hours_per_fte


# Carried FTE and the tickets' own FTE further apart than this share describe different work.
DISAGREEMENT = 0.10


def disagreement(i: Inputs) -> str | None:
    """A sentence for the reader when a carried ``staffed_fte`` and the FTE its tickets,
    handle time, occupancy and productive hours imply differ by more than
    :data:`DISAGREEMENT` (of the larger); None when they agree or no FTE was carried.

    >>> disagreement(read({"staffed_fte": 20, "monthly_tickets": 6000})[0])[:60]
    'The two descriptions of the work disagree: the 20 FTE carrie'
    >>> disagreement(read({"staffed_fte": 7.8})[0]) is None
    True
    """
    if i.staffed_fte is None:
        return None
    implied = fte_from_tickets(i)
    if abs(i.staffed_fte - implied) <= DISAGREEMENT * max(i.staffed_fte, implied):
        return None
    return (f"The two descriptions of the work disagree: the {number(round(i.staffed_fte, 2))} FTE carried in are "
            f"{abs(i.staffed_fte / implied - 1) * 100:.0f}% {'more' if i.staffed_fte > implied else 'fewer'} than the "
            f"{number(round(implied, 2))} FTE that {i.monthly_tickets:,} tickets a month at {number(i.aht_minutes)} "
            f"minutes, {number(i.occupancy_percent)}% occupancy and {number(i.productive_hours_per_fte)} productive "
            "hours describe. Hourly, per-agent, in-house and freelancer costs follow the FTE; per-ticket prices follow "
            "the tickets. Enter the tickets and handle time of the same queue (or clear the FTE) before comparing them.")


def _whole(value: float) -> int:
    """Whole people for ``value`` FTE: 7.2 -> 8; 7.0000000001 (float noise) -> 7."""
    return max(1, text.round_up(value))


def _freelancer_hours(i: Inputs) -> float:
    return i.freelancer_hours_per_week * WEEKS_PER_MONTH


# What the search for switch volumes works out again and again for one reader's inputs (the
# hybrid's share inputs, each volume's whole numbers), kept while the inputs are the same
# object: ``Inputs`` is frozen, and a new result brings new inputs.
_kept: tuple[Inputs, dict[Any, Any]] | None = None


def _known(i: Inputs) -> dict[Any, Any]:
    global _kept
    if _kept is None or _kept[0] is not i:
        _kept = (i, {})
    return _kept[1]


def _steps(i: Inputs, tickets: float) -> Steps:
    """The whole numbers at ``tickets``, the hybrid's two teams included."""
    known = _known(i)
    if ("steps", tickets) not in known:
        known["steps", tickets] = _counted(i, tickets, True)
    return known["steps", tickets]


def _counted(i: Inputs, tickets: float, split: bool) -> Steps:
    fte = _fte(i, tickets)
    base = i.blended_base_fte if i.blended_base_fte is not None else math.floor(fte + 1e-9)
    hours = fte * i.productive_hours_per_fte
    kept = outside = None
    if split:
        (kept_inputs, kept_tickets), (outside_inputs, outside_tickets) = _hybrid_shares(i, tickets)
        kept = _counted(kept_inputs, kept_tickets, False) if kept_tickets > 0 else None
        outside = _counted(outside_inputs, outside_tickets, False) if outside_tickets > 0 else None
    return Steps(
        agents=_whole(fte),
        base=base,
        overflowing=base < fte,
        freelancers=_whole(hours / _freelancer_hours(i)),
        kept=kept,
        outside=outside,
    )


def _hybrid_shares(i: Inputs, tickets: float) -> tuple[tuple[Inputs, float], tuple[Inputs, float]]:
    """The hybrid's two parts, each as (inputs, tickets): the complex share kept in-house
    and the simple rest for a vendor (all its tickets priced simple). Carried staffing is
    split in the same shares; each part's blended base follows its own work."""
    share = i.complex_percent / 100
    kept, outside = _share_inputs(i)
    return ((kept, 0.0 if share <= 0 else tickets * share),
            (outside, 0.0 if share >= 1 else tickets * (1 - share)))


def _share_inputs(i: Inputs) -> tuple[Inputs, Inputs]:
    """The inputs of the hybrid's two parts (complex share kept, simple rest outside)."""
    known = _known(i)
    if "shares" not in known:
        share = i.complex_percent / 100

        def part(fraction: float, complex_percent: float) -> Inputs:
            staffed = None if i.staffed_fte is None else i.staffed_fte * fraction
            return replaced(i, complex_percent=complex_percent, blended_base_fte=None, staffed_fte=staffed)

        known["shares"] = part(share, 100), part(1 - share, 0)
    return known["shares"]


def _hybrid_parts(i: Inputs, tickets: float, s: Steps) -> tuple[float, str | None, float]:
    """(in-house cost of the complex share, vendor model of the rest, its cost with hidden
    costs): each part priced by the same formulas as the whole, at its own whole numbers."""
    (kept_inputs, kept_tickets), (outside_inputs, outside_tickets) = _hybrid_shares(i, tickets)
    kept = _priced(kept_inputs, kept_tickets, s.kept)["in_house"] if s.kept else 0.0
    if s.outside is None:
        return kept, None, 0.0
    vendor = _priced(outside_inputs, outside_tickets, s.outside)
    model = _hybrid_model(i, vendor)
    return kept, model, vendor[model]


def _hybrid_model(i: Inputs, vendor: dict[str, float]) -> str:
    """The vendor option pricing the hybrid's simple share: the reader's choice, or the
    cheapest of the four for that share."""
    if i.hybrid_vendor_model != "cheapest":
        return i.hybrid_vendor_model
    return min(VENDOR_OPTIONS, key=vendor.__getitem__)


def _mix_rate(i: Inputs) -> float:
    share = i.complex_percent / 100
    return (1 - share) * i.per_ticket_simple + share * i.per_ticket_complex


def _in_house_per_agent(i: Inputs) -> float:
    loaded_salary = i.in_house_salary_annual * (1 + (i.benefits_percent + i.management_percent) / 100) / 12
    replacing = i.attrition_annual_percent / 100 * i.hiring_cost_per_agent / 12
    return loaded_salary + i.tools_monthly_per_agent + replacing


def _overflow_tickets(i: Inputs, tickets: int, s: Steps) -> float:
    return tickets * (1 - s.base / _fte(i, tickets)) if s.overflowing else 0.0


def _costs(i: Inputs, tickets: float, s: Steps) -> dict[str, float]:
    """Each option's monthly cost for ``tickets``, with the whole numbers held at ``s``."""
    costs = _priced(i, tickets, s)
    kept, _model, outside = _hybrid_parts(i, tickets, s)
    return {**costs, "hybrid": kept + outside}


def _priced(i: Inputs, tickets: float, s: Steps) -> dict[str, float]:
    """The six single-team options' monthly cost (every option but the hybrid, which is
    two of these on two shares of the work)."""
    fees = 1 + i.hidden_cost_percent / 100
    fte = _fte(i, tickets)
    hours = fte * i.productive_hours_per_fte
    mix = _mix_rate(i)
    onboarding = s.freelancers * i.freelancer_onboarding_hours * i.freelancer_hourly_rate / i.freelancer_engagement_months
    return {
        "per_hour": hours * i.hourly_rate * fees,
        "per_ticket": tickets * mix * fees,
        "per_fte": s.agents * i.fte_monthly_rate * fees,
        "blended": (s.base * i.fte_monthly_rate + _overflow_tickets(i, tickets, s) * mix) * fees,
        "in_house": s.agents * _in_house_per_agent(i),
        "freelancer": hours * i.freelancer_hourly_rate * (1 + i.freelancer_overhead_percent / 100) + onboarding,
    }


def _lowest(costs: dict[str, float]) -> str:
    """The cheapest option; a tie goes to the first in OPTIONS."""
    return min(OPTIONS, key=lambda o: costs[o])


def _cheapest_at(i: Inputs, tickets: int) -> str:
    return _lowest(_costs(i, tickets, _steps(i, tickets)))


@dataclass(frozen=True)
class Month:
    """One month of the work priced every way, without the search for the volumes where
    the cheapest option changes: what the business case prices each year of a term with."""

    costs: dict[str, float]  # option -> monthly cost
    fte: float
    steps: Steps
    hybrid_in_house: float  # the hybrid's in-house part (the complex share)
    hybrid_vendor_model: str | None  # the vendor option pricing the rest; None if no rest
    hybrid_vendor: float  # the vendor part, hidden costs included


def price(i: Inputs, tickets: float | None = None) -> Month:
    """Every option's cost for one month of ``tickets`` (the inputs' volume unless given;
    a fractional volume is allowed, as a grown volume is). Refuses work too large."""
    tickets = i.monthly_tickets if tickets is None else tickets
    fte = _fte(i, tickets)
    if fte > MAX_FTE:
        raise Refusal({"monthly_tickets": (
            f"This much work needs about {fte:,.0f} full-time agents; the comparison is built for up to "
            f"{MAX_FTE:,}. Split it by channel or region and compare each part."
        )})
    s = _steps(i, tickets)
    kept, model, outside = _hybrid_parts(i, tickets, s)
    return Month({**_priced(i, tickets, s), "hybrid": kept + outside}, fte, s, kept, model, outside)  # as _costs


def compute(i: Inputs) -> Result:
    month = price(i)
    fte, s, monthly = month.fte, month.steps, month.costs
    cheapest = _lowest(monthly)
    cheapest_vendor = min(VENDOR_OPTIONS, key=monthly.__getitem__)
    all_in = monthly[cheapest_vendor] / fte
    band = figure("all_in_per_agent_monthly")
    # The range was published in US dollars: amounts in another currency are not judged
    # against it unconverted.
    position = None if settings.CURRENCY != band.currency else (
        "below" if all_in < band.low else "above" if all_in > band.high else "within")
    from . import switches  # it reads this module's pricing, so it is imported once that exists

    down, up, low, high = switches.nearest(i)
    return Result(
        monthly=monthly,
        cheapest=cheapest,
        cheapest_vendor=cheapest_vendor,
        billed_hours=fte * i.productive_hours_per_fte,
        fte=fte,
        steps=s,
        overflow_tickets=_overflow_tickets(i, i.monthly_tickets, s),
        mix_rate=_mix_rate(i),
        in_house_per_agent=_in_house_per_agent(i),
        monthly_tickets=i.monthly_tickets,
        all_in_per_agent=all_in,
        all_in_position=position,
        switch_down=down,
        switch_up=up,
        search_from=low,
        search_to=high,
        hybrid=month,
    )


def outputs(r: Result) -> dict[str, Any]:
    out: dict[str, Any] = {f"{o}_monthly": r.monthly[o] for o in OPTIONS}
    out["cheapest"] = f"{r.cheapest}_monthly"
    # The figure a vendor's all-in monthly quote is compared on (the scorecard's price score).
    out["cheapest_vendor"] = f"{r.cheapest_vendor}_monthly"
    out["cheapest_vendor_monthly"] = r.monthly[r.cheapest_vendor]
    out["cost_per_ticket"] = {o: r.monthly[o] / r.monthly_tickets for o in OPTIONS}
    out["annual"] = {o: r.monthly[o] * 12 for o in OPTIONS}
    out["per_agent_monthly"] = {o: r.monthly[o] / r.fte for o in OPTIONS}
    out.update(
        billed_hours=r.billed_hours,
        fte=r.fte,
        agents=r.steps.agents,
        freelancers=r.steps.freelancers,
        blended_base_fte=r.steps.base,
        overflow_tickets=r.overflow_tickets,
        ticket_mix_rate=r.mix_rate,
        in_house_per_agent_monthly=r.in_house_per_agent,
        all_in_per_agent_monthly=r.all_in_per_agent,
        all_in_position=r.all_in_position,
        switch_down_tickets=r.switch_down[0] if r.switch_down else None,
        switch_down_to=f"{r.switch_down[1]}_monthly" if r.switch_down else None,
        switch_up_tickets=r.switch_up[0] if r.switch_up else None,
        switch_up_to=f"{r.switch_up[1]}_monthly" if r.switch_up else None,
        switch_search_from=r.search_from,
        switch_search_to=r.search_to,
        hybrid_in_house_monthly=r.hybrid.hybrid_in_house,
        hybrid_in_house_agents=r.steps.kept.agents if r.steps.kept else 0,
        hybrid_vendor_monthly=r.hybrid.hybrid_vendor,
        hybrid_vendor_model=f"{r.hybrid.hybrid_vendor_model}_monthly" if r.hybrid.hybrid_vendor_model else None,
    )
    return out


# ------------------------------------------------------------------------ the report


def _money(amount: float, decimals: int = 0) -> str:
    return settings.money(amount, decimals)


def _times(ratio: float) -> str:
    return f"{ratio:.1f} times as much"


def _comparison(r: Result) -> str:
    cheapest = r.monthly[r.cheapest]
    if r.cheapest != "in_house":
        other, name = r.monthly["in_house"], "in-house"
    else:
        other = r.monthly[r.cheapest_vendor]
        name = f"the cheapest vendor option ({PHRASES[r.cheapest_vendor]})"
    if cheapest <= 0:
        return f"{name} costs {_money(other)} a month"
    return f"{name} costs {_times(other / cheapest)}"


def _switch_sentence(r: Result) -> str:
    down, up = r.switch_down, r.switch_up
    if down and up:
        return (f"It stays cheapest from {down[0] + 1:,} to {up[0] - 1:,} tickets a month; at {down[0]:,} or fewer "
                f"{PHRASES[down[1]]} costs less, and from {up[0]:,} {PHRASES[up[1]]} does.")
    if up:
        return (f"It stays cheapest from {r.search_from:,} to {up[0] - 1:,} tickets a month; "
                f"from {up[0]:,} a month, {PHRASES[up[1]]} costs less.")
    if down:
        return (f"It stays cheapest from {down[0] + 1:,} up to {r.search_to:,} tickets a month; "
                f"at {down[0]:,} or fewer, {PHRASES[down[1]]} costs less.")
    return f"It stays cheapest at every volume from {r.search_from:,} to {r.search_to:,} tickets a month."


def _switch_cell(point: tuple[int, str] | None, none_text: str) -> str:
    return f"{point[0]:,} tickets: {PHRASES[point[1]]}" if point else none_text


def _against(r: Result, band) -> str:
    if r.all_in_position is None:
        return f"the guide's {format_figure(band, 'range')} is in {band.currency}"
    return f"{r.all_in_position} {format_figure(band, 'range')}"


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
    cheapest = r.monthly[r.cheapest]
    summary = (
        f"{text.capital(PHRASES[r.cheapest])} is cheapest at this volume, at {_money(cheapest)} a month "
        f"({_money(cheapest / r.monthly_tickets, 2)} a ticket); {_comparison(r)}.",
        _switch_sentence(r),
    )
    option_rows = tuple(
        (
            render.cell(LABELS[o] + (" (cheapest)" if o == r.cheapest else "")),
            render.shown(out, f"{o}_monthly", _money),
            render.shown(out, f"cost_per_ticket.{o}", lambda v: _money(v, 2)),
            render.shown(out, f"per_agent_monthly.{o}", _money),
            render.shown(out, f"annual.{o}", _money),
        )
        for o in OPTIONS
    )
    band = figure("all_in_per_agent_monthly")
    detail_rows = (
        render.measure("Cheapest option", out, "cheapest", lambda v: LABELS[v.removesuffix("_monthly")]),
        render.measure("Cheapest vendor option, all-in a month (the scorecard's quote)", out, "cheapest_vendor_monthly",
                       lambda v: f"{_money(v, 2)} ({PHRASES[r.cheapest_vendor]})"),
        render.measure("Agent hours billed", out, "billed_hours", lambda v: f"{v:,.1f}"),
        render.measure("Full-time agents' worth of work (FTE)", out, "fte", lambda v: f"{v:,.2f}"),
        render.measure("Whole agents (per-FTE and in-house)", out, "agents", lambda v: f"{v:,}"),
        render.measure("Blended: base agents", out, "blended_base_fte", lambda v: f"{v:,}"),
        render.measure("Blended: overflow tickets", out, "overflow_tickets", lambda v: f"{v:,.0f}"),
        render.measure("Average price per ticket (your mix)", out, "ticket_mix_rate", lambda v: _money(v, 2)),
        render.measure("In-house cost per agent, loaded", out, "in_house_per_agent_monthly", _money),
        render.measure("Freelancers needed", out, "freelancers", lambda v: f"{v:,}"),
        render.measure("Hybrid: in-house agents for the complex tickets", out, "hybrid_in_house_agents",
                       lambda v: f"{v:,}"),
        render.measure("Hybrid: in-house part", out, "hybrid_in_house_monthly", _money),
        render.measure("Hybrid: vendor part, hidden costs included", out, "hybrid_vendor_monthly",
                       lambda v: _money(v) + (f" ({PHRASES[r.hybrid.hybrid_vendor_model]})"
                                              if r.hybrid.hybrid_vendor_model else "")),
        render.measure(f"All-in per agent, cheapest vendor option ({PHRASES[r.cheapest_vendor]})", out,
                       "all_in_per_agent_monthly", lambda v: f"{_money(v)} a month, {_against(r, band)}"),
        render.measure("A lower volume where another option is cheapest", out, "switch_down_tickets",
                       lambda v: _switch_cell(r.switch_down, f"none down to {r.search_from:,} tickets")),
        render.measure("A higher volume where another option is cheapest", out, "switch_up_tickets",
                       lambda v: _switch_cell(r.switch_up, f"none up to {r.search_to:,} tickets")),
    )
    chart = render.Chart(
        caption="Monthly cost of each option",
        bars=tuple(render.Bar(LABELS[o], r.monthly[o], _money(r.monthly[o]), highlight=o == r.cheapest)
                   for o in OPTIONS),
    )
    notes = [
        f"Hidden costs of {number(i.hidden_cost_percent)}% are added to vendor fees only: the in-house cost already "
        f"holds your own overheads, and freelancers carry {number(i.freelancer_overhead_percent)}% for review and coordination.",
        f"The guide puts the all-in cost of an outsourced agent for a small or mid-sized company at "
        f"{format_figure(band, 'range')} a month; this comparison's cheapest vendor option comes to "
        f"{_money(r.all_in_per_agent)}, " + (f"{r.all_in_position} that range." if r.all_in_position else
                                             "to be converted before reading it against that range."),
        f"Freelance support can cost {format_figure(figure('freelancer_hourly_max'))}, by one critic's count; "
        f"the rate used here is {_money(i.freelancer_hourly_rate, 2)}.",
        "Salary, benefits, tools, attrition and freelancer figures start from assumptions, not published figures: "
        "replace them with your own.",
    ]
    if i.staffed_fte is not None:
        notes.insert(0, (
            f"Agents come from a staffing result (the staffing calculator, the week plan or a shift roster): "
            f"{number(round(i.staffed_fte, 2))} FTE, so hourly, per-agent and freelancer costs follow the queue, not "
            "the handle time of the tickets. Vendors bill the hours they schedule: a shift roster's FTE, which holds "
            "its paid hours, is the one to cost. From the staffing calculator, the tickets assume its interval's "
            f"contacts arrive in every interval of a {HOURS_PER_WEEK}-hour week (one full-time agent per seat, as its "
            "FTE counts them), 52 ÷ 12 weeks a month; from the week plan, they are the plan's week × 52 ÷ 12."
        ))
    warning = disagreement(i)
    if warning:
        notes.insert(0, warning)
    notes.append(
        f"The hybrid keeps the {number(i.complex_percent)}% complex tickets with an in-house team, costed as the "
        "in-house option is, and gives the rest to a vendor "
        + ("under whichever pricing is cheapest for those simple tickets" if i.hybrid_vendor_model == "cheapest"
           else f"under {PHRASES[i.hybrid_vendor_model]}, as you chose")
        + ", hidden costs added to the vendor part only.")
    if warning:
        summary += ("Check the inputs first: the FTE carried in and the tickets describe different amounts of work "
                    "(see the first note below).",)
    return render.Report(
        summary=summary,
        tables=(
            render.table("Monthly cost of each option", ("Option", "A month", "A ticket", "Per FTE of work", "A year"),
                         option_rows),
            render.table("How the work was counted", ("Measure", "Value"), detail_rows),
        ),
        notes=tuple(notes),
        charts=(chart,),
        links=(render.Link("Take these numbers to the business case", "business_case", handed_over(i)),
               render.Link("Score this quote in the scorecard", "scorecard", quote_handed_over(out))),
    )


def quote_handed_over(out: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The cheapest vendor option's all-in monthly cost, to the nearest cent, as the
    scorecard's first vendor's quote (the scorecard scores price from every vendor's)."""
    return (("vendor_1_quote", _as_typed(round(out["cheapest_vendor_monthly"], 2))),)


def _as_typed(value: Any) -> Any:
    """A number as a reader types it into an address: 20.0 as 20."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def handed_over(i: Inputs) -> tuple[tuple[str, Any], ...]:
    """The inputs the reader changed from the defaults, for the business case's address
    (it takes every cost input, with the same keys and defaults)."""
    return tuple((f.key, _as_typed(getattr(i, f.key))) for f in FIELDS
                 if getattr(i, f.key) is not None and getattr(i, f.key) != f.default)


def work_handed_over(fte: float, monthly_tickets: float, aht_minutes: float, occupancy_percent: float,
                     shrinkage_percent: float, hours_per_week: float = HOURS_PER_WEEK) -> tuple[tuple[str, Any], ...]:
    """The cost inputs that describe a queue's month of work, for a link from the staffing
    calculator or the week plan: its FTE, its tickets, the handle time of one ticket (chats
    at once already divided out), the occupancy the queue runs at, and one FTE's productive
    hours with the same shrinkage and paid week. With these, tickets × AHT ÷ occupancy ÷
    productive hours gives the carried FTE back (to the rounding of the link's numbers), so
    the cost page's ticket prices and agent prices describe the same work.

    Worked example (staffing's reference case: 100 contacts a 30-minute interval, 180 s, 14
    agents at 71.43% occupancy, 30% shrinkage, 20 FTE; 40 hours a week at that volume is
    40 × 2 × 52 ÷ 12 = 346.67 intervals, 34,667 contacts a month):

    >>> dict(work_handed_over(20.0, 34_666.67, 3.0, 71.428571, 30))
    {'staffed_fte': 20, 'monthly_tickets': 34667, 'aht_minutes': 3, 'occupancy_percent': 71.43, 'productive_hours_per_fte': 121.33}
    """
    productive = hours_per_week * WEEKS_PER_MONTH * (1 - shrinkage_percent / 100)
    # Occupancy below the cost form's floor (a nearly idle queue) is carried at the floor; the
    # cost page then says the two descriptions disagree.
    occupancy = min(max(occupancy_percent, _FIELD["occupancy_percent"].min), 100)
    return (
        ("staffed_fte", _as_typed(round(fte, 2))),
        ("monthly_tickets", max(1, round(monthly_tickets))),
        ("aht_minutes", _as_typed(round(aht_minutes, 2))),
        ("occupancy_percent", _as_typed(round(occupancy, 2))),
        ("productive_hours_per_fte", _as_typed(round(productive, 2))),
    )
