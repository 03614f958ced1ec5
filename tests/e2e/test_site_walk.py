"""Walk every page of the built site once, in one browser tab, as a reader would open it,
and check on each page everything that holds for every page.

On every page (and under the deployed Content-Security-Policy the test server sends): no
request to any address but the site's own origin, no console error, every internal link
and anchor leads somewhere, every calculator computes, and the Python runtime is fetched
only by pages that have a calculator or the worksheet, and preloaded by none; axe-core
finds no accessibility violation in the light or the dark palette, with the calculators
computed; and at 360 pixels wide (the narrowest common phone) nothing makes the page
scroll sideways, wide tables scrolling inside their own box instead. One walk, so each page
and its engine is opened once for all of these (they were three walks).

The walk opens every page without a calculator, and every embed page, with a load of its
own; the site's pages with calculators follow one another by a link, as a reader goes, so
one engine computes them all (each calculator page opened with a load of its own is
test_calculators.py's). Which pages have a calculator is read from the built HTML and
checked against what the browser finds."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.e2e.helpers import AXE, ENGINE_TIMEOUT_MS, axe_violations, follow_link

pytestmark = pytest.mark.browser

RUNTIME_FORMS = "form[data-calculator], [data-worksheet], [data-decision-pack], [data-scenarios-view]"
DESKTOP = {"width": 1280, "height": 720}
PHONE_WIDTH = {"width": 360, "height": 740}
PALETTE_TOGGLE = "label.md-header__button[for^='__palette']:visible"

# What sticks out past the right edge of the page, outside any box that scrolls or clips on
# its own: the elements a reader would have to scroll sideways to see.
SIDEWAYS = """() => {
    const width = document.documentElement.clientWidth;
    const clipped = (el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const x = getComputedStyle(p).overflowX;
            if (x === "auto" || x === "scroll" || x === "hidden" || x === "clip") return true;
        }
        return false;
    };
    const wide = [];
    for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.width && box.right > width + 0.5 && !clipped(el)) {
            wide.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")} right=${Math.round(box.right)}`);
        }
    }
    return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


class _RuntimeForms(HTMLParser):
    """Whether a built page holds a form or view the engine computes (RUNTIME_FORMS)."""

    ATTRIBUTES = {"data-calculator", "data-worksheet", "data-decision-pack", "data-scenarios-view"}

    def __init__(self):
        super().__init__()
        self.found = False
        self.preloads: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if self.ATTRIBUTES & names and (tag != "form" or "data-calculator" in names):
            self.found = True
        values = dict(attrs)
        if tag == "link" and "runtime/" in (values.get("href") or ""):
            self.preloads.append(values["href"])


def read_page(site: Path, path: str) -> _RuntimeForms:
    parser = _RuntimeForms()
    parser.feed(target_file(site, path).read_text(encoding="utf-8"))
    return parser


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)


def site_pages(site: Path) -> list[str]:
    """Every page's path relative to the site root ("" is the home page)."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative.startswith(("runtime/", "assets/")):
            continue
        pages.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return pages


def target_file(site: Path, path: str) -> Path | None:
    path = unquote(path).lstrip("/")
    candidate = site / path
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _accessibility(page, path: str) -> list[str]:
    """axe's violations in the light palette, then the dark one (the reader's switch), and
    back to light for the next page."""
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    problems = [f"/{path} light: {v}" for v in axe_violations(page)]
    page.locator(PALETTE_TOGGLE).first.click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    problems += [f"/{path} dark: {v}" for v in axe_violations(page)]
    page.locator(PALETTE_TOGGLE).first.click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    return problems


def _sideways_on_a_phone(page, path: str) -> list[str]:
    page.set_viewport_size(PHONE_WIDTH)
    try:
        found = page.evaluate(SIDEWAYS)
    finally:
        page.set_viewport_size(DESKTOP)
    if found["scroll"] > found["width"] or found["wide"]:
        return [f"/{path}: {found['scroll']} px wide in {found['width']} px; {found['wide']}"]
    return []


def test_every_page_in_one_walk(page, site_url, built_site):
    assert AXE.is_file(), "axe-core is missing: `npm ci` (make test does it)"
    page.set_viewport_size(DESKTOP)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    pages = site_pages(built_site)
    assert len(pages) >= 15 and "" in pages and "404.html" in pages, pages
    foreign: list[str] = []
    runtime_requests: list[str] = []

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}" != origin:
            foreign.append(f"{request.url} (from {page.url})")
        elif parts.path.startswith("/runtime/"):
            runtime_requests.append(parts.path)

    page.on("request", on_request)
    ids: dict[Path, set[str]] = {}
    broken: list[str] = []
    runtime_pages: list[str] = []
    inaccessible: list[str] = []
    too_wide: list[str] = []

    built = {path: read_page(built_site, path) for path in pages}
    # No page preloads the runtime: the worker fetches it at once where it is needed, and a
    # preload counted against the page's own paint (docs/reference/performance.md).
    preloading = [f"/{path}: {page_.preloads}" for path, page_ in built.items() if page_.preloads]
    assert not preloading, "pages that preload the runtime:\n" + "\n".join(preloading)
    # Pages without a calculator, then the site's pages with one (followed by links from the
    # first), then the embed pages (each a page of its own, outside the site's navigation).
    embeds = [path for path in pages if path.startswith("embed/")]
    computing = [path for path in pages if built[path].found and path not in embeds]
    plain = [path for path in pages if not built[path].found]
    assert len(computing) >= 10 and embeds and plain, (computing, embeds)
    engine_running = False

    for path in plain + computing + embeds:
        runtime_requests.clear()
        followed = engine_running and path in computing
        if followed:
            follow_link(page, urljoin(site_url, path))
        else:
            page.goto(urljoin(site_url, path))
            # ...nor does any script add a preload as the page loads.
            assert page.locator("link[href*='runtime/']").count() == 0, f"/{path} preloads the runtime"
        has_runtime = page.locator(RUNTIME_FORMS).count() > 0
        assert has_runtime == built[path].found, f"/{path}: the browser and the built page disagree on its calculators"
        if has_runtime:
            runtime_pages.append(path)
            # Every calculator on the page computes in the browser (the worksheet says ready too).
            page.wait_for_function(
                "(forms) => [...document.querySelectorAll(forms)].every((el) => el.dataset.state === 'ready')",
                arg=RUNTIME_FORMS, timeout=ENGINE_TIMEOUT_MS)
            if followed:
                # The engine the first such page started computes this one: nothing fetched again.
                assert not any(r.endswith(".wasm") for r in runtime_requests), f"/{path} fetched the runtime again"
            else:
                assert any(r.endswith(".wasm") for r in runtime_requests), f"/{path} computed without the runtime?"
            engine_running = path in computing
        else:
            page.wait_for_load_state("networkidle")
            assert not runtime_requests, f"/{path} has no calculator but fetched {sorted(set(runtime_requests))}"

        # Links as the reader's browser has them, after every script (results included).
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map((a) => a.href)")
        for href in hrefs:
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" != origin:
                continue  # links out (the sources page) are for the reader to follow, not fetched
            file = target_file(built_site, parts.path)
            if file is None:
                broken.append(f"/{path} links to missing {parts.path}")
                continue
            if parts.fragment:
                if file not in ids:
                    parser = _Ids()
                    parser.feed(file.read_text(encoding="utf-8"))
                    ids[file] = parser.ids
                if unquote(parts.fragment) not in ids[file]:
                    broken.append(f"/{path} links to missing anchor {parts.path}#{parts.fragment}")

        inaccessible += _accessibility(page, path)
        too_wide += _sideways_on_a_phone(page, path)

    assert not foreign, "requests to another origin:\n" + "\n".join(foreign)
    assert not broken, "broken internal links:\n" + "\n".join(sorted(set(broken)))
    assert not inaccessible, "axe violations:\n" + "\n".join(inaccessible)
    assert not too_wide, "pages that scroll sideways on a 360-pixel screen:\n" + "\n".join(too_wide)
    # The walk met every calculator page and the worksheet, and found their forms.
    docs = Path(__file__).resolve().parents[2] / "docs"
    expected = {f"calculators/{md.stem}/" for md in (docs / "calculators").glob("*.md") if md.stem != "index"}
    if (docs / "freelancers" / "worksheet.md").exists():
        expected.add("freelancers/worksheet/")
    assert expected <= set(runtime_pages), sorted(expected - set(runtime_pages))
    # ...and every calculator's embed page (embed/NAME/), where the calculator computes too.
    embeds = {f"embed/{md.stem}/" for md in (docs / "calculators").glob("*.md") if md.stem != "index"}
    assert embeds <= set(runtime_pages), sorted(embeds - set(runtime_pages))
