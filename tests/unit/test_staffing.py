"""Staffing against published and hand-worked values: Erlang C; customer patience (Erlang A);
the chat concurrency table; the link that carries the FTE into the cost calculator."""
from __future__ import annotations

import math
from urllib.parse import parse_qs, urlsplit

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


# ------------------------------------------- customer patience, chat concurrency, links


def run(**inputs):
    result = calculators.run("staffing", {**REFERENCE, **inputs})
    assert result["ok"], result
    return result


def test_patience_switches_to_erlang_a_with_the_published_result():
    # pyworkforce's ErlangA example: the reference case with 5 minutes' patience ->
    # 13 agents (19 positions after 30% shrinkage), SL 85.8%, occupancy 75.0%, abandonment 2.5%
    out = run(patience_seconds=300)["outputs"]
    assert out["model"] == "erlang_a"
    assert out["agents"] == 13
    assert out["fte_rounded"] == 19  # ceil(13 / 0.7)
    assert round(out["service_level_percent"], 1) == 85.8
    assert round(out["occupancy_percent"], 1) == 75.0
    assert round(out["abandon_percent"], 1) == 2.5
    assert out["limited_by"] == "service_level"


def test_without_patience_nothing_changes():
    out = run()["outputs"]
    assert out["model"] == "erlang_c" and out["abandon_percent"] is None
    assert out["agents"] == 14 and out["by_concurrency"] == []
    assert calculators.run("staffing", {**REFERENCE, "patience_seconds": ""})["outputs"]["agents"] == 14


def test_erlang_a_occupancy_cap_sets_the_count():
    # cap 70%: 13 agents are busy 75.0%, 14 are 70.4% (pyworkforce: 0.704297), 15 are 66.2%
    out = run(patience_seconds=300, max_occupancy_percent=70)["outputs"]
    assert out["agents"] == 15
    assert out["limited_by"] == "occupancy"


def test_abandonment_is_in_the_report():
    result = run(patience_seconds=300)
    assert "and 2.5% give up waiting" in result["html"]
    assert 'data-output="abandon_percent"' in result["html"]
    assert "| Customers who give up waiting | 2.5% |" in result["markdown"]
    assert "Sized by Erlang A" in result["markdown"]


@pytest.mark.parametrize(("typed", "message"), [
    (0, "Customer patience must be at least 0.1 seconds."),
    (0.1, None),  # the least accepted: customers give up at once, and the queue is still sized
    (4000, "Customer patience must be at most 3,600 seconds."),
    ("soon", "Customer patience must be a number; “soon” is not one."),
])
def test_patience_messages(typed, message):
    result = calculators.run("staffing", {"patience_seconds": typed})
    if message is None:
        assert result["ok"] and result["outputs"]["model"] == "erlang_a"
    else:
        assert result["errors"] == {"patience_seconds": message}


def test_a_queue_too_long_for_erlang_a_says_what_to_do():
    result = calculators.run("staffing", {"contacts": 1_000_000, "interval_minutes": 60, "aht_seconds": 10,
                                          "patience_seconds": 3600})
    assert result["ok"] is False
    assert "leave Customer patience empty" in result["errors"]["patience_seconds"]


def test_chat_concurrency_table():
    # 100 chats / 30 min at 360 s: 2 at once holds a slot 180 s -> 10 erlangs -> the
    # published 14 agents, 20 FTE; 1 at once is the same as entering concurrency 1.
    out = run(aht_seconds=360, concurrency=2)["outputs"]
    rows = {row["concurrency"]: row for row in out["by_concurrency"]}
    assert sorted(rows) == [1, 2, 3]
    assert rows[2]["agents"] == 14 and rows[2]["fte"] == pytest.approx(20.0)
    assert rows[1]["agents"] == run(aht_seconds=360, concurrency=1)["outputs"]["agents"]
    assert rows[3]["agents"] == run(aht_seconds=360, concurrency=3)["outputs"]["agents"]
    assert rows[1]["agents"] > rows[2]["agents"] > rows[3]["agents"]


def test_chat_concurrency_table_includes_a_fractional_level():
    out = run(aht_seconds=360, concurrency=2.5)["outputs"]
    assert [row["concurrency"] for row in out["by_concurrency"]] == [1, 2, 2.5, 3]


def _link_query(html: str) -> dict[str, str]:
    path = html.split('data-site-path="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert path.startswith("calculators/cost/?")
    return {key: values[0] for key, values in parse_qs(urlsplit(path).query).items()}


def test_link_carries_the_same_work_into_cost():
    # The reference case: 14 agents, 20 FTE. A 40-hour week of 30-minute intervals is 80 a
    # week, 80 × 52 ÷ 12 = 346.67 a month: 100 × 346.67 = 34,666.7 -> 34,667 contacts; 180 s
    # = 3 minutes; occupancy 10 ÷ 14 = 71.43%; productive hours 40 × 52 ÷ 12 × 0.7 = 121.33.
    result = run()
    html = result["html"]
    assert _link_query(html) == {"cost.staffed_fte": "20", "cost.monthly_tickets": "34667", "cost.aht_minutes": "3",
                                 "cost.occupancy_percent": "71.43", "cost.productive_hours_per_fte": "121.33"}
    assert 'href="../cost/?cost.staffed_fte=20&amp;cost.monthly_tickets=34667' in html  # works without script
    assert "Cost these 20 FTE in the cost calculator" in html
    # The assumption, in words, beside the button.
    assert ("It carries 34,667 contacts a month: 100 in every 30-minute interval of a 40-hour week, 52 ÷ 12 weeks "
            "a month") in html
    # The cost page reads the same work both ways: 34,667 × 3 ÷ 60 ÷ 0.7143 ÷ 121.33 = 20.0 FTE, so no warning.
    cost = calculators.run("cost", {k.removeprefix("cost."): v for k, v in _link_query(html).items()})
    assert cost["ok"] and cost["outputs"]["agents"] == 20
    assert "disagree" not in cost["html"]


def test_link_for_chat_divides_the_handle_time_by_the_chats_at_once():
    # 60 chats a 15-minute interval, 600 s, 3 at once: 200 s of an agent a chat = 3.33 minutes;
    # 40 h × 4 intervals an hour × 52 ÷ 12 = 693.33 intervals: 41,600 chats a month.
    query = _link_query(run(contacts=60, interval_minutes=15, aht_seconds=600, concurrency=3)["html"])
    assert query["cost.monthly_tickets"] == "41600" and query["cost.aht_minutes"] == "3.33"


def test_link_rounds_the_fte_to_two_decimals():
    # Erlang A: 13 / 0.7 = 18.571… -> 18.57
    assert "cost.staffed_fte=18.57" in run(patience_seconds=300)["html"]
