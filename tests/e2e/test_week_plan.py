"""Issue 11's browser checks on the week plan: paste a table, pick a file (the file chooser),
progress and cancel on a large file, the heatmap's table, and the reverse mode on staffing."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from tests.e2e.helpers import calculator_url, output, wait_output_change, wait_ready, wait_state

pytestmark = pytest.mark.browser
FORM = 'form[data-calculator="week_plan"]'
HAND_WEEK = "day\tstart\tcontacts\nMon\t09:00\t100\nMon\t09:30\t50\nMon\t10:00\t0\n"


def _export(path, rows: int) -> None:
    rng = random.Random(5)
    start = dt.datetime(2026, 3, 2)  # a Monday; four weeks
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("Ticket ID,Subject,Created at,Status\r\n")
        for k in range(rows):
            moment = start + dt.timedelta(seconds=rng.randrange(0, 28 * 86400))
            f.write(f'{k},"Printer, again",{moment:%Y-%m-%dT%H:%M:%S}Z,solved\r\n')


def test_paste_a_table_and_read_the_heatmap_table(page, site_url):
    page.goto(calculator_url(site_url, "week_plan"))
    wait_ready(page, "week_plan")
    page.fill(f"{FORM} [name='volumes']", HAND_WEEK)
    # The hand-worked example of the page: 14 and 8 agents, 11 agent hours, peak 14.
    page.wait_for_function(
        "() => document.querySelector('[data-result=\"week_plan\"] [data-output=\"agent_hours\"]').dataset.value === '11.0'")
    assert output(page, "week_plan", "peak_agents") == "14"
    assert output(page, "week_plan", "peak_agent_hours") == "14.0"
    table = page.locator(f"{FORM} table", has=page.locator("caption", has_text="Agents needed by start time"))
    assert table.locator("thead th").all_inner_texts() == ["Start", "Mon"]
    # Trimmed to the hours with contacts: 10:00 has none.
    assert [row.locator("th, td").all_inner_texts() for row in table.locator("tbody tr").all()] == [
        ["09:00", "14"], ["09:30", "8"]]
    assert page.locator(f"{FORM} .calc-heatmap-grid rect title").first.text_content() == "Mon 09:00: 14 agents for 100 contacts"
    cost = page.locator(f"{FORM} a.calc-link", has_text="Cost this plan")
    assert "cost.staffed_fte=0.39" in cost.get_attribute("href")


def test_bad_paste_gets_a_message_beside_the_box(page, site_url):
    page.goto(calculator_url(site_url, "week_plan"))
    wait_ready(page, "week_plan")
    page.fill(f"{FORM} [name='volumes']", "day,start,contacts\nMon,09:00,-4")
    wait_state(page, "week_plan", ("invalid",))
    assert page.locator(f"{FORM} [data-error-for='volumes']").inner_text() == \
        "Row 2: the number of contacts cannot be negative (“-4”)."


def test_pick_a_file_with_the_file_chooser(page, site_url, tmp_path):
    csv_file = tmp_path / "export.csv"
    csv_file.write_text("Created at\n2026-03-29T00:30:00Z\n2026-03-29T01:30:00Z\n2026-03-22T12:10:00Z\n", encoding="utf-8")
    page.goto(calculator_url(site_url, "week_plan"))
    wait_ready(page, "week_plan")
    page.fill(f"{FORM} [name='time_zone']", "Europe/Paris")
    with page.expect_file_chooser() as chooser:
        page.locator(f"{FORM} [data-volumes-file] input[type=file]").click()
    chooser.value.set_files(str(csv_file))
    page.wait_for_function("() => document.querySelector('[data-volumes-progress]').textContent.startsWith('Read 3 contacts')")
    # Sun 22 to Sun 29 March: Sundays twice. 00:30Z -> 01:30 (UTC+1), 01:30Z -> 03:30 (UTC+2 after the
    # change), 12:10Z on the 22nd -> 13:00 (UTC+1): each is 1 contact over 2 Sundays = 0.5.
    volumes = page.locator(f"{FORM} [name='volumes']").input_value()
    assert "Sun,01:30,0.5" in volumes and "Sun,03:30,0.5" in volumes and "Sun,13:00,0.5" in volumes
    # The form computes from the table: 0.5 contacts a half hour is 0.05 erlangs, 1 agent; 3 × 0.5 h.
    page.wait_for_function(
        "() => document.querySelector('[data-result=\"week_plan\"] [data-output=\"agent_hours\"]').dataset.value === '1.5'")
    assert output(page, "week_plan", "peak_agents") == "1"


def test_a_file_that_is_not_text(page, site_url, tmp_path):
    pdf = tmp_path / "report.csv"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    page.goto(calculator_url(site_url, "week_plan"))
    wait_ready(page, "week_plan")
    page.locator(f"{FORM} [data-volumes-file] input[type=file]").set_input_files(str(pdf))
    page.wait_for_function("() => document.querySelector('[data-error-for=\"volumes\"]').textContent.includes('PDF')")


def test_progress_on_a_large_file_then_cancel(page, site_url, tmp_path):
    big = tmp_path / "year.csv"
    _export(big, 300_000)  # about 15 MB: many 1 MB slices
    page.goto(calculator_url(site_url, "week_plan"))
    wait_ready(page, "week_plan")
    before = page.locator(f"{FORM} [name='volumes']").input_value()
    page.locator(f"{FORM} [data-volumes-file] input[type=file]").set_input_files(str(big))
    page.wait_for_function("() => /^[0-9,]+ rows read$/.test(document.querySelector('[data-volumes-progress]').textContent)")
    assert page.locator(f"{FORM} [data-volumes-bar]").is_visible()
    page.locator(f"{FORM} [data-action='cancel-file']").click()
    page.wait_for_function("() => document.querySelector('[data-volumes-progress]').textContent.startsWith('Reading canceled')")
    assert page.locator(f"{FORM} [name='volumes']").input_value() == before
    assert not page.locator(f"{FORM} [data-volumes-bar]").is_visible()


def test_a_large_file_read_to_the_end(page, site_url, tmp_path):
    big = tmp_path / "month.csv"
    _export(big, 100_000)
    page.goto(calculator_url(site_url, "week_plan"))
    wait_ready(page, "week_plan")
    page.locator(f"{FORM} [data-volumes-file] input[type=file]").set_input_files(str(big))
    page.wait_for_function(
        "() => document.querySelector('[data-volumes-progress]').textContent.startsWith('Read 100,000 contacts')",
        timeout=120_000)
    assert page.locator(f"{FORM} [name='volumes']").input_value().count("\n") == 1 + 7 * 48


def test_staffing_reverse_mode(page, site_url):
    page.goto(calculator_url(site_url, "staffing"))
    wait_ready(page, "staffing")
    page.fill('form[data-calculator="staffing"] [name="agents_offered"]', "12")
    page.wait_for_function(
        "() => document.querySelector('[data-result=\"staffing\"] [data-output=\"offered_service_level_percent\"]')")
    assert round(float(output(page, "staffing", "offered_service_level_percent")), 1) == 64.0  # the page's worked table
    assert output(page, "staffing", "agents") == "14"
