"""Shifts that cover a week's interval requirement, and the people to work them.

Input ``requirement`` is the week plan's answer: agents needed per interval (columns
``day``, ``start``, ``agents``, as the week plan's CSV export writes its interval table),
pasted, picked as a file, or handed over from the week plan in the reader's browser.

The model (set covering, as shift-scheduling textbooks write it since Dantzig 1954):

* a **shift** is a day, a start on the start step inside the allowed window, a paid length
  from ``shift_hours`` and, for 6 paid hours or more, one unpaid break of ``break_minutes``
  that lengthens the shift on the clock; the break starts on the time grid inside the middle
  third of the shift's span (start + span/3 to start + 2·span/3), each position a shift of
  its own, so the solver chooses the position that best fits the requirement;
* an agent counts in an interval only when on shift and not on break for the whole of it;
* choose how many agents work each shift, so that every interval has at least its
  requirement, with the fewest **paid hours** (Σ agents × paid hours).

The week is a cycle: a shift that starts late on Sunday covers Monday's first hours, as the
same week repeats (our assumption). With the default window (00:00 to 24:00) shifts may
start at any step of the day and run past midnight; with a narrower window each shift starts
and ends inside it (a window such as 18:00 to 02:00 runs past midnight).

The solver (standard library, the same in the browser; no exact optimizer runs there in
the time a reader waits). It builds several rosters by fast rules and keeps the cheapest:

1. plans as if nobody took a break: a sweep from the quietest slot that starts each shift at
   the first slot still short, as late as it can (optimal for one length without breaks on
   a line), and "runs": every agent the requirement rises by starts a run and every agent it
   falls by ends one, the pairing of rises with falls chosen by the Hungarian method to waste
   the fewest paid minutes, each run covered by the cheapest chain of shifts (dynamic
   programming);
2. breaks placed where such a plan's cover can spare them (shifts whose break windows close
   first placed first); where none can, the plan is made again asking one agent more there;
   what is still short is covered by Chvátal's greedy (the shift covering the most short
   slots per paid minute);
3. the same sweep and runs with breaks placed as shifts are added;
4. on each: shifts that no slot needs are removed and breaks moved to where cover is spare;
   on the cheapest, an ejection search moves nearby agents (up to two hours) so that a whole
   shift becomes unneeded.

The same inputs always give the same roster. Measured against an exact integer program
(SciPy's HiGHS) on twelve test cases, eleven rosters are optimal and one is 2.4% above; a
672-interval week is 2.5% above the linear-programming bound (``tests/unit/test_shifts.py``).

The people: each day's shifts (a shift belongs to the day it starts) are handed to agents who
work ``days_per_week`` days at most. The fewest agents is the larger of the busiest day's
shifts and ⌈shifts in the week ÷ days a week⌉ (McNaughton's wrap-around argument shows it is
always enough); agents are given, one by one, a run of consecutive working days (so their
days off are consecutive) wherever the days still to staff allow it.

* required agent hours = Σ requirement × interval hours;
* efficiency = required ÷ scheduled agent hours × 100;
* FTE = scheduled agent hours ÷ (1 − shrinkage) ÷ paid hours of a full-time week.

Worked example (checked in tests): Mon 08:00-16:00 needs 2 agents in every 30-minute
interval, nothing else. With 8-hour shifts and no break, 2 agents on Mon 08:00 cover it
exactly: 16 paid hours for 16 required, efficiency 100%, 2 people, 16 ÷ 0.7 ÷ 40 = 0.571 FTE.

>>> import calculators
>>> table = "day,start,agents\\n" + "\\n".join(f"Mon,{h:02d}:{m:02d},2" for h in range(8, 16) for m in (0, 30))
>>> out = calculators.run("shifts", {"requirement": table, "break_minutes": 0})["outputs"]
>>> out["shifts"], out["scheduled_agent_hours"], out["efficiency_percent"], out["agents_needed"]
([{'day': 'Mon', 'start': '08:00', 'hours': 8.0, 'agents': 2, 'end': '16:00', 'break_start': None}], 16.0, 100.0, 2)
"""
from __future__ import annotations

import csv
import dataclasses
import functools
import heapq
import io
import math
import re
from dataclasses import dataclass
from typing import Any

from . import Refusal, staffing
from .core import render, text, volumes as _volumes
from .core.fields import Field, declare, form, parse_one, read as _read
from .figures import number

NAME = "shifts"
TITLE = "Shifts: a roster that covers the week"
SUMMARY = ("Turn the week plan's agents per interval into shifts (lengths, starts and breaks you allow) with the "
           "fewest paid hours, and the people to work them: computed in your browser, nothing is sent anywhere.")

DAYS = _volumes.DAYS
MAX_PASTE_CHARS = 200_000  # a 15-minute week is 672 rows of about 20 characters
MAX_AGENTS = staffing.MAX_AGENTS  # in one interval
MAX_LENGTHS = 5  # shift lengths allowed at once
BREAK_FROM_HOURS = 6  # shifts of this many paid hours or more carry the break
QUARTER = 15  # every time in the model is a whole number of quarter hours
HOURS_PER_FTE_WEEK = 40


def _sample() -> str:
    # A made-up requirement for the worked example on the page: weekdays 07:00-20:00 with a
    # late-morning and an early-afternoon peak, busier on Monday; Saturday 09:00-15:00.
    day_share = {"Mon": 1.2, "Tue": 1.0, "Wed": 1.0, "Thu": 1.0, "Fri": 0.9}
    half_hours = (2, 3, 4, 6, 7, 8, 8, 7, 6, 5, 6, 7, 7, 6, 5, 4, 4, 3, 3, 3, 2, 2, 2, 1, 1, 1)  # from 07:00
    lines = ["day,start,agents"]
    for day, share in day_share.items():
        lines += [f"{day},{7 + n // 2:02d}:{30 * (n % 2):02d},{round(load * share)}" for n, load in enumerate(half_hours)]
    lines += [f"Sat,{9 + n // 2:02d}:{30 * (n % 2):02d},{load}" for n, load in enumerate((1, 2, 2, 3, 3, 3, 3, 2, 2, 2, 1, 1))]
    return "\n".join(lines)


SAMPLE = _sample()
_SHRINKAGE = next(f for f in staffing.FIELDS if f.key == "shrinkage_percent")


@dataclass(frozen=True)
class Inputs:
    """What a reader types; each attribute declares its own form field."""

    requirement: str = declare(
        "Requirement", "text", "", SAMPLE, max=MAX_PASTE_CHARS, lines=10, group="Your requirement",
        help="Agents needed per interval, with a header row: day (Mon to Sun), start (HH:MM) and agents, as the "
             "week plan's CSV export writes them. Paste it, choose the CSV file below, or open this page from the "
             "week plan's “Shifts for this plan” button. It stays in your browser: never in the page address, "
             "never uploaded.")
    interval_minutes: int = declare(
        "Interval length", "integer", "minutes", 30, min=15, max=60, group="Your requirement",
        help="15, 30 or 60 minutes: the length of each row's interval.")
    shift_hours: str = declare(
        "Shift lengths", "text", "", "8", max=100, group="Shifts you allow",
        help="Paid hours of the shifts you may roster, separated by commas, such as 8, 6, 4 (whole quarter hours).")
    start_step_minutes: int = declare(
        "Shifts start every", "integer", "minutes", 30, min=15, max=240, group="Shifts you allow",
        help="Shifts start on this step of the clock from the earliest start: 15, 30 or 60 minutes are usual.")
    earliest_start: str = declare(
        "Earliest start", "text", "", "00:00", max=10, group="Shifts you allow",
        help="The earliest time a shift may start, as HH:MM.")
    latest_end: str = declare(
        "Latest end", "text", "", "24:00", max=10, group="Shifts you allow",
        help="The latest time a shift may end, as HH:MM (24:00 is midnight). From 00:00 to 24:00, shifts may start "
             "at any time and run past midnight; Sunday's late shifts cover Monday's first hours.")
    break_minutes: int = declare(
        "Unpaid break", "integer", "minutes", 30, min=0, max=240, group="Shifts you allow",
        help=f"One unpaid break in every shift of {BREAK_FROM_HOURS} paid hours or more, placed by the planner in the "
             "middle third of the shift; it makes the shift that much longer on the clock. 0 for none.")
    days_per_week: int = declare(
        "Days each agent works", "integer", "days a week", 5, min=1, max=7, group="People",
        help="The most days one agent works in a week; their days off are kept together where the roster allows.")
    shrinkage_percent: float = declare(
        _SHRINKAGE.label, _SHRINKAGE.kind, _SHRINKAGE.unit, _SHRINKAGE.default, min=_SHRINKAGE.min,
        max=_SHRINKAGE.max, group="People",
        help="Paid time agents are not on shift: leave, sickness, training. The roster's paid hours already hold "
             "the breaks and the time between peaks.")
    hours_per_fte_week: float = declare(
        "Paid hours of a full-time agent", "number", "hours a week", HOURS_PER_FTE_WEEK, min=1, max=80, group="People",
        help="Paid hours in one full-time agent's week, used to turn scheduled hours into FTE (the site's default: 40).")


FIELDS: tuple[Field, ...] = form(Inputs)

_TIME = re.compile(r"\s*(\d{1,2})[:.h](\d{2})\s*$")
_LENGTH = Field("shift_hours", "Each shift length", "number", "hours", min=1, max=16)


def _minutes(text_value: str) -> int | None:
    """Minutes after midnight of ``HH:MM`` (24:00 allowed), or None."""
    match = _TIME.match(text_value)
    if not match:
        return None
    hours, minutes = int(match[1]), int(match[2])
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        return None
    return hours * 60 + minutes


def shift_lengths(raw: str) -> tuple[tuple[float, ...], str | None]:
    """The paid lengths in hours (distinct, longest first) from ``"8, 6, 4"``, or a message.

    >>> shift_lengths("8, 6,4")
    ((8.0, 6.0, 4.0), None)
    >>> shift_lengths("8, 7.3")[1]
    'Shift lengths must be whole quarter hours (such as 7.5 or 7.75); 7.3 is not.'
    """
    parts = [p for p in re.split(r"[;,\s]+", raw.strip()) if p]
    if not parts:
        return (), "Shift lengths is empty: enter one or more paid lengths in hours, such as 8, 6, 4."
    lengths = set()
    for part in parts:
        value, problem = parse_one(_LENGTH, part)
        if problem:
            return (), problem
        if abs(value * 4 - round(value * 4)) > text.TOLERANCE:
            return (), f"Shift lengths must be whole quarter hours (such as 7.5 or 7.75); {number(value)} is not."
        lengths.add(round(value * 4) / 4)
    if len(lengths) > MAX_LENGTHS:
        return (), f"Give at most {MAX_LENGTHS} shift lengths at once."
    return tuple(sorted(lengths, reverse=True)), None


def _validate(values: dict[str, Any]) -> dict[str, str]:
    errors = {}
    if values["interval_minutes"] not in _volumes.INTERVAL_CHOICES:
        errors["interval_minutes"] = "Interval length must be 15, 30 or 60 minutes."
    if values["start_step_minutes"] % QUARTER:
        errors["start_step_minutes"] = "Shifts start every must be a whole number of quarter hours (15, 30, 45, 60 …)."
    if values["break_minutes"] % QUARTER:
        errors["break_minutes"] = "Unpaid break must be a whole number of quarter hours (0, 15, 30, 45, 60 …)."
    lengths, problem = shift_lengths(values["shift_hours"])
    if problem:
        errors["shift_hours"] = problem
    for key, label in (("earliest_start", "Earliest start"), ("latest_end", "Latest end")):
        minute = _minutes(values[key])
        if minute is None:
            errors[key] = f"{label} must be a time written as HH:MM, such as 08:00."
        elif minute % QUARTER:
            errors[key] = f"{label} must fall on a quarter hour (:00, :15, :30 or :45)."
        elif key == "earliest_start" and minute == 1440:
            errors[key] = "Earliest start must be before 24:00."
    if not errors:
        with_break = [h for h in lengths if h >= BREAK_FROM_HOURS]
        if values["break_minutes"] and with_break and values["break_minutes"] * 2 > min(with_break) * 60:
            shortest = min(with_break)
            errors["break_minutes"] = (
                f"A {values['break_minutes']}-minute break does not fit in the middle third of a {number(shortest)}-hour "
                f"shift: keep it to {number(shortest * 30)} minutes or less (half the paid time).")
    return errors


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    return _read(Inputs, raw, validate=_validate)


# ---------------------------------------------------------------- the requirement


def _cells(line: str) -> list[str]:
    sep = "\t" if "\t" in line else (";" if line.count(";") > line.count(",") else ",")
    return [" ".join(c.lower().split()) for c in next(csv.reader([line], delimiter=sep), [])]


def _interval_table(pasted: str) -> str:
    """The interval table inside ``pasted``: the whole text, or, for the week plan's CSV export
    (several tables, each under its caption, separated by blank lines), the one whose header
    has a day, a start and an agents column."""
    lines = pasted.splitlines()
    for n, line in enumerate(lines[:2000]):
        cells = _cells(line)
        if "agents" in cells and "start" in cells and "day" in cells:
            if n == 0:
                return pasted
            end = next((m for m in range(n, len(lines)) if not lines[m].strip()), len(lines))
            return "\n".join(lines[n:end])
    return pasted


_NOT_A_TABLE = ("This is not a requirement table: it needs a day, a start and an agents column (one row per "
                "interval). For a help-desk export, plan the week in the week plan first and bring its requirement here.")


@dataclass(frozen=True)
class Need:
    """One interval of the requirement."""

    day: str
    start: str
    weekday: int
    minute: int
    agents: int


def requirement(pasted: str, interval_minutes: int) -> tuple[Need, ...]:
    """The requirement read by the week plan's own table reader (:mod:`calculators.core.volumes`),
    its count column being ``agents``; raises :class:`Refusal` keyed ``requirement``."""
    table = _interval_table(pasted)
    header = next((line for line in table.splitlines() if line.strip() and not line.lstrip().startswith("#")), "")
    names = {re.sub(r"[^0-9a-z]+", " ", cell).strip() for cell in _cells(header)}
    if header and not _volumes.not_text(table[:4096]):
        if "agents" not in names:
            shown = ", ".join(f"“{text.truncate(c, 30)}”" for c in sorted(names)[:8] if c)
            raise Refusal({"requirement": f"There is no column called “agents” (agents needed per interval); the "
                                          f"columns are {shown or 'none'}. {_NOT_A_TABLE}"})
        if not (names & _volumes.DAY_NAMES and names & _volumes.START_NAMES):
            raise Refusal({"requirement": _NOT_A_TABLE})
    try:
        week = _volumes.read_text(table, interval_minutes=interval_minutes, column="agents")
    except _volumes.VolumeError as problem:
        key = "interval_minutes" if problem.field == "interval_minutes" else "requirement"
        # The reader speaks of contacts, its usual count; here the count is agents.
        raise Refusal({key: problem.message.replace("contacts", "agents")}) from None
    if week.shape != "intervals":
        raise Refusal({"requirement": _NOT_A_TABLE})
    needs = []
    for i in week.intervals:
        if i.contacts > MAX_AGENTS:
            raise Refusal({"requirement": f"{i.day} {i.start}: {number(i.contacts)} agents in one interval is more than "
                                          f"the {MAX_AGENTS:,} this planner rosters; split the queue."})
        needs.append(Need(DAYS[i.weekday], i.start, i.weekday, i.minute, text.round_up(i.contacts)))
    return tuple(needs)


# ------------------------------------------------------------------- the model


@dataclass(frozen=True)
class Model:
    """The covering problem on a grid of ``grid`` minutes (``slots`` of them in the week).

    Shift ``j`` (a start and a length) starts at slot ``start[j]`` of the week (on ``day[j]``
    at ``clock[j]`` minutes after midnight), spans ``span[j]`` slots, costs ``paid[j]``
    minutes and, with a break, is away ``away[j]`` slots from one of the ``offsets[j]``
    (slots after its start). A column of the covering model is a shift with one break offset."""

    grid: int
    slots: int
    target: tuple[int, ...]  # agents to cover per slot (0 where no shift can)
    day: tuple[int, ...]
    clock: tuple[int, ...]
    start: tuple[int, ...]
    span: tuple[int, ...]
    paid: tuple[int, ...]
    away: tuple[int, ...]
    offsets: tuple[tuple[int, ...], ...]
    lengths_used: tuple[float, ...]

    def covers(self, j: int, offset: int) -> list[int]:
        """The slots shift ``j`` counts in with its break ``offset`` slots after its start (its
        span less its break), in the cyclic week."""
        s, n = self.start[j], self.slots
        return [(s + k) % n for k in range(self.span[j]) if not offset <= k < offset + self.away[j]]

    def columns(self) -> list[tuple[int, int]]:
        """Every column (shift, break offset) of the covering model."""
        return [(j, o) for j in range(len(self.start)) for o in self.offsets[j]]


def break_offsets(span_minutes: int, break_minutes: int, grid: int) -> list[int]:
    """Break starts (minutes after the shift's start, on the grid) inside the middle third.

    >>> break_offsets(510, 30, 30)   # 8 paid hours + 30 minutes: the third runs 170 to 340
    [180, 210, 240, 270, 300]
    """
    low, high = span_minutes / 3, 2 * span_minutes / 3 - break_minutes
    first = math.ceil(low / grid - text.TOLERANCE) * grid
    found = list(range(first, math.floor(high / grid + text.TOLERANCE) * grid + 1, grid))
    if not found:  # the grid misses the third: the position nearest its middle
        found = [round((span_minutes - break_minutes) / 2 / grid) * grid]
    return found


def window(i: Inputs) -> tuple[int, int]:
    """(first start, minutes the window lasts) of each day's window; 1,440 is round the clock."""
    first, last = _minutes(i.earliest_start), _minutes(i.latest_end)
    length = last - first if last > first else last + 1440 - first
    return first, length


def build(i: Inputs, needs: tuple[Need, ...], lengths: tuple[float, ...]) -> Model:
    first, length = window(i)
    grid = math.gcd(i.interval_minutes, i.start_step_minutes, i.break_minutes, first, length,
                    *(round(h * 60) for h in lengths))
    grid = math.gcd(grid, 60) or QUARTER
    slots = 7 * 1440 // grid
    round_clock = length >= 1440
    shifts: dict[str, list] = {k: [] for k in ("day", "clock", "start", "span", "paid", "away", "offsets")}
    used = []
    for hours in lengths:
        paid = round(hours * 60)
        away = i.break_minutes if hours >= BREAK_FROM_HOURS else 0
        span = paid + away
        if span > length and not round_clock:
            continue
        used.append(hours)
        offsets = tuple(o // grid for o in break_offsets(span, away, grid)) if away else (0,)
        latest = first + (1440 - 1 if round_clock else length - span)
        for day in range(7):
            for clock in range(first, latest + 1, i.start_step_minutes):
                shifts["day"].append(day)
                shifts["clock"].append(clock % 1440)
                shifts["start"].append((day * 1440 + clock) // grid % slots)
                shifts["span"].append(span // grid)
                shifts["paid"].append(paid)
                shifts["away"].append(away // grid)
                shifts["offsets"].append(offsets)
    if not used:
        raise Refusal({"shift_hours": (
            f"No shift length fits the window from {i.earliest_start.strip()} to {i.latest_end.strip()} "
            f"({number(length / 60)} hours, breaks included): allow a shorter shift or a wider window.")})
    coverable = [False] * slots
    for s, span in zip(shifts["start"], shifts["span"]):
        for k in range(span):
            coverable[(s + k) % slots] = True
    per = i.interval_minutes // grid
    target = [0] * slots
    for need in needs:
        first_slot = (need.weekday * 1440 + need.minute) // grid
        cells = range(first_slot, first_slot + per)
        if need.agents and all(coverable[t] for t in cells):
            for t in cells:
                target[t] = need.agents
    return Model(grid, slots, tuple(target), **{k: tuple(v) for k, v in shifts.items()}, lengths_used=tuple(used))


# ------------------------------------------------------------------- the solver


class _Roster:
    """Agents per column (shift, break offset), the cover per slot they give, and the work of
    changing them."""

    def __init__(self, m: Model):
        self.m = m
        self.agents: dict[tuple[int, int], int] = {}
        self.cover = [0] * m.slots
        self._covers: dict[tuple[int, int], list[int]] = {}

    def covers(self, column: tuple[int, int]) -> list[int]:
        found = self._covers.get(column)
        if found is None:
            found = self._covers[column] = self.m.covers(*column)
        return found

    def add(self, column: tuple[int, int], count: int) -> None:
        left = self.agents.get(column, 0) + count
        if left:
            self.agents[column] = left
        else:
            del self.agents[column]
        cover = self.cover
        for t in self.covers(column):
            cover[t] += count

    def paid(self) -> int:
        return sum(self.m.paid[j] * n for (j, _o), n in self.agents.items())

    def fill(self, candidates: list[int]) -> None:
        """Chvátal's greedy from the present cover, over the shifts ``candidates``: add an agent
        to the shift covering the most short slots per paid minute (its break where it leaves
        the fewest short slots uncovered, then the smallest shortfall), until no slot is short.
        A shift's count only falls when a slot stops being short, so the best shift takes
        agents one after another until then, without asking the others again."""
        m, n = self.m, self.m.slots
        short = [max(0, need - have) for need, have in zip(m.target, self.cover)]
        flags = [1 if s else 0 for s in short] * 2  # doubled: a span past the week's end reads on
        start, span, away, offsets, paid = m.start, m.span, m.away, m.offsets, m.paid

        def gain(j: int) -> int:
            s = start[j]
            g = sum(flags[s:s + span[j]])
            if away[j] and g:
                g -= min(sum(flags[s + o:s + o + away[j]]) for o in offsets[j])
            return g

        heap = []
        for j in candidates:
            g = gain(j)
            if g:
                heap.append((-g / paid[j], -paid[j], j))
        heapq.heapify(heap)
        while heap:
            _value, _paid, j = heapq.heappop(heap)
            g = gain(j)
            if not g:
                continue
            entry = (-g / paid[j], -paid[j], j)
            if heap and entry > heap[0]:
                heapq.heappush(heap, entry)  # no longer the best: back in at its true value
                continue
            while True:
                column = (j, self._break(j, short, flags))
                self.add(column, 1)
                ended = False
                for t in self.covers(column):
                    if short[t]:
                        short[t] -= 1
                        if not short[t]:
                            flags[t] = flags[t + n] = 0
                            ended = True
                if ended:
                    break
            heapq.heappush(heap, entry)

    def sweep(self, latest: list[list[int]], origin: int | None = None) -> None:
        """Walks the week from its quietest slot and, at each slot still short, adds agents to
        the shift that starts latest while covering it (of each length, the one covering the
        most short slots per paid minute): with one shift length and no breaks on a line,
        the optimal rule (an exchange argument: a later start covers all an earlier one
        still can)."""
        m, n = self.m, self.m.slots
        short = [max(0, need - have) for need, have in zip(m.target, self.cover)]
        flags = [1 if s else 0 for s in short] * 2
        start, span, away, offsets, paid = m.start, m.span, m.away, m.offsets, m.paid
        if origin is None:
            origin = min(range(n), key=lambda t: (m.target[t], t))
        for step in range(n):
            t = (origin + step) % n
            while short[t]:
                best, best_value = None, (0, 0, 0)
                for j in latest[t]:
                    s = start[j]
                    g = sum(flags[s:s + span[j]])
                    if away[j]:
                        g -= min(sum(flags[s + o:s + o + away[j]]) for o in offsets[j])
                    value = (-g / paid[j], -paid[j], j)
                    if best is None or value < best_value:
                        best, best_value = j, value
                if best is None:
                    break
                column = (best, self._break(best, short, flags))
                if t not in self.covers(column):
                    column = (best, min(offsets[best], key=lambda o: not (o <= (t - start[best]) % n < o + away[best])))
                    if t not in self.covers(column):
                        break
                self.add(column, 1)
                for u in self.covers(column):
                    if short[u]:
                        short[u] -= 1
                        if not short[u]:
                            flags[u] = flags[u + n] = 0

    def runs(self, latest: list[list[int]]) -> None:
        """Splits the requirement into runs, one agent each, and covers each run with the
        cheapest chain of shifts. Walking the week from its quietest slot, every agent the
        requirement rises by starts a run and every agent it falls by ends one; which rise goes
        with which fall is free (any pairing whose runs end after they start adds up to the
        requirement exactly), so the pairing is chosen to waste the least: an assignment
        problem (Hungarian method) on the paid minutes of the cheapest chain covering each
        pair's run, between consecutive quiet points of the requirement. Each run is then
        covered by dynamic programming over its slots (from the first slot not yet covered,
        each length's latest start that covers it), breaks placed where the shortfall is
        smallest; what the breaks leave short is covered by :meth:`fill`."""
        m, n = self.m, self.m.slots
        start, span, paid, target = m.start, m.span, m.paid, m.target
        origin = min(range(n), key=lambda t: (target[t], t))
        base = target[origin]
        # cheapest[k]: the fewest paid minutes of back-to-back shifts spanning k slots
        pieces = {(span[j], paid[j]) for j in range(len(span))}
        cheapest = [0] * (n + 1)
        for k in range(1, n + 1):
            cheapest[k] = min(cost + cheapest[max(0, k - length)] for length, cost in pieces)
        found = [(origin, origin + n)] * base  # the quietest level runs all week
        rises: list[int] = []
        falls: list[int] = []
        for step in range(1, n + 1):
            level = target[(origin + step) % n] - base if step < n else 0
            before = target[(origin + step - 1) % n] - base
            if level > before:
                rises += [origin + step] * (level - before)
            elif level < before:
                falls += [origin + step] * (before - level)
            if level == 0 and rises:  # a quiet point: pair this stretch's rises and falls
                found += _pairs(rises, falls, cheapest)
                rises, falls = [], []
        short = [max(0, need - have) for need, have in zip(target, self.cover)]
        flags = [1 if v else 0 for v in short] * 2
        for begin, end in found:
            length = end - begin
            cost = [math.inf] * (length + 1)
            came: list[tuple[int, int]] = [(0, -1)] * (length + 1)
            cost[0] = 0
            for p in range(length):
                if cost[p] == math.inf:
                    continue
                for j in latest[(begin + p) % n]:
                    stop = min(length, p - (begin + p - start[j]) % n + span[j])
                    if cost[p] + paid[j] < cost[stop]:
                        cost[stop], came[stop] = cost[p] + paid[j], (p, j)
            p = length if cost[length] < math.inf else 0
            while p > 0:
                p, j = came[p]
                column = (j, self._break(j, short, flags))
                self.add(column, 1)
                for u in self.covers(column):
                    if short[u]:
                        short[u] -= 1
                        if not short[u]:
                            flags[u] = flags[u + n] = 0
        self.rebreak()  # breaks onto slots other runs over-cover, before filling what they leave short
        self.fill(self.reaching())

    def place_breaks(self, plan: list[tuple[int, int]]) -> set[int]:
        """Adds ``plan``'s (shift, agents), placing each agent's break where the plan's cover
        can spare it (every slot of the break above its target), the shifts whose break
        windows close first placed first; a break no slot can spare goes where the most is
        spare, and :meth:`fill` covers what it leaves short. Returns the slots it left short."""
        m, n, target = self.m, self.m.slots, self.m.target
        cover = self.cover[:]  # the plan's cover as if nobody took a break, less each break placed
        for j, agents in plan:
            for k in range(m.span[j]):
                cover[(m.start[j] + k) % n] += agents
        placed: dict[tuple[int, int], int] = {}
        for j, agents in sorted(plan, key=lambda p: (m.start[p[0]] + m.offsets[p[0]][-1], p[0])):
            s, away = m.start[j], m.away[j]
            for _agent in range(agents):
                def spare(o: int) -> int:
                    return min(cover[(s + k) % n] - target[(s + k) % n] for k in range(o, o + away)) if away else 1
                fits = [o for o in m.offsets[j] if spare(o) >= 1]
                offset = fits[0] if fits else max(m.offsets[j], key=spare)
                placed[(j, offset)] = placed.get((j, offset), 0) + 1
                for k in range(offset, offset + away):
                    cover[(s + k) % n] -= 1
        for column, agents in placed.items():
            self.add(column, agents)
        lacking = {t for t in range(n) if self.cover[t] < target[t]}
        self.fill(self.reaching())
        return lacking

    def eject(self, starting: list[list[int]]) -> None:
        """Tries to make shifts unneeded: for every slot where a shift is the last agent the
        target needs, another agent starting nearby moves (to a shift of the same or lower pay
        starting up to :data:`EJECT_HOURS` away, any break) onto the slot without leaving any
        slot short; when all the shift's slots are over their target, it goes. Moves that do
        not free a shift are undone. Shifts with more than :data:`EJECT_TIGHT` such slots are
        not tried (freeing them is unlikely, and the search would cost the most)."""
        m, n, cover, target = self.m, self.m.slots, self.cover, self.m.target
        start, span, away, paid, offsets = m.start, m.span, m.away, m.paid, m.offsets
        reach = EJECT_HOURS * 60 // m.grid
        near = max(span) + reach

        def inside(column: tuple[int, int], u: int) -> bool:
            j, o = column
            d = (u - start[j]) % n
            return d < span[j] and not o <= d < o + away[j]

        order = sorted(self.agents, key=lambda c: (-paid[c[0]], c))
        for column in order:
            if column not in self.agents:
                continue
            mine = self.covers(column)
            tight = [t for t in mine if cover[t] <= target[t]]
            if len(tight) > EJECT_TIGHT:
                continue
            moved: list[tuple[tuple[int, int], tuple[int, int]]] = []
            for t in tight:
                if cover[t] > target[t]:
                    continue  # an earlier move covered it too
                found = None
                for other in self.agents:
                    if other == column or (t - start[other[0]]) % n > near and (start[other[0]] - t) % n > reach:
                        continue
                    if inside(other, t):
                        continue
                    j = other[0]
                    leaving = self.covers(other)
                    for k in range(-reach, reach + 1):
                        for jj in starting[(start[j] + k) % n]:
                            if paid[jj] > paid[j] or not (t - start[jj]) % n < span[jj]:
                                continue
                            for o in offsets[jj]:
                                new = (jj, o)
                                if inside(new, t) and all(
                                        inside(new, u) or cover[u] - target[u] >= (2 if inside(column, u) else 1)
                                        for u in leaving):
                                    found = (other, new)
                                    break
                            if found:
                                break
                        if found:
                            break
                    if found:
                        break
                if not found:
                    break
                self.add(found[0], -1)
                self.add(found[1], 1)
                moved.append(found)
            if all(cover[t] > target[t] for t in mine):
                self.add(column, -1)
            else:
                for before, after in reversed(moved):
                    self.add(after, -1)
                    self.add(before, 1)

    def reaching(self) -> list[int]:
        """The shifts that span a slot still short of its target (what :meth:`fill` may add)."""
        m, n = self.m, self.m.slots
        short = [t for t in range(n) if self.cover[t] < m.target[t]]
        if not short:
            return []
        starts = {(t - back) % n for t in short for back in range(max(m.span))}
        return [j for j in range(len(m.start)) if m.start[j] in starts]  # some only near: fill drops those

    def _break(self, j: int, short: list[int], flags: list[int]) -> int:
        """The break offset of one more agent on shift ``j``: over the fewest short slots,
        then the smallest shortfall, then nearest the middle."""
        m = self.m
        offsets = m.offsets[j]
        if len(offsets) == 1:
            return offsets[0]
        s, away, n = m.start[j], m.away[j], m.slots
        middle = (m.span[j] - away) / 2
        return min(offsets, key=lambda o: (sum(flags[s + o:s + o + away]),
                                           sum(short[(s + o + k) % n] for k in range(away)), abs(o - middle)))

    def trim(self) -> None:
        """Removes agents every slot they cover can spare, the costliest shifts first."""
        m, cover, target = self.m, self.cover, self.m.target
        for column in sorted(self.agents, key=lambda c: (-m.paid[c[0]], c)):
            spare = min(cover[t] - target[t] for t in self.covers(column))
            if spare > 0:
                self.add(column, -min(spare, self.agents[column]))

    def rebreak(self) -> None:
        """Moves breaks to where the cover can best spare them (it never leaves a slot short),
        so that :meth:`trim` may find more to remove."""
        m, cover, target = self.m, self.cover, self.m.target
        for column in sorted(self.agents):
            j, here = column
            if len(m.offsets[j]) == 1:
                continue
            s, away, n = m.start[j], m.away[j], m.slots
            for _agent in range(self.agents.get(column, 0)):
                def spare(o: int) -> int:
                    return min(cover[(s + k) % n] - target[(s + k) % n] for k in range(o, o + away)
                               if not here <= k < here + away) if o != here else 0
                best = max(m.offsets[j], key=lambda o: (spare(o), -abs(o - here)))
                if best == here or spare(best) < 1:
                    break
                self.add(column, -1)
                self.add((j, best), 1)


EJECT_HOURS = 2  # how far a shift may move to free another
EJECT_TIGHT = 16  # slots a shift may be the last agent on and still be tried
BREAK_ATTEMPTS = 2  # plans made again with more cover where breaks found no room
MAX_PAIRING = 80  # rises paired by the Hungarian method at once (its work grows with the cube); beyond, in order


def _pairs(rises: list[int], falls: list[int], cheapest: list[int]) -> list[tuple[int, int]]:
    """(rise, fall) pairs, each fall after its rise, with the least total ``cheapest`` of
    their lengths: the Hungarian method (Kuhn 1955; potentials as in Jonker and Volgenant)."""
    size = len(rises)
    if size > MAX_PAIRING:
        return list(zip(rises, falls))  # first in, first out: always valid
    never = cheapest[-1] * (size + 1) + 1
    cost = [[cheapest[b - a] if b > a else never for b in falls] for a in rises]
    u, v = [0] * (size + 1), [0] * (size + 1)
    owner = [0] * (size + 1)  # owner[column] = the row matched to it (1-based; 0: none)
    for row in range(1, size + 1):
        owner[0] = row
        column = 0
        least = [math.inf] * (size + 1)
        via = [0] * (size + 1)
        used = [False] * (size + 1)
        while owner[column]:
            used[column] = True
            here, delta, nearest = owner[column], math.inf, 0
            costs = cost[here - 1]
            for k in range(1, size + 1):
                if not used[k]:
                    reduced = costs[k - 1] - u[here] - v[k]
                    if reduced < least[k]:
                        least[k], via[k] = reduced, column
                    if least[k] < delta:
                        delta, nearest = least[k], k
            for k in range(size + 1):
                if used[k]:
                    u[owner[k]] += delta
                    v[k] -= delta
                else:
                    least[k] -= delta
            column = nearest
        while column:
            back = via[column]
            owner[column] = owner[back]
            column = back
    return [(rises[owner[k] - 1], falls[k - 1]) for k in range(1, size + 1)]


def _latest(m: Model, starting: list[list[int]]) -> list[list[int]]:
    """Per slot: of each length, the shift that starts latest while spanning the slot."""
    found = []
    longest = max(m.span)
    for t in range(m.slots):
        each: dict[int, int] = {}
        for back in range(longest):
            for j in starting[(t - back) % m.slots]:
                if back < m.span[j] and m.paid[j] not in each:
                    each[m.paid[j]] = j
        found.append(list(each.values()))
    return found


def _by_start(m: Model) -> list[list[int]]:
    found: list[list[int]] = [[] for _ in range(m.slots)]
    for j, s in enumerate(m.start):
        found[s].append(j)
    return found


@functools.lru_cache(maxsize=4)
def solve(m: Model) -> tuple[tuple[tuple[int, int], int], ...]:
    """((shift, break offset), agents) of a roster covering ``m.target`` with few paid minutes
    (see the module's docstring for the method); the same model always gives the same roster."""
    starting = _by_start(m)
    latest = _latest(m, starting)
    rosters = []
    if any(m.away):
        # As if nobody took a break, then the breaks placed where that cover can spare them;
        # where it cannot, the plan asks for one agent more there and is made again.
        bumped = list(m.target)
        for _attempt in range(BREAK_ATTEMPTS):
            plain = dataclasses.replace(m, target=tuple(bumped), away=(0,) * len(m.away),
                                        offsets=((0,),) * len(m.away))
            lacking: set[int] = set()
            for build_plain in (lambda r: r.sweep(latest), lambda r: r.runs(latest)):
                without = _Roster(plain)
                build_plain(without)
                without.trim()
                roster = _Roster(m)
                lacking |= roster.place_breaks([(j, n) for (j, _o), n in without.agents.items()])
                roster.trim()
                roster.rebreak()
                roster.trim()
                rosters.append(roster)
            if not lacking:
                break
            for t in lacking:
                bumped[t] += 1
    for build_up in (lambda r: r.sweep(latest), lambda r: r.runs(latest)):
        roster = _Roster(m)
        build_up(roster)
        roster.trim()
        roster.rebreak()
        roster.trim()
        rosters.append(roster)
    best = min(rosters, key=lambda r: r.paid())
    best.eject(starting)
    best.trim()
    return tuple(sorted(best.agents.items()))


# ------------------------------------------------------------------- the people


def people(per_day: list[int], days_per_week: int) -> tuple[int, tuple[tuple[tuple[int, ...], int], ...]]:
    """(agents needed, ((working days, agents), ...)) for ``per_day`` shifts on Mon..Sun,
    each agent working at most ``days_per_week`` days, one shift a day.

    The fewest agents is the larger of the busiest day and ⌈shifts ÷ days a week⌉ (by
    McNaughton's wrap-around rule that many always suffice). Agents are given their days one
    by one: the days every remaining agent must work, then a run of consecutive days (so the
    days off are consecutive) among the days still to staff, the busiest run first;
    where no run fits, the busiest days.

    >>> people([2, 2, 2, 2, 2, 0, 0], 5)
    (2, (((0, 1, 2, 3, 4), 2),))
    >>> people([3, 3, 3, 3, 3, 3, 3], 5)[0]  # 21 shifts ÷ 5 days: 5 agents
    5
    """
    left = list(per_day)
    needed = max(max(left, default=0), -(-sum(left) // days_per_week))
    patterns: dict[tuple[int, ...], int] = {}
    for agent in range(needed):
        remaining = needed - agent
        forced = {d for d in range(7) if left[d] == remaining}
        open_days = [d for d in range(7) if left[d]]
        size = min(days_per_week, len(open_days))
        best = None
        for first in range(7):
            block = {(first + k) % 7 for k in range(size)}
            if forced <= block and all(left[d] for d in block):
                score = sum(left[d] for d in block)
                if best is None or score > best[0]:
                    best = (score, block)
        if best is not None:
            days = best[1]
        else:
            days = set(forced) | set(sorted((d for d in open_days if d not in forced),
                                            key=lambda d: (-left[d], d))[:size - len(forced)])
        for d in days:
            left[d] -= 1
        key = tuple(sorted(days))
        patterns[key] = patterns.get(key, 0) + 1
    return needed, tuple(sorted(patterns.items(), key=lambda p: (-p[1], p[0])))


def _consecutive_off(days: tuple[int, ...]) -> bool:
    """Are the days not worked one run in the repeating week?"""
    off = [d for d in range(7) if d not in days]
    return len(off) <= 1 or sum(1 for d in off if (d + 1) % 7 not in off) == 1


# ------------------------------------------------------------------- the result


@dataclass(frozen=True)
class Shift:
    day: str
    start: str
    end: str
    hours: float
    break_start: str | None
    agents: int


@dataclass(frozen=True)
class Covered:
    day: str
    start: str
    required: int
    scheduled: int
    reason: str | None  # why scheduled < required; None when covered


@dataclass(frozen=True)
class Result:
    shifts: tuple[Shift, ...]
    coverage: tuple[Covered, ...]
    required_agent_hours: float
    scheduled_agent_hours: float
    agents_needed: int
    patterns: tuple[tuple[tuple[int, ...], int], ...]
    fte: float
    lengths_used: tuple[float, ...]
    lengths_unused: tuple[float, ...]
    grid: int


def _clock(minute: int) -> str:
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"


def compute(i: Inputs) -> Result:
    needs = requirement(i.requirement, i.interval_minutes)
    lengths, _problem = shift_lengths(i.shift_hours)
    m = build(i, needs, lengths)
    roster = solve(m)
    cover = [0] * m.slots
    for (j, offset), agents in roster:
        for t in m.covers(j, offset):
            cover[t] += agents
    per = i.interval_minutes // m.grid
    first, length = window(i)
    outside = (f"outside the shift window ({i.earliest_start.strip()} to {i.latest_end.strip()}"
               f"{'' if set(m.lengths_used) == set(lengths) else ', for the lengths that fit it'})")
    coverage = []
    for need in needs:
        cells = range((need.weekday * 1440 + need.minute) // m.grid, (need.weekday * 1440 + need.minute) // m.grid + per)
        scheduled = min(cover[t] for t in cells)
        coverage.append(Covered(need.day, need.start, need.agents, scheduled,
                                outside if scheduled < need.agents else None))
    shifts = []
    for (j, offset), agents in sorted(roster, key=lambda item: (m.day[item[0][0]], m.clock[item[0][0]], -m.paid[item[0][0]], item[0][1])):
        clock = m.clock[j]
        shifts.append(Shift(DAYS[m.day[j]], _clock(clock), _clock(clock + m.span[j] * m.grid), m.paid[j] / 60,
                            _clock(clock + offset * m.grid) if m.away[j] else None, agents))
    per_day = [0] * 7
    for (j, _offset), agents in roster:
        per_day[m.day[j]] += agents
    needed, patterns = people(per_day, i.days_per_week)
    scheduled_hours = math.fsum(s.hours * s.agents for s in shifts)
    return Result(
        shifts=tuple(shifts),
        coverage=tuple(coverage),
        required_agent_hours=math.fsum(n.agents for n in needs) * i.interval_minutes / 60,
        scheduled_agent_hours=scheduled_hours,
        agents_needed=needed,
        patterns=patterns,
        fte=scheduled_hours / (1 - i.shrinkage_percent / 100) / i.hours_per_fte_week,
        lengths_used=m.lengths_used,
        lengths_unused=tuple(h for h in lengths if h not in m.lengths_used),
        grid=m.grid,
    )


def _days_text(days: tuple[int, ...]) -> str:
    """Mon–Fri for a run, Mon, Wed, Fri otherwise (a run may wrap past Sunday)."""
    if len(days) == 7:
        return "every day"
    for first in days:
        run = [(first + k) % 7 for k in range(len(days))]
        if sorted(run) == list(days):
            return DAYS[run[0]] if len(run) == 1 else f"{DAYS[run[0]]}–{DAYS[run[-1]]}"
    return ", ".join(DAYS[d] for d in days)


def outputs(r: Result) -> dict[str, Any]:
    return {
        "shifts": [{"day": s.day, "start": s.start, "hours": s.hours, "agents": s.agents, "end": s.end,
                    "break_start": s.break_start} for s in r.shifts],
        "coverage": [{"day": c.day, "start": c.start, "required": c.required, "scheduled": c.scheduled}
                     for c in r.coverage],
        "required_agent_hours": r.required_agent_hours,
        "scheduled_agent_hours": r.scheduled_agent_hours,
        "efficiency_percent": (r.required_agent_hours / r.scheduled_agent_hours * 100) if r.scheduled_agent_hours else None,
        "short_intervals": [{"day": c.day, "start": c.start, "required": c.required, "scheduled": c.scheduled,
                             "reason": c.reason} for c in r.coverage if c.reason],
        "agents_needed": r.agents_needed,
        "work_patterns": [{"days": [DAYS[d] for d in days], "agents": n, "days_off_together": _consecutive_off(days)}
                          for days, n in r.patterns],
        "fte": r.fte,
        "shift_count": sum(s.agents for s in r.shifts),
    }


# ------------------------------------------------------------------- for people


def _hours(value: float) -> str:
    return number(round(value, 1))


def _chart(r: Result) -> render.CoverageChart:
    return render.CoverageChart(
        "Required and scheduled agents, interval by interval over the week (short intervals marked)",
        tuple(f"{c.day} {c.start}" for c in r.coverage),
        tuple(c.required for c in r.coverage),
        tuple(c.scheduled for c in r.coverage),
    )


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
    short = out["short_intervals"]
    summary = (
        f"{number(out['shift_count'])} shifts a week, {_hours(r.scheduled_agent_hours)} paid agent hours, cover the "
        f"{_hours(r.required_agent_hours)} hours the requirement asks for: an efficiency of "
        f"{_pct(out['efficiency_percent'])}.",
        f"Working them takes {text.plural(r.agents_needed, 'agent', 'agents')} on up to "
        f"{text.plural(i.days_per_week, 'day', 'days')} a week, or {number(round(r.fte, 1))} FTE once "
        f"{number(i.shrinkage_percent)}% shrinkage is allowed for.",
    )
    if short:
        summary += (f"{text.plural(len(short), 'interval stays', 'intervals stay')} short: "
                    f"{short[0]['reason']}; see the table of short intervals.",)
    rows = (
        render.measure("Shifts in the week", out, "shift_count", number),
        render.measure("Required agent hours", out, "required_agent_hours", _hours),
        render.measure("Scheduled (paid) agent hours", out, "scheduled_agent_hours", _hours),
        render.measure("Schedule efficiency", out, "efficiency_percent", _pct),
        render.measure("Agents needed to work the shifts", out, "agents_needed"),
        render.measure("FTE to schedule (with shrinkage)", out, "fte", lambda v: number(round(v, 1))),
    )
    tables = [render.table("The roster at a glance", ("Measure", "Value"), rows)]
    tables.append(render.table(
        "Shifts by day and start (one row per shift, for a workforce tool)",
        ("Day", "Start", "End", "Paid hours", "Break starts", "Agents"),
        [(render.cell(s.day), render.cell(s.start), render.cell(s.end), render.cell(number(s.hours)),
          render.cell(s.break_start or "–"), render.shown(out, f"shifts.{n}.agents")) for n, s in enumerate(r.shifts)],
        wide=True,
    ))
    tables.append(render.table(
        "Working days of the agents",
        ("Days worked", "Agents", "Days off together"),
        [(render.cell(_days_text(days)), render.cell(n), render.cell("yes" if _consecutive_off(days) else "no"))
         for days, n in r.patterns],
    ))
    if short:
        tables.append(render.table(
            "Intervals left short", ("Day", "Start", "Required", "Scheduled", "Why"),
            [(render.cell(s["day"]), render.cell(s["start"]), render.cell(s["required"]), render.cell(s["scheduled"]),
              render.cell(s["reason"])) for s in short],
        ))
    tables.append(render.table(
        "Coverage interval by interval (one row per interval, for a workforce tool)",
        ("Day", "Start", "Required", "Scheduled", "Short"),
        [(render.cell(c.day), render.cell(c.start), render.cell(c.required), render.cell(c.scheduled),
          render.cell("yes" if c.reason else "")) for c in r.coverage],
        wide=True,
    ))
    notes = [
        f"Paid hours are what the roster costs: vendors bill scheduled hours, and an in-house team is hired for shifts. "
        f"Efficiency is required hours ÷ paid hours.",
        f"Shifts of {number(BREAK_FROM_HOURS)} paid hours or more carry one unpaid {number(i.break_minutes)}-minute "
        f"break in the middle third, placed by the planner; agents on break do not count in that interval."
        if i.break_minutes else "No breaks are planned (Unpaid break is 0).",
        "The week repeats: a shift that starts late on Sunday covers Monday's first hours (our assumption).",
        "The roster is found by a fast method that runs in your browser, not by an exact optimizer: on the site's test "
        "cases it pays at most a few percent more hours than the optimum (see Method).",
    ]
    if r.lengths_unused:
        notes.append(f"Shifts of {', '.join(number(h) for h in r.lengths_unused)} hours do not fit the window and were "
                     "not used.")
    split = sum(n for days, n in r.patterns if not _consecutive_off(days))
    if split:
        notes.append(f"{text.plural(split, 'agent has', 'agents have')} days off apart: the days to staff leave no "
                     "run of consecutive days for them.")
    fte = round(r.fte, 2)
    links = (
        render.Link(f"Cost this roster: {number(fte)} FTE in the cost calculator", "cost", (("staffed_fte", fte),)),
        render.Link(f"Cost this roster over a contract (business case)", "business_case", (("staffed_fte", fte),)),
    )
    return render.Report(summary=summary, tables=tuple(tables), notes=tuple(notes), links=links, charts=(_chart(r),))


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"
