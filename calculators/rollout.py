"""The first 90 days with a new support team, and working backwards to the start dates.

Work backwards (shared with the freelancer worksheet through :func:`work_backwards`):

* lead times are whole days: ``days = ceil(weeks × 7)``, rounded up so a lead time is
  never shortened;
* ``start_training_by = trained_by − training days``;
* ``start_recruiting_by = start_training_by − recruiting days``;
* the dates "cannot work" when ``today`` is already past one of them: each such problem is
  a plain sentence, and the dates are still given.

Worked example (checked in tests): trained by 2027-01-04, 3 weeks' training, 4 weeks'
recruiting -> training starts by 2027-01-04 − 21 days = 2026-12-14, recruiting by
2026-12-14 − 28 days = 2026-11-16. Seen from 2026-12-07, recruiting would have had to start
21 days ago; training can still start on time.
"""
from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass

from .figures import number

# The longest lead time either step may take: beyond two years it is a typo, not a plan.
MAX_LEAD_WEEKS = 104


@dataclass(frozen=True)
class Backwards:
    start_training_by: _dt.date
    start_recruiting_by: _dt.date
    problems: tuple[str, ...]  # plain sentences; empty when the dates work


def lead_days(weeks: float) -> int:
    """A lead time in whole days, rounded up: 3 weeks -> 21, 1.5 weeks -> 11."""
    return math.ceil(weeks * 7 - 1e-9)


def _count(n: float, one: str, many: str) -> str:
    return f"{number(n)} {one if n == 1 else many}"


def _weeks(weeks: float) -> str:
    return _count(round(weeks, 1), "week", "weeks")


def work_backwards(trained_by: _dt.date, training_weeks: float, recruiting_weeks: float, today: _dt.date) -> Backwards:
    """The latest dates training and recruiting can start for agents to be fully trained
    and in the queue on ``trained_by``, and what is already too late as seen on ``today``.

    ``training_weeks`` and ``recruiting_weeks`` must be finite, 0 to :data:`MAX_LEAD_WEEKS`
    (a ValueError otherwise: the caller validates what people type first).

    Problems, in this order, each only when it applies:

    * "Recruiting would have had to start on 2026-11-16, 21 days ago." (today is after the
      latest recruiting start);
    * "Training (3 weeks) is longer than the 1 week left before the trained-by date."
      (today is after the latest training start, but the trained-by date has not passed);
    * "The trained-by date, 2027-01-04, has already passed: it was 5 days ago."
    """
    for label, weeks in (("training_weeks", training_weeks), ("recruiting_weeks", recruiting_weeks)):
        if not (isinstance(weeks, (int, float)) and math.isfinite(weeks) and 0 <= weeks <= MAX_LEAD_WEEKS):
            raise ValueError(f"{label} must be a number from 0 to {MAX_LEAD_WEEKS}, got {weeks!r}")
    try:
        start_training_by = trained_by - _dt.timedelta(days=lead_days(training_weeks))
        start_recruiting_by = start_training_by - _dt.timedelta(days=lead_days(recruiting_weeks))
    except OverflowError:
        raise ValueError(f"the lead times reach back before the year 1 from {trained_by.isoformat()}") from None

    problems: list[str] = []
    if today > start_recruiting_by:
        late = (today - start_recruiting_by).days
        problems.append(
            f"Recruiting would have had to start on {start_recruiting_by.isoformat()}, {_count(late, 'day', 'days')} ago."
        )
    if today > trained_by:
        ago = (today - trained_by).days
        problems.append(
            f"The trained-by date, {trained_by.isoformat()}, has already passed: it was {_count(ago, 'day', 'days')} ago."
        )
    elif today > start_training_by:
        left = (trained_by - today).days / 7
        problems.append(
            f"Training ({_weeks(training_weeks)}) is longer than the {_weeks(left)} left before the trained-by date."
        )
    return Backwards(start_training_by, start_recruiting_by, tuple(problems))
