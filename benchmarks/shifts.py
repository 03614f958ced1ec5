"""Shifts benchmark (printed by ``make bench``, never asserted): a 672-interval week (15-minute
intervals, three shift lengths, a 15-minute start step, breaks) turned into a roster in the
browser, as the worker answers it and as a reader sees it (the requirement pasted, to the
settled result), in Pyodide under Node.js with its CPU time (the figure that holds on a
machine other work is sharing), and on the host. Each run's requirement differs by one agent in one interval,
so the solver's memo of the last models never answers for it. Set SSP_SITE_DIR to reuse a
built site (built for the port it names).
"""
from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import calculators  # noqa: E402
from calculators.core import volumes  # noqa: E402
from tests.support.build import build_site  # noqa: E402
from tests.support.server import SiteServer, free_port, site_port  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
RUNS = 5
SETTINGS = {"interval_minutes": "15", "shift_hours": "8, 6, 4", "start_step_minutes": "15", "break_minutes": "30"}


def requirement(run: int) -> str:
    """Every quarter hour of a week: a day-and-night shape, weekdays busier; run ``run`` adds
    one agent at one interval."""
    rows = ["day,start,agents"]
    for d, day in enumerate(volumes.DAYS):
        for m in range(0, 1440, 15):
            agents = max(1, round((27 if d < 5 else 12) * (0.3 + 0.7 * math.sin(math.pi * m / 1440) ** 2)))
            rows.append(f"{day},{m // 60:02d}:{m % 60:02d},{agents + (1 if d * 96 + m // 15 == 40 + run else 0)}")
    return "\n".join(rows)


def host() -> dict:
    times, cpu = [], []
    for run in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = calculators.run("shifts", {"requirement": requirement(run), **SETTINGS})
        assert result["ok"], result.get("errors")
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {"run_ms": statistics.median(times) * 1000, "run_cpu_ms": statistics.median(cpu) * 1000}


def browser(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    form = 'form[data-calculator="shifts"]'
    with SiteServer(site, port=site_port(site)) as server, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = chromium.new_page()
        page.goto(server.url + "calculators/shifts/")
        page.wait_for_selector(f'{form}[data-state="ready"]', state="attached", timeout=120_000)
        # The tab's engine, through the same module the page scripts import (one per document).
        worker = page.evaluate("""async ([texts, settings]) => {
            const script = document.querySelector('script[type="module"][src$="javascripts/calculators.js"]');
            const { tabEngine } = await import(new URL('engine/client.js', script.src).href);
            const engine = tabEngine();
            const times = [];
            for (const text of texts) {
                const start = performance.now();
                const result = await engine.run("shifts", { ...settings, requirement: text });
                if (!result.ok) throw new Error(JSON.stringify(result.errors));
                times.push(performance.now() - start);
            }
            return times;
        }""", [[requirement(100 + run) for run in range(RUNS)], SETTINGS])
        # A 15-minute requirement first: the page's own 30-minute example read at 15 minutes is
        # refused (the form would wait, "invalid", for a table that fits).
        page.fill(f"{form} [name='requirement']", requirement(199))
        for key, value in SETTINGS.items():
            page.fill(f"{form} [name='{key}']", value)
        first = calculators.run("shifts", {"requirement": requirement(199), **SETTINGS})["outputs"]["scheduled_agent_hours"]
        page.wait_for_function(
            """(value) => document.querySelector('form[data-calculator="shifts"]').dataset.state === 'ready'
                && document.querySelector('[data-result="shifts"] [data-output="scheduled_agent_hours"]')
                     .dataset.value === value""", arg=str(first), timeout=120_000)
        seen = []
        for run in range(RUNS):
            text = requirement(200 + run)
            expected = calculators.run("shifts", {"requirement": text, **SETTINGS})["outputs"]["scheduled_agent_hours"]
            start = time.perf_counter()
            # A paste: the whole table arrives in one input event, as it does when a reader
            # pastes or the week plan hands its plan over (shifts-page.js). (Playwright's fill
            # types a 672-line table as one input event per line, 3.5 s of its own.)
            page.evaluate("""([selector, text]) => {
                const box = document.querySelector(selector);
                box.value = text;
                box.dispatchEvent(new Event("input", { bubbles: true }));
            }""", [f"{form} [name='requirement']", text])
            page.wait_for_function(
                """(value) => document.querySelector('form[data-calculator="shifts"]').dataset.state === 'ready'
                    && document.querySelector('[data-result="shifts"] [data-output="scheduled_agent_hours"]')
                         .dataset.value === value""", arg=str(expected), timeout=120_000, polling=20)
            seen.append(time.perf_counter() - start)
        chromium.close()
    return {"worker_ms": statistics.median(worker), "input_to_result_ms": statistics.median(seen) * 1000}


def pyodide_in_node(site: Path, tmp: Path) -> dict:
    """The same runs in Pyodide under Node.js, with the CPU time they took (shifts_pyodide.mjs)."""
    inputs = tmp / "inputs.json"
    inputs.write_text(json.dumps([{"requirement": requirement(300 + run), **SETTINGS} for run in range(RUNS)]))
    done = subprocess.run(["node", str(ROOT / "benchmarks" / "shifts_pyodide.mjs"), str(site), str(inputs)],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    timings = json.loads(done.stdout)
    assert all(t["ok"] for t in timings)
    return {"wall_ms": statistics.median(t["wall_ms"] for t in timings),
            "cpu_ms": statistics.median(t["cpu_ms"] for t in timings)}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ssp-shifts-") as tmp:
        reuse = os.environ.get("SSP_SITE_DIR")
        site = Path(reuse) if reuse else build_site(Path(tmp) / "site", {"SITE_URL": f"http://127.0.0.1:{free_port()}/"})
        on_host = host()
        in_node = pyodide_in_node(site, Path(tmp))
        in_browser = browser(site)
    print("Shifts (672 15-minute intervals, lengths 8, 6 and 4 hours, 15-minute starts, 30-minute breaks; medians)")
    print(f"  roster in the browser's worker: {in_browser['worker_ms']:.0f} ms; pasted to settled result: "
          f"{in_browser['input_to_result_ms']:.0f} ms (budget 2,000 ms)")
    print(f"  Pyodide under Node.js: {in_node['wall_ms']:.0f} ms wall, {in_node['cpu_ms']:.0f} ms CPU")
    print(f"  on the host: {on_host['run_ms']:.0f} ms wall, {on_host['run_cpu_ms']:.0f} ms CPU")
    print(f"  machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(json.dumps({"host": on_host, "pyodide_node": in_node, "browser": in_browser}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
