"""Scenarios side by side: the reader's named cost and business-case scenarios in one table.

Input: ``scenarios``, JSON text: a list of ``{"name", "calculator", "inputs"}`` (what the
page keeps in the browser for each saved scenario; ``calculator`` is ``cost`` or
``business_case``); ``baseline``, the name of the scenario the others are compared with
(for each calculator; empty, or a name that calculator's scenarios lack: its first). Every scenario is RECOMPUTED through :func:`calculators.run`, so the
comparison shows what the calculator shows for the same inputs today. An entry that no
longer parses (an old format, an edited store, inputs the calculator now refuses) is
skipped with a plain note, never an error for the whole comparison.

Outputs: ``rows`` (per kept scenario, in the order given: ``name``, ``calculator``,
``figures`` option -> monthly cost for ``cost``, total over the term for
``business_case``, ``cheapest`` and its figure ``cheapest_value``; for a business case
also ``present_value`` (option -> present value), ``decision_present_value`` (the
cheapest option's), ``saving_present_value``, ``payback_month``,
``discounted_payback_month`` and ``irr_percent`` (each the cheapest option's against
in-house; null for in-house itself); and for every row ``difference`` (its cheapest
figure, present value for a business case, less its baseline's: negative is cheaper) and
``baseline`` (the name of the scenario it is compared with)), ``baselines`` (calculator ->
baseline name), ``skipped`` (the names or positions left out, with the reason). The report has one table and one chart per
calculator (the cheapest option of each scenario), which the Markdown and CSV copies carry.

Worked example (checked in tests): cost scenarios "In-house today" (6,000 tickets) and
"Half the volume" (3,000 tickets) -> per-ticket figures 32,400 and 16,200 (tickets x 4.50
x 1.2); against the first, the second's cheapest (per hour, 9,317.65 against 18,635.29)
differs by -9,317.65.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .. import cost
from ..core import render, settings
from ..core.fields import declare, form, read as _read

NAME = "scenarios"
KIND = "tool"
TITLE = "Scenarios side by side"
SUMMARY = "Compares the cost and business-case scenarios saved in this browser, each recomputed by the engine."

SCENARIOS_MAX_CHARS = 500_000
COMPARED = {
    # calculator -> (what its figure is, the table's caption, how a figure reads after an amount)
    "cost": ("monthly cost", "Monthly cost of each option", "a month"),
    "business_case": ("total over the term", "Total over the term of each option, transition included", "over the term"),
}
OPTIONS = cost.OPTIONS
LABELS = {"per_hour": "Per agent hour", "per_ticket": "Per ticket", "per_fte": "Per dedicated agent",
          "blended": "Blended", "hybrid": "Hybrid", "in_house": "In-house", "freelancer": "Freelancers"}


@dataclass(frozen=True)
class Inputs:
    scenarios: str | None = declare(
        "Saved scenarios", "text", default="", required=False, max=SCENARIOS_MAX_CHARS,
        help="JSON text: a list of saved scenarios, each a name, a calculator and its inputs.")
    baseline: str | None = declare(
        "Compare with", "text", default="", required=False, max=80,
        help="The name of the saved scenario the others are compared with; empty: the first.")


FIELDS = form(Inputs)


@dataclass(frozen=True)
class Row:
    name: str
    calculator: str
    figures: dict[str, float]
    cheapest: str
    decision: dict[str, Any]  # for a business case: present values, payback and IRR of the cheapest
    compared: float  # the figure compared with the baseline: cheapest monthly cost, or lowest present value


@dataclass(frozen=True)
class Result:
    rows: tuple[Row, ...]
    skipped: tuple[str, ...]
    baselines: dict[str, int]  # calculator -> the position in rows of its baseline


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    typed, errors = _read(Inputs, raw)
    if errors:
        return None, errors
    try:
        saved = json.loads(typed.scenarios) if typed.scenarios else []
    except ValueError:
        return None, {"scenarios": "The saved scenarios could not be read (they are not JSON)."}
    if not isinstance(saved, list):
        return None, {"scenarios": "The saved scenarios must be a list."}
    return typed, {}


def _figures(calculator: str, out: dict[str, Any]) -> tuple[dict[str, float], str, dict[str, Any], float]:
    if calculator == "cost":
        figures = {o: out[f"{o}_monthly"] for o in OPTIONS if f"{o}_monthly" in out}
        cheapest = out["cheapest"].removesuffix("_monthly")
        return figures, cheapest, {}, figures[cheapest]
    figures = {o: out["total"][o] for o in OPTIONS if o in out["total"]}
    best = out["cheapest"]
    outside = best != "in_house"
    decision = {
        "present_value": dict(out["present_value"]),
        "decision_present_value": out["present_value"][best],
        "saving_present_value": out["saving_present_value"][best] if outside else None,
        "payback_month": out["payback_month"][best] if outside else None,
        "discounted_payback_month": out["discounted_payback_month"][best] if outside else None,
        "irr_percent": out["irr_percent"][best] if outside else None,
    }
    return figures, best, decision, out["present_value"][best]


def _row(position: int, entry: Any) -> Row | str:
    """The scenario's row, or the reason it is skipped."""
    import calculators  # the registry imports this module lazily: no cycle

    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not isinstance(entry.get("inputs"), dict):
        return f"Scenario {position} was skipped: it was saved in a form this page no longer reads."
    name = entry["name"].strip()[:80] or f"Scenario {position}"
    calculator = entry.get("calculator")
    if calculator not in COMPARED or calculator not in calculators.names():
        return f"“{name}” was skipped: this site has no {str(calculator)[:40]} calculator to recompute it with."
    answer = calculators.run(calculator, entry["inputs"])
    if not answer["ok"]:
        return f"“{name}” was skipped: {next(iter(answer['errors'].values()), 'its inputs are refused.')}"
    figures, cheapest, decision, compared = _figures(calculator, answer["outputs"])
    return Row(name, calculator, figures, cheapest, decision, compared)


def compute(i: Inputs) -> Result:
    found = [_row(n, entry) for n, entry in enumerate(json.loads(i.scenarios) if i.scenarios else [], start=1)]
    rows = tuple(r for r in found if isinstance(r, Row))
    baselines = {}
    wanted = (i.baseline or "").strip()
    for calculator in COMPARED:
        mine = [n for n, row in enumerate(rows) if row.calculator == calculator]
        if mine:
            baselines[calculator] = next((n for n in mine if rows[n].name == wanted), mine[0])
    return Result(rows, tuple(r for r in found if isinstance(r, str)), baselines)


def outputs(r: Result) -> dict[str, Any]:
    rows = []
    for row in r.rows:
        base = r.rows[r.baselines[row.calculator]]
        rows.append({"name": row.name, "calculator": row.calculator, "figures": dict(row.figures),
                     "cheapest": row.cheapest, "cheapest_value": row.figures[row.cheapest], **row.decision,
                     "difference": row.compared - base.compared, "baseline": base.name})
    return {
        "rows": rows,
        "skipped": list(r.skipped),
        "count": len(r.rows),
        "baselines": {calculator: r.rows[n].name for calculator, n in r.baselines.items()},
    }


def _payback(month: int | None) -> str:
    return "–" if month is None else f"month {month}"


def _signed(amount: float) -> str:
    if abs(amount) < 0.005:
        return settings.money(0)
    return ("+" if amount > 0 else "−") + settings.money(abs(amount))


def _compared(calculator: str, rows: list[tuple[int, dict[str, Any]]], out: dict[str, Any]) -> render.Table:
    """The decision each scenario reaches, and how far it is from the baseline's."""
    baseline = out["baselines"][calculator]
    if calculator == "cost":
        return render.table(
            f"Cheapest monthly cost against “{baseline}” (negative: cheaper)",
            ("Scenario", "Cheapest option", "A month", "Difference"),
            [(render.cell(row["name"]), render.shown(out, f"rows.{n}.cheapest", LABELS.__getitem__),
              render.shown(out, f"rows.{n}.cheapest_value", settings.money),
              render.shown(out, f"rows.{n}.difference", _signed)) for n, row in rows])
    return render.table(
        f"The decision in each business case, against “{baseline}” (difference in present value; negative: cheaper)",
        ("Scenario", "Decision", "Present value", "Saving against in-house", "Pays back", "Internal rate of return",
         "Difference"),
        [(render.cell(row["name"]), render.shown(out, f"rows.{n}.cheapest", LABELS.__getitem__),
          render.shown(out, f"rows.{n}.decision_present_value", settings.money),
          render.shown(out, f"rows.{n}.saving_present_value", lambda v: "–" if v is None else settings.money(v)),
          render.shown(out, f"rows.{n}.payback_month", _payback),
          render.shown(out, f"rows.{n}.irr_percent",
                       lambda v: "–" if v is None else f"{v:,.1f}% a year".replace("-", "−")),
          render.shown(out, f"rows.{n}.difference", _signed)) for n, row in rows],
        wide=True)


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
    tables, charts = [], []
    for calculator, (what, caption, _per) in COMPARED.items():
        rows = [(n, row) for n, row in enumerate(out["rows"]) if row["calculator"] == calculator]
        if not rows:
            continue
        options = [o for o in OPTIONS if any(o in row["figures"] for _n, row in rows)]
        tables.append(render.table(caption, ["Scenario", *(LABELS[o] for o in options), "Cheapest"], [
            (render.cell(row["name"]),
             *(render.shown(out, f"rows.{n}.figures.{o}", settings.money) if o in row["figures"] else render.cell("–")
               for o in options),
             render.shown(out, f"rows.{n}.cheapest", LABELS.__getitem__))
            for n, row in rows]))
        tables.append(_compared(calculator, rows, out))
        charts.append(render.Chart(f"The cheapest option's {what} in each scenario", tuple(
            render.Bar(f"{row['name']} ({LABELS[row['cheapest']].lower()})", row["cheapest_value"],
                       settings.money(row["cheapest_value"]))
            for _n, row in rows)))
    if out["rows"]:
        best = min(out["rows"], key=lambda row: (row["calculator"], row["cheapest_value"]))
        summary = (f"{out['count']} scenarios compared, each recomputed from its saved inputs.",)
        if len({row["calculator"] for row in out["rows"]}) == 1:
            summary += (f"“{best['name']}” costs the least: {settings.money(best['cheapest_value'])} "
                        f"{COMPARED[best['calculator']][2]} ({LABELS[best['cheapest']].lower()}).",)
    else:
        summary = ("No scenario saved in this browser yet. Save one from the cost or business case calculator.",)
    return render.Report(summary=summary, tables=tuple(tables), charts=tuple(charts), notes=tuple(out["skipped"]))
