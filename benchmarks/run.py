"""The site's benchmark (`make bench`): prints figures, asserts nothing.

In one run, against the site built afresh and served on 127.0.0.1 by the same static
server the tests use (tests/support/server.py, with the cache headers of
deploy/nginx.conf), in Debian's headless Chromium:

* cold: navigation to the first browser-computed result on the staffing page, in a fresh
  browser context (empty cache), next to the floor: a bare page on the same server whose
  module worker boots the same pinned Pyodide from the same files and evaluates ``1+1``
  (our engine runs in a module worker too, so the floor pays the same worker start-up);
  printed as a ratio. Also the first contentful paint, and whether the build-time worked
  example was on the page at that paint;
* warm: Material's instant navigation from one calculator page to another, a second after
  the first result, from the click to the new page's computed result (the worker and its
  Python are reused);
* input: 100 changes to one field of each calculator, each from the ``input`` event to the
  page having written the result into its report (the ``playbook:result`` event
  calculators.js sends once it has patched what differs); median and 95th
  percentile; each change made once the last result is painted and 100 ms have passed, as
  a reader types, and again back to back (each time then also holds the rendering of the
  result before it, as when input comes faster than the page can paint);
* bytes: what a guide page and a calculator page transfer, split into the page itself and
  the Python runtime, as served (uncompressed) and as gzip would send them;
* ``mkdocs build`` wall time;
* Lighthouse 12 (npm, pinned in package.json; its default mobile profile) on the home page,
  a guide page and every calculator page, served by nginx with deploy/nginx.conf as a
  deployment would serve them: performance, accessibility, best practices and SEO.

* snapshot (``--snapshot-only`` runs just this part, on ``--site DIR`` if given): served by
  nginx with deploy/nginx.conf (the snapshot goes gzip-compressed, as deployed), the cold
  first result on the staffing page with the runtime snapshot and without it (the same site
  with the snapshot's manifest and meta removed: today's plain boot), each next to the
  bare-Pyodide floor, alternating, a fresh browser context each, on loopback and under
  Chromium's network emulation (40 Mbit/s with 20 ms latency, 10 Mbit/s with 40 ms); the
  warm first result (HTTP cache filled by a first visit, then a new tab); the bytes each
  boot sends as nginx sends them;

Timings run ``--runs`` times (default 5) and the medians are printed; everything is also
written as JSON to bench-results/. Nothing here reaches any address but 127.0.0.1 (see
BENCH_ARGS: the browser's other traffic goes to a closed port, and any request for another
address fails the run).

    .venv/bin/python benchmarks/run.py [--runs 5] [--no-lighthouse] [--snapshot-only [--site DIR]] [--input-only]

``--input-only`` builds the site once and times only input to result (about a minute),
for work on that figure.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import calculators  # noqa: E402
from hooks import calculators_with_pages  # noqa: E402
from tests.support.browser import CHROMIUM, LAUNCH_ARGS, is_loopback  # noqa: E402
from tests.support.build import build_site  # noqa: E402
from tests.support.nginx import Nginx  # noqa: E402
from tests.support.server import SiteServer, free_port  # noqa: E402

RESULTS = ROOT / "bench-results"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
GUIDE_PAGE = "guide/pros-and-cons/"  # a guide page without a calculator
COLD_PAGE = "staffing"
WARM_FROM, WARM_TO = "staffing", "cost"
INPUT_CHANGES = 100
# Nothing leaves loopback: every other address goes to a closed port on loopback (Chromium
# never sends loopback itself through a proxy), and each context below records any request
# for another address, which fails the run. Not Playwright's request routing, which the
# tests use: routing turns the browser's HTTP cache off (so a "warm" load fetched
# everything again) and sends every request through this process, which slowed a page of
# 30 requests more than the floor's 5.
BENCH_ARGS = [*LAUNCH_ARGS, "--proxy-server=http://127.0.0.1:9"]


STRAYS: list[str] = []  # requests for any address but loopback: the run fails on any


def only_loopback(context) -> None:
    context.on("request", lambda request: STRAYS.append(request.url) if not is_loopback(request.url) else None)


def check_loopback() -> None:
    assert not STRAYS, f"the browser asked for other addresses: {sorted(set(STRAYS))}"


# Every response is compressed by a deployment that follows deploy/nginx.conf except
# these, which are already compressed.
PRECOMPRESSED = (".zip", ".whl", ".gz", ".png", ".jpg", ".ico")

# Records, in the page itself, when each form first reaches a state and when the page
# painted first; it survives instant navigation (same document).
OBSERVER = """
(() => {
  const bench = window.__bench = { ready: {}, states: {}, paint: null, exampleAtPaint: null };
  const note = () => {
    for (const form of document.querySelectorAll("form[data-calculator]")) {
      const name = form.dataset.calculator, state = form.dataset.state;
      (bench.states[name] ||= []).push([state, performance.now()]);
      if (state === "ready" && !(name in bench.ready)) bench.ready[name] = performance.now();
    }
  };
  new MutationObserver(note).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name !== "first-contentful-paint") continue;
      bench.paint = entry.startTime;
      // The paint entry is delivered after the frame: what it showed is what the DOM held.
      const form = document.querySelector("form[data-calculator]");
      bench.exampleAtPaint = form ? {
        state: form.dataset.state,
        outputs: form.querySelectorAll("[data-report] [data-output]").length,
      } : null;
    }
  }).observe({ type: "paint", buffered: true });
})();
"""

FLOOR_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pyodide floor</title></head>
<body><p id="out">booting</p><script src="floor.js"></script></body></html>
"""
FLOOR_PAGE_JS = """
const worker = new Worker("worker.mjs", { type: "module" });
worker.onmessage = (event) => {
  window.__floor = { result: event.data, at: performance.now() };
  document.getElementById("out").textContent = event.data;
};
worker.postMessage({
  indexURL: new URL("../runtime/pyodide/%(version)s/", location.href).href,
  lockFileURL: new URL("../runtime/app/pyodide-lock.json", location.href).href,
});
"""
FLOOR_WORKER = """
self.onmessage = async (event) => {
  const { indexURL, lockFileURL } = event.data;
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, lockFileURL, stdout: () => {}, stderr: () => {} });
  self.postMessage(String(pyodide.runPython("1+1")));
};
"""


def median(values):
    return statistics.median(values) if values else float("nan")


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def pyodide_version() -> str:
    return json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]


def write_floor(site: Path) -> str:
    floor = site / "bench-floor"
    floor.mkdir(exist_ok=True)
    (floor / "index.html").write_text(FLOOR_HTML)
    (floor / "floor.js").write_text(FLOOR_PAGE_JS % {"version": pyodide_version()})
    (floor / "worker.mjs").write_text(FLOOR_WORKER)
    return "bench-floor/"


def calculator_pages(site: Path) -> list[str]:
    return calculators_with_pages()


class Bench:
    def __init__(self, site: Path, url: str, browser):
        self.site, self.url, self.browser = site, url, browser

    def context(self):
        context = self.browser.new_context()
        only_loopback(context)
        context.add_init_script(OBSERVER)
        return context

    def floor(self) -> float:
        context = self.context()
        try:
            page = context.new_page()
            page.goto(urljoin(self.url, "bench-floor/"))
            page.wait_for_function("window.__floor", timeout=120_000)
            floor = page.evaluate("window.__floor")
            assert floor["result"] == "2", floor
            return floor["at"]
        finally:
            context.close()

    def cold_and_warm(self) -> dict:
        context = self.context()
        try:
            page = context.new_page()
            page.goto(urljoin(self.url, f"calculators/{WARM_FROM}/"))
            page.wait_for_function(f"window.__bench.ready[{WARM_FROM!r}]", timeout=120_000)
            bench = page.evaluate("window.__bench")
            # The reader reads the first result for a moment (the worker imports the other
            # calculators meanwhile), then follows a link to the second page.
            page.wait_for_timeout(1000)
            warm = page.evaluate("""(to) => new Promise((resolve) => {
                const link = document.createElement("a");
                link.href = new URL(`../${to}/`, location.href).href;
                document.querySelector("article").prepend(link);
                const start = performance.now();
                const poll = () => {
                  const at = window.__bench.ready[to];
                  if (at) resolve({ ms: at - start, sameDocument: window.__bench === bench });
                  else setTimeout(poll, 1);
                };
                const bench = window.__bench;
                link.click();
                poll();
            })""", WARM_TO)
            assert warm["sameDocument"], "the navigation reloaded the page: instant navigation is off"
            return {"cold_ms": bench["ready"][WARM_FROM], "first_paint_ms": bench["paint"],
                    "example_at_first_paint": bench["exampleAtPaint"], "warm_ms": warm["ms"]}
        finally:
            context.close()

    def input_changes(self, name: str, query: str = "", settled: bool = True) -> list[float]:
        """Input to result for INPUT_CHANGES changes of one field. settled: each change is
        made once the page has painted the result before it and 100 ms have passed, as a
        reader types (a result is then measured alone); otherwise back to back, the next
        change made the moment the last result is written, so each time also holds the
        style, layout and paint of the result before it."""
        field, values = input_plan(name)
        context = self.context()
        try:
            page = context.new_page()
            page.goto(urljoin(self.url, f"calculators/{name}/{query}"))
            page.wait_for_function(f"window.__bench.ready[{name!r}]", timeout=120_000)
            page.wait_for_timeout(500)  # let the first result's announcement settle
            return page.evaluate("""async ([name, key, values, settled]) => {
                const form = document.querySelector(`form[data-calculator="${name}"]`);
                const named = form.elements.namedItem(key);
                const times = [];
                for (const value of values) {
                  const changed = new Promise((resolve, reject) => {
                    const timer = setTimeout(() => reject(new Error(`no result for ${key}=${value}`)), 10000);
                    // calculators.js announces each result once it has written it into the report
                    // (playbook:result, after show()): the clock stops there. (The first change to the
                    // report was the mark until 2026-12-07; a late change of the result before, such as
                    // a box marked as scrolling, then stopped the clock of the next edit, whose own
                    // result could come out the same and change nothing.)
                    const heard = (event) => {
                      if (event.detail?.name !== name) return;
                      document.removeEventListener("playbook:result", heard);
                      clearTimeout(timer);
                      resolve(performance.now());
                    };
                    document.addEventListener("playbook:result", heard);
                  });
                  const start = performance.now();
                  // A yes / no / unsure answer is a group of radios: the one of this value.
                  const element = named instanceof RadioNodeList
                    ? [...named].find((radio) => radio.value === value) : named;
                  if (element.type === "radio") element.checked = true;
                  else if (element.type === "checkbox") element.checked = !element.checked;
                  else element.value = value;
                  element.dispatchEvent(new Event("input", { bubbles: true }));
                  times.push(await changed - start);
                  if (settled) {
                    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
                    await new Promise((resolve) => setTimeout(resolve, 100));
                  }
                }
                return times;
            }""", [name, field, values, settled])
        finally:
            context.close()

    def bytes_for(self, path: str, ready: str | None) -> dict:
        context = self.context()
        sizes: dict[str, int] = {}
        try:
            page = context.new_page()

            def finished(request):
                try:
                    size = request.sizes()
                except Exception:
                    return
                sizes[request.url] = sizes.get(request.url, 0) + size["responseBodySize"] + size["responseHeadersSize"]

            page.on("requestfinished", finished)
            page.goto(urljoin(self.url, path), wait_until="load")
            if ready:
                page.wait_for_function(f"window.__bench.ready[{ready!r}]", timeout=120_000)
            page.wait_for_timeout(2000)  # anything fetched when idle counts too
        finally:
            context.close()
        totals = {"page": 0, "runtime": 0, "page_gzip": 0, "runtime_gzip": 0, "requests": len(sizes)}
        for url, size in sizes.items():
            part = "runtime" if "/runtime/" in urlsplit(url).path else "page"
            totals[part] += size
            totals[part + "_gzip"] += self.gzip_size(url, size)
        return totals

    def gzip_size(self, url: str, served: int) -> int:
        path = urlsplit(url).path.lstrip("/")
        file = self.site / path
        if path == "" or path.endswith("/"):
            file = file / "index.html"
        if not file.is_file() or file.suffix in PRECOMPRESSED:
            return served
        copy = file.with_name(file.name + ".gz")
        if copy.is_file():  # nginx sends the build's copy (gzip_static), as wire_bytes counts it
            return copy.stat().st_size
        return len(gzip.compress(file.read_bytes(), 6))


def input_plan(name: str) -> tuple[str, list[str]]:
    """One field of the calculator and 100 valid values for it, alternating around its
    default; for a yes/no checklist, its first box (toggled each time)."""
    fields = calculators.spec(name)["fields"]
    for field in fields:
        if field["kind"] in ("number", "integer", "percent", "money") and field["default"]:
            default = float(field["default"])
            values, refused = [], 0
            for i in range(INPUT_CHANGES):
                step = 1 + (i % 10)
                value = default + step if i % 2 else max(default - step, default / 2)
                value = round(value) if field["kind"] == "integer" or default.is_integer() else round(value, 2)
                if not calculators.run(name, {field["key"]: value})["ok"]:
                    value, refused = default, refused + 1
                values.append(str(value))
            if refused > INPUT_CHANGES // 4:
                continue  # a field of a few allowed values (the week plan's interval): try the next
            # Each change must differ from the one before, or no event would recompute.
            for i in range(1, len(values)):
                if values[i] == values[i - 1]:
                    values[i] = str(default)
            return field["key"], values
    box = next(f for f in fields if f["kind"] == "bool")
    if box.get("unsure"):  # a yes / no / unsure answer: its radios, yes and no by turns
        return box["key"], ["true" if i % 2 == 0 else "false" for i in range(INPUT_CHANGES)]
    return box["key"], [""] * INPUT_CHANGES


# The business case over a five-year term, sensitivity included: the heaviest recompute.
BUSINESS_CASE_60 = {"term_months": 60}
BUSINESS_CASE_60_QUERY = "?business_case.term_months=60"


def host_business_case_ms(runs: int = 100) -> dict[str, list[float]]:
    """``calculators.run`` on the 60-month business case, in this Python: wall and CPU
    time of each run (the monthly volume moved each run, so no two runs are the same
    inputs). CPU time stays honest on a machine shared with other work."""
    wall, cpu = [], []
    for n in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        calculators.run("business_case", {**BUSINESS_CASE_60, "monthly_tickets": 6000 + n})
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return {"wall": wall, "cpu": cpu}


# The decision pack's workbook: a pack with cost and a 60-month business case saved, as the
# calculators would have kept them; the first file includes loading openpyxl in the worker.
PACK_SAVED = {
    "decision": {"inputs": {"needs_judgment": "true", "volume_variable": "true"}, "saved_at": "2026-12-02T09:00:00Z"},
    "cost": {"inputs": {"monthly_tickets": "6000"}, "saved_at": "2026-12-02T09:01:00Z"},
    "business_case": {"inputs": {"monthly_tickets": "6000", "term_months": "60"}, "saved_at": "2026-12-02T09:02:00Z"},
}


def workbook_ms(bench: "Bench", runs: int) -> dict[str, list[float]]:
    """Wall time from the click on "Download workbook" to the download, in a fresh tab each
    run (the runtime restored from the snapshot where the site has one): the first file
    clicked for as soon as the pack is shown (openpyxl may still be loading: the pack page
    starts loading it then), the first file clicked once the pack page says openpyxl is in
    place (data-workbook="ready": a reader who read the pack first), and three after it."""
    first, first_loaded, after = [], [], []
    for _ in range(runs):
        for wait_loaded in (False, True):
            context = bench.context()
            context.add_init_script(f"localStorage.setItem('playbook.latest.v1', {json.dumps(json.dumps(PACK_SAVED))})")
            try:
                page = context.new_page()
                page.goto(urljoin(bench.url, "decision-pack/"))
                page.wait_for_selector("[data-decision-pack][data-state='ready']", state="attached", timeout=120_000)
                if wait_loaded:
                    page.wait_for_selector("[data-decision-pack][data-workbook='ready']", state="attached",
                                           timeout=120_000)
                for i in range(4 if wait_loaded else 1):
                    start = time.perf_counter()
                    with page.expect_download(timeout=120_000):
                        page.click("[data-decision-pack] [data-action='download-workbook']")
                    took = (time.perf_counter() - start) * 1000
                    (after if i else first_loaded if wait_loaded else first).append(took)
            finally:
                context.close()
    return {"first_ms": first, "first_loaded_ms": first_loaded, "after_ms": after}


def lighthouse(url: str, out: Path) -> dict:
    flags = " ".join(["--headless=new", *LAUNCH_ARGS, f"--user-data-dir={out.parent / 'lh-profile'}"])
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         "--only-categories=performance,accessibility,best-practices,seo",
         f"--chrome-flags={flags}", "--no-enable-error-reporting", "--max-wait-for-load=60000"],
        env=env, capture_output=True, text=True, timeout=600,
    )
    if done.returncode != 0 or not out.is_file():
        return {"error": (done.stderr or done.stdout)[-2000:]}
    report = json.loads(out.read_text())
    scores = {key: round(cat["score"] * 100) if cat["score"] is not None else None
              for key, cat in report["categories"].items()}
    failing = sorted(
        audit_id for cat in report["categories"].values() for ref in cat["auditRefs"]
        if ref.get("weight") and (audit_id := ref["id"])
        and report["audits"][audit_id]["score"] is not None and report["audits"][audit_id]["score"] < 1)
    metrics = {k: report["audits"][k]["numericValue"] for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift", "speed-index") if k in report["audits"]}
    return {"scores": scores, "below_full_marks": failing, "metrics": metrics}


# Network conditions for the snapshot figures: name -> (Mbit/s, latency ms); None is loopback.
LINKS = {"loopback": None, "40 Mbit/s, 20 ms": (40, 20), "10 Mbit/s, 40 ms": (10, 40)}


def plain_copy(site: Path, target: Path) -> Path:
    """The same site without its runtime snapshot: hard links, minus the manifest and the
    staffing page's snapshot meta, so the worker boots exactly as before the snapshot."""
    import re
    import shutil

    shutil.copytree(site, target, copy_function=os.link)
    (target / "runtime" / "app" / "snapshot.json").unlink()
    page = target / "calculators" / COLD_PAGE / "index.html"
    html = page.read_text(encoding="utf-8")
    page.unlink()  # a hard link: write a file of its own
    page.write_text(re.sub(r'<meta name="playbook:snapshot"[^>]*>', "", html), encoding="utf-8")
    return target


def wire_bytes(site: Path, snapshot: bool) -> int:
    """What the runtime costs on the wire as nginx with deploy/nginx.conf sends it: the .wasm
    and .mjs as the .gz copies the build wrote (gzip_static), the zip and wheel as they are,
    and with the snapshot its .gz copy instead of the wheel."""
    runtime = next((site / "runtime" / "pyodide").iterdir())
    total = sum((runtime / (n + ".gz")).stat().st_size for n in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"))
    total += (runtime / "python_stdlib.zip").stat().st_size
    if snapshot:
        manifest = json.loads((site / "runtime" / "app" / "snapshot.json").read_text())
        total += manifest["encodings"]["gzip"]
    else:
        total += next((site / "runtime" / "app").glob("*/*.whl")).stat().st_size
    return total


class SnapshotBench:
    """Cold and warm first results with and without the snapshot, next to the floor."""

    def __init__(self, playwright, browser, snapshot_url: str, plain_url: str, tmp: Path):
        self.playwright, self.browser, self.tmp = playwright, browser, tmp
        self.snapshot_url, self.plain_url = snapshot_url, plain_url

    def _page(self, context, link):
        page = context.new_page()
        if link:
            mbits, latency = link
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": latency,
                "downloadThroughput": mbits * 1_000_000 / 8, "uploadThroughput": mbits * 1_000_000 / 8})
        return page

    def _context(self, persistent: bool = False):
        # The site's CSP (sent by nginx) forbids the evaluation Playwright's waits use.
        if persistent:
            # A profile on disk, as a reader's browser has: a new context is off the record,
            # and its cache in memory keeps no file over about 6 MB (it kept the 3.5 MB .wasm
            # but not the 6.9 MB snapshot).
            context = self.playwright.chromium.launch_persistent_context(
                tempfile.mkdtemp(prefix="profile-", dir=self.tmp), executable_path=CHROMIUM, args=BENCH_ARGS, bypass_csp=True)
        else:
            context = self.browser.new_context(bypass_csp=True)
        only_loopback(context)
        context.add_init_script(OBSERVER)
        return context

    def floor(self, link) -> float:
        context = self._context()
        try:
            page = self._page(context, link)
            page.goto(urljoin(self.snapshot_url, "bench-floor/"))
            page.wait_for_function("window.__floor", timeout=300_000)
            return page.evaluate("window.__floor.at")
        finally:
            context.close()

    def _first_result(self, page, base: str) -> float:
        fetched = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(urljoin(base, f"calculators/{COLD_PAGE}/"))
        page.wait_for_function(f"window.__bench.ready[{COLD_PAGE!r}]", timeout=300_000)
        restored = any("/snapshot-" in url for url in fetched) and not any(url.endswith(".whl") for url in fetched)
        assert restored == (base == self.snapshot_url), "the boot did not take the path measured"
        return page.evaluate(f"window.__bench.ready[{COLD_PAGE!r}]")

    def cold(self, base: str, link) -> float:
        context = self._context()
        try:
            return self._first_result(self._page(context, link), base)
        finally:
            context.close()

    def warm(self, base: str) -> float:
        """A first visit fills the HTTP cache of a fresh profile on disk; a second later the
        page is closed; a new tab opens the page, and every runtime file must come from the
        cache."""
        context = self._context(persistent=True)
        try:
            first = context.new_page()
            self._first_result(first, base)
            first.wait_for_timeout(1000)
            first.close()
            page = context.new_page()
            fetched = []
            page.on("requestfinished", lambda request: fetched.append(request))
            at = self._first_result(page, base)
            # Playwright reports a body size of 0 or less for a file the cache gave (and for
            # a 304), the bytes received for one that came over the wire.
            runtime = [r for r in fetched if "/runtime/" in r.url]
            sent = [r.url for r in runtime if r.sizes()["responseBodySize"] > 0]
            assert runtime and not sent, f"the warm load fetched runtime files again: {sent}"
            return at
        finally:
            context.close()


def snapshot_figures(site: Path, port: int, tmp: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    write_floor(site)
    plain = plain_copy(site, tmp / "plain-site")
    plain_port = free_port()
    figures: dict = {"server": "nginx with deploy/nginx.conf", "links": {}, "warm": {"snapshot": [], "plain": []},
                     "manifest": json.loads((site / "runtime" / "app" / "snapshot.json").read_text()),
                     "wire_bytes": {"snapshot": wire_bytes(site, True), "plain": wire_bytes(site, False)}}
    with Nginx(site, tmp / "nginx-snapshot", port) as with_snapshot, \
            Nginx(plain, tmp / "nginx-plain", plain_port) as without, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BENCH_ARGS)
        bench = SnapshotBench(playwright, browser, with_snapshot.url, without.url, tmp)
        for name, link in LINKS.items():
            rows = figures["links"][name] = {"floor": [], "snapshot": [], "plain": []}
            for _ in range(runs):  # alternating, so drift on the machine hits all three alike
                rows["floor"].append(bench.floor(link))
                rows["snapshot"].append(bench.cold(with_snapshot.url, link))
                rows["plain"].append(bench.cold(without.url, link))
        for _ in range(runs):
            figures["warm"]["snapshot"].append(bench.warm(with_snapshot.url))
            figures["warm"]["plain"].append(bench.warm(without.url))
        browser.close()
    check_loopback()
    return figures


def report_snapshot(f: dict) -> None:
    m = f["manifest"]
    print(f"runtime snapshot: {m['bytes'] / 1e6:.1f} MB raw, gzip {m['encodings']['gzip'] / 1e6:.1f} MB"
          + (f", brotli {m['encodings']['br'] / 1e6:.1f} MB" if "br" in m["encodings"] else "")
          + f"; runtime on the wire (nginx gzip): plain boot {f['wire_bytes']['plain'] / 1e6:.1f} MB, "
          f"with snapshot {f['wire_bytes']['snapshot'] / 1e6:.1f} MB")
    for name, rows in f["links"].items():
        floor = median(rows["floor"])
        for kind in ("snapshot", "plain"):
            ratios = [c / fl for c, fl in zip(rows[kind], rows["floor"])]
            print(f"cold first result, {name:<17} {kind:<8} {median(rows[kind]):7.0f} ms   floor {floor:7.0f} ms   "
                  f"ratio {median(ratios):.2f} (per run: {', '.join(f'{r:.2f}' for r in ratios)})")
    for kind, times in f["warm"].items():
        print(f"warm first result (cache filled, new tab) {kind:<8} {median(times):7.0f} ms "
              f"(runs: {', '.join(f'{t:.0f}' for t in times)})")


def snapshot_only(args) -> int:
    from tests.support.server import site_port

    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ssp-bench-") as tmp:
        tmp = Path(tmp)
        if args.site:
            site = tmp / "site"
            import shutil

            shutil.copytree(args.site, site, copy_function=os.link)
            port = site_port(site)
        else:
            port = free_port()
            site = build_site(tmp / "site", {"SITE_URL": f"http://127.0.0.1:{port}/"})
        figures = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
                   "runs": args.runs, "pyodide": pyodide_version(),
                   "snapshot": snapshot_figures(site, port, tmp, args.runs)}
    out = RESULTS / f"bench-snapshot-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(figures, indent=2))
    print(f"Runtime snapshot benchmark, {figures['date']}, medians of {args.runs} runs; {figures['machine']}")
    report_snapshot(figures["snapshot"])
    print(f"\nAll figures: {out.relative_to(ROOT)}")
    return 0


def workbook_only(args) -> int:
    """The workbook's figures on a site already built (``--workbook-only --site DIR``)."""
    from playwright.sync_api import sync_playwright

    from tests.support.server import site_port

    with SiteServer(args.site, port=site_port(args.site), cache=True) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BENCH_ARGS)
        try:
            report_workbook(workbook_ms(Bench(args.site, server.url, browser), args.runs))
        finally:
            browser.close()
    check_loopback()
    return 0


def machine() -> str:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} cores {cpu}; {platform.system()} {platform.release()}; {chromium}; Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each timing (median reported)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse audits")
    parser.add_argument("--snapshot-only", action="store_true", help="only the runtime snapshot's figures")
    parser.add_argument("--site", type=Path, help="with --snapshot-only or --workbook-only: a site already built (not rebuilt)")
    parser.add_argument("--input-only", action="store_true", help="build once and time only input to result")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="with --input-only: time this calculator only (repeatable)")
    parser.add_argument("--workbook-only", action="store_true", help="time only the decision pack's workbook")
    args = parser.parse_args()
    if args.snapshot_only:
        return snapshot_only(args)
    if args.workbook_only and args.site:
        return workbook_only(args)
    if args.input_only:
        return input_only(args.only)

    from playwright.sync_api import sync_playwright

    RESULTS.mkdir(exist_ok=True)
    port = free_port()
    env = {"SITE_URL": f"http://127.0.0.1:{port}/"}
    with tempfile.TemporaryDirectory(prefix="ssp-bench-") as tmp:
        tmp = Path(tmp)
        build_times = []
        for i in range(args.runs):
            start = time.perf_counter()
            site = build_site(tmp / f"site{i}", env)
            build_times.append(time.perf_counter() - start)
        write_floor(site)
        figures: dict = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                         "machine": machine(), "runs": args.runs, "pyodide": pyodide_version(),
                         "build_s": build_times}
        with SiteServer(site, port=port, cache=True) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BENCH_ARGS)
            bench = Bench(site, server.url, browser)
            floors, colds = [], []
            for _ in range(0 if args.workbook_only else args.runs):  # interleaved, so drift on the machine hits both alike
                floors.append(bench.floor())
                colds.append(bench.cold_and_warm())
            if args.workbook_only:
                report_workbook(workbook_ms(bench, args.runs))
                browser.close()
                return 0
            figures["floor_ms"] = floors
            figures["cold"] = colds
            figures["input_ms"] = {name: bench.input_changes(name) for name in calculator_pages(site)}
            figures["input_ms_back_to_back"] = {name: bench.input_changes(name, settled=False) for name in calculator_pages(site)}
            if "business_case" in calculator_pages(site):
                figures["business_case_60"] = {"host_ms": host_business_case_ms(),
                                               "load_average": os.getloadavg(),
                                               "browser_ms": bench.input_changes("business_case", BUSINESS_CASE_60_QUERY)}
            if (site / "decision-pack" / "index.html").is_file():
                figures["workbook"] = workbook_ms(bench, args.runs)
            figures["bytes"] = {
                "guide": [bench.bytes_for(GUIDE_PAGE, None) for _ in range(1)],
                "calculator": [bench.bytes_for(f"calculators/{COLD_PAGE}/", COLD_PAGE) for _ in range(1)],
            }
            browser.close()
        check_loopback()
        # The snapshot's figures, through nginx on the port the site was built for.
        figures["snapshot"] = snapshot_figures(site, port, tmp, args.runs)
        if not args.no_lighthouse:
            # Through nginx with deploy/nginx.conf, as deployed (compressed, cached), on the
            # port the site was built for, so its canonical links name the page audited.
            pages = ["", GUIDE_PAGE] + [f"calculators/{n}/" for n in calculator_pages(site)]
            with Nginx(site, tmp / "nginx", port) as server:
                figures["lighthouse_server"] = "nginx with deploy/nginx.conf"
                figures["lighthouse"] = {
                    "/" + path: lighthouse(urljoin(server.url, path), tmp / f"lh-{i}.json")
                    for i, path in enumerate(pages)
                }
    out = RESULTS / f"bench-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(figures, indent=2))
    report(figures)
    print(f"\nAll figures: {out.relative_to(ROOT)}")
    return 0


def input_only(only: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    port = free_port()
    with tempfile.TemporaryDirectory(prefix="ssp-bench-") as tmp:
        site = build_site(Path(tmp) / "site", {"SITE_URL": f"http://127.0.0.1:{port}/"})
        with SiteServer(site, port=port, cache=True) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BENCH_ARGS)
            bench = Bench(site, server.url, browser)
            times = {name: bench.input_changes(name) for name in calculator_pages(site) if not only or name in only}
            back_to_back = {name: bench.input_changes(name, settled=False) for name in times}
            if "business_case" in times:  # the heaviest recompute too: a five-year term with its sensitivity
                times["business_case, 60 months"] = bench.input_changes("business_case", BUSINESS_CASE_60_QUERY)
            browser.close()
    check_loopback()
    report_input(times, back_to_back, "budget 30; 100 for the 60-month business case")
    return 0


def report_input(times: dict[str, list[float]], back_to_back: dict[str, list[float]], budget: str = "budget 30") -> None:
    """Input to result per calculator, settled and (where measured) back to back; the worst
    p95 over calculators leaves out variants such as "business_case, 60 months"."""
    for name, values in times.items():
        again = back_to_back.get(name)
        print(f"input -> result, {name:<10} median {median(values):6.1f} ms, p95 {p95(values):6.1f} ms "
              f"(n={len(values)})" + (f"; back to back median {median(again):6.1f} ms, p95 {p95(again):6.1f} ms"
                                      if again else ""))
    print(f"input -> result, worst p95 over calculators "
          f"{max(p95(v) for k, v in times.items() if ',' not in k):6.1f} ms   ({budget}); "
          f"back to back {max(p95(v) for v in back_to_back.values()):6.1f} ms")


def report_workbook(w: dict) -> None:
    print(f"decision pack workbook, first file        {median(w['first_ms']):8.0f} ms (clicked as the pack shows, "
          f"openpyxl loading since; goal 2,000, n={len(w['first_ms'])})")
    if w.get("first_loaded_ms"):
        print(f"decision pack workbook, first, preloaded  {median(w['first_loaded_ms']):8.0f} ms (clicked once "
              f"openpyxl is in place; n={len(w['first_loaded_ms'])})")
    print(f"decision pack workbook, after             {median(w['after_ms']):8.0f} ms median, p95 {p95(w['after_ms']):.0f} ms "
          f"(goal 300, n={len(w['after_ms'])})")


def report(f: dict) -> None:
    cold = median([c["cold_ms"] for c in f["cold"]])
    floor = median(f["floor_ms"])
    ratios = [c["cold_ms"] / fl for c, fl in zip(f["cold"], f["floor_ms"])]
    print(f"Support Sourcing Playbook benchmark, {f['date']}, medians of {f['runs']} runs")
    print(f"machine: {f['machine']}; Pyodide {f['pyodide']}")
    print(f"mkdocs build --strict wall time          {median(f['build_s']):8.2f} s")
    print(f"bare Pyodide floor (worker, 1+1)         {floor:8.0f} ms")
    print(f"cold first computed result ({COLD_PAGE})    {cold:8.0f} ms   "
          f"ratio {cold / floor:.3f} (median of per-run ratios {median(ratios):.3f}; budget 1.15)")
    paint = median([c["first_paint_ms"] for c in f["cold"]])
    shown = all(c["example_at_first_paint"] and c["example_at_first_paint"]["outputs"] > 0 for c in f["cold"])
    print(f"first contentful paint                   {paint:8.0f} ms   worked example in the DOM at that paint: "
          f"{'yes, every run' if shown else 'NO'}")
    print(f"instant navigation {WARM_FROM} -> {WARM_TO}, to result {median([c['warm_ms'] for c in f['cold']]):8.1f} ms   "
          f"(budget 150)")
    report_input(f["input_ms"], f["input_ms_back_to_back"])
    if "business_case_60" in f:
        case = f["business_case_60"]
        host = case["host_ms"]
        print(f"business case, 60 months with sensitivity: host run median {median(host['wall']):6.1f} ms wall "
              f"({median(host['cpu']):6.1f} ms CPU), p95 {p95(host['wall']):6.1f} ms; browser input -> result "
              f"median {median(case['browser_ms']):6.1f} ms, p95 {p95(case['browser_ms']):6.1f} ms (budget 100); "
              f"load average {case['load_average'][0]:.1f}")
    if "workbook" in f:
        report_workbook(f["workbook"])
    for kind, runs in f["bytes"].items():
        b = runs[0]
        print(f"bytes, {kind:<10} page {b['page'] / 1024:8.1f} KiB (gzip {b['page_gzip'] / 1024:7.1f}); "
              f"runtime {b['runtime'] / 1024:8.1f} KiB (gzip {b['runtime_gzip'] / 1024:7.1f}); {b['requests']} requests")
    if "snapshot" in f:
        report_snapshot(f["snapshot"])
    for path, result in (f.get("lighthouse") or {}).items():
        if "error" in result:
            print(f"lighthouse {path:<26} failed: {result['error'][-300:]}")
            continue
        s = result["scores"]
        print(f"lighthouse {path:<26} performance {s['performance']:3}  accessibility {s['accessibility']:3}  "
              f"best practices {s['best-practices']:3}  SEO {s['seo']:3}"
              + (f"   below full marks: {', '.join(result['below_full_marks'])}" if result["below_full_marks"] else ""))


if __name__ == "__main__":
    sys.exit(main())
