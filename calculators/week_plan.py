"""Agents interval by interval over a week, from real volumes (Erlang C or A per interval).

Input ``volumes`` is a table pasted from a spreadsheet or read from a CSV file in the
browser (see :mod:`calculators.volumes` for the two shapes, the headers recognized and the
time formats read): an interval table, or a contact export averaged into one week.

Every interval with contacts is sized by :func:`calculators.staffing.size`, the staffing
calculator's own sizing, with the same settings (service level, answer time, occupancy cap,
concurrency, patience for Erlang A), so an interval's agents are exactly what the staffing
calculator answers for that interval's contacts. An interval without contacts needs 0.

* agent hours in the week = Σ agents × interval length in hours;
* FTE = agent hours ÷ (1 − shrinkage) ÷ paid hours of one full-time agent a week;
* peak agent hours = peak agents × the hours of every interval that has contacts: what
  staffing every open interval at the peak would need, for comparison.

Worked example (checked in tests): Mon 09:00 100 contacts, Mon 09:30 50, Mon 10:00 0, at
30 minutes, AHT 180 s, 80/20, 85% cap, 30% shrinkage, 40 paid hours a week. 100 contacts
is staffing's reference case: 10 erlangs, 14 agents. 50 contacts is 5 erlangs: the cap
allows 5 ÷ 0.85 = 5.9, so at least 6; 6 answer 47.4% in 20 s, 7 answer 74.0%, 8 answer
88.0%: 8 agents. Agent hours (14 + 8 + 0) × 0.5 = 11; FTE 11 ÷ 0.7 ÷ 40 = 0.393; peak
agents 14 over the 2 open intervals: 14 × 0.5 × 2 = 14 peak agent hours.

With ``agents_offered`` (reverse mode), each open interval also shows what that many agents
reach (staffing's :func:`~calculators.staffing.reach`), with the busiest interval's table of
agents against service level.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field as _field
from typing import Any

from . import Refusal, cost, staffing
from .core import render, volumes as _volumes
from .core.fields import Field, declare, form, read as _read
from .figures import number

NAME = "week_plan"
TITLE = "Week plan: agents interval by interval"
SUMMARY = ("Paste a week of interval volumes or a help-desk export (or choose the CSV file): each interval is staffed "
           "by Erlang C, as in the staffing calculator, with the agent hours and FTE of the week.")

HOURS_PER_FTE_WEEK = 40  # the contract's default: a full-time agent's paid hours in a week
HARDEST_SHOWN = 5  # intervals listed as the hardest to staff
_STAFFING = {f.key: f for f in staffing.FIELDS}


def _as_staffing(key: str, **changes: Any) -> Any:
    """The same input as staffing's ``key`` (label, unit, default, range, help), declared here."""
    f = _STAFFING[key]
    options = {name: getattr(f, name) for name in ("min", "max", "min_exclusive", "required", "step", "help", "choices")}
    options.update(changes)
    return declare(f.label, f.kind, f.unit, f.default, **options)


def _sample() -> str:
    # A made-up week for the worked example: weekdays 08:00-18:00, busier on Monday, a
    # late-morning peak and a smaller one after lunch; Saturday morning only.
    day_share = {"Mon": 1.2, "Tue": 1.0, "Wed": 1.0, "Thu": 0.9, "Fri": 0.8}
    hour_load = (20, 40, 60, 70, 50, 40, 50, 45, 35, 20)
    # Commas, not tabs: Markdown turns the tabs of the page's form into spaces.
    lines = ["day,start,contacts"]
    for day, share in day_share.items():
        for h, load in enumerate(hour_load):
            lines += [f"{day},{8 + h:02d}:00,{round(load * share)}", f"{day},{8 + h:02d}:30,{round(load * share * 0.9)}"]
    lines += [f"Sat,{9 + h:02d}:{m:02d},{load}" for h, load in enumerate((8, 12, 10)) for m in (0, 30)]
    return "\n".join(lines)


SAMPLE = _sample()


@dataclass(frozen=True)
class Inputs:
    """What a reader types; each attribute declares its own form field."""

    volumes: str = declare(
        "Volumes", "text", "", SAMPLE, max=_volumes.MAX_PASTE_CHARS, lines=10, group="Your volumes",
        help="Paste from a spreadsheet (tabs or commas), with a header row: day, start and contacts per interval, "
             "or one row per contact with its creation time (created_at). Or choose a CSV file of up to "
             f"{_volumes.MAX_FILE_MEGABYTES} MB below: it is read in your browser, never uploaded. "
             f"Pasted text: up to {_volumes.MAX_PASTE_CHARS:,} characters.")
    column: str | None = declare(
        "Column to read", "text", "", None, max=200, required=False, group="Your volumes",
        help="Optional. Where two columns could hold the counts or the creation time, the header of the one to use.")
    time_zone: str | None = declare(
        "Team time zone", "text", "", None, max=64, required=False, group="Your volumes",
        help="Optional. The IANA name of your team's zone, such as Europe/Paris or America/New_York. Times an export "
             "writes in UTC (with Z or an offset) are moved to this zone, daylight-saving changes included; "
             "times without a zone are taken as your team's clock. Empty: UTC.")
    date_order: str = declare(
        "Date order", "choice", "", "auto", group="Your volumes",
        choices=(("auto", "Find out from the file"), ("dmy", "Day first (31/12/2026)"), ("mdy", "Month first (12/31/2026)")),
        help="Only for dates written with slashes where no day is above 12, such as 03/04/2026.")
    interval_minutes: int = declare(
        "Interval length", "integer", "minutes", 30, min=15, max=60, group="Queue and targets",
        help="15, 30 or 60 minutes: the length of each interval of the plan (and of your table's rows).")
    aht_seconds: float = _as_staffing("aht_seconds", group="Queue and targets")
    service_level_percent: float = _as_staffing("service_level_percent", group="Queue and targets")
    answer_seconds: float = _as_staffing("answer_seconds", group="Queue and targets")
    max_occupancy_percent: float = _as_staffing("max_occupancy_percent", group="Queue and targets")
    concurrency: float = _as_staffing("concurrency", group="Queue and targets")
    patience_seconds: float | None = _as_staffing("patience_seconds", group="Queue and targets")
    shrinkage_percent: float = _as_staffing("shrinkage_percent", group="People")
    hours_per_fte_week: float = declare(
        "Paid hours of a full-time agent", "number", "hours a week", HOURS_PER_FTE_WEEK, min=1, max=80, group="People",
        help="Paid hours in one full-time agent's week, used to turn agent hours into FTE (the site's default: 40).")
    agents_offered: int | None = _as_staffing("agents_offered", group="People", help=(
        "Optional. A number of agents on the queue in every open interval (the team you have, or a vendor's offer): "
        "the plan adds the service level they reach in each interval."))


FIELDS: tuple[Field, ...] = form(Inputs)


@dataclass(frozen=True)
class Planned:
    """One interval of the plan."""

    day: str
    start: str
    contacts: float
    agents: int
    service_level_percent: float | None  # None where no contact arrives
    asa_seconds: float | None
    occupancy_percent: float
    offered: staffing.Queue | None = None  # what the offered agents reach here


@dataclass(frozen=True)
class Result:
    volumes: _volumes.Volumes
    intervals: tuple[Planned, ...]
    peak_agents: int
    agent_hours: float
    fte: float
    peak_agent_hours: float
    hardest: tuple[Planned, ...]
    around: tuple[staffing.Queue, ...] = ()  # reverse mode: agents against service level at the busiest interval
    short_intervals: int = 0  # reverse mode: open intervals the offered agents leave short of a target
    notes: tuple[str, ...] = _field(default=())


def _validate(values: dict[str, Any]) -> dict[str, str]:
    if values["interval_minutes"] not in _volumes.INTERVAL_CHOICES:
        return {"interval_minutes": "Interval length must be 15, 30 or 60 minutes."}
    return {}


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    return _read(Inputs, raw, validate=_validate)


def _interval_inputs(i: Inputs, contacts: float) -> staffing.Inputs:
    return staffing.Inputs(
        contacts=contacts, interval_minutes=i.interval_minutes, aht_seconds=i.aht_seconds,
        service_level_percent=i.service_level_percent, answer_seconds=i.answer_seconds,
        shrinkage_percent=i.shrinkage_percent, max_occupancy_percent=i.max_occupancy_percent,
        concurrency=i.concurrency, patience_seconds=i.patience_seconds, agents_offered=i.agents_offered,
    )


@functools.lru_cache(maxsize=2)
def _paste(text: str, interval_minutes: int, time_zone: str, column: str, date_order: str) -> _volumes.Volumes:
    """The volumes of a paste, remembered for the last two: while the reader changes the
    handle time or the service level, the same paste is not read again (``Volumes`` is
    frozen; a refusal is raised again, never remembered)."""
    return _volumes.read_text(text, interval_minutes=interval_minutes, time_zone=time_zone, column=column,
                              date_order=date_order)


def compute(i: Inputs) -> Result:
    try:
        week = _paste(i.volumes, i.interval_minutes, i.time_zone or "", i.column or "", i.date_order)
    except _volumes.VolumeError as problem:
        raise Refusal({problem.field: problem.message}) from None
    sized: dict[float, tuple[staffing.Queue, staffing.Queue | None]] = {}  # many intervals share a count
    planned = []
    for interval in week.intervals:
        if interval.contacts <= 0:
            planned.append(Planned(interval.day, interval.start, interval.contacts, 0, None, None, 0.0))
            continue
        if interval.contacts not in sized:
            each = _interval_inputs(i, interval.contacts)
            try:
                _traffic, queue = staffing.size(each)
                offered = None if i.agents_offered is None else staffing.reach(each, i.agents_offered)
            except Refusal as refusal:
                raise Refusal({key if key != "contacts" else "volumes": f"{interval.day} {interval.start}: {message}"
                               for key, message in refusal.errors.items()}) from None
            sized[interval.contacts] = (queue, offered)
        queue, offered = sized[interval.contacts]
        planned.append(Planned(interval.day, interval.start, interval.contacts, queue.agents, queue.service_level * 100,
                               queue.asa_seconds, queue.occupancy * 100, offered))
    hours = i.interval_minutes / 60
    open_intervals = [p for p in planned if p.contacts > 0]
    peak = max((p.agents for p in planned), default=0)
    agent_hours = math.fsum(p.agents for p in planned) * hours
    hardest = tuple(sorted(open_intervals, key=lambda p: (-p.agents, -p.contacts))[:HARDEST_SHOWN])
    around = ()
    short = 0
    if i.agents_offered is not None and hardest:
        around = staffing.around(_interval_inputs(i, hardest[0].contacts), i.agents_offered, hardest[0].agents)
        short = sum(1 for p in open_intervals if p.offered.limited_by != "met")
    return Result(
        volumes=week,
        intervals=tuple(planned),
        peak_agents=peak,
        agent_hours=agent_hours,
        fte=agent_hours / (1 - i.shrinkage_percent / 100) / i.hours_per_fte_week,
        peak_agent_hours=peak * hours * len(open_intervals),
        hardest=hardest,
        around=around,
        short_intervals=short,
    )


def _interval_out(p: Planned) -> dict[str, Any]:
    return {"day": p.day, "start": p.start, "contacts": p.contacts, "agents": p.agents,
            "service_level_percent": p.service_level_percent, "occupancy_percent": p.occupancy_percent}


def outputs(r: Result) -> dict[str, Any]:
    v = r.volumes
    out = {
        "intervals": [_interval_out(p) for p in r.intervals],
        "peak_agents": r.peak_agents,
        "agent_hours": r.agent_hours,
        "fte": r.fte,
        "peak_agent_hours": r.peak_agent_hours,
        "peak_fte_ratio": (r.peak_agent_hours / r.agent_hours) if r.agent_hours else None,
        "shape": v.shape,
        "rows_read": v.rows,
        "columns_read": list(v.columns),
        "time_format": v.time_format or None,
        "first_day": v.first_day.isoformat() if v.first_day else None,
        "last_day": v.last_day.isoformat() if v.last_day else None,
        "time_zone": v.time_zone or None,
        "number_format": v.number_format,
        "hardest": [_interval_out(p) for p in r.hardest],
        "offered_intervals": [
            {"day": p.day, "start": p.start, **staffing.reached(p.offered)} for p in r.intervals if p.offered is not None
        ],
        "offered_short_intervals": r.short_intervals if r.around else None,
    }
    # Reverse mode, at the busiest interval: the same keys as the staffing calculator's.
    out.update(staffing.offered_outputs(r.hardest[0].offered if r.around else None, r.around))
    return out


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def _agents_text(n: int) -> str:
    return f"{n} agent" + ("" if n == 1 else "s")


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
    v = r.volumes
    hours_text = lambda value: number(round(value, 1))  # noqa: E731
    open_count = sum(1 for p in r.intervals if p.contacts > 0)
    summary = (
        f"The week needs {number(round(r.agent_hours, 1))} agent hours on the queue, {number(round(r.fte, 1))} FTE once "
        f"{number(i.shrinkage_percent)}% shrinkage is allowed for, with a peak of {_agents_text(r.peak_agents)}.",
        f"Staffing all {open_count} open intervals at that peak would take {number(round(r.peak_agent_hours, 1))} agent "
        f"hours, {_ratio(r)} what the plan needs.",
    )
    if r.around:
        busiest = r.hardest[0]
        summary += (
            f"With {_agents_text(i.agents_offered)} in every open interval, {r.short_intervals} of the {open_count} "
            f"fall short of a target; at the busiest ({busiest.day} {busiest.start}) they answer "
            f"{_pct(busiest.offered.service_level * 100)} in time.",
        )
    rows = (
        render.measure("Peak agents on the queue", out, "peak_agents"),
        render.measure("Agent hours in the week", out, "agent_hours", hours_text),
        render.measure("FTE to schedule (with shrinkage)", out, "fte", lambda x: number(round(x, 1))),
        render.measure("Agent hours if every open interval had the peak", out, "peak_agent_hours", hours_text),
    )
    if r.around:
        rows += (render.measure("Open intervals short with the agents you have", out, "offered_short_intervals"),)
    tables = [render.table("The week at a glance", ("Measure", "Value"), rows)]
    tables.append(render.table(
        "The hardest intervals to staff (most agents needed)",
        ("Interval", "Contacts", "Agents", "Service level", "Occupancy"),
        [(render.cell(f"{p.day} {p.start}"), render.cell(_contacts(p.contacts)), render.cell(p.agents),
          render.cell(_pct(p.service_level_percent)), render.cell(_pct(p.occupancy_percent))) for p in r.hardest],
    ))
    if r.around:
        _line, near = staffing.offered_report(f"at {r.hardest[0].day} {r.hardest[0].start}", out, r.around,
                                              i.service_level_percent, i.answer_seconds)
        tables.append(near)
    heatmap, grid = _heatmap(r)
    tables.append(grid)
    headers = ("Day", "Start", "Contacts", "Agents", "Service level", "Occupancy")
    plan_rows = []
    for p in r.intervals:
        plan_row = (render.cell(p.day), render.cell(p.start), render.cell(_contacts(p.contacts)), render.cell(p.agents),
                    render.cell(_pct(p.service_level_percent)), render.cell(_pct(p.occupancy_percent)))
        if r.around:
            plan_row += (render.cell("–" if p.offered is None else _pct(p.offered.service_level * 100)),)
        plan_rows.append(plan_row)
    if r.around:
        headers += (f"Service level with {i.agents_offered}",)
    tables.append(render.table("The plan, interval by interval", headers, plan_rows))
    # The requirement itself stays in this browser: the shifts page reads this plan from the
    # browser's store (docs/javascripts/shifts-page.js), so only where it came from is in the link.
    shifts_link = render.Link("Shifts for this plan: a roster that covers it", "shifts", (("from", "week_plan"),))
    return render.Report(summary=summary, tables=tuple(tables), notes=_notes(i, r), links=(cost_link(i, r), shifts_link),
                         heatmaps=(heatmap,))


def requirement(out: dict[str, Any]) -> str:
    r"""The plan's agents per interval as the shifts calculator's requirement (``day,start,agents``):
    what the shifts page fills in from a week plan (docs/javascripts/shifts-page.js writes the
    same lines), for a page that carries a plan into shifts at build time.

    >>> requirement({"intervals": [{"day": "Mon", "start": "08:00", "agents": 5}]})
    'day,start,agents\nMon,08:00,5'
    """
    return "\n".join(["day,start,agents", *(f"{p['day']},{p['start']},{p['agents']}" for p in out["intervals"])])


def cost_link(i: Inputs, r: Result) -> render.Link:
    """The cost calculator with this plan's month of work: its FTE, the week's contacts as
    monthly tickets (× 52 ÷ 12), the handle time of one contact and the plan's occupancy
    (handle time ÷ agent hours), so the cost page's ticket and agent prices describe the same
    work (see :func:`cost.work_handed_over`)."""
    week = sum(p.contacts for p in r.intervals)
    aht_minutes = i.aht_seconds / i.concurrency / 60
    occupancy = week * aht_minutes / 60 / r.agent_hours * 100 if r.agent_hours else 100.0
    carried = cost.work_handed_over(r.fte, week * cost.WEEKS_PER_MONTH, aht_minutes, occupancy,
                                    i.shrinkage_percent, i.hours_per_fte_week)
    given = dict(carried)
    note = (f"It carries {given['monthly_tickets']:,} contacts a month (the week's {_contacts(round(week, 1))} "
            f"× 52 ÷ 12), {number(given['aht_minutes'])} minutes a contact and the plan's "
            f"{number(given['occupancy_percent'])}% occupancy (handle time ÷ agent hours).")
    return render.Link(f"Cost this plan: {number(given['staffed_fte'])} FTE in the cost calculator", "cost",
                       carried, note)


def _ratio(r: Result) -> str:
    if not r.agent_hours:
        return "the same as"
    return f"{r.peak_agent_hours / r.agent_hours:.2f} times"


def _contacts(value: float) -> str:
    return number(round(value, 1)) if value != int(value) else number(value)


def _heatmap(r: Result) -> tuple[render.Heatmap, render.Table]:
    """Agents by day (rows) and start time (columns), trimmed to the hours that have contacts."""
    days = list(dict.fromkeys(p.day for p in r.intervals))
    open_starts = sorted({p.start for p in r.intervals if p.contacts > 0}) or sorted({p.start for p in r.intervals})
    starts = [s for s in sorted({p.start for p in r.intervals}) if open_starts[0] <= s <= open_starts[-1]]
    cells = {(p.day, p.start): p for p in r.intervals}
    values, titles = [], []
    for day in days:
        row_values, row_titles = [], []
        for start in starts:
            p = cells.get((day, start))
            row_values.append(None if p is None else p.agents)
            row_titles.append(f"{day} {start}: no row" if p is None else
                              f"{day} {start}: {_agents_text(p.agents)} for {_contacts(p.contacts)} contacts")
        values.append(tuple(row_values))
        titles.append(tuple(row_titles))
    heatmap = render.Heatmap("Agents needed, by day and time",
                             tuple(days), tuple(starts), tuple(values), tuple(titles), "Agents")
    grid = render.table(
        "Agents needed by start time (rows) and day (columns)", ("Start", *days),
        [(render.cell(start), *(render.cell("–" if v is None else v) for v in column)) for start, column in
         zip(starts, zip(*values))],
    )
    return heatmap, grid


def _notes(i: Inputs, r: Result) -> tuple[str, ...]:
    v = r.volumes
    if v.shape == "intervals" and v.averaged:
        notes = [
            f"Read {v.rows:,} intervals from the columns {', '.join(v.columns)}, dated {v.first_day} to {v.last_day}: "
            "each weekday's counts are divided by the number of times it occurs in that range, giving an average week.",
        ]
    elif v.shape == "intervals":
        notes = [f"Read {v.rows:,} intervals from the columns {', '.join(v.columns)}."]
    else:
        zone = f"converted to {v.time_zone}" if v.zoned else f"taken as written (your team's clock)"
        notes = [
            f"Read {v.rows:,} contacts from the column {' and '.join(v.columns)}, written as {v.time_format}; times "
            f"{zone}. The file runs from {v.first_day} to {v.last_day}: each weekday's counts are divided by the "
            "number of times it occurs in that range, giving an average week.",
        ]
    if v.averaged and min(v.weekdays_seen) == 0:
        notes.append("The file covers less than a week: the days it does not cover show no contacts.")
    if v.shape == "contacts":
        if v.zoned and v.time_zone == "UTC" and not i.time_zone:
            notes.append("The times carry a zone and are shown in UTC; enter your team's time zone to see its hours.")
    notes.extend(v.notes)
    notes.append("Each interval is sized on its own, as the staffing calculator sizes one interval, by "
                 + ("Erlang A with the customer patience given." if i.patience_seconds is not None else "Erlang C.")
                 + " Real schedules run in shifts, so rostered hours come out somewhat above the plan's agent hours.")
    notes.append("“Cost this plan” hands the cost calculator this plan's FTE (agent hours ÷ (1 − shrinkage) ÷ paid "
                 "hours a week) with the week's contacts as monthly tickets, so both describe the same work.")
    return tuple(notes)
