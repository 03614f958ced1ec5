"""The runtime snapshot in the browser: the staffing page restores it (no wheel fetched), and
when anything about it is wrong (manifest missing, snapshot missing, corrupt, a digest that
does not match, a runtime that refuses it) the worker boots as before and shows the very
same results, with nothing on the page but the time it took."""
from __future__ import annotations

import gzip
import hashlib
import json

import pytest

import calculators
from tests.e2e.helpers import calculator_url, output, wait_output, wait_ready

pytestmark = pytest.mark.browser

FORM = 'form[data-calculator="staffing"]'
# A worker fetch that fails prints "Failed to load resource" in the console; that is all.
EXPECTED_NOISE = r"Failed to load resource|404|snapshot"


def manifest(site) -> dict:
    return json.loads((site / "runtime" / "app" / "snapshot.json").read_text(encoding="utf-8"))


def snapshot_bytes(site) -> bytes:
    return (site / "runtime" / "app" / manifest(site)["file"]).resolve().read_bytes()


def serve(site_server, fragment: str, body: bytes, content_type: str = "application/octet-stream") -> None:
    """Answer requests for ``fragment`` with ``body`` (200): the server's fault table, with a
    body of the test's making."""
    def fault(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    site_server._server.faults[fragment] = fault


def first_results(page, site_url) -> tuple[dict, list[str]]:
    """Open the staffing page, wait for the engine, change one field; the outputs the page
    shows (the first computed result, then the changed one) and the runtime files fetched."""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(calculator_url(site_url, "staffing"))
    wait_ready(page, "staffing")
    shown = {"agents": output(page, "staffing", "agents"), "fte": output(page, "staffing", "fte")}
    page.fill(f"{FORM} [name='contacts']", "200")
    shown["agents_200"] = wait_output(page, "staffing", "agents", calculators.run("staffing", {"contacts": 200})["outputs"]["agents"])
    return shown, fetched


def expected() -> dict:
    first = calculators.run("staffing", {})["outputs"]
    return {"agents": str(first["agents"]), "agents_200": str(calculators.run("staffing", {"contacts": 200})["outputs"]["agents"])}


def test_staffing_restores_the_snapshot(page, site_url, built_site):
    shown, fetched = first_results(page, site_url)
    # The published reference case (14 agents), then 200 contacts of 180 s: 24 agents.
    assert (shown["agents"], shown["agents_200"]) == ("14", "24")
    # The gzip copy, unpacked by the worker: what any static host sends.
    assert any(url.endswith(manifest(built_site)["file"].rsplit("/", 1)[1] + ".gz") for url in fetched), fetched
    # Our package is in the snapshot: the wheel is not fetched.
    assert not [url for url in fetched if url.endswith(".whl")]


def _wrong_build(site) -> tuple[bytes, bytes]:
    """A snapshot whose digest the manifest gives correctly but whose build id (bytes 16-48
    of Pyodide's header) is another runtime's: the runtime itself must refuse it."""
    found = manifest(site)
    body = bytearray(snapshot_bytes(site))
    body[16:48] = bytes(32)
    found["sha256"] = hashlib.sha256(body).hexdigest()
    return bytes(body), json.dumps(found).encode()


# make test drills a digest that does not match (and test_snapshot_and_plain_boot_show_identical_results
# the plain boot's figures); the deep tier the other five, which end in the same fallback.
@pytest.mark.parametrize("fault", ["digest mismatch",
                                   *(pytest.param(fault, marks=pytest.mark.deep) for fault in (
                                       "runtime refuses", "manifest missing", "snapshot missing", "snapshot corrupt",
                                       "other runtime version"))])
def test_a_bad_snapshot_falls_back_to_the_plain_boot(page, site_server, site_url, built_site, fault):
    page.guard.allow(EXPECTED_NOISE)
    name = manifest(built_site)["file"].rsplit("/", 1)[1]
    if fault == "manifest missing":
        site_server.fail("snapshot.json", 404)
    elif fault == "snapshot missing":
        site_server.fail(name, 404)
    elif fault == "snapshot corrupt":
        site_server.corrupt(name)
    elif fault == "digest mismatch":
        body = bytearray(snapshot_bytes(built_site))
        body[len(body) // 2] ^= 0xFF  # one byte of 31 MB, same length
        serve(site_server, name, gzip.compress(bytes(body), 1))  # the worker fetches the .gz copy
    elif fault == "runtime refuses":
        body, changed = _wrong_build(built_site)
        serve(site_server, name, gzip.compress(body, 1))
        serve(site_server, "snapshot.json", changed, "application/json")
    else:
        changed = {**manifest(built_site), "pyodide_version": "0.0.1"}
        serve(site_server, "snapshot.json", json.dumps(changed).encode(), "application/json")
    shown, fetched = first_results(page, site_url)
    # The plain boot ran (it installs the wheel) and the reader sees the same results.
    assert [url for url in fetched if url.endswith(".whl")], fetched
    assert (shown["agents"], shown["agents_200"]) == ("14", "24")
    assert {k: shown[k] for k in ("agents", "agents_200")} == expected()
    assert "Traceback" not in page.content()


def test_snapshot_and_plain_boot_show_identical_results(browser, site_server, site_url):
    """Every output of every calculator page's first result, restored and booted plainly."""
    def outputs(fail_manifest: bool) -> dict:
        if fail_manifest:
            site_server.fail("snapshot.json", 404)
        context = browser.new_context()
        page = context.new_page()
        seen = {}
        try:
            for name in ("staffing", "cost", "rollout"):
                page.goto(calculator_url(site_url, name))
                wait_ready(page, name)
                seen[name] = page.eval_on_selector_all(
                    f'[data-result="{name}"] [data-output]', "els => els.map(e => [e.dataset.output, e.dataset.value])")
        finally:
            context.close()
            site_server.clear_faults()
        return seen

    restored, plain = outputs(False), outputs(True)
    assert restored["staffing"] and restored == plain
