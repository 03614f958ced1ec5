"""Issue 23's browser checks on the shifts page: the hand-over from the week plan through the
browser's store (never the address), the coverage chart and the shift table, the hand-over
of the roster's FTE to cost, and a picked file that is not a requirement table."""
from __future__ import annotations

import pytest

import calculators
from tests.e2e.helpers import calculator_url, output, wait_ready, wait_state

pytestmark = pytest.mark.browser
FORM = 'form[data-calculator="shifts"]'
PLAN = 'form[data-calculator="week_plan"]'
VOLUMES = "day,start,contacts\n" + "\n".join(
    f"{day},{hour:02d}:{minute:02d},{count}" for day in ("Mon", "Tue")
    for hour, count in ((9, 40), (10, 80), (11, 100), (12, 60), (13, 40), (14, 30), (15, 30), (16, 20))
    for minute in (0, 30))


def _expected_roster() -> dict:
    """The roster the hand-over must show: the week plan of VOLUMES computed on the host, its
    agents per interval as the requirement."""
    plan = calculators.run("week_plan", {"volumes": VOLUMES})["outputs"]
    requirement = "day,start,agents\n" + "\n".join(f"{i['day']},{i['start']},{i['agents']}" for i in plan["intervals"])
    return calculators.run("shifts", {"requirement": requirement})["outputs"]


def _wait_value(page, name: str, key: str, value) -> None:
    """Waits for the settled form showing ``value`` for output ``key``."""
    page.wait_for_function(
        """([name, key, value]) => {
            const form = document.querySelector(`form[data-calculator="${name}"]`);
            const el = document.querySelector(`[data-result="${name}"] [data-output="${key}"]`);
            return form && form.dataset.state === "ready" && el && el.dataset.value === value;
        }""", arg=[name, key, str(value)], timeout=90_000)


def test_hand_over_from_the_week_plan_through_the_browser(page, site_url):
    expected = _expected_roster()
    page.goto(calculator_url(site_url, "week_plan"))
    wait_ready(page, "week_plan")
    page.fill(f"{PLAN} [name='volumes']", VOLUMES)
    plan = calculators.run("week_plan", {"volumes": VOLUMES})["outputs"]
    _wait_value(page, "week_plan", "agent_hours", plan["agent_hours"])
    link = page.locator(f"{PLAN} a.calc-link", has_text="Shifts for this plan")
    assert link.get_attribute("href").endswith("calculators/shifts/?shifts.from=week_plan")
    link.click()
    page.wait_for_url("**/calculators/shifts/?shifts.from=week_plan")
    _wait_value(page, "shifts", "required_agent_hours", expected["required_agent_hours"])
    _wait_value(page, "shifts", "scheduled_agent_hours", expected["scheduled_agent_hours"])
    assert output(page, "shifts", "agents_needed") == str(expected["agents_needed"])
    assert page.locator(f"{FORM} [name='requirement']").input_value().startswith("day,start,agents\nMon,09:00,")
    assert "Filled from your latest week plan" in page.locator(f"{FORM} [data-requirement-status]").inner_text()
    # The table went through the browser's store, never the address (the form writes its inputs
    # there once the reader's edit is shown: wait for that, then look).
    page.wait_for_function("() => location.search.includes('shifts.shift_hours=')")
    assert "requirement" not in page.url and "Mon" not in page.url


def test_chart_and_shift_table(page, site_url):
    requirement = "day,start,agents\nMon,06:00,2\n" + "\n".join(
        f"Mon,{h:02d}:{m:02d},{3 if 10 <= h < 14 else 2}" for h in range(8, 16) for m in (0, 30))
    inputs = {"requirement": requirement, "earliest_start": "08:00", "latest_end": "18:00"}
    expected = calculators.run("shifts", inputs)["outputs"]
    page.goto(calculator_url(site_url, "shifts"))
    wait_ready(page, "shifts")
    page.fill(f"{FORM} [name='earliest_start']", "08:00")
    page.fill(f"{FORM} [name='latest_end']", "18:00")
    page.fill(f"{FORM} [name='requirement']", requirement)
    _wait_value(page, "shifts", "scheduled_agent_hours", expected["scheduled_agent_hours"])
    chart = page.locator(f"{FORM} figure.calc-chart--coverage")
    assert chart.get_attribute("data-short-intervals") == "1"  # Mon 06:00, before the window opens
    assert chart.locator("rect[data-short]").get_attribute("data-short") == "Mon 06:00"
    table = page.locator(f"{FORM} table", has=page.locator("caption", has_text="Shifts by day and start"))
    rows = [row.locator("th, td").all_inner_texts() for row in table.locator("tbody tr").all()]
    assert [(r[0], r[1], r[2], r[5]) for r in rows] == [
        (s["day"], s["start"], s["end"], str(s["agents"])) for s in expected["shifts"]]
    short = page.locator(f"{FORM} table", has=page.locator("caption", has_text="Intervals left short"))
    assert short.locator("tbody tr th").all_inner_texts() == ["Mon"]
    assert "outside the shift window" in short.locator("tbody tr").inner_text()


def test_cost_this_roster_hands_its_fte_to_cost(page, site_url):
    fte = round(calculators.run("shifts", {})["outputs"]["fte"], 2)
    page.goto(calculator_url(site_url, "shifts"))
    wait_ready(page, "shifts")
    page.locator(f"{FORM} a.calc-link", has_text="Cost this roster:").click()
    page.wait_for_url(f"**/calculators/cost/?cost.staffed_fte={fte}")
    page.wait_for_function(
        """(text) => {
            const form = document.querySelector('form[data-calculator="cost"]');
            return form && form.dataset.state === "ready" &&
                form.querySelector("[data-report]").textContent.includes(text);
        }""", arg="Vendors bill the hours they schedule", timeout=90_000)
    assert page.locator("form[data-calculator='cost'] [name='staffed_fte']").input_value() == str(fte)


def test_a_picked_file_that_is_not_a_requirement_table(page, site_url, tmp_path):
    pdf = tmp_path / "roster.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    page.goto(calculator_url(site_url, "shifts"))
    wait_ready(page, "shifts")
    page.locator(f"{FORM} [data-requirement-file] input[type=file]").set_input_files(str(pdf))
    wait_state(page, "shifts", ("invalid",))
    assert "PDF" in page.locator(f"{FORM} [data-error-for='requirement']").inner_text()
