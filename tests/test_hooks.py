"""hooks/pages.py: calculator pages join the nav's Calculators section without an edit to
mkdocs.yml, and a page listed by hand keeps its place and title."""
from __future__ import annotations

import pytest
from mkdocs.config import load_config

import hooks
from hooks import pages

NAV = [
    {"Home": "index.md"},
    {"Calculators": ["calculators/index.md", {"Staffing": "calculators/staffing.md"}]},
    {"Reference": [{"Calculator reference": "reference/calculator-api.md"}]},
]


def fresh_nav():
    return [{k: (list(v) if isinstance(v, list) else v) for k, v in entry.items()} for entry in NAV]


def test_a_page_missing_from_the_nav_joins_the_calculators_section():
    nav = hooks.with_calculator_pages(fresh_nav(), ["calculators/staffing.md", "calculators/toy.md"])
    assert nav[1] == {"Calculators": ["calculators/index.md", {"Staffing": "calculators/staffing.md"},
                                      "calculators/toy.md"]}
    assert nav[0] == NAV[0] and nav[2] == NAV[2]


def test_a_nav_without_the_section_fails_loudly_and_no_nav_is_left_alone():
    with pytest.raises(ValueError, match="Calculators"):
        hooks.with_calculator_pages([{"Home": "index.md"}], ["calculators/toy.md"])
    assert hooks.with_calculator_pages(None, ["calculators/toy.md"]) is None


def test_calculator_pages_are_those_of_kind_calculator_that_exist(tmp_path):
    (tmp_path / "calculators").mkdir()
    for name in ("staffing", "decision", "worksheet"):
        (tmp_path / "calculators" / f"{name}.md").write_text("# x\n")
    # The worksheet is a tool: its page lives elsewhere, and a stray file is not a calculator page.
    assert hooks.calculator_pages(tmp_path) == ["calculators/decision.md", "calculators/staffing.md"]


def test_the_site_nav_lists_every_calculator_page():
    config = pages.on_config(load_config(str(hooks.ROOT / "mkdocs.yml")))
    assert set(hooks.calculator_pages(hooks.ROOT / "docs")) <= pages._listed(config["nav"])
