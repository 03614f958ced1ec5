"""KPI health check: each support KPI judged against the guide's benchmark range.

Benchmarks (source: guide-2026, read from :mod:`calculators.figures`, never retyped):
live chat response under 60 minutes, email response under 24 hours, first contact
resolution (FCR) 70–85%, CSAT 85% or more, simple issues resolved within 24–48 hours,
escalation rate under 10–15%.

Each KPI gets three bands: ``"meets"``, ``"watch"`` (between good and bad) and
``"misses"``. A value exactly on a line counts on the better side.

* Where the guide gives a hedged range for a limit (escalation under 10–15%, resolution
  within 24–48 hours), the stricter number is the line to meet and the range itself is
  the watch band: meets ≤ 10%, watch ≤ 15%, misses above; meets ≤ 24 h, watch ≤ 48 h,
  misses above.
* Where the guide gives one time limit (chat 60 minutes, email 24 hours), the watch band
  runs a quarter past it (:data:`TIME_WATCH_SHARE`): chat 60–75 minutes, email 24–30 hours.
* Where the guide gives a floor in percent (CSAT 85%, FCR 70%), the watch band is the
  :data:`POINTS_WATCH` points below it: CSAT 80–85%, FCR 65–70%. FCR above 85% meets (it is
  good news), with a note to check repeat contacts, since closing tickets early inflates it.

A KPI left empty is not judged; nothing entered gives no status and no actions. Each KPI
that does not meet gets its corrective action (retraining, a process change or a scope
change, as the guide groups them), specific to that KPI.

Worked example (the defaults; checked in tests): chat 40 min (≤ 60: meets), email 20 h
(≤ 24: meets), FCR 72% (≥ 70: meets), CSAT 82% (80–85: watch), resolution 20 h (≤ 24:
meets), escalation 18% (> 15: misses) -> 4 meet, 1 watch, 1 misses; two actions.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import render
from .fields import Field, read as _read
from .figures import format_figure, get as figure, number

NAME = "kpi"
TITLE = "KPI check: your support against benchmark ranges"
SUMMARY = "Enter the KPIs you track; each is judged against the guide's benchmark range as meets, watch or misses, with what to do about each that falls short."

# Assumptions of this calculator (not from the sources): how wide the watch band is where
# the guide gives a single line rather than a range. See the page's Method section.
TIME_WATCH_SHARE = 0.25  # a response time up to a quarter past its limit is "watch"
POINTS_WATCH = 5.0  # a percentage up to 5 points under its floor is "watch"

MEETS, WATCH, MISSES = "meets", "watch", "misses"


@dataclass(frozen=True)
class Band:
    """How one KPI is judged: ``lower_is_better`` limits or ``higher`` floors."""

    key: str
    short: str  # the KPI's name mid-sentence
    lower_is_better: bool
    meets: float  # the line to meet (inclusive)
    watch: float  # the far edge of the watch band (inclusive)
    unit: str
    action_kind: str
    action: str

    def judge(self, value: float) -> str:
        if self.lower_is_better:
            return MEETS if value <= self.meets else WATCH if value <= self.watch else MISSES
        return MEETS if value >= self.meets else WATCH if value >= self.watch else MISSES

    def shown(self, value: float) -> str:
        return f"{number(round(value, 1))}%" if self.unit == "%" else f"{number(round(value, 1))} {self.unit}"

    def bands_text(self) -> str:
        low, high = sorted((self.meets, self.watch))
        span = f"{number(low)}–{self.shown(high)}"
        if self.lower_is_better:
            return f"meets at or under {self.shown(self.meets)}; watch {span}; misses over {self.shown(self.watch)}"
        return f"meets at or over {self.shown(self.meets)}; watch {span}; misses under {self.shown(self.watch)}"


def _bands() -> tuple[Band, ...]:
    chat, email = figure("chat_response_minutes"), figure("email_response_hours")
    fcr, csat = figure("fcr_percent"), figure("csat_percent")
    resolution, escalation = figure("resolution_hours"), figure("escalation_percent")
    return (
        Band("chat_response_minutes", "live chat response time", True, chat.low, chat.low * (1 + TIME_WATCH_SHARE),
             "minutes", "Process change",
             "put more agents on chat in the hours it peaks and route chats so none wait unassigned."),
        Band("email_response_hours", "email response time", True, email.low, email.low * (1 + TIME_WATCH_SHARE),
             "hours", "Process change",
             "match email staffing to when tickets arrive, sort the queue by urgency and answer common questions with macros."),
        Band("fcr_percent", "first contact resolution", False, fcr.low, fcr.low - POINTS_WATCH, "%", "Retraining",
             "retrain agents on the top reasons customers contact you, fill the gaps in the knowledge base and let agents settle common cases without a handoff."),
        Band("csat_percent", "customer satisfaction", False, csat.low, csat.low - POINTS_WATCH, "%", "Retraining",
             "read the low-scored conversations, coach agents on tone and on complete answers, and run refresher sessions where the same gap keeps showing."),
        Band("resolution_hours", "resolution time for simple issues", True, resolution.low, resolution.high, "hours",
             "Process change",
             "find where simple tickets sit waiting (handoffs, replies from other teams) and remove that step; route them to someone who can close them."),
        Band("escalation_percent", "escalation rate", True, escalation.low, escalation.high, "%", "Scope change",
             "write down the policies agents escalate about, let them decide more alone, or narrow the ticket types the team takes on."),
    )


BANDS: tuple[Band, ...] = _bands()
_BY_KEY = {b.key: b for b in BANDS}

FIELDS: tuple[Field, ...] = (
    Field("chat_response_minutes", "Live chat response time", "number", "minutes", 40, min=0, required=False,
          help=f"Average time to the first reply on chat. Benchmark: {format_figure(figure('chat_response_minutes'))}."),
    Field("email_response_hours", "Email response time", "number", "hours", 20, min=0, required=False,
          help=f"Average time to the first reply on email or tickets. Benchmark: {format_figure(figure('email_response_hours'))}."),
    Field("fcr_percent", "First contact resolution", "percent", "%", 72, min=0, max=100, required=False,
          help=f"Share of issues solved in the first contact, with no follow-up. Benchmark: {format_figure(figure('fcr_percent'))}."),
    Field("csat_percent", "Customer satisfaction (CSAT)", "percent", "%", 82, min=0, max=100, required=False,
          help=f"Share of survey answers that are satisfied. Benchmark: {format_figure(figure('csat_percent'))}."),
    Field("resolution_hours", "Resolution time for simple issues", "number", "hours", 20, min=0, required=False,
          help=f"Average time from first message to solved, for simple issues. Benchmark: {format_figure(figure('resolution_hours'))}."),
    Field("escalation_percent", "Escalation rate", "percent", "%", 18, min=0, max=100, required=False,
          help=f"Share of tickets passed to another tier or team. Benchmark: {format_figure(figure('escalation_percent'))}."),
)


@dataclass(frozen=True)
class Inputs:
    chat_response_minutes: float | None
    email_response_hours: float | None
    fcr_percent: float | None
    csat_percent: float | None
    resolution_hours: float | None
    escalation_percent: float | None


@dataclass(frozen=True)
class Judged:
    band: Band
    value: float
    status: str


@dataclass(frozen=True)
class Result:
    judged: tuple[Judged, ...]  # in the order of the form, only the KPIs entered

    @property
    def status(self) -> dict[str, str]:
        return {j.band.key: j.status for j in self.judged}

    @property
    def actions(self) -> list[str]:
        return [_action(j) for j in self.judged if j.status != MEETS]

    def count(self, status: str) -> int:
        return sum(1 for j in self.judged if j.status == status)


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    return _read(FIELDS, raw, Inputs)


def compute(i: Inputs) -> Result:
    judged = []
    for band in BANDS:
        value = getattr(i, band.key)
        if value is not None:
            judged.append(Judged(band, value, band.judge(value)))
    return Result(judged=tuple(judged))


def _action(j: Judged) -> str:
    where = "misses its benchmark" if j.status == MISSES else "is on watch"
    return f"{_capital(j.band.short)}, {j.band.shown(j.value)}, {where}. {j.band.action_kind}: {j.band.action}"


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def outputs(r: Result) -> dict[str, Any]:
    return {
        "status": r.status,
        "actions": r.actions,
        "judged_count": len(r.judged),
        "meets_count": r.count(MEETS),
        "watch_count": r.count(WATCH),
        "misses_count": r.count(MISSES),
    }


def _names(judged: list[Judged]) -> str:
    names = [j.band.short for j in judged]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _summary(r: Result) -> tuple[str, str]:
    if not r.judged:
        return ("Nothing was judged: every KPI is empty.", "Enter at least one KPI you track to see how it compares with its benchmark.")
    n, meets, watch, misses = len(r.judged), r.count(MEETS), r.count(WATCH), r.count(MISSES)
    if n == 1:
        j = r.judged[0]
        phrase = {MEETS: "meets its benchmark", WATCH: "is on watch, just past its benchmark", MISSES: "misses its benchmark"}
        first = f"Your {j.band.short}, {j.band.shown(j.value)}, {phrase[j.status]}."
    elif meets == n:
        first = f"All {n} KPIs you entered meet their benchmarks."
    else:
        first = (f"Of the {n} KPIs you entered, {meets} meet their benchmark, {watch} {'is' if watch == 1 else 'are'} "
                 f"on watch and {misses} {'misses' if misses == 1 else 'miss'}.")
    if meets == n:
        return (first, "Nothing needs correcting; check again when volume, channels or scope change.")
    parts = []
    missing = [j for j in r.judged if j.status == MISSES]
    watching = [j for j in r.judged if j.status == WATCH]
    if missing:
        parts.append(f"Act now on {_names(missing)}")
    if watching:
        parts.append(f"{'keep' if missing else 'Keep'} a close eye on {_names(watching)}")
    return (first, "; ".join(parts) + ".")


def report(i: Inputs, r: Result) -> render.Report:
    word = {MEETS: "Meets", WATCH: "Watch", MISSES: "Misses"}
    detail_rows = tuple(
        (
            render.cell(_capital(j.band.short)),
            render.cell(j.band.shown(j.value)),
            render.cell(format_figure(figure(j.band.key))),
            render.cell(j.band.bands_text()),
            render.cell(word[j.status]),
            render.cell("–" if j.status == MEETS else f"{j.band.action_kind}: {j.band.action}"),
        )
        for j in r.judged
    )
    counts = (
        f"{r.count(MEETS)} meet, {r.count(WATCH)} watch, {r.count(MISSES)} miss" if r.judged else "nothing judged"
    )
    summary_rows = (
        render.row("Status", counts, "status", r.status),
        render.row("KPIs judged", len(r.judged), "judged_count", len(r.judged)),
        render.row("Meet their benchmark", r.count(MEETS), "meets_count", r.count(MEETS)),
        render.row("On watch", r.count(WATCH), "watch_count", r.count(WATCH)),
        render.row("Miss their benchmark", r.count(MISSES), "misses_count", r.count(MISSES)),
        render.row("Actions", len(r.actions), "actions", r.actions),
    )
    tables = (render.table("Health check", ("Measure", "Value"), summary_rows),)
    if detail_rows:
        tables += (render.table("Each KPI", ("KPI", "Yours", "Benchmark", "Bands", "Status", "What to do"), detail_rows),)
    notes = []
    fcr = i.fcr_percent
    if fcr is not None and fcr > figure("fcr_percent").high:
        notes.append(
            f"First contact resolution above {number(figure('fcr_percent').high)}% is good news; check that repeat contacts "
            "and reopened tickets stay low too, since closing tickets too early also raises it."
        )
    skipped = [f.label for f in FIELDS if getattr(i, f.key) is None]
    if skipped:
        notes.append("Not judged (left empty): " + ", ".join(skipped) + ".")
    notes.append("The benchmarks are typical ranges; where your contract sets its own targets, judge against those.")
    return render.Report(summary=_summary(r), tables=tables, notes=tuple(notes))
