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

>>> import calculators
>>> out = calculators.run("staffing", {"contacts": 100, "aht_seconds": 180})["outputs"]
>>> out["traffic_erlangs"], out["agents"], round(out["service_level_percent"], 1), out["fte"]
(10.0, 14, 88.8, 20.0)
>>> calculators.run("staffing", {"contacts": 100, "aht_seconds": 180, "max_occupancy_percent": 70})["outputs"]["agents"]
15

With a customer patience (``patience_seconds``, the average time a caller waits before
hanging up), the queue is sized by Erlang A instead (:mod:`calculators.erlang_a`): the same
search from ``N = ceil(A)``, with Erlang A's service level and occupancy (answered contacts
only), and abandonment reported. pyworkforce's published case, the example above with
300 s patience: 13 agents, SL 85.8%, abandonment 2.5%, occupancy 75.0%.

For chat (concurrency above 1) the report adds the agents needed at each whole number of
chats at once up to the one entered (at least 3), AHT held as entered; and every result
links to the cost calculator with its FTE filled in.

Validity: up to :data:`MAX_AGENTS` agents on one queue; beyond that, split the queue.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from . import Refusal, cost
from .core import erlang_a, render, text
from .core.fields import declare, form, read as _read
from .figures import get as figure, number

NAME = "staffing"
TITLE = "Staffing: agents for a live channel"
SUMMARY = "How many agents a phone or chat queue needs to answer on time (Erlang C), and the FTE to schedule once shrinkage is allowed for."

MAX_AGENTS = 5000
MAX_PATIENCE_SECONDS = 3600  # beyond an hour, customers are patient enough for Erlang C

@dataclass(frozen=True)
class Inputs:
    """What a reader types; each attribute declares its own form field."""

    contacts: float = declare(
        "Contacts per interval", "number", "contacts", 100, min=0, min_exclusive=True, max=1_000_000,
        help="Calls or chats arriving in one interval at the busiest time you staff for.")
    interval_minutes: float = declare(
        "Interval length", "number", "minutes", 30, min=1, max=1440,
        help="The length of the interval the contacts arrive in; 15, 30 or 60 minutes are usual.")
    aht_seconds: float = declare(
        "Average handle time", "number", "seconds", 180, min=0, min_exclusive=True, max=86_400,
        help="Talk or chat time plus after-contact work, per contact.")
    service_level_percent: float = declare(
        "Target service level", "percent", "%", figure("service_level_percent").low, min=0, min_exclusive=True,
        max=99.9, help="The share of contacts to answer within the target time.")
    answer_seconds: float = declare(
        "Target answer time", "number", "seconds", figure("answer_seconds").low, min=0, max=3600,
        help="Answered within this many seconds counts as on time (the 20 in 80/20).")
    shrinkage_percent: float = declare(
        "Shrinkage", "percent", "%", figure("shrinkage_percent").low, min=0, max=95,
        help="Paid time agents are not on the queue: breaks, training, meetings, leave, sickness.")
    max_occupancy_percent: float = declare(
        "Maximum occupancy", "percent", "%", figure("max_occupancy_percent").low, min=10, max=100,
        help="The busiest you let agents be; above about 85% they burn out.")
    concurrency: float = declare(
        "Chats per agent at once", "number", "", 1, min=1, max=10,
        help="1 for phone; the number of chats one agent handles at the same time for chat.")
    patience_seconds: float | None = declare(
        "Customer patience", "number", "seconds", None, min=0.1, max=MAX_PATIENCE_SECONDS, required=False,
        help="Optional. How long customers wait, on average, before they hang up or leave the chat. "
             "Given, the queue is sized by Erlang A and abandonment is reported.")
    agents_offered: int | None = declare(
        "Agents you have", "integer", "agents", None, min=1, max=MAX_AGENTS, required=False,
        help="Optional. A number of agents on the queue (the team you have, or a vendor's offer): "
             "the result adds the service level, average wait and occupancy they reach.")


FIELDS = form(Inputs)


@dataclass(frozen=True)
class Queue:
    """One queue sized: agents and what they achieve (shares 0..1)."""

    agents: int
    service_level: float
    asa_seconds: float
    occupancy: float
    wait_probability: float
    limited_by: str
    abandon: float | None = None


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
    abandon_percent: float | None = None  # Erlang A only: share of contacts who give up waiting
    by_concurrency: tuple[tuple[float, int, float], ...] = ()  # chat: (chats at once, agents, FTE)
    offered: Queue | None = None  # what the agents the reader has reach (reverse mode)
    around: tuple[Queue, ...] = ()  # agent counts around the offer and the answer, each with what it reaches

    @property
    def model(self) -> str:
        return "erlang_c" if self.abandon_percent is None else "erlang_a"


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    return _read(Inputs, raw)


def erlang_b(agents: int, traffic: float) -> float:
    """Probability that all ``agents`` are busy with no queue (Erlang B), by recursion."""
    blocked = 1.0
    for n in range(1, agents + 1):
        blocked = traffic * blocked / (n + traffic * blocked)
    return blocked


def erlang_c(agents: int, traffic: float) -> float:
    """Probability that a contact waits, for ``agents`` > ``traffic`` erlangs."""
    blocked = erlang_b(agents, traffic)
    return agents * blocked / (agents - traffic * (1 - blocked))


def service_level(agents: int, traffic: float, wait_probability: float, answer_seconds: float, slot_seconds: float) -> float:
    """Share (0..1) of contacts answered within ``answer_seconds``."""
    return 1 - wait_probability * math.exp(-(agents - traffic) * answer_seconds / slot_seconds)


def _load(i: Inputs, chats: float) -> tuple[float, float]:
    """(seconds one slot is held, traffic in erlangs) with ``chats`` per agent at once."""
    slot_seconds = i.aht_seconds / chats
    return slot_seconds, i.contacts * slot_seconds / (i.interval_minutes * 60)


def size(i: Inputs) -> tuple[float, Queue]:
    """(traffic in erlangs, the queue sized) for one interval: what :func:`compute` reports,
    and what the week plan calls for each of its intervals."""
    slot_seconds, traffic = _load(i, i.concurrency)
    if traffic / (i.max_occupancy_percent / 100) >= MAX_AGENTS:
        raise Refusal({"contacts": (
            f"This is {traffic:,.0f} erlangs of traffic, which needs more than {MAX_AGENTS:,} agents "
            "on one queue; split it into smaller queues or shorter intervals."
        )})
    return traffic, _size(i, traffic, slot_seconds)


def reach(i: Inputs, agents: int) -> Queue:
    """What ``agents`` (≥ 1) on the queue achieve for ``i``'s traffic: the reverse question
    ("what do we get with the 12 people the vendor proposes?"). By Erlang C, ``agents`` at
    or below the traffic cannot keep up: nobody is answered in time, the wait grows without
    end (``asa_seconds`` is infinite) and they are busy all the time. ``limited_by`` says
    whether the count meets both targets ("met") or not ("short")."""
    slot_seconds, traffic = _load(i, i.concurrency)
    target, max_occupancy = i.service_level_percent / 100, i.max_occupancy_percent / 100
    if i.patience_seconds is not None:
        try:
            m = erlang_a.measures(agents, traffic, slot_seconds, i.patience_seconds, i.answer_seconds,
                                  erlang_b(agents, traffic))
        except erlang_a.TooLong:
            raise Refusal({"agents_offered": "So few agents for this much traffic make a queue too long to model."}) from None
        met = m.service_level >= target and m.occupancy <= max_occupancy
        return Queue(agents, m.service_level, m.asa_seconds, m.occupancy, m.wait_probability,
                     "met" if met else "short", m.abandon_probability)
    if agents <= traffic:
        return Queue(agents, 0.0, math.inf, 1.0, 1.0, "short")
    wait = erlang_c(agents, traffic)
    achieved = service_level(agents, traffic, wait, i.answer_seconds, slot_seconds)
    met = achieved >= target and traffic / agents <= max_occupancy
    return Queue(agents, achieved, wait * slot_seconds / (agents - traffic), traffic / agents, wait,
                 "met" if met else "short")


def around(i: Inputs, offered: int, needed: int) -> tuple[Queue, ...]:
    """A few agent counts around ``offered`` and ``needed`` (two either side of the offer,
    and the count needed with one fewer), each with what it achieves."""
    counts = {n for n in range(offered - 2, offered + 3)} | {needed - 1, needed}
    return tuple(reach(i, n) for n in sorted(counts) if 1 <= n <= MAX_AGENTS)


def compute(i: Inputs) -> Result:
    traffic, queue = size(i)
    return Result(
        traffic_erlangs=traffic,
        agents=queue.agents,
        service_level_percent=queue.service_level * 100,
        asa_seconds=queue.asa_seconds,
        occupancy_percent=queue.occupancy * 100,
        wait_probability_percent=queue.wait_probability * 100,
        fte=queue.agents / (1 - i.shrinkage_percent / 100),
        limited_by=queue.limited_by,
        abandon_percent=None if queue.abandon is None else queue.abandon * 100,
        by_concurrency=_by_concurrency(i) if i.concurrency > 1 else (),
        offered=None if i.agents_offered is None else reach(i, i.agents_offered),
        around=() if i.agents_offered is None else around(i, i.agents_offered, queue.agents),
    )


def _size(i: Inputs, traffic: float, slot_seconds: float) -> Queue:
    target, max_occupancy = i.service_level_percent / 100, i.max_occupancy_percent / 100
    if i.patience_seconds is None:
        return _erlang_c_queue(traffic, slot_seconds, target, max_occupancy, i.answer_seconds)
    return _erlang_a_queue(traffic, slot_seconds, i.patience_seconds, target, max_occupancy, i.answer_seconds)


def _too_many() -> Refusal:
    return Refusal({"service_level_percent": (
        f"No team of up to {MAX_AGENTS:,} agents reaches this service level; lower the target or the traffic."
    )})


def _erlang_c_queue(traffic: float, slot_seconds: float, target: float, max_occupancy: float,
                    answer_seconds: float) -> Queue:
    # Walk N upwards from the first count that can keep up, carrying Erlang B along so the
    # search costs one step per agent, not a fresh sum each time.
    agents = math.floor(traffic) + 1
    blocked = erlang_b(agents, traffic)
    while True:
        wait = agents * blocked / (agents - traffic * (1 - blocked))
        achieved = service_level(agents, traffic, wait, answer_seconds, slot_seconds)
        if achieved >= target and traffic / agents <= max_occupancy:
            break
        agents += 1
        if agents > MAX_AGENTS:
            raise _too_many()
        blocked = traffic * blocked / (agents + traffic * blocked)

    # If one agent fewer already met the service level, the occupancy cap set the count.
    limited_by = "occupancy" if _meets_earlier(agents, traffic, target, answer_seconds, slot_seconds) else "service_level"
    return Queue(agents, achieved, wait * slot_seconds / (agents - traffic), traffic / agents, wait, limited_by)


def _erlang_a_queue(traffic: float, slot_seconds: float, patience_seconds: float, target: float,
                    max_occupancy: float, answer_seconds: float) -> Queue:
    # The same upward walk, from ceil(A) as pyworkforce starts it: with abandonment a queue
    # of exactly A agents is stable, and occupancy counts answered contacts only.
    def measure(agents: int, blocked: float) -> erlang_a.Measures:
        try:
            return erlang_a.measures(agents, traffic, slot_seconds, patience_seconds, answer_seconds, blocked)
        except erlang_a.TooLong:
            raise Refusal({"patience_seconds": (
                "With this much traffic and customers this patient the queue is too long to model; "
                "leave Customer patience empty to size it by Erlang C."
            )}) from None

    agents = max(1, text.round_up(traffic))
    blocked = erlang_b(agents, traffic)
    m = measure(agents, blocked)
    # Fewer give up as agents are added, so no count below A × (1 − abandonment here) ÷
    # max occupancy can meet the cap: start just below it (that one says whether the
    # service level alone would have allowed fewer).
    least = text.round_up(traffic * (1 - m.abandon_probability) / max_occupancy)
    if least - 1 > agents:
        agents = min(least - 1, MAX_AGENTS)
        blocked = erlang_b(agents, traffic)
        m = measure(agents, blocked)
    fewer_met = False  # did one agent fewer already meet the service level?
    while True:
        met = m.service_level >= target
        if met and m.occupancy <= max_occupancy:
            break
        fewer_met = met
        agents += 1
        if agents > MAX_AGENTS:
            raise _too_many()
        blocked = traffic * blocked / (agents + traffic * blocked)
        m = measure(agents, blocked)
    return Queue(agents, m.service_level, m.asa_seconds, m.occupancy, m.wait_probability,
                 "occupancy" if fewer_met else "service_level", m.abandon_probability)


def _by_concurrency(i: Inputs) -> tuple[tuple[float, int, float], ...]:
    """Agents and FTE for 1, 2, 3 … chats at once (up to the one entered, at least 3),
    with AHT as entered; a count no team of MAX_AGENTS can serve is left out."""
    levels = sorted({*range(1, max(3, math.floor(i.concurrency)) + 1), i.concurrency})
    rows = []
    for chats in levels:
        slot_seconds, traffic = _load(i, chats)
        if traffic / (i.max_occupancy_percent / 100) >= MAX_AGENTS:
            continue
        try:
            agents = _size(i, traffic, slot_seconds).agents
        except Refusal:
            continue
        rows.append((chats, agents, agents / (1 - i.shrinkage_percent / 100)))
    return tuple(rows)


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
        "fte_rounded": text.round_up(r.fte),
        "limited_by": r.limited_by,
        "model": r.model,
        "abandon_percent": r.abandon_percent,
        "by_concurrency": [{"concurrency": c, "agents": n, "fte": f} for c, n, f in r.by_concurrency],
        **offered_outputs(r.offered, r.around),
    }


def _finite(value: float) -> float | None:
    return None if math.isinf(value) else value


def reached(q: Queue) -> dict[str, Any]:
    """What ``q.agents`` achieve, as machine values (an endless wait is None)."""
    return {
        "agents": q.agents,
        "service_level_percent": q.service_level * 100,
        "asa_seconds": _finite(q.asa_seconds),
        "occupancy_percent": q.occupancy * 100,
        "abandon_percent": None if q.abandon is None else q.abandon * 100,
        "meets_targets": q.limited_by == "met",
    }


def offered_outputs(offered: Queue | None, near: tuple[Queue, ...]) -> dict[str, Any]:
    """The reverse mode's outputs: ``offered_*`` for the agents given (None when none is)
    and ``agents_table``, the counts around it."""
    shown = reached(offered) if offered is not None else dict.fromkeys(
        ("agents", "service_level_percent", "asa_seconds", "occupancy_percent", "abandon_percent", "meets_targets"))
    return {**{f"offered_{k}": v for k, v in shown.items()}, "agents_table": [reached(q) for q in near]}


def offered_report(label: str, out: dict[str, Any], near: tuple[Queue, ...], target_percent: float,
                   answer_seconds: float) -> tuple[str, render.Table]:
    """The reverse mode for people: a summary line and the agents-against-service-level table."""
    agents = out["offered_agents"]
    asa = out["offered_asa_seconds"]
    if asa is None:
        line = (f"With {agents} agents {label}, the queue grows without end: they cannot keep up with the traffic, "
                "so nobody is answered on time.")
    else:
        verdict = "meeting" if out["offered_meets_targets"] else "short of"
        line = (f"With {agents} agents {label}, {_pct(out['offered_service_level_percent'])} of contacts are answered "
                f"within {number(answer_seconds)} seconds ({verdict} the {number(target_percent)}% target), the average "
                f"wait is {asa:.1f} seconds and agents are busy {_pct(out['offered_occupancy_percent'])} of the time.")
    rows = tuple(
        (render.cell(q.agents), render.cell(_pct(q.service_level * 100)),
         render.cell("grows without end" if math.isinf(q.asa_seconds) else f"{q.asa_seconds:.1f} s"),
         render.cell(_pct(q.occupancy * 100)), render.cell("yes" if q.limited_by == "met" else "no"))
        for q in near
    )
    table = render.table(f"Service level by number of agents {label}",
                         ("Agents", "Answered in time", "Average wait", "Occupancy", "Meets both targets"), rows)
    return line, table


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
    why = ("the occupancy cap" if r.limited_by == "occupancy" else "the service-level target")
    summary = (
        f"You need {r.agents} agents on the queue, or {number(round(r.fte, 1))} FTE once "
        f"{number(i.shrinkage_percent)}% shrinkage is allowed for; {why} sets the number.",
        f"With {r.agents} agents, {_pct(r.service_level_percent)} of contacts are answered within "
        f"{number(i.answer_seconds)} seconds{_giving_up(r)}, the average wait is {r.asa_seconds:.1f} seconds and "
        f"agents are busy {_pct(r.occupancy_percent)} of the time.",
    )
    rows = (
        render.measure("Traffic (erlangs)", out, "traffic_erlangs", lambda v: f"{v:.2f}"),
        render.measure("Agents needed on the queue", out, "agents"),
        render.measure("Service level achieved", out, "service_level_percent", _pct),
        render.measure("Average speed of answer", out, "asa_seconds", lambda v: f"{v:.1f} s"),
        render.measure("Occupancy", out, "occupancy_percent", _pct),
        render.measure("Chance a contact waits", out, "wait_probability_percent", _pct),
    )
    if r.abandon_percent is not None:
        rows += (render.measure("Customers who give up waiting", out, "abandon_percent", _pct),)
    rows += (render.measure("FTE to schedule (with shrinkage)", out, "fte", lambda v: number(round(v, 1))),)
    tables = (render.table("Staffing for one interval", ("Measure", "Value"), rows),)
    if r.by_concurrency:
        tables += (render.table(
            "Agents at each number of chats at once (handle time as entered)",
            ("Chats per agent at once", "Agents on the queue", "FTE to schedule"),
            tuple((render.cell(number(c)), render.cell(n), render.cell(number(round(f, 1)))) for c, n, f in r.by_concurrency),
        ),)
    if r.offered is not None:
        line, near = offered_report("on the queue", out, r.around, i.service_level_percent, i.answer_seconds)
        summary += (line,)
        rows += (
            render.measure("Agents you have", out, "offered_agents"),
            render.measure("Service level they reach", out, "offered_service_level_percent", _pct),
            render.measure("Average wait with them", out, "offered_asa_seconds",
                           lambda v: "grows without end" if v is None else f"{v:.1f} s"),
            render.measure("Their occupancy", out, "offered_occupancy_percent", _pct),
        )
        tables = (render.table("Staffing for one interval", ("Measure", "Value"), rows), near) + tables[1:]
    if r.abandon_percent is None:
        notes = ("Erlang C assumes nobody hangs up while waiting, so it slightly overstates waits and agents.",)
    else:
        notes = (
            f"Sized by Erlang A: customers give up after {number(i.patience_seconds)} seconds on average. The service "
            "level counts those who give up as not answered, and the average wait includes their time in the queue.",
        )
    if r.by_concurrency:
        notes += ("Chats handled side by side usually take longer each: check the table against the handle time "
                  "you see at each level before you plan on it.",)
    return render.Report(summary=summary, tables=tables, notes=notes, links=(cost_link(i, r),))


def cost_link(i: Inputs, r: Result) -> render.Link:
    """The cost calculator with this queue's month of work: its FTE and the monthly volume,
    handle time and occupancy that describe the same work (see :func:`cost.work_handed_over`).
    A single interval says nothing of the hours the queue is open; the FTE counts one
    full-time agent per seat, so the volume is this interval's in every interval of a
    full-time week."""
    intervals = cost.HOURS_PER_WEEK * 60 / i.interval_minutes * cost.WEEKS_PER_MONTH
    aht_minutes = i.aht_seconds / i.concurrency / 60
    carried = cost.work_handed_over(r.fte, i.contacts * intervals, aht_minutes, r.occupancy_percent,
                                    i.shrinkage_percent)
    given = dict(carried)
    chats = f" (÷ {number(i.concurrency)} chats at once)" if i.concurrency != 1 else ""
    note = (f"It carries {given['monthly_tickets']:,} contacts a month: {number(i.contacts)} in every "
            f"{number(i.interval_minutes)}-minute interval of a {cost.HOURS_PER_WEEK}-hour week, 52 ÷ 12 weeks a month "
            "(the FTE counts one full-time agent per seat, so it assumes the queue is open that long); "
            f"{number(given['aht_minutes'])} minutes a contact{chats}, {number(given['occupancy_percent'])}% occupancy. "
            "A queue open longer, or quieter outside this interval: use the week plan.")
    return render.Link(f"Cost these {number(given['staffed_fte'])} FTE in the cost calculator", "cost", carried, note)


def _giving_up(r: Result) -> str:
    return "" if r.abandon_percent is None else f" and {_pct(r.abandon_percent)} give up waiting"
