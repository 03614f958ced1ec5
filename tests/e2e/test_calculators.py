"""Every calculator with a page, in Chromium, as a reader uses it, on one page load each: the
engine computes the same result as CPython, a field changed with the keyboard alone is heard,
bad input gets its message beside the field, the page URL reopens the same inputs, and the
page prints. (The keyboard check was a test of its own, the other three separate tests here, each
opening the page and starting the engine again.)"""
from __future__ import annotations

import html
import math
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import calculators
from hooks import calculators_with_pages
from tests.e2e.helpers import ENGINE_TIMEOUT_MS, calculator_url, output, pdf_text, squeezed, wait_ready, wait_state

pytestmark = pytest.mark.browser

WITH_PAGES = calculators_with_pages()
TYPED = ("number", "integer", "percent", "money")
# Bad input can only be typed where there is a box to type in (not in a yes/no checklist).
WITH_TYPED_FIELDS = [n for n in WITH_PAGES if any(f["kind"] in TYPED for f in calculators.spec(n)["fields"])]


def _numeric_field(name: str):
    """The first required number-like field and a valid value different from its default;
    for a yes/no checklist, the first box and the opposite of its default."""
    fields = calculators.spec(name)["fields"]
    if not any(f["kind"] in TYPED for f in fields):
        box = next(f for f in fields if f["kind"] == "bool")
        return box, not box["default"]
    for field in fields:
        if field["kind"] in TYPED and field["default"] is not None:
            default = float(field["default"])
            candidates = [default + 1, default - 1, default * 2, default / 2]
            for value in candidates:
                value = int(value) if field["kind"] == "integer" or float(value).is_integer() else value
                if calculators.run(name, {field["key"]: value})["ok"]:
                    return field, value
    return None, None


def _as_number(text: str):
    try:
        return float(text)
    except (TypeError, ValueError):
        return text


def _assert_outputs_match(page, name: str, inputs: dict):
    """Every output the page shows equals what calculators.run gives on the host for inputs.
    Waits first for the page to settle on exactly those values (a reader's edit passes
    through intermediate results), then checks each one, so a failure names the output."""
    expected = calculators.run(name, inputs)
    assert expected["ok"], expected
    wanted = {k: v for k, v in expected["outputs"].items()
              if isinstance(v, str) or (isinstance(v, (int, float)) and not isinstance(v, bool))}
    try:
        page.wait_for_function(
            """([name, wanted]) => {
                const form = document.querySelector(`form[data-calculator="${name}"]`);
                if (!form || form.dataset.state !== "ready") return false;
                return [...document.querySelectorAll(`[data-result="${name}"] [data-output]`)].every((el) => {
                    if (!(el.dataset.output in wanted)) return true;
                    const want = wanted[el.dataset.output], value = el.dataset.value;
                    if (typeof want === "string") return value === want;
                    return Math.abs(Number(value) - want) <= 1e-9 * Math.max(1, Math.abs(want));
                });
            }""", arg=[name, wanted], timeout=ENGINE_TIMEOUT_MS)
    except PlaywrightTimeout:  # the checks below say which output differs
        pass
    shown = page.locator(f'[data-result="{name}"] [data-output]')
    assert shown.count() > 0
    for i in range(shown.count()):
        cell = shown.nth(i)
        key, value = cell.get_attribute("data-output"), cell.get_attribute("data-value")
        if key not in expected["outputs"]:
            continue
        want = expected["outputs"][key]
        if isinstance(want, (int, float)) and not isinstance(want, bool):
            assert math.isclose(float(value), want, rel_tol=1e-9, abs_tol=1e-9), (key, value, want)
        elif isinstance(want, str):  # dates, verdicts, recommendations: the same text exactly
            assert value == want, (key, value, want)


def field_control(name: str, field: dict, value=True) -> str:
    """The selector of a field's control; for a yes / no / unsure answer (radios), the one
    that gives ``value``."""
    box = f'form[data-calculator="{name}"] [name="{field["key"]}"]'
    return box + (f'[value="{str(value).lower()}"]' if field.get("unsure") else "")


def press_answer(page, field: dict, good) -> None:
    """With the keyboard on a yes/no field: a box is toggled with Space; in yes / no / unsure
    radios (focus lands on the checked "No"), the arrow before it chooses "Yes"."""
    if page.evaluate("document.activeElement.type") == "radio":
        if good and page.evaluate("document.activeElement.value") != "true":
            page.keyboard.press("ArrowLeft")
    elif page.evaluate("document.activeElement.checked") != good:
        page.keyboard.press("Space")


def _summary(result: dict) -> list[str]:
    """The plain-language reading at the top of a result, as the reader sees it."""
    block = re.search(r'<div class="calc-summary">(.*?)</div>', result["html"], re.S).group(1)
    return [html.unescape(line) for line in re.findall(r"<p>(.*?)</p>", block, re.S)]


def _keyboard_changes(page, name: str, field: dict, good) -> None:
    """From the top of the page, with the keyboard alone: the skip link, Tab to the field,
    the new value typed (or the answer chosen), Enter (which must neither submit nor reload);
    then the address carries it, the result follows and the live region speaks it."""
    status = page.locator(f'[data-result="{name}"] [data-status]')
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    # The first Tab reaches Material's skip link; following it lands in the content.
    page.keyboard.press("Tab")
    assert "md-skip" in page.evaluate("document.activeElement.className")
    page.keyboard.press("Enter")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.name === {field['key']!r} && "
                         f"!!document.activeElement.closest('form[data-calculator=\"{name}\"]')"):
            break
    else:
        pytest.fail(f"Tab never reached the {field['key']} field of {name}")
    if field["kind"] == "bool":
        press_answer(page, field, good)
    else:
        page.keyboard.press("Control+A")
        page.keyboard.type(str(good))
    page.keyboard.press("Enter")  # must neither submit nor reload
    page.wait_for_function(
        "([name, key]) => new URL(location.href).searchParams.has(`${name}.${key}`)", arg=[name, field["key"]])
    _assert_outputs_match(page, name, {field["key"]: good})
    # The live region speaks the new result (after a short pause, not per keystroke).
    page.wait_for_function(
        "n => document.querySelector(`[data-result=\"${n}\"] [data-status]`).textContent.startsWith('Computed in your browser')",
        arg=name)
    assert page.evaluate("document.activeElement.name") == field["key"]


def _refuses_and_recovers(page, name: str, field: dict, good) -> None:
    """Text in a number box: the message beside the field, the field marked invalid, the last
    result kept but marked stale; the good value again clears it and computes."""
    key = field["key"]
    page.fill(f'form[data-calculator="{name}"] [name="{key}"]', "twelve")
    wait_state(page, name, ("invalid",), timeout=10_000)
    expected = calculators.run(name, {key: "twelve"})["errors"][key]
    assert page.locator(f'form[data-calculator="{name}"] [data-error-for="{key}"]').inner_text() == expected
    assert page.locator(f'form[data-calculator="{name}"] [name="{key}"]').get_attribute("aria-invalid") == "true"
    assert page.locator(f'[data-result="{name}"] [data-report]').get_attribute("data-stale") == "true"
    page.fill(f'form[data-calculator="{name}"] [name="{key}"]', str(good))
    wait_state(page, name, ("ready",), timeout=10_000)
    assert page.locator(f'form[data-calculator="{name}"] [data-error-for="{key}"]').inner_text() == ""
    _assert_outputs_match(page, name, {key: good})


def _link_reopens(page, context, name: str, field: dict, good) -> None:
    """The page's address, opened in a new tab, fills the form with the same input and
    computes the same result."""
    shown = ("true" if good else "false") if field["kind"] == "bool" else str(good)
    box = field_control(name, field, good)
    # The address is written after the result is shown: wait for it to hold the value.
    page.wait_for_function("([key, value]) => new URL(location.href).searchParams.get(key) === value",
                           arg=[f"{name}.{field['key']}", shown])
    assert parse_qs(urlsplit(page.url).query)[f"{name}.{field['key']}"] == [shown]
    reader = context.new_page()
    reader.goto(page.url)
    if field["kind"] == "bool":
        assert reader.is_checked(box) is good
    else:
        assert reader.locator(box).input_value() == shown
    wait_ready(reader, name)
    _assert_outputs_match(reader, name, {field["key"]: good})
    reader.close()


def _prints(page, name: str, field: dict, good, tmp_path) -> None:
    """Printed (A4, through Chromium's PDF), the page shows the result's summary, the value
    given, every field with its label, and none of the buttons."""
    flat = squeezed(pdf_text(page.pdf(format="A4"), tmp_path))
    expected = calculators.run(name, {field["key"]: good})
    for line in _summary(expected):
        assert squeezed(line) in flat, line
    if field["kind"] != "bool":
        assert squeezed(str(good)) in flat
    # Every field and its label print (read on the page under print styles: in two printed
    # columns, pdftotext interleaves labels that wrap).
    page.emulate_media(media="print")
    form = page.locator(f'form[data-calculator="{name}"]')
    for spec_field in calculators.spec(name)["fields"]:
        control = form.locator(f'[name="{spec_field["key"]}"]').first
        assert control.is_visible(), spec_field["key"]
        assert form.locator(f'label[for="{control.get_attribute("id")}"]').is_visible(), spec_field["key"]
    assert form.locator(f'[data-result="{name}"] [data-report]').is_visible()
    assert squeezed("Computed in your browser") not in flat  # the status only repeats the summary
    for chrome in ("Copy as Markdown", "Download CSV", "Try again"):
        assert squeezed(chrome) not in flat, chrome
    page.emulate_media(media="screen")


@pytest.mark.parametrize("name", WITH_PAGES)
def test_each_calculator_as_a_reader_uses_it(page, context, site_url, tmp_path, name):
    """One page load per calculator (the engine's start is most of a browser test's time),
    and on it, in turn, what a reader does: the engine's first result equals CPython's; one
    field changed with the keyboard alone, heard through the live region; text typed in a
    number box refused beside it and recovered; the address reopens the same inputs in a new
    tab; the page prints with its inputs and result."""
    field, good = _numeric_field(name)
    if field is None:
        pytest.fail(f"{name} has no numeric field with a default: give this test another way in")
    page.goto(calculator_url(site_url, name))
    assert page.locator(f'form[data-calculator="{name}"]').get_attribute("data-state") in ("static", "loading", "ready")
    wait_ready(page, name)
    _assert_outputs_match(page, name, {})
    page.wait_for_function(
        "n => document.querySelector(`[data-result=\"${n}\"] [data-status]`).textContent.includes('Computed in your browser')",
        arg=name)
    _keyboard_changes(page, name, field, good)
    if name in WITH_TYPED_FIELDS:  # a yes/no checklist has no box to type text in
        _refuses_and_recovers(page, name, field, good)
    _link_reopens(page, context, name, field, good)
    _prints(page, name, field, good, tmp_path)


def test_rollout_dates_match_the_hand_worked_example(page, site_url):
    """String outputs computed in the browser, against the rollout docstring's worked example
    worked by hand: go-live Monday 2027-01-04 is day 1, so
    - the pilot review is day 30: 2027-01-04 + 29 days = 2027-02-02 (27 days to Jan 31, 2 more);
    - the decision is day 90: 2027-01-04 + 89 days = 2027-04-03 (27 to Jan 31, 28 to Feb 28,
      31 to Mar 31, 3 more);
    - training starts 3 weeks = 21 days before the go-live: 2026-12-14;
    - recruiting starts 4 weeks = 28 days before that: 2026-11-16."""
    form = 'form[data-calculator="rollout"]'
    page.goto(calculator_url(site_url, "rollout"))
    wait_ready(page, "rollout")
    for key, value in {"today": "2026-11-01", "start_date": "2027-01-04", "trained_by_date": "",
                       "training_weeks": "3", "recruiting_weeks": "4"}.items():
        page.fill(f"{form} [name='{key}']", value)
    expected = {"start_date": "2027-01-04", "pilot_review_date": "2027-02-02", "decision_date": "2027-04-03",
                "start_training_by": "2026-12-14", "start_recruiting_by": "2026-11-16"}
    page.wait_for_function("""expected => Object.entries(expected).every(([key, value]) =>
        document.querySelector(`[data-result="rollout"] [data-output="${key}"]`)?.dataset.value === value)""",
        arg=expected, timeout=10_000)
    assert {key: output(page, "rollout", key) for key in expected} == expected
    assert page.locator(f"{form}").get_attribute("data-state") == "ready"
