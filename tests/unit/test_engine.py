"""The entry points every caller shares: names, spec, run, run_json and the CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import calculators
from calculators.core import render


def test_names_are_sorted_and_include_staffing():
    assert calculators.names() == sorted(calculators.names())
    assert "staffing" in calculators.names()


def test_spec_lists_fields_with_the_contract_keys():
    spec = calculators.spec("staffing")
    keys = [f["key"] for f in spec["fields"]]
    assert keys[:3] == ["contacts", "interval_minutes", "aht_seconds"]
    for f in spec["fields"]:
        assert {"key", "label", "kind", "unit", "default", "min", "max", "help"} <= set(f)


def test_unknown_calculator_is_a_refusal_not_an_exception():
    result = calculators.run("nope", {})
    assert result["ok"] is False and set(result["errors"]) == {"name"}
    assert "staffing" in result["errors"]["name"]


def test_inputs_that_are_not_a_mapping_are_refused():
    for bad in ([1, 2], "text", 5):
        result = calculators.run("staffing", bad)
        assert result["ok"] is False and result["errors"] == {"inputs": "The inputs must be a set of named values."}


def test_run_json_round_trips_and_never_emits_nan():
    text = calculators.run_json("staffing", json.dumps({"contacts": 100}))
    assert json.loads(text)["outputs"]["agents"] == 14
    assert json.loads(calculators.run_json("staffing", "{not json"))["errors"] == {"inputs": "The inputs could not be read."}


def test_files_later_are_the_same_copies_run_writes():
    """The browser's result leaves its Markdown and CSV copies for later (run_json files=False);
    files_json then writes exactly what run() gives, for the run it kept or any other inputs."""
    cases = [("staffing", {"contacts": "360"}), ("business_case", {"term_months": "60"}),
             ("rollout", {}), ("worksheet", {})]
    for name, inputs in cases:
        text = json.dumps(inputs)
        whole = calculators.run(name, inputs)
        lean = json.loads(calculators.run_json(name, text, False))
        assert lean["later"] == ["markdown", "csv"] and "markdown" not in lean and "csv" not in lean
        assert {k: v for k, v in lean.items() if k != "later"} == {k: v for k, v in whole.items() if k not in ("markdown", "csv")}
        assert json.loads(calculators.files_json(name, text)) == {"markdown": whole["markdown"], "csv": whole["csv"]}
    # Another run came between: the copies asked for are of the inputs named, never of the last run.
    calculators.run_json("staffing", json.dumps({"contacts": "100"}), False)
    earlier = calculators.run("staffing", {"contacts": "360"})
    assert json.loads(calculators.files_json("staffing", json.dumps({"contacts": "360"})))["csv"] == earlier["csv"]
    assert json.loads(calculators.files_json("staffing", json.dumps({"contacts": "-1"}))) == {}
    # Inputs that are not JSON, right after a kept run: no copies (never the kept run's).
    calculators.run_json("staffing", json.dumps({"contacts": "360"}), False)
    assert json.loads(calculators.files_json("staffing", "{not json")) == {}


def test_escaping_in_every_format():
    report = render.Report(summary=("<b>x</b>",), tables=(render.table("T", ("Name", "Value"),
                           [render.row("<script>alert(1)</script> | *x*", "=1+1")]),))
    html = render.html(report)
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = render.markdown(report, "Title")
    assert "\\<script\\>alert(1)\\</script\\> \\| \\*x\\*" in md
    assert "'=1+1" in render.csv(report)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True, text=True)


def test_cli_run_prints_json_and_exit_codes():
    done = _cli("run", "staffing", "--input", '{"contacts": 100, "aht_seconds": 180}')
    assert done.returncode == 0 and json.loads(done.stdout)["outputs"]["agents"] == 14
    refused = _cli("run", "staffing", "--input", '{"aht_seconds": -1}')
    assert refused.returncode == 2 and "Traceback" not in refused.stderr + refused.stdout
    unreadable = _cli("run", "staffing", "--input", "{oops")
    assert unreadable.returncode == 2 and "Traceback" not in unreadable.stderr + unreadable.stdout


def test_cli_reads_inputs_from_a_file(tmp_path):
    path = tmp_path / "inputs.json"
    path.write_text('{"contacts": 100, "aht_seconds": 180, "max_occupancy_percent": 70}')
    done = _cli("run", "staffing", "--input", f"@{path}")
    assert done.returncode == 0 and json.loads(done.stdout)["outputs"]["agents"] == 15


def test_cli_list():
    done = _cli("list")
    assert done.returncode == 0 and done.stdout.split() == calculators.names()


# ------------------------------------------------------------ the registry drives the pages

DOCS = Path(__file__).resolve().parents[2] / "docs"
TODAY = ["cost", "decision", "kpi", "pilot", "rollout", "scorecard", "staffing", "worksheet", "worksheet_import"]


def test_every_module_with_the_calculator_parts_is_found_and_nothing_else():
    assert set(TODAY) <= set(calculators.names())
    for helper in ("fields", "render", "figures", "settings", "text", "ical", "refusal", "erlang_a"):
        assert helper not in calculators.names()
        assert calculators.run(helper, {})["errors"]["name"].startswith(f"There is no calculator called “{helper}”")


def test_each_spec_says_calculator_or_tool():
    kinds = {name: calculators.spec(name)["kind"] for name in calculators.names()}
    assert set(kinds.values()) <= {"calculator", "tool"}
    assert kinds["worksheet"] == kinds["worksheet_import"] == "tool"
    assert kinds["staffing"] == kinds["decision"] == "calculator"


@pytest.mark.parametrize("name", [n for n in calculators.names() if calculators.spec(n)["kind"] == "calculator"])
def test_every_calculator_has_its_page(name):
    page = DOCS / "calculators" / f"{name}.md"
    assert page.is_file(), f"calculator {name!r} has no page: add docs/calculators/{name}.md (see CONTRIBUTING.md)"
    assert f'{{{{ calculator("{name}") }}}}' in page.read_text(encoding="utf-8")


def test_refusal_is_importable_where_it_always_was():
    from calculators import Refusal
    from calculators.core.refusal import Refusal as Same

    assert Refusal is Same is calculators.Refusal


def test_unknown_input_keys_are_listed_with_the_nearest_known_key():
    # The typo: the rate is the default, and the result says which key was not read.
    result = calculators.run("cost", {"hourly_rte": 30, "monthly_tickets": 1000, "colour": "red"})
    assert result["ok"] and result["inputs"]["hourly_rate"] == calculators.run("cost", {})["inputs"]["hourly_rate"]
    assert result["ignored"] == [{"key": "hourly_rte", "nearest": "hourly_rate"}, {"key": "colour", "nearest": None}]
    # In a refusal too, and not at all when every key is known.
    refused = calculators.run("staffing", {"aht_secnds": 180, "contacts": -1})
    assert not refused["ok"] and refused["ignored"] == [{"key": "aht_secnds", "nearest": "aht_seconds"}]
    assert "ignored" not in calculators.run("staffing", {"contacts": 100, "aht_seconds": 180})
    # The scorecard's structured inputs are its own keys, not ignored ones.
    scored = calculators.run("scorecard", {"weights": {"qa": 1}, "vendors": [
        {"name": "A", "scores": {"qa": 4}}, {"name": "B", "scores": {"qa": 3}}], "vendor": []})
    assert scored["ok"] and scored["ignored"] == [{"key": "vendor", "nearest": "vendors"}]


def test_cli_names_each_ignored_key_on_standard_error():
    done = _cli("run", "cost", "--input", '{"hourly_rte": 30, "colour": "red"}')
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        "Ignored input “hourly_rte”: cost has no such input (did you mean “hourly_rate”?).",
        "Ignored input “colour”: cost has no such input.",
    ]
    assert json.loads(done.stdout)["ignored"][0] == {"key": "hourly_rte", "nearest": "hourly_rate"}
    refused = _cli("run", "staffing", "--input", '{"contacts": -1, "aht_secnds": 180}')
    assert refused.returncode == 2 and "“aht_secnds”" in refused.stderr and "“aht_seconds”" in refused.stderr
    assert _cli("run", "staffing", "--input", '{"contacts": 100}').stderr == ""
