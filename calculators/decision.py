"""In-house, outsource, or hybrid: the decision checklist, and the longer list of signals.

The five questions (the contract): three point to keeping support in-house (tickets need
judgment, agents handle sensitive data, support is part of the brand) and two point to
outside help for scale and coverage (volume swings, round-the-clock or many-language cover).

Rule (source: guide-2026, its decision checklist and its signals for each model):

* each group is its checklist questions **plus** the guide's further signals for that model
  (in-house: low volume of complex work, service as what sets the brand apart, heavy policy
  discretion, regulated data; outsourcing: high volume of repetitive questions, seasonal
  spikes, language needs, after-hours gaps);
* ``recommendation`` is ``"hybrid"`` when both groups have at least one yes,
  ``"outsource"`` when only the scale group does, ``"in-house"`` otherwise (all no included);
* the extra signals all default to no, so with only the five answered the result is exactly
  the contract's; a yes on an extra signal counts for its group as a checklist yes would;
* ``leaning`` says which group has more yes answers (``"in-house"``, ``"outsource"``,
  ``"even"``, or ``"none"`` when every answer is no): it shapes the advice, never the
  recommendation;
* the two hybrid-readiness answers (someone in-house can own QA, escalations and policy;
  routine tickets can be split from the rest) never change the recommendation: when work is
  handed out and one of them is no, the report says what to put in place first;
* ``reasons`` holds one sentence per yes answer, in the order of the form.

Worked example (checked in tests): sensitive data yes, volume swings yes, seasonal spikes
yes, everything else no -> in-house group 1, scale group 2 -> ``"hybrid"``, leaning
``"outsource"``, three reasons.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import render
from .fields import Field, read as _read

NAME = "decision"
TITLE = "Decision: in-house, outsource or hybrid"
SUMMARY = "Answer yes or no to the checklist and, if you like, to the longer list of signals; see which way of staffing support they point to, and why."

IN_HOUSE = "in-house"
OUTSOURCE = "outsource"
HYBRID = "hybrid"
READINESS = "readiness"

CHECKLIST = "The five questions"
MORE_IN_HOUSE = "More signals for keeping support in-house"
MORE_SCALE = "More signals for outside help"
HYBRID_READY = "Ready to split the work?"


@dataclass(frozen=True)
class Signal:
    """One yes/no answer: the model it points to and the sentence a yes gives as a reason."""

    key: str
    label: str
    points_to: str  # IN_HOUSE, OUTSOURCE or READINESS
    reason: str
    group: str
    help: str = ""


SIGNALS: tuple[Signal, ...] = (
    # The checklist (contract keys)
    Signal("needs_judgment", "Most tickets call for judgment, not a script", IN_HOUSE,
           "Most tickets need judgment, which people close to your product and policies give best.", CHECKLIST,
           "Answers that depend on reading the situation rather than following steps."),
    Signal("sensitive_data", "Agents see sensitive or regulated data", IN_HOUSE,
           "Agents touch sensitive or regulated data, and every extra party with access adds risk.", CHECKLIST,
           "Addresses, payment details, account access, health or financial records."),
    Signal("brand_critical", "Support is central to your brand experience", IN_HOUSE,
           "Support is part of what customers buy from you, so its tone is hard to hand over.", CHECKLIST),
    Signal("volume_variable", "Ticket volume swings a lot or is seasonal", OUTSOURCE,
           "Volume swings, and a partner can add and shed agents faster than you can hire.", CHECKLIST),
    Signal("needs_24_7_or_multilingual", "You need round-the-clock or multilingual cover", OUTSOURCE,
           "You need cover around the clock or in several languages, which a partner already has.", CHECKLIST),
    # The guide's further signals for keeping support in-house
    Signal("low_volume_high_complexity", "Few tickets, but complex ones", IN_HOUSE,
           "Your tickets are few but complex, needing investigation or other teams' help.", MORE_IN_HOUSE,
           "Cases that need digging, several teams, or a solution made for one customer."),
    Signal("service_differentiates", "Service is how you stand out from competitors", IN_HOUSE,
           "Service sets you apart, so the people giving it should live your standards every day.", MORE_IN_HOUSE),
    Signal("policy_discretion", "Agents often make exceptions to policy", IN_HOUSE,
           "Agents often decide refunds and exceptions, which stay consistent only with close alignment.", MORE_IN_HOUSE,
           "Refunds, goodwill gestures, edge cases decided case by case."),
    Signal("regulated_industry", "You work under regulation or hold personal data at scale", IN_HOUSE,
           "Regulation or personal data calls for direct oversight and tight access control.", MORE_IN_HOUSE,
           "Finance, health, or workflows an auditor checks."),
    # The guide's further signals for outside help
    Signal("high_volume_repetitive", "Many tickets are simple and repeat", OUTSOURCE,
           "Much of the volume is simple and repeats, work an external team handles well from a playbook.", MORE_SCALE,
           "Password resets, order status, common how-to questions."),
    Signal("seasonal_spikes", "Launches, holidays or promotions bring spikes", OUTSOURCE,
           "Spikes around launches or holidays need extra hands only for a while.", MORE_SCALE),
    Signal("language_needs", "Customers need languages your team lacks", OUTSOURCE,
           "Customers need languages your team lacks, which a partner can staff quickly.", MORE_SCALE),
    Signal("after_hours_gaps", "Evenings, nights or weekends go uncovered", OUTSOURCE,
           "Evenings, nights or weekends are uncovered, and a partner usually covers them for less.", MORE_SCALE),
    # Readiness for a hybrid: shapes the advice, never the recommendation
    Signal("internal_owner", "Someone in-house can own QA, escalations and policy", READINESS,
           "Someone in your team can own quality checks, escalations and policy for a partner.", HYBRID_READY,
           "In a split, these stay inside: they hold the knowledge a partner borrows."),
    Signal("routine_separable", "Routine tickets can be told apart from the rest", READINESS,
           "Routine tickets can be routed apart from complex or sensitive ones.", HYBRID_READY,
           "By form, tag or channel, so simple work can go out and the rest stay in."),
)

FIELDS: tuple[Field, ...] = tuple(
    Field(s.key, s.label, "bool", default=False, help=s.help, group=s.group) for s in SIGNALS
)


@dataclass(frozen=True)
class Inputs:
    needs_judgment: bool
    sensitive_data: bool
    brand_critical: bool
    volume_variable: bool
    needs_24_7_or_multilingual: bool
    low_volume_high_complexity: bool
    service_differentiates: bool
    policy_discretion: bool
    regulated_industry: bool
    high_volume_repetitive: bool
    seasonal_spikes: bool
    language_needs: bool
    after_hours_gaps: bool
    internal_owner: bool
    routine_separable: bool


@dataclass(frozen=True)
class Result:
    recommendation: str  # "in-house", "outsource" or "hybrid"
    leaning: str  # "in-house", "outsource", "even" or "none"
    in_house_count: int
    scale_count: int
    readiness_count: int
    reasons: tuple[str, ...]
    answers: tuple[tuple[Signal, bool], ...]


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    return _read(FIELDS, raw, Inputs)


def compute(i: Inputs) -> Result:
    answers = tuple((s, bool(getattr(i, s.key))) for s in SIGNALS)
    in_house = sum(1 for s, yes in answers if yes and s.points_to == IN_HOUSE)
    scale = sum(1 for s, yes in answers if yes and s.points_to == OUTSOURCE)
    readiness = sum(1 for s, yes in answers if yes and s.points_to == READINESS)
    if in_house and scale:
        recommendation = HYBRID
    elif scale:
        recommendation = OUTSOURCE
    else:
        recommendation = IN_HOUSE
    if in_house == scale:
        leaning = "none" if in_house == 0 else "even"
    else:
        leaning = IN_HOUSE if in_house > scale else OUTSOURCE
    return Result(
        recommendation=recommendation,
        leaning=leaning,
        in_house_count=in_house,
        scale_count=scale,
        readiness_count=readiness,
        reasons=tuple(s.reason for s, yes in answers if yes),
        answers=answers,
    )


def outputs(r: Result) -> dict[str, Any]:
    return {
        "recommendation": r.recommendation,
        "reasons": list(r.reasons),
        "leaning": r.leaning,
        "in_house_count": r.in_house_count,
        "scale_count": r.scale_count,
        "readiness_count": r.readiness_count,
    }


_SHOWN = {IN_HOUSE: "In-house", OUTSOURCE: "Outsource", HYBRID: "Hybrid"}
_POINTS_TO = {IN_HOUSE: "in-house", OUTSOURCE: "outside help", READINESS: "ready for a split"}
_TOTAL = {group: sum(1 for s in SIGNALS if s.points_to == group) for group in (IN_HOUSE, OUTSOURCE, READINESS)}


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _advice(r: Result) -> str:
    if r.recommendation == HYBRID:
        if r.leaning == IN_HOUSE:
            return "Keep most of the work, and all policy, escalation and quality decisions, in your team; hand a partner the overflow and the hours you cannot cover."
        if r.leaning == OUTSOURCE:
            return "A partner can take most of the volume, but keep policy, escalations, quality checks and sensitive cases in your own team."
        return "Split the work: routine tickets and off-hours cover to a partner; policy, escalations, quality checks and sensitive cases stay with you."
    if r.recommendation == OUTSOURCE:
        return "Nothing you answered calls for keeping the work inside, so a partner can run the queue; someone in your team still watches its quality."
    if r.leaning == "none":
        return "No answer argues for a change: keep support in your own team and ask again when volume or cover needs grow."
    return "Nothing points to outside help, so keep support in your own team."


def _notes(r: Result, i: Inputs) -> tuple[str, ...]:
    notes = []
    if r.recommendation != IN_HOUSE:
        if not i.internal_owner:
            notes.append("Before handing work out, name who in your team owns quality checks, escalations and policy: a partner works from the standards they set.")
        if r.recommendation == HYBRID and not i.routine_separable:
            notes.append("A split needs a way to send routine tickets one way and complex or sensitive ones the other: set up the tags, forms or channels first.")
    notes.append("The five questions alone decide as the checklist does; each further signal counts for its side like a checklist answer.")
    return tuple(notes)


def report(i: Inputs, r: Result) -> render.Report:
    word = _SHOWN[r.recommendation]
    summary = (
        f"{word}: {_plural(r.in_house_count, 'answer points', 'answers point')} to keeping support in-house "
        f"and {r.scale_count} to outside help.",
        _advice(r),
    )
    result_rows = (
        render.row("Recommendation", word, "recommendation", r.recommendation),
        render.row("Leaning", {"none": "No yes answers", "even": "Even"}.get(r.leaning, _SHOWN.get(r.leaning, r.leaning)),
                   "leaning", r.leaning),
        render.row("Yes answers for in-house", f"{r.in_house_count} of {_TOTAL[IN_HOUSE]}", "in_house_count", r.in_house_count),
        render.row("Yes answers for outside help", f"{r.scale_count} of {_TOTAL[OUTSOURCE]}", "scale_count", r.scale_count),
        render.row("Ready for a split", f"{r.readiness_count} of {_TOTAL[READINESS]}", "readiness_count", r.readiness_count),
        render.row("Reasons", _plural(len(r.reasons), "reason", "reasons"), "reasons", list(r.reasons)),
    )
    answer_rows = tuple(
        (render.cell(s.label), render.cell("Yes" if yes else "No"), render.cell(_POINTS_TO[s.points_to] if yes else "–"))
        for s, yes in r.answers
    )
    tables = (
        render.table("The recommendation", ("Measure", "Value"), result_rows),
        render.table("Your answers", ("Signal", "Your answer", "Points to"), answer_rows),
    )
    if r.reasons:
        tables += (render.table("Why", ("Reason",), tuple((render.cell(reason),) for reason in r.reasons)),)
    return render.Report(summary=summary, tables=tables, notes=_notes(r, i))
