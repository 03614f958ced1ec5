"""KPI check: each KPI against the guide's benchmark ranges, band edges worked by hand."""
from __future__ import annotations

import pytest

import calculators

KEYS = ("chat_response_minutes", "email_response_hours", "fcr_percent", "csat_percent", "resolution_hours",
        "escalation_percent")
EMPTY = {k: "" for k in KEYS}


def only(key, value):
    """Run with one KPI entered and the others cleared."""
    result = calculators.run("kpi", {**EMPTY, key: value})
    assert result["ok"], result
    return result["outputs"]


def test_defaults_are_the_worked_example():
    # chat 40 ≤ 60 meets; email 20 ≤ 24 meets; FCR 72 ≥ 70 meets; CSAT 82 in 80–85 watch;
    # resolution 20 ≤ 24 meets; escalation 18 > 15 misses -> 4 / 1 / 1, two actions.
    out = calculators.run("kpi", {})["outputs"]
    assert out["status"] == {
        "chat_response_minutes": "meets",
        "email_response_hours": "meets",
        "fcr_percent": "meets",
        "csat_percent": "watch",
        "resolution_hours": "meets",
        "escalation_percent": "misses",
    }
    assert (out["judged_count"], out["meets_count"], out["watch_count"], out["misses_count"]) == (6, 4, 1, 1)
    assert len(out["actions"]) == 2
    assert out["actions"][0].startswith("Customer satisfaction, 82%, is on watch. Retraining:")
    assert out["actions"][1].startswith("Escalation rate, 18%, misses its benchmark. Scope change:")


# Band edges. The published lines: chat 60 min, email 24 h, FCR 70–85%, CSAT 85%,
# resolution 24–48 h, escalation 10–15%. Watch bands: a quarter past a single time limit
# (60 × 1.25 = 75 min; 24 × 1.25 = 30 h), 5 points under a percent floor (65%, 80%), and
# the published range itself for the hedged limits (24–48 h, 10–15%).
@pytest.mark.parametrize(
    ("key", "value", "status"),
    [
        ("chat_response_minutes", 0, "meets"),
        ("chat_response_minutes", 60, "meets"),
        ("chat_response_minutes", 60.5, "watch"),
        ("chat_response_minutes", 75, "watch"),
        ("chat_response_minutes", 75.1, "misses"),
        ("email_response_hours", 24, "meets"),
        ("email_response_hours", 24.5, "watch"),
        ("email_response_hours", 30, "watch"),
        ("email_response_hours", 31, "misses"),
        ("fcr_percent", 70, "meets"),
        ("fcr_percent", 85, "meets"),
        ("fcr_percent", 95, "meets"),  # above the range is good news, with a note
        ("fcr_percent", 69.9, "watch"),
        ("fcr_percent", 65, "watch"),
        ("fcr_percent", 64.9, "misses"),
        ("csat_percent", 100, "meets"),
        ("csat_percent", 85, "meets"),
        ("csat_percent", 84, "watch"),
        ("csat_percent", 80, "watch"),
        ("csat_percent", 79.9, "misses"),
        ("resolution_hours", 24, "meets"),
        ("resolution_hours", 36, "watch"),
        ("resolution_hours", 48, "watch"),
        ("resolution_hours", 49, "misses"),
        ("escalation_percent", 0, "meets"),
        ("escalation_percent", 10, "meets"),
        ("escalation_percent", 12, "watch"),
        ("escalation_percent", 15, "watch"),
        ("escalation_percent", 15.5, "misses"),
    ],
)
def test_band_edges(key, value, status):
    out = only(key, value)
    assert out["status"] == {key: status}
    assert len(out["actions"]) == (0 if status == "meets" else 1)


@pytest.mark.parametrize(
    ("key", "value", "action"),
    [
        ("chat_response_minutes", 90, "Live chat average response time, 90 minutes, misses its benchmark. Process change: put more agents on chat"),
        ("email_response_hours", 26, "Email average response time, 26 hours, is on watch. Process change: match email staffing"),
        ("fcr_percent", 60, "First contact resolution, 60%, misses its benchmark. Retraining: retrain agents on the top reasons"),
        ("csat_percent", 70, "Customer satisfaction, 70%, misses its benchmark. Retraining: read the low-scored conversations"),
        ("resolution_hours", 72, "Resolution time for simple issues, 72 hours, misses its benchmark. Process change: find where"),
        ("escalation_percent", 13, "Escalation rate, 13%, is on watch. Scope change: write down the policies"),
    ],
)
def test_each_kpi_has_its_own_corrective_action(key, value, action):
    assert only(key, value)["actions"][0].startswith(action)


def test_nothing_entered_is_not_an_error_and_judges_nothing():
    result = calculators.run("kpi", EMPTY)
    assert result["ok"] is True
    assert result["outputs"] == {"status": {}, "actions": [], "judged_count": 0, "meets_count": 0, "watch_count": 0,
                                 "misses_count": 0}
    assert "Nothing was judged" in result["markdown"]


def test_null_is_empty_too():
    assert calculators.run("kpi", {k: None for k in KEYS})["outputs"]["status"] == {}


def test_only_the_kpis_entered_are_judged_in_form_order():
    out = calculators.run("kpi", {**EMPTY, "escalation_percent": "9", "chat_response_minutes": "61"})["outputs"]
    assert list(out["status"]) == ["chat_response_minutes", "escalation_percent"]
    assert out["status"] == {"chat_response_minutes": "watch", "escalation_percent": "meets"}


def test_all_meet():
    result = calculators.run("kpi", {"chat_response_minutes": 30, "email_response_hours": 8, "fcr_percent": 80,
                                     "csat_percent": 92, "resolution_hours": 12, "escalation_percent": 6})
    assert set(result["outputs"]["status"].values()) == {"meets"}
    assert result["outputs"]["actions"] == []
    assert "All 6 KPIs you entered meet their benchmarks." in result["markdown"]


def test_high_fcr_meets_with_a_note_to_check_repeat_contacts():
    result = calculators.run("kpi", {**EMPTY, "fcr_percent": 92})
    assert result["outputs"]["status"] == {"fcr_percent": "meets"}
    assert "repeat contacts" in result["markdown"]
    assert "repeat contacts" not in calculators.run("kpi", {**EMPTY, "fcr_percent": 85})["markdown"]


def test_typed_values_with_percent_signs_and_spaces():
    assert only("csat_percent", " 84% ")["status"] == {"csat_percent": "watch"}


def test_report_hooks_and_summary():
    result = calculators.run("kpi", {})
    assert 'data-output="misses_count" data-value="1"' in result["html"]
    assert 'data-output="status" data-value="{&quot;chat_response_minutes&quot;: &quot;meets&quot;' in result["html"]
    assert "Of the 6 KPIs you entered, 4 meet their benchmark, 1 is on watch and 1 misses." in result["markdown"]
    assert "Act now on escalation rate; keep a close eye on customer satisfaction." in result["markdown"]
    assert "| Escalation rate | 18% | under 10–15% | meets at or under 10%; watch 10–15%; misses over 15% | Misses |" in result["markdown"]
    assert result["html"].count("\n\n") == 0


def test_one_kpi_reads_as_one_sentence():
    result = calculators.run("kpi", {**EMPTY, "escalation_percent": 20})
    assert "Your escalation rate, 20%, misses its benchmark." in result["markdown"]


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("fcr_percent", 101, "First contact resolution must be at most 100%."),
        ("csat_percent", "150%", "Customer satisfaction (CSAT) must be at most 100%."),
        ("escalation_percent", -1, "Escalation rate cannot be negative."),
        ("chat_response_minutes", -5, "Live chat average response time cannot be negative."),
        ("email_response_hours", "fast", "Email average response time must be a number; “fast” is not one."),
        ("resolution_hours", "NaN", "Resolution time for simple issues must be a number, not “NaN”."),
        ("resolution_hours", float("nan"), "Resolution time for simple issues must be a number, not “NaN”."),
        ("chat_response_minutes", float("inf"), "Live chat average response time is far too large."),
        ("fcr_percent", True, "First contact resolution must be a number."),
    ],
)
def test_refusals_name_the_field(key, typed, message):
    result = calculators.run("kpi", {key: typed})
    assert result["ok"] is False
    assert result["errors"] == {key: message}


def test_the_pages_band_table_matches_the_engine():
    # The page's table of bands is prose; this keeps it in step with calculators.kpi.BANDS.
    import re
    from pathlib import Path

    from calculators import kpi

    page = (Path(__file__).resolve().parents[2] / "docs" / "calculators" / "kpi.md").read_text(encoding="utf-8")
    section = page.split("### The bands {#bands}")[1].split("**Hedged limits")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| KPI") and "---" not in line]
    names = ["Live chat average response", "Email average response", "First contact resolution", "CSAT", "Resolution, simple issues",
             "Escalation rate"]
    assert [r.split(" | ")[0].lstrip("| ") for r in rows] == names
    for row, band in zip(rows, kpi.BANDS):
        cells = row.split(" | ")[1:4]  # meets, watch, misses
        numbers = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", " ".join(cells))}
        expected = {band.meets, band.watch} | ({85.0} if band.key == "fcr_percent" else set())
        assert numbers == expected, row


def _schedule_rows(text):
    section = text.split("## 1. Service levels")[1].split("## 2.")[0]
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in section.splitlines()
            if line.startswith("| ") and not line.startswith("| KPI")]


def test_the_sla_schedule_carries_the_readers_figures_beside_the_benchmark_targets():
    # Defaults: chat 40 min (meets), CSAT 82% (watch), escalation 18% (misses); targets are the
    # benchmark lines (chat at most 60 minutes; CSAT at least 85%; escalation at most 10%), the
    # improvement-plan band is the watch band and the credit line its far edge.
    result = calculators.run("kpi", {})
    assert result["attachments"] == ["sla.md"]
    rows = {r[0]: r for r in _schedule_rows(result["sla.md"])}
    assert rows["Live chat average response time"][2:] == ["at most 60 minutes", "60–75 minutes", "over 75 minutes",
                                                           "40 minutes (meets)"]
    assert rows["Customer satisfaction (CSAT)"][2:] == ["at least 85%", "80–85%", "under 80%", "82% (watch)"]
    assert rows["Escalation rate"][2:] == ["at most 10%", "10–15%", "over 15%", "18% (misses)"]


def test_a_kpi_left_empty_is_in_the_schedule_as_not_measured():
    rows = _schedule_rows(calculators.run("kpi", {**EMPTY, "fcr_percent": 66})["sla.md"])
    assert len(rows) == 6
    assert [r[-1] for r in rows] == ["not measured"] * 2 + ["66% (watch)"] + ["not measured"] * 3


def test_the_schedule_definitions_are_the_kpi_pages():
    from pathlib import Path

    from calculators import kpi

    page = (Path(__file__).resolve().parents[2] / "docs" / "calculators" / "kpi.md").read_text(encoding="utf-8")
    section = page.split("### Definitions {#definitions}")[1].split("\n#")[0]
    for band in kpi.BANDS:
        assert f"| {band.definition} |" in section, band.key
