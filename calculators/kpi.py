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

from .core import render, text
from .core.fields import declare, form, read as _read
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
    definition: str  # how the KPI is counted: the KPI page and the SLA schedule say the same

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
        Band("chat_response_minutes", "live chat average response time", True, chat.low, chat.low * (1 + TIME_WATCH_SHARE),
             "minutes", "Process change",
             "put more agents on chat in the hours it peaks and route chats so none wait unassigned.",
             "Average, over the month's chats, of the minutes a customer waits for an agent's reply, while chat is open; automated greetings are not replies."),
        Band("email_response_hours", "email average response time", True, email.low, email.low * (1 + TIME_WATCH_SHARE),
             "hours", "Process change",
             "match email staffing to when tickets arrive, sort the queue by urgency and answer common questions with macros.",
             "Average, over the month's emails and tickets, of the hours a customer message waits for an agent's reply, in calendar hours; automatic acknowledgments are not replies."),
        Band("fcr_percent", "first contact resolution", False, fcr.low, fcr.low - POINTS_WATCH, "%", "Retraining",
             "retrain agents on the top reasons customers contact you, fill the gaps in the knowledge base and let agents settle common cases without a handoff.",
             "Share of the month's issues solved in the first contact, with no repeat contact on the same issue within the window both sides agree, counted from the help desk's data, not from a box an agent checks."),
        Band("csat_percent", "customer satisfaction", False, csat.low, csat.low - POINTS_WATCH, "%", "Retraining",
             "read the low-scored conversations, coach agents on tone and on complete answers, and run refresher sessions where the same gap keeps showing.",
             "Share of the month's returned satisfaction surveys whose answer counts as satisfied on the agreed survey and scale."),
        Band("resolution_hours", "resolution time for simple issues", True, resolution.low, resolution.high, "hours",
             "Process change",
             "find where simple tickets sit waiting (handoffs, replies from other teams) and remove that step; route them to someone who can close them.",
             "Average, over the month's simple issues (the contact reasons the scope lists as simple), of the hours from the first message to the final solve."),
        Band("escalation_percent", "escalation rate", True, escalation.low, escalation.high, "%", "Scope change",
             "write down the policies agents escalate about, let them decide more alone, or narrow the ticket types the team takes on.",
             "Contacts passed to the client's team or a higher tier, as a share of all contacts the team handled in the month, each with a reason code."),
    )


BANDS: tuple[Band, ...] = _bands()
_BY_KEY = {b.key: b for b in BANDS}


def _benchmark(key: str) -> str:
    return f"Benchmark: {format_figure(figure(key))}."


@dataclass(frozen=True)
class Inputs:
    """What a reader types; each attribute declares its own form field. Every KPI may be
    left empty, and is then not judged."""

    chat_response_minutes: float | None = declare(
        "Live chat average response time", "number", "minutes", 40, min=0, required=False,
        help="Average time a chat customer waits for an agent's reply. " + _benchmark("chat_response_minutes"))
    email_response_hours: float | None = declare(
        "Email average response time", "number", "hours", 20, min=0, required=False,
        help="Average time an email or ticket waits for an agent's reply. " + _benchmark("email_response_hours"))
    fcr_percent: float | None = declare(
        "First contact resolution", "percent", "%", 72, min=0, max=100, required=False,
        help="Share of issues solved in the first contact, with no follow-up. " + _benchmark("fcr_percent"))
    csat_percent: float | None = declare(
        "Customer satisfaction (CSAT)", "percent", "%", 82, min=0, max=100, required=False,
        help="Share of survey answers that are satisfied. " + _benchmark("csat_percent"))
    resolution_hours: float | None = declare(
        "Resolution time for simple issues", "number", "hours", 20, min=0, required=False,
        help="Average time from first message to solved, for simple issues. " + _benchmark("resolution_hours"))
    escalation_percent: float | None = declare(
        "Escalation rate", "percent", "%", 18, min=0, max=100, required=False,
        help="Share of tickets passed to another tier or team. " + _benchmark("escalation_percent"))


FIELDS = form(Inputs)


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
    return _read(Inputs, raw)


def compute(i: Inputs) -> Result:
    judged = []
    for band in BANDS:
        value = getattr(i, band.key)
        if value is not None:
            judged.append(Judged(band, value, band.judge(value)))
    return Result(judged=tuple(judged))


def _action(j: Judged) -> str:
    where = "misses its benchmark" if j.status == MISSES else "is on watch"
    return f"{text.capital(j.band.short)}, {j.band.shown(j.value)}, {where}. {j.band.action_kind}: {j.band.action}"


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


def _counts(status: dict[str, str]) -> str:
    if not status:
        return "nothing judged"
    tally = [sum(1 for v in status.values() if v == word) for word in (MEETS, WATCH, MISSES)]
    return f"{tally[0]} meet, {tally[1]} watch, {tally[2]} miss"


# Each status as a verdict chip on the page (render.verdict): color, icon and word.
_TONE = {MEETS: "good", WATCH: "watch", MISSES: "bad"}


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
    word = {MEETS: "Meets", WATCH: "Watch", MISSES: "Misses"}
    detail_rows = tuple(
        (
            render.cell(text.capital(j.band.short)),
            render.cell(j.band.shown(j.value)),
            render.cell(format_figure(figure(j.band.key))),
            render.cell(j.band.bands_text()),
            render.verdict(render.cell(word[j.status]), _TONE[j.status]),
            render.cell("–" if j.status == MEETS else f"{j.band.action_kind}: {j.band.action}"),
        )
        for j in r.judged
    )
    summary_rows = (
        render.measure("Status", out, "status", _counts),
        render.measure("KPIs judged", out, "judged_count"),
        render.measure("Meet their benchmark", out, "meets_count"),
        render.measure("On watch", out, "watch_count"),
        render.measure("Miss their benchmark", out, "misses_count"),
        render.measure("Actions", out, "actions", len),
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
    notes.append("Download the SLA schedule for a contract schedule with these benchmarks as targets and your figures "
                 "beside them.")
    return render.Report(summary=_summary(r), tables=tables, notes=tuple(notes))


# The SLA schedule: the bands as contract terms. Meeting the benchmark is the service level;
# the watch band calls for a written improvement plan; past it, a service credit is due. That
# reading of the bands, and the credit terms' defaults (the figures marked site-assumption),
# are our assumption (the sources give no credit terms), and the schedule says so. The
# playbook's full SLA schedule template (templates/downloads/sla-schedule.md) carries these
# same rows and credit terms, with the service-level lines added.
SLA_KIND = "sla.md"
_LABELS = {f.key: f.label for f in FIELDS}


def _limit(band: Band, value: float, strict: bool) -> str:
    """'at most 60 minutes' / 'at least 85%': a band edge as a contract line."""
    word = ("at most " if strict else "over ") if band.lower_is_better else ("at least " if strict else "under ")
    return word + band.shown(value)


def _plan_band(band: Band) -> str:
    low, high = sorted((band.meets, band.watch))
    return f"{number(low)}–{band.shown(high)}"


def sla_rows(i: Inputs | None) -> list[tuple[str, ...]]:
    """One row per KPI: name, definition, target, improvement-plan band, credit trigger and the
    reader's level today (with its status), or "not measured" where the KPI was left empty."""
    rows = []
    for band in BANDS:
        value = getattr(i, band.key) if i is not None else None
        if i is None:
            today = "[ ]"
        else:
            today = "not measured" if value is None else f"{band.shown(value)} ({band.judge(value)})"
        rows.append((_LABELS[band.key], band.definition, _limit(band, band.meets, True), _plan_band(band),
                     _limit(band, band.watch, False), today))
    return rows


def service_level_rows() -> list[tuple[str, ...]]:
    """The SLA schedule's lines beyond the six KPIs, as the playbook's SLA schedule template
    and the decision pack's workbook both state them: KPI, definition and measurement, target,
    improvement plan when, service credit when, where the target comes from. The voice and
    chat service levels are the staffing convention the staffing and cost calculators staff
    and pay for (an average alone can be met by under-staffing the peak); the other targets
    are our assumption (figures marked site-assumption)."""
    level = (f"at least {format_figure(figure('service_level_percent'))} within "
             f"{format_figure(figure('answer_seconds'))}")
    convention = "Workforce convention; the level the staffing and cost calculators staff and pay for"
    week, month = "any week below target", "month below target"
    return [
        ("Voice service level",
         "Share of calls offered in each half-hour that an agent answers within the target time; calls abandoned "
         "after the target time count as missed, those abandoned sooner are left out; summed over the month's "
         "staffed hours", level, week, month, convention),
        ("Voice abandonment",
         "Share of calls offered that the caller ends after the target time and before an agent answers",
         format_figure(figure("sla_abandon_percent")), "any week above target", "month above target", "Our assumption"),
        ("Chat service level",
         "Share of chats offered in each half-hour that get an agent's first reply within the target time (an "
         "automated greeting is not a reply), summed over the month's staffed hours", level, week, month, convention),
        ("Email within threshold",
         "Share of the month's emails and tickets whose first agent reply comes within the email benchmark time, "
         "in calendar hours",
         f"at least {format_figure(figure('sla_email_within_percent'))} within "
         f"{format_figure(figure('email_response_hours'), 'low')} hours", week, month,
         "The benchmark time is the outsourcing guide's; the share is our assumption"),
        ("QA score",
         f"Average score of the month's QA sample ({format_figure(figure('qa_sample_per_agent_week'))} tickets per "
         "agent per week, on the QA rubric), a ticket with an automatic fail scoring 0",
         format_figure(figure("qa_pass_mark_percent")), week, month, "Our assumption (the rubric's pass mark)"),
        ("Schedule adherence",
         "Minutes agents were available for contacts as scheduled, as a share of the minutes scheduled, from the "
         "workforce tool", format_figure(figure("sla_adherence_percent")), week, month, "Our assumption"),
    ]


SLA_HEADERS = ("KPI", "Definition", "Service level (target)", "Improvement plan when", "Service credit when",
               "Your level today")


def sla_schedule(i: Inputs | None) -> str:
    """The SLA schedule as Markdown, for the contract's annex; ``i`` None gives the blank
    template (no reader figures), as the site's downloads offer it."""
    cell = render.md_escape
    table = ["| " + " | ".join(SLA_HEADERS) + " |", "|" + "---|" * len(SLA_HEADERS)]
    table += ["| " + " | ".join(cell(c) for c in row) + " |" for row in sla_rows(i)]
    blank = "[ ]"
    return "\n".join([
        "# Schedule: service levels and service credits",
        "",
        "Annex to the services agreement between [client] and [partner]. Prepared with the KPI check of the "
        "Support Sourcing Playbook: each target is the line of a typical benchmark range for customer service, the "
        "definitions are those of its KPI page, and the last column is the client's own level when this schedule "
        "was drawn up.",
        "",
        "## 1. Service levels",
        "",
        *table,
        "",
        "A level exactly on a line counts as met. Where the client's level today is better than the target, "
        "consider writing the client's level in as the target instead.",
        "",
        "## 2. Measurement",
        "",
        "- Every KPI is measured per calendar month, per channel, from the client's help desk, which the partner's "
        "agents work in under accounts the client controls.",
        f"- The partner reports each KPI weekly and the month's figures within "
        f"{format_figure(figure('sla_reporting_days'))} of the month's end, with the ticket-level data behind them.",
        f"- Contacts outside the agreed scope, and hours outside the agreed coverage, are excluded: {blank}.",
        "",
        "## 3. Improvement plan",
        "",
        f"When a KPI falls in its improvement-plan band for a month, the partner delivers a written plan (cause, "
        f"fix, owner, date) within {blank} business days, and the KPI is reviewed weekly until it is met again.",
        "",
        "## 4. Service credits",
        "",
        f"- When a KPI falls past its service-credit line for a month, the partner credits "
        f"{format_figure(figure('sla_credit_percent'))} of that month's fees for the channel concerned, up to "
        f"{format_figure(figure('sla_at_risk_cap_percent'), 'low')} of the month's fees in total (the fees at risk).",
        f"- A credit is returned to the partner if the same KPI then meets its target for "
        f"{format_figure(figure('sla_earn_back_months'))} in a row (earn-back).",
        f"- When the same KPI is past its credit line in {format_figure(figure('sla_termination_misses'))} of any 6 "
        "consecutive months, the client may end the agreement for that channel without paying for the rest of the "
        "minimum term.",
        "- Credits do not limit the client's other rights under the agreement.",
        "",
        "## 5. Notes",
        "",
        "- The credit, cap, earn-back, reporting and termination defaults are our assumption: the playbook's "
        "sources give no figures for them, so they are a starting point for the two sides to negotiate.",
        "- Reading the bands as target, improvement plan and credit is our assumption; the bands "
        "themselves are those of its KPI check.",
        "",
    ])


def attachments(i: Inputs, r: Result) -> dict[str, str]:
    """The reader's SLA schedule (Markdown), with their KPI figures beside the targets."""
    return {SLA_KIND: sla_schedule(i)}
