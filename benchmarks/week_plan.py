"""Week plan benchmark (printed by ``make bench``, never asserted): a 672-interval plan
recomputed in the browser, and a 200,000-row helpdesk export read and planned in the
browser (picked as a file, read by the worker in slices) and on the host, with the host's
peak memory. Set SSP_SITE_DIR to reuse a built site (built for the port it names).
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
import tracemalloc
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
EXPORT_ROWS = 200_000
RUNS = 5


def export_file(path: Path, rows: int = EXPORT_ROWS) -> None:
    """A quarter of tickets, one row each, in a Zendesk-like layout with a quoted subject."""
    rng = random.Random(11)
    start = dt.datetime(2026, 1, 5)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("Ticket ID,Subject,Created at,Status\r\n")
        for k in range(rows):
            moment = start + dt.timedelta(seconds=rng.randrange(0, 91 * 86400))
            f.write(f'{k},"Order, late",{moment:%Y-%m-%dT%H:%M:%S}Z,solved\r\n')


def week_672() -> str:
    """Every quarter hour of a week with contacts: 672 intervals to size."""
    rows = ["day,start,contacts"]
    rows += [f"{day},{m // 60:02d}:{m % 60:02d},{5 + (m // 15) % 40 + 3 * i}"
             for i, day in enumerate(volumes.DAYS) for m in range(0, 1440, 15)]
    return "\n".join(rows)


def host(path: Path) -> dict:
    text_size = path.stat().st_size

    def read_and_plan() -> dict:
        counter = volumes.Counter(time_zone="Europe/Paris")
        with path.open(encoding="utf-8", newline="") as f:
            while chunk := f.read(1 << 20):
                counter.feed(chunk)
        return calculators.run("week_plan", {"volumes": counter.finish().table_text(), "time_zone": "Europe/Paris"})

    times, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        assert read_and_plan()["ok"]
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)  # what the reading costs, whatever else shares the machine
    tracemalloc.start()
    read_and_plan()
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    plan = {"volumes": week_672(), "interval_minutes": 15}
    recompute = []
    for _ in range(RUNS):
        start = time.perf_counter()
        assert calculators.run("week_plan", plan)["ok"]
        recompute.append(time.perf_counter() - start)
    return {"file_mb": text_size / 1e6, "export_s": statistics.median(times), "export_cpu_s": statistics.median(cpu),
            "peak_mb": peak / 1e6,
            "recompute_672_ms": statistics.median(recompute) * 1000}


def browser(site: Path, path: Path) -> dict:
    from playwright.sync_api import sync_playwright

    with SiteServer(site, port=site_port(site)) as server, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = chromium.new_page()
        page.goto(server.url + "calculators/week_plan/")
        page.wait_for_selector('form[data-calculator="week_plan"][data-state="ready"]', state="attached", timeout=120_000)
        inputs = {"volumes": week_672(), "interval_minutes": "15"}
        # The tab's engine, through the same module the page scripts import (one per document).
        recompute = page.evaluate("""async (inputs) => {
            const script = document.querySelector('script[type="module"][src$="javascripts/calculators.js"]');
            const { tabEngine } = await import(new URL('engine/client.js', script.src).href);
            const engine = tabEngine();
            const times = [];
            for (let i = 0; i < 6; i++) {
                const start = performance.now();
                const result = await engine.run("week_plan", inputs);
                if (!result.ok) throw new Error(JSON.stringify(result.errors));
                times.push(performance.now() - start);
            }
            return times.slice(1);
        }""", inputs)
        reads = []
        for _ in range(3):
            page.fill('form[data-calculator="week_plan"] [name="volumes"]', "day,start,contacts\nMon,09:00,1")
            start = time.perf_counter()
            page.locator("[data-volumes-file] input[type=file]").set_input_files(str(path))
            page.wait_for_function(
                "() => document.querySelector('[data-volumes-progress]').textContent.startsWith('Read 200,000')",
                timeout=300_000, polling=20)
            page.wait_for_function(
                "() => document.querySelector('form[data-calculator=\"week_plan\"]').dataset.state === 'ready'"
                " && document.querySelectorAll('[data-result=\"week_plan\"] table').length > 0"
                " && document.querySelector('[data-output=\"peak_agents\"]').dataset.value !== '1'",
                timeout=60_000, polling=20)
            reads.append(time.perf_counter() - start)
        chromium.close()
    return {"recompute_672_ms": statistics.median(recompute), "export_s": statistics.median(reads)}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ssp-week-") as tmp:
        tmp = Path(tmp)
        path = tmp / "export.csv"
        export_file(path)
        reuse = os.environ.get("SSP_SITE_DIR")
        site = Path(reuse) if reuse else build_site(tmp / "site", {"SITE_URL": f"http://127.0.0.1:{free_port()}/"})
        on_host = host(path)
        in_browser = browser(site, path)
    print(f"Week plan ({EXPORT_ROWS:,}-row export, {on_host['file_mb']:.1f} MB; medians)")
    print(f"  672-interval plan recomputed: browser {in_browser['recompute_672_ms']:.0f} ms (budget 150 ms), "
          f"host {on_host['recompute_672_ms']:.0f} ms")
    print(f"  export read and planned: browser {in_browser['export_s']:.2f} s (budget 5 s), "
          f"host {on_host['export_s']:.2f} s wall, {on_host['export_cpu_s']:.2f} s CPU (budget 2 s), "
          f"host peak memory {on_host['peak_mb']:.1f} MB (tracemalloc)")
    print(f"  machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(json.dumps({"host": on_host, "browser": in_browser}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
