"""The rollout planner: working backwards from the trained-by date, the 90-day phases,
validation messages and the calendar file. Every expected value is worked by hand in the
comment beside it."""
from __future__ import annotations

import datetime as dt

import pytest

from calculators.rollout import Backwards, lead_days, work_backwards

D = dt.date.fromisoformat


# ----------------------------------------------------------------- work_backwards


def test_lead_days_round_up_to_whole_days():
    assert lead_days(3) == 21  # 3 × 7
    assert lead_days(1.5) == 11  # 10.5 rounded up
    assert lead_days(0) == 0
    assert lead_days(0.1) == 1  # 0.7 rounded up: a lead time is never shortened


def test_work_backwards_worked_example_dates_that_work():
    # 2027-01-04 − 21 days = 2026-12-14; 2026-12-14 − 28 days = 2026-11-16.
    got = work_backwards(D("2027-01-04"), 3, 4, today=D("2026-11-01"))
    assert got == Backwards(D("2026-12-14"), D("2026-11-16"), ())


def test_work_backwards_on_the_last_day_is_still_on_time():
    got = work_backwards(D("2027-01-04"), 3, 4, today=D("2026-11-16"))
    assert got.problems == ()


def test_work_backwards_recruiting_too_late():
    # Recruiting by 2026-11-16; on 2026-12-07 that was 21 days ago (14 in November + 7).
    got = work_backwards(D("2027-01-04"), 3, 4, today=D("2026-12-07"))
    assert got.problems == ("Recruiting would have had to start on 2026-11-16, 21 days ago.",)


def test_work_backwards_one_day_late_is_singular():
    got = work_backwards(D("2027-01-04"), 3, 4, today=D("2026-11-17"))
    assert got.problems == ("Recruiting would have had to start on 2026-11-16, 1 day ago.",)


def test_work_backwards_training_longer_than_time_left():
    # Trained by 2027-01-04, 6 weeks' training: start by 2026-11-23; recruiting 2 weeks
    # earlier, by 2026-11-09. On 2026-12-14 there are 21 days = 3 weeks left; recruiting
    # was due 21 + 14 = 35 days ago.
    got = work_backwards(D("2027-01-04"), 6, 2, today=D("2026-12-14"))
    assert got.start_training_by == D("2026-11-23")
    assert got.start_recruiting_by == D("2026-11-09")
    assert got.problems == (
        "Recruiting would have had to start on 2026-11-09, 35 days ago.",
        "Training (6 weeks) is longer than the 3 weeks left before the trained-by date.",
    )


def test_work_backwards_part_weeks_left_are_shown_to_one_decimal():
    # 2 weeks' training starts by 2027-01-04 − 14 = 2026-12-21 (no recruiting time, so
    # recruiting too); on 2026-12-25 that is 4 days ago, and 10 days are left before the
    # trained-by date: 10 / 7 = 1.43 -> "1.4 weeks".
    got = work_backwards(D("2027-01-04"), 2, 0, today=D("2026-12-25"))
    assert got.problems == (
        "Recruiting would have had to start on 2026-12-21, 4 days ago.",
        "Training (2 weeks) is longer than the 1.4 weeks left before the trained-by date.",
    )


def test_work_backwards_trained_by_date_already_passed():
    # 2027-01-09 is 5 days after 2027-01-04; recruiting was due 2026-11-16, 54 days before
    # (14 left in November + 31 in December + 9 in January).
    got = work_backwards(D("2027-01-04"), 3, 4, today=D("2027-01-09"))
    assert got.problems == (
        "Recruiting would have had to start on 2026-11-16, 54 days ago.",
        "The trained-by date, 2027-01-04, has already passed: it was 5 days ago.",
    )


def test_work_backwards_zero_lead_times_start_on_the_day():
    got = work_backwards(D("2027-01-04"), 0, 0, today=D("2027-01-04"))
    assert got == Backwards(D("2027-01-04"), D("2027-01-04"), ())


@pytest.mark.parametrize("weeks", [-1, float("nan"), float("inf"), 105])
def test_work_backwards_refuses_impossible_lead_times(weeks):
    with pytest.raises(ValueError):
        work_backwards(D("2027-01-04"), weeks, 1, today=D("2026-01-01"))
    with pytest.raises(ValueError):
        work_backwards(D("2027-01-04"), 1, weeks, today=D("2026-01-01"))


def test_work_backwards_before_year_one_is_a_value_error():
    with pytest.raises(ValueError):
        work_backwards(D("0001-01-10"), 104, 104, today=D("0001-01-01"))


def test_backwards_is_frozen():
    got = work_backwards(D("2027-01-04"), 3, 4, today=D("2026-11-01"))
    with pytest.raises(AttributeError):
        got.problems = ()  # type: ignore[misc]
