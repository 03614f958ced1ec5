"""The worked company's links reopen each step with its inputs: following the cost step's
link, the cost calculator settles on the same monthly cost the page printed at build time."""
from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest

import calculators
from tests.e2e.helpers import ENGINE_TIMEOUT_MS, form, wait_ready

pytestmark = pytest.mark.browser


def test_the_cost_steps_link_reopens_the_cost_calculator_with_the_companys_inputs(page, site_url):
    page.goto(urljoin(site_url, "guide/worked-company/"))
    span = page.locator('[data-run-calculator="cost"][data-run-output="per_hour_monthly"]')
    inputs = json.loads(span.get_attribute("data-run-inputs"))
    expected = calculators.run("cost", inputs)["outputs"]["per_hour_monthly"]
    page.locator('a.calculator-link[href*="calculators/cost/"]').click()
    wait_ready(page, "cost")
    # The form holds the company's inputs, and the result settles on the page's figure.
    assert form(page, "cost").locator("[name='monthly_tickets']").input_value().replace(",", "") == \
        str(inputs["monthly_tickets"])
    page.wait_for_function(
        """(expected) => {
            const f = document.querySelector('form[data-calculator="cost"]');
            const el = document.querySelector('[data-result="cost"] [data-output="per_hour_monthly"]');
            return f && f.dataset.state === "ready" && el && Math.abs(Number(el.dataset.value) - expected) < 0.005;
        }""",
        arg=expected, timeout=ENGINE_TIMEOUT_MS,
    )
