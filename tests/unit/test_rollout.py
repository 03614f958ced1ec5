"""The rollout planner: working backwards from the trained-by date, the 90-day phases,
validation messages and the calendar file. Every expected value is worked by hand in the
comment beside it."""
from __future__ import annotations

import datetime as dt

import pytest

import calculators
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


# ------------------------------------------------------------------ the calculator


def run(**inputs):
    return calculators.run("rollout", inputs)


EXAMPLE = {"start_date": "2027-01-04", "training_weeks": 3, "recruiting_weeks": 4, "today": "2026-11-01"}


def test_worked_example_phases_pilot_and_decision():
    out = run(**EXAMPLE)["outputs"]
    # Day n = 2027-01-04 + (n − 1). Day 30: Jan 4 + 29 = Jan 33 = Feb 2. Day 31: Feb 3.
    # Day 60: Feb 3 + 29 = Feb 32 = Mar 4 (February 2027 has 28 days). Day 61: Mar 5.
    # Day 90: Mar 5 + 29 = Mar 34 = Apr 3.
    assert [(p["name"], p["start"], p["end"], p["first_day"], p["last_day"]) for p in out["phases"]] == [
        ("foundation", "2027-01-04", "2027-02-02", 1, 30),
        ("stabilization", "2027-02-03", "2027-03-04", 31, 60),
        ("optimization", "2027-03-05", "2027-04-03", 61, 90),
    ]
    assert out["pilot_review_date"] == "2027-02-02"  # day 30, the pilot's last day
    assert out["decision_date"] == "2027-04-03"  # day 90
    # No trained-by date: agents are trained by the go-live date. 3 weeks = 21 days before
    # 2027-01-04 is 2026-12-14; 4 weeks = 28 days before that is 2026-11-16.
    assert out["trained_by_date"] == "2027-01-04"
    assert out["start_training_by"] == "2026-12-14"
    assert out["start_recruiting_by"] == "2026-11-16"
    assert out["dates_work"] is True and out["warnings"] == []


def test_phases_carry_the_guides_milestones():
    phases = run(**EXAMPLE)["outputs"]["phases"]
    text = [" ".join(p["milestones"]).lower() for p in phases]
    for word in ("shadow", "knowledge base", "macros", "escalation", "qa baseline", "standards"):
        assert word in text[0], word
    for word in ("weekly qa calibration", "staffing and schedules", "routing", "kpi", "training"):
        assert word in text[1], word
    for word in ("specialize", "top contact drivers", "cost", "expand", "adjust", "correct"):
        assert word in text[2], word


def test_trained_by_date_before_go_live():
    # Trained by 2026-12-28 (a week before go-live): training by 2026-12-28 − 21 = 2026-12-07,
    # recruiting by 2026-12-07 − 28 = 2026-11-09. The phases still start on go-live.
    out = run(**EXAMPLE, trained_by_date="2026-12-28")["outputs"]
    assert out["start_training_by"] == "2026-12-07"
    assert out["start_recruiting_by"] == "2026-11-09"
    assert out["phases"][0]["start"] == "2027-01-04"


def test_trained_by_date_on_go_live_is_accepted():
    assert run(**EXAMPLE, trained_by_date="2027-01-04")["ok"] is True


@pytest.mark.parametrize(("trained_by", "day", "in_training"), [
    # Day n = 2027-01-04 + (n − 1): 2027-01-11 is day 8, 2027-02-02 day 30 (the review),
    # 2027-02-03 day 31, 2027-04-03 day 90 (the last day accepted).
    ("2027-01-11", 8, False),
    ("2027-02-02", 30, False),
    ("2027-02-03", 31, True),
    ("2027-04-03", 90, True),
    # Before go-live, days count back from day 1: 2027-01-03 is day 0, 2026-12-28 day −6.
    ("2027-01-03", 0, False),
    ("2026-12-28", -6, False),
])
def test_trained_by_date_inside_the_first_90_days_is_accepted(trained_by, day, in_training):
    result = run(**EXAMPLE, trained_by_date=trained_by)
    assert result["ok"] is True
    out = result["outputs"]
    assert out["trained_by_date"] == trained_by
    assert out["trained_by_day"] == day
    assert out["in_training_at_pilot_review"] is in_training
    # The timeline stays the contract's: the pilot is days 1–30, reviewed on day 30.
    assert out["pilot_review_date"] == "2027-02-02"
    assert out["phases"][0]["start"] == "2027-01-04"


def test_training_after_go_live_works_backwards_from_the_trained_by_date():
    # Trained by 2027-02-15, day 2027-02-15 − 2027-01-04 + 1 = 43; 6 weeks' training starts
    # by 2027-02-15 − 42 = 2027-01-04 (day 1, on the job), recruiting 4 weeks before, by
    # 2027-01-04 − 28 = 2026-12-07. Still training on day 30: the summary says so plainly.
    result = run(start_date="2027-01-04", trained_by_date="2027-02-15", training_weeks=6, recruiting_weeks=4,
                 today="2026-11-01")
    out = result["outputs"]
    assert out["start_training_by"] == "2027-01-04"
    assert out["start_recruiting_by"] == "2026-12-07"
    assert out["trained_by_day"] == 43 and out["in_training_at_pilot_review"] is True
    assert out["dates_work"] is True
    assert result["markdown"].splitlines()[3] == (
        "Agents shadow and train on the job until Mon 15 Feb 2027 (day 43): start recruiting by Mon 7 Dec 2026 and "
        "training by Mon 4 Jan 2027. At the pilot review on day 30 they will still be in training, so judge the "
        "pilot on how training is going, not on a trained team's results.")
    assert 'data-output="in_training_at_pilot_review" data-value="true"' in result["html"]


def test_trained_by_after_go_live_and_late_warns_against_the_trained_by_date():
    # Trained by 2027-01-25 (day 22), 3 + 4 weeks: training by 2027-01-25 − 21 = 2027-01-04,
    # recruiting by 2027-01-04 − 28 = 2026-12-07. Seen from 2026-12-14 recruiting is 7 days
    # late; started that day, ready 2026-12-14 + 49 = 2027-02-01, 7 days after 2027-01-25.
    out = run(**{**EXAMPLE, "today": "2026-12-14"}, trained_by_date="2027-01-25")["outputs"]
    assert out["warnings"] == [
        "Recruiting would have had to start on 2026-12-07, 7 days ago.",
        "Recruiting and training started today would have agents ready on 2027-02-01, 7 days after the trained-by "
        "date. To keep the date, take 7 days out of recruiting and training together; otherwise move the "
        "trained-by date to 2027-02-01 or later.",
    ]


def test_dates_that_cannot_work_are_a_warning_not_a_refusal():
    # Seen from 2026-12-07: recruiting (due 2026-11-16) is 21 days late. Started today,
    # recruiting and training take 28 + 21 = 49 days: ready 2026-12-07 + 49 = 2027-01-25,
    # which is 21 days after the go-live date.
    result = run(**{**EXAMPLE, "today": "2026-12-07"})
    assert result["ok"] is True
    out = result["outputs"]
    assert out["dates_work"] is False
    assert out["warnings"] == [
        "Recruiting would have had to start on 2026-11-16, 21 days ago.",
        "Recruiting and training started today would have agents ready on 2027-01-25, 21 days after the go-live "
        "date. To keep the date, take 21 days out of recruiting and training together; otherwise move the go-live "
        "date to 2027-01-25 or later.",
    ]
    assert "already too late" in result["markdown"]
    assert "Recruiting would have had to start on 2026-11-16, 21 days ago." in result["html"]


def test_late_trained_by_date_names_the_trained_by_date():
    # Trained by 2026-12-28, seen from 2026-11-16: recruiting was due 2026-11-09, 7 days ago;
    # ready if started today 2026-11-16 + 49 = 2027-01-04, 7 days after 2026-12-28.
    out = run(**{**EXAMPLE, "today": "2026-11-16"}, trained_by_date="2026-12-28")["outputs"]
    assert out["warnings"][1].startswith(
        "Recruiting and training started today would have agents ready on 2027-01-04, 7 days after the trained-by date.")


def test_go_live_left_empty_is_the_first_monday_that_works():
    # Seen from Wed 2026-11-04 with 2 + 4 weeks = 42 days of lead time: 2026-12-16 (a
    # Wednesday) is the earliest day agents can be ready, so day 1 is Mon 2026-12-21.
    out = run(today="2026-11-04", training_weeks=2, recruiting_weeks=4)["outputs"]
    assert out["start_date"] == "2026-12-21"
    assert out["dates_work"] is True
    # With a trained-by date and no go-live: the first Monday on or after it.
    out = run(today="2026-11-04", trained_by_date="2027-01-06")["outputs"]
    assert out["start_date"] == "2027-01-11"  # 2027-01-06 is a Wednesday
    out = run(today="2026-11-04", trained_by_date="2027-01-04")["outputs"]
    assert out["start_date"] == "2027-01-04"  # already a Monday


def test_today_defaults_to_the_real_date():
    result = run(start_date="2027-01-04")
    assert result["inputs"]["today"] == dt.date.today().isoformat()


def test_defaults_run_and_the_default_plan_works():
    result = calculators.run("rollout", {})
    assert result["ok"] is True
    out = result["outputs"]
    assert dt.date.fromisoformat(out["start_date"]).weekday() == 0  # a Monday
    assert out["dates_work"] is True
    assert result["attachments"] == ["ics"]


@pytest.mark.parametrize(("inputs", "key", "message"), [
    ({"start_date": "2027-13-01"}, "start_date",
     "Go-live date (day 1) must be a date written as YYYY-MM-DD; “2027-13-01” is not one."),
    ({"start_date": "4 Jan 2027"}, "start_date",
     "Go-live date (day 1) must be a date written as YYYY-MM-DD; “4 Jan 2027” is not one."),
    ({"trained_by_date": "soon"}, "trained_by_date",
     "Trained and in the queue by must be a date written as YYYY-MM-DD; “soon” is not one."),
    ({"today": "yesterday"}, "today", "Today's date must be a date written as YYYY-MM-DD; “yesterday” is not one."),
    ({"start_date": "0001-01-01"}, "start_date", "Go-live date (day 1) must be between 1900-01-01 and 2999-12-31."),
    ({"start_date": "9999-12-31"}, "start_date", "Go-live date (day 1) must be between 1900-01-01 and 2999-12-31."),
    ({"today": "1899-12-31"}, "today", "Today's date must be between 1900-01-01 and 2999-12-31."),
    ({"training_weeks": -1}, "training_weeks", "Training time cannot be negative."),
    ({"recruiting_weeks": "-2"}, "recruiting_weeks", "Recruiting time cannot be negative."),
    ({"training_weeks": 105}, "training_weeks", "Training time must be at most 104 weeks."),
    ({"recruiting_weeks": "lots"}, "recruiting_weeks", "Recruiting time must be a number; “lots” is not one."),
    ({"training_weeks": ""}, "training_weeks", "Training time is empty: enter a number."),
    # Day 91 of a rollout from 2027-01-04: 2027-01-04 + 90 days = 2027-04-04 (27 left in
    # January, 28 in February, 31 in March, 4 in April = 90); day 90 is 2027-04-03.
    ({"start_date": "2027-01-04", "trained_by_date": "2027-04-04"}, "trained_by_date",
     "The trained-by date (2027-04-04) is after day 90 of the rollout (2027-04-03): training and shadowing belong "
     "in the first 90 days, so choose a date on or before 2027-04-03, or a later go-live date."),
    ({"start_date": "2027-01-04", "trained_by_date": "2028-01-01"}, "trained_by_date",
     "The trained-by date (2028-01-01) is after day 90 of the rollout (2027-04-03): training and shadowing belong "
     "in the first 90 days, so choose a date on or before 2027-04-03, or a later go-live date."),
    ({"start_date": "2027-01-04", "trained_by_date": "2027-02-29"}, "trained_by_date",
     "Trained and in the queue by must be a date written as YYYY-MM-DD; “2027-02-29” is not one."),
    ({"start_date": "2027-01-04", "trained_by_date": "3000-01-01"}, "trained_by_date",
     "Trained and in the queue by must be between 1900-01-01 and 2999-12-31."),
])
def test_validation_messages(inputs, key, message):
    result = run(**inputs)
    assert result["ok"] is False
    assert result["errors"] == {key: message}


def test_report_hooks_and_summary():
    result = run(**EXAMPLE)
    html = result["html"]
    for key, value in (("start_recruiting_by", "2026-11-16"), ("start_training_by", "2026-12-14"),
                       ("pilot_review_date", "2027-02-02"), ("decision_date", "2027-04-03")):
        assert f'data-output="{key}" data-value="{value}"' in html
    assert 'data-output="phases"' in html
    # 2027-01-04 is a Monday, 2027-02-02 a Tuesday, 2027-04-03 a Saturday.
    assert result["markdown"].splitlines()[2] == (
        "Day 1 is Mon 4 Jan 2027: review the pilot on Tue 2 Feb 2027 (day 30) and decide whether to expand, "
        "adjust or correct on Sat 3 Apr 2027 (day 90).")


# ------------------------------------------------------------------ the calendar file


def _unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")


def test_calendar_file_events_in_date_order():
    ics = run(**EXAMPLE)["ics"]
    lines = _unfold(ics)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    starts = [line.split(":")[1] for line in lines if line.startswith("DTSTART;VALUE=DATE:")]
    # recruiting, training, day 1, day 30 (pilot review), day 31, day 61, day 90
    assert starts == ["20261116", "20261214", "20270104", "20270202", "20270203", "20270305", "20270403"]
    ends = [line.split(":")[1] for line in lines if line.startswith("DTEND;VALUE=DATE:")]
    assert ends[0] == "20261117" and ends[-1] == "20270404"  # all-day: DTEND is the next day
    assert lines.count("BEGIN:VEVENT") == 7
    # DTSTAMP comes from the "today" input: same inputs, same file.
    assert {line for line in lines if line.startswith("DTSTAMP")} == {"DTSTAMP:20261101T000000Z"}
    assert run(**EXAMPLE)["ics"] == ics


def test_calendar_file_has_a_trained_by_event_when_it_differs_from_go_live():
    lines = _unfold(run(**EXAMPLE, trained_by_date="2026-12-28")["ics"])
    assert lines.count("BEGIN:VEVENT") == 8
    assert "DTSTART;VALUE=DATE:20261228" in lines


def test_calendar_uids_are_stable_per_go_live_and_milestone():
    first = [l for l in _unfold(run(**EXAMPLE)["ics"]) if l.startswith("UID:")]
    later = [l for l in _unfold(run(**{**EXAMPLE, "today": "2026-11-10", "training_weeks": 2})["ics"])
             if l.startswith("UID:")]
    assert first == later
    assert first[0] == "UID:20270104-start-recruiting@rollout.support-sourcing-playbook"
    assert len(set(first)) == len(first)


def test_calendar_lines_are_crlf_and_folded_at_75_octets():
    ics = run(**EXAMPLE)["ics"]
    assert "\n" not in ics.replace("\r\n", "")
    for line in ics.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
