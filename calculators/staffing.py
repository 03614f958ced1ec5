"""Agents needed for a live channel (phone or chat), by Erlang C.

Model (Erlang C, A. K. Erlang 1917; ITU-T E.500-series traffic engineering): contacts
arrive at random (Poisson) and wait in one queue for the first free agent; nobody hangs
up while waiting. For ``N`` agents and offered traffic ``A`` erlangs:

* traffic ``A = contacts × (AHT / concurrency) / interval length`` (both in seconds);
* Erlang B by recursion ``B(0) = 1``, ``B(n) = A·B(n−1) / (n + A·B(n−1))``;
* probability a contact waits ``C = N·B / (N − A·(1 − B))`` (valid for ``N > A``);
* service level ``SL = 1 − C·exp(−(N − A)·T / AHT')``, with ``T`` the target answer time
  and ``AHT' = AHT / concurrency`` the time one chat slot is held;
* average speed of answer ``ASA = C·AHT' / (N − A)``; occupancy ``A / N``;
* agents: the fewest ``N > A`` meeting the service level whose occupancy stays at or
  under the maximum; FTE to schedule ``N / (1 − shrinkage)``.

Because Erlang C assumes nobody abandons, it overstates waits and so tends to overstaff
slightly; with patient customers and short targets the difference is small.

Worked example (pyworkforce's published case; checked in tests): 100 contacts per 30
minutes, AHT 180 s, 80% in 20 s, maximum occupancy 85%, shrinkage 30% -> A = 10 erlangs,
14 agents, SL 88.8%, ASA 7.8 s, occupancy 71.4%, 20 FTE. With a 70% occupancy cap:
15 agents, SL 94.1%.

Validity: up to :data:`MAX_AGENTS` agents on one queue; beyond that, split the queue.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from . import Refusal, render
from .fields import Field, read as _read
from .figures import get as figure, number

NAME = "staffing"
TITLE = "Staffing: agents for a live channel"
SUMMARY = "How many agents a phone or chat queue needs to answer on time (Erlang C), and the FTE to schedule once shrinkage is allowed for."

MAX_AGENTS = 5000

FIELDS: tuple[Field, ...] = (
    Field("contacts", "Contacts per interval", "number", "contacts", 100, min=0, min_exclusive=True, max=1_000_000,
          help="Calls or chats arriving in one interval at the busiest time you staff for."),
    Field("interval_minutes", "Interval length", "number", "minutes", 30, min=0, min_exclusive=True, max=1440,
          help="The length of the interval the contacts arrive in; 15, 30 or 60 minutes are usual."),
    Field("aht_seconds", "Average handle time", "number", "seconds", 180, min=0, min_exclusive=True, max=86_400,
          help="Talk or chat time plus after-contact work, per contact."),
    Field("service_level_percent", "Target service level", "percent", "%", figure("service_level_percent").low,
          min=0, min_exclusive=True, max=99.9, help="The share of contacts to answer within the target time."),
    Field("answer_seconds", "Target answer time", "number", "seconds", figure("answer_seconds").low, min=0, max=3600,
          help="Answered within this many seconds counts as on time (the 20 in 80/20)."),
    Field("shrinkage_percent", "Shrinkage", "percent", "%", figure("shrinkage_percent").low, min=0, max=95,
          help="Paid time agents are not on the queue: breaks, training, meetings, leave, sickness."),
    Field("max_occupancy_percent", "Maximum occupancy", "percent", "%", figure("max_occupancy_percent").low,
          min=0, min_exclusive=True, max=100, help="The busiest you let agents be; above about 85% they burn out."),
    Field("concurrency", "Chats per agent at once", "number", "", 1, min=1, max=10,
          help="1 for phone; the number of chats one agent handles at the same time for chat."),
)


@dataclass(frozen=True)
class Inputs:
    contacts: float
    interval_minutes: float
    aht_seconds: float
    service_level_percent: float
    answer_seconds: float
    shrinkage_percent: float
    max_occupancy_percent: float
    concurrency: float


@dataclass(frozen=True)
class Result:
    traffic_erlangs: float
    agents: int
    service_level_percent: float
    asa_seconds: float
    occupancy_percent: float
    wait_probability_percent: float
    fte: float
    limited_by: str  # "service_level" or "occupancy": which target set the agent count


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    return _read(FIELDS, raw, Inputs)


def erlang_c(agents: int, traffic: float) -> float:
    """Probability that a contact waits, for ``agents`` > ``traffic`` erlangs."""
    erlang_b = 1.0
    for n in range(1, agents + 1):
        erlang_b = traffic * erlang_b / (n + traffic * erlang_b)
    return agents * erlang_b / (agents - traffic * (1 - erlang_b))


def service_level(agents: int, traffic: float, wait_probability: float, answer_seconds: float, slot_seconds: float) -> float:
    """Share (0..1) of contacts answered within ``answer_seconds``."""
    return 1 - wait_probability * math.exp(-(agents - traffic) * answer_seconds / slot_seconds)


def compute(i: Inputs) -> Result:
    slot_seconds = i.aht_seconds / i.concurrency
    traffic = i.contacts * slot_seconds / (i.interval_minutes * 60)
    target = i.service_level_percent / 100
    max_occupancy = i.max_occupancy_percent / 100
    if traffic / max_occupancy >= MAX_AGENTS:
        raise Refusal({"contacts": (
            f"This is {number(round(traffic))} erlangs of traffic, which needs more than {MAX_AGENTS:,} agents "
            "on one queue; split it into smaller queues or shorter intervals."
        )})

    # Walk N upwards from the first count that can keep up, carrying Erlang B along so the
    # search costs one step per agent, not a fresh sum each time.
    agents = math.floor(traffic) + 1
    erlang_b = 1.0
    for n in range(1, agents + 1):
        erlang_b = traffic * erlang_b / (n + traffic * erlang_b)
    while True:
        wait = agents * erlang_b / (agents - traffic * (1 - erlang_b))
        achieved = service_level(agents, traffic, wait, i.answer_seconds, slot_seconds)
        if achieved >= target and traffic / agents <= max_occupancy:
            break
        agents += 1
        if agents > MAX_AGENTS:
            raise Refusal({"service_level_percent": (
                f"No team of up to {MAX_AGENTS:,} agents reaches this service level; lower the target or the traffic."
            )})
        erlang_b = traffic * erlang_b / (agents + traffic * erlang_b)

    # If one agent fewer already met the service level, the occupancy cap set the count.
    limited_by = "occupancy" if _meets_earlier(agents, traffic, target, i.answer_seconds, slot_seconds) else "service_level"
    return Result(
        traffic_erlangs=traffic,
        agents=agents,
        service_level_percent=achieved * 100,
        asa_seconds=wait * slot_seconds / (agents - traffic),
        occupancy_percent=traffic / agents * 100,
        wait_probability_percent=wait * 100,
        fte=agents / (1 - i.shrinkage_percent / 100),
        limited_by=limited_by,
    )


def _meets_earlier(agents: int, traffic: float, target: float, answer_seconds: float, slot_seconds: float) -> bool:
    """Would one agent fewer already meet the service level (so occupancy set the count)?"""
    fewer = agents - 1
    if fewer <= traffic:
        return False
    wait = erlang_c(fewer, traffic)
    return service_level(fewer, traffic, wait, answer_seconds, slot_seconds) >= target


def outputs(r: Result) -> dict[str, Any]:
    return {
        "traffic_erlangs": r.traffic_erlangs,
        "agents": r.agents,
        "service_level_percent": r.service_level_percent,
        "asa_seconds": r.asa_seconds,
        "occupancy_percent": r.occupancy_percent,
        "wait_probability_percent": r.wait_probability_percent,
        "fte": r.fte,
        "fte_rounded": math.ceil(r.fte - 1e-9),
        "limited_by": r.limited_by,
    }


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def report(i: Inputs, r: Result) -> render.Report:
    why = ("the occupancy cap" if r.limited_by == "occupancy" else "the service-level target")
    summary = (
        f"You need {r.agents} agents on the queue, or {number(round(r.fte, 1))} FTE once "
        f"{number(i.shrinkage_percent)}% shrinkage is allowed for; {why} sets the number.",
        f"With {r.agents} agents, {_pct(r.service_level_percent)} of contacts are answered within "
        f"{number(i.answer_seconds)} seconds, the average wait is {r.asa_seconds:.1f} seconds and agents are busy "
        f"{_pct(r.occupancy_percent)} of the time.",
    )
    rows = (
        render.row("Traffic (erlangs)", f"{r.traffic_erlangs:.2f}", "traffic_erlangs", r.traffic_erlangs),
        render.row("Agents needed on the queue", r.agents, "agents", r.agents),
        render.row("Service level achieved", _pct(r.service_level_percent), "service_level_percent", r.service_level_percent),
        render.row("Average speed of answer", f"{r.asa_seconds:.1f} s", "asa_seconds", r.asa_seconds),
        render.row("Occupancy", _pct(r.occupancy_percent), "occupancy_percent", r.occupancy_percent),
        render.row("Chance a contact waits", _pct(r.wait_probability_percent), "wait_probability_percent", r.wait_probability_percent),
        render.row("FTE to schedule (with shrinkage)", number(round(r.fte, 1)), "fte", r.fte),
    )
    notes = (
        "Erlang C assumes nobody hangs up while waiting, so it slightly overstates waits and agents.",
    )
    return render.Report(summary=summary, tables=(render.table("Staffing for one interval", ("Measure", "Value"), rows),), notes=notes)
