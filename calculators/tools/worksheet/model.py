"""The worksheet's model: the answers as typed, what they read as, progress and the start
dates; and ``outputs``, the machine values a page and a file take from them.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from ... import rollout
from ...core.fields import EARLIEST_DATE, LATEST_DATE, Field, declare, form, parse, parse_one
from ...core.text import join_and
from .questions import ANSWER_FIELDS, ANSWER_MAX_CHARS, BY_KEY, PART_OF, PARTS, QUESTIONS, Question

CLOCK = "Clock"


@dataclass(frozen=True)
class Inputs:
    """Every answer as typed, and the clock the start dates are checked against.

    The answers are declared by the questions (:mod:`.questions`); the two clock inputs
    are declared here, on their attributes.
    """

    answers: dict[str, str]  # every answer field's key -> the text as typed ("" for none)
    today: _dt.date = declare(
        "Today's date", "date", required=False, group=CLOCK,
        help="The day the start dates are checked against; empty for today.")
    saved_at: _dt.datetime | None = declare(  # timezone-aware
        "Saved at", "text", required=False, max=40, group=CLOCK,
        help="When the answers were last changed, as an ISO 8601 date and time with its time zone "
             "(2026-11-23T09:30:00Z); written into the files.")


CLOCK_FIELDS: tuple[Field, ...] = form(Inputs)


@dataclass(frozen=True)
class Schedule:
    status: str  # "incomplete", "unreadable", "ok" or "late"
    message: str
    trained_by: _dt.date | None = None
    start_training_by: _dt.date | None = None
    start_recruiting_by: _dt.date | None = None
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result:
    answers: dict[str, str]
    values: dict[str, Any]  # key -> typed value, None when unanswered or unreadable
    problems: dict[str, str]  # key -> message, for answers kept as typed that do not read
    answered: dict[str, bool]  # question id -> answered?
    schedule: Schedule
    today: _dt.date
    saved_at: _dt.datetime | None


def _as_typed(f: Field, raw: Any) -> tuple[str | None, str | None]:
    """An answer as the text a person would have typed, or a message when it cannot be one."""
    if raw is None:
        return "", None
    if isinstance(raw, str):
        if len(raw) > ANSWER_MAX_CHARS:
            return None, f"{f.label} is too long: keep it under {ANSWER_MAX_CHARS:,} characters."
        return raw, None
    # Not text: only what the field itself would read (20 hours, a tick) is accepted, and
    # it is kept as a person would type it.
    value, error = parse_one(f, raw)
    if error or f.kind == "text":
        return None, error or f"{f.label} must be text."
    if isinstance(value, bool):
        return ("true" if value else "false"), None
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), None
    if isinstance(value, _dt.date):
        return value.isoformat(), None
    return str(value), None


def parse_saved_at(text: str | None) -> tuple[_dt.datetime | None, str | None]:
    if not text:
        return None, None
    problem = "Saved at must be a date and time with its time zone, such as 2026-11-23T09:30:00Z."
    try:
        moment = _dt.datetime.fromisoformat(text)
    except ValueError:
        return None, problem
    if moment.tzinfo is None:
        return None, problem
    return moment, None


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    clock = parse(CLOCK_FIELDS, raw)  # also refuses inputs that are not named values
    if clock.errors.get("inputs"):
        return None, clock.errors
    raw = raw if raw is not None else {}
    errors = dict(clock.errors)
    answers: dict[str, str] = {}
    for f in ANSWER_FIELDS:
        text, error = _as_typed(f, raw.get(f.key))
        if error:
            errors[f.key] = error
        else:
            answers[f.key] = text
    saved_at = None
    if "saved_at" not in errors:
        saved_at, error = parse_saved_at(clock.values.get("saved_at"))
        if error:
            errors["saved_at"] = error
    if errors:
        return None, errors
    today = clock.values["today"] or _dt.date.today()
    return Inputs(answers=answers, today=today, saved_at=saved_at), {}




def _answered(f: Field, text: str, value: Any) -> bool:
    if f.kind == "bool":
        return value is True
    return text.strip() != ""


def schedule(trained_by: _dt.date | None, training_weeks: float | None, recruiting_weeks: float | None,
             today: _dt.date, unreadable: tuple[str, ...] = ()) -> Schedule:
    """The start dates worked back from the trained-by date, or why they cannot be given yet.

    ``unreadable``: labels of the timing answers that were typed but do not read.
    """
    if unreadable:
        return Schedule("unreadable", f"Correct {join_and(unreadable)} above to see the start dates.")
    if trained_by is not None and not EARLIEST_DATE <= trained_by <= LATEST_DATE:
        unreadable = ("the trained-by date",)
        return Schedule("unreadable", f"Correct {join_and(unreadable)} above to see the start dates.")
    missing = [label for label, value in (("the trained-by date", trained_by), ("the training time", training_weeks),
                                          ("the recruiting time", recruiting_weeks)) if value is None]
    if missing:
        return Schedule("incomplete", f"Give {join_and(missing)} to work out when recruiting and training must start.")
    back = rollout.work_backwards(trained_by, training_weeks, recruiting_weeks, today)
    common = dict(trained_by=trained_by, start_training_by=back.start_training_by,
                  start_recruiting_by=back.start_recruiting_by, problems=back.problems)
    if back.problems:
        return Schedule("late", "These dates cannot work as planned: move the trained-by date later, "
                                "or shorten training or recruiting.", **common)
    return Schedule("ok", f"Start recruiting by {back.start_recruiting_by.isoformat()} and training by "
                          f"{back.start_training_by.isoformat()} to have freelancers ready on "
                          f"{trained_by.isoformat()}.", **common)


def compute(i: Inputs) -> Result:
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for f in ANSWER_FIELDS:
        text = i.answers[f.key]
        if f.kind == "text":
            values[f.key] = text.strip() or None
            continue
        value, error = parse_one(f, text)
        if error and text.strip():
            problems[f.key] = f"{error} It is kept as you typed it."
            value = None
        values[f.key] = value
    answered = {q.id: any(_answered(f, i.answers[f.key], values[f.key]) for f in q.fields) for q in QUESTIONS}
    timing = ("timing.trained_by_date", "timing.training_weeks", "timing.recruiting_weeks")
    plan = schedule(*(values[k] for k in timing), i.today,
                    unreadable=tuple("the " + BY_KEY[k].label.lower() for k in timing if k in problems))
    return Result(i.answers, values, problems, answered, plan, i.today, i.saved_at)


def _percent(done: int, total: int) -> float:
    return done / total * 100 if total else 100.0


def progress(r: Result) -> dict[str, Any]:
    parts = {}
    for p in PARTS:
        done = sum(r.answered[q.id] for q in p.questions)
        parts[p.id] = {"title": p.title, "answered": done, "total": len(p.questions),
                       "percent": _percent(done, len(p.questions))}
    done = sum(r.answered.values())
    return {"answered": done, "total": len(QUESTIONS), "percent": _percent(done, len(QUESTIONS)), "parts": parts}


def _iso(day: _dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def schedule_outputs(s: Schedule) -> dict[str, Any]:
    return {"status": s.status, "message": s.message, "trained_by": _iso(s.trained_by),
            "start_training_by": _iso(s.start_training_by), "start_recruiting_by": _iso(s.start_recruiting_by),
            "problems": list(s.problems)}


def saved_at_text(moment: _dt.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(_dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def outputs(r: Result) -> dict[str, Any]:
    open_questions = [q for q in QUESTIONS if not r.answered[q.id]]
    return {
        "progress": progress(r),
        "unanswered": [{"id": q.id, "part": PART_OF[q.id].id, "prompt": q.prompt, "anchor": q.anchor}
                       for q in open_questions],
        "complete": not open_questions,
        "problems": dict(r.problems),
        "schedule": schedule_outputs(r.schedule),
        "saved_at": saved_at_text(r.saved_at),
        "today": r.today.isoformat(),
    }


def shown(r: Result, q: Question) -> str:
    """A question's answer as people read it (plain text, not escaped), or "" when unanswered."""
    if len(q.fields) == 1:
        return _shown_field(r, q.fields[0])
    ticked = [f.label for f in q.fields if f.kind == "bool" and r.values[f.key] is True]
    others = [f"{f.label}: {_shown_field(r, f)}" for f in q.fields if f.kind != "bool" and _shown_field(r, f)]
    return "\n".join(([", ".join(ticked)] if ticked else []) + others)


def _shown_field(r: Result, f: Field) -> str:
    text = r.answers[f.key].strip()
    value = r.values[f.key]
    if not text or value is None or f.kind == "text":
        return text  # unanswered, free text, or kept as typed
    if f.kind == "choice":
        return dict(f.choices)[value]
    if f.kind == "bool":
        return "Yes" if value else ""
    if f.kind == "date":
        return value.isoformat()
    return f"{text} {f.unit}".rstrip()
