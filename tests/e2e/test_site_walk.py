"""Walk every page of the built site in one browser tab, as a reader would open it.

On every page: no request to any address but the site's own origin, no console error, every
internal link and anchor leads somewhere, every calculator computes, and the Python runtime
is fetched only by pages that have a calculator or the worksheet, and preloaded by none."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.e2e.helpers import ENGINE_TIMEOUT_MS

pytestmark = pytest.mark.browser

RUNTIME_FORMS = "form[data-calculator], [data-worksheet], [data-decision-pack], [data-scenarios-view]"


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


def test_every_page_is_private_whole_and_linked(page, site_url, built_site):
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

    for path in pages:
        runtime_requests.clear()
        page.goto(urljoin(site_url, path))
        has_runtime = page.locator(RUNTIME_FORMS).count() > 0
        # No page preloads the runtime: the worker fetches it at once where it is needed,
        # and a preload counted against the page's own paint (docs/reference/performance.md).
        assert page.locator("link[href*='runtime/']").count() == 0, f"/{path} preloads the runtime"
        if has_runtime:
            runtime_pages.append(path)
            # Every calculator on the page computes in the browser (the worksheet says ready too).
            page.wait_for_function(
                """() => [...document.querySelectorAll('form[data-calculator], [data-worksheet], [data-decision-pack], [data-scenarios-view]')]
                           .every((el) => el.dataset.state === 'ready')""",
                timeout=ENGINE_TIMEOUT_MS)
            assert any(r.endswith(".wasm") for r in runtime_requests), f"/{path} computed without the runtime?"
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

    assert not foreign, "requests to another origin:\n" + "\n".join(foreign)
    assert not broken, "broken internal links:\n" + "\n".join(sorted(set(broken)))
    # The walk met every calculator page and the worksheet, and found their forms.
    docs = Path(__file__).resolve().parents[2] / "docs"
    expected = {f"calculators/{md.stem}/" for md in (docs / "calculators").glob("*.md") if md.stem != "index"}
    if (docs / "freelancers" / "worksheet.md").exists():
        expected.add("freelancers/worksheet/")
    assert expected <= set(runtime_pages), sorted(expected - set(runtime_pages))
    # ...and every calculator's embed page (embed/NAME/), where the calculator computes too.
    embeds = {f"embed/{md.stem}/" for md in (docs / "calculators").glob("*.md") if md.stem != "index"}
    assert embeds <= set(runtime_pages), sorted(embeds - set(runtime_pages))
