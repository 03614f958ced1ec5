"""One timeline: the guide pages that tell it share one text, and its days are the rollout
planner's (the pilot is days 1-30 of the engagement, reviewed on day 30; the decision on day 90)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import calculators
from calculators import figures

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide"
TIMELINE = Path(__file__).resolve().parents[2] / "docs" / "includes" / "timeline.md"


def test_the_pages_that_tell_the_timeline_share_one_text():
    for page in ("choosing-a-partner.md", "contract-and-sla.md", "first-90-days.md"):
        assert '{% include "timeline.md" %}' in (GUIDE / page).read_text(encoding="utf-8"), page


def test_the_timeline_names_its_steps_in_order():
    text = TIMELINE.read_text(encoding="utf-8")
    steps = re.findall(r"^    \d\. \*\*([^.*]+)", text, flags=re.M)
    assert steps == ["Define success", "RFP and scorecard", 'Pilot, days 1–{{ figure("pilot_days", "low") }}',
                     'Go, Extend or Stop, day {{ figure("pilot_days", "low") }}',
                     'Scale, days 31–{{ figure("rollout_days", "low") }}', 'Decide, day {{ figure("rollout_days", "low") }}']


def test_the_timelines_days_are_the_rollout_planners():
    # Go-live Monday 2027-01-04 is day 1; day 30 is 29 days later, 2027-02-02; day 90 is
    # 89 days later, 2027-04-03.
    out = calculators.run("rollout", {"start_date": "2027-01-04"})["outputs"]
    start = dt.date(2027, 1, 4)
    assert dt.date.fromisoformat(out["pilot_review_date"]) == dt.date(2027, 2, 2)
    assert dt.date.fromisoformat(out["decision_date"]) == dt.date(2027, 4, 3)
    assert (dt.date.fromisoformat(out["pilot_review_date"]) - start).days + 1 == figures.get("pilot_days").low == 30
    assert (dt.date.fromisoformat(out["decision_date"]) - start).days + 1 == figures.get("rollout_days").low == 90
    foundation = out["phases"][0]
    assert (foundation["first_day"], foundation["last_day"]) == (1, 30)  # the pilot is the foundation phase
