"""The built site: strict build, calculator pages carry forms and worked examples, the
runtime is self-hosted and registered, and no page refers to an outside host."""
from __future__ import annotations

import gzip
import html
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import calculators
from hooks import calculators_with_pages
from tests.support.browser import is_loopback

URL_ATTRS = {"href", "src", "action", "content", "poster", "data"}


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.forms: list[dict[str, str]] = []
        self.outputs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        for name in URL_ATTRS & attrs.keys():
            self.refs.append((tag, name, attrs[name]))
        if tag == "form" and "data-calculator" in attrs:
            self.forms.append(attrs)
        if "data-output" in attrs:
            self.outputs.setdefault(attrs["data-output"], attrs.get("data-value", ""))


def parse(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def outside_references(parser: _Refs) -> list[str]:
    found = []
    for tag, attr, value in parser.refs:
        if re.match(r"^(https?:)?//", value) and not is_loopback(value if value.startswith("http") else "http:" + value):
            found.append(f"<{tag} {attr}={value}>")
    return found


def test_staffing_page_has_its_form_and_build_time_worked_example(built_site):
    page = parse(built_site / "calculators" / "staffing" / "index.html")
    assert [f["data-calculator"] for f in page.forms] == ["staffing"]
    assert page.forms[0]["data-state"] == "static"
    assert page.outputs["agents"] == "14"  # the published reference case, computed at build time
    assert page.outputs["fte"] == "20.0"


CALCULATORS = [name for name in calculators.names() if calculators.spec(name)["kind"] == "calculator"]


def test_every_calculator_has_a_page():
    # The tools (the worksheet and its importer, the pack, scenarios) live on other pages.
    assert calculators_with_pages() == CALCULATORS


def test_every_calculator_page_shows_its_worked_example(built_site):
    for name in CALCULATORS:  # the tools (the worksheet and its importer) live on other pages
        page = parse(built_site / "calculators" / name / "index.html")
        assert name in [f["data-calculator"] for f in page.forms], name
        expected = calculators.run(name, {})
        assert expected["ok"]
        assert page.outputs, f"{name}: no [data-output] in the worked example"


def test_the_calculators_index_links_every_calculator_from_its_spec(built_site):
    index = (built_site / "calculators" / "index.html").read_text(encoding="utf-8")
    table = index[index.index("<table>"):index.index("</table>")]
    assert re.findall(r'<td><a href="([a-z_]+)/">', table) == CALCULATORS
    text = html.unescape(re.sub(r"<[^>]+>", "", table))  # the glossary wraps terms in <abbr>
    for name in CALCULATORS:
        assert calculators.spec(name)["summary"] in text


def test_no_page_refers_to_an_outside_host(built_site):
    problems = {}
    for html in built_site.rglob("*.html"):
        found = outside_references(parse(html))
        if found:
            problems[str(html.relative_to(built_site))] = found
    assert not problems, problems


def test_runtime_is_self_hosted_and_wheel_registered(built_site):
    runtime = next((built_site / "runtime" / "pyodide").iterdir())
    assert sorted(p.name for p in runtime.iterdir() if not p.name.startswith("snapshot-")) == sorted(
        ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
         "pyodide.mjs.gz", "pyodide.asm.mjs.gz", "pyodide.asm.wasm.gz"])
    # The .gz copies (for servers that send pre-compressed files) hold the same bytes, with no
    # timestamp in their header (the same copy on every build), at gzip's best compression.
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"):
        packed = (runtime / (name + ".gz")).read_bytes()
        assert gzip.decompress(packed) == (runtime / name).read_bytes(), name
        assert packed[4:8] == bytes(4) and packed[8] == 2, name  # MTIME 0; XFL 2: maximum compression
    lock = json.loads((built_site / "runtime" / "app" / "pyodide-lock.json").read_text())
    package = lock["packages"]["support-sourcing-playbook"]
    wheel = built_site / "runtime" / "app" / package["file_name"]
    assert wheel.is_file() and package["imports"] == ["calculators"]
    import hashlib

    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == package["sha256"]
    # Beside ours, only PyPI's tzdata: Pyodide has no time-zone database (the week plan's zones need it).
    assert sorted(lock["packages"]) == ["et-xmlfile", "openpyxl", "playbook-workbook", "support-sourcing-playbook", "tzdata"]
    tzdata = lock["packages"]["tzdata"]
    tz_wheel = built_site / "runtime" / "app" / tzdata["file_name"]
    assert hashlib.sha256(tz_wheel.read_bytes()).hexdigest() == tzdata["sha256"] and tzdata["imports"] == ["tzdata"]


def test_pages_advertise_the_runtime_relative_to_themselves(built_site):
    page = (built_site / "calculators" / "staffing" / "index.html").read_text()
    assert '<meta name="playbook:pyodide" content="../../runtime/pyodide/' in page
    assert '<meta name="playbook:lockfile" content="../../runtime/app/pyodide-lock.json">' in page


def test_cdn_is_an_opt_in_setting(tmp_path):
    """With extra.pyodide_cdn set, pages point the runtime at the CDN and the build copies
    no runtime files; our wheel and lockfile are still served by the site. (Built only:
    nothing here fetches from the CDN.)"""
    from tests.support.build import ROOT, build_site

    # Beside mkdocs.yml, since MkDocs resolves overrides/, hooks/ and macros.py from there.
    config = ROOT / f".mkdocs-cdn-test-{os.getpid()}.yml"
    config.write_text(
        "INHERIT: mkdocs.yml\n"
        "extra:\n  pyodide_cdn: https://cdn.example.org/pyodide/v{version}/full/\n",
        encoding="utf-8",
    )
    try:
        site = build_site(tmp_path / "site", config_file=config)
    finally:
        config.unlink()
    page = (site / "calculators" / "staffing" / "index.html").read_text()
    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    assert f'<meta name="playbook:pyodide" content="https://cdn.example.org/pyodide/v{version}/full/">' in page
    assert not (site / "runtime" / "pyodide").exists()
    assert (site / "runtime" / "app" / "pyodide-lock.json").is_file()
    # The snapshot fits only the self-hosted runtime it was made with: none with a CDN.
    assert not (site / "runtime" / "app" / "snapshot.json").exists()
    assert 'name="playbook:snapshot"' not in page


def test_every_download_is_in_the_site_with_the_engines_figures(built_site):
    # Each template a page offers is a real file in the built site, with a CSV of its table,
    # and every figure it quotes reads as calculators.figures formats it for the prose.
    import csv
    import io

    import downloads
    from calculators import figures, kpi

    for name, with_csv in downloads.DOWNLOADS.items():
        built = built_site / "downloads" / f"{name}.md"
        assert built.is_file(), f"{built} is missing"
        text = built.read_text(encoding="utf-8")
        quoted: list[tuple[str, str]] = []
        downloads.render(name, lambda key, part="text": quoted.append((key, part)) or "")
        for key, part in quoted:
            assert figures.format_figure(figures.get(key), part) in text, f"{name}: {key}/{part}"
        if with_csv:
            rows = list(csv.reader(io.StringIO((built_site / "downloads" / f"{name}.csv").read_text(encoding="utf-8"))))
            assert len(rows) > 2 and all(len(r) == len(rows[0]) for r in rows), name

    # Published values, as the outsourcing guide states them: the four models' fee ranges on
    # the pricing sheet, and the KPI lines as SLA targets.
    pricing = {r[0]: r[2] for r in csv.reader(io.StringIO((built_site / "downloads" / "pricing-sheet.csv").read_text()))}
    assert pricing["Per agent hour"] == "$8–$25 per agent hour"
    assert pricing["Per ticket, simple"] == "$1–$5 per ticket"
    assert pricing["Per ticket, complex"] == "$6–$15+ per ticket"
    assert pricing["Per dedicated agent (FTE)"] == "$1,200–$3,500 per agent per month"
    sla = {r[0]: r for r in csv.reader(io.StringIO((built_site / "downloads" / "sla-schedule.csv").read_text()))}
    assert sla["Live chat average response time"][2] == "at most 60 minutes"  # under 1 hour
    assert sla["Email average response time"][2] == "at most 24 hours"
    assert sla["First contact resolution"][2] == "at least 70%"  # 70-85%
    assert sla["Customer satisfaction (CSAT)"][2] == "at least 85%"
    assert sla["Escalation rate"][2:5] == ["at most 10%", "10–15%", "over 15%"]
    # The KPI lines are the KPI check's own rows, target and bands alike.
    for row in kpi.sla_rows(None):
        assert sla[row[0]][1:5] == list(row[1:5]), row[0]


def test_the_sla_schedule_pays_for_the_staffing_the_cost_model_prices(built_site):
    # The service-level lines hold the vendor to the settings the staffing calculator staffs
    # for and the cost calculator's FTE are sized at: the published 80/20 convention.
    import csv
    import io

    staffing = {f["key"]: f["default"] for f in calculators.spec("staffing")["fields"]}
    assert (staffing["service_level_percent"], staffing["answer_seconds"]) == (80, 20)
    sla = {r[0]: r for r in csv.reader(io.StringIO((built_site / "downloads" / "sla-schedule.csv").read_text()))}
    for line in ("Voice service level", "Chat service level"):
        assert sla[line][2] == "at least 80% within 20 seconds", line
    assert sla["Email within threshold"][2] == "at least 90% within 24 hours"  # our assumption, the benchmark time
    assert sla["QA score"][2] == "at least 80%" and sla["Schedule adherence"][2] == "at least 90%"
    text = (built_site / "downloads" / "sla-schedule.md").read_text(encoding="utf-8")
    assert "5% of that month's fees" in text and "total 15% of that month's fees" not in text
    assert "credits in one month total at most 15% of that month's fees" in text
    assert "for 3 months in a row" in text  # earn-back
    # The KPI check's own download states the same credit terms.
    from calculators import kpi
    own = kpi.sla_schedule(None)
    assert "credits 5% of that month's fees" in own and "up to 15% of the month's fees" in own and "3 months in a row" in own


def test_the_templates_state_the_engines_defaults(built_site):
    import csv
    import io

    from calculators import figures, scorecard

    def rows(name):
        return list(csv.reader(io.StringIO((built_site / "downloads" / f"{name}.csv").read_text(encoding="utf-8"))))

    # QA rubric: the weights add up to 100% and are the figures'.
    rubric = rows("qa-rubric")[1:]
    weights = [int(r[1].rstrip("%")) for r in rubric]
    assert weights == [25, 20, 15, 15, 10, 10, 5] and sum(weights) == 100
    assert sum(f.low for k, f in figures.FIGURES.items() if k.startswith("qa_weight_")) == 100
    qa = (built_site / "downloads" / "qa-rubric.md").read_text(encoding="utf-8")
    assert "a ticket passes with 80% or more" in qa and "5 tickets per agent per week" in qa
    assert "differ by at most 5 points" in qa
    # RFP pack: one row per scorecard criterion, in the scorecard's order, with its weight.
    rfp = rows("rfp-question-pack")
    assert [r[0] for r in rfp[1:1 + len(scorecard.CRITERIA)]] == [c.title for c in scorecard.CRITERIA]
    assert "Relevant experience" in [r[0] for r in rfp]
    assert [r[1] for r in rfp[1:1 + len(scorecard.CRITERIA)]] == [str(int(c.default_weight)) for c in scorecard.CRITERIA]
    pack = (built_site / "downloads" / "rfp-question-pack.md").read_text(encoding="utf-8")
    assert "## 2. Instructions to bidders" in pack and "## 3. Timeline" in pack and "## 4. How answers are evaluated" in pack
    # Escalation matrix: severities 1-3 with the figures' times.
    matrix = {r[0]: r for r in rows("escalation-matrix")}
    assert matrix["Security concern"][1:5:3] == ["1", "within 15 minutes"]
    assert matrix["Money at risk"][1:5:3] == ["2", "within 1 hour"]
    assert matrix["Outside scope"][1:5:3] == ["3", "within 8 hours"]
    # Pilot plan: the first measure's one name, its bar, and Go / Extend / Stop.
    pilot = (built_site / "downloads" / "pilot-plan.md").read_text(encoding="utf-8")
    assert "| Onboarding speed |" in pilot and "30 days: the whole pilot (our assumption)" in pilot
    assert "**Go:**" in pilot and "**Extend:**" in pilot and "**Stop:**" in pilot and "exit (day" not in pilot
    assert "## Commercial terms of the pilot" in pilot and "## SLA lines the pilot measures" in pilot
    # The data-protection schedule carries the processor terms of GDPR Art. 28(3)(a)-(h).
    dpa = (built_site / "downloads" / "data-protection-schedule.md").read_text(encoding="utf-8")
    for point in "abcdefgh":
        assert f"28(3)({point})" in dpa, point
    assert "within 24 hours of becoming aware" in dpa and "72 hours" in dpa
    # Pricing mechanics: the indexation cap is the top of the business case's price-increase range.
    mechanics = {r[0]: r for r in rows("pricing-mechanics")}
    assert mechanics["Indexation"][2] == "At most 5% a year"
    assert mechanics["Automation gain-share"][2] == "50% of the saving to the client"
    # Every template that quotes a figure no source gives says so in the one phrase.
    for name in downloads_module().DOWNLOADS:
        quoted = []
        downloads_module().render(name, lambda key, part="text": quoted.append(key) or "")
        if any(figures.get(key).assumed for key in quoted):
            assert "our assumption" in (built_site / "downloads" / f"{name}.md").read_text(encoding="utf-8").lower(), name


def downloads_module():
    import downloads

    return downloads


def test_the_contract_pages_sla_targets_are_the_kpi_checks(built_site):
    # The guide's table and the downloadable schedule state the same six targets.
    import html as _html

    from calculators import kpi

    page = (built_site / "guide" / "contract-and-sla" / "index.html").read_text(encoding="utf-8")
    section = page.split('id="sla-schedule"')[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", section, flags=re.S)[1:]
    targets = [_html.unescape(re.sub(r"<[^>]+>", "", re.findall(r"<td>(.*?)</td>", r, flags=re.S)[-1])).strip()
               for r in rows]
    assert targets == [row[2] for row in kpi.sla_rows(None)]
    assert targets[0] == "at most 60 minutes" and targets[-1] == "at most 10%"


def test_offline_is_an_opt_in_setting(built_site):
    """Without extra.offline the build writes no service worker and no page registers one
    (tests/e2e/test_offline.py builds the site with the setting on)."""
    assert not (built_site / "sw.js").exists() and not (built_site / "offline.json").exists()
    registering = [str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
                   if "offline.js" in p.read_text(encoding="utf-8")]
    assert not registering, registering


def test_embed_origins_are_checked_and_make_frame_ancestors():
    import pytest

    from hooks import frame_ancestors

    assert frame_ancestors({}) == "'self'"
    assert frame_ancestors({"embed_origins": ["https://wiki.example.org/", "http://127.0.0.1:8080"]}) == \
        "'self' https://wiki.example.org http://127.0.0.1:8080"
    for bad in ("wiki.example.org", "https://wiki.example.org/team/", "https://a.org; script-src *", "*"):
        with pytest.raises(ValueError):
            frame_ancestors({"embed_origins": [bad]})
    with pytest.raises(ValueError):
        frame_ancestors({"embed_origins": "https://wiki.example.org"})



def _snapshot(site: Path) -> tuple[dict, Path]:
    manifest = json.loads((site / "runtime" / "app" / "snapshot.json").read_text(encoding="utf-8"))
    return manifest, (site / "runtime" / "app" / manifest["file"]).resolve()


def test_runtime_snapshot_and_its_manifest(built_site):
    import hashlib
    import shutil
    import struct
    import subprocess

    manifest, snapshot = _snapshot(built_site)
    version = next((built_site / "runtime" / "pyodide").iterdir()).name
    # Next to the runtime it fits, named after that runtime's version and its own digest.
    assert snapshot.parent == built_site / "runtime" / "pyodide" / version
    assert snapshot.name == f"snapshot-{version}-{manifest['sha256'][:16]}.bin"
    assert manifest["pyodide_version"] == version
    body = snapshot.read_bytes()
    assert hashlib.sha256(body).hexdigest() == manifest["sha256"] and len(body) == manifest["bytes"]
    # Pyodide's snapshot header: its magic number, then the offset of the heap.
    magic, heap_at = struct.unpack_from("<II", body)
    assert magic == 1886286592 and 48 <= heap_at < 1 << 20
    # The pre-compressed copies hold the same bytes; brotli only where it is the smaller.
    assert gzip.decompress((snapshot.parent / (snapshot.name + ".gz")).read_bytes()) == body
    assert manifest["encodings"]["gzip"] == (snapshot.parent / (snapshot.name + ".gz")).stat().st_size
    brotli = snapshot.parent / (snapshot.name + ".br")
    assert brotli.exists() == ("br" in manifest["encodings"])
    if brotli.exists():
        assert brotli.stat().st_size == manifest["encodings"]["br"] < manifest["encodings"]["gzip"]
        node = shutil.which("node")
        assert node, "Node.js is needed to check the brotli copy"
        done = subprocess.run([node, "-e", "const z=require('zlib'),fs=require('fs');"
                               "process.stdout.write(require('crypto').createHash('sha256')"
                               ".update(z.brotliDecompressSync(fs.readFileSync(process.argv[1]))).digest('hex'))", str(brotli)],
                              capture_output=True, text=True, timeout=120)
        assert done.stdout == manifest["sha256"], done.stderr
    # The empty standard library a restored runtime starts with (the real one follows).
    import io
    import zipfile

    placeholder = (built_site / "runtime" / "app" / manifest["stdlib_placeholder"]).resolve()
    assert placeholder.parent == snapshot.parent and placeholder.name == "snapshot-stdlib-empty.zip"
    assert zipfile.ZipFile(io.BytesIO(placeholder.read_bytes())).namelist() == []
    page = (built_site / "calculators" / "staffing" / "index.html").read_text()
    assert '<meta name="playbook:snapshot" content="../../runtime/app/snapshot.json">' in page


def test_runtime_snapshot_is_reproducible(built_site, offline_site):
    """Two builds of the same sources (the offline tests' build, for another port and with
    extra.offline on) make the same snapshot, byte for byte (see make-snapshot.mjs): the
    digest its manifest names and the file's own bytes agree."""
    import hashlib

    manifest, first = _snapshot(built_site)
    other, second = _snapshot(offline_site[0])
    assert other["sha256"] == manifest["sha256"]
    assert [hashlib.sha256(f.read_bytes()).hexdigest() for f in (first, second)] == [manifest["sha256"]] * 2


def test_runtime_snapshot_failure_stops_the_build(tmp_path):
    """No wheel to install: the script says why and exits non-zero (hooks/snapshot.py then raises)."""
    import shutil
    import subprocess

    from tests.support.build import ROOT

    (tmp_path / "runtime" / "app").mkdir(parents=True)
    (tmp_path / "runtime" / "app" / "pyodide-lock.json").write_text('{"info": {}, "packages": {}}')
    done = subprocess.run([shutil.which("node"), str(ROOT / "scripts" / "make-snapshot.mjs"), str(tmp_path),
                           str(tmp_path / "out"), str(tmp_path / "snapshot.json")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "does not list support-sourcing-playbook" in done.stderr
    assert not (tmp_path / "snapshot.json").exists()


def test_nav_follows_the_readers_decision_and_puts_the_faq_before_the_maintainers_pages():
    from mkdocs.config import load_config

    nav = load_config(str(Path(__file__).resolve().parents[1] / "mkdocs.yml"))["nav"]
    titles = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in nav]
    decision = ["Should we outsource?", "What will it cost?", "With whom?", "What goes in the contract?",
                "How do we roll it out?", "Is it working?", "After day 90"]
    assert [t for t in titles if t in decision] == decision
    assert titles.index("After day 90") < titles.index("Decision pack") < titles.index("FAQ") \
        < titles.index("Reference") < titles.index("For maintainers") == len(titles) - 1
    sections = {next(iter(e)): next(iter(e.values())) for e in nav if isinstance(e, dict)}
    pages = lambda section: [next(iter(p.values())) if isinstance(p, dict) else p for p in sections[section]]
    # The alternatives come before the decision they may make unnecessary; the business case
    # sits under "What will it cost?", not among the tools.
    should = pages("Should we outsource?")
    assert should.index("guide/alternatives.md") < should.index("guide/in-house-outsourced-hybrid.md")
    assert "calculators/business_case.md" in pages("What will it cost?")
    assert "calculators/business_case.md" not in pages("Calculators")
    maintainers = next(entry["For maintainers"] for entry in nav if isinstance(entry, dict) and "For maintainers" in entry)
    assert [next(iter(page.values())) for page in maintainers] == [
        "reference/calculator-api.md", "reference/deployment.md", "reference/performance.md"]


def test_the_worked_companys_numbers_are_the_calculators(built_site):
    """Every number on the worked-company page was computed by calculators.run at build time;
    rerunning each step with the inputs the page carries gives the same text, so a calculator
    change that moves a number moves the page with it, and a page edited by hand fails here."""
    import json

    import macros

    page = (built_site / "guide" / "worked-company" / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<span class="calculator-result" data-run-calculator="([a-z_]+)" data-run-inputs="([^"]*)" '
                       r'data-run-output="([^"]+)" data-run-format="([a-z]+)">([^<]*)</span>', page)
    assert len(found) >= 20, len(found)
    steps = set()
    for name, inputs, key, form, text in found:
        inputs = json.loads(html.unescape(inputs))
        result = calculators.run(name, inputs)
        assert result["ok"], (name, result.get("errors"))
        assert html.unescape(text) == macros.format_result(macros._output(result["outputs"], key), form), (name, key)
        steps.add(name)
    assert steps == {"decision", "forecast", "week_plan", "shifts", "cost", "business_case", "scorecard", "rollout",
                     "pilot", "kpi"}
    # Each step takes the one before it: the week plan staffs the forecast's P90 week (the
    # "Plan this week at P90" lines), the shifts cover the week plan's agents per interval,
    # and the cost prices the roster's FTE (vendors bill scheduled hours).
    from calculators import forecast, week_plan
    by_name = {}
    for name, inputs, *_ in found:
        by_name.setdefault(name, json.loads(html.unescape(inputs)))
    week = by_name["week_plan"]
    assert week["volumes"] == forecast.week_volumes(calculators.run("forecast", by_name["forecast"])["outputs"], "p90")
    rosters = [json.loads(html.unescape(inputs)) for name, inputs, *_ in found if name == "shifts"]
    assert {r["requirement"] for r in rosters} == {week_plan.requirement(calculators.run("week_plan", week)["outputs"])}
    roster = next(r for r in rosters if r["shift_hours"] == "8, 6")
    fte = round(calculators.run("shifts", roster)["outputs"]["fte"], 1)
    assert by_name["cost"]["staffed_fte"] == by_name["business_case"]["staffed_fte"] == fte
    # Hand-worked anchors: the decision rule (brand yes, scale yes -> hybrid) and the pilot's
    # bars (24 <= 30 days, 97 >= 95%, 91 >= 90%, 13 <= 15%, 4 <= 5 -> go).
    assert ">hybrid</span>" in page and ">go</span>" in page
    # Each step's link reopens its calculator with the inputs of that step's numbers.
    links = re.findall(r'<a class="calculator-link" href="\.\./\.\./calculators/([a-z_]+)/\?([^"]+)">', page)
    assert {name for name, _ in links} == steps
    from urllib.parse import parse_qsl
    for name, query in links:
        carried = {k.split(".", 1)[1]: v for k, v in parse_qsl(html.unescape(query))}
        # a pasted table (the week plan's volumes, the shifts' requirement) never enters a link
        private = {f["key"] for f in calculators.spec(name)["fields"] if f.get("private")}
        assert carried == {k: str(v) if not isinstance(v, bool) else str(v).lower()
                           for k, v in by_name[name].items() if k not in private}, name
        assert not private & carried.keys(), name


def test_the_engine_starts_from_the_head_only_on_pages_with_a_calculator(built_site):
    # engine/start.js (overrides/main.html) starts the runtime before the theme's bundle: on
    # every page with a calculator's form, and on no other (the reference page quotes the
    # form's attributes in its text, and must not fetch the runtime for that).
    wrong = []
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        head = text.split("</head>", 1)[0]
        starts = "javascripts/engine/start.js" in head
        if starts != ('<form class="calc" id="calc-' in text):
            wrong.append(f"{page.relative_to(built_site)}: {'starts' if starts else 'does not start'} the engine")
    assert not wrong, "\n".join(wrong)
    assert "data-calculator" in (built_site / "reference" / "calculator-api" / "index.html").read_text(encoding="utf-8")
