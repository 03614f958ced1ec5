"""The entry points every caller shares: names, spec, run, run_json and the CLI."""
from __future__ import annotations

import json
import subprocess
import sys

import calculators
from calculators import render


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
