"""The decision pack as an .xlsx workbook an auditor can change.

``write(pack_json) -> bytes`` takes the decision pack's outputs (``calculators.run(
"decision_pack", ...)["outputs"]`` as JSON text: its ``summary`` and its ``workbook``
part, the recomputed cost and business-case inputs and outputs) and returns the
workbook's bytes. Every figure is a formula over one block of named inputs; the engine's
figure when exported sits beside each for the check. Sheets:

* **Summary**: the decision as live cells (the option with the lowest present value, its
  saving, payback, discounted payback and IRR), the assumptions the pack states as
  formulas over the named inputs, and the pack's own words as exported.
* **Inputs**: one block, one row per input, its value in a cell named by the calculator's
  key (``monthly_tickets``, ``term_months``, ...), its unit, the calculator's default and
  whether the value differs from it (a formula: it follows an edit).
  Change a value and every sheet follows.
* **Cost**: one month at the inputs' volume, each step and each option a formula over the
  named inputs, written as ``calculators.cost`` computes it (see its module docstring).
* **Years**: one column per contract year (as many as the longest term allows): that year's
  growth, price and pay factors, volume, prices and pay, then the Cost sheet's steps again.
* **Months**: one row per month of the longest term; a row past the reader's term is blank,
  so changing ``term_months`` shortens or lengthens every column and total. Each option's
  cost (the month's contract-year cost, the ramp-up overlap, the one-off and running costs
  of moving), its running total, its discounted running total, the saving against
  in-house, and whether the saving holds to the end of the term (for the payback months).
* **Results**: per option, the total, present value, saving, payback, discounted payback
  and IRR (Excel's ``IRR`` on the monthly savings, made yearly), and the cheapest option.
* **Risk**: the risk run's draws as values (those of the inputs as exported), with their
  P10, P50, P90 and the chance each option beats in-house as formulas.
* **SLA schedule**: the service-level and KPI lines of the SLA schedule, with the reader's
  KPI figures beside them where the KPI check is filled (``calculators.kpi``'s rows).

openpyxl writes formulas without cached values; a spreadsheet computes them on opening.
This package runs in the browser (Pyodide, loaded when the pack page opens) and on the host
(tests); it is kept out of ``calculators/``, which stays standard-library. The option keys,
their labels and the business case's rules (which options ramp up and pay the transition)
are the engine's own (``calculators.cost``, ``calculators.business_case``), never copied.
"""
from __future__ import annotations

import io
import json
import math
import re
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName

from calculators.core.render import spreadsheet_text

__all__ = ["write", "COST_STEPS", "COST_OPTIONS", "HYBRID_STEPS"]

# (name, label, formula over named cells); each row is named, so later formulas read as
# words. ``@name`` is the named input even where a row of the same name is in reach (the
# Years sheet's rows for tickets, carried staffing, prices and pay shadow the inputs).
COST_STEPS = (
    ("fees", "Vendor fees with hidden costs (multiplier)", "1+hidden_cost_percent/100"),
    ("billed_hours", "Billed hours a month",
     "IF(ISBLANK(@staffed_fte),monthly_tickets*aht_minutes/60/(occupancy_percent/100),staffed_fte*productive_hours_per_fte)"),
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
     "IF(ISBLANK(@staffed_fte),kept_tickets*aht_minutes/60/(occupancy_percent/100)/productive_hours_per_fte,"
     "staffed_fte*complex_percent/100)"),
    ("kept_cost", "Hybrid: in-house part", "IF(kept_tickets>0,MAX(1,ROUNDUP(kept_fte-1E-9,0))*in_house_per_agent,0)"),
    ("out_tickets", "Hybrid: simple tickets given out", "monthly_tickets*(1-complex_percent/100)"),
    ("out_fte", "Hybrid: FTE given out",
     "IF(ISBLANK(@staffed_fte),out_tickets*aht_minutes/60/(occupancy_percent/100)/productive_hours_per_fte,"
     "staffed_fte*(1-complex_percent/100))"),
    ("out_base", "Hybrid: blended base agents given out", "INT(out_fte+1E-9)"),
    ("out_per_hour", "Hybrid: outside part per agent hour", "out_fte*productive_hours_per_fte*hourly_rate*fees"),
    ("out_per_ticket", "Hybrid: outside part per ticket", "out_tickets*per_ticket_simple*fees"),
    ("out_per_fte", "Hybrid: outside part per dedicated agent", "MAX(1,ROUNDUP(out_fte-1E-9,0))*fte_monthly_rate*fees"),
    ("out_blended", "Hybrid: outside part blended",
     "(out_base*fte_monthly_rate+IF(out_base<out_fte,out_tickets*(1-out_base/out_fte),0)*per_ticket_simple)*fees"),
    ("out_cost", "Hybrid: outside part, under the model chosen (or the cheapest)",
     "IF(out_tickets>0,IF(hybrid_vendor_model=\"per_hour\",out_per_hour,IF(hybrid_vendor_model=\"per_ticket\","
     "out_per_ticket,IF(hybrid_vendor_model=\"per_fte\",out_per_fte,"
     "MIN(out_per_hour,out_per_ticket,out_per_fte,out_blended)))),0)"),
)
KEPT_AGENTS = ("kept_agents", "Hybrid: in-house agents kept", "IF(kept_tickets>0,MAX(1,ROUNDUP(kept_fte-1E-9,0)),0)")
HYBRID_OPTION = ("hybrid_monthly", "Hybrid", "kept_cost+out_cost")
# Steps whose engine output is named otherwise (the Cost sheet's check column).
ENGINE_KEYS = {"base_agents": "blended_base_fte", "mix_rate": "ticket_mix_rate",
               "in_house_per_agent": "in_house_per_agent_monthly"}
BOLD = Font(bold=True)
MONEY = "#,##0.00"
# Month m's saving holds when the option's running total is at most in-house's, give or
# take float noise in sums of equal costs (as calculators.business_case judges it).
NOISE = "1E-9"


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


def _heading(sheet, *titles: str) -> None:
    sheet.append(list(titles))
    for c in sheet[sheet.max_row]:
        c.font = BOLD


# A name in a formula: lower case, as every input and step name is (Excel's functions are
# upper case, and so is the E of 1E-9); "@name" is always the named input.
NAME = re.compile(r"(?<![A-Za-z0-9_$.!])@?[a-z_][a-z0-9_]*\b(?!\()")


def _over(formula: str, here: dict[str, str]) -> str:
    """``formula`` with each name in ``here`` replaced by its cell; every other name, and
    every ``@name``, stays the named cell of that name."""
    def cell(match: re.Match) -> str:
        name = match.group(0)
        return name[1:] if name.startswith("@") else here.get(name, name)

    return NAME.sub(cell, formula)


def _engine():
    """The engine's modules: the single definition of the options, their labels and rules."""
    from calculators import business_case, cost

    return cost, business_case


def _fields(calculator: str) -> list[dict[str, Any]]:
    import calculators

    return calculators.spec(calculator)["fields"]


# ------------------------------------------------------------------------ the Inputs sheet


def _inputs_sheet(book: Workbook, calculator: str, inputs: dict[str, Any]) -> None:
    """One block: every input of ``calculator`` once, its value in a cell named by its key."""
    sheet = book.create_sheet("Inputs")
    _heading(sheet, "Key", "Input", "Value", "Unit", "Calculator's default", "Changed from the default")
    for field in _fields(calculator):
        key = field["key"]
        value = inputs.get(key, field["default"])
        if isinstance(value, (dict, list)):
            continue  # not a number a formula reads
        row = sheet.max_row + 1
        sheet.append([_text(key), _text(field["label"]), _text(value), _text(field["unit"]), _text(field["default"]),
                      f'=IF(C{row}=E{row},"","changed")'])
        _name(book, key, sheet.title, f"$C${sheet.max_row}")
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 44
    sheet.column_dimensions["D"].width = 18
    sheet.column_dimensions["E"].width = 18


# -------------------------------------------------------------------------- the Cost sheet


def _cost_sheet(book: Workbook, outputs: dict[str, Any]) -> None:
    sheet = book.create_sheet("Cost")
    _heading(sheet, "Name", "Quantity", "Formula (live)", "Engine's figure when exported")
    for name, label, formula in (*COST_STEPS, *COST_OPTIONS, *HYBRID_STEPS, HYBRID_OPTION):
        sheet.append([name, label, "=" + _over(formula, {}), outputs.get(ENGINE_KEYS.get(name, name))])
        row = sheet.max_row
        _name(book, name, sheet.title, f"$C${row}")
        if _money(name):
            sheet.cell(row, 3).number_format = MONEY
            sheet.cell(row, 4).number_format = MONEY
    sheet.column_dimensions["B"].width = 44
    sheet.column_dimensions["C"].width = 18
    sheet.column_dimensions["D"].width = 18


# ------------------------------------------------------------------------- the Years sheet


def _years_sheet(book: Workbook, years: int) -> dict[str, int]:
    """The Years sheet, one column per contract year; returns the row of each name on it.

    As ``calculators.business_case`` prices a contract year: the year's volume, prices and
    pay; the work as the in-house team and freelancers would do it ("own": in-house,
    freelancers, the hybrid's in-house part); the work as a vendor would bill it ("v_":
    the volume raised by repeat contacts, fees with hidden costs and non-recoverable tax);
    then each option's steady month (a vendor part at least the minimum fee), the in-house
    cost of the work it moves (the ramp-up overlap's base) and the agents it lets go."""
    cost, business_case = _engine()
    labels = {f["key"]: f["label"] for f in _fields("business_case")}
    sheet = book.create_sheet("Years")
    _heading(sheet, "Name", "Quantity", *(f"Year {y + 1}" for y in range(years)))
    fees = ("fees", "Vendor fees with hidden costs and tax (multiplier)", "1+(hidden_cost_percent+vendor_tax_percent)/100")
    own = [
        ("grow", "Volume factor", "(1+volume_growth_percent/100)^year"),
        ("prices", "Vendor and freelancer price factor", "(1+price_increase_percent/100)^year"),
        ("pay", "In-house pay factor", "(1+salary_increase_percent/100)^year"),
        ("monthly_tickets", "Tickets a month", "@monthly_tickets*grow"),
        ("staffed_fte", "Staffed FTE (when given)", "IF(ISBLANK(@staffed_fte),0,@staffed_fte*grow)"),
        *((key, f"{labels[key]}, that year", f"@{key}*prices") for key in business_case._PRICES),
        *((key, f"{labels[key]}, that year", f"@{key}*pay") for key in business_case._PAY),
        fees, *COST_STEPS[1:], *COST_OPTIONS[4:], *HYBRID_STEPS[:2], KEPT_AGENTS, HYBRID_STEPS[2],
    ]
    # The vendor's side: the same steps over the volume with repeat contacts, rows "v_NAME".
    outside_steps = (*COST_STEPS[1:6], *COST_OPTIONS[:4], *HYBRID_STEPS[3:])
    outside = [
        ("v_monthly_tickets", "Vendor: tickets with repeat contacts", "monthly_tickets*(1+repeat_contact_percent/100)"),
        ("v_staffed_fte", "Vendor: staffed FTE with repeat contacts", "staffed_fte*(1+repeat_contact_percent/100)"),
        *((f"v_{name}", f"{label} (the vendor's volume)", formula) for name, label, formula in outside_steps),
    ]
    floor = "minimum_monthly_fee*fees"
    steady = [
        ("floor", "Vendor's minimum fee with hidden costs and tax", floor),
        *((f"year_{o}", f"{cost.LABELS[o]}: a steady month", f"MAX(v_{o}_monthly,floor)") for o in cost.VENDOR_OPTIONS),
        ("year_hybrid", f"{cost.LABELS['hybrid']}: a steady month", "IF(v_out_tickets>0,MAX(v_out_cost,floor),0)+kept_cost"),
        ("year_in_house", f"{cost.LABELS['in_house']}: a steady month", "in_house_monthly"),
        ("year_freelancer", f"{cost.LABELS['freelancer']}: a steady month", "freelancer_monthly"),
        ("moved_vendor", "In-house cost of the work a vendor takes (ramp-up overlap's base)", "in_house_monthly"),
        ("moved_hybrid", "In-house cost of the work the hybrid's vendor takes", "in_house_monthly-kept_cost"),
        ("leaving_all", "In-house agents let go (every option but in-house and the hybrid)", "agents"),
        ("leaving_hybrid", "In-house agents the hybrid lets go", "agents-kept_agents"),
    ]
    sheet.append(["year", "Contract year (0 for the first)", *range(years)])
    rows = [*own, *outside, *steady]
    at = {"year": 2, **{name: row for row, (name, _label, _formula) in enumerate(rows, start=3)}}
    outside_names = {name for name, _label, _formula in outside_steps} | {"monthly_tickets", "staffed_fte"}
    # Each year's column: every name on the sheet -> its cell; the vendor's steps read the
    # vendor's rows by their plain names.
    own_cells = [{n: f"{get_column_letter(3 + y)}{r}" for n, r in at.items()} for y in range(years)]
    vendor_cells = [here | {n: here[f"v_{n}"] for n in outside_names} for here in own_cells]
    for name, label, formula in rows:
        vendor = name.startswith("v_") and name.removeprefix("v_") not in ("monthly_tickets", "staffed_fte")
        sheet.append([name, label, *("=" + _over(formula, here) for here in (vendor_cells if vendor else own_cells))])
        plain = name.removeprefix("v_").removeprefix("year_")
        if _money(plain) or name.startswith(("year_", "moved_")) or name == "floor" or plain in (
                "mix_rate", "in_house_per_agent", *business_case._PRICES, *business_case._PAY):
            for y in range(years):
                sheet.cell(at[name], 3 + y).number_format = MONEY
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 52
    sheet.freeze_panes = "C3"
    return at


# ------------------------------------------------------------------------ the Months sheet


class _Columns:
    """Where each of the Months sheet's columns is: (kind, option) -> its letter."""

    def __init__(self, options: tuple[str, ...]):
        self.options = options
        self.movers = tuple(o for o in options if o != "in_house")
        self.letters: dict[tuple[str, str], str] = {}
        self.headings = ["Month", "Contract year (0 for the first)", "In the term", "Discount factor"]
        for kind, label, of in (("cost", "cost", options), ("cum", "running total", options),
                                ("dcum", "discounted running total", options),
                                ("saving", "saving against in-house", self.movers),
                                ("holds", "saving holds to the end (1) or not (0)", self.movers),
                                ("dholds", "discounted saving holds to the end", self.movers)):
            for o in of:
                self.letters[kind, o] = get_column_letter(len(self.headings) + 1)
                self.headings.append(f"{o}: {label}")

    def at(self, kind: str, option: str, row: int | str) -> str:
        return f"{self.letters[kind, option]}{row}"

    def span(self, kind: str, option: str, first: int, last: int) -> str:
        letter = self.letters[kind, option]
        return f"Months!${letter}${first}:${letter}${last}"


def _month_cost(option: str, row: int, years_at: dict[str, int], last_year: str) -> str:
    """One option's cost in the month of ``row``: the contract year's steady month, the
    ramp-up overlap while a new outside team ramps up, the transition in month 1, severance
    when the ramp-up ends, commitments that run on, and managing the vendor."""
    cost, business_case = _engine()

    def year(name: str) -> str:
        return f"INDEX(Years!$C${years_at[name]}:${last_year}${years_at[name]},1,$B{row}+1)"

    parts = [year(f"year_{option}")]
    if option in business_case.RAMPED:
        moved = year("moved_hybrid" if option == "hybrid" else "moved_vendor")
        parts.append(f"IF($A{row}<=ramp_months,(1-($A{row}-0.5)/ramp_months)*{moved},0)")
    if option in business_case.MOVED:
        parts.append(f"IF($A{row}=1,transition_cost,0)")
    if option != "in_house":
        leaving = year("leaving_hybrid" if option == "hybrid" else "leaving_all")
        parts.append(f"IF($A{row}=MIN(MAX(ramp_months,1),term_months),severance_per_agent*{leaving},0)")
        parts.append(f"IF($A{row}<=stranded_months,stranded_monthly,0)")
    if option in cost.VENDOR_OPTIONS:
        parts.append("vendor_management_monthly")
    elif option == "hybrid":
        parts.append("IF(complex_percent<100,vendor_management_monthly,0)")
    return f"=IF($C{row},{'+'.join(parts)},\"\")"


def _holds(c: _Columns, kind: str, option: str, row: int, running: str) -> str:
    """1 when the option's (discounted) running total is at most in-house's in this month
    and in every later month of the term, 0 when not; blank past the term."""
    mine, theirs = c.at(running, option, row), c.at(running, "in_house", row)
    later = c.at(kind, option, row + 1)
    return (f"=IF($C{row},IF({theirs}-{mine}>=-{NOISE}*MAX(1,ABS({theirs})),"
            f"IF($A{row}=term_months,1,{later}),0),\"\")")


def _months_sheet(book: Workbook, c: _Columns, months: int, years_at: dict[str, int], years: int) -> "_Later":
    """The Months sheet, a row for each month of the longest term: the first month's row
    through openpyxl (its cells carry the number formats), the others handed back to be
    added after saving with the same formats (:func:`_with_rows`)."""
    sheet = book.create_sheet("Months")
    _heading(sheet, *c.headings)
    last_year = get_column_letter(2 + years)
    first = 2
    rows = []
    for m in range(1, months + 1):
        row = m + 1
        cells = [m, f"=INT(($A{row}-1)/12)", f"=$A{row}<=term_months",
                 f"=IF($C{row},1/(1+discount_rate_percent/100)^(($A{row}-1)/12),\"\")"]
        values: dict[str, str] = {}
        for o in c.options:
            values[c.letters["cost", o]] = _month_cost(o, row, years_at, last_year)
            before = "0" if row == first else c.at("cum", o, row - 1)
            values[c.letters["cum", o]] = f"=IF($C{row},{before}+{c.at('cost', o, row)},\"\")"
            before = "0" if row == first else c.at("dcum", o, row - 1)
            values[c.letters["dcum", o]] = f"=IF($C{row},{before}+{c.at('cost', o, row)}*$D{row},\"\")"
        for o in c.movers:
            values[c.letters["saving", o]] = f"=IF($C{row},{c.at('cost', 'in_house', row)}-{c.at('cost', o, row)},\"\")"
            values[c.letters["holds", o]] = _holds(c, "holds", o, row, "cum")
            values[c.letters["dholds", o]] = _holds(c, "dholds", o, row, "dcum")
        rows.append(cells + [values[get_column_letter(col)] for col in range(5, len(c.headings) + 1)])
    sheet.append(rows[0])
    for o in c.options:
        for kind in ("cost", "cum", "dcum"):
            sheet[c.at(kind, o, first)].number_format = MONEY
    for o in c.movers:
        sheet[c.at("saving", o, first)].number_format = MONEY
    sheet.freeze_panes = "B2"
    return _Later(sheet, first + 1, rows[1:], style_row=first)


# ----------------------------------------------------------------------- the Results sheet

RESULTS = (
    # (name prefix, label, formula over {cost}, {saving}, {holds}, {dholds} spans, engine key)
    ("total", "Total over the term", "SUM({cost})", "total"),
    ("present_value", "Present value", "SUMPRODUCT({cost},{factor})", "present_value"),
    ("saving_present_value", "Saving against in-house, present value", "present_value_in_house-present_value_{o}",
     "saving_present_value"),
    ("payback_month", "Payback month (the saving holds from then to the end)", "IFERROR(MATCH(1,{holds},0),\"none\")",
     "payback_month"),
    ("discounted_payback_month", "Discounted payback month", "IFERROR(MATCH(1,{dholds},0),\"none\")",
     "discounted_payback_month"),
    # As the engine: none where no rate between -99.99% and 10,000% a year gives the savings
    # a present value of 0.
    ("irr_percent", "IRR of the monthly savings, % a year",
     "IF(ISNUMBER(irr_monthly_{o}),IF(AND((1+irr_monthly_{o})^12>=0.0001,(1+irr_monthly_{o})^12<=101),"
     "((1+irr_monthly_{o})^12-1)*100,\"none\"),\"none\")", "irr_percent"),
)
MOVERS_ONLY = ("payback_month", "discounted_payback_month", "irr_percent")


def _results_sheet(book: Workbook, c: _Columns, first: int, last: int, outputs: dict[str, Any]) -> None:
    cost, _business_case = _engine()
    sheet = book.create_sheet("Results")
    _heading(sheet, "Measure", *(cost.LABELS[o] for o in c.options))
    sheet.append(["Option key", *c.options])
    factor = f"Months!$D${first}:$D${last}"
    for prefix, label, formula, engine_key in RESULTS:
        row = [label]
        for o in c.options:
            if o == "in_house" and (prefix in MOVERS_ONLY or prefix == "saving_present_value"):
                row.append("none" if prefix in MOVERS_ONLY else 0)
                continue
            spans = {"cost": c.span("cost", o, first, last), "factor": factor, "o": o}
            if o != "in_house":
                spans.update(saving=c.span("saving", o, first, last), holds=c.span("holds", o, first, last),
                             dholds=c.span("dholds", o, first, last))
            row.append("=" + formula.format(**spans))
        sheet.append(row)
        for col, o in enumerate(c.options, start=2):
            _name(book, f"{prefix}_{o}", sheet.title, f"${get_column_letter(col)}${sheet.max_row}")
            if prefix in ("total", "present_value", "saving_present_value"):
                sheet.cell(sheet.max_row, col).number_format = MONEY
    # Excel's IRR searches from a guess (20 steps of Newton's method): with savings that
    # change sign late it finds nothing from 0, so it starts from the engine's monthly rate
    # as exported (0 where the engine found none); an auditor may type another guess here.
    exported = outputs.get("irr_percent") or {}
    sheet.append(["IRR: the monthly rate the search starts from (the engine's when exported)",
                  *(0 if exported.get(o) is None else (1 + exported[o] / 100) ** (1 / 12) - 1 for o in c.options)])
    for col, o in enumerate(c.options, start=2):
        _name(book, f"irr_guess_{o}", sheet.title, f"${get_column_letter(col)}${sheet.max_row}")
    # Excel's IRR on the monthly savings: from the guess, else from 0, else from 10% a month.
    sheet.append(["IRR: the monthly rate (Excel's IRR of the monthly savings)", *(
        "none" if o == "in_house" else
        "=IFERROR(IRR({s},irr_guess_{o}),IFERROR(IRR({s},0),IFERROR(IRR({s},0.1),\"none\")))".format(
            s=c.span("saving", o, first, last), o=o) for o in c.options)])
    for col, o in enumerate(c.options, start=2):
        _name(book, f"irr_monthly_{o}", sheet.title, f"${get_column_letter(col)}${sheet.max_row}")
    values = f"$B$4:${get_column_letter(1 + len(c.options))}$4"
    keys = f"$B$2:${get_column_letter(1 + len(c.options))}$2"
    sheet.append(["Cheapest: the lowest present value (the first on a tie)",
                  f"=INDEX({keys},1,MATCH(MIN({values}),{values},0))"])
    _name(book, "cheapest", sheet.title, f"$B${sheet.max_row}")
    sheet.append([])
    sheet.append(["The engine's figures when exported, for the check"])
    sheet[f"A{sheet.max_row}"].font = BOLD
    for prefix, label, _formula, engine_key in RESULTS:
        exported = outputs.get(engine_key)
        if not isinstance(exported, dict):
            continue
        sheet.append([label, *(exported.get(o) for o in c.options)])
        if prefix in ("total", "present_value", "saving_present_value"):
            for col in range(2, 2 + len(c.options)):
                sheet.cell(sheet.max_row, col).number_format = MONEY
    sheet.append(["Cheapest", outputs.get("cheapest")])
    sheet.column_dimensions["A"].width = 52
    for col in range(2, 2 + len(c.options)):
        sheet.column_dimensions[get_column_letter(col)].width = 18


# -------------------------------------------------------------------------- the Risk sheet

PERCENTILES = (("p10", "P10 of the saving against in-house, present value", 0.1),
               ("p50", "P50 (median)", 0.5), ("p90", "P90", 0.9))


def _risk_sheet(book: Workbook, inputs: dict[str, Any], outputs: dict[str, Any]):
    """The engine's risk draws as values, one row each, with their percentiles as formulas;
    returns the sheet, the first draw's row and the draws' rows, which :func:`write` adds
    after saving (:func:`_with_rows`), or None when there is no risk run."""
    cost, business_case = _engine()
    typed, errors = business_case.read(inputs)
    if errors:
        return None
    try:
        draws = business_case.risk_draws(typed, business_case.term(typed))
    except business_case.Refusal:
        return None  # a draw too large to price: the engine gives no risk run either
    options = [o for o in cost.OPTIONS if o in draws]
    sheet = book.create_sheet("Risk")
    _heading(sheet, "Measure", *(cost.LABELS[o] for o in options))
    first, last = 15, 14 + typed.draws
    spans = {o: f"{get_column_letter(col)}${first}:{get_column_letter(col)}${last}" for col, o in enumerate(options, 2)}
    for key, label, share in PERCENTILES:
        sheet.append([label, *(f"=PERCENTILE({spans[o]},{share})" for o in options)])
        for col, o in enumerate(options, start=2):
            sheet.cell(sheet.max_row, col).number_format = MONEY
            _name(book, f"risk_{key}_{o}", sheet.title, f"${get_column_letter(col)}${sheet.max_row}")
    sheet.append(["Chance it beats in-house, % of draws",
                  *(f"=COUNTIF({spans[o]},\">0\")/COUNT({spans[o]})*100" for o in options)])
    risk = outputs.get("risk") or {}
    sheet.append([])
    sheet.append(["The engine's figures when exported, for the check"])
    sheet[f"A{sheet.max_row}"].font = BOLD
    for key, label, _share in (*PERCENTILES, ("chance_cheaper_percent", "Chance it beats in-house, % of draws", 0)):
        sheet.append([label, *((risk.get(o) or {}).get(key) for o in options)])
    sheet.append([])
    sheet.append([f"The {typed.draws:,} draws below are values: the engine's risk run (seed {typed.seed}) for the inputs as "
                  "exported, each the saving against in-house in present value. They do not follow edits on the Inputs "
                  "sheet; the percentiles above are formulas over them."])
    _heading(sheet, "Draw", *(cost.LABELS[o] for o in options))
    assert sheet.max_row == first - 1
    sheet.column_dimensions["A"].width = 52
    for col in range(2, 2 + len(options)):
        sheet.column_dimensions[get_column_letter(col)].width = 18
    return _Later(sheet, first, [[n + 1, *(draws[o][n] for o in options)] for n in range(typed.draws)])


class _Later:
    """Rows of a sheet added after openpyxl has saved the workbook (see :func:`_with_rows`)."""

    def __init__(self, sheet, first: int, rows: list[list[Any]], style_row: int | None = None):
        self.sheet, self.first, self.rows, self.style_row = sheet, first, rows, style_row


_STYLED = re.compile(r'<c r="([A-Z]+)(\d+)"[^>]*? s="(\d+)"')


def _cell_xml(ref: str, value: Any, style: str) -> str:
    if isinstance(value, str) and value.startswith("="):
        formula = value[1:].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'<c r="{ref}"{style}><f>{formula}</f></c>'
    return f'<c r="{ref}"{style}><v>{value!r}</v></c>'


def _with_rows(xlsx: bytes, later: list[_Later]) -> bytes:
    """The saved workbook with each sheet's later rows (numbers and formulas) added.

    openpyxl serializes cell by cell, which for the Months sheet's formulas and the risk
    draws (17,000 cells) took most of the time to write the file in the browser; the same
    cells written as text take a fraction of it. Each sheet's XML stays openpyxl's own,
    the rows added before its end, each cell with the number format of its column in
    ``style_row`` (a row openpyxl wrote)."""
    by_path = {item.sheet.path.lstrip("/"): item for item in later}
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            item = by_path.get(entry.filename)
            if item and item.rows:
                xml = data.decode("utf-8")
                styles = {m[1]: f' s="{m[3]}"' for m in _STYLED.finditer(xml) if int(m[2]) == item.style_row}
                letters = [get_column_letter(col) for col in range(1, 1 + max(map(len, item.rows)))]
                text = "".join(
                    f'<row r="{r}">' + "".join(_cell_xml(f"{letter}{r}", value, styles.get(letter, ""))
                                               for letter, value in zip(letters, row)) + "</row>"
                    for r, row in enumerate(item.rows, start=item.first))
                last = item.first + len(item.rows) - 1
                xml = re.sub(r'<dimension ref="A1:([A-Z]+)\d+"', lambda m: f'<dimension ref="A1:{m[1]}{last}"', xml)
                data = xml.replace("</sheetData>", text + "</sheetData>", 1).encode("utf-8")
            # Deflate level 1: the added rows are most of the text; the fastest level keeps
            # them small enough (289 against 249 KB for a 60-month case), a third faster.
            target.writestr(entry, data, compresslevel=1)
    return out.getvalue()


# ----------------------------------------------------------------------- the Summary sheet


def _summary_sheet(summary, pack: dict[str, Any], case: bool) -> None:
    """Live cells first (formulas), then the pack's words as exported (text)."""
    sheet = summary
    sheet["A1"] = "Decision pack"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 40
    said = pack.get("summary") or {}
    if case:
        sheet.append([])
        sheet.append(["The decision (formulas: they follow the Inputs sheet)"])
        sheet[f"A{sheet.max_row}"].font = BOLD
        end = get_column_letter(1 + len(_engine()[0].OPTIONS))
        pick = "INDEX(Results!$B${row}:$%s${row},1,MATCH(cheapest,Results!$B$2:$%s$2,0))" % (end, end)
        sheet.append(["Cheapest option over the term (lowest present value)", "=" + pick.format(row=1)])
        for label, row, money in (("Its present value", 4, True), ("Its saving against in-house, present value", 5, True),
                                  ("Its total over the term", 3, True), ("Its payback month", 6, False),
                                  ("Its discounted payback month", 7, False), ("Its IRR, % a year", 8, False)):
            sheet.append([label, "=" + pick.format(row=row)])
            if money:
                sheet.cell(sheet.max_row, 2).number_format = MONEY
    stated = said.get("assumptions") or []
    if stated:
        sheet.append([])
        sheet.append(["Assumptions (formulas over the Inputs sheet)", "Value", "Calculator's default"])
        for c in sheet[sheet.max_row]:
            c.font = BOLD
        for a in stated:
            sheet.append([_text(a["label"]), f"={a['key']}", _text(a["default"])])
    sheet.append([])
    sheet.append(["As exported (the pack's words; text, not recomputed)"])
    sheet[f"A{sheet.max_row}"].font = BOLD
    # The pack's words can hold what a reader typed (a vendor's name): written as text always.
    for label, key in (("Decision", "decision"), ("Saving", "saving"), ("Payback", "payback")):
        if said.get(key):
            sheet.append([label, _text(said[key])])
    for label, key in (("Why", "why"), ("Key risks", "risks")):
        for line in said.get(key) or []:
            sheet.append([label, _text(line)])
    if pack.get("recommendation"):
        sheet.append(["In short", _text(pack["recommendation"])])
    sheet.append([])
    sheet.append(["Change a value on the Inputs sheet: the Cost, Years, Months and Results sheets and the "
                  "decision above follow."])


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
    cost_part, case_part = parts.get("cost"), parts.get("business_case")
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    source = case_part or cost_part
    if source:
        _inputs_sheet(book, "business_case" if case_part else "cost", source["inputs"])
        _cost_sheet(book, cost_part["outputs"] if cost_part else {})
    else:
        book.create_sheet("Inputs")
    later = []
    if case_part:
        cost, business_case = _engine()
        years = math.ceil(business_case.MAX_TERM_MONTHS / 12)
        years_at = _years_sheet(book, years)
        columns = _Columns(cost.OPTIONS)
        months = _months_sheet(book, columns, business_case.MAX_TERM_MONTHS, years_at, years)
        later.append(months)
        _results_sheet(book, columns, months.first - 1, months.first + len(months.rows), case_part["outputs"])
        draws = _risk_sheet(book, case_part["inputs"], case_part["outputs"])
        if draws:
            later.append(draws)
    _summary_sheet(summary, pack, bool(case_part))
    if parts.get("sla_schedule"):
        _sla_sheet(book, parts["sla_schedule"])
    out = io.BytesIO()
    book.save(out)
    return _with_rows(out.getvalue(), later) if later else out.getvalue()
