"""The next weeks from history: a daily forecast with a range, and the first week by interval.

Input ``history`` is what the week plan reads (:mod:`calculators.core.volumes`), with dates:
a contact export, or an interval table whose day column holds ISO dates. Days are counted in
the team's local time; a day without data is a gap, never a zero (see
:meth:`~calculators.core.volumes.Counter.dated`), and ``exclude_dates`` (holidays, outages)
are gaps too.

Model (Holt-Winters, additive trend and multiplicative weekly pattern; Holt 1957,
Winters 1960; the recursion of Hyndman and Athanasopoulos, *Forecasting: Principles and
Practice*, section 8.3, and of statsmodels' ``ExponentialSmoothing(trend="add",
seasonal="mul", seasonal_periods=7)``). For day ``t`` with contacts ``y``, level ``l``,
trend ``b`` (contacts a day per day) and each weekday's factor ``s`` (1 is an average day):

* one step ahead ``ŷ_t = (l_{t-1} + b_{t-1}) × s_{t-7}``;
* ``l_t = α y_t / s_{t-7} + (1 − α)(l_{t-1} + b_{t-1})``;
* ``b_t = β (l_t − l_{t-1}) + (1 − β) b_{t-1}``;
* ``s_t = γ y_t / (l_{t-1} + b_{t-1}) + (1 − γ) s_{t-7}``;
* ``h`` days ahead ``ŷ = max(0, (l + h b) × s)`` of that weekday.

A missing day is filled by the model (level and trend carried on, the weekday's factor
kept), so a gap or a holiday teaches it nothing. A weekday whose factor is below
:data:`SEASON_FLOOR` (a closed or nearly closed day) does not move the level. The start:
the first weeks' mean for the level, no trend, and each weekday's share of its week.
α, β, γ: the grid :data:`ALPHAS` × :data:`BETAS` × :data:`GAMMAS`, then a finer search
around the best, minimizing the squared one-step errors.

Ranges: the model is run over the history and, from every day of the last year as a
starting point, forecasts the days after it; the ratio actual ÷ forecast is collected by
week ahead (days 1-7, 8-14, ...). P10 and P90 are the forecast × the 10th and 90th
percentiles of those ratios (never narrower than the week before); P50 is the forecast.

Backtest: the last ``min(weeks_ahead, 4)`` weeks are held back (fewer when the history is
short; none under three weeks), the model is fitted on the rest and scored on them by
WMAPE = Σ|actual − forecast| ÷ Σ actual, beside the same weekday last week (the naive
forecast). Where the naive forecast is closer, it is the one used for ``days``, with its own
range measured the same way.

Worked example (checked in tests): four weeks with every Monday 200 contacts and every
other day 100 forecast 200 for Monday and 100 for the other days: the model learns nothing
but the weekly pattern, and the range is that forecast exactly (no error to measure).
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from . import Refusal, week_plan
from .core import render, volumes as _volumes
from .core.fields import Field, declare, form, read as _read
from .figures import number

NAME = "forecast"
TITLE = "Forecast: the next weeks from history"
SUMMARY = ("Forecast the next weeks of contacts from your own history (a help-desk export or dated interval table, read "
           "in your browser): daily totals with a P10-P90 range, a backtest against last week's numbers, and the first "
           "week interval by interval for the week plan.")

PERIOD = 7  # the weekly pattern
MIN_DAYS = 14
MAX_WEEKS_AHEAD = 13
BACKTEST_WEEKS = 4  # at most, held back to score the forecast
ERROR_ORIGINS_DAYS = 364  # the starting points whose errors make the range: the last year
MIN_ERRORS = 10  # ratios a week ahead needs before its own percentiles are used
SHAPE_WEEKS = 8  # recent days of a weekday that give its shape through the day
SEASON_FLOOR = 0.1  # a weekday below a tenth of an average day does not move the level
ALPHAS = (0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8)
BETAS = (0.0, 0.01, 0.03, 0.1, 0.2)
GAMMAS = (0.01, 0.05, 0.1, 0.2, 0.4)
# The finer search stays near the grid: a trend that follows each day's noise (β near 1)
# fits the past a little better and forecasts weeks ahead far worse.
LIMITS = {"alpha": 0.95, "beta": 0.3, "gamma": 0.6}
MAX_EXCLUDED = 200  # dates and ranges in Dates to leave out
CLOCK_SET = dt.date(2000, 1, 1)  # a clock before this is not set (or pinned, as the build's snapshot is)
MODEL = "holt_winters"
NAIVE = "same_weekday_last_week"
METHOD_WORDS = {
    MODEL: "Exponential smoothing (Holt-Winters: level, trend and weekly pattern)",
    NAIVE: "Same weekday last week",
}
_WEEK_PLAN = {f.key: f for f in week_plan.FIELDS}


def _as_week_plan(key: str, **changes: Any) -> Any:
    """The same input as the week plan's ``key``, declared here."""
    f = _WEEK_PLAN[key]
    options = {name: getattr(f, name) for name in ("min", "max", "min_exclusive", "required", "step", "help", "choices",
                                                   "group", "lines")}
    options.update(changes)
    return declare(f.label, f.kind, f.unit, f.default, **options)


def _sample() -> str:
    # Sixteen made-up weeks for the worked example, ending on Sunday 29 November 2026: weekdays
    # 08:00-18:00 with a late-morning peak, Monday busiest, Saturday mornings, Sundays closed
    # (one 0 row says so), a slow upward trend and some noise (a fixed pseudo-random sequence).
    import random

    draw = random.Random(22)
    day_share = (1.25, 1.05, 1.0, 0.95, 0.85, 0.3, 0.0)
    hour_load = (3, 6, 9, 10, 8, 6, 7, 6, 4, 2)
    lines = ["day,start,contacts"]
    first = dt.date(2026, 8, 10)
    for n in range(112):
        day = first + dt.timedelta(days=n)
        share = day_share[day.weekday()] * (1 + 0.004 * n)
        if share == 0:
            lines.append(f"{day},00:00,0")
            continue
        hours = range(10) if day.weekday() < 5 else range(1, 4)
        for h in hours:
            for minute in (0, 30):
                mean = hour_load[h] * 4.5 * share
                lines.append(f"{day},{8 + h:02d}:{minute:02d},{max(0, round(draw.gauss(mean, math.sqrt(mean))))}")
    return "\n".join(lines)


SAMPLE = _sample()


@dataclass(frozen=True)
class Inputs:
    """What a reader types; each attribute declares its own form field."""

    history: str = declare(
        "History", "text", "", SAMPLE, max=_volumes.MAX_PASTE_CHARS, lines=10, group="Your history",
        help="At least 14 days, with dates: paste a table with day (as YYYY-MM-DD), start and contacts per interval, "
             "or one row per contact with its creation time (created_at). Or choose a CSV file of up to "
             f"{_volumes.MAX_FILE_MEGABYTES} MB below: it is read in your browser, never uploaded. A day without rows "
             "is a gap, not a zero; write a closed day as one row with 0.")
    weeks_ahead: int = declare(
        "Weeks to forecast", "integer", "weeks", 4, min=1, max=MAX_WEEKS_AHEAD, group="Forecast",
        help="How far ahead, from the day after the history ends: 1 to 13 weeks. The range widens the further it looks.")
    exclude_dates: str | None = declare(
        "Dates to leave out", "text", "", None, max=2000, required=False, group="Forecast",
        help="Optional. Holidays, outages, a one-off campaign: dates as YYYY-MM-DD or ranges as "
             "YYYY-MM-DD..YYYY-MM-DD, separated by commas. They are treated as missing, not as quiet days.")
    interval_minutes: int = _as_week_plan("interval_minutes", group="Your history", help=(
        "15, 30 or 60 minutes: the length of each interval of your table's rows and of the first week's plan."))
    time_zone: str | None = _as_week_plan("time_zone", group="Your history")
    column: str | None = _as_week_plan("column", group="Your history")
    date_order: str = _as_week_plan("date_order", group="Your history")


FIELDS: tuple[Field, ...] = form(Inputs)


def _today() -> dt.date:
    """The reader's today (the browser's clock); tests and the build pin it."""
    return dt.date.today()


_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")


def _excluded(text: str | None) -> tuple[tuple[dt.date, dt.date], ...] | str:
    """The ranges in Dates to leave out, or the message for the first one that cannot be read."""
    ranges = []
    for token in re.split(r"[\s,;]+", text or ""):
        if not token:
            continue
        parts = token.split("..")
        if len(parts) > 2 or not all(_DATE_TEXT.fullmatch(p) for p in parts):
            return f"“{token[:30]}” is not a date (YYYY-MM-DD) or a range of dates (YYYY-MM-DD..YYYY-MM-DD)."
        try:
            start, end = dt.date.fromisoformat(parts[0]), dt.date.fromisoformat(parts[-1])
        except ValueError:
            return f"“{token[:30]}” is not a date that exists."
        if end < start:
            return f"The range {token} ends before it starts; write the earlier date first."
        ranges.append((start, end))
    if len(ranges) > MAX_EXCLUDED:
        return f"Leave out at most {MAX_EXCLUDED} dates or ranges; write long periods as one range."
    return tuple(ranges)


def _validate(values: dict[str, Any]) -> dict[str, str]:
    if values["interval_minutes"] not in _volumes.INTERVAL_CHOICES:
        return {"interval_minutes": "Interval length must be 15, 30 or 60 minutes."}
    excluded = _excluded(values.get("exclude_dates"))
    if isinstance(excluded, str):
        return {"exclude_dates": excluded}
    try:  # the reader's own check, before the history is read: a wrong zone is wrong for any shape
        _volumes._zone(values.get("time_zone") or "")
    except _volumes.VolumeError as problem:
        return {problem.field: problem.message}
    return {}


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    return _read(Inputs, raw, validate=_validate)


# ------------------------------------------------------------------ the model


@dataclass(frozen=True)
class Fit:
    """Holt-Winters parameters and the state after the last day of history."""

    alpha: float
    beta: float
    gamma: float
    level: float
    trend: float
    seasons: tuple[float, ...]  # by position t % 7 of the series (position 0: its first day)
    n: int  # days in the series
    sse: float  # squared one-step errors over the days with data

    def ahead(self, h: int) -> float:
        """The forecast ``h`` days after the series' last day."""
        return max(0.0, (self.level + h * self.trend) * self.seasons[(self.n - 1 + h) % PERIOD])


def start_state(y: Sequence[float | None]) -> tuple[float, float, tuple[float, ...]]:
    """Level, trend and weekday factors to start from: the mean of the first weeks (up to
    four, and at most half the series), no trend (a slope read from a few noisy weeks would be carried on for months;
    the trend is learned as the model runs), and each position's average share of its
    week's mean.

    >>> start_state([100, 200, 100, 100, 100, 100, 100] * 2)
    (114.28571428571429, 0.0, (0.875, 1.75, 0.875, 0.875, 0.875, 0.875, 0.875))
    """
    weeks = max(1, min(4, len(y) // (2 * PERIOD)))  # at most half the series
    # Sums of floats are math.fsum throughout: exact, so Python 3.11 (plain sum) and 3.12+
    # (compensated sum) give the same digits, as the parity tests require.
    means = []
    for k in range(weeks):
        seen = [v for v in y[k * PERIOD:(k + 1) * PERIOD] if v is not None]
        means.append(math.fsum(seen) / len(seen) if seen else None)
    known = [m for m in means if m is not None]
    level = math.fsum(known) / len(known) if known else 0.0
    shares: list[list[float]] = [[] for _ in range(PERIOD)]
    for t, v in enumerate(y[:weeks * PERIOD]):
        mean = means[t // PERIOD]
        if v is not None and mean:
            shares[t % PERIOD].append(v / mean)
    seasons = []
    for p in range(PERIOD):
        if not shares[p]:  # this position has no data in the first weeks: its first value anywhere
            later = next((v for t, v in enumerate(y) if t % PERIOD == p and v is not None), None)
            shares[p].append(later / level if later is not None and level else 1.0)
        seasons.append(math.fsum(shares[p]) / len(shares[p]))
    return level, 0.0, tuple(seasons)


def smooth(y: Sequence[float | None], alpha: float, beta: float, gamma: float,
           state: tuple[float, float, tuple[float, ...]], visit: Callable | None = None) -> Fit:
    """Runs the recursion over ``y`` (None: a day without data) from ``state``; ``visit(t,
    level, trend, seasons)`` is called before each day with the state that forecasts it."""
    level, trend, start_seasons = state
    s = list(start_seasons)
    sse = 0.0
    a1, b1, g1 = 1 - alpha, 1 - beta, 1 - gamma
    for t, v in enumerate(y):
        if visit is not None:
            visit(t, level, trend, s)
        p = t % PERIOD
        base = level + trend
        if v is None:
            level = base
            continue
        season = s[p]
        error = v - base * season
        sse += error * error
        if season >= SEASON_FLOOR:
            new_level = alpha * v / season + a1 * base
            trend = beta * (new_level - level) + b1 * trend
            level = new_level
        else:
            level = base
        if base > 0:
            s[p] = gamma * v / base + g1 * season
    return Fit(alpha, beta, gamma, level, trend, tuple(s), len(y), sse)


def fit(y: Sequence[float | None]) -> Fit:
    """The parameters with the least squared one-step error: the grid, then a finer search
    around its best (each parameter moved by 0.05, then 0.025 and 0.0125, while it helps,
    within :data:`LIMITS`)."""
    state = start_state(y)
    best = min((smooth(y, a, b, g, state) for a in ALPHAS for b in BETAS for g in GAMMAS), key=lambda f: f.sse)
    step = 0.05
    for _round in range(3):
        improved = True
        while improved:
            improved = False
            for name in ("alpha", "beta", "gamma"):
                for sign in (-1, 1):
                    params = {"alpha": best.alpha, "beta": best.beta, "gamma": best.gamma}
                    params[name] = min(LIMITS[name], max(0.0, params[name] + sign * step))
                    if params["alpha"] <= 0 or params["gamma"] <= 0:
                        continue
                    trial = smooth(y, params["alpha"], params["beta"], params["gamma"], state)
                    if trial.sse < best.sse - 1e-9 * max(1.0, best.sse):
                        best, improved = trial, True
        step /= 2
    return best


def _naive(y: Sequence[float | None], t: int, h: int) -> float | None:
    """Same weekday last week: the latest day with data before day ``t`` on the weekday of
    day ``t + h − 1``."""
    target = t + h - 1
    back = target - PERIOD * ((target - t) // PERIOD + 1)
    while back >= 0:
        if y[back] is not None:
            return y[back]
        back -= PERIOD
    return None


def _percentile(ordered: Sequence[float], q: float) -> float:
    """The q-quantile of sorted values, linear between order statistics (numpy's default)."""
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Spread:
    """Percentiles of actual ÷ forecast by week ahead (index 0: days 1-7)."""

    p10: tuple[float, ...]
    p90: tuple[float, ...]
    counts: tuple[int, ...]  # ratios behind each week's percentiles
    measured_weeks: int  # weeks ahead with enough ratios of their own; later weeks repeat the last

    def band(self, h: int, point: float) -> tuple[float, float]:
        k = min((h - 1) // PERIOD, len(self.p10) - 1)
        return min(point, point * self.p10[k]), max(point, point * self.p90[k])


def spread(y: Sequence[float | None], forecaster: Callable[[int, int], float | None], weeks: int,
           first_origin: int = PERIOD) -> Spread:
    """Ratios actual ÷ forecast from every starting day of the last year (``forecaster(t, h)``
    forecasts day ``t + h − 1`` from the days before ``t``), by week ahead."""
    ratios: list[list[float]] = [[] for _ in range(weeks)]
    n = len(y)
    for t in range(max(first_origin, n - ERROR_ORIGINS_DAYS), n):
        for h in range(1, min(weeks * PERIOD, n - t) + 1):
            actual = y[t + h - 1]
            if actual is None:
                continue
            made = forecaster(t, h)
            if made is not None and made > 0:
                ratios[(h - 1) // PERIOD].append(actual / made)
    p10, p90, counts = [], [], []
    measured = 0
    for k, found in enumerate(ratios):
        if len(found) >= MIN_ERRORS:
            found.sort()
            low, high = _percentile(found, 0.1), _percentile(found, 0.9)
            measured = k + 1
        elif k:
            low, high = p10[-1], p90[-1]
        else:
            low = high = 1.0
        if k:  # never narrower than the week before
            low, high = min(low, p10[-1]), max(high, p90[-1])
        p10.append(low)
        p90.append(high)
        counts.append(len(found))
    return Spread(tuple(p10), tuple(p90), tuple(counts), measured)


def _model_forecaster(y: Sequence[float | None], f: Fit, weeks: int) -> Callable[[int, int], float | None]:
    """Forecasts from each starting day, from the states the fitted recursion passes through."""
    states: dict[int, tuple[float, float, tuple[float, ...]]] = {}
    first = max(PERIOD, len(y) - ERROR_ORIGINS_DAYS)
    smooth(y, f.alpha, f.beta, f.gamma, start_state(y),
           lambda t, level, trend, s: states.__setitem__(t, (level, trend, tuple(s))) if t >= first else None)

    def forecaster(t: int, h: int) -> float:
        level, trend, s = states[t]
        return max(0.0, (level + h * trend) * s[(t + h - 1) % PERIOD])

    return forecaster


@dataclass(frozen=True)
class Day:
    date: dt.date
    p10: float
    p50: float
    p90: float


def _forecast_days(y: Sequence[float | None], method: str, weeks: int, first_day: dt.date) -> tuple[tuple[Day, ...], Spread, Fit | None]:
    """``weeks`` of days after the series, by ``method``, with the range its own errors give."""
    if method == MODEL:
        f = fit(y)
        band = spread(y, _model_forecaster(y, f, weeks), weeks)
        point = f.ahead
    else:
        f = None
        band = spread(y, lambda t, h: _naive(y, t, h), weeks)
        point = lambda h: _naive(y, len(y), h) or 0.0  # noqa: E731
    days = []
    for h in range(1, weeks * PERIOD + 1):
        p50 = point(h)
        p10, p90 = band.band(h, p50)
        days.append(Day(first_day + dt.timedelta(days=h - 1), p10, p50, p90))
    return tuple(days), band, f


@dataclass(frozen=True)
class Backtest:
    weeks: int
    wmape_percent: float | None
    naive_wmape_percent: float | None
    p90_coverage_percent: float | None  # of the method used
    model_p90_coverage_percent: float | None
    naive_p90_coverage_percent: float | None
    scored_days: int


def _wmape(pairs: Sequence[tuple[float, float]]) -> float | None:
    total = math.fsum(actual for actual, _ in pairs)
    return 100 * math.fsum(abs(actual - made) for actual, made in pairs) / total if total > 0 else None


def backtest(y: Sequence[float | None], weeks_ahead: int, first_day: dt.date) -> Backtest:
    """The last weeks held back, both methods fitted on the rest and scored on them."""
    weeks = min(weeks_ahead, BACKTEST_WEEKS, max(0, (len(y) - 3 * PERIOD) // PERIOD))
    if weeks == 0:
        return Backtest(0, None, None, None, None, None, 0)
    cut = len(y) - weeks * PERIOD
    train, held = y[:cut], y[cut:]
    scores = {}
    for method in (MODEL, NAIVE):
        days, _band, _fit = _forecast_days(train, method, weeks, first_day)
        pairs = [(actual, d.p50) for actual, d in zip(held, days) if actual is not None]
        covered = [actual <= d.p90 + 1e-9 for actual, d in zip(held, days) if actual is not None]
        scores[method] = (_wmape(pairs), 100 * sum(covered) / len(covered) if covered else None, len(pairs))
    model, naive = scores[MODEL], scores[NAIVE]
    used = NAIVE if _naive_wins(model[0], naive[0]) else MODEL
    return Backtest(weeks, model[0], naive[0], scores[used][1], model[1], naive[1], model[2])


def _naive_wins(model: float | None, naive: float | None) -> bool:
    return model is not None and naive is not None and naive < model


# ------------------------------------------------------------------ compute


@dataclass(frozen=True)
class Interval:
    date: dt.date
    start: str
    p50: float
    p90: float


@dataclass(frozen=True)
class Result:
    history: _volumes.Dated
    series: tuple[tuple[dt.date, float | None], ...]  # every day from the first to the last, None without data
    excluded: tuple[dt.date, ...]  # days of the history left out
    dropped_today: bool
    method: str
    days: tuple[Day, ...]
    next_week: tuple[Interval, ...]
    backtest: Backtest
    spread: Spread
    fitted: Fit | None


@functools.lru_cache(maxsize=2)
def _history(text: str, interval_minutes: int, time_zone: str, column: str, date_order: str) -> _volumes.Dated:
    """The dated history of a paste, remembered for the last two (a refusal is raised again)."""
    return _volumes.read_dated(text, interval_minutes=interval_minutes, time_zone=time_zone, column=column,
                               date_order=date_order)


def _refuse(problem: _volumes.VolumeError) -> Refusal:
    return Refusal({"history" if problem.field == "volumes" else problem.field: problem.message})


def _shape(history: _volumes.Dated, weekday: int, left_out: set[dt.date]) -> dict[int, float]:
    """Each interval's share of the day on ``weekday``, from its recent days with contacts."""
    recent = [d for d, total in reversed(history.days) if d.weekday() == weekday and total > 0 and d not in left_out]
    recent = recent[:SHAPE_WEEKS]
    sums: dict[int, float] = {}
    total = 0.0
    chosen = set(recent)
    for (date, minute), contacts in history.counts.items():
        if date in chosen:
            sums[minute] = sums.get(minute, 0.0) + contacts
            total += contacts
    return {minute: value / total for minute, value in sorted(sums.items())} if total else {}


def _next_week(history: _volumes.Dated, days: Sequence[Day], left_out: set[dt.date]) -> tuple[Interval, ...]:
    step = history.interval_minutes
    found = []
    for day in days[:PERIOD]:
        shape = _shape(history, day.date.weekday(), left_out)
        if not shape or day.p50 <= 0:
            continue
        first, last = min(shape), max(shape)
        for minute in range(first, last + step, step):
            share = shape.get(minute, 0.0)
            found.append(Interval(day.date, f"{minute // 60:02d}:{minute % 60:02d}", day.p50 * share, day.p90 * share))
    return tuple(found)


def compute(i: Inputs) -> Result:
    return _compute(i, _today())


@functools.lru_cache(maxsize=4)
def _compute(i: Inputs, today: dt.date) -> Result:
    try:
        history = _history(i.history, i.interval_minutes, i.time_zone or "", i.column or "", i.date_order)
    except _volumes.VolumeError as problem:
        raise _refuse(problem) from None
    first, last = history.days[0][0], history.days[-1][0]
    if today < CLOCK_SET:  # not a reader's clock (the build's snapshot stands at 1980): no date is "future"
        today = dt.date.max
    if last > today:
        raise Refusal({"history": f"The history has dates after today ({today}), up to {last}: check the dates (and "
                                  "Date order), or the computer's clock."})
    values = dict(history.days)
    dropped_today = last == today
    if dropped_today:  # today is not over: its count is too low
        values.pop(today)
        last = max(values) if values else first
    ranges = _excluded(i.exclude_dates)
    span = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    left_out = {d for d in span if any(a <= d <= b for a, b in ranges)}
    series = tuple((d, None if d in left_out else values.get(d)) for d in span)
    y = [v for _d, v in series]
    usable = [(d, v) for d, v in series if v is not None]
    if not usable:
        raise Refusal({"exclude_dates": "Dates to leave out cover every day of the history: nothing is left to "
                                        "forecast from."})
    if len(usable) < MIN_DAYS:
        # Too few once dates are left out: the message goes beside Dates to leave out.
        where, once = ("exclude_dates", " once the dates left out are left out") if len(values) >= MIN_DAYS else ("history", "")
        raise Refusal({where: f"The history has {len(usable)} days with data{once}; a forecast needs at least {MIN_DAYS} "
                              "(two of each weekday). A day without rows is a gap, not a zero."})
    weekdays = {d.weekday() for d, _v in usable}
    lacking = [_volumes.DAYS[w] for w in range(7) if w not in weekdays]
    if lacking:
        names = ", ".join(lacking)
        raise Refusal({"history": f"The history has no {names} with data, so the weekly pattern cannot be learned. "
                                  "If the team is closed that day, give each such date one row with 0 contacts; if "
                                  "those days are missing from the file, export them too."})
    if not any(v > 0 for _d, v in usable):
        raise Refusal({"history": "Every day of the history has 0 contacts: there is nothing to forecast."})
    # The series starts on its first day with data: gaps before it would only be filled in.
    start = next(n for n, v in enumerate(y) if v is not None)
    y = y[start:]
    series = series[start:]
    next_day = last + dt.timedelta(days=1)
    tested = backtest(y, i.weeks_ahead, next_day)
    method = NAIVE if _naive_wins(tested.wmape_percent, tested.naive_wmape_percent) else MODEL
    days, band, fitted = _forecast_days(y, method, i.weeks_ahead, next_day)
    return Result(history, series, tuple(sorted(left_out)),
                  dropped_today, method, days, _next_week(history, days, left_out), tested, band, fitted)


def _day_out(d: Day) -> dict[str, Any]:
    return {"date": d.date.isoformat(), "p10": d.p10, "p50": d.p50, "p90": d.p90}


def outputs(r: Result) -> dict[str, Any]:
    b = r.backtest
    return {
        "days": [_day_out(d) for d in r.days],
        "next_week": [{"date": n.date.isoformat(), "day": _volumes.DAYS[n.date.weekday()], "start": n.start,
                       "p50": n.p50, "p90": n.p90} for n in r.next_week],
        "method": METHOD_WORDS[r.method],
        "method_key": r.method,
        "backtest": {"weeks": b.weeks, "wmape_percent": b.wmape_percent, "naive_wmape_percent": b.naive_wmape_percent,
                     "p90_coverage_percent": b.p90_coverage_percent},
        "total_p50": math.fsum(d.p50 for d in r.days),
        "first_week_p50": math.fsum(d.p50 for d in r.days[:PERIOD]),
        "first_week_p90": math.fsum(d.p90 for d in r.days[:PERIOD]),
        "history_first_day": r.series[0][0].isoformat(),
        "history_last_day": r.series[-1][0].isoformat(),
        "history_days": sum(1 for _d, v in r.series if v is not None),
        "missing_days": [d.isoformat() for d, v in r.series if v is None and d not in set(r.excluded)],
        "excluded_days": len(r.excluded),
        "parameters": None if r.fitted is None else {
            "alpha": r.fitted.alpha, "beta": r.fitted.beta, "gamma": r.fitted.gamma,
            "level": r.fitted.level, "trend_per_day": r.fitted.trend},
        "range_weeks_measured": r.spread.measured_weeks,
    }


# ------------------------------------------------------------------ report


def _count(value: float) -> str:
    return number(round(value))


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def _band_chart(r: Result, out: dict[str, Any]) -> render.BandChart:
    shown_history = [(d, v) for d, v in r.series][-8 * PERIOD:]
    labels = tuple(d.isoformat() for d, _v in shown_history) + tuple(d["date"] for d in out["days"])
    past = tuple(v for _d, v in shown_history) + (None,) * len(out["days"])
    gap = (None,) * len(shown_history)
    rows = [(render.cell(d["date"]), render.cell(_volumes.DAYS[r.days[n].date.weekday()]),
             render.shown(out, f"days.{n}.p10", _count), render.shown(out, f"days.{n}.p50", _count),
             render.shown(out, f"days.{n}.p90", _count)) for n, d in enumerate(out["days"])]
    table = render.table("Contacts a day: the forecast and its range", ("Date", "Day", "P10", "P50", "P90"), rows)
    return render.BandChart(
        "Contacts a day: the last weeks of history and the forecast, with the P10-P90 range shaded",
        labels, past, gap + tuple(d["p10"] for d in out["days"]), gap + tuple(d["p50"] for d in out["days"]),
        gap + tuple(d["p90"] for d in out["days"]), table, _count)


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
    b = out["backtest"]
    first, last = out["days"][0]["date"], out["days"][-1]["date"]
    summary = [
        f"From {first} to {last} ({i.weeks_ahead} week{'s' if i.weeks_ahead > 1 else ''}), the forecast is "
        f"{_count(out['total_p50'])} contacts (P50). The first week: {_count(out['first_week_p50'])} at P50, "
        f"{_count(out['first_week_p90'])} if every day is as busy as its P90.",
    ]
    if b["weeks"]:
        held = f"Held back the last {b['weeks']} week{'s' if b['weeks'] > 1 else ''} of history and forecast them"
        if r.method == NAIVE:
            summary.append(
                f"{held}: the smoothing model was off by {_pct(b['wmape_percent'])} (WMAPE), the same weekday last "
                f"week by {_pct(b['naive_wmape_percent'])}. The simpler forecast did better, so this page uses it.")
        else:
            summary.append(
                f"{held}: off by {_pct(b['wmape_percent'])} (WMAPE), against {_pct(b['naive_wmape_percent'])} for the "
                f"same weekday last week; the P90 covered {_pct(b['p90_coverage_percent'])} of those days.")
    else:
        summary.append("The history is too short to hold weeks back and test the forecast (it takes at least four "
                       "weeks); treat it as a rough guide.")
    test_rows = [
        render.measure("Method used", out, "method"),
        render.measure("Weeks held back", out, "backtest.weeks"),
        render.measure("Forecast error of the smoothing model (WMAPE)", out, "backtest.wmape_percent", _pct),
        render.measure("Forecast error of the same weekday last week", out, "backtest.naive_wmape_percent", _pct),
        render.measure("Held-back days at or under the P90", out, "backtest.p90_coverage_percent", _pct),
    ]
    tables = [render.table("How the forecast did on the weeks held back", ("Measure", "Value"), test_rows)]
    week_rows = [(render.cell(n["date"]), render.cell(n["day"]), render.cell(n["start"]),
                  render.shown(out, f"next_week.{k}.p50", lambda v: f"{v:,.1f}"),
                  render.shown(out, f"next_week.{k}.p90", lambda v: f"{v:,.1f}")) for k, n in enumerate(out["next_week"])]
    tables.append(render.table("The first forecast week, interval by interval (contacts)",
                               ("Date", "Day", "Start", "P50", "P90"), week_rows))
    links = (render.Link("Plan this week at P50", "week_plan", (("from", "forecast_p50"),)),
             render.Link("Plan this week at P90", "week_plan", (("from", "forecast_p90"),)))
    return render.Report(summary=tuple(summary), tables=tuple(tables), notes=_notes(i, r, out),
                         charts=(_band_chart(r, out),), links=links)


def week_volumes(out: dict[str, Any], band: str = "p50") -> str:
    r"""The first forecast week as the week plan's Volumes (``date,start,contacts`` at ``band``,
    ``"p50"`` or ``"p90"``): what the "Plan this week" buttons put in its box
    (docs/javascripts/volumes-file.js writes the same lines), for a page that carries a
    forecast into a week plan at build time.

    >>> week_volumes({"next_week": [{"date": "2026-11-30", "start": "08:00", "p50": 26.334, "p90": 29.175}]}, "p90")
    'day,start,contacts\n2026-11-30,08:00,29.18\n'
    """
    if band not in ("p50", "p90"):
        raise ValueError(f"band must be p50 or p90, not {band!r}")
    return "\n".join(["day,start,contacts", *(f"{n['date']},{n['start']},{n[band]:.2f}" for n in out["next_week"])]) + "\n"


def _notes(i: Inputs, r: Result, out: dict[str, Any]) -> tuple[str, ...]:
    h = r.history
    read = (f"{h.rows:,} intervals" if h.shape == "intervals" else
            f"{h.rows:,} contacts ({h.time_format}{', converted to ' + h.time_zone if h.zoned else ''})")
    notes = [f"Read {read}: {out['history_days']} days with data from {out['history_first_day']} to "
             f"{out['history_last_day']}."]
    missing = out["missing_days"]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        notes.append(f"{len(missing)} day{'s have' if len(missing) > 1 else ' has'} no data ({shown}): treated as "
                     "missing, not as quiet days; the model fills them in.")
    if r.excluded:
        notes.append(f"{len(r.excluded)} day{'s' if len(r.excluded) > 1 else ''} left out as you asked; dates to leave "
                     "out inside the forecast weeks are still forecast as ordinary days.")
    if r.dropped_today:
        notes.append("The history reaches today, which is not over yet: today is left out.")
    if r.spread.measured_weeks < i.weeks_ahead:
        if r.spread.measured_weeks == 0:
            notes.append("The history is too short to measure the forecast's errors: the range shows none, and is "
                         "far too narrow.")
        else:
            notes.append(f"The history measures the errors up to {r.spread.measured_weeks} week"
                         f"{'s' if r.spread.measured_weeks > 1 else ''} ahead; later weeks repeat that range, which is "
                         "probably too narrow for them.")
    notes.append("Each interval of the first week is its day's P50 or P90 spread over the day in the shape of that "
                 f"weekday's last {SHAPE_WEEKS} days with contacts: the P90 plans a busy day, not the busiest half hour "
                 "of every day at once.")
    return tuple(notes)
