"""The freelancer-programme worksheet: the questions, what the answers add up to, and the
two files a team takes away (a Markdown document for its wiki, a JSON file to reopen).

The questions are data (:data:`PARTS`): seven parts, each a list of :class:`Question`, each
question one or more :class:`~calculators.fields.Field`. A field's key is the answer's id
in saved answers and in JSON files (``outcome.desired``, ``scope.channels.email``, ...), so
keys never change once published; a new question gets a new key.

What a reader types is kept exactly as typed (the JSON file round-trips it byte for byte).
Structured answers (dates, numbers of weeks or hours, choices, ticks) are read with the
shared parsing of :mod:`calculators.fields`; an answer that does not read (``"about 20"``
hours a week) is kept as typed, shown in every export, and gets a message in
``problems`` instead of refusing the whole worksheet: a half-finished worksheet must
always save and export. Only input that cannot come from the page is refused (an answer
that is not text, or longer than :data:`ANSWER_MAX_CHARS` characters).

Progress: a question is answered when any of its fields is (text that is not blank, a
choice other than "not decided", a ticked box). ``percent = answered / total × 100``, per
part and overall.

Start dates (the timing part), through :func:`calculators.rollout.work_backwards`: with
the trained-by date ``T``, training ``t`` weeks and recruiting ``r`` weeks (each rounded
up to whole days, ``ceil(weeks × 7)``), training starts by ``T − t`` days and recruiting
by ``T − t − r`` days; each date already behind ``today`` is a plain-language problem.

Worked example (checked in tests): trained by 2027-01-04, 3 weeks' training, 4 weeks'
recruiting, seen from 2026-11-01 -> training starts by 2027-01-04 − 21 days = 2026-12-14,
recruiting by 2026-12-14 − 28 days = 2026-11-16; no problems. Seen from 2026-12-07,
recruiting would have had to start 21 days earlier (2026-12-07 − 2026-11-16).

Files: :func:`document` (Markdown: a heading per part, each question in bold with its
answer as paragraphs, every answer escaped so typed markup shows as text) and
:func:`export_json` (``{"format": FORMAT, "version": VERSION, "saved_at", "answers",
"schedule"}``); :func:`read_file` reads such a file back, or refuses it with one message.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, replace
from typing import Any, Mapping

from . import Refusal, render, rollout
from .fields import Field, parse, parse_one

NAME = "worksheet"
TITLE = "Freelancer programme worksheet"
SUMMARY = ("The questions to settle before freelancers join your support team, answered in your browser "
           "and taken away as a document for your wiki.")

FORMAT = "support-sourcing-playbook/freelancer-worksheet"
VERSION = 1
ANSWER_MAX_CHARS = 20_000  # about eight pages of text in one answer
# A saved file holds every answer at its longest, and JSON may double each character
# (quotes, backslashes, line breaks): beyond this it is not one of ours.
FILE_MAX_CHARS = 2_000_000
NO_ANSWER = "No answer yet."
SCHEDULE_PART = "timing"  # the part whose answers give the start dates


@dataclass(frozen=True)
class Link:
    text: str
    target: str  # a page of the site, from the docs folder: "guide/costs.md#per-hour"


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    help: str
    fields: tuple[Field, ...]

    @property
    def anchor(self) -> str:
        return "q-" + self.id.replace(".", "-").replace("_", "-")


@dataclass(frozen=True)
class Part:
    id: str
    number: int
    title: str
    intro: str
    links: tuple[Link, ...]
    questions: tuple[Question, ...]


# ----------------------------------------------------------------- the questions

_UNDECIDED = ("", "Not decided yet")


def _text(key: str, label: str) -> Field:
    return Field(key, label, "text", required=False, max=ANSWER_MAX_CHARS)


def _ask(key: str, prompt: str, help: str = "", label: str = "") -> Question:
    """A question answered in free text; ``label`` names it in messages."""
    return Question(key, prompt, help, (_text(key, label or prompt),))


def _one(field: Field, prompt: str, help: str = "") -> Question:
    """A question answered by one structured field."""
    return Question(field.key, prompt, help, (field,))


def _part(id: str, number: int, title: str, intro: str, links: tuple[Link, ...], *questions: Question) -> Part:
    # Each field's group is its part's title, so calculators.spec() shows the same sections.
    grouped = tuple(replace(q, fields=tuple(replace(f, group=title) for f in q.fields)) for q in questions)
    return Part(id, number, title, intro, links, grouped)


PARTS: tuple[Part, ...] = (
    _part(
        "outcome", 1, "The outcome you want",
        "Name the result first: every later answer is a means to it, and the success measures in part 7 check it.",
        (Link("Freelancers: the case for and against", "freelancers/index.md"),
         Link("Where outside help pays off", "guide/pros-and-cons.md#advantages")),
        _ask("outcome.desired", "What should freelancers change for your team and for your customers?",
             "For instance: first replies that stay quick through a seasonal rush, an evening shift nobody on the "
             "team can cover, or senior people freed for the harder cases.", "The outcome"),
    ),
    _part(
        "scope", 2, "The work they take on",
        "Draw the line between what freelancers handle and what stays with your own people.",
        (Link("The five-question decision checklist", "guide/in-house-outsourced-hybrid.md#decision-checklist"),
         Link("How a hybrid split works", "guide/in-house-outsourced-hybrid.md#hybrid-split"),
         Link("Decision calculator", "calculators/decision.md")),
        _ask("scope.ticket_types", "Which kinds of ticket will they answer?",
             "Routine, well-documented requests are the usual start: that keeps the weightier conversations with "
             "your own staff.", "Ticket types"),
        _one(Field("scope.tier", "Highest tier", "choice", default="", required=False, choices=(
                 _UNDECIDED,
                 ("tier1", "First line only (tier 1)"),
                 ("tier2", "First and second line (tiers 1 and 2)"),
                 ("all", "Any tier"))),
             "How far up your support tiers may they go?"),
        Question("scope.channels", "On which channels will they work?", "Tick every one that applies.", (
            Field("scope.channels.email", "Email", "bool", default=False, required=False),
            Field("scope.channels.chat", "Live chat", "bool", default=False, required=False),
            Field("scope.channels.phone", "Phone", "bool", default=False, required=False),
            Field("scope.channels.social", "Social media", "bool", default=False, required=False),
            _text("scope.channels.other", "Other channels"),
        )),
        _ask("scope.escalate", "Which cases go back to your in-house team?",
             "Think of refunds over a limit, legal or security questions, and long-standing customers who are "
             "upset.", "Cases for the in-house team"),
    ),
    _part(
        "timing", 3, "When you need them",
        "Decide how long the arrangement runs and how much work it covers, then count back from the day "
        "freelancers must be ready to the days recruiting and training have to begin.",
        (Link("Rollout planner", "calculators/rollout.md"),
         Link("Cost calculator, for what the hours cost", "calculators/cost.md"),
         Link("Before day one of a rollout", "guide/first-90-days.md#before-day-one")),
        _one(Field("timing.term", "Length of the arrangement", "choice", default="", required=False, choices=(
                 _UNDECIDED,
                 ("ongoing", "Ongoing, with no end planned"),
                 ("fixed", "For a fixed period"))),
             "Is this a lasting arrangement, or help for a set stretch of time?"),
        _one(Field("timing.duration_months", "Length in months", "number", "months", required=False,
                   min=0, min_exclusive=True, max=120),
             "For how many months do you expect to need them?",
             "One number. A season often takes one to three, a project three to six."),
        _one(Field("timing.hours_per_week", "Hours a week", "number", "hours a week", required=False,
                   min=0, min_exclusive=True, max=10_000),
             "How many hours of freelance work a week do you need, across all of them?",
             "What one person works goes into the candidate profile in part 4."),
        _one(Field("timing.trained_by_date", "Trained-by date", "date", required=False),
             "On what date must they be fully trained and taking tickets?"),
        _one(Field("timing.training_weeks", "Training time", "number", "weeks", required=False,
                   min=0, max=rollout.MAX_LEAD_WEEKS),
             "How many weeks will training take?",
             "From the first training session to working the queue unaided."),
        _one(Field("timing.recruiting_weeks", "Recruiting time", "number", "weeks", required=False,
                   min=0, max=rollout.MAX_LEAD_WEEKS),
             "How many weeks will finding and signing them take?",
             "From posting the role to contracts signed and people ready for training."),
    ),
    _part(
        "candidates", 4, "The people you bring in",
        "Describe the person, how you will choose them, the agreement you will sign and where you will look. "
        "The profile answers become the job post.",
        (Link("Cost calculator, for pay and hours", "calculators/cost.md"),
         Link("Hiring and training questions to ask", "guide/choosing-a-partner.md#rfp-hiring-training")),
        _ask("candidates.profile", "What attitude and skills should they bring?",
             "How they treat customers, how they write, what they already know about your product or field.",
             "Attitude and skills"),
        _ask("candidates.pay_range", "What pay range will you offer?",
             "Per hour or per ticket, and in which currency.", "Pay range"),
        _ask("candidates.location", "Which time zones or places should they work from?",
             label="Time zones or places"),
        _ask("candidates.hours", "When should each of them work, and for how many hours a week?",
             label="Working hours"),
        _ask("candidates.evaluation", "How will you assess applicants?",
             "For example: a CV screen, a set of interview questions, and a short written test answering real "
             "customer questions.", "Assessment"),
        _one(Field("candidates.contract_term", "Contract term", "choice", default="", required=False, choices=(
                 _UNDECIDED,
                 ("open", "Open-ended"),
                 ("end_date", "Ends on a set date"))),
             "Will the contract run open-ended or until a set date?"),
        _one(Field("candidates.nda", "Non-disclosure agreement", "choice", default="", required=False, choices=(
                 _UNDECIDED,
                 ("yes", "Yes"),
                 ("no", "No"))),
             "Will they sign a non-disclosure agreement?"),
        _ask("candidates.performance_terms", "Which performance expectations go into the contract?",
             "Writing them in is worth the effort. If you have a legal team, ask it to review the agreement.",
             "Performance expectations"),
        _ask("candidates.sourcing", "Where will you look for freelancers?",
             "Marketplaces such as Upwork, Fiverr, Toptal or Hubstaff, referrals, or people from your own "
             "community.", "Where to look"),
        Question("candidates.platform", "What should a platform do for you, if you use one?",
                 "Tick what you want to hand over.", (
                     Field("candidates.platform.prescreen", "Screen candidates before you approve them", "bool",
                           default=False, required=False),
                     Field("candidates.platform.payments", "Handle invoices and payments", "bool",
                           default=False, required=False),
                     Field("candidates.platform.self_managed", "Neither: we search and pay people ourselves",
                           "bool", default=False, required=False),
                 )),
    ),
    _part(
        "support", 5, "Supporting them once they start",
        "Freelancers work best with the same feedback and news your own team gets.",
        (Link("Feedback loops", "guide/kpis-and-feedback.md#feedback-loops"),
         Link("Weekly quality calibration", "guide/first-90-days.md#weekly-calibration")),
        _ask("support.reviewer", "Who checks their tickets, their pace and whether customers' problems get solved?",
             label="Reviewer"),
        _ask("support.review_process", "How will ticket review work?",
             "How many tickets a week, the scoring rubric, and how the feedback reaches each freelancer.",
             "Review process"),
        _ask("support.communication", "How will you keep them informed, and hear what they learn?",
             "Bugs, product changes, what customers are asking for, ticket trends: which channel carries each.",
             "Communication"),
        _ask("support.recognition", "How will you recognise and reward the strongest performers?",
             label="Recognition"),
        _ask("support.evaluations", "How and how often will you review each freelancer's performance?",
             label="Performance reviews"),
        _ask("support.rate_changes", "When and on what grounds will rates change?", label="Rate changes"),
        _ask("support.ending", "How will you end an arrangement that is not working?", label="Ending a contract"),
    ),
    _part(
        "operations", 6, "Behind the scenes",
        "The access, tools and routines that have to exist before the first freelancer logs in.",
        (Link("Data security and compliance", "guide/pros-and-cons.md#data-security"),
         Link("Escalation rules", "guide/first-90-days.md#escalation-rules"),
         Link("Working inside your help desk", "guide/what-is-outsourcing.md#crm-integration")),
        _ask("operations.security", "Which security measures must be in place first?",
             "Single sign-on, two-step login, roles that show only the data a ticket needs, rules for personal "
             "devices.", "Security measures"),
        _one(Field("operations.queue", "Queue", "choice", default="", required=False, choices=(
                 _UNDECIDED,
                 ("yes", "Yes"),
                 ("partly", "Partly: it needs changes"),
                 ("no", "No: it has to be set up"))),
             "Is there a queue for this work already?"),
        _one(Field("operations.training_materials", "Training materials", "choice", default="", required=False,
                   choices=(
                       _UNDECIDED,
                       ("yes", "Yes"),
                       ("partly", "Partly: they need work"),
                       ("no", "No: they have to be written"))),
             "Is there training material for this work already?"),
        _ask("operations.tools_access", "Which tools will they use, and with which permissions?",
             label="Tools and permissions"),
        _ask("operations.escalation", "How will escalation work, both the written steps and the ticket routing?",
             label="Escalation"),
        _ask("operations.scheduling", "How will each freelancer's working hours be set and shared?",
             "You schedule them, they keep standard hours, or they choose within limits you set.",
             "Scheduling"),
    ),
    _part(
        "success", 7, "What success looks like",
        "Decide now how you will judge the programme, so the review at the end is not guesswork.",
        (Link("KPI check", "calculators/kpi.md"),
         Link("Benchmarks to write into an agreement", "guide/kpis-and-feedback.md#kpi-benchmarks")),
        _ask("success.signals", "How will you tell whether the freelancers are working out?", label="Signs of success"),
        _ask("success.measures", "Which numbers will you track?",
             "For example: first response time, resolution rate, customer satisfaction, quality score, cost per "
             "ticket.", "Measures"),
    ),
)

QUESTIONS: tuple[Question, ...] = tuple(q for p in PARTS for q in p.questions)
ANSWER_FIELDS: tuple[Field, ...] = tuple(f for q in QUESTIONS for f in q.fields)

CLOCK = "Clock"
CLOCK_FIELDS: tuple[Field, ...] = (
    Field("today", "Today's date", "date", required=False, group=CLOCK,
          help="The day the start dates are checked against; empty for today."),
    Field("saved_at", "Saved at", "text", required=False, max=40, group=CLOCK,
          help="When the answers were last changed, as an ISO 8601 date and time with its time zone "
               "(2026-11-23T09:30:00Z); written into the files."),
)

FIELDS: tuple[Field, ...] = ANSWER_FIELDS + CLOCK_FIELDS

_BY_KEY = {f.key: f for f in ANSWER_FIELDS}
_PART_OF = {q.id: p for p in PARTS for q in p.questions}


# ------------------------------------------------------------------ inputs

@dataclass(frozen=True)
class Inputs:
    answers: dict[str, str]  # every answer field's key -> the text as typed ("" for none)
    today: _dt.date
    saved_at: _dt.datetime | None  # timezone-aware


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


def _saved_at(text: str | None) -> tuple[_dt.datetime | None, str | None]:
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
        saved_at, error = _saved_at(clock.values.get("saved_at"))
        if error:
            errors["saved_at"] = error
    if errors:
        return None, errors
    today = clock.values["today"] or _dt.date.today()
    return Inputs(answers=answers, today=today, saved_at=saved_at), {}


# ----------------------------------------------------------------- compute

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
        return Schedule("unreadable", f"Correct {_and(unreadable)} above to see the start dates.")
    if trained_by is not None and not rollout.EARLIEST <= trained_by <= rollout.LATEST:
        unreadable = ("the trained-by date",)
        return Schedule("unreadable", f"Correct {_and(unreadable)} above to see the start dates.")
    missing = [label for label, value in (("the trained-by date", trained_by), ("the training time", training_weeks),
                                          ("the recruiting time", recruiting_weeks)) if value is None]
    if missing:
        return Schedule("incomplete", f"Give {_and(missing)} to work out when recruiting and training must start.")
    back = rollout.work_backwards(trained_by, training_weeks, recruiting_weeks, today)
    common = dict(trained_by=trained_by, start_training_by=back.start_training_by,
                  start_recruiting_by=back.start_recruiting_by, problems=back.problems)
    if back.problems:
        return Schedule("late", "These dates cannot work as planned: move the trained-by date later, "
                                "or shorten training or recruiting.", **common)
    return Schedule("ok", f"Start recruiting by {back.start_recruiting_by.isoformat()} and training by "
                          f"{back.start_training_by.isoformat()} to have freelancers ready on "
                          f"{trained_by.isoformat()}.", **common)


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def compute(i: Inputs) -> Result:
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for f in ANSWER_FIELDS:
        text = i.answers[f.key]
        if f.kind == "text":
            values[f.key] = text.strip() or None
            continue
        value, error = parse_one(f, text)
        if f.kind == "date" and value is not None and not rollout.EARLIEST <= value <= rollout.LATEST:
            error = f"{f.label} must be between {rollout.EARLIEST.isoformat()} and {rollout.LATEST.isoformat()}."
        if error and text.strip():
            problems[f.key] = f"{error} It is kept as you typed it."
            value = None
        values[f.key] = value
    answered = {q.id: any(_answered(f, i.answers[f.key], values[f.key]) for f in q.fields) for q in QUESTIONS}
    timing = ("timing.trained_by_date", "timing.training_weeks", "timing.recruiting_weeks")
    plan = schedule(*(values[k] for k in timing), i.today,
                    unreadable=tuple("the " + _BY_KEY[k].label.lower() for k in timing if k in problems))
    return Result(i.answers, values, problems, answered, plan, i.today, i.saved_at)


# ----------------------------------------------------------------- outputs

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


def _schedule_outputs(s: Schedule) -> dict[str, Any]:
    return {"status": s.status, "message": s.message, "trained_by": _iso(s.trained_by),
            "start_training_by": _iso(s.start_training_by), "start_recruiting_by": _iso(s.start_recruiting_by),
            "problems": list(s.problems)}


def _saved_at_text(moment: _dt.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(_dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def outputs(r: Result) -> dict[str, Any]:
    open_questions = [q for q in QUESTIONS if not r.answered[q.id]]
    return {
        "progress": progress(r),
        "unanswered": [{"id": q.id, "part": _PART_OF[q.id].id, "prompt": q.prompt, "anchor": q.anchor}
                       for q in open_questions],
        "complete": not open_questions,
        "problems": dict(r.problems),
        "schedule": _schedule_outputs(r.schedule),
        "saved_at": _saved_at_text(r.saved_at),
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


def report(i: Inputs, r: Result) -> render.Report:
    done = progress(r)
    open_count = done["total"] - done["answered"]
    first_open = next((q for q in QUESTIONS if not r.answered[q.id]), None)
    first = (f"{done['answered']} of {done['total']} questions answered ({done['percent']:.0f}%)"
             + (f"; {open_count} still open, starting with part {_PART_OF[first_open.id].number}, "
                f"{_PART_OF[first_open.id].title.lower()}." if first_open else "; the worksheet is complete."))
    summary = (first, r.schedule.message)
    rows = [render.row(f"{p.number}. {p.title}",
                       f"{done['parts'][p.id]['answered']} of {done['parts'][p.id]['total']}") for p in PARTS]
    tables = [render.table("Questions answered, by part", ("Part", "Answered"), rows)]
    s = r.schedule
    if s.start_training_by is not None:
        tables.append(render.table("Start dates", ("Step", "Date"), (
            render.row("Start recruiting by", s.start_recruiting_by.isoformat()),
            render.row("Start training by", s.start_training_by.isoformat()),
            render.row("Trained and taking tickets by", s.trained_by.isoformat()),
        )))
    notes = s.problems + tuple(r.problems.values())
    return render.Report(summary=summary, tables=tuple(tables), notes=notes)


# ------------------------------------------------------------------- files

def markdown(i: Inputs, r: Result) -> str:
    """The worksheet as a Markdown document for a wiki (``run``'s ``markdown``)."""
    return document(r)


def document(r: Result) -> str:
    """Headings per part, each question in bold with its answer as paragraphs (typed line
    breaks kept, every line escaped), and the start dates under the timing part."""
    done = progress(r)
    lines = [f"# {render.md_escape(TITLE)}", ""]
    saved = (f"Last changed {r.saved_at.astimezone(_dt.timezone.utc):%Y-%m-%d %H:%M} UTC. "
             if r.saved_at is not None else "")
    lines += [f"{saved}{done['answered']} of {done['total']} questions answered.", ""]
    for p in PARTS:
        lines += [f"## {p.number}. {render.md_escape(p.title)}", ""]
        for q in p.questions:
            lines += [f"**{render.md_escape(q.prompt)}**", ""]
            answer = render.md_lines(shown(r, q))
            for paragraph in answer or [f"*{NO_ANSWER}*"]:
                lines += [paragraph, ""]
        if p.id == SCHEDULE_PART:
            lines += _schedule_markdown(r.schedule, r.today)
    return "\n".join(lines).rstrip("\n") + "\n"


def _schedule_markdown(s: Schedule, today: _dt.date) -> list[str]:
    lines = ["**Start dates, worked back from the trained-by date**", ""]
    if s.start_training_by is None:
        return lines + [render.md_escape(s.message), ""]
    lines += [
        f"- Start recruiting by: {s.start_recruiting_by.isoformat()}",
        f"- Start training by: {s.start_training_by.isoformat()}",
        f"- Trained and taking tickets by: {s.trained_by.isoformat()}",
        "",
    ]
    if s.problems:
        lines += [f"Checked on {today.isoformat()}. {render.md_escape(s.message)}", ""]
        lines += [f"- {render.md_escape(problem)}" for problem in s.problems]
        lines.append("")
    return lines


def export_json(r: Result) -> str:
    """The saved-worksheet file: every answer as typed, with the computed start dates."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "title": TITLE,
        "saved_at": _saved_at_text(r.saved_at),
        "answers": dict(r.answers),
        "schedule": _schedule_outputs(r.schedule),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def attachments(i: Inputs, r: Result) -> dict[str, str]:
    return {"json": export_json(r)}


# ------------------------------------------------------------ reading a file

@dataclass(frozen=True)
class Opened:
    answers: dict[str, str]  # every answer field's key; "" where the file has none
    ignored: tuple[str, ...]  # answer ids in the file that this worksheet does not ask
    saved_at: str | None


_NOT_OURS = "This file is not a worksheet saved from this page"
# Our files nest three deep. Deeper JSON is refused before it is parsed: how deep Python's
# parser can go depends on the build (CPython, Pyodide), and every runtime must agree.
MAX_JSON_DEPTH = 32
_JSON_STRUCTURE = re.compile(r'["\\\[\]{}]')


def _nests_deeper_than(text: str, limit: int) -> bool:
    """Whether JSON ``text`` opens more than ``limit`` arrays or objects inside each other,
    counting only brackets outside strings; one pass, jumping over ordinary text."""
    depth, in_string, skip_to = 0, False, -1
    for match in _JSON_STRUCTURE.finditer(text):
        at, char = match.start(), match.group()
        if at < skip_to:
            continue
        if in_string:
            if char == "\\":
                skip_to = at + 2  # the escaped character is not structure
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def read_file(text: str) -> Opened:
    """A saved-worksheet file read back, or :class:`~calculators.Refusal` on ``"file"``
    with one plain message. Nothing is applied here: the caller replaces its answers
    only with what this returns."""
    def refuse(why: str) -> Refusal:
        return Refusal({"file": why})

    if len(text) > FILE_MAX_CHARS:
        raise refuse(f"This file is too large to be a saved worksheet (more than {FILE_MAX_CHARS:,} characters).")
    text = text.removeprefix("\ufeff")  # a byte-order mark, as some editors save
    if _nests_deeper_than(text, MAX_JSON_DEPTH):
        raise refuse(f"{_NOT_OURS}: it is JSON, but not in the worksheet's format.")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise refuse(f"{_NOT_OURS}: it is not JSON text.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise refuse(f"{_NOT_OURS}: it is JSON, but not in the worksheet's format.")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, (int, float)) or version != VERSION:
        shown_version = json.dumps(version)[:20] if version is not None else "missing"
        raise refuse(f"This worksheet file has version {shown_version}; this page reads version {VERSION}. "
                     "Open it with the page that saved it.")
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise refuse(f"{_NOT_OURS}: it holds no set of answers.")
    saved_at = data.get("saved_at")
    if saved_at is not None and not (isinstance(saved_at, str) and _saved_at(saved_at)[1] is None):
        raise refuse(f"{_NOT_OURS}: its saved-at time is not a date and time.")
    opened: dict[str, str] = {}
    for key, value in answers.items():
        if key not in _BY_KEY:
            continue
        if not isinstance(value, str):
            raise refuse(f"{_NOT_OURS}: the answer to “{_BY_KEY[key].label}” is not text.")
        if len(value) > ANSWER_MAX_CHARS:
            raise refuse(f"{_NOT_OURS}: the answer to “{_BY_KEY[key].label}” is longer than "
                         f"{ANSWER_MAX_CHARS:,} characters.")
        opened[key] = value
    ignored = tuple(sorted(key for key in answers if key not in _BY_KEY))
    return Opened({f.key: opened.get(f.key, "") for f in ANSWER_FIELDS}, ignored, saved_at)


# ---------------------------------------------------------- the page's layout

def layout() -> list[dict[str, Any]]:
    """The parts and questions as plain data for the page template (macros.py)."""
    return [
        {"id": p.id, "number": p.number, "title": p.title, "intro": p.intro,
         "links": [{"text": link.text, "target": link.target} for link in p.links],
         "questions": [{"id": q.id, "anchor": q.anchor, "prompt": q.prompt, "help": q.help,
                        "fields": [f.to_dict() for f in q.fields]} for q in p.questions]}
        for p in PARTS
    ]
