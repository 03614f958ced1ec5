"""The journey (hooks/journey.py): one list of steps, the pages that exist, and what comes next."""
from __future__ import annotations

import pytest

from hooks import journey


class Files:
    """The part of MkDocs' files collection the journey reads."""

    def __init__(self, paths):
        self.paths = set(paths)

    def get_file_from_path(self, path):
        if path not in self.paths:
            return None

        class File:
            url = "" if path == "index.md" else path.removesuffix(".md").removesuffix("index") + "/"
        return File()


ALL = {page.path for step in journey.STEPS for page in step.pages} | {"index.md", journey.PACK[0]}
WITHOUT_FORECAST = ALL - {"calculators/forecast.md", "calculators/shifts.md"}


def test_the_steps_in_the_order_of_the_decision():
    assert [step.title for step in journey.steps(Files(ALL))] == [
        "Understand", "Decide", "Size", "Forecast and shifts", "Cost", "Business case", "Choose a partner",
        "Contract", "Pilot and rollout", "Run"]


def test_a_step_whose_optional_pages_are_missing_is_skipped():
    files = Files(WITHOUT_FORECAST)
    assert "forecast" not in [step.key for step in journey.steps(files)]
    # the week plan (last page of "size") leads to cost's first page, starting that step
    page, step = journey.next_page(files, "calculators/week_plan.md")
    assert (page.path, step.key) == ("guide/costs.md", "cost")
    # with the pages in place, the forecast comes between
    page, step = journey.next_page(Files(ALL), "calculators/week_plan.md")
    assert (page.path, step.key) == ("calculators/forecast.md", "forecast")


def test_next_within_a_step_names_no_new_step_and_the_last_page_leads_to_the_pack():
    files = Files(WITHOUT_FORECAST)
    page, step = journey.next_page(files, "guide/in-house-outsourced-hybrid.md")
    assert (page.path, step) == ("calculators/decision.md", None)
    page, step = journey.next_page(files, "calculators/kpi.md")
    assert (page.path, step) == ("decision-pack.md", None)
    assert journey.next_page(files, "reference/glossary.md") is None


def test_a_missing_page_that_is_not_optional_fails_the_build():
    with pytest.raises(journey.MissingPage, match="guide/costs.md"):
        journey.steps(Files(WITHOUT_FORECAST - {"guide/costs.md"}))


def test_each_step_names_the_calculators_on_its_pages():
    by_key = {step.key: step for step in journey.STEPS}
    assert by_key["size"].calculators == ("staffing", "week_plan")
    assert by_key["business-case"].calculators == ("business_case",)  # scenarios.md is not a calculator
    assert by_key["contract"].calculators == ()


def test_links_are_relative_to_the_page():
    files = Files(ALL)
    assert journey.relative(files, "calculators/cost.md", "calculators/decision/") == "../cost/"
    assert journey.relative(files, "guide/costs.md", "") == "guide/costs/"
