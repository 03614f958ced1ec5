"""The KPI check's SLA schedule, downloaded in the browser, carries what the reader typed."""
from __future__ import annotations

import pytest

from tests.e2e.helpers import calculator_url, wait_output, wait_ready

pytestmark = pytest.mark.browser


def test_the_downloaded_sla_schedule_has_the_readers_figures(page, site_url, tmp_path):
    page.goto(calculator_url(site_url, "kpi"))
    wait_ready(page, "kpi")
    field = page.locator('form[data-calculator="kpi"] input[name="escalation_percent"]')
    field.fill("12")  # 10 < 12 ≤ 15: watch, where the example's 18% missed
    assert wait_output(page, "kpi", "misses_count", 0) == "0"
    with page.expect_download() as download:
        page.get_by_role("button", name="Download SLA schedule (.md)").click()
    assert download.value.suggested_filename == "kpi.sla.md"
    path = tmp_path / "sla.md"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| Escalation rate |"))
    assert row.endswith("| at most 10% | 10–15% | over 15% | 12% (watch) |"), row
    assert "| 40 minutes (meets) |" in text  # the example's chat figure, untouched
