"""The freelancer-program worksheet: the questions, what the answers add up to, and the
two files a team takes away (a Markdown document for its wiki, a JSON file to reopen).

A tool of the worksheet page (``KIND = "tool"``), run through ``calculators.run`` like
every calculator. Its parts, each in a module whose name says what it holds:

* :mod:`.questions`: the questions as data, the one declaration of every answer field;
* :mod:`.model`: the answers read, progress, the start dates and ``outputs``;
* :mod:`.files`: the Markdown document and the JSON file (written and read back).

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

Worked example (a doctest): trained by 2027-01-04, 3 weeks' training, 4 weeks'
recruiting, seen from 2026-11-01 -> training starts by 2027-01-04 − 21 days = 2026-12-14,
recruiting by 2026-12-14 − 28 days = 2026-11-16; no problems. Seen from 2026-12-07,
recruiting would have had to start 21 days earlier (2026-12-07 − 2026-11-16).

>>> import calculators
>>> timing = {"timing.trained_by_date": "2027-01-04", "timing.training_weeks": "3",
...           "timing.recruiting_weeks": "4"}
>>> plan = calculators.run("worksheet", {**timing, "today": "2026-11-01"})["outputs"]["schedule"]
>>> plan["start_training_by"], plan["start_recruiting_by"], plan["problems"]
('2026-12-14', '2026-11-16', [])
>>> calculators.run("worksheet", {**timing, "today": "2026-12-07"})["outputs"]["schedule"]["status"]
'late'
"""
from __future__ import annotations

from typing import Any

from ...core import render
from ...core.fields import Field
from .files import FILE_MAX_CHARS, FORMAT, VERSION, Opened, document, export_json, read_file
from .model import CLOCK_FIELDS, Inputs, Result, compute, outputs, read, schedule
from .questions import ANSWER_FIELDS, ANSWER_MAX_CHARS, PART_OF, PARTS, QUESTIONS, SCHEDULE_PART, TITLE, layout

NAME = "worksheet"
KIND = "tool"
SUMMARY = ("The questions to settle before freelancers join your support team, answered in your browser "
           "and taken away as a document for your wiki.")

FIELDS: tuple[Field, ...] = ANSWER_FIELDS + CLOCK_FIELDS

__all__ = ["NAME", "KIND", "TITLE", "SUMMARY", "FIELDS", "Inputs", "read", "compute", "outputs", "report",
           "markdown", "attachments", "Result", "schedule", "PARTS", "QUESTIONS", "ANSWER_FIELDS",
           "ANSWER_MAX_CHARS", "SCHEDULE_PART", "layout", "FORMAT", "VERSION", "FILE_MAX_CHARS", "Opened",
           "document", "export_json", "read_file"]


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
    done = out["progress"]
    open_count = done["total"] - done["answered"]
    first_open = PART_OF[out["unanswered"][0]["id"]] if out["unanswered"] else None
    first = (f"{done['answered']} of {done['total']} questions answered ({done['percent']:.0f}%)"
             + (f"; {open_count} still open, starting with part {first_open.number}, {first_open.title.lower()}."
                if first_open else "; the worksheet is complete."))
    plan = out["schedule"]
    summary = (first, plan["message"])
    parts = done["parts"]
    rows = [render.row(f"{p.number}. {p.title}", f"{parts[p.id]['answered']} of {parts[p.id]['total']}")
            for p in PARTS]
    tables = [render.table("Questions answered, by part", ("Part", "Answered"), rows)]
    if plan["start_training_by"] is not None:
        tables.append(render.table("Start dates", ("Step", "Date"), (
            render.row("Start recruiting by", plan["start_recruiting_by"]),
            render.row("Start training by", plan["start_training_by"]),
            render.row("Trained and taking tickets by", plan["trained_by"]),
        )))
    notes = tuple(plan["problems"]) + tuple(out["problems"].values())
    return render.Report(summary=summary, tables=tuple(tables), notes=notes)


def markdown(i: Inputs, r: Result) -> str:
    """The worksheet as a Markdown document for a wiki (``run``'s ``markdown``)."""
    return document(r)


def attachments(i: Inputs, r: Result) -> dict[str, str]:
    return {"json": export_json(r)}
