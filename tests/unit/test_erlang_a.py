"""Erlang A against pyworkforce's published values, a hand-worked single-agent queue, the
exact time-to-answer distribution, and the Erlang C limit."""
from __future__ import annotations

import math

import pytest

from calculators.core import erlang_a

from calculators import staffing


def measures(agents, traffic=10.0, slot=180.0, patience=300.0, answer=20.0):
    return erlang_a.measures(agents, traffic, slot, patience, answer, staffing.erlang_b(agents, traffic))


def test_pyworkforce_regression_values_at_14_agents():
    # pyworkforce tests/test_abandonment.py: 100 per 30 min, AHT 3 min, patience 5 min, 20 s,
    # 14 positions -> P(wait) 0.14526, abandonment 0.013984, occupancy 0.704297,
    # ASA 0.069919 min, service level 0.916792.
    m = measures(14)
    assert round(m.wait_probability, 5) == 0.14526
    assert round(m.abandon_probability, 6) == 0.013984
    assert round(m.occupancy, 6) == 0.704297
    assert round(m.asa_seconds / 60, 6) == 0.069919
    assert round(m.service_level, 6) == 0.916792


def test_pyworkforce_published_requirement_at_13_agents():
    # pyworkforce README: 13 positions, service level 0.858, occupancy 0.750, abandonment 0.025
    m = measures(13)
    assert round(m.service_level, 3) == 0.858
    assert round(m.occupancy, 3) == 0.750
    assert round(m.abandon_probability, 3) == 0.025
    assert measures(12).service_level < 0.8  # so 13 is the fewest meeting 80%


def test_single_agent_queue_by_hand():
    # λ = μ = θ = 1 a second (1 erlang, 1 agent, slot 1 s, patience 1 s):
    # π(j) = Π 1/(1 + k) = 1/(j+1)!, so Σπ = e − 1 and Σ j·π(j) = 1;
    # Erlang B(1, 1) = 1/2, so p(N) = 1 / (2 + (e − 1) − 1) = 1/e.
    m = erlang_a.measures(1, 1.0, 1.0, 1.0, 0.0, staffing.erlang_b(1, 1.0))
    e = math.e
    assert m.wait_probability == pytest.approx((e - 1) / e)  # p(N)·Σπ
    assert m.abandon_probability == pytest.approx(1 / e)  # θ·Lq/λ = Lq = p(N)·1
    assert m.asa_seconds == pytest.approx(1 / e)  # Lq/λ
    assert m.occupancy == pytest.approx(1 - 1 / e)  # λ(1 − abandonment)/μ
    # T = 0: only those who find the agent free are answered "in time": 1/e
    assert m.service_level == pytest.approx(1 / e)


def test_single_agent_queue_answered_eventually():
    # With T far beyond any wait, the service level is everyone answered at all:
    # 1 − abandonment = 1 − 1/e (the sum Σ p(N+j)·1/(j+2) = (e − 2)/e adds to the 1/e served at once).
    m = erlang_a.measures(1, 1.0, 1.0, 1.0, 200.0, staffing.erlang_b(1, 1.0))
    assert m.service_level == pytest.approx(1 - 1 / math.e, abs=1e-12)


def _hypoexponential_cdf(rates, t):
    """P(sum of independent exponentials ≤ t) by partial fractions (distinct rates)."""
    survive = 0.0
    for i, r_i in enumerate(rates):
        weight = 1.0
        for k, r_k in enumerate(rates):
            if k != i:
                weight *= r_k / (r_k - r_i)
        survive += weight * math.exp(-r_i * t)
    return 1 - survive


@pytest.mark.parametrize(("release", "give_up", "answer"), [(1.0, 1.0, 1.0), (14 / 180, 1 / 300, 20.0), (0.3, 0.05, 2.5)])
def test_time_to_reach_an_agent_matches_partial_fractions(release, give_up, answer):
    reached = erlang_a._reached_in_time(5, release, give_up, answer)
    for m in range(1, 6):
        rates = [release + k * give_up for k in range(1, m + 1)]
        assert reached[m - 1] == pytest.approx(_hypoexponential_cdf(rates, answer), abs=1e-10)


def test_two_moves_by_hand():
    # rates 2 and 3 (Nμ = 1, θ = 1), T = 1: P(X+Y ≤ 1) = 1 − (3e^−2 − 2e^−3)
    assert erlang_a._reached_in_time(2, 1.0, 1.0, 1.0)[1] == pytest.approx(1 - (3 * math.exp(-2) - 2 * math.exp(-3)))


@pytest.mark.parametrize("agents", [15, 20, 25])
def test_patient_customers_tend_to_erlang_c(agents):
    m = measures(agents, patience=1e7)
    wait = staffing.erlang_c(agents, 10.0)
    assert m.wait_probability == pytest.approx(wait, rel=1e-4)
    assert m.service_level == pytest.approx(staffing.service_level(agents, 10.0, wait, 20, 180), abs=1e-5)
    assert m.asa_seconds == pytest.approx(wait * 180 / (agents - 10), rel=1e-3)
    assert m.abandon_probability < 1e-4


def test_more_agents_never_lower_the_service_level():
    levels = [measures(n).service_level for n in range(10, 25)]
    assert all(b >= a for a, b in zip(levels, levels[1:]))


def test_a_queue_too_long_to_sum_is_refused():
    # 2,778 erlangs on ~2,778 agents with 3,600 s patience and a 10 s slot: thousands of places
    with pytest.raises(erlang_a.TooLong):
        erlang_a.measures(2778, 2777.8, 10.0, 3600.0, 20.0, staffing.erlang_b(2778, 2777.8))
