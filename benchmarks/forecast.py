"""Forecast benchmark (printed by ``make bench``, never asserted): a year of daily history
fitted and backtested, on the host and in the browser's engine; and a year of a
200,000-contacts-a-month export (2.4 million rows) read as a dated history, on the host and
in the browser (picked as a file, read by the worker in slices). Set SSP_SITE_DIR to reuse a
built site (built for the port it names).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import calculators  # noqa: E402
from calculators import forecast  # noqa: E402
from calculators.core import volumes  # noqa: E402
from tests.support.browser import CHROMIUM, LAUNCH_ARGS  # noqa: E402
from tests.support.build import build_site  # noqa: E402
from tests.support.server import SiteServer, free_port, site_port  # noqa: E402

EXPORT_ROWS = 2_400_000  # a year at 200,000 contacts a month
RUNS = 5
PATTERN = (1.25, 1.05, 1.0, 0.95, 0.85, 0.35, 0.2)


def year_table() -> str:
    """A year of half-hour intervals 08:00-18:00, with a weekly pattern, growth and noise."""
    rng = random.Random(3)
    rows = ["day,start,contacts"]
    first = dt.date(2025, 12, 1)
    for n in range(364):
        day = first + dt.timedelta(days=n)
        total = (500 + 0.5 * n) * PATTERN[day.weekday()]
        for k in range(20):
            rows.append(f"{day},{8 + k // 2:02d}:{30 * (k % 2):02d},{max(0, round(rng.gauss(total / 20, 3)))}")
    return "\n".join(rows)


def export_file(path: Path, rows: int = EXPORT_ROWS) -> None:
    """One row per contact, its creation time only (the smallest export: 17 bytes a row)."""
    rng = random.Random(11)
    start = dt.datetime(2025, 12, 1)
    step = 364 * 86400 / rows
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("created_at\n")
        for k in range(rows):
            moment = start + dt.timedelta(seconds=int(k * step + rng.random() * step))
            f.write(f"{moment:%Y-%m-%d %H:%M}\n")


def host(path: Path) -> dict:
    history = volumes.read_dated(year_table())
    y = [v for _d, v in history.days]
    fits, runs, fits_cpu, runs_cpu = [], [], [], []  # CPU: what it costs, whatever else shares the machine
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        tested = forecast.backtest(y, 4, dt.date(2026, 12, 1))
        forecast._forecast_days(y, forecast.MODEL, 4, dt.date(2026, 12, 1))
        fits.append(time.perf_counter() - start)
        fits_cpu.append(time.process_time() - start_cpu)
    inputs = {"history": year_table(), "weeks_ahead": 4}
    for n in range(RUNS):
        forecast._compute.cache_clear()
        forecast._history.cache_clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        assert calculators.run("forecast", inputs)["ok"]
        runs.append(time.perf_counter() - start)
        runs_cpu.append(time.process_time() - start_cpu)
    start, start_cpu = time.perf_counter(), time.process_time()
    counter = volumes.Counter()
    with path.open(encoding="utf-8", newline="") as f:
        while chunk := f.read(1 << 20):
            counter.feed(chunk)
    dated = counter.dated()
    read_s, read_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    assert len(dated.days) == 364, len(dated.days)
    return {"fit_backtest_ms": statistics.median(fits) * 1000, "run_year_table_ms": statistics.median(runs) * 1000,
            "fit_backtest_cpu_ms": statistics.median(fits_cpu) * 1000, "run_year_table_cpu_ms": statistics.median(runs_cpu) * 1000,
            "backtest": {"wmape": tested.wmape_percent, "naive": tested.naive_wmape_percent},
            "read_export_s": read_s, "read_export_cpu_s": read_cpu, "file_mb": path.stat().st_size / 1e6}


def browser(site: Path, path: Path) -> dict:
    from playwright.sync_api import sync_playwright

    with SiteServer(site, port=site_port(site)) as server, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = chromium.new_page()
        page.goto(server.url + "calculators/forecast/")
        page.wait_for_selector('form[data-calculator="forecast"][data-state="ready"]', state="attached", timeout=120_000)
        # The tab's engine, through the same module the page scripts import. Each run's text
        # starts with its own comment line (the reader skips it), so nothing is remembered.
        runs = page.evaluate("""async (table) => {
            const script = document.querySelector('script[type="module"][src$="javascripts/calculators.js"]');
            const { tabEngine } = await import(new URL('engine/client.js', script.src).href);
            const engine = tabEngine();
            const times = [];
            for (let i = 0; i < 6; i++) {
                const start = performance.now();
                const result = await engine.run("forecast", {history: `# run ${i}\\n` + table, weeks_ahead: 4});
                if (!result.ok) throw new Error(JSON.stringify(result.errors));
                times.push(performance.now() - start);
            }
            return times.slice(1);
        }""", year_table())
        start = time.perf_counter()
        page.locator("[data-volumes-file] input[type=file]").set_input_files(str(path))
        page.wait_for_function(
            "() => document.querySelector('[data-volumes-progress]').textContent.startsWith('Read 2,400,000')",
            timeout=900_000, polling=100)
        read_s = time.perf_counter() - start
        page.wait_for_function(
            "() => document.querySelector('form[data-calculator=\"forecast\"]').dataset.state === 'ready'"
            " && document.querySelector('[data-output=\"days.0.p50\"]')", timeout=120_000, polling=50)
        read_and_forecast_s = time.perf_counter() - start
        chromium.close()
    return {"run_year_table_ms": statistics.median(runs), "read_export_s": read_s,
            "read_and_forecast_s": read_and_forecast_s}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ssp-forecast-") as tmp:
        tmp = Path(tmp)
        path = tmp / "year.csv"
        export_file(path)
        reuse = os.environ.get("SSP_SITE_DIR")
        site = Path(reuse) if reuse else build_site(tmp / "site", {"SITE_URL": f"http://127.0.0.1:{free_port()}/"})
        on_host = host(path)
        in_browser = browser(site, path)
    print("Forecast (a year of daily history; medians)")
    print(f"  fit and backtest: host {on_host['fit_backtest_ms']:.0f} ms wall, {on_host['fit_backtest_cpu_ms']:.0f} ms CPU "
          f"(budget 1 s); the whole run on a year's 30-minute table (7,280 rows: reading, fit, backtest, report): host "
          f"{on_host['run_year_table_ms']:.0f} ms wall, {on_host['run_year_table_cpu_ms']:.0f} ms CPU; browser "
          f"{in_browser['run_year_table_ms']:.0f} ms")
    print(f"  backtest on that year: WMAPE {on_host['backtest']['wmape']:.1f}% against "
          f"{on_host['backtest']['naive']:.1f}% for the same weekday last week")
    print(f"  {EXPORT_ROWS:,}-row export ({on_host['file_mb']:.1f} MB) read as a dated history: host "
          f"{on_host['read_export_s']:.1f} s wall, {on_host['read_export_cpu_s']:.1f} s CPU; browser "
          f"{in_browser['read_export_s']:.1f} s to read, {in_browser['read_and_forecast_s']:.1f} s to the forecast")
    print(f"  machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(json.dumps({"host": on_host, "browser": in_browser}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
