"""Staffing (Erlang C) against published and hand-worked values."""
from __future__ import annotations

import math

import pytest

import calculators
from calculators import staffing

REFERENCE = {"contacts": 100, "interval_minutes": 30, "aht_seconds": 180, "service_level_percent": 80,
             "answer_seconds": 20, "max_occupancy_percent": 85, "shrinkage_percent": 30}


def test_published_reference_case():
    # pyworkforce's published Erlang C example: 100 contacts / 30 min, AHT 180 s, 80/20,
    # max occupancy 85%, shrinkage 30% -> 14 agents, SL 88.8%, ASA 7.8 s, occ 71.4%, 20 FTE.
    out = calculators.run("staffing", REFERENCE)["outputs"]
    assert out["traffic_erlangs"] == pytest.approx(10.0)  # 100 × 180 / 1800
    assert out["agents"] == 14
    assert round(out["service_level_percent"], 1) == 88.8
    assert round(out["asa_seconds"], 1) == 7.8
    assert round(out["occupancy_percent"], 1) == 71.4  # 10 / 14
    assert out["fte"] == pytest.approx(20.0)  # 14 / 0.7
    assert out["limited_by"] == "service_level"


def test_published_reference_with_70_percent_occupancy_cap():
    # Same case, occupancy cap 70%: 10 / 0.7 = 14.29 -> 15 agents, SL 94.1%.
    out = calculators.run("staffing", {**REFERENCE, "max_occupancy_percent": 70})["outputs"]
    assert out["agents"] == 15
    assert round(out["service_level_percent"], 1) == 94.1
    assert out["limited_by"] == "occupancy"
    assert out["fte"] == pytest.approx(15 / 0.7)


def test_defaults_are_the_reference_case():
    assert calculators.run("staffing", {"contacts": 100, "aht_seconds": 180})["outputs"]["agents"] == 14


def test_erlang_c_hand_worked_small_case():
    # A = 1 erlang, N = 2: Erlang B(2,1) = (1/2) / (1 + 1 + 1/2) = 0.2;
    # C = 2·0.2 / (2 − 1·0.8) = 0.4 / 1.2 = 1/3.
    assert staffing.erlang_c(2, 1.0) == pytest.approx(1 / 3)
    # SL with T = AHT: 1 − (1/3)·e^(−(2−1)·1) = 1 − 0.12263 = 0.87737
    assert staffing.service_level(2, 1.0, 1 / 3, 60, 60) == pytest.approx(1 - math.exp(-1) / 3)


def test_chat_concurrency_divides_the_slot_time():
    # 100 chats / 30 min, AHT 360 s, 2 chats at once: each slot held 180 s -> same 10 erlangs
    out = calculators.run("staffing", {**REFERENCE, "aht_seconds": 360, "concurrency": 2})["outputs"]
    assert out["traffic_erlangs"] == pytest.approx(10.0)
    assert out["agents"] == 14


def test_zero_answer_time_means_answered_at_once():
    # With T = 0 the service level is the share that never waits: 1 − C.
    out = calculators.run("staffing", {**REFERENCE, "answer_seconds": 0})["outputs"]
    assert out["service_level_percent"] == pytest.approx(100 - out["wait_probability_percent"])
    assert out["service_level_percent"] >= 80


def test_traffic_too_heavy_is_refused_with_a_plain_message():
    result = calculators.run("staffing", {"contacts": 1_000_000, "aht_seconds": 3600, "interval_minutes": 1})
    assert result["ok"] is False
    assert "split it into smaller queues" in result["errors"]["contacts"]


def test_report_carries_the_contract_hooks():
    result = calculators.run("staffing", REFERENCE)
    assert 'data-output="agents" data-value="14"' in result["html"]
    assert "| Agents needed on the queue | 14 |" in result["markdown"]
    assert "Agents needed on the queue,14\r\n" in result["csv"]
    assert result["html"].count("\n\n") == 0


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("aht_seconds", "", "Average handle time is empty: enter a number."),
        ("aht_seconds", "abc", "Average handle time must be a number; “abc” is not one."),
        ("aht_seconds", "-5", "Average handle time must be more than 0 seconds."),
        ("aht_seconds", 0, "Average handle time must be more than 0 seconds."),
        ("aht_seconds", "NaN", "Average handle time must be a number, not “NaN”."),
        ("aht_seconds", float("nan"), "Average handle time must be a number, not “NaN”."),
        ("aht_seconds", "1e400", "Average handle time is far too large."),
        ("contacts", 5_000_000, "Contacts per interval must be at most 1,000,000 contacts."),
        ("shrinkage_percent", 101, "Shrinkage must be at most 95%."),
        ("shrinkage_percent", -1, "Shrinkage cannot be negative."),
        ("service_level_percent", "120%", "Target service level must be at most 99.9%."),
        ("max_occupancy_percent", 0, "Maximum occupancy must be at least 10%."),
        ("concurrency", 0.5, "Chats per agent at once must be at least 1."),
        ("contacts", [1], "Contacts per interval must be a number."),
    ],
)
def test_validation_messages_name_the_field(key, typed, message):
    result = calculators.run("staffing", {**REFERENCE, key: typed})
    assert result == {"ok": False, "name": "staffing", "errors": {key: message}}


def test_typed_strings_are_accepted():
    out = calculators.run("staffing", {"contacts": " 1,200 ", "aht_seconds": "180", "interval_minutes": "60",
                                       "shrinkage_percent": "30%"})
    assert out["ok"], out
    assert out["outputs"]["traffic_erlangs"] == pytest.approx(1200 * 180 / 3600)  # 60 erlangs
