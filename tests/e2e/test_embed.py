"""Embed pages, the links a reader copies for a wiki, and who may frame the site.

Every calculator with a page has embed/NAME/: the calculator alone, the same URL state,
worked example and failure states as the full page, a link back carrying the inputs. In an
iframe of another loopback origin it tells the host its height (and the snippet on the
Deployment page sizes the iframe with it); the browser shows it there only when the
Content-Security-Policy's frame-ancestors names that origin. The copy buttons put the
right addresses on the clipboard."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

import calculators
from hooks import frame_ancestors
from tests.e2e.helpers import calculator_url, output, wait_output, wait_ready, wait_state
from tests.e2e.test_calculators import WITH_PAGES, _assert_outputs_match, _numeric_field
from tests.support.csp import deployed_csp
from tests.support.server import SiteServer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DEPLOYMENT = ROOT / "docs" / "reference" / "deployment.md"
REFUSED = r"frame-ancestors"


def embed_url(site_url: str, name: str, query: str = "") -> str:
    return urljoin(site_url, f"embed/{name}/") + (f"?{query}" if query else "")


def origin(url: str) -> str:
    return "{0.scheme}://{0.netloc}".format(urlsplit(url))


def policy_allowing(*origins: str) -> str:
    """The deployed policy with frame-ancestors as extra.embed_origins would make it."""
    return re.sub(r"frame-ancestors [^;]+", "frame-ancestors " + frame_ancestors({"embed_origins": list(origins)}),
                  deployed_csp())


def height_listener(site_origin: str) -> str:
    """The listener given on the Deployment page, with this site's origin in it."""
    blocks = re.findall(r"```text\n(.*?)```", DEPLOYMENT.read_text(encoding="utf-8"), re.S)
    snippet = next(block for block in blocks if "playbook:height" in block)
    return snippet.replace("https://playbook.example.internal", site_origin)


@pytest.fixture
def host(tmp_path):
    """A second loopback origin serving the wiki page that frames the calculator."""
    with SiteServer(tmp_path) as server:
        server.folder = tmp_path
        yield server


def host_page(host, body: str, script: str = "") -> str:
    # The host is a wiki, not this site: its own page may use an inline script.
    (host.folder / "wiki.html").write_text(
        f"<!doctype html><html><head><title>Wiki</title></head><body><h1>Team wiki</h1>{body}"
        f"<script>window.__heights = []; window.addEventListener('message', (e) => "
        f"{{ if (e.data && e.data.type === 'playbook:height') window.__heights.push(e.data); }});\n{script}</script>"
        f"</body></html>", encoding="utf-8")
    return urljoin(host.url, "wiki.html")


@pytest.fixture
def framed(site_server):
    yield site_server
    site_server.reset_headers()


def embed_frame(page, name: str):
    """The embed page's frame once it has navigated there. An iframe is in the DOM, and its
    frame attached, while it still shows about:blank; the URL comes when navigation commits."""
    frame = page.wait_for_selector(f'iframe[src*="/embed/{name}/"]', state="attached").content_frame()
    frame.wait_for_url(re.compile(rf"/embed/{name}/"), wait_until="commit")
    return frame


# ---------------------------------------------------------------------------- the pages


@pytest.mark.parametrize("name", WITH_PAGES)
def test_embed_page_is_the_calculator_alone_with_its_url_state(page, site_url, name):
    field, value = _numeric_field(name)
    query = f"{name}.{field['key']}={str(value).lower()}"
    page.goto(embed_url(site_url, name, query))
    for chrome in ("header.md-header", "nav.md-nav", ".md-search", "footer.md-footer", ".md-sidebar"):
        assert page.locator(chrome).count() == 0, f"embed/{name}/ has {chrome}"
    form = page.locator(f'form[data-calculator="{name}"]')
    assert form.count() == 1
    wait_ready(page, name)
    _assert_outputs_match(page, name, {field["key"]: value})
    # Back to the full page, the calculator's anchor and the same inputs.
    link = page.locator("a[data-embed-open]")
    parts = urlsplit(link.get_attribute("href"))
    assert parts.path == f"/calculators/{name}/" and parts.fragment == f"calc-{name}"
    assert parse_qs(parts.query)[f"{name}.{field['key']}"] == [str(value).lower()]
    assert link.get_attribute("target") == "_blank"


def test_embed_pages_are_generated_for_every_calculator_and_kept_out_of_search(built_site):
    embedded = sorted(p.parent.name for p in (built_site / "embed").glob("*/index.html"))
    assert embedded == sorted(WITH_PAGES)
    assert "worksheet" not in embedded and "worksheet_import" not in embedded
    for name in embedded:
        html = (built_site / "embed" / name / "index.html").read_text(encoding="utf-8")
        # The worked example is there before any script runs, as on the full page.
        assert 'data-state="static"' in html and "data-output=" in html
        assert '<meta name="robots" content="noindex">' in html
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("embed/")]
    assert "/embed/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")


def test_embed_page_shows_the_worked_example_when_the_runtime_fails(page, site_server, site_url):
    site_server.fail("pyodide.asm.wasm", 404)
    page.guard.allow(r"404|Failed to load|could not start|WebAssembly|wasm")
    page.goto(embed_url(site_url, "staffing"))
    wait_state(page, "staffing", ("failed",))
    # The published reference case (Erlang C, 100 contacts of 180 s in 30 minutes, 80/20):
    # 14 agents, as the full page's worked example shows.
    assert output(page, "staffing", "agents") == "14"
    assert page.locator('[data-action="retry"]').is_visible()


# --------------------------------------------------------------- framing and height


def test_framed_by_an_allowed_origin_it_computes_and_the_height_follows(page, framed, site_url, host):
    framed.set_headers({"Content-Security-Policy": policy_allowing(origin(host.url))})
    wiki = host_page(host, f'<iframe src="{embed_url(site_url, "staffing")}" title="Staffing" '
                           f'width="100%" height="300"></iframe>', height_listener(origin(site_url)))
    page.goto(wiki)
    frame = embed_frame(page, "staffing")
    wait_ready(frame, "staffing")
    # The host heard the height, and the Deployment page's listener sized the iframe to it.
    page.wait_for_function("() => window.__heights.length > 0")
    content = frame.evaluate("() => Math.ceil(document.querySelector('[data-embed]').getBoundingClientRect().bottom)")
    page.wait_for_function("h => document.querySelector('iframe').getBoundingClientRect().height >= h", arg=content)
    first = page.evaluate("window.__heights.at(-1)")
    assert first["name"] == "staffing" and first["height"] >= content > 300
    # Bad input swaps the result's reading for a message: the calculator's height changes,
    # and the iframe's with it.
    frame.fill('form[data-calculator="staffing"] [name="aht_seconds"]', "-5")
    wait_state(frame, "staffing", ("invalid",))
    page.wait_for_function("h => window.__heights.at(-1).height !== h", arg=first["height"])
    changed = page.evaluate("window.__heights.at(-1).height")
    page.wait_for_function("h => document.querySelector('iframe').clientHeight === h", arg=changed)
    assert changed == frame.evaluate(
        "() => Math.ceil(document.querySelector('[data-embed]').getBoundingClientRect().bottom)")
    # Typing in the frame computes there, for the reader of the wiki.
    frame.fill('form[data-calculator="staffing"] [name="aht_seconds"]', "180")
    frame.fill('form[data-calculator="staffing"] [name="contacts"]', "200")
    wait_output(frame, "staffing", "agents", calculators.run("staffing", {"contacts": 200})["outputs"]["agents"])


def test_without_the_listener_the_iframe_keeps_its_height(page, framed, site_url, host):
    framed.set_headers({"Content-Security-Policy": policy_allowing(origin(host.url))})
    page.goto(host_page(host, f'<iframe src="{embed_url(site_url, "kpi")}" title="KPI" width="600" height="400"></iframe>'))
    frame = embed_frame(page, "kpi")
    wait_ready(frame, "kpi")
    page.wait_for_function("() => window.__heights.length > 0")
    assert page.evaluate("document.querySelector('iframe').clientHeight") == 400
    # Still whole: the calculator scrolls inside the fixed frame.
    assert frame.evaluate("document.scrollingElement.scrollHeight") > 400


def test_framed_by_an_origin_not_allowed_the_browser_refuses(page, framed, site_url, host):
    framed.set_headers({"Content-Security-Policy": deployed_csp()})  # the default: 'self' only
    page.guard.allow(REFUSED)
    with page.expect_console_message(lambda message: "frame-ancestors" in message.text) as refusal:
        page.goto(host_page(host, f'<iframe src="{embed_url(site_url, "staffing")}" title="Staffing" height="300"></iframe>'))
    assert "frame-ancestors 'self'" in refusal.value.text and "blocked" in refusal.value.text
    page.wait_for_load_state("load")
    assert page.frames[1].locator("form[data-calculator]").count() == 0
    assert page.evaluate("window.__heights") == []


def test_framed_by_the_site_itself_by_default(page, framed, site_url):
    framed.set_headers({"Content-Security-Policy": deployed_csp()})
    # Any page of the site may frame an embed page: a same-origin iframe made on the fly.
    page.goto(urljoin(site_url, "reference/deployment/"))
    page.evaluate("""src => { const frame = document.createElement('iframe'); frame.src = src;
                             frame.title = 'Staffing'; document.querySelector('article').append(frame); }""",
                  embed_url(site_url, "staffing"))
    wait_ready(embed_frame(page, "staffing"), "staffing")


# ------------------------------------------------------------------ the copied links


@pytest.fixture
def clipboard(context, site_url):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin(site_url))
    return lambda page: page.evaluate("navigator.clipboard.readText()")


def test_copy_embed_code_and_link_carry_the_inputs(page, clipboard, framed, site_url, host):
    page.goto(calculator_url(site_url, "staffing"))
    wait_ready(page, "staffing")
    page.fill('form[data-calculator="staffing"] [name="contacts"]', "200")
    wait_output(page, "staffing", "agents", 24)
    page.wait_for_function("() => location.search.includes('staffing.contacts=200')")

    page.click('form[data-calculator="staffing"] [data-action="copy-link"]')
    link = clipboard(page)
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == calculator_url(site_url, "staffing")
    assert parts.fragment == "calc-staffing" and parse_qs(parts.query)["staffing.contacts"] == ["200"]

    page.click('form[data-calculator="staffing"] [data-action="copy-embed"]')
    snippet = clipboard(page)
    src = re.search(r'<iframe src="([^"]+)"', snippet).group(1).replace("&amp;", "&")
    assert src.startswith(embed_url(site_url, "staffing") + "?")
    assert parse_qs(urlsplit(src).query)["staffing.contacts"] == ["200"]
    assert 'title="Staffing: agents for a live channel"' in snippet

    # Pasted into a wiki page (an allowed origin): the same numbers.
    framed.set_headers({"Content-Security-Policy": policy_allowing(origin(host.url))})
    page.goto(host_page(host, snippet))
    frame = embed_frame(page, "staffing")
    wait_ready(frame, "staffing")
    assert frame.locator('[name="contacts"]').input_value() == "200"
    assert int(output(frame, "staffing", "agents")) == calculators.run("staffing", {"contacts": 200})["outputs"]["agents"]

    # The plain link opens the full page at the calculator, with the same numbers.
    page.goto(link)
    wait_ready(page, "staffing")
    assert page.locator('form[data-calculator="staffing"] [name="contacts"]').input_value() == "200"
    assert page.evaluate("location.hash") == "#calc-staffing"


def test_copy_link_to_a_section(page, clipboard, site_url):
    page.goto(urljoin(site_url, "reference/deployment/"))
    heading = page.locator("h2#embedding")
    heading.hover()
    button = heading.locator("[data-copy-section]")
    assert button.get_attribute("aria-label").startswith("Copy link to this section: Embedding")
    button.click()
    assert clipboard(page) == urljoin(site_url, "reference/deployment/#embedding")
    assert page.locator("[data-playbook-announce]").inner_text() == "Copied a link to this section."
    # Every heading with a permalink has the button, for its own published anchor.
    ids = page.eval_on_selector_all(".md-content a.headerlink", "links => links.map((a) => a.parentElement.id)")
    buttons = page.eval_on_selector_all("[data-copy-section]", "bs => bs.map((b) => b.dataset.copySection)")
    assert ids and buttons == ids


def test_copy_link_to_a_section_of_a_calculator_page_carries_the_inputs(page, clipboard, site_url):
    page.goto(calculator_url(site_url, "staffing") + "?staffing.contacts=150")
    wait_ready(page, "staffing")
    page.locator("h2#method").hover()
    page.click("h2#method [data-copy-section]")
    copied = urlsplit(clipboard(page))
    assert copied.path == "/calculators/staffing/" and copied.fragment == "method"
    assert parse_qs(copied.query)["staffing.contacts"] == ["150"]
