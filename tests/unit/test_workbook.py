"""The decision pack's workbook (workbook/playbook_workbook): opened on the host by
LibreOffice (headless, Debian's libreoffice-calc-nogui), which computes its formulas; the
cost cells must land on the engine's figures to the cent, and move when an input changes."""
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

pytestmark = pytest.mark.office

OPTIONS = ("per_hour_monthly", "per_ticket_monthly", "per_fte_monthly", "blended_monthly", "in_house_monthly",
           "freelancer_monthly", "hybrid_monthly")


def pack_outputs(parts: dict) -> dict:
    result = calculators.run("decision_pack", {"parts": json.dumps({k: {"inputs": v} for k, v in parts.items()})})
    assert result["ok"], result
    return result["outputs"]


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
        check=True, capture_output=True, timeout=300)
    return [{path.stem.split("-", 1)[1]: list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
             for path in tmp_path.glob(f"{file.stem}-*.csv")} for file in files]


def computed(book: bytes, tmp_path: Path) -> dict[str, list[list[str]]]:
    return computed_all([book], tmp_path)[0]


def cost_column(sheets) -> dict[str, float]:
    return {row[0]: float(row[2]) for row in sheets["Cost"][1:] if row and row[2]}


def test_cost_formulas_find_the_engine_to_the_cent_and_follow_the_inputs(tmp_path):
    cases = [
        {"monthly_tickets": "6000"},
        {"monthly_tickets": "2500", "aht_minutes": "11", "complex_percent": "35", "hidden_cost_percent": "25"},
        {"monthly_tickets": "900", "staffed_fte": "4.5", "blended_base_fte": "3"},
    ]
    books = [playbook_workbook.write(json.dumps(pack_outputs({"cost": inputs}))) for inputs in cases]
    for inputs, sheets in zip(cases, computed_all(books, tmp_path)):
        formulas = cost_column(sheets)
        engine = calculators.run("cost", inputs)["outputs"]
        for option in OPTIONS:
            if option in engine:
                assert formulas[option] == pytest.approx(engine[option], abs=0.005), (inputs, option)  # to the cent
        assert formulas["agents"] == engine["agents"]


def test_cells_are_formulas_over_named_inputs():
    book = load_workbook(io.BytesIO(playbook_workbook.write(json.dumps(pack_outputs({"cost": {}})))))
    cost = {row[0].value: row[2].value for row in book["Cost"].iter_rows(min_row=2)}
    assert cost["per_hour_monthly"] == "=billed_hours*hourly_rate*fees"
    assert cost["billed_hours"].startswith("=IF(ISBLANK(staffed_fte),monthly_tickets*aht_minutes/60")
    assert book.defined_names["monthly_tickets"].attr_text == "'Inputs'!$C$4"
    assert book["Inputs"]["C4"].value == 6000


def test_changing_an_input_moves_the_totals(tmp_path):
    # 6,000 -> 12,000 tickets doubles the per-ticket price: 12,000 x 4.50 x 1.2 = 64,800.
    book = load_workbook(io.BytesIO(playbook_workbook.write(json.dumps(pack_outputs({"cost": {"monthly_tickets": 6000}})))))
    book["Inputs"]["C4"] = 12000
    changed = io.BytesIO()
    book.save(changed)
    formulas = cost_column(computed(changed.getvalue(), tmp_path))
    assert round(formulas["per_ticket_monthly"], 2) == 64_800.00


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
]


def case_rows(sheets) -> tuple[list[str], dict[str, list[str]]]:
    rows = sheets["Business case"]
    return rows[0], {r[0]: r for r in rows[1:] if r and r[0]}


def test_business_case_months_are_formulas_that_find_the_engine_to_the_cent(tmp_path):
    books = [playbook_workbook.write(json.dumps(pack_outputs({"business_case": inputs}))) for inputs in CASE_CASES]
    for inputs, sheets in zip(CASE_CASES, computed_all(books, tmp_path)):
        engine = calculators.run("business_case", inputs)["outputs"]
        header, rows = case_rows(sheets)
        for col, option in enumerate(header[1:], start=1):
            for m, expected in enumerate(engine["monthly"][option], start=1):
                assert float(rows[str(m)][col]) == pytest.approx(expected, abs=0.005), (inputs, option, m)
            assert float(rows["Total"][col]) == pytest.approx(engine["total"][option], abs=0.005), option
            assert float(rows["Present value"][col]) == pytest.approx(engine["present_value"][option], abs=0.005)


def test_business_case_cells_are_formulas_over_the_years_sheet():
    outputs = pack_outputs({"business_case": {"term_months": "24"}})
    book = load_workbook(io.BytesIO(playbook_workbook.write(json.dumps(outputs))))
    years = {row[0].value: [c.value for c in row[2:]] for row in book["Years"].iter_rows(min_row=2)}
    assert years["monthly_tickets"] == ["=case_monthly_tickets*C3", "=case_monthly_tickets*D3"]
    assert years["grow"][1] == "=(1+case_volume_growth_percent/100)^D2"
    assert years["per_hour_monthly"][0] == "=C17*C8*C16"  # billed hours x that year's hourly rate x fees
    case = book["Business case"]
    assert case["B2"].value.startswith("=Years!C")  # month 1 of the per-hour option
    assert case["B2"].value.endswith("+case_transition_cost")
    assert case["B14"].value.startswith("=Years!D")  # month 13: the second contract year
    assert "case_transition_cost" not in case["B3"].value


def test_changing_a_business_case_input_moves_every_month(tmp_path):
    # The workbook of the 0%-growth defaults, then growth typed as 10% on its Inputs sheet,
    # must compute what the engine computes for 10% growth.
    base = {"monthly_tickets": "6000", "term_months": "36"}
    book = load_workbook(io.BytesIO(playbook_workbook.write(json.dumps(pack_outputs({"business_case": base})))))
    growth = book.defined_names["case_volume_growth_percent"].attr_text.split("!")[1].replace("$", "")
    book["Inputs"][growth] = 10
    changed = io.BytesIO()
    book.save(changed)
    header, rows = case_rows(computed(changed.getvalue(), tmp_path))
    engine = calculators.run("business_case", {**base, "volume_growth_percent": "10"})["outputs"]
    for col, option in enumerate(header[1:], start=1):
        assert float(rows["Total"][col]) == pytest.approx(engine["total"][option], abs=0.005), option
        assert float(rows["25"][col]) == pytest.approx(engine["monthly"][option][24], abs=0.005), option


def test_no_workbook_parts_still_a_valid_file():
    book = playbook_workbook.write(json.dumps(pack_outputs({})))
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
    # Text that reached the pack (a recommendation, an input echoed as typed, a section's
    # title) is written as text even when it starts like a formula; the package's own
    # formulas stay formulas.
    attack = "-2+3+cmd|' /C calc'!A0"
    pack = pack_outputs({"cost": {}})
    pack["recommendation"] = "=HYPERLINK(\"http://example.invalid\")"
    pack["sections"] = [{"title": "@SUM(1)", "status": "filled"}]
    pack["workbook"]["cost"]["inputs"]["note"] = attack
    pack["workbook"]["cost"]["inputs"]["negative"] = -12.5
    book = load_workbook(io.BytesIO(playbook_workbook.write(json.dumps(pack))))
    summary = book["Summary"]
    assert (summary["A3"].value, summary["A3"].data_type) == ("'=HYPERLINK(\"http://example.invalid\")", "s")
    assert summary["A5"].value == "'@SUM(1): filled"
    inputs = {row[0].value: row[2] for row in book["Inputs"].iter_rows() if row[0].value}
    assert (inputs["note"].value, inputs["note"].data_type) == ("'" + attack, "s")
    assert (inputs["negative"].value, inputs["negative"].data_type) == (-12.5, "n")
    assert book["Cost"]["C2"].data_type == "f" and book["Cost"]["C2"].value.startswith("=")
