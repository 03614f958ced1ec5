"""Small helpers for browser tests: readiness is a DOM signal, never a sleep."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import TimeoutError as PlaywrightTimeout

ENGINE_TIMEOUT_MS = 90_000  # a cold Pyodide boot on a loaded 2-core CI machine


def form(page, name: str):
    return page.locator(f'form[data-calculator="{name}"]')


def wait_state(page, name: str, states=("ready",), timeout=ENGINE_TIMEOUT_MS) -> str:
    selector = ", ".join(f'form[data-calculator="{name}"][data-state="{s}"]' for s in states)
    page.wait_for_selector(selector, state="attached", timeout=timeout)
    return form(page, name).get_attribute("data-state")


def wait_ready(page, name: str, timeout=ENGINE_TIMEOUT_MS) -> None:
    wait_state(page, name, ("ready",), timeout)


def output(page, name: str, key: str) -> str:
    return page.locator(f'[data-result="{name}"] [data-output="{key}"]').first.get_attribute("data-value")


def wait_output(page, name: str, key: str, expected, timeout=ENGINE_TIMEOUT_MS) -> str:
    """Waits until output ``key`` shows ``expected`` (a number is compared to 1e-9 relative, a
    string exactly) on a form that has settled (``data-state="ready"``), and returns the shown
    value. A test waits for the final value it asserts, never for the first change: a reader
    typing "200" passes through "2" and "20", and a fast engine (or a slow machine) shows each
    of them for a while. On time-out the message says what was shown instead."""
    numeric = isinstance(expected, (int, float)) and not isinstance(expected, bool)
    try:
        page.wait_for_function(
            """([name, key, expected, numeric]) => {
                const form = document.querySelector(`form[data-calculator="${name}"]`);
                const el = document.querySelector(`[data-result="${name}"] [data-output="${key}"]`);
                if (!form || form.dataset.state !== "ready" || !el) return false;
                const shown = el.dataset.value;
                if (!numeric) return shown === expected;
                const value = Number(shown);
                return Math.abs(value - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
            }""",
            arg=[name, key, expected if numeric else str(expected), numeric], timeout=timeout,
        )
    except PlaywrightTimeout as error:  # say what the page showed instead
        raise AssertionError(f"{name}.{key}: expected {expected!r}, the page shows {output(page, name, key)!r}") from error
    return output(page, name, key)


def calculator_url(site_url: str, name: str) -> str:
    return urljoin(site_url, f"calculators/{name}/")


def follow_link(page, url: str, arrived: str = "article") -> None:
    """Go to ``url`` of the site as a reader's click on a link there does: Material's instant
    navigation swaps the page in, and a running engine carries on, so a test that visits
    several calculators starts one engine, not one each. The first visit (or one from
    another origin) is a plain load. Waits until the page's content is the new page's and
    ``arrived`` (a selector) is in it, and fails if the document was reloaded instead."""
    if not page.url.startswith(urljoin(url, "/")):
        page.goto(url, wait_until="load")
    else:
        # Marks on the document and its content: a reload would drop the first, a swap the second.
        page.evaluate("""(href) => {
            window.__followed = true;
            document.querySelector("article").dataset.left = "";
            const a = Object.assign(document.createElement("a"), {href, id: "__follow", textContent: "Next"});
            document.querySelector("article").prepend(a);
        }""", url)
        page.locator("#__follow").click()
        page.wait_for_url(url)
        page.wait_for_selector("article:not([data-left])", state="attached")
        assert page.evaluate("window.__followed === true"), f"the way to {url} reloaded the page"
    page.wait_for_selector(arrived, state="attached")


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The PDF's text through poppler's pdftotext (Debian: apt-get install poppler-utils)."""
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is needed to read the printed page: apt-get install poppler-utils"
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    return subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout


def squeezed(text: str) -> str:
    """Text without white space or hyphens, so a phrase is found wherever the printed page
    wrapped it (pdftotext joins "in-" and "house" at a line end as "inhouse")."""
    return re.sub(r"[\s-]+", "", text)


# axe-core, pinned in package.json, run on a page: the one walk of the site runs it on every page
# in both palettes (test_site_walk.py).
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[str]:
    # The page runs under the site's CSP, which refuses a <script> tag the test would add;
    # the script is evaluated in the page instead (the DevTools protocol is not subject to it).
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    found = page.evaluate("""async () => {
        const result = await axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -- ` +
            v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | "));
    }""")
    return found
