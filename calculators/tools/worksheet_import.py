"""Reading back a freelancer worksheet saved as JSON (the worksheet page's "Open a saved
worksheet").

Input: ``file``, the text of the chosen file. The file must be what the worksheet's JSON
export writes (see :mod:`calculators.worksheet`): a JSON object with ``"format":
"support-sourcing-playbook/freelancer-worksheet"``, ``"version": 1`` and ``"answers"``, a
set of answer id -> text; at most :data:`~calculators.worksheet.FILE_MAX_CHARS`
characters, each answer at most :data:`~calculators.worksheet.ANSWER_MAX_CHARS`.

Anything else is refused with one plain message on ``file`` (not JSON, another kind of
JSON, another version, answers that are not text, too large), and nothing is returned to
apply, so the page keeps its saved answers untouched. Answers to questions the worksheet
does not ask are left out and listed in ``ignored``.

Output ``answers`` holds every question field of the worksheet (``""`` where the file has
no answer): the page replaces its answers with exactly these.

Worked example (a doctest): the file ``{"format": "support-sourcing-playbook/
freelancer-worksheet", "version": 1, "answers": {"outcome.desired": "Quicker evening
replies", "retired.question": "x"}}`` -> ``answers["outcome.desired"] == "Quicker evening
replies"``, every other answer ``""``, ``ignored == ["retired.question"]``.

>>> import calculators, json
>>> saved = {"format": "support-sourcing-playbook/freelancer-worksheet", "version": 1,
...          "answers": {"outcome.desired": "Quicker evening replies", "retired.question": "x"}}
>>> out = calculators.run("worksheet_import", {"file": json.dumps(saved)})["outputs"]
>>> out["answers"]["outcome.desired"], out["answered"], out["ignored"]
('Quicker evening replies', 1, ['retired.question'])
>>> sorted({text for key, text in out["answers"].items() if key != "outcome.desired"})
['']
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import Refusal
from ..core import render
from . import worksheet
from ..core.fields import declare, form, read as _read
from ..core.text import join_some

NAME = "worksheet_import"
KIND = "tool"
TITLE = "Open a saved worksheet"
SUMMARY = "Reads a freelancer worksheet saved as JSON from this site, so its answers can replace the ones on the page."


@dataclass(frozen=True)
class Inputs:
    file: str | None = declare(
        "Worksheet file", "text", required=False, max=worksheet.FILE_MAX_CHARS,
        help="The text of a .json file saved with the worksheet's “Download JSON” button.")


FIELDS = form(Inputs)


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    return _read(Inputs, raw)


def compute(i: Inputs) -> worksheet.Opened:
    if not i.file:
        raise Refusal({"file": "Choose a worksheet file (.json) saved from this page."})
    return worksheet.read_file(i.file)


def outputs(r: worksheet.Opened) -> dict[str, Any]:
    return {
        "answers": dict(r.answers),
        "answered": sum(1 for text in r.answers.values() if text.strip() and text != "false"),
        "ignored": list(r.ignored),
        "saved_at": r.saved_at,
    }


def report(i: Inputs, r: worksheet.Opened, out: dict[str, Any]) -> render.Report:
    saved = f", last changed {out['saved_at']}" if out["saved_at"] else ""
    summary = (
        f"The file holds {out['answered']} answers{saved}.",
        "They replace the answers on the page; questions the file does not answer are left empty.",
    )
    notes = ()
    if out["ignored"]:
        notes = (f"Left out {len(out['ignored'])} answers to questions this worksheet does not ask: "
                 f"{join_some(out['ignored'], 5)}.",)
    return render.Report(summary=summary, notes=notes)
