"""Scenarios and the decision pack in Chromium, as a reader uses them: fill cost, save two
scenarios and compare them; fill the decision checklist, open the pack and find the typed
figures, again after a reload; download its Markdown and workbook; print it to PDF and read
the recommendation back; and a browser that keeps nothing. Figures worked by hand."""
from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import urljoin

import pytest

import calculators

from tests.e2e.helpers import ENGINE_TIMEOUT_MS, calculator_url, pdf_text, squeezed, wait_output, wait_ready

pytestmark = pytest.mark.browser
COST = 'form[data-calculator="cost"]'
DECISION = 'form[data-calculator="decision"]'
PACK = "[data-decision-pack]"
VIEW = "[data-scenarios-view]"


def fill_cost(page, tickets: str) -> float:
    page.fill(f"{COST} [name='monthly_tickets']", tickets)
    expected = calculators.run("cost", {"monthly_tickets": tickets})["outputs"]["per_ticket_monthly"]
    return float(wait_output(page, "cost", "per_ticket_monthly", expected))


def save_scenario(page, name: str) -> None:
    page.fill("[data-scenario-save='cost'] input", name)
    page.click("[data-scenario-save='cost'] [data-action='save-scenario']")
    page.wait_for_function("(name) => document.querySelector('[data-scenario-status]').textContent.includes(name)", arg=name)


def open_ready(page, url: str, selector: str) -> None:
    page.goto(url)
    page.wait_for_selector(f"{selector}[data-state='ready']", state="attached", timeout=ENGINE_TIMEOUT_MS)


def test_two_scenarios_saved_and_compared(page, site_url, tmp_path):
    page.goto(calculator_url(site_url, "cost"))
    wait_ready(page, "cost")
    # Per ticket: tickets x (0.8 x 3.00 + 0.2 x 10.50 = 4.50) x 1.2 hidden costs.
    assert fill_cost(page, "4321") == pytest.approx(23_333.40)
    save_scenario(page, "In-house today")
    assert fill_cost(page, "2000") == pytest.approx(10_800)
    save_scenario(page, "Vendor A, hybrid")

    open_ready(page, urljoin(site_url, "scenarios/"), VIEW)
    table = page.locator(f"{VIEW} .calc-table").first.inner_text()
    assert "In-house today" in table and "Vendor A, hybrid" in table
    assert "$23,333" in table and "$10,800" in table
    assert page.locator(f"{VIEW} .calc-bar").count() == 2
    with page.expect_download() as markdown:
        page.click(f"{VIEW} [data-action='download-markdown']")
    text = Path(markdown.value.path()).read_text(encoding="utf-8")
    assert "| In-house today |" in text and "$10,800" in text
    with page.expect_download() as sheet:
        page.click(f"{VIEW} [data-action='download-csv']")
    assert '"Vendor A, hybrid",6211.76' in Path(sheet.value.path()).read_text(encoding="utf-8")
    # Each name reopens its scenario on the cost page.
    page.click(f"{VIEW} a:text('In-house today')")
    wait_ready(page, "cost")
    assert page.locator(f"{COST} [name='monthly_tickets']").input_value() == "4321"


def test_the_pack_recomputes_the_typed_figures_and_exports(page, site_url, tmp_path):
    page.goto(calculator_url(site_url, "decision"))
    wait_ready(page, "decision")
    page.check(f"{DECISION} [name='needs_judgment'][value='true']")
    page.check(f"{DECISION} [name='volume_variable'][value='true']")
    assert wait_output(page, "decision", "recommendation", "hybrid") == "hybrid"
    page.goto(calculator_url(site_url, "cost"))
    wait_ready(page, "cost")
    assert fill_cost(page, "2000") == pytest.approx(10_800)
    # 2,000 tickets: 2,000 x 8 / 60 / 0.85 = 313.73 billed hours; per agent hour x 16.50 x 1.2
    # = 6,211.76, the cheapest; in-house 3 agents x 5,712.50 = 17,137.50.
    expected = "at $6,212 a month against $17,138 for your own team"

    open_ready(page, urljoin(site_url, "decision-pack/"), PACK)
    recommendation = page.locator(f"{PACK} .pack-overview .calc-summary").inner_text()
    assert recommendation.startswith("Go hybrid:")
    assert expected in recommendation
    assert page.locator(f"{PACK} [data-part='cost'][data-status='filled'] [data-output='per_ticket_monthly']").get_attribute("data-value") == "10800.0"
    assert page.locator(f"{PACK} [data-part='kpi'][data-status='missing']").inner_text().count("Not yet filled") == 1

    page.reload()
    page.wait_for_selector(f"{PACK}[data-state='ready']", state="attached", timeout=ENGINE_TIMEOUT_MS)
    assert expected in page.locator(f"{PACK} .pack-overview .calc-summary").inner_text()

    with page.expect_download() as markdown:
        page.click(f"{PACK} [data-action='download-markdown']")
    text = Path(markdown.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# Decision pack\n\nGo hybrid:") and expected in text

    # The spreadsheet library loads while the pack is read, before any click.
    page.wait_for_selector(f"{PACK}[data-workbook='ready']", state="attached", timeout=ENGINE_TIMEOUT_MS)
    with page.expect_download(timeout=ENGINE_TIMEOUT_MS) as workbook:
        page.click(f"{PACK} [data-action='download-workbook']")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(Path(workbook.value.path()).read_bytes()))
    sheet, cell = book.defined_names["monthly_tickets"].attr_text.split("!")
    assert book[sheet.strip("'")][cell.replace("$", "")].value == 2000
    cost = {row[0].value: row[2].value for row in book["Cost"].iter_rows(min_row=2)}
    assert cost["per_hour_monthly"] == "=billed_hours*hourly_rate*fees"

    page.emulate_media(media="print")
    printed = squeezed(pdf_text(page.pdf(format="A4"), tmp_path))
    assert squeezed("Go hybrid: keep the work that needs judgment") in printed
    assert squeezed(expected) in printed
    assert squeezed("Download workbook") not in printed
    assert squeezed(expected) in squeezed(pdf_text(page.pdf(format="Letter"), tmp_path))


# A 40-agent-sized case kept by the calculators: the checklist, the cost, and a five-year
# business case with discounting, growth and a price increase (the widest tables).
MEMO = {
    "decision": {"inputs": {"needs_judgment": "true", "volume_variable": "true"}, "saved_at": "2026-12-02T09:00:00Z"},
    "cost": {"inputs": {"monthly_tickets": "6000"}, "saved_at": "2026-12-02T09:01:00Z"},
    "business_case": {"inputs": {"monthly_tickets": "6000", "term_months": "60", "discount_rate_percent": "8",
                                 "volume_growth_percent": "10", "price_increase_percent": "15"},
                      "saved_at": "2026-12-02T09:02:00Z"},
}
# The width of the printed page's text in CSS pixels (96 an inch): the paper less the 16 mm
# side margins of pack.css's @page.
TEXT_WIDTH_PX = {"A4": (210 - 32) / 25.4 * 96, "Letter": (215.9 - 32) / 25.4 * 96}
SUMMARY_LINES = ("Summary for the decision", "Decision: Move to a vendor paid per agent hour", "In short:",
                 "Options considered over 60 months", "Why:", "Saving:", "Payback:", "Key risks:",
                 "Assumptions (the business case inputs)", "Discount rate", "8% a year (changed)",
                 "Decision owner", "Approved by", "Date of decision")


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_memo_prints_a_one_page_summary_whole_tables_and_nothing_unfilled(page, site_url, tmp_path, paper):
    page.add_init_script(f"localStorage.setItem('playbook.latest.v1', {json.dumps(json.dumps(MEMO))})")
    open_ready(page, urljoin(site_url, "decision-pack/"), PACK)
    page.set_viewport_size({"width": round(TEXT_WIDTH_PX[paper]), "height": 1000})
    page.emulate_media(media="print")
    # Measured in the browser: no printed table is wider than the column it sits in.
    widths = page.evaluate("""() => [...document.querySelectorAll('[data-decision-pack] table')]
        .filter((t) => t.getClientRects().length)
        .map((t) => [t.caption ? t.caption.textContent : '', t.scrollWidth, t.parentElement.clientWidth])""")
    assert len(widths) > 10
    assert [w for w in widths if w[1] > w[2]] == []
    last_headers = page.evaluate("""() => [...document.querySelectorAll('[data-decision-pack] table')]
        .filter((t) => t.getClientRects().length && t.tHead).map((t) => t.tHead.rows[0].cells[t.tHead.rows[0].cells.length - 1].textContent)""")

    pages = pdf_text(page.pdf(format=paper), tmp_path).split("\f")
    first, rest = squeezed(pages[0]), squeezed("".join(pages[1:]))
    for line in SUMMARY_LINES:  # the whole summary on page 1 ...
        assert squeezed(line) in first, line
    # ... and only there: the first part opens page 2.
    assert squeezed("Summary for the decision") not in rest
    assert squeezed(pages[1]).startswith(squeezed("Decision: in-house, outsource or hybrid"))
    printed = first + rest
    for header in last_headers:  # every table's last column is on paper (its first word: a header may wrap)
        assert squeezed(header.split()[0]) in printed, header
    # Each part states its inputs on paper too.
    assert printed.count(squeezed("Computed from these inputs")) == 3
    # Off paper: the parts not filled, the page's own help and its buttons.
    for gone in ("Not yet filled", "What the recommendation says", "What this browser keeps", "Download workbook",
                 "What the pack holds", "Still to fill in"):
        assert squeezed(gone) not in printed, gone


# Full storage, or a private window that refuses writes: every write throws.
BLOCKED_STORAGE = """
Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
"""


def test_storage_disabled_leaves_the_calculators_working(page, site_url):
    page.add_init_script(BLOCKED_STORAGE)
    page.goto(calculator_url(site_url, "cost"))
    wait_ready(page, "cost")
    assert fill_cost(page, "2000") == pytest.approx(10_800)
    page.fill("[data-scenario-save='cost'] input", "Kept?")
    page.click("[data-scenario-save='cost'] [data-action='save-scenario']")
    page.wait_for_function("() => document.querySelector('[data-scenario-status]').textContent.includes('not saved')")
    assert "storage for this site is full" in page.locator("[data-scenario-status]").inner_text()
    page.goto(urljoin(site_url, "scenarios/"))
    page.wait_for_function("() => document.querySelector('[data-storage-note]')?.textContent.includes('is full')")
    open_ready(page, urljoin(site_url, "decision-pack/"), PACK)
    assert "Results computed since it filled are not gathered" in page.locator(f"{PACK} [data-pack-status]").inner_text()
