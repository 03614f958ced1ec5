"""Failure drills: the runtime's files missing, corrupt or slow, and the engine dying in the
middle of a calculation. Each ends in a plain message, the build-time worked example and the
page's text intact, and a retry that works once the fault is gone. (A missing .wasm,
pyodide.mjs, lockfile and wheel are drilled on the staffing page in test_staffing.py.)"""
from __future__ import annotations

import pytest

import calculators
from tests.e2e.helpers import calculator_url, output, wait_output, wait_ready, wait_state

pytestmark = pytest.mark.browser

# What a broken runtime may print to the console while it fails (the drill expects it).
EXPECTED_NOISE = (r"Failed to load resource|404|pyodide|Pyodide|wasm|WebAssembly|integrity|sha256|digest"
                  r"|stdlib|zip|SyntaxError|Unexpected|import|module|calculators|failed|Failed|Error")
NAME = "cost"
FORM = f'form[data-calculator="{NAME}"]'


def worked_example():
    """The cost page's build-time worked example: its first output and value."""
    result = calculators.run(NAME, {})
    key = next(k for k, v in result["outputs"].items() if isinstance(v, (int, float)) and not isinstance(v, bool))
    return key, result["outputs"][key]


def assert_plain_failure_then_retry(page, site_server):
    key, value = worked_example()
    wait_state(page, NAME, ("failed",))
    # The worked example and the page's text are all still there.
    assert float(output(page, NAME, key)) == pytest.approx(value)
    assert page.locator("h2#method").is_visible()
    status = page.locator(f"{FORM} [data-status]").inner_text()
    assert "could not load" in status and "worked example" in status, status
    assert "Traceback" not in page.content()
    retry = page.locator(f"{FORM} [data-action='retry']")
    assert retry.is_visible()
    # The fault goes away; the reader's retry brings the engine up and it computes.
    site_server.clear_faults()
    retry.click()
    wait_ready(page, NAME)
    assert not retry.is_visible()
    field = next(f for f in calculators.spec(NAME)["fields"] if f["key"] == "monthly_tickets")
    typed = int(field["default"]) * 2
    page.fill(f"{FORM} [name='monthly_tickets']", str(typed))
    wait_output(page, NAME, key, calculators.run(NAME, {"monthly_tickets": typed})["outputs"][key])


# make test drills a corrupt .wasm and wheel (a blocked .wasm is test_staffing's); the deep
# tier drills the rest, which fail through the same paths.
@pytest.mark.parametrize(("fault", "file"), [
    pytest.param("missing", "python_stdlib.zip", marks=pytest.mark.deep),
    pytest.param("missing", "pyodide.asm.mjs", marks=pytest.mark.deep),
    ("corrupt", "pyodide.asm.wasm"),
    pytest.param("corrupt", "python_stdlib.zip", marks=pytest.mark.deep),
    pytest.param("corrupt", "pyodide.asm.mjs", marks=pytest.mark.deep),
    ("corrupt", ".whl"),  # fails the sha256 the site's lockfile gives for it
    pytest.param("corrupt", "pyodide-lock.json", marks=pytest.mark.deep),
])
def test_broken_runtime_file(page, site_server, site_url, fault, file):
    if fault == "missing":
        site_server.fail(file, 404)
    else:
        site_server.corrupt(file)
    if file in (".whl", "python_stdlib.zip"):
        # A runtime restored from the snapshot never fetches the wheel, and computes without
        # the standard library's zip (test below): test the plain boot.
        site_server.fail("snapshot.json", 404)
    page.guard.allow(EXPECTED_NOISE)
    page.goto(calculator_url(site_url, NAME))
    assert_plain_failure_then_retry(page, site_server)


# make test drills the zip missing; the deep tier a corrupt one too, which fails the same way.
@pytest.mark.parametrize("fault", ["missing", pytest.param("corrupt", marks=pytest.mark.deep)])
def test_a_restored_runtime_computes_without_the_standard_library(page, site_server, site_url, fault):
    """The snapshot holds every module the calculators use, so a restored runtime computes
    before the standard library's zip arrives, and even if it never does; what would need
    the zip (a module outside the snapshot) is told in the console, never on the page."""
    if fault == "missing":
        site_server.fail("python_stdlib.zip", 404)
    else:
        site_server.corrupt("python_stdlib.zip")
    page.guard.allow(EXPECTED_NOISE)
    warnings = []
    page.on("console", lambda message: warnings.append(message.text))
    page.goto(calculator_url(site_url, NAME))
    wait_ready(page, NAME)
    key, _ = worked_example()
    page.fill(f"{FORM} [name='monthly_tickets']", "5000")
    wait_output(page, NAME, key, calculators.run(NAME, {"monthly_tickets": 5000})["outputs"][key])
    for _ in range(100):  # the worker's warning reaches the page's console in its own time
        if any("standard library" in text for text in warnings):
            break
        page.wait_for_timeout(100)
    assert any("standard library could not be put in place" in text for text in warnings), warnings
    assert "Traceback" not in page.content()


def test_slow_runtime_shows_the_example_at_once_then_computes(page, site_server, site_url):
    site_server.slow("pyodide.asm.wasm", 4.0)
    key, value = worked_example()
    page.goto(calculator_url(site_url, NAME), wait_until="domcontentloaded")
    # Before any Python runs: the worked example, and a plain word that the engine loads.
    assert float(output(page, NAME, key)) == pytest.approx(value)
    wait_state(page, NAME, ("loading",), timeout=5_000)
    assert "Loading" in page.locator(f"{FORM} [data-status]").inner_text()
    assert page.locator("h2#method").is_visible()
    wait_ready(page, NAME)
    page.fill(f"{FORM} [name='monthly_tickets']", "5000")
    wait_output(page, NAME, key, calculators.run(NAME, {"monthly_tickets": 5000})["outputs"][key])


# Keeps a handle on every worker the page starts, so the drill can kill the engine.
KEEP_WORKERS = """
(() => {
  const Native = window.Worker;
  window.__workers = [];
  window.Worker = class extends Native {
    constructor(...args) { super(...args); window.__workers.push(this); }
  };
})();
"""


def test_engine_dying_mid_calculation(page, site_server, site_url):
    page.guard.allow(EXPECTED_NOISE)
    page.add_init_script(KEEP_WORKERS)
    page.goto(calculator_url(site_url, NAME))
    wait_ready(page, NAME)
    # A change is sent to the engine, and the engine dies before it answers (as a tab whose
    # worker is killed, or a Python stuck in a loop, would).
    page.evaluate("""() => {
        const field = document.querySelector('form[data-calculator="cost"] [name="monthly_tickets"]');
        field.value = "4321";
        field.dispatchEvent(new Event("input", { bubbles: true }));
        window.__workers.forEach((worker) => worker.terminate());
    }""")
    # The page notices within its answer timeout and says so plainly.
    wait_state(page, NAME, ("failed",), timeout=30_000)
    key, _ = worked_example()
    assert output(page, NAME, key) is not None  # the last result stays on the page
    assert page.locator("h2#method").is_visible()
    status = page.locator(f"{FORM} [data-status]").inner_text()
    assert "could not load" in status and "try again" in status.lower()
    page.locator(f"{FORM} [data-action='retry']").click()
    wait_ready(page, NAME)
    # The retried engine recomputes what the reader typed.
    assert float(output(page, NAME, key)) == pytest.approx(calculators.run(NAME, {"monthly_tickets": "4321"})["outputs"][key])
