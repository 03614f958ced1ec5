"""Issue 22's browser checks: a history file in, the chart and the tables shown, the hand-over
of the first forecast week to the week plan (through this browser's store, not the address),
and a message by the field for a history that is too short."""
from __future__ import annotations

import datetime as dt

import pytest

import calculators
from tests.e2e.helpers import calculator_url, wait_ready, wait_state

pytestmark = pytest.mark.browser
FORM = 'form[data-calculator="forecast"]'
PLAN = 'form[data-calculator="week_plan"]'
FIRST = dt.date(2026, 3, 2)  # a Monday; four weeks to Sunday 29 March


def _export(path) -> None:
    # Every Monday 20 contacts, every other day 10, all between 09:00 and 09:19: a pure weekly
    # pattern, which the forecast repeats exactly (the page's worked example, in contacts):
    # Mondays 20, other days 10, all in the 09:00 interval, with no error to widen the range.
    lines = ["Ticket ID,Created at"]
    for n in range(28):
        day = FIRST + dt.timedelta(days=n)
        for minute in range(20 if day.weekday() == 0 else 10):
            lines.append(f"{len(lines)},{day}T09:{minute:02d}:00")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _value_is(page, key: str, expected: float, name: str = "forecast") -> None:
    page.wait_for_function(
        """([name, key, expected]) => {
            const form = document.querySelector(`form[data-calculator="${name}"]`);
            const el = document.querySelector(`[data-result="${name}"] [data-output="${key}"]`);
            return form !== null && form.dataset.state === "ready" && el && Math.abs(Number(el.dataset.value) - expected) < 1e-6;
        }""", arg=[name, key, expected], timeout=90_000)


def test_a_file_in_the_chart_and_table_then_the_week_plan_at_p90(page, site_url, tmp_path):
    export = tmp_path / "tickets.csv"
    _export(export)
    page.goto(calculator_url(site_url, "forecast"))
    wait_ready(page, "forecast")
    page.locator(f"{FORM} [data-volumes-file] input[type=file]").set_input_files(str(export))
    page.wait_for_function(
        "() => document.querySelector('[data-volumes-progress]').textContent.startsWith('Read 320 contacts')")
    history = page.locator(f"{FORM} [name='history']").input_value()
    assert history.splitlines()[:3] == ["day,start,contacts", "2026-03-02,09:00,20", "2026-03-03,09:00,10"]
    # The first forecast day is Monday 30 March: 20 contacts, P10 = P50 = P90.
    _value_is(page, "days.0.p50", 20)
    _value_is(page, "days.0.p90", 20)
    _value_is(page, "days.1.p50", 10)
    assert page.locator(f"{FORM} svg.calc-band-chart polyline[data-series='history']").count() >= 1
    assert page.locator(f"{FORM} svg.calc-band-chart polyline[data-series='forecast']").count() == 1
    daily = page.locator(f"{FORM} table", has=page.locator("caption", has_text="the forecast and its range"))
    assert daily.locator("tbody tr").count() == 28  # four weeks, the default
    assert daily.locator("tbody tr").first.locator("th, td").all_inner_texts() == ["2026-03-30", "Mon", "20", "20", "20"]

    page.locator(f"{FORM} a.calc-link", has_text="Plan this week at P90").click()
    page.wait_for_url("**/calculators/week_plan/?week_plan.from=forecast_p90*")
    # The week plan fills Volumes from the forecast kept in this browser; the link carries no table.
    week = "day,start,contacts\n" + "\n".join(
        f"{FIRST + dt.timedelta(days=28 + n)},09:00,{20 if n == 0 else 10}.00" for n in range(7)) + "\n"
    expected = calculators.run("week_plan", {"volumes": week})["outputs"]
    page.wait_for_function(
        """([week, hours]) => {
            const form = document.querySelector('form[data-calculator="week_plan"]');
            const out = document.querySelector('[data-result="week_plan"] [data-output="agent_hours"]');
            // instant navigation changes the address before it swaps the page in
            return form !== null && form.elements.namedItem("volumes").value === week && form.dataset.state === "ready"
                && out && Math.abs(Number(out.dataset.value) - hours) < 1e-9;
        }""", arg=[week, expected["agent_hours"]], timeout=90_000)
    assert page.locator(f"{PLAN} [data-volumes-progress]").inner_text().endswith("at P90.")
    peak = page.locator('[data-result="week_plan"] [data-output="peak_agents"]').first.get_attribute("data-value")
    assert peak == str(expected["peak_agents"])


def test_too_short_a_history_is_a_message_by_the_field(page, site_url):
    page.goto(calculator_url(site_url, "forecast"))
    wait_ready(page, "forecast")
    days = "\n".join(f"{FIRST + dt.timedelta(days=n)},09:00,10" for n in range(13))
    page.fill(f"{FORM} [name='history']", "day,start,contacts\n" + days)
    wait_state(page, "forecast", ("invalid",))
    page.wait_for_function(
        "() => document.querySelector('[data-error-for=\"history\"]').textContent.includes('13 days with data')")
