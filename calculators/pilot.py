"""The 30-day pilot review: each measure against the bar your team set, and Go, Extend or Stop.

Measures (source: guide-2026, what a vendor pilot should measure): onboarding speed, policy
accuracy, brand voice, escalations, and how often the partner's agents need your team's
help. Each is entered as a pair: what the pilot measured and the bar the team set.

* Lower is better for days to work alone, escalation rate and help requests: a measure
  **meets** its bar at or under it. Higher is better for policy accuracy and brand voice
  (shares of QA-sampled tickets): it meets at or over the bar.
* A miss is **far off** (``"misses_badly"``) when it is more than :data:`FAR_FACTOR` (1.5)
  times as bad as the bar allows: for a lower-is-better measure, value > 1.5 × bar; for a
  share of correct tickets, the share of wrong ones > 1.5 × the share the bar allows,
  i.e. (100 − value) > 1.5 × (100 − bar). A bar of 100% allows no wrong tickets, so any
  wrong one is far off.
* Verdict: **stop** when policy accuracy misses its bar (policy mistakes are the failure a
  pilot exists to catch) or any measure is far off; **go** when every measure meets its bar;
  otherwise **extend**: a second pilot period of ``pilot_days`` (30 days) to fix the
  measures that missed.
* The guide's early warning signs are named in the reasons: a missed ramp is "slow ramp",
  a missed policy accuracy "repeated mistakes", missed help requests "heavy dependence on
  your team".

Defaults: the bar for onboarding speed (days until agents work alone) is the whole pilot
(30 days, the figure ``pilot_ramp_bar_days``): the guide puts training and shadowing in the
first month, so agents should work the pilot's slice alone by the review; a team still
training until day 45 (1.5 × 30) misses narrowly and is extended, as in the rollout planner's
trained-by-day-43 example. That bar is our assumption, not a published figure. The escalation bar is the top of the guide's escalation
range (15%), since agents in a pilot are still new. The other bars (95% policy accuracy,
90% brand voice, 5 help requests per agent per week) and all measured defaults are an
illustration, not published figures: set your own.

Worked example (the defaults; checked in tests): ramp 12 ≤ 30 meets; policy 96 ≥ 95 meets;
brand voice 86 < 90 misses, off-tone 14% vs 10% allowed = 1.4× (not over 1.5×); escalation
12 ≤ 15 meets; help 4 ≤ 5 meets -> verdict "extend", 30 more days, fix brand voice.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .core import render, text
from .core.fields import declare, form, read as _read
from .figures import get as figure, number

NAME = "pilot"
TITLE = "Pilot review: Go, Extend or Stop"
SUMMARY = "Put what the 30-day pilot measured beside the bar your team set for each measure, and see whether to go ahead, extend the pilot, or stop."

FAR_FACTOR = 1.5  # more than this many times as bad as the bar allows is "far off"
PILOT_DAYS = figure("pilot_days").low
RAMP_BAR_DAYS = figure("pilot_ramp_bar_days").low  # our assumption: the whole pilot

MEETS, MISSES, MISSES_BADLY = "meets", "misses", "misses_badly"
GO, EXTEND, STOP = "go", "extend", "stop"


@dataclass(frozen=True)
class Measure:
    """One pilot measure: the measured key, its bar's key, and how it reads."""

    key: str
    target_key: str
    name: str  # mid-sentence
    lower_is_better: bool
    unit: str  # "days", "%" or a count's "per ..."
    warning: str  # the guide's early warning sign a miss shows, or ""

    def status(self, value: float, bar: float) -> str:
        if self.lower_is_better:
            if value <= bar:
                return MEETS
            return MISSES_BADLY if value > FAR_FACTOR * bar else MISSES
        if value >= bar:
            return MEETS
        return MISSES_BADLY if 100 - value > FAR_FACTOR * (100 - bar) else MISSES

    def shown(self, value: float) -> str:
        text = number(round(value, 1))
        if self.unit == "%":
            return f"{text}%"
        if self.unit == "days":
            return f"{text} day" if value == 1 else f"{text} days"
        return f"{text} {self.unit}"


MEASURES: tuple[Measure, ...] = (
    Measure("ramp_days", "ramp_days_target", "onboarding speed", True, "days", "Slow ramp"),
    Measure("policy_accuracy_percent", "policy_accuracy_target_percent", "policy accuracy", False, "%", "Repeated mistakes"),
    Measure("brand_voice_percent", "brand_voice_target_percent", "brand voice", False, "%", ""),
    Measure("escalation_percent", "escalation_target_percent", "escalation rate", True, "%", ""),
    Measure("help_requests_per_agent_week", "help_requests_target_per_agent_week", "help requests", True, "per agent per week",
            "Heavy dependence on your team"),
)
_BY_KEY = {m.key: m for m in MEASURES}

@dataclass(frozen=True)
class Inputs:
    """What a reader types; each attribute declares its own form field, in pairs: what the
    pilot measured, then the bar the team set for it."""

    ramp_days: float = declare(
        "Days until agents worked alone", "number", "days", 12, min=0, group="Onboarding speed",
        help="Days from the pilot's start until the partner's agents handled tickets without someone checking each reply.")
    ramp_days_target: float = declare(
        "Bar for onboarding speed (days to work alone)", "number", "days", RAMP_BAR_DAYS, min=0, min_exclusive=True,
        group="Onboarding speed",
        help="The most days you accept. The default, the whole pilot, is our assumption: training and "
             "shadowing fill the first month, so agents should work alone by the review.")
    policy_accuracy_percent: float = declare(
        "Policy accuracy", "percent", "%", 96, min=0, max=100, group="Policy accuracy",
        help="Share of QA-sampled tickets where refunds, exceptions and rules were applied correctly.")
    policy_accuracy_target_percent: float = declare(
        "Bar for policy accuracy", "percent", "%", 95, min=0, max=100, group="Policy accuracy",
        help="The lowest accuracy you would accept at full volume: a miss here stops the pilot.")
    brand_voice_percent: float = declare(
        "Brand voice", "percent", "%", 86, min=0, max=100, group="Brand voice",
        help="Share of QA-sampled tickets that pass your review of tone and wording.")
    brand_voice_target_percent: float = declare(
        "Bar for brand voice", "percent", "%", 90, min=0, max=100, group="Brand voice")
    escalation_percent: float = declare(
        "Escalation rate", "percent", "%", 12, min=0, max=100, group="Escalations",
        help="Share of the pilot's tickets passed to your team or a higher tier.")
    escalation_target_percent: float = declare(
        "Bar for escalation rate", "percent", "%", figure("escalation_percent").high, min=0, min_exclusive=True,
        max=100, group="Escalations",
        help="The highest rate you accept; the default is the top of the usual range, as pilot agents are new.")
    help_requests_per_agent_week: float = declare(
        "Help requests per agent per week", "number", "", 4, min=0, group="Help from your team",
        help="How often each partner agent asked your team for help, in an average week.")
    help_requests_target_per_agent_week: float = declare(
        "Bar for help requests per agent per week", "number", "", 5, min=0, min_exclusive=True,
        group="Help from your team")


FIELDS = form(Inputs)


@dataclass(frozen=True)
class Judged:
    measure: Measure
    value: float
    bar: float
    status: str


@dataclass(frozen=True)
class Result:
    verdict: str
    judged: tuple[Judged, ...]
    reasons: tuple[str, ...]
    extend_days: float

    @property
    def status(self) -> dict[str, str]:
        return {j.measure.key: j.status for j in self.judged}

    @property
    def missed(self) -> tuple[Judged, ...]:
        return tuple(j for j in self.judged if j.status != MEETS)


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    return _read(Inputs, raw)


def compute(i: Inputs) -> Result:
    judged = tuple(
        Judged(m, getattr(i, m.key), getattr(i, m.target_key), m.status(getattr(i, m.key), getattr(i, m.target_key)))
        for m in MEASURES
    )
    missed = [j for j in judged if j.status != MEETS]
    far = [j for j in judged if j.status == MISSES_BADLY]
    policy_missed = any(j.measure.key == "policy_accuracy_percent" for j in missed)
    if policy_missed or far:
        verdict = STOP
    elif missed:
        verdict = EXTEND
    else:
        verdict = GO
    return Result(
        verdict=verdict,
        judged=judged,
        reasons=(_why(verdict, missed, far, policy_missed),) + tuple(_miss_reason(j) for j in missed),
        extend_days=PILOT_DAYS if verdict == EXTEND else 0,
    )


def _names(judged) -> str:
    names = [j.measure.name for j in judged]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _why(verdict: str, missed, far, policy_missed: bool) -> str:
    if verdict == GO:
        return "Every measure met the bar you set."
    if verdict == EXTEND:
        return (f"{text.capital(_names(missed))} missed the bar, but not by far and policy accuracy held, "
                f"so a second {number(PILOT_DAYS)}-day period can show whether the partner closes the gap.")
    if policy_missed:
        return "Policy accuracy missed the bar: wrong answers on refunds and rules multiply with volume, so this miss alone ends the pilot."
    return (f"{text.capital(_names(far))} {'is' if len(far) == 1 else 'are'} far past the bar "
            f"(more than {number(FAR_FACTOR)} times as bad as it allows), too far to close in a second period.")


def _how_far(j: Judged) -> str:
    """'1.6 times the bar' or '14% wrong where the bar allows 10%': how far past the bar a miss is."""
    m = j.measure
    if m.lower_is_better:
        return f"{number(round(j.value / j.bar, 1))} times the bar"
    allowed = 100 - j.bar
    return f"{number(round(100 - j.value, 1))}% of sampled tickets fell short where the bar allows {number(round(allowed, 1))}%"


def _miss_reason(j: Judged) -> str:
    m = j.measure
    far = ", far off" if j.status == MISSES_BADLY else ""
    said = f"{m.name} came to {m.shown(j.value)} against your bar of {m.shown(j.bar)}; {_how_far(j)}{far}."
    return f"{m.warning}: {said}" if m.warning else text.capital(said)


def outputs(r: Result) -> dict[str, Any]:
    return {
        "verdict": r.verdict,
        "reasons": list(r.reasons),
        "status": r.status,
        "to_fix": [j.measure.key for j in r.missed],
        "extend_days": r.extend_days,
        "meets_count": sum(1 for j in r.judged if j.status == MEETS),
        "misses_count": len(r.missed),
    }


def _summary(r: Result) -> tuple[str, str]:
    if r.verdict == GO:
        return ("Go: every measure met the bar your team set.",
                "Move to the planned scope, and keep these five measures in the partner's regular report.")
    if r.verdict == EXTEND:
        return (f"Extend: {_names(r.missed)} missed the bar, though not by far, and policy accuracy held.",
                f"Run a second {number(PILOT_DAYS)}-day period with a plan to fix {_names(r.missed)}, then judge all five again.")
    far = [j for j in r.judged if j.status == MISSES_BADLY]
    if r.status["policy_accuracy_percent"] != MEETS:
        first = "Stop: policy accuracy missed the bar your team set."
    else:
        first = f"Stop: {_names(far)} {'is' if len(far) == 1 else 'are'} far past the bar your team set."
    return (first,
            "A partner that cannot clear the bar while closely watched rarely gets better at full volume: end the pilot, or restart it with another partner.")


# Each status and the verdict as chips on the page (render.verdict): color, icon and word.
_TONE = {MEETS: "good", MISSES: "watch", MISSES_BADLY: "bad", GO: "good", EXTEND: "watch", STOP: "bad"}


def _verdict_row(out: dict[str, Any]) -> tuple[render.Cell, ...]:
    label, value = render.measure("Verdict", out, "verdict", text.capital)
    return label, render.verdict(value, _TONE[out["verdict"]])


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
    word = {MEETS: "Meets", MISSES: "Misses", MISSES_BADLY: "Misses, far off"}
    measure_rows = tuple(
        (
            render.cell(text.capital(j.measure.name)),
            render.cell(j.measure.shown(j.value)),
            render.cell(("at most " if j.measure.lower_is_better else "at least ") + j.measure.shown(j.bar)),
            render.verdict(render.cell(word[j.status]), _TONE[j.status]),
            render.cell(j.measure.warning if j.status != MEETS and j.measure.warning else "–"),
        )
        for j in r.judged
    )
    names = {m.key: m.name for m in MEASURES}
    verdict_rows = (
        _verdict_row(out),
        render.measure("Further pilot days", out, "extend_days", number),
        render.measure("Measures", out, "status",
                       lambda status: f"{sum(1 for v in status.values() if v == MEETS)} meet, "
                                      f"{sum(1 for v in status.values() if v != MEETS)} miss"),
        render.measure("Meet the bar", out, "meets_count"),
        render.measure("Miss the bar", out, "misses_count"),
        render.measure("To fix", out, "to_fix", lambda keys: ", ".join(names[k] for k in keys) or "nothing"),
        render.measure("Reasons", out, "reasons", len),
    )
    tables = (
        render.table("Pilot verdict", ("Measure", "Value"), verdict_rows),
        render.table("Each measure against your bar", ("Measure", "Pilot", "Your bar", "Status", "Early warning sign"),
                     measure_rows),
        render.table("Why", ("Reason",), tuple((render.cell(reason),) for reason in r.reasons)),
    )
    notes = []
    if i.ramp_days > PILOT_DAYS:
        notes.append(f"Agents were not working alone within the {number(PILOT_DAYS)}-day pilot, so the other measures "
                     "describe supervised work and flatter the partner.")
    notes.append(f"Far off means more than {number(FAR_FACTOR)} times as bad as the bar allows; for policy accuracy and "
                 "brand voice that compares the share of tickets that fell short.")
    return render.Report(summary=_summary(r), tables=tables, notes=tuple(notes))
