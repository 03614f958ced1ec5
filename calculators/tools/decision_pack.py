"""The decision pack: one document from the latest inputs of every calculator a reader used.

Input: ``parts``, JSON text: calculator name -> ``{"inputs": {...}, "saved_at": "ISO time"}``
(what the browser kept of each calculator's last successful result; a bare inputs object
is read as ``{"inputs": ...}``). Nothing is trusted from the browser but the inputs:
every part is RECOMPUTED here through :func:`calculators.run`, so the pack can never
disagree with the calculators. A part whose inputs no longer pass the calculator (an
old format, an edited store) is shown as "could not be recomputed", never a traceback.

The parts, in the order a memo reads (:data:`PARTS`): the decision checklist; the forecast
of the next weeks (optional: never listed as still to fill in); staffing (the live-channel
``staffing`` or the week plan ``week_plan``, whichever was used last); the shift roster
(``shifts``);
cost; the business case; the vendor scorecard; the pilot review; the rollout dates; the
KPI targets. A calculator this engine does not have (say ``business_case`` on an older
build) is "not yet filled", like a part the reader has not used.

Outputs: ``summary`` (the memo's first page, what finance signs: ``decision``, ``why``,
``saving`` with the risk run's P10 to P90, ``payback`` with the discounted payback and IRR,
``risks``, the ``assumptions`` of the business case, or of the cost without one, and its
``html`` and ``markdown``, which add the options considered and the sign-off lines);
``recommendation`` (one paragraph in plain words: the model the checklist
points to, the cheapest way to staff the work and what it costs, the business case's
total and payback, the scorecard's leader, the pilot's verdict and the decision date;
our reading of the reader's results (our assumption), built only from them); ``status``
(part -> ``"filled"``, ``"missing"`` or ``"refused"``); ``sections`` (per part, in order:
title, status, the calculator used, its page, the recomputed ``html``/``markdown``, and
``assumptions``: the inputs it was computed from that differ from the calculator's defaults,
and always those of :data:`ALWAYS_STATED` it has, each ``{key, label, value, shown,
default, changed}``, also listed at the end of its HTML and Markdown);
``missing`` (the parts not yet filled); ``workbook`` (the SLA schedule's lines, and the recomputed cost and business-case
inputs and outputs, for the spreadsheet export; with a business case, the cost part is the
cost calculator run on the business case's inputs, so the workbook has one set of inputs).

Worked example (checked in tests): decision inputs with ``needs_judgment`` and
``volume_variable`` ticked, and nothing else -> the recommendation starts "Go hybrid:" and
says the cost is not yet worked out; every other part is ``"missing"``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from typing import Any

from .. import business_case, cost
from ..core import render, settings, text
from ..core.text import truncate
from ..core.volumes import MAX_PASTE_CHARS
from ..core.fields import declare, form, read as _read
from ..figures import number

NAME = "decision_pack"
KIND = "tool"
TITLE = "Decision pack"
SUMMARY = "Gathers the latest result of every calculator used in this browser into one memo, recomputed by the engine."

# The saved inputs of every part: a forecast's or a week plan's pasted history may hold up to
# volumes.MAX_PASTE_CHARS each, and the rest is small.
PARTS_MAX_CHARS = 2 * MAX_PASTE_CHARS + 500_000


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    calculators: tuple[str, ...]  # the first is the one to link to when nothing is saved
    short: str  # as the list of parts still to fill names it
    optional: bool = False  # left out of "Still to fill in" (a memo is complete without it)


PARTS: tuple[Part, ...] = (
    Part("decision", "Decision: in-house, outsource or hybrid", ("decision",), "the decision checklist"),
    Part("forecast", "Forecast of the next weeks", ("forecast",), "the forecast", optional=True),
    Part("staffing", "Staffing", ("staffing", "week_plan"), "staffing"),
    Part("shifts", "Shift roster", ("shifts",), "the shift roster"),
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
    recommendation: str  # the reading, then what is still to fill in
    in_short: str  # the reading alone, for the summary on paper
    summary: Summary


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
    forecast = _outputs_of(sections, "forecast")
    if forecast and forecast["days"]:
        weeks = len(forecast["days"]) // 7
        said.append(f"The forecast puts the next {weeks} week{'s' if weeks > 1 else ''} at "
                    f"{round(forecast['total_p50']):,} contacts (P50), the first at {round(forecast['first_week_p50']):,} "
                    f"and {round(forecast['first_week_p90']):,} at P90.")
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
    case_section = next((s for s in sections if s.part.key == "business_case" and s.result), None)
    if case_section:
        case, rate = case_section.result["outputs"], case_section.result["inputs"]["discount_rate_percent"]
        best = case["cheapest"]
        term = case["term_months"]
        line = (f"Over the {term}-month term, {OPTION_NAMES.get(best, best)} costs the least: "
                + (f"{settings.money(case['present_value'][best])} in today's money at a yearly discount rate "
                   f"of {number(rate)}% ({settings.money(case['total'][best])} in all, transition included)"
                   if rate else f"{settings.money(case['total'][best])} in all, transition included"))
        payback = case.get("payback_month", {}).get(best)
        if best == "in_house":
            line += "."
        elif payback:
            line += f", and from month {payback} on it costs no more than your own team."
        else:
            line += ", though it never stays below your own team's cost within the term."
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
    return " ".join(said)


def _still_to_fill(sections: tuple[Section, ...]) -> str:
    missing = [s.part.short for s in sections if s.status != "filled" and not s.part.optional]
    return "Still to fill in: " + ", ".join(missing) + "." if missing else ""


# ------------------------------------------------------------------ what each part assumed

# Stated by every part that has them, changed or not: what a finance reader asks first
# (CONTRACT.md, "The decision pack states its assumptions").
ALWAYS_STATED = ("term_months", "discount_rate_percent", "volume_growth_percent", "price_increase_percent",
                 "salary_increase_percent", "monthly_tickets", "aht_minutes", "aht_seconds")


@dataclass(frozen=True)
class Assumption:
    """One input a part was computed from: its value and the calculator's default, as read."""

    key: str
    label: str
    value: Any  # the machine value, as the calculator read it
    shown: str
    default: str
    changed: bool


def _unit(field: dict[str, Any]) -> str:
    unit = field["unit"] or ""
    return unit.removeprefix(settings.CURRENCY).strip() if field["kind"] == "money" else unit


def shown_input(field: dict[str, Any], value: Any) -> str:
    """An input's value as a memo states it: '$16.50 an hour', '8% a year', '36 months'."""
    if value is None or value == "":
        return "not given"
    kind, unit = field["kind"], _unit(field)
    if kind == "bool":
        return "yes" if value else "no"
    if kind == "choice":
        return dict(map(tuple, field["choices"])).get(value, str(value))
    if kind == "text":
        lines = str(value).count("\n") + 1
        return f"a table of {lines:,} lines, kept in this browser" if field.get("lines") else truncate(str(value), 60)
    if kind == "date":
        return str(value)
    if kind == "money":
        return f"{settings.money(value, 0 if float(value).is_integer() else 2)} {unit}".strip()
    if kind == "percent":
        return f"{number(value)}{unit}" if unit.startswith("%") else f"{number(value)}% {unit}".strip()
    return f"{number(value)} {unit}".strip()


def assumptions(name: str, inputs: dict[str, Any]) -> tuple[Assumption, ...]:
    """The inputs of calculator ``name`` that differ from its defaults, and every input of
    :data:`ALWAYS_STATED` it has, in the form's order."""
    import calculators

    stated = []
    for field in calculators.spec(name)["fields"]:
        key = field["key"]
        if key not in inputs:
            continue
        value, default = inputs[key], field["default"]
        changed = value != default
        if changed or key in ALWAYS_STATED:
            stated.append(Assumption(key, field["label"], value, shown_input(field, value),
                                     shown_input(field, default), changed))
    return tuple(stated)


def _assumptions_table(stated: tuple[Assumption, ...], caption: str) -> render.Table:
    return render.table(caption, ("Input", "Value", "Calculator's default"), tuple(
        (render.cell(a.label), render.cell(a.shown + (" (changed)" if a.changed else "")), render.cell(a.default))
        for a in stated))


def _markdown_table(t: render.Table) -> list[str]:
    return ([f"**{render.md_escape(t.caption)}**", "", "| " + " | ".join(map(render.md_escape, t.headers)) + " |",
             "|" + "|".join(" --- " for _ in t.headers) + "|"]
            + ["| " + " | ".join(render.md_escape(c.text) for c in r) + " |" for r in t.rows])


def _tables_html(*tables: render.Table) -> str:
    """Tables as the calculators' results show them (render.html), without their summary."""
    return render.html(render.Report(summary=(), tables=tables))


# ------------------------------------------------------------------ the one-page summary

SIGN_OFF = ("Decision owner", "Approved by", "Date of decision")
MOST_RISKS = 4


@dataclass(frozen=True)
class Summary:
    """The pack's first page: what finance signs. Each line from the recomputed parts."""

    decision: str
    options: render.Table | None
    why: tuple[str, ...]
    saving: str
    payback: str
    risks: tuple[str, ...]
    stated: tuple[Assumption, ...]
    stated_from: str  # the calculator the assumptions are those of ("" when none is filled)


def _percent(value: float) -> str:
    return f"{number(round(value, 1))}%"


def _month_text(month: int | None) -> str:
    return "not within the term" if month is None else f"month {month}"


def _field(name: str, key: str) -> dict[str, Any]:
    import calculators

    return next(f for f in calculators.spec(name)["fields"] if f["key"] == key)


def _case_options(case: dict[str, Any]) -> render.Table:
    best, pv = case["cheapest"], case["present_value"]
    saving = case.get("saving_present_value") or {o: pv["in_house"] - pv[o] for o in pv}
    risk = case.get("risk") or {}
    discounted = case.get("discounted_payback_month") or {}
    headers = ["Option", "Present value", "Saving against in-house", "Pays back"]
    if risk:
        headers += ["Saving, P10 to P90", "Beats in-house"]
    rows = []
    for o in cost.OPTIONS:
        payback = ("(the baseline)" if o == "in_house" else _month_text(case["payback_month"][o])
                   + (f"; discounted {_month_text(discounted[o])}" if discounted and case["payback_month"][o] else ""))
        row = [render.cell(business_case.SHORT[o] + (" (lowest)" if o == best else "")),
               render.shown(case, f"present_value.{o}", _money),
               render.cell("–" if o == "in_house" else _money(saving[o])), render.cell(payback)]
        if risk:
            spread = risk.get(o)
            row += ([render.cell(f"{_money(spread['p10'])} to {_money(spread['p90'])}"),
                     render.cell(_percent(spread["chance_cheaper_percent"]) + " of draws")]
                    if spread else [render.cell("–"), render.cell("–")])
        rows.append(row)
    term = case["term_months"]
    return render.table(f"Options considered over {term} months, in today's money", headers, rows)


def _money(amount: float) -> str:
    return settings.money(amount, 0)


def _case_lines(case: dict[str, Any], inputs: dict[str, Any]) -> tuple[str, list[str], str, str, list[str]]:
    """From the business case: the decision, why, the saving, the payback, the risks."""
    best, pv, term = case["cheapest"], case["present_value"], case["term_months"]
    rate = inputs.get("discount_rate_percent", 0)
    money_when = f"in today's money at a yearly discount rate of {_percent(rate)}" if rate else "with no discounting"
    saving = case.get("saving_present_value") or {o: pv["in_house"] - pv[o] for o in pv}
    others = sorted((o for o in cost.OPTIONS if o != best), key=pv.__getitem__)
    runner_up = others[0]
    why = [f"It has the lowest cost of the {len(cost.OPTIONS)} options over the {term}-month term, {money_when}: "
           f"{_money(pv[best])}, against {_money(pv[runner_up])} for {cost.PHRASES[runner_up]}, the next lowest."]
    risks = []
    if best == "in_house":
        decision = (f"Keep the work with your own team: over {term} months no outside option costs less "
                    f"{money_when} ({cost.PHRASES[runner_up]} comes closest, {_money(pv[runner_up] - pv[best])} more).")
        saving_line = "No outside option saves money against your own team over the term."
        payback_line = "Not applicable: nothing moves outside."
    else:
        decision = (f"Move to {OPTION_NAMES[best]}: it saves {_money(saving[best])} "
                    f"against your own team over {term} months, {money_when}.")
        total_saving = case["total"]["in_house"] - case["total"][best]
        saving_line = f"{_money(saving[best])} in present value ({_money(total_saving)} before discounting)"
        spread = (case.get("risk") or {}).get(best)
        if spread:
            saving_line += (f"; across the risk run's draws, {_money(spread['p10'])} (P10) to {_money(spread['p90'])} "
                            f"(P90), median {_money(spread['p50'])}, and it beats your own team in "
                            f"{_percent(spread['chance_cheaper_percent'])} of them")
            if spread["chance_cheaper_percent"] < 90:
                risks.append(f"In {_percent(100 - spread['chance_cheaper_percent'])} of the risk run's draws it costs "
                             "more than your own team.")
        saving_line += "."
        month = case["payback_month"][best]
        discounted = (case.get("discounted_payback_month") or {}).get(best)
        payback_line = ("It never stays below your own team's cumulative cost within the term." if month is None else
                        f"Month {month}: from then on its cumulative cost stays at or below your own team's"
                        + (f"; discounted, month {discounted}" if discounted else "") + ".")
        irr = (case.get("irr_percent") or {}).get(best)
        if irr is not None:
            payback_line += f" Internal rate of return on the monthly savings: {_percent(irr)} a year."
        if month is None or month > term / 2:
            risks.append(f"Payback comes late ({_month_text(month)} of {term}): a shorter contract or an early exit "
                         "loses the saving.")
    if pv[runner_up] - pv[best] < 0.05 * abs(pv[best]):
        risks.append(f"{text.capital(cost.PHRASES[runner_up])} is within 5% of it ({_money(pv[runner_up])}): "
                     "a small change in the inputs can reverse the ranking.")
    for swing in case.get("sensitivity", [])[:MOST_RISKS - len(risks)]:
        if swing["high_total"] == swing["low_total"]:
            continue
        field = _field("business_case", swing["input"])
        risks.append(f"{field['label']}: its total runs from {_money(swing['low_total'])} at "
                     f"{shown_input(field, swing['low_value'])} to {_money(swing['high_total'])} at "
                     f"{shown_input(field, swing['high_value'])}.")
    return decision, why, saving_line, payback_line, risks


def _summary(sections: tuple[Section, ...]) -> Summary:
    decision_out = _outputs_of(sections, "decision")
    case_section = next((s for s in sections if s.part.key == "business_case" and s.result), None)
    cost_section = next((s for s in sections if s.part.key == "cost" and s.result), None)
    why, risks = [], []
    options = None
    saving = payback = ""
    if case_section:
        case = case_section.result["outputs"]
        decision, why, saving, payback, risks = _case_lines(case, case_section.result["inputs"])
        options = _case_options(case)
    elif cost_section:
        monthly = cost_section.result["outputs"]
        best = monthly["cheapest"].removesuffix("_monthly")
        decision = (f"On today's monthly cost, {cost.PHRASES[best]} is cheapest, at {_money(monthly[best + '_monthly'])} "
                    "a month; fill in the business case for the decision over a contract term.")
        options = render.table("Options considered, a month at today's volume", ("Option", "A month", "A year"), tuple(
            (render.cell(business_case.SHORT[o] + (" (lowest)" if o == best else "")),
             render.shown(monthly, f"{o}_monthly", _money), render.shown(monthly, f"annual.{o}", _money))
            for o in cost.OPTIONS))
        saving = (f"{_money(monthly['in_house_monthly'] - monthly[best + '_monthly'])} a month against your own team."
                  if best != "in_house" else "")
    else:
        decision = "Not worked out yet: the cost calculator or the business case gives the figures."
    if decision_out:
        why.append(f"The decision checklist points to {decision_out['recommendation']}"
                   + (": " + " ".join(decision_out["reasons"]) if decision_out["reasons"] else "."))
    source = case_section or cost_section
    stated = assumptions(source.calculator, source.result["inputs"]) if source else ()
    return Summary(decision, options, tuple(why), saving, payback, tuple(risks), stated,
                   source.calculator if source else "")


def _summary_html(s: Summary, recommendation: str) -> str:
    def said(title: str, body: str) -> str:
        return f'<p class="pack-line"><strong>{escape(title)}:</strong> {escape(body)}</p>' if body else ""

    def listed(title: str, items: tuple[str, ...]) -> str:
        if not items:
            return ""
        return (f'<p class="pack-line"><strong>{escape(title)}:</strong></p>'
                f'<ul class="pack-list-tight">{"".join(f"<li>{escape(i)}</li>" for i in items)}</ul>')

    tables = [s.options] if s.options else []
    if s.stated:
        tables.append(_assumptions_table(s.stated, f"Assumptions (the {s.stated_from.replace('_', ' ')} inputs)"))
    sign_off = "".join(f'<tr><th scope="row">{escape(label)}</th><td></td></tr>' for label in SIGN_OFF)
    return ('<section class="pack-summary" data-part="summary"><h2 id="pack-summary">Summary for the decision</h2>'
            + said("Decision", s.decision) + said("In short", recommendation)
            + (_tables_html(*tables[:1]) if s.options else "")
            + listed("Why", s.why) + said("Saving", s.saving) + said("Payback", s.payback)
            + listed("Key risks", s.risks)
            + (_tables_html(tables[-1]) if s.stated else "")
            + f'<table class="pack-signoff"><caption>To fill in</caption><tbody>{sign_off}</tbody></table></section>')


def _summary_markdown(s: Summary, recommendation: str) -> str:
    lines = ["## Summary for the decision", "", f"**Decision:** {render.md_escape(s.decision)}", "",
             f"**In short:** {render.md_escape(recommendation)}", ""]
    if s.options:
        lines += [*_markdown_table(s.options), ""]
    for title, items in (("Why", s.why), ("Key risks", s.risks)):
        if items:
            lines += [f"**{title}:**", "", *(f"- {render.md_escape(i)}" for i in items), ""]
    for title, body in (("Saving", s.saving), ("Payback", s.payback)):
        if body:
            lines += [f"**{title}:** {render.md_escape(body)}", ""]
    if s.stated:
        lines += [*_markdown_table(_assumptions_table(
            s.stated, f"Assumptions (the {s.stated_from.replace('_', ' ')} inputs)")), ""]
    lines += ["| To fill in | |", "| --- | --- |", *(f"| {label} | |" for label in SIGN_OFF)]
    return "\n".join(lines) + "\n"


def compute(i: Inputs) -> Result:
    saved = _saved(i.parts)
    sections = tuple(_section(part, saved) for part in PARTS)
    reading = _recommend(sections)
    return Result(sections, " ".join(filter(None, (reading, _still_to_fill(sections)))), reading, _summary(sections))


def _page(name: str) -> str:
    """A calculator's page, relative to the decision pack's page (decision-pack/)."""
    return f"../calculators/{name}/"


def _stated(s: Section) -> tuple[Assumption, ...]:
    return assumptions(s.calculator, s.result["inputs"])


def _stated_table(stated: tuple[Assumption, ...]) -> render.Table:
    return _assumptions_table(stated, "Computed from these inputs: those changed from the calculator's defaults, "
                                      "and always the term, rates, growth, volume and handle time")


def _stated_html(s: Section) -> str:
    stated = _stated(s)
    body = _tables_html(_stated_table(stated)) if stated else "<p>Computed from the calculator's defaults.</p>"
    return f'<div class="pack-assumptions" data-assumptions="{escape(s.part.key)}">{body}</div>'


def _section_html(s: Section) -> str:
    head = f'<h2 id="pack-{escape(s.part.key)}">{escape(s.part.title)}</h2>'
    link = f'<a href="{_page(s.calculator)}" data-site-path="calculators/{escape(s.calculator)}/">'
    if s.status == "filled":
        when = f" Saved {escape(s.saved_at[:10])}." if s.saved_at else ""
        return (f'<section class="pack-part" data-part="{escape(s.part.key)}" data-status="filled">{head}'
                f'<p class="pack-source">Recomputed from your inputs on the {link}{escape(s.calculator.replace("_", " "))} page</a>.{when}</p>'
                f'{s.result["html"]}{_stated_html(s)}</section>')
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
        stated = _stated(s)
        if stated:
            lines += ["", *_markdown_table(_stated_table(stated))]
        else:
            lines += ["", "Computed from the calculator's defaults."]
    elif s.status == "refused":
        lines.append(f"Could not be recomputed from the saved inputs: {render.md_escape(s.problem)}")
    else:
        lines.append(f"Not yet filled (calculator: {_page(s.calculator).removeprefix('../')}).")
    return "\n".join(lines).rstrip() + "\n"


def _workbook(sections: tuple[Section, ...]) -> dict[str, Any]:
    """The recomputed cost and business case, and the SLA schedule's lines: the service-level
    lines and the six KPI lines, with the reader's KPI figures beside them where the KPI check
    is filled (the same rows the SLA schedule download states). With a business case, its
    inputs are the workbook's one Inputs block, and the Cost sheet's check column is the
    cost calculator run on those same inputs (its first month), so every sheet reads one
    set of assumptions; without one, the cost part's own."""
    import calculators

    from .. import kpi

    parts: dict[str, Any] = {}
    kpi_inputs = None
    for s in sections:
        if s.part.key in ("cost", "business_case") and s.result:
            parts[s.part.key] = {"inputs": s.result["inputs"], "outputs": s.result["outputs"]}
        if s.calculator == "kpi" and s.result:
            kpi_inputs = kpi.read(s.result["inputs"])[0]
    if "business_case" in parts:
        case_inputs = parts["business_case"]["inputs"]
        keys = {f["key"] for f in calculators.spec("cost")["fields"]}
        first_month = calculators.run("cost", {k: v for k, v in case_inputs.items() if k in keys and v is not None})
        parts["cost"] = {"inputs": first_month["inputs"], "outputs": first_month["outputs"]}
    parts["sla_schedule"] = {
        "headers": list(kpi.SLA_HEADERS),
        "rows": [list(row[:5]) + ["–"] for row in kpi.service_level_rows()]
                + [list(row) for row in kpi.sla_rows(kpi_inputs)],
    }
    return parts


def _stated_out(stated: tuple[Assumption, ...]) -> list[dict[str, Any]]:
    return [{"key": a.key, "label": a.label, "value": a.value, "shown": a.shown, "default": a.default,
             "changed": a.changed} for a in stated]


def outputs(r: Result) -> dict[str, Any]:
    s = r.summary
    return {
        "recommendation": r.recommendation,
        "summary": {
            "decision": s.decision, "why": list(s.why), "saving": s.saving, "payback": s.payback,
            "risks": list(s.risks), "assumptions_of": s.stated_from, "assumptions": _stated_out(s.stated),
            "html": _summary_html(s, r.in_short), "markdown": _summary_markdown(s, r.in_short),
        },
        "status": {s.part.key: s.status for s in r.sections},
        "filled_count": sum(s.status == "filled" for s in r.sections),
        "missing": [s.part.key for s in r.sections if s.status != "filled"],
        "sections": [{
            "part": s.part.key, "title": s.part.title, "status": s.status, "calculator": s.calculator,
            "page": f"calculators/{s.calculator}/", "saved_at": s.saved_at, "problem": s.problem,
            "assumptions": _stated_out(_stated(s)) if s.result else [],
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
    lines = [f"# {TITLE}", "", render.md_escape(out["recommendation"]), "", out["summary"]["markdown"]]
    lines.extend(section["markdown"] for section in out["sections"])
    return "\n".join(lines)
