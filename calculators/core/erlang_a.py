"""Erlang A: a live queue whose customers hang up when they have waited too long.

Model (M/M/N+M; Palm 1943, Garnett, Mandelbaum & Reiman 2002): contacts arrive at random
(rate ``λ``), ``N`` agents each finish one at rate ``μ = 1 / AHT'`` (``AHT'`` the time one
chat slot is held, AHT ÷ concurrency), and every waiting customer gives up at rate
``θ = 1 / patience`` (patience exponentially distributed around its average). Offered
traffic ``A = λ / μ`` erlangs. All times in seconds.

Exact stationary measures, relative to ``p(N)``, the chance that all agents are busy and
nobody waits:

* ``π(0) = 1``, ``π(j) = π(j−1) · λ / (Nμ + jθ)``: ``j`` customers waiting;
* states below ``N`` sum to ``1 / B(N, A) − 1`` times ``p(N)`` (``B`` is Erlang B), so
  ``p(N) = 1 / (1/B + Σπ − 1)``;
* chance of waiting ``P(wait) = p(N) · Σπ(j)``; mean queue ``Lq = p(N) · Σ j·π(j)``;
* abandonment ``θ · Lq / λ``; average speed of answer ``Lq / λ`` (over every contact,
  counting the wait of those who gave up, as Little's law gives it); occupancy
  ``λ · (1 − abandonment) / (Nμ)`` (only answered contacts keep agents busy).

Answered within ``T``: a customer who finds ``j`` waiting ahead moves up at rate
``Nμ + kθ`` (an agent frees up, or one of the ``k`` ahead gives up) and gives up itself at
rate ``θ``. Reaching an agent at all then has probability ``Nμ / (Nμ + (j+1)θ)`` (the
product telescopes), and the time it takes is a sum of exponentials with rates
``Nμ + θ, …, Nμ + (j+1)θ``, whose CDF at ``T`` is the regularized incomplete beta
``I_x(j+1, Nμ/θ + 1)`` with ``x = 1 − e^(−θT)``. So

    SL = 1 − P(wait) + Σ_j p(N+j) · Nμ/(Nμ + (j+1)θ) · I_x(j+1, Nμ/θ + 1)

exactly, with no numerical integration. The waiting states are summed until a term is
below ``1e−16`` of the total, as far as :data:`MAX_WAITING` places.

Reference (pyworkforce's published ErlangA example; checked in tests): 100 contacts per
30 minutes, AHT 180 s, patience 300 s, 80% in 20 s, max occupancy 85% -> 13 agents,
SL 85.8%, abandonment 2.5%, occupancy 75.0%, P(wait) 22.6%, ASA 7.5 s.
As patience grows without bound, every measure tends to its Erlang C value.

>>> from calculators.staffing import erlang_b
>>> m = measures(13, 10.0, 180, 300, 20, erlang_b(13, 10.0))  # A = 100 × 180 / 1800 = 10 erlangs
>>> [round(100 * share, 1) for share in (m.service_level, m.abandon_probability, m.occupancy, m.wait_probability)]
[85.8, 2.5, 75.0, 22.6]
>>> round(m.asa_seconds, 1)
7.5
"""
from __future__ import annotations

import math
from dataclasses import dataclass

MAX_WAITING = 5000  # queue places summed; beyond this the queue is too long to model here
_TAIL = 1e-16


class TooLong(Exception):
    """The queue would need more than MAX_WAITING places to describe."""


@dataclass(frozen=True)
class Measures:
    agents: int
    wait_probability: float
    abandon_probability: float
    service_level: float
    asa_seconds: float
    occupancy: float


def _reached_in_time(places: int, release: float, give_up: float, answer_seconds: float) -> list[float]:
    """For m = 1..places: the chance that m successive moves, at rates Nμ + θ, Nμ + 2θ, …,
    Nμ + mθ, all happen within the target time T.

    That sum of exponentials has density ∝ e^(−(Nμ+θ)s)·(1 − e^(−θs))^(m−1), so its CDF is
    the regularized incomplete beta I_x(m, b) with x = 1 − e^(−θT), b = Nμ/θ + 1; for whole
    m that is the chance a negative binomial (b, x) reaches m, one running sum for every m.
    Terms are taken in logs: e^(−(Nμ+θ)T) underflows for a large team and a long target.
    """
    if answer_seconds == 0:
        return [0.0] * places
    shape = release / give_up + 1
    log_x = math.log(-math.expm1(-give_up * answer_seconds))
    log_term = -(release + give_up) * answer_seconds  # log P(negative binomial = 0)
    below, reached = 0.0, []
    for m in range(1, places + 1):
        below += math.exp(log_term)
        reached.append(max(0.0, 1.0 - below))
        log_term += math.log((shape + m - 1) / m) + log_x
    return reached


def measures(agents: int, traffic: float, slot_seconds: float, patience_seconds: float,
             answer_seconds: float, erlang_b: float) -> Measures:
    """The Erlang A measures for ``agents`` (≥ 1) and ``traffic`` erlangs, given Erlang B
    for the same pair (the caller carries it along as it steps through agent counts)."""
    arrivals = traffic / slot_seconds  # λ, per second
    release = agents / slot_seconds  # Nμ
    give_up = 1 / patience_seconds  # θ
    waiting = [1.0]  # π(j), j = 0 .. while it matters
    total = 1.0
    while True:
        j = len(waiting)
        term = waiting[-1] * arrivals / (release + j * give_up)
        if term < _TAIL * total and term <= waiting[-1]:
            break
        if j > MAX_WAITING:
            raise TooLong()
        waiting.append(term)
        total += term
    # math.fsum, not sum: Python 3.12 made sum() compensated, so plain sums of floats differ
    # in the last digit between 3.11 and the browser's 3.14.
    queued = math.fsum(j * w for j, w in enumerate(waiting))
    busy_and_empty = 0.0 if erlang_b == 0 else 1 / (1 / erlang_b + total - 1)  # p(N)
    wait_probability = busy_and_empty * total
    mean_queue = busy_and_empty * queued
    abandon = give_up * mean_queue / arrivals

    reached = _reached_in_time(len(waiting), release, give_up, answer_seconds)
    delayed_in_time = math.fsum(
        busy_and_empty * w * release / (release + (j + 1) * give_up) * reached[j] for j, w in enumerate(waiting)
    )
    return Measures(
        agents=agents,
        wait_probability=wait_probability,
        abandon_probability=abandon,
        service_level=min(1.0, 1 - wait_probability + delayed_in_time),
        asa_seconds=mean_queue / arrivals,
        occupancy=arrivals * (1 - abandon) / release,
    )
