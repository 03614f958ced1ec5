"""The decision pack: one document from the latest inputs of every calculator a reader used.

Input: ``parts``, JSON text: calculator name -> ``{"inputs": {...}, "saved_at": "ISO time"}``
(what the browser kept of each calculator's last successful result; a bare inputs object
is read as ``{"inputs": ...}``). Nothing is trusted from the browser but the inputs:
every part is RECOMPUTED here through :func:`calculators.run`, so the pack can never
disagree with the calculators. A part whose inputs no longer pass the calculator (an
old format, an edited store) is shown as "could not be recomputed", never a traceback.

The parts, in the order a memo reads (:data:`PARTS`): the decision checklist; staffing
(the live-channel ``staffing`` or the week plan ``week_plan``, whichever was used last);
cost; the business case; the vendor scorecard; the pilot review; the rollout dates; the
KPI targets. A calculator this engine does not have (say ``business_case`` on an older
build) is "not yet filled", like a part the reader has not used.

Outputs: ``recommendation`` (one paragraph in plain words: the model the checklist
points to, the cheapest way to staff the work and what it costs, the business case's
total and payback, the scorecard's leader, the pilot's verdict and the decision date;
our reading of the reader's results (our assumption), built only from them); ``status``
(part -> ``"filled"``, ``"missing"`` or ``"refused"``); ``sections`` (per part, in order:
title, status, the calculator used, its page, and the recomputed ``html``/``markdown``);
``missing`` (the parts not yet filled); ``workbook`` (the SLA schedule's lines, and the recomputed cost and business-case
inputs and outputs, for the spreadsheet export).

Worked example (checked in tests): decision inputs with ``needs_judgment`` and
``volume_variable`` ticked, and nothing else -> the recommendation starts "Go hybrid:" and
says the cost is not yet worked out; every other part is ``"missing"``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from typing import Any

from ..core import render, settings
from ..core.fields import declare, form, read as _read

NAME = "decision_pack"
KIND = "tool"
TITLE = "Decision pack"
SUMMARY = "Gathers the latest result of every calculator used in this browser into one memo, recomputed by the engine."

PARTS_MAX_CHARS = 500_000


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    calculators: tuple[str, ...]  # the first is the one to link to when nothing is saved
    short: str  # as the list of parts still to fill names it


PARTS: tuple[Part, ...] = (
    Part("decision", "Decision: in-house, outsource or hybrid", ("decision",), "the decision checklist"),
    Part("staffing", "Staffing", ("staffing", "week_plan"), "staffing"),
    Part("cost", "Monthly cost", ("cost",), "the monthly cost"),
    Part("business_case", "Business case over the contract term", ("business_case",), "the business case"),
    Part("scorecard", "Vendor scorecard", ("scorecard",), "the vendor scorecard"),
    Part("pilot", "Pilot review", ("pilot",), "the pilot review"),
    Part("rollout", "Rollout dates", ("rollout",), "the rollout dates"),
    Part("kpi", "KPI targets", ("kpi",), "the KPI targets"),
)

OPTION_NAMES = {
    "per_hour": "a vendor paid per agent hour",
    "per_ticket": "a vendor paid per ticket",
    "per_fte": "a vendor paid per dedicated agent",
    "blended": "a vendor on a blended price",
    "hybrid": "the hybrid (complex work in-house, the rest with a vendor)",
    "in_house": "your own team",
    "freelancer": "freelancers",
}

MODEL_WORDS = {
    "hybrid": "Go hybrid: keep the work that needs judgment, sensitive data or your brand's voice in-house, and give the volume and coverage to an outside team.",
    "outsource": "Outsource: the checklist found only scale and coverage reasons, which an outside team answers best.",
    "in-house": "Keep support in-house: the checklist found no scale or coverage need that an outside team would answer better.",
}


@dataclass(frozen=True)
class Inputs:
    parts: str | None = declare(
        "Saved inputs of each calculator", "text", default="", required=False, max=PARTS_MAX_CHARS,
        help="JSON text: calculator name -> its saved inputs, as this site's pages keep them in your browser.")


FIELDS = form(Inputs)


@dataclass(frozen=True)
class Section:
    part: Part
    status: str  # filled, missing or refused
    calculator: str
    result: dict[str, Any] | None
    problem: str = ""
    saved_at: str = ""


@dataclass(frozen=True)
class Result:
    sections: tuple[Section, ...]
    recommendation: str


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    typed, errors = _read(Inputs, raw)
    if errors:
        return None, errors
    try:
        saved = json.loads(typed.parts) if typed.parts else {}
    except ValueError:
        return None, {"parts": "The saved inputs could not be read (they are not JSON)."}
    if not isinstance(saved, dict):
        return None, {"parts": "The saved inputs must be a set of calculator names and their inputs."}
    return typed, {}


def _saved(raw: str | None) -> dict[str, dict[str, Any]]:
    """Each saved calculator as ``{"inputs": dict, "saved_at": str}``; entries of any other
    shape are dropped (the part then reads "not yet filled")."""
    found = {}
    for name, entry in (json.loads(raw) if raw else {}).items():
        if isinstance(entry, dict) and isinstance(entry.get("inputs"), dict):
            saved_at = entry.get("saved_at")
            found[name] = {"inputs": entry["inputs"], "saved_at": saved_at if isinstance(saved_at, str) else ""}
        elif isinstance(entry, dict) and "inputs" not in entry:
            found[name] = {"inputs": entry, "saved_at": ""}
    return found


def _section(part: Part, saved: dict[str, dict[str, Any]]) -> Section:
    import calculators  # the registry: the package imports this module lazily, so no cycle

    known = [name for name in part.calculators if name in calculators.names() and name in saved]
    if not known:
        return Section(part, "missing", part.calculators[0], None)
    latest = max(known, key=lambda name: saved[name]["saved_at"])  # ISO times sort as text
    answer = calculators.run(latest, saved[latest]["inputs"])
    if not answer["ok"]:
        problem = next(iter(answer["errors"].values()), "")
        return Section(part, "refused", latest, None, problem, saved[latest]["saved_at"])
    return Section(part, "filled", latest, answer, saved_at=saved[latest]["saved_at"])


def _outputs_of(sections: tuple[Section, ...], key: str) -> dict[str, Any] | None:
    for s in sections:
        if s.part.key == key and s.result:
            return s.result["outputs"]
    return None


def _recommend(sections: tuple[Section, ...]) -> str:
    """One paragraph, each sentence from one part's recomputed outputs."""
    said = []
    decision = _outputs_of(sections, "decision")
    if decision:
        said.append(MODEL_WORDS.get(decision["recommendation"], f"The checklist points to {decision['recommendation']}."))
    else:
        said.append("No sourcing model is recommended yet: fill in the decision checklist first.")
    cost = _outputs_of(sections, "cost")
    if cost:
        cheapest = cost["cheapest"].removesuffix("_monthly")  # an option key, or its output key
        line = (f"At today's volume the cheapest way to staff the work is {OPTION_NAMES.get(cheapest, cheapest)}, "
                f"at {settings.money(cost[cheapest + '_monthly'])} a month")
        if cheapest != "in_house" and "in_house_monthly" in cost:
            line += f" against {settings.money(cost['in_house_monthly'])} for your own team"
        said.append(line + ".")
    else:
        said.append("The monthly cost is not worked out yet.")
    case = _outputs_of(sections, "business_case")
    if case:
        best = case["cheapest"]
        term = len(case["monthly"][best])
        line = (f"Over the {term}-month term, {OPTION_NAMES.get(best, best)} costs the least: "
                f"{settings.money(case['total'][best])} in all, transition included")
        payback = case.get("payback_month", {}).get(best)
        if best == "in_house":
            line += "."
        elif payback:
            line += f", and it costs no more than your own team by month {payback}."
        else:
            line += ", though it never costs less than your own team within the term."
        said.append(line)
    scorecard = _outputs_of(sections, "scorecard")
    if scorecard and scorecard.get("ranking"):
        leader = scorecard["ranking"][0]
        said.append(f"{leader} leads the vendor scorecard at {scorecard['scores'][leader]:.2f} of 5.")
    pilot = _outputs_of(sections, "pilot")
    if pilot:
        said.append(f"The pilot review says: {pilot['verdict'].capitalize()}.")  # Go, Extend or Stop
    rollout = _outputs_of(sections, "rollout")
    if rollout:
        said.append(f"The rollout plan puts the pilot review on {rollout['pilot_review_date']} "
                    f"and the go or no-go decision on {rollout['decision_date']}.")
    missing = [s.part.short for s in sections if s.status != "filled"]
    if missing:
        said.append("Still to fill in: " + ", ".join(missing) + ".")
    return " ".join(said)


def compute(i: Inputs) -> Result:
    saved = _saved(i.parts)
    sections = tuple(_section(part, saved) for part in PARTS)
    return Result(sections, _recommend(sections))


def _page(name: str) -> str:
    """A calculator's page, relative to the decision pack's page (decision-pack/)."""
    return f"../calculators/{name}/"


def _section_html(s: Section) -> str:
    head = f'<h2 id="pack-{escape(s.part.key)}">{escape(s.part.title)}</h2>'
    link = f'<a href="{_page(s.calculator)}" data-site-path="calculators/{escape(s.calculator)}/">'
    if s.status == "filled":
        when = f" Saved {escape(s.saved_at[:10])}." if s.saved_at else ""
        return (f'<section class="pack-part" data-part="{escape(s.part.key)}" data-status="filled">{head}'
                f'<p class="pack-source">Recomputed from your inputs on the {link}{escape(s.calculator.replace("_", " "))} page</a>.{when}</p>'
                f'{s.result["html"]}</section>')
    if s.status == "refused":
        return (f'<section class="pack-part" data-part="{escape(s.part.key)}" data-status="refused">{head}'
                f'<p>Could not be recomputed from the saved inputs: {escape(s.problem)} '
                f'Open the {link}calculator</a> to fill it in again.</p></section>')
    return (f'<section class="pack-part" data-part="{escape(s.part.key)}" data-status="missing">{head}'
            f'<p>Not yet filled. Use the {link}calculator</a> in this browser and it will appear here.</p></section>')


def _section_markdown(s: Section) -> str:
    lines = [f"## {render.md_escape(s.part.title)}", ""]
    if s.status == "filled":
        body = s.result["markdown"]
        lines.append(body.split("\n", 1)[1].lstrip("\n") if body.startswith("### ") else body)
    elif s.status == "refused":
        lines.append(f"Could not be recomputed from the saved inputs: {render.md_escape(s.problem)}")
    else:
        lines.append(f"Not yet filled (calculator: {_page(s.calculator).removeprefix('../')}).")
    return "\n".join(lines).rstrip() + "\n"


def _workbook(sections: tuple[Section, ...]) -> dict[str, Any]:
    """The recomputed cost and business case, and the SLA schedule's lines: the service-level
    lines and the six KPI lines, with the reader's KPI figures beside them where the KPI check
    is filled (the same rows the SLA schedule download states)."""
    from .. import kpi

    parts: dict[str, Any] = {}
    kpi_inputs = None
    for s in sections:
        if s.part.key in ("cost", "business_case") and s.result:
            parts[s.part.key] = {"inputs": s.result["inputs"], "outputs": s.result["outputs"]}
        if s.calculator == "kpi" and s.result:
            kpi_inputs = kpi.read(s.result["inputs"])[0]
    parts["sla_schedule"] = {
        "headers": list(kpi.SLA_HEADERS),
        "rows": [list(row[:5]) + ["–"] for row in kpi.service_level_rows()]
                + [list(row) for row in kpi.sla_rows(kpi_inputs)],
    }
    return parts


def outputs(r: Result) -> dict[str, Any]:
    return {
        "recommendation": r.recommendation,
        "status": {s.part.key: s.status for s in r.sections},
        "filled_count": sum(s.status == "filled" for s in r.sections),
        "missing": [s.part.key for s in r.sections if s.status != "filled"],
        "sections": [{
            "part": s.part.key, "title": s.part.title, "status": s.status, "calculator": s.calculator,
            "page": f"calculators/{s.calculator}/", "saved_at": s.saved_at, "problem": s.problem,
            "html": _section_html(s), "markdown": _section_markdown(s),
        } for s in r.sections],
        "workbook": _workbook(r.sections),
    }


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
    said = {"filled": "filled", "missing": "not yet filled", "refused": "could not be recomputed"}
    rows = [(render.cell(s["title"]), render.shown(out, f"status.{s['part']}", said.__getitem__)) for s in out["sections"]]
    return render.Report(
        summary=(out["recommendation"],),
        tables=(render.table("What the pack holds", ("Part", "State"), rows),),
    )


def markdown(i: Inputs, r: Result) -> str:
    out = outputs(r)
    lines = [f"# {TITLE}", "", render.md_escape(out["recommendation"]), ""]
    lines.extend(section["markdown"] for section in out["sections"])
    return "\n".join(lines)
