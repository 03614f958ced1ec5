"""The decision pack's workbook (workbook/playbook_workbook): opened on the host by
LibreOffice (headless, Debian's libreoffice-calc-nogui), which computes its formulas. The
oracle is the engine: every month, total, present value, payback, discounted payback, IRR
and the cheapest option must land on ``calculators.run``'s figures to the cent, as
exported and after an auditor changes an input cell. All workbooks of this file go through
one LibreOffice run (each run takes seconds)."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

import calculators
import playbook_workbook
from calculators import business_case, cost

pytestmark = pytest.mark.office

COST_OPTIONS = tuple(f"{o}_monthly" for o in cost.OPTIONS)


def pack_outputs(parts: dict) -> dict:
    result = calculators.run("decision_pack", {"parts": json.dumps({k: {"inputs": v} for k, v in parts.items()})})
    assert result["ok"], result
    return result["outputs"]


def book_of(parts: dict) -> bytes:
    return playbook_workbook.write(json.dumps(pack_outputs(parts)))


def edited(book: bytes, changes: dict) -> bytes:
    """``book`` with named input cells typed over, as an auditor would on the Inputs sheet."""
    opened = load_workbook(io.BytesIO(book))
    for name, value in changes.items():
        sheet, ref = opened.defined_names[name].attr_text.split("!")
        opened[sheet.strip("'")][ref.replace("$", "")] = value
    out = io.BytesIO()
    opened.save(out)
    return out.getvalue()


def computed_all(books: list[bytes], tmp_path: Path) -> list[dict[str, list[list[str]]]]:
    """Every sheet's values of each book as LibreOffice computes them (one CSV per sheet),
    in one LibreOffice run."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: `make test` installs libreoffice-calc-nogui"
    files = []
    for number, book in enumerate(books):
        files.append(tmp_path / f"pack{number}.xlsx")
        files[-1].write_bytes(book)
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1",
         "--outdir", str(tmp_path), *map(str, files)],
        check=True, capture_output=True, timeout=600)
    return [{path.stem.split("-", 1)[1]: list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
             for path in tmp_path.glob(f"{file.stem}-*.csv")} for file in files]


# ------------------------------------------------------------------------ the cases

COST_CASES = [
    {"monthly_tickets": "6000"},
    {"monthly_tickets": "2500", "aht_minutes": "11", "complex_percent": "35", "hidden_cost_percent": "25"},
    {"monthly_tickets": "900", "staffed_fte": "4.5", "blended_base_fte": "3"},
]
CASE_CASES = [
    # growth steps at months 13 and 25, a 20,000 transition, discounting, the default 3-month ramp
    {"monthly_tickets": "6000", "term_months": "36", "transition_cost": "20000",
     "volume_growth_percent": "10", "discount_rate_percent": "8"},
    # price and pay increases, a longer ramp, the hybrid's split moved, a term ending mid-year
    {"monthly_tickets": "2500", "aht_minutes": "11", "complex_percent": "35", "term_months": "30",
     "ramp_months": "5", "price_increase_percent": "4", "salary_increase_percent": "3", "hidden_cost_percent": "25"},
    # carried staffing (grows with the volume), a fixed blended base, no ramp-up, a decline
    {"monthly_tickets": "900", "staffed_fte": "4.5", "blended_base_fte": "3", "term_months": "24",
     "ramp_months": "0", "volume_growth_percent": "-20"},
    # the longest term, with a steep price increase: savings that turn negative late
    {"monthly_tickets": "6000", "term_months": str(business_case.MAX_TERM_MONTHS), "price_increase_percent": "15",
     "discount_rate_percent": "5"},
    # every cost that cuts against outsourcing at once, the minimum fee binding the vendors
    {"monthly_tickets": "6000", "severance_per_agent": "9000", "vendor_tax_percent": "7",
     "repeat_contact_percent": "8", "minimum_monthly_fee": "30000", "stranded_monthly": "2000", "stranded_months": "6",
     "vendor_management_monthly": "4000"},
    # the hybrid's vendor model chosen, carried staffing raised by repeat contacts, growth
    {"monthly_tickets": "6000", "term_months": "60", "hybrid_vendor_model": "per_ticket", "staffed_fte": "9",
     "repeat_contact_percent": "10", "volume_growth_percent": "10", "discount_rate_percent": "8",
     "severance_per_agent": "4000", "ramp_months": "14"},
]
# An auditor's edits of the first case's workbook, each checked against the engine run on
# the changed inputs.
BASE = CASE_CASES[0]
EDITS = [
    {"term_months": 24},  # shorter: rows 25.. blank, totals over 24 months
    {"term_months": 60},  # longer than exported: rows 37..60 come alive
    {"monthly_tickets": 9000},
    {"volume_growth_percent": 25},
    {"discount_rate_percent": 12},
    {"severance_per_agent": 12000},  # paid when the ramp-up ends, per agent let go
    {"vendor_tax_percent": 20},  # on every vendor fee
]


@pytest.fixture(scope="module")
def computed(tmp_path_factory):
    """Every workbook of this file, computed by LibreOffice in one run: name -> sheets."""
    books = {f"cost{n}": book_of({"cost": inputs}) for n, inputs in enumerate(COST_CASES)}
    books |= {f"case{n}": book_of({"business_case": inputs}) for n, inputs in enumerate(CASE_CASES)}
    books |= {f"edit{n}": edited(books["case0"], change) for n, change in enumerate(EDITS)}
    books["tickets"] = edited(books["cost0"], {"monthly_tickets": 12000})
    names = list(books)
    return dict(zip(names, computed_all([books[n] for n in names], tmp_path_factory.mktemp("lo"))))


def cost_column(sheets) -> dict[str, float]:
    return {row[0]: float(row[2]) for row in sheets["Cost"][1:] if row and row[2]}


def results(sheets) -> dict[str, dict[str, str]]:
    """The Results sheet: measure -> option key -> the computed text (the first block only)."""
    rows = sheets["Results"]
    keys = rows[1][1:]
    found = {}
    for row in rows[2:]:
        if not row or not row[0]:
            break
        found[row[0]] = dict(zip(keys, row[1:]))
    return found


def month_costs(sheets) -> tuple[dict[str, list[str]], int]:
    """option -> its cost column on the Months sheet (one text per row), and the rows."""
    rows = sheets["Months"]
    header = rows[0]
    columns = {o: header.index(f"{o}: cost") for o in cost.OPTIONS}
    return {o: [r[col] for r in rows[1:]] for o, col in columns.items()}, len(rows) - 1


def number_or_none(text: str) -> float | None:
    return None if text in ("none", "") else float(text)


def assert_case(sheets, inputs: dict, draws_exported: bool = True) -> None:
    """Every figure of the business case in the workbook, against the engine's for ``inputs``
    (the risk run's too, for a workbook as exported: its draws are values)."""
    engine = calculators.run("business_case", inputs)["outputs"]
    term = engine["term_months"]
    months, rows = month_costs(sheets)
    assert rows == business_case.MAX_TERM_MONTHS  # rows for the longest term ...
    found = results(sheets)
    for o in cost.OPTIONS:
        for m, expected in enumerate(engine["monthly"][o], start=1):
            assert float(months[o][m - 1]) == pytest.approx(expected, abs=0.005), (inputs, o, m)  # to the cent
        assert set(months[o][term:]) <= {""}, (o, "rows past the term are blank")  # ... blank past the term
        assert float(found["Total over the term"][o]) == pytest.approx(engine["total"][o], abs=0.005), o
        assert float(found["Present value"][o]) == pytest.approx(engine["present_value"][o], abs=0.005), o
        if o == "in_house":
            continue
        assert float(found["Saving against in-house, present value"][o]) == pytest.approx(
            engine["saving_present_value"][o], abs=0.005), o
        payback = found["Payback month (the saving holds from then to the end)"][o]
        assert number_or_none(payback) == engine["payback_month"][o], (inputs, o)
        assert number_or_none(found["Discounted payback month"][o]) == engine["discounted_payback_month"][o], (inputs, o)
        irr = number_or_none(found["IRR of the monthly savings, % a year"][o])
        if engine["irr_percent"][o] is None:
            assert irr is None, (inputs, o)
        else:
            assert irr == pytest.approx(engine["irr_percent"][o], rel=1e-6, abs=1e-6), (inputs, o)
    cheapest_row = next(r for r in sheets["Results"] if r and r[0].startswith("Cheapest: the lowest present value"))
    assert cheapest_row[1] == engine["cheapest"]
    risk = {r[0]: r[1:] for r in sheets["Risk"][1:5]} if draws_exported else {}
    movers = [o for o in cost.OPTIONS if o != "in_house"]
    for key, label in (("p10", "P10 of the saving against in-house, present value"), ("p50", "P50 (median)"),
                       ("p90", "P90"), ("chance_cheaper_percent", "Chance it beats in-house, % of draws")):
        for o, text in zip(movers, risk.get(label, ())):
            assert float(text) == pytest.approx(engine["risk"][o][key], abs=0.005), (inputs, o, key)
    # The Inputs sheet marks, by formula, every input whose value is not the default.
    marked = {r[0] for r in sheets["Inputs"][1:] if len(r) > 5 and r[5] == "changed"}
    defaults = {f["key"]: f["default"] for f in calculators.spec("business_case")["fields"]}
    typed = calculators.run("business_case", inputs)["inputs"]
    assert marked == {k for k, v in typed.items() if v != defaults[k]}, inputs
    summary = {r[0]: r[1] for r in sheets["Summary"] if len(r) > 1 and r[0]}
    assert summary["Cheapest option over the term (lowest present value)"] == cost.LABELS[engine["cheapest"]]
    assert float(summary["Its present value"]) == pytest.approx(engine["present_value"][engine["cheapest"]], abs=0.005)


# ------------------------------------------------------------------------ the tests


def test_cost_formulas_find_the_engine_to_the_cent(computed):
    for n, inputs in enumerate(COST_CASES):
        formulas = cost_column(computed[f"cost{n}"])
        engine = calculators.run("cost", inputs)["outputs"]
        for option in COST_OPTIONS:
            assert formulas[option] == pytest.approx(engine[option], abs=0.005), (inputs, option)  # to the cent
        assert formulas["agents"] == engine["agents"]


def test_changing_an_input_moves_the_cost(computed):
    # 6,000 -> 12,000 tickets doubles the per-ticket price: 12,000 x 4.50 x 1.2 = 64,800.
    assert round(cost_column(computed["tickets"])["per_ticket_monthly"], 2) == 64_800.00


@pytest.mark.parametrize("n", range(len(CASE_CASES)))
def test_every_business_case_figure_is_a_formula_that_finds_the_engine(computed, n):
    assert_case(computed[f"case{n}"], CASE_CASES[n])


@pytest.mark.parametrize("n", range(len(EDITS)))
def test_an_auditor_changes_an_input_and_every_figure_follows(computed, n):
    changed = {**BASE, **{key: str(value) for key, value in EDITS[n].items()}}
    assert_case(computed[f"edit{n}"], changed, draws_exported=False)


def test_one_inputs_block_of_named_cells_without_repeated_labels():
    book = load_workbook(io.BytesIO(book_of({"business_case": {"term_months": "24"}, "cost": {"monthly_tickets": "100"}})))
    inputs = book["Inputs"]
    keys = [row[0].value for row in inputs.iter_rows(min_row=2)]
    labels = [row[1].value for row in inputs.iter_rows(min_row=2)]
    fields = [f["key"] for f in calculators.spec("business_case")["fields"]]
    assert keys == fields  # every business case input once, in the form's order
    assert len(set(labels)) == len(labels)
    for row, key in enumerate(keys, start=2):
        assert book.defined_names[key].attr_text == f"'Inputs'!$C${row}"
    changed = {row[0].value: row[5].value for row in inputs.iter_rows(min_row=2)}
    at = keys.index("term_months") + 2
    assert changed["term_months"] == f'=IF(C{at}=E{at},"","changed")'  # marks the value against the default, live
    # The business case's inputs are the one block: its 6,000 tickets, not the cost part's 100.
    assert inputs.cell(keys.index("monthly_tickets") + 2, 3).value == 6000
    assert inputs.cell(keys.index("term_months") + 2, 3).value == 24


def test_the_figures_are_formulas_and_the_options_are_the_engines():
    book = load_workbook(io.BytesIO(book_of({"business_case": {"term_months": "24"}})))
    cost_sheet = {row[0].value: row[2].value for row in book["Cost"].iter_rows(min_row=2)}
    assert cost_sheet["per_hour_monthly"] == "=billed_hours*hourly_rate*fees"
    assert cost_sheet["billed_hours"].startswith("=IF(ISBLANK(staffed_fte),monthly_tickets*aht_minutes/60")
    years = {row[0].value: [c.value for c in row[2:]] for row in book["Years"].iter_rows(min_row=2)}
    assert years["monthly_tickets"][:2] == ["=monthly_tickets*C3", "=monthly_tickets*D3"]
    assert len(years["grow"]) == -(-business_case.MAX_TERM_MONTHS // 12)  # a column for each year of the longest term
    months = book["Months"]
    assert [c.value for c in months[1][4:4 + len(cost.OPTIONS)]] == [f"{o}: cost" for o in cost.OPTIONS]
    assert months["C2"].value == "=$A2<=term_months"
    assert months["E2"].value.startswith("=IF($C2,INDEX(Years!$C$")
    assert months.max_row == business_case.MAX_TERM_MONTHS + 1
    results_sheet = book["Results"]
    assert [c.value for c in results_sheet[1][1:]] == [cost.LABELS[o] for o in cost.OPTIONS]
    assert all(isinstance(c.value, str) and c.value.startswith("=") for c in results_sheet[3][1:])
    summary = [row[1].value for row in book["Summary"].iter_rows() if row[1].value]
    assert "=term_months" in summary and "=discount_rate_percent" in summary  # the assumptions, live


def test_no_workbook_parts_still_a_valid_file():
    book = book_of({})
    assert zipfile.is_zipfile(io.BytesIO(book))
    # The SLA schedule travels even with nothing filled: the blank schedule's lines.
    assert load_workbook(io.BytesIO(book)).sheetnames == ["Summary", "Inputs", "SLA schedule"]


def test_the_sla_schedule_sheet_carries_the_schedules_lines_and_the_readers_kpis():
    from calculators import kpi

    book = load_workbook(io.BytesIO(playbook_workbook.write(json.dumps(pack_outputs({
        "kpi": {"chat_response_minutes": 70, "escalation_percent": 12, "csat_percent": ""}})))))
    rows = [list(r) for r in book["SLA schedule"].iter_rows(values_only=True)]
    assert rows[0] == list(kpi.SLA_HEADERS)
    lines = {r[0]: r for r in rows[1:]}
    # The 80/20 service level the staffing and cost calculators pay for, on voice and chat.
    assert lines["Voice service level"][2] == lines["Chat service level"][2] == "at least 80% within 20 seconds"
    # The reader's KPI figures and their status beside the targets: 70 minutes is past the
    # 60-minute line and within its 75-minute watch edge; 12% is inside the 10–15% band.
    assert lines["Live chat average response time"][2:] == ["at most 60 minutes", "60–75 minutes", "over 75 minutes",
                                                             "70 minutes (watch)"]
    assert lines["Escalation rate"][5] == "12% (watch)"
    assert lines["Customer satisfaction (CSAT)"][5] == "not measured"
    # Every line of the downloadable schedule's table is on the sheet, with the same target.
    import downloads

    table = list(csv.reader(io.StringIO(downloads.table_csv(downloads.render("sla-schedule")))))
    assert [(r[0], r[2]) for r in table[1:]] == [(r[0], r[2]) for r in rows[1:]]


def test_text_cells_are_defused_and_formulas_stay_live():
    # Text that reached the pack (its words, which can hold a vendor's name as typed) is
    # written as text even when it starts like a formula; the package's own formulas stay
    # formulas, and numbers stay numbers.
    attack = "-2+3+cmd|' /C calc'!A0"
    pack = pack_outputs({"business_case": {"volume_growth_percent": "-12.5"}})
    pack["recommendation"] = "=HYPERLINK(\"http://example.invalid\")"
    pack["summary"]["decision"] = attack
    pack["summary"]["risks"] = ["@SUM(1)"]
    book = load_workbook(io.BytesIO(playbook_workbook.write(json.dumps(pack))))
    said = {row[0].value: row[1] for row in book["Summary"].iter_rows() if row[0].value}
    assert (said["In short"].value, said["In short"].data_type) == ("'=HYPERLINK(\"http://example.invalid\")", "s")
    assert (said["Decision"].value, said["Decision"].data_type) == ("'" + attack, "s")
    assert said["Key risks"].value == "'@SUM(1)"
    inputs = {row[0].value: row[2] for row in book["Inputs"].iter_rows() if row[0].value}
    assert (inputs["volume_growth_percent"].value, inputs["volume_growth_percent"].data_type) == (-12.5, "n")
    assert book["Cost"]["C2"].data_type == "f" and book["Cost"]["C2"].value.startswith("=")
