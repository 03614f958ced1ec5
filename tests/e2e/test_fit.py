"""Nothing cut, nothing unreadable: every table and chart on every calculator page fits its
column at 360, 768, 1366 and 1920 px, or scrolls in its own box that shows a cue, and no
chart text is drawn under 11 CSS px.

One test: each calculator page is visited once (from one to the next by a link, as a reader
goes, so one engine computes them all), its result awaited, and the page measured at each
width in turn (the viewport is resized; a width's measurements are taken
once the page has marked every box that scrolls, the final state it asserts)."""
from __future__ import annotations

import pytest

from tests.e2e.helpers import calculator_url, follow_link, wait_ready
from tests.e2e.test_calculators import WITH_PAGES

pytestmark = pytest.mark.browser

WIDTHS = (360, 768, 1366, 1920)
SMALLEST_CHART_TEXT_PX = 11

# Boxes that may scroll sideways, each with its cue (calc-scroll-cue after it, or, for
# Material's own table wrapper, the edge shadows fit.js turns on with data-scrolls).
_SCROLL_BOXES = ".calc-table, .calc-chart-scroll, .md-typeset__scrollwrap"

# The page has settled at this width: no transition is running (Material animates the search
# box's width, which sticks out for a quarter of a second after a resize) and every box that
# scrolls is marked (fit.js).
_SETTLED = """(boxes) => document.getAnimations().every((a) => a.playState !== "running")
    && [...document.querySelectorAll(boxes)].filter((box) => box.checkVisibility()).every(
        (box) => (box.scrollWidth > box.clientWidth + 1) === box.hasAttribute("data-scrolls"))"""

_MEASURE = """([boxes, smallest]) => {
    const problems = [];
    const name = (el) => {
        const caption = el.closest("figure, table")?.querySelector("figcaption, caption")?.textContent.trim();
        return `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}${caption ? ` "${caption.slice(0, 40)}"` : ""}`;
    };
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) {
        problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px wide)`);
    }
    // Not shown: display none, or inside a closed <details> (checkVisibility sees both).
    const shown = (el) => el.getClientRects().length > 0 && el.checkVisibility({visibilityProperty: true});
    // The column a table or chart must fit: the result column, the form, or the page's content
    // (whose margin Material's table wrapper reaches into).
    const column = (el) => el.closest(".calc-result, .calc, .md-content");
    for (const el of document.querySelectorAll(".md-content table, .md-content svg:not(.calc-bar-track):not(.md-icon svg)")) {
        if (!shown(el) || el.closest(".md-icon, .headerlink, .playbook-copylink, label, summary")) continue;
        if (el.matches("svg") && el.getBoundingClientRect().width < 20) continue; // an icon
        // A table that scrolls inside its own box (Material styles tables so) hides columns with no cue.
        if (el.matches("table") && el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)}: scrolls inside itself, with no cue`);
        const box = el.closest(boxes);
        const edge = column(el).getBoundingClientRect().right + 0.5;
        if (box) {
            if (box.getBoundingClientRect().right > edge) problems.push(`${name(el)}: its scroll box runs past its column`);
            if (box.scrollWidth > box.clientWidth + 1) {
                const cue = box.nextElementSibling?.matches(".calc-scroll-cue") ? box.nextElementSibling : null;
                const cued = cue ? shown(cue) : box.hasAttribute("data-scrolls") && getComputedStyle(box).backgroundImage !== "none";
                if (!cued) problems.push(`${name(el)}: scrolls sideways with no cue`);
            }
        } else if (el.getBoundingClientRect().right > edge) {
            problems.push(`${name(el)}: cut at its column (${Math.round(el.getBoundingClientRect().right)} > ${Math.round(edge)})`);
        }
    }
    for (const text of document.querySelectorAll(".md-content svg text")) {
        if (!shown(text)) continue;
        const px = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
        if (px < smallest - 0.01) {
            problems.push(`${name(text.closest("svg"))}: text "${text.textContent.slice(0, 20)}" at ${px.toFixed(1)} px`);
        }
    }
    return problems;
}"""


def test_every_table_and_chart_fits_and_reads_at_four_widths(page, site_url):
    found = []
    for name in WITH_PAGES:
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        follow_link(page, calculator_url(site_url, name), f'form[data-calculator="{name}"]')
        wait_ready(page, name)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_function(_SETTLED, arg=_SCROLL_BOXES)
            found += [f"{name} at {width} px: {problem}"
                      for problem in page.evaluate(_MEASURE, [_SCROLL_BOXES, SMALLEST_CHART_TEXT_PX])]
    assert not found, "\n".join(found)


def test_the_check_finds_a_cut_table_and_small_chart_text(page, site_url):
    """The measurement itself fails where it should: a table forced wider than its column
    outside any scroll box, and chart text shrunk under 11 px."""
    page.set_viewport_size({"width": 768, "height": 900})
    page.goto(calculator_url(site_url, "business_case"))
    wait_ready(page, "business_case")
    page.evaluate("""() => {
        const table = document.querySelector('[data-result="business_case"] .calc-table table');
        table.style.minWidth = "3000px";
        document.querySelector('[data-result="business_case"]').append(table);  // out of its scroll box
        const svg = document.querySelector(".calc-line-chart");
        svg.style.minWidth = "0"; svg.style.width = "200px";
    }""")
    problems = page.evaluate(_MEASURE, [_SCROLL_BOXES, SMALLEST_CHART_TEXT_PX])
    assert any("cut at its column" in p for p in problems), problems
    assert any("calc-line-chart" in p and " px" in p for p in problems), problems
