"""Shifts: paid hours against the optimum SciPy's MILP solver (HiGHS) finds for the same
covering model, coverage recounted from the roster, hand-worked rosters and the messages.

The oracle builds the integer program from the calculator's own list of columns (each
shift with each break position it may take) and the per-slot targets: minimise paid minutes
subject to every slot's cover reaching its target. That the list of columns is right is
checked on its own below (break positions by hand, starts inside the window)."""
from __future__ import annotations

import math

import pytest

import calculators
from calculators import shifts

np = pytest.importorskip("numpy")
optimize = pytest.importorskip("scipy.optimize")
sparse = pytest.importorskip("scipy.sparse")

GAP = 0.03  # the bound: at most 3% more paid hours than the optimum
MILP_SECONDS = 20  # HiGHS's time limit per case; every case below is proved optimal well within it


def table(agents, interval: int = 30, days=range(7)) -> str:
    """A requirement table: agents(day index, minute after midnight) for every interval."""
    lines = ["day,start,agents"]
    for day in days:
        for minute in range(0, 1440, interval):
            need = agents(day, minute)
            if need:
                lines.append(f"{shifts.DAYS[day]},{minute // 60:02d}:{minute % 60:02d},{need}")
    return "\n".join(lines)


def flat(day, minute):
    return 5 if day < 5 and 9 * 60 <= minute < 17 * 60 else 0


def peaked(day, minute):
    if day >= 6 or not 7 * 60 <= minute < 21 * 60:
        return 0
    hour = minute / 60
    return max(1, round(12 * math.exp(-((hour - 11) / 2.5) ** 2) + 8 * math.exp(-((hour - 15) / 2) ** 2) + 2))


def split_peaks(day, minute):
    if day >= 5 or not 6 * 60 <= minute < 22 * 60:
        return 0
    hour = minute / 60
    return max(1, round(9 * math.exp(-((hour - 9) / 1.5) ** 2) + 9 * math.exp(-((hour - 18) / 1.5) ** 2) + 1))


def weekend_light(day, minute):
    if not 8 * 60 <= minute < 20 * 60:
        return 0
    return (3 if day >= 5 else 10) - (2 if minute >= 17 * 60 else 0)


def round_the_clock(day, minute):
    return max(1, round((9 if day < 5 else 4) * (0.3 + 0.7 * math.sin(math.pi * minute / 1440) ** 2)))


CASES = {
    "flat, 8 h with breaks": (flat, {"shift_hours": "8"}),
    "flat, 8 h without breaks": (flat, {"shift_hours": "8", "break_minutes": 0}),
    "peaked, 8 h with breaks": (peaked, {"shift_hours": "8"}),
    "peaked, three lengths with breaks": (peaked, {"shift_hours": "8, 6, 4"}),
    "peaked, three lengths without breaks": (peaked, {"shift_hours": "8, 6, 4", "break_minutes": 0}),
    "split peaks, 8 h with breaks": (split_peaks, {"shift_hours": "8"}),
    "split peaks, three lengths with breaks": (split_peaks, {"shift_hours": "8, 6, 4"}),
    "weekend-light, three lengths without breaks": (weekend_light, {"shift_hours": "8, 6, 4", "break_minutes": 0}),
    "15-minute peaked, 8 h with breaks": (peaked, {"shift_hours": "8", "interval_minutes": 15,
                                                   "start_step_minutes": 15, "earliest_start": "06:00",
                                                   "latest_end": "22:00"}),
    "15-minute split peaks, three lengths": (split_peaks, {"shift_hours": "8, 6, 4", "interval_minutes": 15,
                                                           "start_step_minutes": 30, "earliest_start": "05:00",
                                                           "latest_end": "23:00"}),
    "round the clock, week wraps, 8 h": (round_the_clock, {"shift_hours": "8", "interval_minutes": 60,
                                                           "start_step_minutes": 60, "break_minutes": 0}),
    "window 08:00-18:00, one length": (weekend_light, {"shift_hours": "8", "earliest_start": "08:00",
                                                       "latest_end": "18:00", "break_minutes": 0}),
}


def model_of(agents, inputs):
    typed, errors = shifts.read({"requirement": table(agents, inputs.get("interval_minutes", 30)), **inputs})
    assert not errors, errors
    lengths, _ = shifts.shift_lengths(typed.shift_hours)
    return typed, shifts.build(typed, shifts.requirement(typed.requirement, typed.interval_minutes), lengths)


def optimum(m: shifts.Model, relax: bool = False):
    """The least paid minutes covering m.target (HiGHS's MILP, or its LP relaxation)."""
    columns = m.columns()
    rows, cols = [], []
    for k, (j, offset) in enumerate(columns):
        for t in m.covers(j, offset):
            rows.append(t)
            cols.append(k)
    a = sparse.csc_matrix((np.ones(len(rows)), (rows, cols)), shape=(m.slots, len(columns)))
    cost = np.array([m.paid[j] for j, _o in columns], dtype=float)
    found = optimize.milp(cost, constraints=optimize.LinearConstraint(a, lb=np.array(m.target, dtype=float)),
                          integrality=None if relax else np.ones_like(cost), bounds=optimize.Bounds(0, np.inf),
                          options={"time_limit": MILP_SECONDS})
    assert found.status == 0, found.message  # proved optimal within the time limit
    return found.fun


def recount(out, interval: int) -> dict[tuple[str, str], int]:
    """Agents on shift and not on break in each interval, from the roster's own rows."""
    minute_of = lambda day, clock: shifts.DAYS.index(day) * 1440 + int(clock[:2]) * 60 + int(clock[3:])  # noqa: E731
    present = [0] * (7 * 1440)
    for s in out["shifts"]:
        begin = minute_of(s["day"], s["start"])
        away = 0 if s["break_start"] is None else (minute_of(s["day"], s["break_start"]) - begin) % (7 * 1440)
        span = round(s["hours"] * 60) + (0 if s["break_start"] is None else BREAK[0])
        for k in range(span):
            if s["break_start"] is None or not away <= k < away + BREAK[0]:
                present[(begin + k) % (7 * 1440)] += s["agents"]
    return {(shifts.DAYS[w], f"{m // 60:02d}:{m % 60:02d}"): min(present[w * 1440 + m:w * 1440 + m + interval])
            for w in range(7) for m in range(0, 1440, interval)}


BREAK = [30]
GAPS: dict[str, float] = {}  # case -> gap to the optimum, printed at the end of the run


@pytest.mark.parametrize("case", list(CASES))
def test_paid_hours_within_three_percent_of_the_optimum(case):
    agents, inputs = CASES[case]
    typed, m = model_of(agents, inputs)
    result = calculators.run("shifts", {"requirement": table(agents, typed.interval_minutes), **inputs})
    out = result["outputs"]
    best = optimum(m)
    paid = out["scheduled_agent_hours"] * 60
    GAPS[case] = paid / best - 1
    print(f"{case}: {paid / 60:.1f} paid hours, optimum {best / 60:.1f}, gap {100 * (paid / best - 1):.2f}%")
    assert paid >= best - 1e-6  # never better than the optimum: the two solve the same model
    assert paid <= best * (1 + GAP), f"{case}: {paid / 60} paid hours against the optimum's {best / 60}"
    # Coverage, counted again from the roster: never below the requirement where the window allows.
    BREAK[0] = typed.break_minutes
    counted = recount(out, typed.interval_minutes)
    short = {(s["day"], s["start"]) for s in out["short_intervals"]}
    for c in out["coverage"]:
        assert counted[(c["day"], c["start"])] == c["scheduled"], c
        if (c["day"], c["start"]) not in short:
            assert c["scheduled"] >= c["required"], c


def test_a_full_fifteen_minute_week_against_the_lp_bound():
    # 672 intervals, three lengths, a 15-minute step: too large for the MILP in a test's time,
    # so the oracle is the LP relaxation's optimum, a lower bound on the integer optimum.
    agents = lambda day, minute: 3 * round_the_clock(day, minute)  # noqa: E731  a larger team: a tighter bound
    inputs = {"shift_hours": "8, 6, 4", "interval_minutes": 15, "start_step_minutes": 15}
    typed, m = model_of(agents, inputs)
    out = calculators.run("shifts", {"requirement": table(agents, 15), **inputs})["outputs"]
    bound = optimum(m, relax=True)
    paid = out["scheduled_agent_hours"] * 60
    print(f"672 intervals: {paid / 60:.1f} paid hours, LP bound {bound / 60:.1f}, gap {100 * (paid / bound - 1):.2f}%")
    assert len(out["coverage"]) == 672 and not out["short_intervals"]
    assert paid <= bound * (1 + GAP)


def test_hand_worked_roster():
    # Mon 08:00-16:00 needs 2 agents in every half hour. 8-hour shifts without breaks: two agents
    # at 08:00 cover it exactly: 16 paid hours = 16 required, efficiency 100%; 2 people;
    # FTE 16 / (1 - 0.30) / 40 = 0.5714.
    week = "day,start,agents\n" + "\n".join(f"Mon,{h:02d}:{m:02d},2" for h in range(8, 16) for m in (0, 30))
    out = calculators.run("shifts", {"requirement": week, "break_minutes": 0})["outputs"]
    assert [(s["day"], s["start"], s["end"], s["hours"], s["agents"]) for s in out["shifts"]] == [
        ("Mon", "08:00", "16:00", 8.0, 2)]
    assert out["required_agent_hours"] == 16 and out["scheduled_agent_hours"] == 16
    assert out["efficiency_percent"] == 100
    assert out["agents_needed"] == 2
    assert out["fte"] == pytest.approx(16 / 0.7 / 40)


def test_breaks_spread_so_one_extra_agent_covers_them():
    # 5 agents needed Mon 09:00-17:00 (16 half hours); 8 paid hours + a 30-minute break spans
    # 8.5 hours. Five agents can cover at most 15 of the 16 half hours each, so 80 agent-half-
    # hours need at least 80 / 15 -> 6 agents: 6 × 8 = 48 paid hours, with the breaks on
    # different half hours.
    week = table(lambda day, minute: 5 if day == 0 and 540 <= minute < 1020 else 0)
    out = calculators.run("shifts", {"requirement": week})["outputs"]
    assert out["scheduled_agent_hours"] == 48
    assert out["efficiency_percent"] == pytest.approx(40 / 48 * 100)
    assert not out["short_intervals"]


def test_break_positions_lie_in_the_middle_third():
    # 8 paid hours + 30 minutes span 510 minutes; the middle third runs from 170 to 340, so a
    # 30-minute break starts at 180, 210, 240, 270 or 300 (on a 30-minute grid).
    assert shifts.break_offsets(510, 30, 30) == [180, 210, 240, 270, 300]
    # 6 hours + 45 minutes on a 15-minute grid: 405 minutes, third 135 to 270 -> 135 .. 225.
    assert shifts.break_offsets(405, 45, 15) == [135, 150, 165, 180, 195, 210, 225]


def test_shifts_start_inside_the_window_and_wrap_past_sunday():
    typed, m = model_of(flat, {"earliest_start": "07:00", "latest_end": "19:00", "shift_hours": "8, 4"})
    for j in range(len(m.start)):
        begins = m.clock[j]
        ends = begins + m.span[j] * m.grid
        assert 7 * 60 <= begins and ends <= 19 * 60
    # Round the clock, a Sunday 20:00 8-hour shift (no break) covers Monday 00:00-04:00.
    week = "day,start,agents\n" + "\n".join(
        [f"Sun,{h:02d}:00,1" for h in range(20, 24)] + [f"Mon,{h:02d}:00,1" for h in range(0, 4)])
    out = calculators.run("shifts", {"requirement": week, "interval_minutes": 60, "break_minutes": 0,
                                     "start_step_minutes": 60})["outputs"]
    assert [(s["day"], s["start"], s["end"]) for s in out["shifts"]] == [("Sun", "20:00", "04:00")]
    assert out["scheduled_agent_hours"] == 8


def test_requirement_outside_the_window_is_listed_with_the_reason():
    week = "day,start,agents\nMon,06:00,2\nMon,09:00,3\nMon,09:30,3"
    out = calculators.run("shifts", {"requirement": week, "earliest_start": "08:00", "latest_end": "18:00",
                                     "shift_hours": "8", "break_minutes": 0})["outputs"]
    assert [(s["day"], s["start"], s["required"], s["scheduled"]) for s in out["short_intervals"]] == [
        ("Mon", "06:00", 2, 0)]
    assert "outside the shift window (08:00 to 18:00" in out["short_intervals"][0]["reason"]
    assert out["scheduled_agent_hours"] == 24  # 3 agents × 8 hours for the two intervals inside it


def test_people_on_five_days_with_days_off_together():
    # 10 shifts Mon-Fri: 2 agents on Mon-Fri. 3 shifts every day: 21 / 5 -> 5 agents (max(3, 5)).
    assert shifts.people([2, 2, 2, 2, 2, 0, 0], 5) == (2, (((0, 1, 2, 3, 4), 2),))
    needed, patterns = shifts.people([3] * 7, 5)
    assert needed == 5
    worked = [0] * 7
    for days, count in patterns:
        assert len(days) <= 5
        for d in days:
            worked[d] += count
    assert worked == [3] * 7
    assert all(shifts._consecutive_off(days) for days, _n in patterns)


def test_the_week_plans_csv_export_is_read_as_a_requirement():
    plan = calculators.run("week_plan", {})
    out = calculators.run("shifts", {"requirement": plan["csv"]})
    assert out["ok"], out.get("errors")
    expected = {(i["day"], i["start"]): i["agents"] for i in plan["outputs"]["intervals"] if i["agents"]}
    assert {(c["day"], c["start"]): c["required"] for c in out["outputs"]["coverage"] if c["required"]} == expected


@pytest.mark.parametrize(("inputs", "key", "words"), [
    ({"requirement": "day,start,contacts\nMon,09:00,3"}, "requirement", "no column called “agents”"),
    ({"requirement": "%PDF-1.7 binary"}, "requirement", "PDF"),
    ({"requirement": "day,start,agents\nMon,09:00,three"}, "requirement", "not a number of agents"),
    ({"requirement": "day,start,agents\nMon,09:00,-1"}, "requirement", "cannot be negative"),
    ({"requirement": "created_at,agents\n2026-03-02 09:00,1"}, "requirement", "not a requirement table"),
    ({"shift_hours": "12", "earliest_start": "08:00", "latest_end": "18:00"}, "shift_hours", "No shift length fits"),
    ({"shift_hours": "6", "break_minutes": 240}, "break_minutes", "does not fit in the middle third"),
    ({"shift_hours": "8, 7.3"}, "shift_hours", "whole quarter hours"),
    ({"shift_hours": ""}, "shift_hours", "empty"),
    ({"earliest_start": "8 am"}, "earliest_start", "HH:MM"),
    ({"latest_end": "25:00"}, "latest_end", "HH:MM"),
    ({"interval_minutes": 20}, "interval_minutes", "15, 30 or 60"),
    ({"break_minutes": 20}, "break_minutes", "quarter hours"),
])
def test_bad_input_gets_a_message_by_the_field(inputs, key, words):
    result = calculators.run("shifts", inputs)
    assert not result["ok"]
    assert words in result["errors"][key], result["errors"]


def test_the_roster_links_to_cost_and_the_business_case_with_its_fte():
    result = calculators.run("shifts", {})
    fte = round(result["outputs"]["fte"], 2)
    assert f'href="../cost/?cost.staffed_fte={fte}"' in result["html"]
    assert f'data-site-path="calculators/business_case/?business_case.staffed_fte={fte}"' in result["html"]
