"""Where the cheapest way to staff the work changes: the cost calculator's search for the
nearest volumes below and above the reader's at which another option is cheapest
(:func:`nearest`), and the volumes at which any option's cost stops being a straight line
in the number of tickets (:func:`breaks`, which the business case's risk run reads).

Between two volumes at which a whole number changes (agents, the blended base,
freelancers, either hybrid team's agents) or the hybrid's vendor model moves, every option's
monthly cost is a straight line in the tickets; so the search steps from one such volume to
the next and solves each stretch by arithmetic instead of pricing every volume.
"""
from __future__ import annotations

import math
from typing import Any

from . import (OPTIONS, SWITCH_SPAN_FTE, SWITCH_WINDOW, MAX_TICKETS, VENDOR_OPTIONS, Inputs, Steps, _cheapest_at,
               _costs, _fte, _freelancer_hours, _hybrid_parts, _hybrid_shares, _lowest, _priced, _steps)

def _next_step(i: Inputs, tickets: int, s: Steps, limit: int) -> int:
    """The first volume above ``tickets`` whose whole numbers differ from ``s`` (or
    ``limit + 1``). The volume is found by arithmetic, then nudged a ticket or two to
    absorb floating-point rounding."""
    if i.staffed_fte is not None:
        return limit + 1  # the staffing is fixed: nothing rounds as volume changes
    share = i.complex_percent / 100
    candidates = _changes(i, s, 1)
    for part, fraction in ((s.kept, share), (s.outside, 1 - share)):
        if part is not None:
            candidates += _changes(i, part, fraction, blended_base=None)
    nearest = min(candidates)
    if nearest > limit:  # also catches an infinite step, from a vanishingly short handle time
        return limit + 1
    guess = max(tickets + 1, math.floor(nearest))
    while guess > tickets + 1 and _steps(i, guess - 1) != s:
        guess -= 1
    while guess <= limit and _steps(i, guess) == s:
        guess += 1
    return guess


def _changes(i: Inputs, s: Steps, fraction: float, blended_base: Any = "inputs") -> list[float]:
    """The volumes (of the whole work) at which a team taking ``fraction`` of the tickets
    and counted at ``s`` passes its next whole agent, base agent or freelancer."""
    per_ticket = _fte(i, 1) * fraction  # FTE per ticket of the whole work
    hours_per_ticket = per_ticket * i.productive_hours_per_fte
    candidates = [
        s.agents / per_ticket,  # FTE passes the next whole agent
        s.freelancers * _freelancer_hours(i) / hours_per_ticket,
    ]
    base = i.blended_base_fte if blended_base == "inputs" else blended_base
    if base is None:
        candidates.append((s.base + 1) / per_ticket)
    elif not s.overflowing:
        candidates.append(s.base / per_ticket)
    return candidates


def _hybrid_model_change(i: Inputs, start: int, end: int, s: Steps) -> int:
    """The first volume in (start, end) at which the hybrid's vendor share moves to another
    pricing model (or ``end``). Within it the hybrid is a straight line like every other
    option, which :func:`_first_change` relies on."""
    if s.outside is None or end - start < 2 or i.hybrid_vendor_model != "cheapest":
        return end  # a model the reader chose never changes with the volume

    def vendor_costs(volume: int) -> dict[str, float]:
        outside_inputs, outside_tickets = _hybrid_shares(i, volume)[1]
        return _priced(outside_inputs, outside_tickets, s.outside)

    def model(volume: int) -> str:
        costs = vendor_costs(volume)
        return min(VENDOR_OPTIONS, key=costs.__getitem__)

    at_start, next_one = vendor_costs(start), vendor_costs(start + 1)
    now = min(VENDOR_OPTIONS, key=at_start.__getitem__)
    first = end
    for option in VENDOR_OPTIONS:
        gap = at_start[option] - at_start[now]
        closing = gap - (next_one[option] - next_one[now])
        if option != now and closing > 0 and gap / closing < end - start:
            first = min(first, start + max(1, math.floor(gap / closing)))
    while first > start + 1 and model(first - 1) != now:
        first -= 1
    while first < end and model(first) == now:
        first += 1
    return first


def _first_change(i: Inputs, start: int, end: int, s: Steps) -> int | None:
    """The first volume in (start, end) where another option is cheapest, knowing every
    cost is a straight line there (the whole numbers are ``s`` throughout), so once another
    option is cheaper the first one cannot come back."""
    if end - start < 2:
        return None
    at_start, next_one = _costs(i, start, s), _costs(i, start + 1, s)
    best = _lowest(at_start)
    first = None
    for option in OPTIONS:
        if option == best:
            continue
        gap = at_start[option] - at_start[best]
        closing = gap - (next_one[option] - next_one[best])  # how much of the gap one more ticket closes
        if closing <= 0 or gap / closing >= end - start:  # never closes within this stretch
            continue
        reach = start + max(1, math.floor(gap / closing))
        first = reach if first is None else min(first, reach)
    if first is None or first >= end:
        return None
    # The arithmetic lands within a ticket of the answer; step to the exact volume.
    while first > start + 1 and _lowest(_costs(i, first - 1, s)) != best:
        first -= 1
    while first < end and _lowest(_costs(i, first, s)) == best:
        first += 1
    return first if first < end else None


def nearest(i: Inputs) -> tuple[tuple[int, str] | None, tuple[int, str] | None, int, int]:
    """The nearest volumes below and above the reader's at which another option is cheapest,
    each as (tickets, option), searched from half to twice the reader's volume (at most
    SWITCH_SPAN_FTE agents' worth of tickets either way)."""
    tickets = i.monthly_tickets
    span = SWITCH_SPAN_FTE / _fte(i, 1) if i.staffed_fte is None else math.inf  # tickets
    low = max(1, math.ceil(tickets - min(tickets - tickets / SWITCH_WINDOW, span)))
    high = min(MAX_TICKETS, math.floor(tickets + min(tickets * (SWITCH_WINDOW - 1), span)))
    down = up = None
    volume, best = low, _cheapest_at(i, low)
    while True:
        s = _steps(i, volume)
        end = _hybrid_model_change(i, volume, _next_step(i, volume, s, high), s)
        change = _first_change(i, volume, end, s)
        volume = change if change is not None else end
        if volume > high:
            break
        now = _cheapest_at(i, volume)
        if now == best:
            continue
        if volume > tickets:
            up = (volume, now)
            break
        down = (volume - 1, best)  # the last change at or below the reader's volume wins
        best = now
    return down, up, low, high


def line_of(i: Inputs, tickets: float) -> tuple[Steps, str | None]:
    """What fixes the straight line a volume's costs lie on (see :func:`breaks`): its whole
    numbers and the hybrid's vendor model. Two volumes with the same line_of are priced by
    the same straight lines."""
    s = _steps(i, tickets)
    return s, _hybrid_parts(i, tickets, s)[1]


def breaks(i: Inputs, low: float, high: float, limit: int) -> list[int] | None:
    """The volumes in (``low``, ``high``] at which a whole number (agents, blended base,
    freelancers, either hybrid team's agents) or the hybrid's vendor model changes, in
    order: between two of them every option's monthly cost is a straight line in the
    number of tickets (what the business case's risk run reads its draws from). None when
    there are more than ``limit`` of them, or when the agents are carried from the staffing
    calculator (their steps follow that figure, not these tickets)."""
    if i.staffed_fte is not None:
        return None
    found: list[int] = []
    volume, top = max(1, math.floor(low)), math.ceil(high)
    while True:
        s = _steps(i, volume)
        volume = _hybrid_model_change(i, volume, _next_step(i, volume, s, top), s)
        if volume > top:
            return found
        found.append(volume)
        if len(found) > limit:
            return None
