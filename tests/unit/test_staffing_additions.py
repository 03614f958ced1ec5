"""Staffing additions: customer patience (Erlang A), the chat concurrency table, and the
link that carries the FTE into the cost calculator."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

import calculators

REFERENCE = {"contacts": 100, "interval_minutes": 30, "aht_seconds": 180, "service_level_percent": 80,
             "answer_seconds": 20, "max_occupancy_percent": 85, "shrinkage_percent": 30}


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


def test_link_carries_the_fte_into_cost():
    result = run()
    html = result["html"]
    assert 'data-site-path="calculators/cost/?cost.staffed_fte=20.0"' in html
    assert 'href="../cost/?cost.staffed_fte=20.0"' in html  # works from the calculator pages without script
    assert "Cost these 20 FTE in the cost calculator" in html
    query = parse_qs(urlsplit("calculators/cost/?cost.staffed_fte=20.0").query)
    cost = calculators.run("cost", {"staffed_fte": query["cost.staffed_fte"][0]})
    assert cost["ok"] and cost["outputs"]["agents"] == 20


def test_link_rounds_the_fte_to_two_decimals():
    # Erlang A: 13 / 0.7 = 18.571… -> 18.57
    assert "cost.staffed_fte=18.57" in run(patience_seconds=300)["html"]
