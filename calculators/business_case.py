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
* month cost ``M_o(m) = C_o(y) + O_o(m) + [m = 1] × X``; ``total_o = Σ M_o(m)``;
* present value ``PV_o = Σ M_o(m) ÷ (1 + r)^((m − 1) ÷ 12)``, ``r`` the yearly discount rate
  (month 1 is today's money);
* payback month: the first ``m`` with ``Σ_{k≤m} M_o(k) ≤ Σ_{k≤m} M_in_house(k)``; none if the
  option never catches up within the term;
* cheapest: the lowest total (a tie goes to the first in the cost calculator's order);
* sensitivity: the cheapest option's total with one input set to the low and then the high
  end of its range, all else as entered, largest ``|high − low|`` first. Ranges: the guide's
  vendor price ranges and its 10–30% hidden costs, ramp-up 2–3 months (60–90 days), and
  the site's stated assumptions: volume ±20%, transition cost 5,000–25,000, growth
  0–20%, price and salary increases 0–5% a year (:mod:`calculators.figures`).

Defaults: the cost calculator's, a 36-month term, a 15,000 transition (the site's
assumption: the sources give no amount), 3 ramp-up months, no growth, increases or
discounting.

Worked example (checked in tests): the cost defaults, flat over 36 months, no ramp-up:
per hour 941.18 × 16.50 × 1.2 = 18,635.29 a month; total 36 × 18,635.29 + 15,000 =
685,870.59. In-house 36 × 45,700 = 1,645,200. Per hour's cumulative cost is below
in-house's from month 1 (18,635.29 + 15,000 = 33,635.29 ≤ 45,700): payback month 1.
"""
from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass, fields as dataclass_fields, replace
from typing import Any

from . import Refusal, cost
from .core import render, settings
from .core.fields import declare, form, read as _read
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


FIELDS = form(Inputs)

# Inputs the sensitivity moves, each to the ends of its range: (key, figure, how the range
# applies). "range": the figure's low and high; "swing": the entered value ± the figure's
# percent; "days": the figure's days in whole months.
SENSITIVITY = (
    ("monthly_tickets", "volume_swing_percent", "swing"),
    ("hourly_rate", "per_hour_rate", "range"),
    ("per_ticket_simple", "per_ticket_simple", "range"),
    ("per_ticket_complex", "per_ticket_complex", "range"),
    ("fte_monthly_rate", "per_fte_monthly", "range"),
    ("hidden_cost_percent", "hidden_cost_percent", "range"),
    ("transition_cost", "transition_cost", "range"),
    ("ramp_months", "full_efficiency_days", "days"),
    ("volume_growth_percent", "volume_growth_percent", "range"),
    ("price_increase_percent", "price_increase_percent", "range"),
    ("salary_increase_percent", "salary_increase_percent", "range"),
)


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
class Term:
    """Every option's cost over one term."""

    monthly: dict[str, tuple[float, ...]]  # option -> cost of each month
    steady: dict[str, tuple[float, ...]]  # option -> the month's cost in each contract year, before ramp and transition
    overlap: dict[str, float]  # option -> the ramp-up overlap over the term

    def cumulative(self, option: str) -> list[float]:
        """The running total at the end of each month; its last is :meth:`total`, to the bit."""
        return list(itertools.accumulate(self.monthly[option]))

    def total(self, option: str) -> float:
        return self.cumulative(option)[-1]


@dataclass(frozen=True)
class Result:
    term: Term
    total: dict[str, float]
    present_value: dict[str, float]
    cheapest: str
    payback_month: dict[str, int | None]
    sensitivity: tuple[Swing, ...]
    transition: dict[str, float]


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    return _read(Inputs, raw)


# ------------------------------------------------------------------ the arithmetic


_COST_KEYS = tuple(f.name for f in dataclass_fields(cost.Inputs))
_PRICES = ("hourly_rate", "per_ticket_simple", "per_ticket_complex", "fte_monthly_rate", "freelancer_hourly_rate")
_PAY = ("in_house_salary_annual", "tools_monthly_per_agent", "hiring_cost_per_agent")


def _year(i: Inputs, year: int) -> cost.Month:
    """One month of contract year ``year`` (0 for the first), priced by the cost calculator."""
    grow = (1 + i.volume_growth_percent / 100) ** year
    prices = (1 + i.price_increase_percent / 100) ** year
    pay = (1 + i.salary_increase_percent / 100) ** year
    values = {key: getattr(i, key) for key in _COST_KEYS}
    if values["staffed_fte"] is not None:
        values["staffed_fte"] *= grow
    for key in _PRICES:
        values[key] *= prices
    for key in _PAY:
        values[key] *= pay
    try:
        return _price(cost.Inputs(**values), i.monthly_tickets * grow)
    except Refusal as refusal:
        if year == 0:
            raise
        raise Refusal({"volume_growth_percent": (
            f"By year {year + 1} this growth makes the work too large to compare: "
            + _lower_first(refusal.errors["monthly_tickets"]))}) from None


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


def _moved_in_house(option: str, month: cost.Month) -> float:
    """What the work that moves would cost in-house that month."""
    in_house = month.costs["in_house"]
    return in_house - month.hybrid_in_house if option == "hybrid" else in_house


def term(i: Inputs, options: tuple[str, ...] = OPTIONS) -> Term:
    """``options`` (every option unless told) month by month over the term."""
    years = [_year(i, y) for y in range(math.ceil(i.term_months / 12))]
    monthly, overlap = {}, {}
    for option in options:
        months = []
        for y, priced in enumerate(years):  # each year's steady cost, then the few months that differ
            months += [priced.costs[option]] * min(12, i.term_months - 12 * y)
        ramp = []
        if option in RAMPED:
            for m in range(1, min(i.ramp_months, i.term_months) + 1):
                ramp.append(_overlap_share(i, m) * _moved_in_house(option, years[(m - 1) // 12]))
                months[m - 1] += ramp[-1]
        if option in MOVED:
            months[0] += i.transition_cost
        monthly[option] = tuple(months)
        overlap[option] = math.fsum(ramp)
    steady = {o: tuple(y.costs[o] for y in years) for o in options}
    return Term(monthly, steady, overlap)


def present_value(months: tuple[float, ...], rate_percent: float) -> float:
    """Σ cost of month m ÷ (1 + rate)^((m − 1) ÷ 12)."""
    factor = 1 + rate_percent / 100
    return math.fsum(c / factor ** (m / 12) for m, c in enumerate(months))


def payback_month(option: str, t: Term) -> int | None:
    if option == "in_house":
        return None
    for m, (mine, theirs) in enumerate(zip(t.cumulative(option), t.cumulative("in_house")), start=1):
        if mine <= theirs + 1e-9 * max(1.0, abs(theirs)):  # float noise in sums of equal costs
            return m
    return None


def _lowest(t: Term) -> str:
    return min(OPTIONS, key=t.total)


def _ends(i: Inputs, key: str, fig_key: str, how: str) -> tuple[float, float]:
    fig = figure(fig_key)
    if how == "swing":
        value = getattr(i, key)
        return value * (1 - fig.low / 100), value * (1 + fig.low / 100)
    if how == "days":
        return _ramp_months(fig.low), _ramp_months(fig.high)
    return fig.low, fig.high


def _moved(i: Inputs, key: str, value: float) -> Inputs:
    if key == "monthly_tickets" and i.staffed_fte is not None:
        return replace(i, monthly_tickets=value, staffed_fte=i.staffed_fte * value / i.monthly_tickets)
    return replace(i, **{key: value})


def sensitivity(i: Inputs, option: str) -> tuple[Swing, ...]:
    swings = []
    for key, fig_key, how in SENSITIVITY:
        low, high = _ends(i, key, fig_key, how)
        try:
            totals = [term(_moved(i, key, v), (option,)).total(option) for v in (low, high)]
        except Refusal:
            continue  # an end too large to price (e.g. +20% of the largest volume) is left out
        swings.append(Swing(key, low, high, *totals))
    return tuple(sorted(swings, key=lambda s: -s.size))  # stable: equal swings keep SENSITIVITY's order


def compute(i: Inputs) -> Result:
    t = term(i)
    cheapest = _lowest(t)
    return Result(
        term=t,
        total={o: t.total(o) for o in OPTIONS},
        present_value={o: present_value(t.monthly[o], i.discount_rate_percent) for o in OPTIONS},
        cheapest=cheapest,
        payback_month={o: payback_month(o, t) for o in OPTIONS},
        sensitivity=sensitivity(i, cheapest),
        transition={o: i.transition_cost if o in MOVED else 0.0 for o in OPTIONS},
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
        # Beyond the contract, for the comparison view, the decision pack and the workbook:
        "cumulative": cumulative,
        "yearly": {o: [math.fsum(t.monthly[o][y:y + 12]) for y in range(0, len(t.monthly[o]), 12)] for o in OPTIONS},
        "steady_monthly": {o: list(t.steady[o]) for o in OPTIONS},
        "ramp_overlap": dict(t.overlap),
        "transition": dict(r.transition),
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


def _summary(i: Inputs, r: Result) -> tuple[str, str]:
    best = r.cheapest
    lead = (f"Over {i.term_months} months, {cost.PHRASES[best]} costs the least: {_money(r.total[best])} in total"
            + (f", {_money(r.present_value[best])} in today's money" if i.discount_rate_percent else "") + ".")
    if best == "in_house":
        lead += " No outside option catches up with the in-house team within the term."
    else:
        saving = r.total["in_house"] - r.total[best]
        lead += (f" Against an in-house team it saves {_money(saving)} and pays back in "
                 f"{_payback_text(r.payback_month[best])}.")
    if r.sensitivity and r.sensitivity[0].size > 0:
        top = r.sensitivity[0]
        second = (f"{_label(top.input)} moves it most: from {_money(top.low_total)} at "
                  f"{_input_value(top.input, top.low_value)} to {_money(top.high_total)} at "
                  f"{_input_value(top.input, top.high_value)}.")
    else:
        second = "None of the ranged inputs moves its total."
    return lead, second


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
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
    moving = render.table(
        "What moving the work adds to each total",
        ("Option", "Transition (month 1)", "Ramp-up overlap"),
        tuple((render.cell(LABELS[o]), render.shown(out, f"transition.{o}", _money),
               render.shown(out, f"ramp_overlap.{o}", _money)) for o in OPTIONS),
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
    cumulative_rows = tuple(
        (render.cell(f"Month {m}"), *(render.shown(out, f"cumulative.{o}.{m - 1}", _money) for o in OPTIONS))
        for m in _marks(i.term_months)
    )
    line = render.LineChart(
        caption=f"Cumulative cost over {i.term_months} months (a line below in-house's has paid back)",
        x_label="Month",
        series=tuple(render.Series(LABELS[o], tuple(out["cumulative"][o]), highlight=o == r.cheapest,
                                   mark=out["payback_month"][o]) for o in OPTIONS),
        baseline=OPTIONS.index("in_house"),
        table=render.table("Cumulative cost at the end of each year", ("Month", *(SHORT[o] for o in OPTIONS)),
                           cumulative_rows, wide=True),
        shown=_money,
    )
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
    tornado = render.Tornado(
        caption=f"Sensitivity of {cost.PHRASES[r.cheapest]}'s total to each input's range",
        base=out["total"][r.cheapest],
        bars=tuple(render.TornadoBar(_label(s["input"]), s["low_total"], s["high_total"],
                                     _input_value(s["input"], s["low_value"]),
                                     _input_value(s["input"], s["high_value"])) for s in swings),
        table=tornado_table,
        shown=_money,
    )
    notes = (
        f"Transition cost ({_money(i.transition_cost)}) is added in month 1 to every option that moves work outside; "
        "in-house pays none.",
        (f"Ramp-up: over {i.ramp_months} months the new team's output rises in a straight line to full speed while "
         "your in-house team covers what it cannot yet take, and is paid for it." if i.ramp_months else
         "No ramp-up: the new team is taken to work at full speed from its first month."),
        "Growth and increases apply a year at a time: months 13, 25 and so on each carry one more year's change.",
        f"The sensitivity ranges are the guide's price ranges, its {format_figure(figure('hidden_cost_percent'))} "
        f"hidden costs and {format_figure(figure('full_efficiency_days'))} to full efficiency, and our "
        f"assumptions for volume (±{format_figure(figure('volume_swing_percent'))}), transition cost, growth and "
        "increases.",
    )
    warning = cost.disagreement(i)  # a carried FTE and the tickets describing different work
    return render.Report(
        summary=_summary(i, r),
        tables=(totals, moving, yearly),
        notes=(warning, *notes) if warning else notes,
        charts=(line, tornado),
    )


def _marks(term_months: int) -> list[int]:
    """The months the cumulative table shows: each year's end and the term's."""
    marks = list(range(12, term_months + 1, 12))
    if not marks or marks[-1] != term_months:
        marks.append(term_months)
    return marks
