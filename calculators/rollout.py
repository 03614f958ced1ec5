"""The first 90 days with a new support team, and working backwards to the start dates.

Calendar (source: guide-2026, its 90-day implementation playbook and 30-day pilot; the
lengths come from :mod:`calculators.figures`: ``phase_days``, ``rollout_days``,
``pilot_days``):

* day ``n`` is ``start_date + (n − 1)`` days, so the go-live date is day 1;
* three phases of ``phase_days`` each: foundation (days 1–30), stabilization (31–60),
  optimization (61–90); a phase's ``end`` is its last day, inclusive;
* ``pilot_review_date`` is the pilot's last day, day ``pilot_days`` (day 30): the review
  falls on the day the pilot ends, before day 31 commits to the next phase;
* ``decision_date`` is the last day, day ``rollout_days`` (day 90): expand, adjust or
  correct.

Working backwards (shared with the freelancer worksheet through :func:`work_backwards`):

* lead times are whole days: ``days = ceil(weeks × 7)``, rounded up so a lead time is
  never shortened;
* agents must be trained and in the queue by ``trained_by_date``, or by the go-live date
  when none is given. The trained-by date may fall inside the first ``rollout_days``
  (days 1–90: training and shadowing are part of the foundation phase); a date after day
  90 is refused with a message on the field. ``trained_by_day`` is its rollout day
  (``trained_by − start_date + 1``; 0 or less before go-live), and
  ``in_training_at_pilot_review`` says agents would still be training on day 30;
* ``start_training_by = trained_by − training days``;
* ``start_recruiting_by = start_training_by − recruiting days``;
* the dates "cannot work" when ``today`` is already past one of them: each problem is a
  plain sentence in ``warnings``, the plan is still given, and one more sentence says
  how late a start today would finish and what to change.

Defaults: ``today`` is the real current date (an input, so a plan can be checked as seen
from any day); with no go-live date, day 1 is the first Monday on or after the trained-by
date or, without one either, on or after the earliest day recruiting and training started
today could be finished. Training 2 weeks and recruiting 4 weeks are this calculator's own
starting guesses, not published figures.

Worked example (checked in tests): go-live 2027-01-04, no trained-by date, 3 weeks'
training, 4 weeks' recruiting, seen from 2026-11-01 -> foundation 2027-01-04 to 2027-02-02,
stabilization 2027-02-03 to 2027-03-04, optimization 2027-03-05 to 2027-04-03; pilot review
2027-02-02; decision 2027-04-03; training starts by 2027-01-04 − 21 days = 2026-12-14,
recruiting by 2026-12-14 − 28 days = 2026-11-16. Seen from 2026-12-07 instead, recruiting
would have had to start 21 days ago. Trained by 2027-02-15 instead (day 2027-02-15 −
2027-01-04 + 1 = 43), with 6 weeks' training: training starts by 2027-01-04 (day 1, on the
job), recruiting by 2026-12-07, and agents are still in training at the day-30 review.
"""
from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from typing import Any

from .core import ical, render, text
from .core.fields import declare, form, read as _read
from .figures import get as figure, number

NAME = "rollout"
TITLE = "Rollout: the first 90 days, and when to start"
SUMMARY = ("The dates of the three 30-day phases, the pilot review and the 90-day decision, and the latest days "
           "recruiting and training can start for agents to be ready in time; with a calendar file to download.")

PHASE_DAYS = int(figure("phase_days").low)
ROLLOUT_DAYS = int(figure("rollout_days").low)
PILOT_DAYS = int(figure("pilot_days").low)

# The longest lead time either step may take: beyond two years it is a typo, not a plan.
MAX_LEAD_WEEKS = 104
# Dates a plan may use: wide enough for any real plan, narrow enough that 90 days ahead and
# two lead times back stay inside the calendar Python can count.
EARLIEST = _dt.date(1900, 1, 1)
LATEST = _dt.date(2999, 12, 31)
MONDAY = 0

DATES = "Dates"
LEAD_TIMES = "Lead times"
SEEN_FROM = "Checked against"

@dataclass(frozen=True)
class Phase:
    name: str  # "foundation", "stabilization", "optimization"
    title: str
    first_day: int
    last_day: int
    start: _dt.date
    end: _dt.date  # inclusive
    milestones: tuple[str, ...]


# The guide's milestones for each 30-day phase, in our own words.
MILESTONES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("foundation", "Foundation", (
        "New agents shadow your team on live conversations, handoffs and tricky cases before taking their own.",
        "A first knowledge base: core products, policies and frequent questions, easy to search and correct "
        "before it is complete.",
        "Macros and reply templates drawn from real tickets, which agents may adapt.",
        "Escalation rules: which cases (money at risk, a customer about to leave, distress) go to whom, and how fast.",
        "A QA baseline: review early tickets together and agree what a good answer is.",
        "First service standards for tone, depth of resolution and response times.",
    )),
    ("stabilization", "Stabilization", (
        "Weekly QA calibration on real tickets, with each agreed answer written down.",
        "Staffing and schedules adjusted to the volume month one actually brought.",
        "Routing rules refined so each ticket reaches the right agent sooner.",
        "KPI definitions agreed (for example resolution time per issue type, repeat contacts), used to steer, "
        "not to punish.",
        "Agents move from onboarding to ongoing training aimed at the gaps QA found.",
    )),
    ("optimization", "Optimization", (
        "Let agents specialize in an issue type or a customer segment once patterns show.",
        "Deflect avoidable contacts: help-center content for the top contact drivers.",
        "Review what drives cost, without trading away the customer's experience.",
        "Decide on the evidence: expand the partnership, adjust its scope, or correct what is off.",
    )),
)
assert len(MILESTONES) * PHASE_DAYS == ROLLOUT_DAYS, "the phases must fill the rollout exactly"


@dataclass(frozen=True)
class Inputs:
    """What a reader types; each attribute declares its own form field."""

    start_date: _dt.date | None = declare(
        "Go-live date (day 1)", "date", required=False, group=DATES,
        help="The first day the new team works your queue. Leave empty for the first Monday that works.")
    trained_by_date: _dt.date | None = declare(
        "Trained and in the queue by", "date", required=False, group=DATES,
        help=f"When agents must be fully trained and taking tickets: before go-live, or on a day within the first "
             f"{ROLLOUT_DAYS}, since training and shadowing are part of the foundation phase. Leave empty to use the "
             "go-live date.")
    training_weeks: float = declare(
        "Training time", "number", "weeks", 2, min=0, max=MAX_LEAD_WEEKS, group=LEAD_TIMES,
        help="From the first training day to agents fully trained.")
    recruiting_weeks: float = declare(
        "Recruiting time", "number", "weeks", 4, min=0, max=MAX_LEAD_WEEKS, group=LEAD_TIMES,
        help="From opening the search (or briefing a vendor) to agents ready to start training.")
    today: _dt.date = declare(
        "Today's date", "date", required=False, group=SEEN_FROM,
        help="Leave empty for today. Set it to see which dates had already passed on another day.")


FIELDS = form(Inputs)


@dataclass(frozen=True)
class Backwards:
    start_training_by: _dt.date
    start_recruiting_by: _dt.date
    problems: tuple[str, ...]  # plain sentences; empty when the dates work


@dataclass(frozen=True)
class Result:
    start_date: _dt.date
    start_date_chosen: bool  # True when no go-live date was given
    trained_by: _dt.date  # the trained-by date given, or the go-live date
    trained_by_given: bool
    phases: tuple[Phase, ...]
    pilot_review_date: _dt.date
    decision_date: _dt.date
    start_training_by: _dt.date
    start_recruiting_by: _dt.date
    warnings: tuple[str, ...]
    ready_if_started_today: _dt.date  # recruiting and training begun today end here
    today: _dt.date

    @property
    def trained_by_day(self) -> int:
        """The rollout day agents are trained by: 1 for the go-live date, 0 or less before it."""
        return (self.trained_by - self.start_date).days + 1


def _validate(values: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for f in FIELDS:
        value = values.get(f.key)
        if f.kind == "date" and value is not None and not EARLIEST <= value <= LATEST:
            errors[f.key] = f"{f.label} must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}."
    start, trained_by = values["start_date"], values["trained_by_date"]
    if not errors and start is not None and trained_by is not None and trained_by > _day(ROLLOUT_DAYS, start):
        last = _day(ROLLOUT_DAYS, start)
        errors["trained_by_date"] = (
            f"The trained-by date ({trained_by.isoformat()}) is after day {ROLLOUT_DAYS} of the rollout "
            f"({last.isoformat()}): training and shadowing belong in the first {ROLLOUT_DAYS} days, so choose a "
            f"date on or before {last.isoformat()}, or a later go-live date."
        )
    return errors


def _make(*, today: _dt.date | None, **values: Any) -> Inputs:
    return Inputs(today=today if today is not None else _dt.date.today(), **values)


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    return _read(Inputs, raw, _make, _validate)


def lead_days(weeks: float) -> int:
    """A lead time in whole days, rounded up: 3 weeks -> 21, 1.5 weeks -> 11."""
    return text.round_up(weeks * 7)


def _count(n: float, one: str, many: str) -> str:
    return f"{number(n)} {one if n == 1 else many}"


def _weeks(weeks: float) -> str:
    return _count(round(weeks, 1), "week", "weeks")


def work_backwards(trained_by: _dt.date, training_weeks: float, recruiting_weeks: float, today: _dt.date) -> Backwards:
    """The latest dates training and recruiting can start for agents to have finished training
    and be taking tickets on ``trained_by``, and what is already too late as seen on ``today``.

    ``training_weeks`` and ``recruiting_weeks`` must be finite, 0 to :data:`MAX_LEAD_WEEKS`
    (a ValueError otherwise: the caller validates what people type first).

    Problems, in this order, each only when it applies:

    * "Recruiting would have had to start on 2026-11-16, 21 days ago." (today is after the
      latest recruiting start);
    * "Training (3 weeks) is longer than the 1 week left before the trained-by date."
      (today is after the latest training start, but the trained-by date has not passed);
    * "The trained-by date, 2027-01-04, has already passed: it was 5 days ago."
    """
    for label, weeks in (("training_weeks", training_weeks), ("recruiting_weeks", recruiting_weeks)):
        if not (isinstance(weeks, (int, float)) and math.isfinite(weeks) and 0 <= weeks <= MAX_LEAD_WEEKS):
            raise ValueError(f"{label} must be a number from 0 to {MAX_LEAD_WEEKS}, got {weeks!r}")
    try:
        start_training_by = trained_by - _dt.timedelta(days=lead_days(training_weeks))
        start_recruiting_by = start_training_by - _dt.timedelta(days=lead_days(recruiting_weeks))
    except OverflowError:
        raise ValueError(f"the lead times reach back before the year 1 from {trained_by.isoformat()}") from None

    problems: list[str] = []
    if today > start_recruiting_by:
        late = (today - start_recruiting_by).days
        problems.append(
            f"Recruiting would have had to start on {start_recruiting_by.isoformat()}, {_count(late, 'day', 'days')} ago."
        )
    if today > trained_by:
        ago = (today - trained_by).days
        problems.append(
            f"The trained-by date, {trained_by.isoformat()}, has already passed: it was {_count(ago, 'day', 'days')} ago."
        )
    elif today > start_training_by:
        left = (trained_by - today).days / 7
        problems.append(
            f"Training ({_weeks(training_weeks)}) is longer than the {_weeks(left)} left before the trained-by date."
        )
    return Backwards(start_training_by, start_recruiting_by, tuple(problems))


def _first_monday(on_or_after: _dt.date) -> _dt.date:
    return on_or_after + _dt.timedelta(days=(MONDAY - on_or_after.weekday()) % 7)


def _day(n: int, start: _dt.date) -> _dt.date:
    """Day ``n`` of the rollout; day 1 is the go-live date."""
    return start + _dt.timedelta(days=n - 1)


def compute(i: Inputs) -> Result:
    lead = _dt.timedelta(days=lead_days(i.training_weeks) + lead_days(i.recruiting_weeks))
    ready_if_started_today = i.today + lead
    if i.start_date is not None:
        start = i.start_date
    else:
        start = _first_monday(i.trained_by_date if i.trained_by_date is not None else ready_if_started_today)
    trained_by = i.trained_by_date if i.trained_by_date is not None else start
    back = work_backwards(trained_by, i.training_weeks, i.recruiting_weeks, i.today)

    phases = tuple(
        Phase(name, title, k * PHASE_DAYS + 1, (k + 1) * PHASE_DAYS,
              _day(k * PHASE_DAYS + 1, start), _day((k + 1) * PHASE_DAYS, start), milestones)
        for k, (name, title, milestones) in enumerate(MILESTONES)
    )
    warnings = back.problems
    if back.problems:
        late = (ready_if_started_today - trained_by).days
        which = "trained-by date" if i.trained_by_date is not None else "go-live date"
        warnings += (
            f"Recruiting and training started today would have agents ready on {ready_if_started_today.isoformat()}, "
            f"{_count(late, 'day', 'days')} after the {which}. To keep the date, take {_count(late, 'day', 'days')} "
            f"out of recruiting and training together; otherwise move the {which} to "
            f"{ready_if_started_today.isoformat()} or later.",
        )
    return Result(
        start_date=start,
        start_date_chosen=i.start_date is None,
        trained_by=trained_by,
        trained_by_given=i.trained_by_date is not None,
        phases=phases,
        pilot_review_date=_day(PILOT_DAYS, start),
        decision_date=_day(ROLLOUT_DAYS, start),
        start_training_by=back.start_training_by,
        start_recruiting_by=back.start_recruiting_by,
        warnings=warnings,
        ready_if_started_today=ready_if_started_today,
        today=i.today,
    )


def _phase_dict(p: Phase) -> dict[str, Any]:
    return {
        "name": p.name,
        "title": p.title,
        "first_day": p.first_day,
        "last_day": p.last_day,
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
        "milestones": list(p.milestones),
    }


def outputs(r: Result) -> dict[str, Any]:
    return {
        "phases": [_phase_dict(p) for p in r.phases],
        "pilot_review_date": r.pilot_review_date.isoformat(),
        "decision_date": r.decision_date.isoformat(),
        "start_training_by": r.start_training_by.isoformat(),
        "start_recruiting_by": r.start_recruiting_by.isoformat(),
        "start_date": r.start_date.isoformat(),
        "trained_by_date": r.trained_by.isoformat(),
        "trained_by_day": r.trained_by_day,
        "in_training_at_pilot_review": r.trained_by > r.pilot_review_date,
        "dates_work": not r.warnings,
        "warnings": list(r.warnings),
    }


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def shown(d: _dt.date | str) -> str:
    """A date as people read it, the same in every locale: 'Mon 4 Jan 2027' (from a date
    or its ISO text)."""
    if isinstance(d, str):
        d = _dt.date.fromisoformat(d)
    return f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def _training_line(r: Result, out: dict[str, Any]) -> str:
    """The second line of the summary: when to start, and what training means for the pilot."""
    starts = (f"start recruiting by {shown(r.start_recruiting_by)} and training by {shown(r.start_training_by)}"
              + (f"; as of {shown(r.today)} that is already too late (see below)." if r.warnings else "."))
    if r.trained_by <= r.start_date:
        return f"For agents trained by {shown(r.trained_by)}, {starts}"
    line = (f"Agents shadow and train on the job until {shown(r.trained_by)} (day {out['trained_by_day']}): "
            f"{starts}")
    if out["in_training_at_pilot_review"]:
        line += (f" At the pilot review on day {PILOT_DAYS} they will still be in training, so judge the pilot on "
                 "how training is going, not on a trained team's results.")
    return line


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
    summary = (
        f"Day 1 is {shown(r.start_date)}: review the pilot on {shown(r.pilot_review_date)} (day {PILOT_DAYS}) "
        f"and decide whether to expand, adjust or correct on {shown(r.decision_date)} (day {ROLLOUT_DAYS}).",
        _training_line(r, out),
    )
    trained_label = ("Trained and in the queue by" if r.trained_by <= r.start_date else
                     f"Trained and in the queue by (day {out['trained_by_day']})")
    dates = [
        render.measure("Start recruiting by", out, "start_recruiting_by", shown),
        render.measure("Start training by", out, "start_training_by", shown),
        render.measure(trained_label, out, "trained_by_date", shown),
        render.measure("Go-live (day 1)", out, "start_date", shown),
        render.measure(f"Pilot review (day {PILOT_DAYS})", out, "pilot_review_date", shown),
        render.measure(f"Decision (day {ROLLOUT_DAYS})", out, "decision_date", shown),
        render.measure(f"The first {ROLLOUT_DAYS} days", out, "phases",
                       lambda phases: f"{shown(phases[0]['start'])} to {shown(phases[-1]['end'])}"),
    ]
    if r.trained_by > r.start_date:
        dates.append(render.measure(f"Still in training at the pilot review (day {PILOT_DAYS})", out,
                                    "in_training_at_pilot_review", lambda still: "yes" if still else "no"))
    phase_rows = [
        (render.cell(p["title"]), render.cell(f"{p['first_day']}–{p['last_day']}"),
         render.cell(f"{shown(p['start'])} to {shown(p['end'])}"), render.cell(" ".join(p["milestones"])))
        for p in out["phases"]
    ]
    notes = list(out["warnings"])
    if r.start_date_chosen:
        notes.append(
            "No go-live date given, so day 1 is the first Monday on or after "
            + ("the trained-by date." if r.trained_by_given else
               f"the day recruiting and training started on {r.today.isoformat()} would be finished.")
        )
    if not r.trained_by_given:
        notes.append("No trained-by date given, so agents are planned to be fully trained by the go-live date.")
    notes.append(f"Lead times are counted in whole days, rounded up: {number(i.training_weeks)} weeks' training is "
                 f"{lead_days(i.training_weeks)} days, {number(i.recruiting_weeks)} weeks' recruiting "
                 f"{lead_days(i.recruiting_weeks)} days.")
    return render.Report(
        summary=summary,
        tables=(
            render.table("Key dates", ("Step", "Date"), dates),
            render.table(f"The three {PHASE_DAYS}-day phases", ("Phase", "Days", "Dates", "Milestones"), phase_rows),
        ),
        notes=tuple(notes),
    )


def attachments(i: Inputs, r: Result) -> dict[str, str]:
    """The milestones as a calendar file (``.ics``) of all-day events.

    Every event's UID is the go-live date and the milestone's key, so importing a revised
    plan for the same go-live updates the events; DTSTAMP is the ``today`` input, so the
    same inputs give the same file byte for byte.
    """
    plan = r.start_date.strftime("%Y%m%d")
    lead_note = (f"{number(i.recruiting_weeks)} weeks' recruiting, then {number(i.training_weeks)} weeks' training, "
                 f"for agents trained and in the queue by {r.trained_by.isoformat()}.")
    events = [
        ("start-recruiting", r.start_recruiting_by, "Start recruiting (latest day)", lead_note),
        ("start-training", r.start_training_by, "Start training (latest day)", lead_note),
    ]
    if r.trained_by_given and r.trained_by != r.start_date:
        events.append(("trained-by", r.trained_by, "Agents trained and in the queue", lead_note))
    for p in r.phases:
        what = "Go-live. " if p.first_day == 1 else ""
        events.append((f"{p.name}-start", p.start, f"{what}{p.title} begins (days {p.first_day}–{p.last_day})",
                       "\n".join(f"- {m}" for m in p.milestones)))
    events.append(("pilot-review", r.pilot_review_date, f"Pilot review (day {PILOT_DAYS})",
                   "Go, Extend or Stop: onboarding speed, policy accuracy, brand voice, escalation volume and "
                   "how often agents needed help, against the bar you set."))
    events.append(("decision", r.decision_date, f"Decision (day {ROLLOUT_DAYS}): expand, adjust or correct",
                   "Decide on the evidence of the first 90 days, and set the goals for the next 90."))
    events.sort(key=lambda e: e[1])  # stable: same-day events keep the order above
    return {"ics": ical.ics(
        [ical.CalendarEvent(f"{plan}-{key}@rollout.support-sourcing-playbook", day, summary, description)
         for key, day, summary, description in events],
        name=f"Support rollout from {r.start_date.isoformat()}",
        stamp=r.today,
        product="-//Support Sourcing Playbook//Rollout planner//EN",
    )}
