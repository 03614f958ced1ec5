"""Issue 5's browser checks on the freelancer worksheet: a reader fills it in, reloads,
navigates away and back, closes the browser, keeps two tabs open, exports, clears,
imports, prints, and reads it without JavaScript. Answers must survive byte for byte and
stay text everywhere."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

import calculators
from calculators.tools import worksheet
from tests.e2e.helpers import ENGINE_TIMEOUT_MS, pdf_text, squeezed
from tests.support.browser import Guard

pytestmark = pytest.mark.browser

STORAGE_KEY = "ssp.worksheet.v1"
PANEL = "[data-worksheet]"
READY = '[data-worksheet][data-state="ready"]'

# Text a reader might type, including what must never turn into markup.
TYPED = {
    "outcome.desired": "Quicker evening replies\nwithout new hires",
    "scope.ticket_types": "<script>window.__pwned = 1</script>",
    "scope.escalate": "| refunds | over $200 |\n# legal\n- angry regulars",
    "candidates.profile": "**calm** writers, _patient_ with `code`",
    "candidates.sourcing": "[Upwork](javascript:alert(1)) and referrals 😀",
    "support.review_process": "review " * 700 + "end",  # about 5,000 characters
    "support.communication": "<img src=x onerror=\"window.__pwned = 2\">",
    "operations.security": "  SSO & two-step login, &copy; kept as typed  ",
    "success.measures": "CSAT ≥ 85%, FCR ≥ 70%\n\nQA score",
}
STRUCTURED = {
    "scope.tier": "tier1",
    "scope.channels.email": "true",
    "scope.channels.chat": "true",
    "timing.hours_per_week": "60",
    "timing.trained_by_date": "2027-01-04",
    "timing.training_weeks": "3",
    "timing.recruiting_weeks": "4",
}


def url(site_url: str) -> str:
    return urljoin(site_url, "freelancers/worksheet/")


def field(page, key: str):
    return page.locator(f'[data-worksheet-part] [name="{key}"]')


def type_answers(page, answers: dict[str, str]) -> None:
    for key, text in answers.items():
        box = field(page, key)
        kind = box.evaluate("el => el.type")
        if kind == "checkbox":
            box.set_checked(text == "true")
        elif kind == "select-one":
            box.select_option(text)
        else:
            box.fill(text)


def values(page, keys) -> dict[str, str]:
    return page.evaluate(
        """keys => Object.fromEntries(keys.map(key => {
            const el = document.querySelector(`[data-worksheet-part] [name="${key}"]`);
            return [key, el.type === "checkbox" ? String(el.checked) : el.value];
        }))""", list(keys))


def stored(page) -> dict:
    text = page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")
    return json.loads(text) if text else {}


def wait_ready(page) -> None:
    page.wait_for_selector(READY, state="attached", timeout=ENGINE_TIMEOUT_MS)


def open_worksheet(page, site_url: str, ready: bool = True) -> None:
    page.goto(url(site_url))
    if ready:
        wait_ready(page)


@pytest.fixture
def guarded_context(browser):
    """A context of one's own (another browser session, JavaScript off, ...), guarded like `page`."""
    made = []

    def make(**options):
        guard = Guard()
        context = browser.new_context(**options)
        guard.attach(context)
        made.append((context, guard))
        return context

    yield make
    for context, guard in made:
        try:
            guard.check(context.pages)
        finally:
            context.close()


# ------------------------------------------------------------------ keeping answers


def test_answers_survive_reload_navigation_and_closing_the_browser(page, site_url, browser, guarded_context):
    open_worksheet(page, site_url, ready=False)
    type_answers(page, {**TYPED, **STRUCTURED})
    everything = {**TYPED, **STRUCTURED}
    # Saved as typed, before the engine is even needed.
    assert stored(page)["answers"] == {key: text for key, text in everything.items()}

    page.reload()
    assert values(page, everything) == everything

    # Material's instant navigation: away through a help link and back, without a reload.
    page.evaluate("window.__samePage = true")
    page.locator('.ws-links a', has_text='the case for and against').click()
    page.wait_for_function("() => location.pathname.endsWith('/freelancers/') && !document.querySelector('[data-worksheet]')")
    page.go_back()
    page.wait_for_selector(PANEL)
    assert page.evaluate("window.__samePage") is True
    assert values(page, everything) == everything

    # Closing the browser keeps the origin's storage; a new session starts from it.
    later = guarded_context(storage_state=page.context.storage_state()).new_page()
    open_worksheet(later, site_url)
    assert values(later, everything) == everything
    later.wait_for_function("() => document.querySelector('[data-progress-overall]').textContent.startsWith('15 of 36')")


def test_a_second_tab_shows_each_edit_and_the_later_edit_wins(page, context, site_url):
    open_worksheet(page, site_url, ready=False)
    other = context.new_page()
    open_worksheet(other, site_url, ready=False)

    field(page, "outcome.desired").fill("Typed in the first tab")
    other.wait_for_function(
        """() => document.querySelector('[name="outcome.desired"]').value === 'Typed in the first tab'""")

    # The second tab's reader is mid-answer in one box while the first tab edits another.
    field(other, "scope.escalate").fill("Half an answ")
    field(other, "scope.escalate").focus()
    field(page, "scope.ticket_types").fill("Password resets")
    other.wait_for_function("() => document.querySelector('[name=\"scope.ticket_types\"]').value === 'Password resets'")
    assert field(other, "scope.escalate").input_value() == "Half an answ"
    page.wait_for_function("() => document.querySelector('[name=\"scope.escalate\"]').value === 'Half an answ'")

    # A later edit of the same box in the first tab wins in both.
    field(page, "scope.escalate").fill("Refunds over $200")
    other.wait_for_function("() => document.querySelector('[name=\"scope.escalate\"]').value === 'Refunds over $200'")
    other.reload()
    assert values(other, ["outcome.desired", "scope.ticket_types", "scope.escalate"]) == {
        "outcome.desired": "Typed in the first tab", "scope.ticket_types": "Password resets",
        "scope.escalate": "Refunds over $200"}


# ------------------------------------------------------------------ export, clear, import


def test_export_clear_import_round_trip_is_byte_for_byte(page, context, site_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_worksheet(page, site_url)
    everything = {**TYPED, **STRUCTURED}
    type_answers(page, everything)

    with page.expect_download() as json_download:
        page.click('[data-action="download-json"]')
    exported = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert json_download.value.suggested_filename == "freelancer-worksheet.json"
    assert exported["format"] == "support-sourcing-playbook/freelancer-worksheet" and exported["version"] == 1
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", exported["saved_at"])
    for key, text in everything.items():
        assert exported["answers"][key] == text, key
    assert exported["schedule"]["start_recruiting_by"] == "2026-11-16"

    with page.expect_download() as md_download:
        page.click('[data-action="download-markdown"]')
    markdown = Path(md_download.value.path()).read_text(encoding="utf-8")
    assert md_download.value.suggested_filename == "freelancer-worksheet.md"
    assert "\\<script\\>window.\\_\\_pwned = 1\\</script\\>" in markdown
    assert "\\| refunds \\| over $200 \\|\n\n\\# legal\n\n\\- angry regulars" in markdown
    assert "- Start training by: 2026-12-14" in markdown

    page.click('[data-action="copy-markdown"]')
    page.wait_for_function("() => document.querySelector('[data-status]').textContent.startsWith('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == markdown

    # Clear asks first; "keep" leaves everything alone.
    page.click('[data-action="clear"]')
    page.click('[data-action="clear-cancel"]')
    assert values(page, everything) == everything
    page.click('[data-action="clear"]')
    page.click('[data-action="clear-confirm"]')
    assert set(values(page, everything).values()) <= {"", "false"}
    page.wait_for_function("() => document.querySelector('[data-progress-overall]').textContent.startsWith('0 of')")
    assert page.locator("[data-status]").inner_text() == "Cleared every answer."
    assert page.evaluate("document.activeElement.dataset.action") == "clear"
    assert set(stored(page)["answers"].values()) == {""}
    page.reload()
    assert set(values(page, everything).values()) <= {"", "false"}
    wait_ready(page)

    page.set_input_files("[data-import]", json_download.value.path())
    page.wait_for_function("() => document.querySelector('[data-import-message]').textContent.startsWith('Opened')")
    assert values(page, everything) == everything
    assert {k: v for k, v in stored(page)["answers"].items() if v not in ("", "false")} == everything
    page.reload()
    assert values(page, everything) == everything
    assert page.evaluate("window.__pwned") is None


@pytest.mark.parametrize(("content", "message"), [
    (b"[1, 2]", "This file is not a worksheet saved from this page: it is JSON, but not in the worksheet's format."),
    (b"%PDF-1.4 not json", "This file is not a worksheet saved from this page: it is not JSON text."),
    (json.dumps({"format": worksheet.FORMAT, "version": 99, "answers": {}}).encode(),
     "This worksheet file has version 99; this page reads version 1. Open it with the page that saved it."),
    (json.dumps({"format": worksheet.FORMAT, "version": 1, "answers": {"outcome.desired": 5}}).encode(),
     "This file is not a worksheet saved from this page: the answer to “The outcome” is not text."),
    (b" " * 2_000_001 + b"{}", "Worksheet file is too long: keep it under 2,000,000 characters."),
])
def test_a_bad_file_is_refused_and_the_answers_stay(page, site_url, content, message):
    open_worksheet(page, site_url)
    field(page, "outcome.desired").fill("Keep me")
    before = stored(page)
    page.set_input_files("[data-import]", files=[{"name": "worksheet.json", "mimeType": "application/json",
                                                 "buffer": content}])
    notice = page.locator("[data-import-message]")
    notice.filter(has_text="unchanged").wait_for()
    assert notice.inner_text() == f"{message} Your saved answers are unchanged."
    assert field(page, "outcome.desired").input_value() == "Keep me"
    assert stored(page) == before


# ------------------------------------------------------------------ dates, progress, text


def test_start_dates_follow_the_timing_answers(page, site_url):
    page.clock.set_fixed_time("2026-11-01T10:00:00")
    open_worksheet(page, site_url)
    type_answers(page, {"timing.trained_by_date": "2027-01-04", "timing.training_weeks": "3",
                        "timing.recruiting_weeks": "4"})
    box = page.locator("[data-schedule]")
    page.wait_for_selector('[data-schedule][data-schedule-state="ok"]')
    # 2027-01-04 − 21 days = 2026-12-14; − 28 days = 2026-11-16.
    assert box.locator('[data-output="start_training_by"]').get_attribute("data-value") == "2026-12-14"
    assert box.locator('[data-output="start_recruiting_by"]').inner_text() == "2026-11-16"

    # Trained by 2026-11-20 instead: training must start 2026-10-30, recruiting 2026-10-02,
    # 30 days before today; 19 days (2.7 weeks) are left for 3 weeks of training.
    field(page, "timing.trained_by_date").fill("2026-11-20")
    page.wait_for_selector('[data-schedule][data-schedule-state="late"]')
    assert box.locator("[data-schedule-problems] li").all_inner_texts() == [
        "Recruiting would have had to start on 2026-10-02, 30 days ago.",
        "Training (3 weeks) is longer than the 2.7 weeks left before the trained-by date.",
    ]
    field(page, "timing.training_weeks").fill("three")
    page.wait_for_selector('[data-schedule][data-schedule-state="unreadable"]')
    assert page.locator('[data-error-for="timing.training_weeks"]').inner_text() == (
        "Training time must be a number; “three” is not one. It is kept as you typed it.")
    assert field(page, "timing.training_weeks").get_attribute("aria-invalid") == "true"


def test_progress_and_the_open_questions_link_to_them(page, site_url):
    open_worksheet(page, site_url)
    assert page.locator("[data-progress-overall]").inner_text() == "0 of 36 questions answered"
    type_answers(page, {"outcome.desired": "Cover evenings", "scope.channels.phone": "true"})
    page.wait_for_function("() => document.querySelector('[data-progress-overall]').textContent === "
                           "'2 of 36 questions answered'")
    assert page.locator('[data-progress-part="scope"]').inner_text() == "1 of 4"
    open_links = page.locator("[data-unanswered] a")
    assert open_links.count() == 8  # a short list...
    assert page.locator("[data-unanswered] li").last.inner_text() == "and 26 more"  # 34 open
    first = open_links.first
    assert first.inner_text() == "Which kinds of ticket will they answer?"
    assert first.get_attribute("href") == "#q-scope-ticket-types"
    def arrived(anchor: str, name: str) -> str:
        """The question on screen, whole, and the cursor in its first box."""
        return f"""() => {{
            const box = document.getElementById("{anchor}").getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight
                && document.activeElement.name === "{name}";
        }}"""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if request.url == url(site_url) else None)
    first.scroll_into_view_if_needed()
    assert not page.evaluate(arrived("q-scope-ticket-types", "scope.ticket_types"))  # out of sight...
    first.click()
    # ...and the link brings the question on screen with the cursor in its box: what the reader
    # sees, not the address, which Material's navigation.tracking rewrites to the section in
    # view. The page is not fetched again: Material's instant navigation does that for the first
    # in-page link on a page, and its scroll restoration then left the question out of sight
    # (under load in CI, and every time against a plain HTTP server).
    page.wait_for_function(arrived("q-scope-ticket-types", "scope.ticket_types"))
    # The keyboard does the same: the list's second link, Enter, and typing lands in that box.
    second = open_links.nth(1)
    assert second.get_attribute("href") == "#q-scope-tier"
    second.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(arrived("q-scope-tier", "scope.tier"))
    assert fetched == []
    page.keyboard.press("End")  # the last choice of the select
    page.wait_for_function("() => document.querySelector('[data-progress-overall]').textContent === "
                           "'3 of 36 questions answered'")


def test_typed_markup_shows_as_text_on_the_page(page, site_url):
    open_worksheet(page, site_url)
    type_answers(page, TYPED)
    page.reload()
    wait_ready(page)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("[data-worksheet-part] img, [data-worksheet-part] script").count() == 0
    mirror = page.locator('[data-print-for="support.communication"]')
    assert mirror.text_content() == TYPED["support.communication"]
    assert page.locator('[data-print-for="scope.channels"]').text_content() == "No answer yet."


# ------------------------------------------------------------------ print and no JavaScript


def test_printed_page_is_the_filled_in_document(page, site_url, tmp_path):
    open_worksheet(page, site_url)
    type_answers(page, {**TYPED, **STRUCTURED})
    page.wait_for_function("() => document.querySelector('[data-output=\"start_training_by\"]').dataset.value")
    text = pdf_text(page.pdf(format="A4"), tmp_path)
    flat = squeezed(text)
    for key, typed in TYPED.items():
        assert squeezed(typed) in flat, key
    for shown in ("First line only (tier 1)", "Email, Live chat", "60 hours a week", "2027-01-04", "3 weeks"):
        assert squeezed(shown) in flat, shown
    start_training = page.locator('[data-output="start_training_by"]').get_attribute("data-value")
    assert start_training in text
    for question in worksheet.QUESTIONS:
        assert squeezed(question.prompt) in flat, question.id
    # No form chrome on paper.
    for chrome in ("Download Markdown (.md)", "Clear all answers", "Open a saved worksheet", "Not decided yet",
                   "Still open", "Help with this part"):
        assert chrome not in text, chrome
    assert "No answer yet." in text  # the questions still open say so


def test_without_javascript_every_question_is_readable_and_prints(guarded_context, site_url, tmp_path):
    reader = guarded_context(java_script_enabled=False).new_page()
    reader.goto(url(site_url))
    assert reader.locator("[data-nojs]").is_visible()
    assert "Saving needs JavaScript" in reader.locator("[data-nojs]").inner_text()
    assert reader.locator("[data-actions]").is_hidden()
    prompts = reader.locator(".ws-prompt").all_inner_texts()
    assert prompts == [q.prompt for q in worksheet.QUESTIONS]
    for key in (f.key for f in worksheet.ANSWER_FIELDS):
        assert reader.locator(f'[name="{key}"]').is_visible(), key
    flat = squeezed(pdf_text(reader.pdf(format="A4"), tmp_path))
    for question in worksheet.QUESTIONS:
        assert squeezed(question.prompt) in flat, question.id


# ------------------------------------------------------------------ when things are missing


def test_answers_save_before_the_engine_is_ready_and_exports_wait(page, site_server, site_url):
    site_server.slow("pyodide.asm.wasm", 4)
    open_worksheet(page, site_url, ready=False)
    page.wait_for_selector('[data-worksheet][data-state="loading"]', state="attached")
    assert page.locator('[data-action="download-json"]').is_disabled()
    assert page.locator("[data-import]").is_disabled()
    assert "Preparing the exports" in page.locator("[data-status]").inner_text()
    field(page, "outcome.desired").fill("Saved while the engine loads")
    assert stored(page)["answers"]["outcome.desired"] == "Saved while the engine loads"
    wait_ready(page)
    assert page.locator('[data-action="download-json"]').is_enabled()
    with page.expect_download() as download:
        page.click('[data-action="download-json"]')
    assert json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["answers"]["outcome.desired"] == (
        "Saved while the engine loads")


def test_storage_that_refuses_is_said_plainly_and_answers_live_in_the_tab(page, site_url):
    # Private browsing in some browsers, or a full quota: every write throws.
    page.add_init_script("""Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };""")
    open_worksheet(page, site_url)
    note = page.locator("[data-storage-note]")
    assert note.is_visible()
    assert "not letting the page save" in note.inner_text()
    field(page, "outcome.desired").fill("Only in this tab")
    # Away and back by instant navigation: the tab still has the answer.
    page.locator('.ws-links a', has_text='the case for and against').click()
    page.wait_for_function("() => location.pathname.endsWith('/freelancers/') && !document.querySelector('[data-worksheet]')")
    page.go_back()
    page.wait_for_selector(PANEL)
    assert field(page, "outcome.desired").input_value() == "Only in this tab"
    wait_ready(page)
    with page.expect_download() as download:
        page.click('[data-action="download-json"]')
    assert json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["answers"]["outcome.desired"] == (
        "Only in this tab")


def test_the_page_and_the_engine_agree_on_the_markdown(page, site_url):
    open_worksheet(page, site_url)
    type_answers(page, {**TYPED, **STRUCTURED})
    # The page's own engine: importing its client module again gives the same instance
    # (one module graph per document), so this asks the tab's worker, not a new one.
    markdown = page.evaluate("""async () => {
        const inputs = {};
        document.querySelectorAll('[data-worksheet-part] [name]').forEach(el => {
            inputs[el.name] = el.type === 'checkbox' ? String(el.checked) : el.value; });
        const script = document.querySelector('script[type="module"][src$="javascripts/worksheet.js"]');
        const { tabEngine } = await import(new URL('engine/client.js', script.src).href);
        return (await tabEngine().run('worksheet', {...inputs, today: '2026-11-01',
                                                    saved_at: '2026-11-23T09:30:00Z'})).markdown;
    }""")
    expected = calculators.run("worksheet", {**TYPED, **STRUCTURED, "today": "2026-11-01",
                                             "saved_at": "2026-11-23T09:30:00Z"})["markdown"]
    assert markdown == expected
