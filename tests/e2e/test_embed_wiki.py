"""A wiki page on another origin (a second loopback server) embedding a calculator: it
computes there; a hand-over opens the full site outside the frame; a wiki the site's owner
has not allowed sees a plain message with a link; the copy button says what the owner must
allow, at the button; long calculators embed in their compact form."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

import calculators
from calculators.core.render import _data_value
from tests.e2e.helpers import ENGINE_TIMEOUT_MS, calculator_url, wait_ready
from tests.e2e.test_embed import (  # noqa: F401 (fixtures)
    clipboard, embed_frame, embed_url, framed, host, host_page, origin, policy_allowing,
)

pytestmark = pytest.mark.browser

STAFFING = 'form[data-calculator="staffing"]'


def test_in_an_allowed_wiki_it_computes_and_a_hand_over_opens_outside_the_frame(page, framed, site_url, host):
    framed.set_headers({"Content-Security-Policy": policy_allowing(origin(host.url))})
    page.goto(host_page(host, f'<iframe src="{embed_url(site_url, "staffing")}" title="Staffing" '
                              'width="100%" height="900"></iframe>'))
    frame = embed_frame(page, "staffing")
    wait_ready(frame, "staffing")
    frame.fill(f"{STAFFING} [name='contacts']", "150")
    agents = _data_value(calculators.run("staffing", {"contacts": 150})["outputs"]["agents"])
    frame.wait_for_selector(f'[data-result="staffing"] [data-output="agents"][data-value="{agents}"]', state="attached")
    # The framing check has settled (the server's policy allows this wiki): no message.
    frame.wait_for_selector('[data-embed][data-framing="allowed"]', state="attached")
    assert not frame.locator("[data-embed-refused]").is_visible()

    # "Cost these agents" hands the FTE to the cost calculator: in a new tab, not in the frame.
    with page.context.expect_page() as opened:
        frame.locator('[data-result="staffing"] a.calc-link').first.click()
    tab = opened.value
    tab.wait_for_url(re.compile(r"/calculators/cost/\?"))
    assert "cost.staffed_fte" in parse_qs(urlsplit(tab.url).query)
    assert tab.locator("header.md-header").count() == 1  # the full site, with its header
    wait_ready(tab, "cost")
    assert urlsplit(frame.url).path == "/embed/staffing/"  # the frame stayed on the calculator
    # The journey's next step opens outside too.
    with page.context.expect_page() as next_tab:
        frame.locator(f"{STAFFING} [data-next] a").click()
    next_tab.value.wait_for_url(re.compile(r"/calculators/week_plan/"))
    assert urlsplit(frame.url).path == "/embed/staffing/"


def test_a_wiki_the_owner_has_not_allowed_sees_a_message_and_a_link(page, framed, site_url, host):
    # A static host that sends no Content-Security-Policy: the page itself checks who frames it
    # against extra.embed_origins (empty in this build: this site only).
    framed.set_headers({})
    page.goto(host_page(host, f'<iframe src="{embed_url(site_url, "staffing")}" title="Staffing" '
                              'width="100%" height="500"></iframe>'))
    frame = embed_frame(page, "staffing")
    message = frame.locator("[data-embed-refused]")
    message.wait_for(state="visible")
    assert frame.locator("[data-embed]").get_attribute("data-framing") == "refused"
    assert "cannot be shown here" in message.inner_text()
    assert frame.locator("[data-embed-refused-origin]").inner_text() == origin(host.url)
    assert not frame.locator(STAFFING).is_visible()
    link = message.locator("a")
    assert urlsplit(link.get_attribute("href")).path == "/calculators/staffing/"
    assert link.get_attribute("target") == "_blank"


def test_the_same_page_framed_by_the_site_itself_is_not_refused(page, site_url):
    page.goto(calculator_url(site_url, "kpi"))
    page.evaluate("""src => { const frame = document.createElement('iframe'); frame.src = src;
                             frame.title = 'Staffing'; document.querySelector('article').append(frame); }""",
                  embed_url(site_url, "staffing"))
    frame = embed_frame(page, "staffing")
    wait_ready(frame, "staffing")
    # The framing check has settled (embed.js says so on the embed) and left the calculator
    # in place. (It waited for network quiet before, which a busy frame may never reach.)
    frame.wait_for_selector('[data-embed][data-framing="allowed"]', state="attached")
    assert frame.locator(STAFFING).is_visible() and not frame.locator("[data-embed-refused]").is_visible()


def test_copy_embed_code_says_what_the_owner_must_allow_at_the_button(page, clipboard, site_url):
    page.goto(calculator_url(site_url, "cost"))
    wait_ready(page, "cost")
    button = page.locator('form[data-calculator="cost"] [data-action="copy-embed"]')
    button.click()
    confirmation = button.locator("xpath=following-sibling::*[1]")
    assert confirmation.is_visible() and confirmation.text_content() == "Copied"
    note = page.locator('form[data-calculator="cost"] .calc-copy-note').inner_text()
    assert "extra.embed_origins" in note and "frame-ancestors" in note and "only this site itself" in note
    # The cost calculator is long: its embed code is the compact form.
    src = re.search(r'<iframe src="([^"]+)"', clipboard(page)).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(src).query)["compact"] == ["1"]


def test_compact_embed_shows_the_first_inputs_and_the_headline(page, site_url):
    page.goto(embed_url(site_url, "cost", "compact=1&cost.monthly_tickets=8000"))
    wait_ready(page, "cost")
    groups = page.locator('form[data-calculator="cost"] fieldset.calc-group')
    assert groups.count() > 1 and groups.first.is_visible() and not groups.nth(1).is_visible()
    assert page.locator('[data-result="cost"] .calc-summary').is_visible()
    assert not page.locator('[data-result="cost"] .calc-table').first.is_visible()
    expected = _data_value(calculators.run("cost", {"monthly_tickets": 8000})["outputs"]["per_ticket_monthly"])
    page.wait_for_selector(f'[data-result="cost"] [data-output="per_ticket_monthly"][data-value="{expected}"]',
                           state="attached", timeout=ENGINE_TIMEOUT_MS)
    # "Open in the Playbook" has the rest, with the inputs and without "compact".
    query = parse_qs(urlsplit(page.locator("a[data-embed-open]").get_attribute("href")).query)
    assert query["cost.monthly_tickets"] == ["8000"] and "compact" not in query
