"""Offline after the first visit (opt-in, extra.offline: true): a site built with the
setting registers Workbox's service worker; after one visit, with the network off, every
page reloads and every calculator computes (on its embed page too, in the deep tier); a new
build replaces the copy whole, and the Deployment page says which build this browser holds."""
from __future__ import annotations

import json
import shutil
from urllib.parse import urljoin

import pytest

from hooks import write_service_worker
from tests.e2e.helpers import ENGINE_TIMEOUT_MS, wait_ready
from tests.e2e.test_calculators import WITH_PAGES, _assert_outputs_match, _numeric_field
from tests.e2e.test_site_walk import site_pages
from tests.support.server import SiteServer

pytestmark = pytest.mark.browser

STATUS = "[data-offline-status]"


def first_visit(page, url: str) -> None:
    """Open the site once and wait until the service worker holds it and runs the page."""
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=ENGINE_TIMEOUT_MS)


def held_version(page, site_url: str) -> str:
    page.goto(urljoin(site_url, "reference/deployment/"))
    page.wait_for_selector(f"{STATUS}[data-offline-state]")
    return page.locator(STATUS).get_attribute("data-offline-version")


def test_the_build_writes_the_worker_and_the_version(offline_site):
    site, _ = offline_site
    worker = (site / "sw.js").read_text(encoding="utf-8")
    # Workbox's precache list names the pages, the search index, the runtime and our wheel.
    lock = json.loads((site / "runtime" / "app" / "pyodide-lock.json").read_text(encoding="utf-8"))
    wheel = lock["packages"]["support-sourcing-playbook"]["file_name"]
    for entry in ("calculators/staffing/index.html", "embed/staffing/index.html", "search/search_index.json",
                  "pyodide.asm.wasm", "python_stdlib.zip", "runtime/app/pyodide-lock.json", wheel, "offline.json"):
        assert entry in worker, entry
    assert len(json.loads((site / "offline.json").read_text(encoding="utf-8"))["version"]) == 12
    assert 'src="../../javascripts/offline.js"' in (site / "guide" / "faq" / "index.html").read_text(encoding="utf-8")


def _compute_offline(page, url: str, name: str) -> None:
    field, value = _numeric_field(name)
    page.goto(url + f"?{name}.{field['key']}={str(value).lower()}")
    wait_ready(page, name)
    _assert_outputs_match(page, name, {field["key"]: value})


def test_every_page_reloads_and_every_calculator_computes_offline(page, context, offline_site):
    site, port = offline_site
    with SiteServer(site, port=port) as server:
        first_visit(page, server.url)
        version = held_version(page, server.url)
        assert version == json.loads((site / "offline.json").read_text(encoding="utf-8"))["version"]
        assert "version " + version in page.locator(STATUS).inner_text()

        context.set_offline(True)
        # Every page reloads, embed pages included; the calculators' pages are loaded below,
        # where each is also computed (loading them here too would start an engine for nothing).
        computed = {f"calculators/{name}/" for name in WITH_PAGES}
        pages = [path for path in site_pages(site) if path not in computed]
        assert len(pages) > 10 and {f"embed/{name}/" for name in WITH_PAGES} <= set(pages), pages
        for path in pages:
            page.goto(urljoin(server.url, path))
            assert page.locator("article, [data-embed]").count() > 0, f"/{path} did not load offline"
        # Every calculator computes on its page, with inputs in the address (on its embed page
        # too in the deep tier, below: the same runtime files from the same copy).
        for name in WITH_PAGES:
            _compute_offline(page, urljoin(server.url, f"calculators/{name}/"), name)
        # Search reads its index from the copy too.
        page.goto(server.url)
        query = page.locator("input[data-md-component='search-query']")
        query.click()
        query.press_sequentially("erlang")
        page.wait_for_selector(".md-search-result__item", timeout=60_000)
        context.set_offline(False)


@pytest.mark.deep
def test_every_embed_page_computes_offline(page, context, offline_site):
    site, port = offline_site
    with SiteServer(site, port=port) as server:
        first_visit(page, server.url)
        context.set_offline(True)
        for name in WITH_PAGES:
            _compute_offline(page, urljoin(server.url, f"embed/{name}/"), name)
        context.set_offline(False)


def test_a_new_build_replaces_the_copy_whole(page, offline_site, tmp_path):
    site, port = offline_site
    # The next build: one page changed, and its own worker and version.
    next_site = tmp_path / "next"
    shutil.copytree(site, next_site)
    faq = next_site / "guide" / "faq" / "index.html"
    faq.write_text(faq.read_text(encoding="utf-8").replace("</article>", '<p id="next-build">Next build</p></article>'),
                   encoding="utf-8")
    next_version = write_service_worker(next_site)["version"]

    with SiteServer(site, port=port) as server:
        first_visit(page, server.url)
        old_version = held_version(page, server.url)
    assert old_version != next_version

    with SiteServer(next_site, port=port) as server:
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        # The Deployment page, still open, says a newer build is saved and waits.
        page.wait_for_selector(f'{STATUS}[data-offline-state="update-waiting"]', timeout=ENGINE_TIMEOUT_MS)
        # Meanwhile every file still comes from the old build, never a mix.
        fetched = page.evaluate("""async () => [await (await fetch('../../offline.json')).json(),
                                               await (await fetch('../../guide/faq/')).text()]""")
        assert fetched[0]["version"] == old_version and 'id="next-build"' not in fetched[1]
        # The reader takes the new version: the page reloads onto it, whole.
        with page.expect_navigation():
            page.click("[data-offline-update]")
        page.wait_for_selector(f"{STATUS}[data-offline-state]")
        assert page.locator(STATUS).get_attribute("data-offline-version") == next_version
        page.goto(urljoin(server.url, "guide/faq/"))
        assert page.locator("#next-build").count() == 1
