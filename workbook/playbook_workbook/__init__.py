"""The decision pack as an .xlsx workbook that finance can audit.

``write(pack_json) -> bytes`` takes the decision pack's outputs (``calculators.run(
"decision_pack", ...)["outputs"]`` as JSON text: its ``recommendation`` and its
``workbook`` part, the recomputed cost and business-case inputs and outputs) and returns
the workbook's bytes. Sheets:

* **Summary**: the recommendation and what the pack holds.
* **Inputs**: every cost input as the reader typed it, one named cell each (the name is the
  calculator's key, e.g. ``monthly_tickets``), then the business case's own inputs named
  ``case_KEY``. Change one and the totals move.
* **Cost**: each step and each option's monthly cost as a live formula over the named
  inputs, written as ``calculators.cost`` computes it (see its module docstring and the cost
  page's Method section), with the engine's figure beside it for the check.
* **Years**: one column per contract year: that year's growth, price and pay factors over
  the business case's named inputs (``case_KEY``), that year's volume, prices and pay, then
  the Cost sheet's steps and options again over them, as ``calculators.business_case``
  prices each contract year (``cost.price`` on the year's inputs).
* **SLA schedule**: the service-level and KPI lines of the SLA schedule, with the reader's
  KPI figures beside them where the KPI check is filled (``calculators.kpi``'s rows).
* **Business case**: every option month by month, each month a formula: the month's
  contract-year cost from the Years sheet, the ramp-up overlap while the new team ramps up,
  and the transition cost in month 1; each option's total a SUM over its months, its present
  value a formula over the discount rate, and the engine's totals beside them for the check.
  The term is the number of month rows (re-export from the site to change it); every other
  business-case input can be changed on the Inputs sheet.

openpyxl writes formulas without cached values; a spreadsheet computes them on opening.
This package runs in the browser (Pyodide, loaded only when a reader asks for the file) and
on the host (tests); it is kept out of ``calculators/``, which stays standard-library.
"""
from __future__ import annotations

import io
import json
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.workbook.defined_name import DefinedName

from calculators.core.render import spreadsheet_text

__all__ = ["write", "COST_STEPS", "COST_OPTIONS", "HYBRID_STEPS"]

# (name, label, formula over named cells); each row is named, so later formulas read as words.
COST_STEPS = (
    ("fees", "Vendor fees with hidden costs (multiplier)", "1+hidden_cost_percent/100"),
    ("billed_hours", "Billed hours a month",
     "IF(ISBLANK(staffed_fte),monthly_tickets*aht_minutes/60/(occupancy_percent/100),staffed_fte*productive_hours_per_fte)"),
    ("fte", "FTE of work", "billed_hours/productive_hours_per_fte"),
    ("agents", "Whole agents", "MAX(1,ROUNDUP(fte-1E-9,0))"),
    ("base_agents", "Blended base agents", "IF(ISBLANK(blended_base_fte),INT(fte+1E-9),blended_base_fte)"),
    ("overflow_tickets", "Blended overflow tickets", "IF(base_agents<fte,monthly_tickets*(1-base_agents/fte),0)"),
    ("mix_rate", "Average price per ticket",
     "(1-complex_percent/100)*per_ticket_simple+complex_percent/100*per_ticket_complex"),
    ("in_house_per_agent", "In-house cost per agent a month",
     "in_house_salary_annual*(1+(benefits_percent+management_percent)/100)/12+tools_monthly_per_agent"
     "+attrition_annual_percent/100*hiring_cost_per_agent/12"),
    ("freelancers", "Freelancers needed", "MAX(1,ROUNDUP(billed_hours/(freelancer_hours_per_week*52/12)-1E-9,0))"),
)
COST_OPTIONS = (
    ("per_hour_monthly", "Vendor, per agent hour", "billed_hours*hourly_rate*fees"),
    ("per_ticket_monthly", "Vendor, per ticket", "monthly_tickets*mix_rate*fees"),
    ("per_fte_monthly", "Vendor, per dedicated agent", "agents*fte_monthly_rate*fees"),
    ("blended_monthly", "Vendor, blended", "(base_agents*fte_monthly_rate+overflow_tickets*mix_rate)*fees"),
    ("in_house_monthly", "In-house team", "agents*in_house_per_agent"),
    ("freelancer_monthly", "Freelancers",
     "billed_hours*freelancer_hourly_rate*(1+freelancer_overhead_percent/100)"
     "+freelancers*freelancer_onboarding_hours*freelancer_hourly_rate/freelancer_engagement_months"),
)
# The hybrid: the complex share kept in-house, the simple rest with the cheapest vendor model.
HYBRID_STEPS = (
    ("kept_tickets", "Hybrid: complex tickets kept in-house", "monthly_tickets*complex_percent/100"),
    ("kept_fte", "Hybrid: FTE kept in-house",
     "IF(ISBLANK(staffed_fte),kept_tickets*aht_minutes/60/(occupancy_percent/100)/productive_hours_per_fte,"
     "staffed_fte*complex_percent/100)"),
    ("kept_cost", "Hybrid: in-house part", "IF(kept_tickets>0,MAX(1,ROUNDUP(kept_fte-1E-9,0))*in_house_per_agent,0)"),
    ("out_tickets", "Hybrid: simple tickets given out", "monthly_tickets*(1-complex_percent/100)"),
    ("out_fte", "Hybrid: FTE given out",
     "IF(ISBLANK(staffed_fte),out_tickets*aht_minutes/60/(occupancy_percent/100)/productive_hours_per_fte,"
     "staffed_fte*(1-complex_percent/100))"),
    ("out_base", "Hybrid: blended base agents given out", "INT(out_fte+1E-9)"),
    ("out_per_hour", "Hybrid: outside part per agent hour", "out_fte*productive_hours_per_fte*hourly_rate*fees"),
    ("out_per_ticket", "Hybrid: outside part per ticket", "out_tickets*per_ticket_simple*fees"),
    ("out_per_fte", "Hybrid: outside part per dedicated agent", "MAX(1,ROUNDUP(out_fte-1E-9,0))*fte_monthly_rate*fees"),
    ("out_blended", "Hybrid: outside part blended",
     "(out_base*fte_monthly_rate+IF(out_base<out_fte,out_tickets*(1-out_base/out_fte),0)*per_ticket_simple)*fees"),
    ("out_cost", "Hybrid: outside part, cheapest vendor model",
     "IF(out_tickets>0,MIN(out_per_hour,out_per_ticket,out_per_fte,out_blended),0)"),
)
HYBRID_OPTION = ("hybrid_monthly", "Hybrid", "kept_cost+out_cost")
# Steps whose engine output is named otherwise (the Cost sheet's check column).
ENGINE_KEYS = {"base_agents": "blended_base_fte", "mix_rate": "ticket_mix_rate",
               "in_house_per_agent": "in_house_per_agent_monthly"}
CASE_OPTIONS = ("per_hour", "per_ticket", "per_fte", "blended", "hybrid", "in_house", "freelancer")
BOLD = Font(bold=True)
MONEY = "#,##0.00"


def _money(step: str) -> bool:
    """Whether a Cost step is an amount of money (a monthly cost or a part of one)."""
    return step.endswith(("_monthly", "_cost")) or step.startswith("out_per") or step == "out_blended"


def _text(value: Any) -> Any:
    """A value for a cell: text that came from the reader or the engine goes through the
    site's formula guard (openpyxl would write "=..." as a live formula); numbers as they are.
    The formulas this package builds itself are written directly, never through here."""
    return spreadsheet_text(value) if isinstance(value, str) else value


def _name(book: Workbook, name: str, sheet: str, ref: str) -> None:
    book.defined_names[name] = DefinedName(name, attr_text=f"'{sheet}'!{ref}")


def _labels(calculator: str) -> dict[str, tuple[str, str]]:
    """key -> (label, unit) from the engine's form, when the engine is importable."""
    try:
        import calculators

        return {f["key"]: (f["label"], f.get("unit") or "") for f in calculators.spec(calculator)["fields"]}
    except (ImportError, KeyError):
        return {}


def _inputs_block(book: Workbook, sheet, row: int, heading: str, inputs: dict[str, Any], labels, prefix: str) -> int:
    sheet.cell(row, 1, heading).font = BOLD
    row += 1
    for key, value in inputs.items():
        if isinstance(value, (dict, list)):
            continue  # not a number a formula reads
        label, unit = labels.get(key, (key.replace("_", " "), ""))
        sheet.cell(row, 1, _text(key))
        sheet.cell(row, 2, _text(label))
        if value is not None:
            sheet.cell(row, 3, _text(value))
        sheet.cell(row, 4, _text(unit))
        _name(book, prefix + key, sheet.title, f"$C${row}")
        row += 1
    return row + 1


def _cost_sheet(book: Workbook, cost: dict[str, Any]) -> None:
    sheet = book.create_sheet("Cost")
    sheet.append(["Name", "Quantity", "Formula (live)", "Engine's figure when exported"])
    for c in sheet[1]:
        c.font = BOLD
    outputs = cost["outputs"]
    rows = list(COST_STEPS) + list(COST_OPTIONS)
    if "hybrid_monthly" in outputs:
        rows += list(HYBRID_STEPS) + [HYBRID_OPTION]
    for name, label, formula in rows:
        sheet.append([name, label, "=" + formula, outputs.get(ENGINE_KEYS.get(name, name))])
        row = sheet.max_row
        _name(book, name, sheet.title, f"$C${row}")
        if _money(name):
            sheet.cell(row, 3).number_format = MONEY
            sheet.cell(row, 4).number_format = MONEY
    sheet.column_dimensions["B"].width = 44
    sheet.column_dimensions["C"].width = 18
    sheet.column_dimensions["D"].width = 18


# A name in a formula: lower case, as every input and step name is (Excel's functions are
# upper case, and so is the E of 1E-9).
NAME = re.compile(r"(?<![A-Za-z0-9_$.])[a-z_][a-z0-9_]*\b(?!\()")


def _over(formula: str, here: dict[str, str], prefix: str) -> str:
    """``formula`` with each name in ``here`` replaced by its cell, every other name by the
    named input ``prefix + name`` (a name that already has the prefix stays)."""
    def cell(match: re.Match) -> str:
        name = match.group(0)
        return here.get(name, name if name.startswith(prefix) else prefix + name)

    return NAME.sub(cell, formula)


def _years_sheet(book: Workbook, years: int) -> dict[str, int]:
    """The Years sheet; returns the row of each name on it."""
    from calculators import business_case

    labels = _labels("business_case")
    label = lambda key: labels.get(key, (key.replace("_", " ").capitalize(), ""))[0]  # noqa: E731
    sheet = book.create_sheet("Years")
    sheet.append(["Name", "Quantity", *(f"Year {y + 1}" for y in range(years))])
    for c in sheet[1]:
        c.font = BOLD
    rows: list[tuple[str, str, str]] = [
        ("grow", "Volume factor", "(1+case_volume_growth_percent/100)^year"),
        ("prices", "Vendor and freelancer price factor", "(1+case_price_increase_percent/100)^year"),
        ("pay", "In-house pay factor", "(1+case_salary_increase_percent/100)^year"),
        ("monthly_tickets", "Tickets a month", "case_monthly_tickets*grow"),
        ("staffed_fte", "Staffed FTE (when given)", "IF(ISBLANK(case_staffed_fte),0,case_staffed_fte*grow)"),
        *((key, f"{label(key)}, that year", f"case_{key}*prices") for key in business_case._PRICES),
        *((key, f"{label(key)}, that year", f"case_{key}*pay") for key in business_case._PAY),
    ]
    rows += list(COST_STEPS) + list(COST_OPTIONS) + list(HYBRID_STEPS) + [HYBRID_OPTION]
    sheet.append(["year", "Contract year (0 for the first)", *range(years)])
    at = {"year": 2}
    for offset, (name, _label, _formula) in enumerate(rows, start=3):
        at[name] = offset
    # Each year's column: every name on the sheet -> its cell in that column.
    columns = [{n: f"{sheet.cell(1, 3 + y).column_letter}{r}" for n, r in at.items()} for y in range(years)]
    for name, label, formula in rows:
        # Whether carried staffing was given is the input's own blankness, not the year's cell.
        formula = formula.replace("ISBLANK(staffed_fte)", "ISBLANK(case_staffed_fte)")
        sheet.append([name, label, *("=" + _over(formula, here, "case_") for here in columns)])
        if _money(name) or name in ("mix_rate", "in_house_per_agent", *business_case._PRICES, *business_case._PAY):
            for y in range(years):
                sheet.cell(at[name], 3 + y).number_format = MONEY
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 44
    return at


def _month_formula(option: str, month: int, row: int, years_at: dict[str, int], letter: str) -> str:
    """One option's cost in one month: the year's cost, the ramp-up overlap, the transition."""
    from calculators import business_case

    cell = lambda name: f"Years!{letter}{years_at[name]}"  # noqa: E731
    parts = [cell(f"{option}_monthly")]
    if option in business_case.RAMPED:
        moved = cell("in_house_monthly") + (f"-{cell('kept_cost')}" if option == "hybrid" else "")
        parts.append(f"IF($A{row}<=case_ramp_months,(1-($A{row}-0.5)/case_ramp_months)*({moved}),0)")
    if option in business_case.MOVED and month == 1:
        parts.append("case_transition_cost")
    return "=" + "+".join(parts)


def _case_sheet(book: Workbook, case: dict[str, Any]) -> None:
    outputs = case["outputs"]
    monthly = outputs["monthly"]
    options = [o for o in CASE_OPTIONS if o in monthly]
    term = len(monthly[options[0]])
    years_at = _years_sheet(book, -(-term // 12))
    sheet = book.create_sheet("Business case")
    sheet.append(["Month", *options])
    for c in sheet[1]:
        c.font = BOLD
    for m in range(1, term + 1):
        row = m + 1
        letter = book["Years"].cell(1, 3 + (m - 1) // 12).column_letter
        sheet.append([m, *(_month_formula(o, m, row, years_at, letter) for o in options)])
    first, last = 2, term + 1
    total_row, pv_row, check_row, check_pv_row = last + 1, last + 2, last + 4, last + 5
    sheet.cell(total_row, 1, "Total").font = BOLD
    sheet.cell(pv_row, 1, "Present value").font = BOLD
    sheet.cell(check_row, 1, "Engine's total when exported")
    sheet.cell(check_pv_row, 1, "Engine's present value when exported")
    for col, option in enumerate(options, start=2):
        letter = sheet.cell(1, col).column_letter
        cells = f"{letter}{first}:{letter}{last}"
        sheet.cell(total_row, col, f"=SUM({cells})").number_format = MONEY
        sheet.cell(pv_row, col, f"=SUMPRODUCT({cells}/(1+case_discount_rate_percent/100)^(($A${first}:$A${last}-1)/12))"
                   ).number_format = MONEY
        sheet.cell(check_row, col, outputs["total"][option]).number_format = MONEY
        sheet.cell(check_pv_row, col, outputs["present_value"][option]).number_format = MONEY
        _name(book, f"case_total_{option}", sheet.title, f"${letter}${total_row}")
        for row in range(first, last + 1):
            sheet.cell(row, col).number_format = MONEY


def _sla_sheet(book: Workbook, schedule: dict[str, Any]) -> None:
    """The SLA schedule's lines as the contract's annex carries them: the targets, the
    improvement-plan and credit points, and the reader's level where the KPI check is filled."""
    sheet = book.create_sheet("SLA schedule")
    sheet.append([_text(h) for h in schedule["headers"]])
    for c in sheet[1]:
        c.font = BOLD
    for row in schedule["rows"]:
        sheet.append([_text(cell) for cell in row])  # the reader's levels are text: guarded
    for letter, width in zip("ABCDEF", (32, 70, 30, 24, 24, 24)):
        sheet.column_dimensions[letter].width = width


def write(pack_json: str) -> bytes:
    """The workbook's bytes for the decision pack's outputs (JSON text)."""
    pack = json.loads(pack_json)
    parts = pack.get("workbook") or {}
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    summary["A1"] = "Decision pack"
    summary["A1"].font = Font(bold=True, size=14)
    summary["A3"] = _text(pack.get("recommendation", ""))
    summary.column_dimensions["A"].width = 100
    row = 5
    for section in pack.get("sections", []):
        summary.cell(row, 1, _text(f"{section['title']}: {'filled' if section['status'] == 'filled' else 'not yet filled'}"))
        row += 1
    summary.cell(row + 1, 1, "Change a value on the Inputs sheet and the Cost and Business case totals follow.")

    inputs = book.create_sheet("Inputs")
    inputs.append(["Key", "Input", "Value", "Unit"])
    for c in inputs[1]:
        c.font = BOLD
    inputs.column_dimensions["A"].width = 30
    inputs.column_dimensions["B"].width = 44
    row = 3
    cost = parts.get("cost")
    case = parts.get("business_case")
    if cost:
        row = _inputs_block(book, inputs, row, "Cost calculator", cost["inputs"], _labels("cost"), "")
    if case:
        row = _inputs_block(book, inputs, row, "Business case", case["inputs"], _labels("business_case"), "case_")
    if cost:
        _cost_sheet(book, cost)
    if case:
        _case_sheet(book, case)
    if parts.get("sla_schedule"):
        _sla_sheet(book, parts["sla_schedule"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
