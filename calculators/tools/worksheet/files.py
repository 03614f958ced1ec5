"""The worksheet's two files: a Markdown document for a team's wiki (:func:`document`) and a
JSON file to reopen (:func:`export_json`, read back by :func:`read_file`).

The JSON file is ``{"format": FORMAT, "version": VERSION, "title", "saved_at", "answers",
"schedule"}``: every answer as typed, so it round-trips byte for byte.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass

from ...core import render
from ...core.refusal import Refusal
from ...core.text import truncate
from .model import Result, Schedule, parse_saved_at, progress, saved_at_text, schedule_outputs, shown
from .questions import ANSWER_FIELDS, ANSWER_MAX_CHARS, BY_KEY, PARTS, SCHEDULE_PART, TITLE

FORMAT = "support-sourcing-playbook/freelancer-worksheet"
VERSION = 1
# A saved file holds every answer at its longest, and JSON may double each character
# (quotes, backslashes, line breaks): beyond this it is not one of ours.
FILE_MAX_CHARS = 2_000_000
NO_ANSWER = "No answer yet."


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
        "saved_at": saved_at_text(r.saved_at),
        "answers": dict(r.answers),
        "schedule": schedule_outputs(r.schedule),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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


def nests_deeper_than(text: str, limit: int) -> bool:
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
    if nests_deeper_than(text, MAX_JSON_DEPTH):
        raise refuse(f"{_NOT_OURS}: it is JSON, but not in the worksheet's format.")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise refuse(f"{_NOT_OURS}: it is not JSON text.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise refuse(f"{_NOT_OURS}: it is JSON, but not in the worksheet's format.")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, (int, float)) or version != VERSION:
        shown_version = truncate(json.dumps(version), 20) if version is not None else "missing"
        raise refuse(f"This worksheet file has version {shown_version}; this page reads version {VERSION}. "
                     "Open it with the page that saved it.")
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise refuse(f"{_NOT_OURS}: it holds no set of answers.")
    saved_at = data.get("saved_at")
    if saved_at is not None and not (isinstance(saved_at, str) and parse_saved_at(saved_at)[1] is None):
        raise refuse(f"{_NOT_OURS}: its saved-at time is not a date and time.")
    opened: dict[str, str] = {}
    for key, value in answers.items():
        if key not in BY_KEY:
            continue
        if not isinstance(value, str):
            raise refuse(f"{_NOT_OURS}: the answer to “{BY_KEY[key].label}” is not text.")
        if len(value) > ANSWER_MAX_CHARS:
            raise refuse(f"{_NOT_OURS}: the answer to “{BY_KEY[key].label}” is longer than "
                         f"{ANSWER_MAX_CHARS:,} characters.")
        opened[key] = value
    ignored = tuple(sorted(key for key in answers if key not in BY_KEY))
    return Opened({f.key: opened.get(f.key, "") for f in ANSWER_FIELDS}, ignored, saved_at)
