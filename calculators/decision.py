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

Worked example (a doctest): sensitive data yes, volume swings yes, seasonal spikes yes,
everything else no -> in-house group 1, scale group 2 -> ``"hybrid"``, leaning
``"outsource"``, three reasons.

>>> import calculators
>>> out = calculators.run("decision", {"sensitive_data": "yes", "volume_variable": "yes",
...                                    "seasonal_spikes": "yes"})["outputs"]
>>> out["in_house_count"], out["scale_count"], out["recommendation"], out["leaning"], len(out["reasons"])
(1, 2, 'hybrid', 'outsource', 3)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .core import render
from .core.fields import Field, declare, form, metadata, read as _read
from .core.text import plural

NAME = "decision"
TITLE = "Decision: in-house, outsource or hybrid"
SUMMARY = "Answer yes, no or unsure to the checklist and, if you like, to the longer list of signals; see which way of staffing support they point to, and why."

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
    """What a yes to one question means: the model it points to and the reason it gives."""

    points_to: str  # IN_HOUSE, OUTSOURCE or READINESS
    reason: str


def _signal(label: str, points_to: str, reason: str, group: str, help: str = "") -> bool:
    """A yes/no question, declared with what a yes means."""
    return declare(label, "bool", default=False, help=help, group=group, meta=Signal(points_to, reason), unsure=True)


@dataclass(frozen=True)
class Inputs:
    """The answers, in the form's order; each attribute declares its own question."""

    # The checklist (contract keys)
    needs_judgment: bool = _signal("Most tickets call for judgment, not a script", IN_HOUSE,
        "Most tickets need judgment, which people close to your product and policies give best.", CHECKLIST,
        "Answers that depend on reading the situation rather than following steps.")
    sensitive_data: bool = _signal("Agents see sensitive or regulated data", IN_HOUSE,
        "Agents touch sensitive or regulated data, and every extra party with access adds risk.", CHECKLIST,
        "Addresses, payment details, account access, health or financial records.")
    brand_critical: bool = _signal("Support is central to your brand experience", IN_HOUSE,
        "Support is part of what customers buy from you, so its tone is hard to hand over.", CHECKLIST)
    volume_variable: bool = _signal("Ticket volume swings a lot or is seasonal", OUTSOURCE,
        "Volume swings, and a partner can add and shed agents faster than you can hire.", CHECKLIST)
    needs_24_7_or_multilingual: bool = _signal("You need round-the-clock or multilingual cover", OUTSOURCE,
        "You need cover around the clock or in several languages, which a partner already has.", CHECKLIST)
    # The guide's further signals for keeping support in-house
    low_volume_high_complexity: bool = _signal("Few tickets, but complex ones", IN_HOUSE,
        "Your tickets are few but complex, needing investigation or other teams' help.", MORE_IN_HOUSE,
        "Cases that need digging, several teams, or a solution made for one customer.")
    service_differentiates: bool = _signal("Service is how you stand out from competitors", IN_HOUSE,
        "Service sets you apart, so the people giving it should live your standards every day.", MORE_IN_HOUSE)
    policy_discretion: bool = _signal("Agents often make exceptions to policy", IN_HOUSE,
        "Agents often decide refunds and exceptions, which stay consistent only with close alignment.", MORE_IN_HOUSE,
        "Refunds, goodwill gestures, edge cases decided case by case.")
    regulated_industry: bool = _signal("You work under regulation or hold personal data at scale", IN_HOUSE,
        "Regulation or personal data calls for direct oversight and tight access control.", MORE_IN_HOUSE,
        "Finance, health, or workflows an auditor checks.")
    # The guide's further signals for outside help
    high_volume_repetitive: bool = _signal("Many tickets are simple and repeat", OUTSOURCE,
        "Much of the volume is simple and repeats, work an external team handles well from a playbook.", MORE_SCALE,
        "Password resets, order status, common how-to questions.")
    seasonal_spikes: bool = _signal("Launches, holidays or promotions bring spikes", OUTSOURCE,
        "Spikes around launches or holidays need extra hands only for a while.", MORE_SCALE)
    language_needs: bool = _signal("Customers need languages your team lacks", OUTSOURCE,
        "Customers need languages your team lacks, which a partner can staff quickly.", MORE_SCALE)
    after_hours_gaps: bool = _signal("Evenings, nights or weekends go uncovered", OUTSOURCE,
        "Evenings, nights or weekends are uncovered, and a partner usually covers them for less.", MORE_SCALE)
    # Readiness for a hybrid: shapes the advice, never the recommendation
    internal_owner: bool = _signal("Someone in-house can own QA, escalations and policy", READINESS,
        "Someone in your team can own quality checks, escalations and policy for a partner.", HYBRID_READY,
        "In a split, these stay inside: they hold the knowledge a partner borrows.")
    routine_separable: bool = _signal("Routine tickets can be told apart from the rest", READINESS,
        "Routine tickets can be routed apart from complex or sensitive ones.", HYBRID_READY,
        "By form, tag or channel, so simple work can go out and the rest stay in.")


FIELDS = form(Inputs)
SIGNALS: dict[str, Signal] = metadata(Inputs)


@dataclass(frozen=True)
class Result:
    recommendation: str  # "in-house", "outsource" or "hybrid"
    leaning: str  # "in-house", "outsource", "even" or "none"
    in_house_count: int
    scale_count: int
    readiness_count: int
    reasons: tuple[str, ...]
    answers: tuple[tuple[Field, bool | None], ...]  # each question and its answer (None: unsure), in the form's order
    unsure: tuple[str, ...]  # the keys answered "unsure"
    if_unsure_were_yes: str  # the recommendation if every unsure answer were a yes


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    return _read(Inputs, raw)


def _recommend(in_house: int, scale: int) -> str:
    if in_house and scale:
        return HYBRID
    return OUTSOURCE if scale else IN_HOUSE


def compute(i: Inputs) -> Result:
    # An unsure answer (None) is not a yes: it never moves the recommendation, and the
    # report says what it would be if the unsure answers turned out yes.
    answers = tuple((f, getattr(i, f.key)) for f in FIELDS)
    yes_for = [SIGNALS[f.key].points_to for f, yes in answers if yes is True]
    in_house, scale, readiness = (yes_for.count(group) for group in (IN_HOUSE, OUTSOURCE, READINESS))
    recommendation = _recommend(in_house, scale)
    maybe_for = yes_for + [SIGNALS[f.key].points_to for f, yes in answers if yes is None]
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
        reasons=tuple(SIGNALS[f.key].reason for f, yes in answers if yes is True),
        answers=answers,
        unsure=tuple(f.key for f, yes in answers if yes is None),
        if_unsure_were_yes=_recommend(maybe_for.count(IN_HOUSE), maybe_for.count(OUTSOURCE)),
    )


def outputs(r: Result) -> dict[str, Any]:
    return {
        "recommendation": r.recommendation,
        "reasons": list(r.reasons),
        "leaning": r.leaning,
        "in_house_count": r.in_house_count,
        "scale_count": r.scale_count,
        "readiness_count": r.readiness_count,
        "unsure": list(r.unsure),
        "if_unsure_were_yes": r.if_unsure_were_yes,
    }


_SHOWN = {IN_HOUSE: "In-house", OUTSOURCE: "Outsource", HYBRID: "Hybrid"}
_POINTS_TO = {IN_HOUSE: "in-house", OUTSOURCE: "outside help", READINESS: "ready for a split"}
_TOTAL = {group: sum(1 for s in SIGNALS.values() if s.points_to == group) for group in (IN_HOUSE, OUTSOURCE, READINESS)}
_LEANING = {"none": "No yes answers", "even": "Even", **_SHOWN}


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


def _recommendation_row(out: dict[str, Any]) -> tuple[render.Cell, ...]:
    """The recommendation as a chip (render.verdict): none of the three is good or bad."""
    label, value = render.measure("Recommendation", out, "recommendation", _SHOWN.get)
    return label, render.verdict(value, "info")


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
    word = _SHOWN[r.recommendation]
    summary = (
        f"{word}: {plural(r.in_house_count, 'answer points', 'answers point')} to keeping support in-house "
        f"and {r.scale_count} to outside help.",
        _advice(r),
    )
    if r.unsure:
        turn = ("would stay " + word.lower()) if r.if_unsure_were_yes == r.recommendation \
            else "would become " + _SHOWN[r.if_unsure_were_yes].lower()
        summary += (f"{plural(len(r.unsure), 'answer is', 'answers are')} unsure: if "
                    f"{'it were' if len(r.unsure) == 1 else 'they were'} yes, the recommendation {turn}.",)
    result_rows = (
        _recommendation_row(out),
        render.measure("Leaning", out, "leaning", _LEANING.get),
        render.measure("Yes answers for in-house", out, "in_house_count", lambda n: f"{n} of {_TOTAL[IN_HOUSE]}"),
        render.measure("Yes answers for outside help", out, "scale_count", lambda n: f"{n} of {_TOTAL[OUTSOURCE]}"),
        render.measure("Ready for a split", out, "readiness_count", lambda n: f"{n} of {_TOTAL[READINESS]}"),
        render.measure("Reasons", out, "reasons", lambda reasons: plural(len(reasons), "reason", "reasons")),
        render.measure("Unsure answers", out, "unsure", len),
        render.measure("If the unsure answers were yes", out, "if_unsure_were_yes", _SHOWN.get),
    )
    answer_rows = tuple(
        (render.cell(f.label),
         render.verdict(render.cell("Unsure"), "watch") if yes is None else render.cell("Yes" if yes else "No"),
         render.cell(_POINTS_TO[SIGNALS[f.key].points_to] if yes else "–"))
        for f, yes in r.answers
    )
    tables = (
        render.table("The recommendation", ("Measure", "Value"), result_rows),
        render.table("Your answers", ("Signal", "Your answer", "Points to"), answer_rows),
    )
    if r.reasons:
        tables += (render.table("Why", ("Reason",), tuple((render.cell(reason),) for reason in out["reasons"])),)
    # Work going outside is priced next: the cost calculator compares every way to buy it.
    links = (render.Link("Now cost it: compare vendor prices with in-house", "cost", ()),) \
        if r.recommendation in (OUTSOURCE, HYBRID) else ()
    return render.Report(summary=summary, tables=tables, notes=_notes(r, i), links=links)
