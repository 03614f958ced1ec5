"""Issue 11's browser checks on the week plan: paste a table, pick a file (the file chooser),
progress and cancel on a large file, the heatmap's table, and the reverse mode on staffing."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from tests.e2e.helpers import calculator_url, output, wait_ready, wait_state

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
    cost = page.locator(f"{FORM} a.calc-link")
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


@pytest.mark.deep  # 100,000 rows; make test reads a large file in slices and cancels it (above)
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


# ------------------------------------------------- issue 20: the file chooser with real exports

RESULT = '[data-result="week_plan"]'


def _choose(page, path) -> None:
    page.locator(f"{FORM} [data-volumes-file] input[type=file]").set_input_files(str(path))


def _open_and_choose(page, site_url, path, text: str | bytes) -> None:
    """Writes the file, opens the week plan, waits for the engine and chooses the file."""
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    page.goto(calculator_url(site_url, "week_plan"))
    wait_ready(page, "week_plan")
    _choose(page, path)


def _wait_agent_hours(page, value: str) -> None:
    page.wait_for_function(
        """(value) => document.querySelector('form[data-calculator="week_plan"]').dataset.state === 'ready'
             && document.querySelector('[data-result="week_plan"] [data-output="agent_hours"]').dataset.value === value""",
        arg=value)


def _wait_held(page, field: str, words: str) -> None:
    """The form refused, the message by its field, the last plan dimmed and the status line saying why."""
    page.wait_for_function(
        """([field, words]) => {
            const form = document.querySelector('form[data-calculator="week_plan"]');
            const slot = form.querySelector(`[data-error-for="${field}"]`);
            return form.dataset.state === 'invalid' && slot.textContent.includes(words)
              && form.querySelector('[data-report]').hasAttribute('data-stale')
              && form.querySelector('[data-status]').textContent.includes(words);
        }""",
        arg=[field, words])


def test_a_file_that_needs_a_column_gives_a_plan_through_the_file_chooser(page, site_url, tmp_path):
    two_counts = tmp_path / "queues.csv"
    _open_and_choose(page, site_url, two_counts, "day,start,calls,chats\nMon,09:00,100,5\nMon,09:30,50,3\nMon,10:00,0,1\n")
    _wait_held(page, "column", "Several columns could hold the number of contacts")
    # Typing the column re-reads the chosen file: the hand-worked 14 + 8 agents, 11 agent hours.
    page.fill(f"{FORM} [name='column']", "calls")
    page.locator(f"{FORM} [name='column']").press("Tab")
    _wait_agent_hours(page, "11.0")
    assert page.locator(f"{FORM} [name='volumes']").input_value() == "day,start,contacts\nMon,09:00,100\nMon,09:30,50\nMon,10:00,0\n"
    # Choosing it again with the column typed: the same plan.
    _choose(page, two_counts)
    page.wait_for_function("() => document.querySelector('[data-volumes-progress]').textContent === 'Read 3 intervals.'")
    _wait_agent_hours(page, "11.0")
    # Clearing the column: a real message by the field, and the plan dimmed, and it stays so.
    page.fill(f"{FORM} [name='column']", "")
    page.locator(f"{FORM} [name='column']").press("Tab")
    _wait_held(page, "column", "Several columns could hold the number of contacts")
    assert "could not be read: see the message by the field" in page.locator("[data-volumes-progress]").inner_text()
    # Typing chats instead: 5, 3 and 1 chats.
    page.fill(f"{FORM} [name='column']", "chats")
    page.locator(f"{FORM} [name='column']").press("Tab")
    page.wait_for_function(
        "() => document.querySelector('form[data-calculator=\"week_plan\"] [name=\"volumes\"]').value.includes('Mon,10:00,1')")
    page.wait_for_function("() => document.querySelector('form[data-calculator=\"week_plan\"]').dataset.state === 'ready'")
    assert not page.locator(f"{FORM} [data-report]").get_attribute("data-stale")


def test_fixing_the_date_order_reads_the_refused_file_again(page, site_url, tmp_path):
    # 03/04/2026 could be 3 April or 4 March: the file is refused on Date order.
    _open_and_choose(page, site_url, tmp_path / "export.csv", "Created at\n03/04/2026 09:00\n03/04/2026 09:10\n")
    _wait_held(page, "date_order", "Choose the order in Date order")
    page.select_option(f"{FORM} [name='date_order']", "dmy")
    # 3 April 2026 is a Friday: two contacts in Fri 09:00.
    page.wait_for_function(
        "() => document.querySelector('[data-volumes-progress]').textContent.startsWith('Read 2 contacts from 2026-04-03')")
    page.wait_for_function("() => document.querySelector('form[data-calculator=\"week_plan\"]').dataset.state === 'ready'")
    assert "Fri,09:00,2\n" in page.locator(f"{FORM} [name='volumes']").input_value()


def test_a_refused_file_dims_the_old_plan_and_says_why(page, site_url, tmp_path):
    page.goto(calculator_url(site_url, "week_plan"))
    wait_ready(page, "week_plan")
    page.fill(f"{FORM} [name='volumes']", HAND_WEEK)
    _wait_agent_hours(page, "11.0")
    pdf = tmp_path / "report.csv"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    _choose(page, pdf)
    _wait_held(page, "volumes", "This file is a PDF")
    assert page.locator(f"{FORM} [data-status]").inner_text().startswith("Not recalculated: This file is a PDF")
    # Typing in Volumes lets the form compute again.
    page.fill(f"{FORM} [name='volumes']", "day,start,contacts\nMon,09:00,100\n")
    _wait_agent_hours(page, "7.0")  # 14 agents × 0.5 h


def test_excel_windows_1252_and_unicode_text_files_are_read(page, site_url, tmp_path):
    # Excel's "CSV" on Windows: cp1252 (the é of Café is byte 0xE9), semicolons, decimal commas;
    # "100,0" was read as 1,000 before. The hand-worked week: 14 + 8 agents, 11 agent hours.
    _open_and_choose(page, site_url, tmp_path / "windows.csv",
                     "Day;Start;Calls;Team\nMon;09:00;100,0;Café\nMon;09:30;50,5;Café\n".encode("cp1252"))
    page.wait_for_function(
        "() => document.querySelector('[data-volumes-progress]').textContent.includes('decimal commas (24,75 is 24.75)')")
    assert page.locator(f"{FORM} [name='volumes']").input_value() == "day;start;contacts\nMon;09:00;100\nMon;09:30;50,5\n"
    page.wait_for_function(
        "() => document.querySelector('[data-result=\"week_plan\"]').textContent.includes('read with a decimal comma')")
    # 50.5 contacts: 5.05 erlangs; like 50 (hand-worked: 8 agents), so (14 + 8) × 0.5 = 11 agent hours.
    _wait_agent_hours(page, "11.0")
    unicode_text = tmp_path / "unicode.txt"
    unicode_text.write_bytes("Day\tStart\tCalls\nMon\t09:00\t100\nTue\t09:00\t100\n".encode("utf-16"))
    _choose(page, unicode_text)
    page.wait_for_function("() => document.querySelector('[data-volumes-progress]').textContent === 'Read 2 intervals.'")
    _wait_agent_hours(page, "14.0")  # 14 agents × 0.5 h, twice
