"""Vendor scorecard: two to six vendors scored 1–5 on weighted criteria, ranked.

Criteria (:data:`CRITERIA`, the one list the guide's scorecard table and this calculator
both show; sources: guide-2026, its vendor scorecard, the groups of RFP questions and the
risks of outsourcing): quality assurance, relevant experience, hiring and training,
knowledge management, escalation handling, reporting and transparency, data security and
compliance, and price. The reader may rename any of them and add up to
:data:`MAX_OWN_CRITERIA` of their own (``own_1`` … ``own_3``). Each is scored 1 (poor) to 5
(strong); for price, 5 is the best value for you.

Rules:

* weights are relative numbers, 0 or more, not all 0; a criterion weighted 0 (or one of
  the reader's own left unnamed) is left out, and its scores may stay empty;
* evaluators: ``E`` people score every vendor (1 to :data:`MAX_EVALUATORS`); a score box
  holds ``E`` whole numbers 1–5 separated by spaces, commas or slashes, one per evaluator
  in the same order; the vendor's score on a criterion is their mean
  ``s_vc = Σ_e s_vce / E``;
* disagreement: the evaluators' highest and lowest scores for one vendor on one criterion
  are :data:`DISAGREE_POINTS` (2) or more apart: flagged for discussion;
* price from quotes: when every vendor has an all-in monthly quote ``q_v``, the price score
  is ``s_v,price = max(1, 5 × min_u q_u / q_v)``: the cheapest scores 5, one twice as expensive
  2.5, and none less than 1; typed price scores are then not used. Quotes for some vendors
  only are refused (the scale needs them all);
* weighted score ``S_v = Σ w_c × s_vc / Σ w_c`` over the criteria in use: a weighted mean,
  so it stays on the 1–5 scale;
* knock-out: a criterion may carry a minimum (1–5); a vendor whose score ``s_vc`` on it is
  below the minimum is out, whatever ``S_v``: it ranks after every vendor still in;
* ranking: vendors still in first, then those knocked out; within each, higher ``S_v``
  first; scores equal to 9 decimal places tie, and a tie goes to the vendor with fewer red
  flags, then to the one entered first;
* ``weakest``: per vendor, the criteria in use with that vendor's lowest score;
* a red flag is a score of 2 or less on a heavily weighted criterion: one whose weight is
  at or above the average weight of the criteria in use;
* ``margin`` and ``close`` compare the first two vendors still in (``None`` and ``False``
  when fewer than two are): close when the margin is at most one point on the most
  heavily weighted criterion (``max w / Σ w``), so one different judgment there would
  change the order.

Inputs arrive either as the contract's structure, ``{"weights": {criterion: weight},
"vendors": [{"name": ..., "scores": {criterion: 1..5 or [one per evaluator]}, "quote":
optional}]}`` (criteria missing from ``weights`` weigh 0; without ``weights``, the default
weights of the criteria the vendors are scored on), with optional ``labels`` (criterion ->
name), ``minimums`` (criterion -> knock-out minimum) and ``evaluators``; or as the flat
form: ``name_qa``, ``weight_qa``, ``minimum_qa`` … per criterion, ``evaluators``, and
``vendor_1_name``, ``vendor_1_quote``, ``vendor_1_qa`` … up to ``vendor_6_*``; a vendor
with no name is left out.

Worked example (the defaults; checked in tests): weights QA 3, experience 2, hiring 1,
knowledge 1, escalation 2, reporting 1, security 2, price 2 (total 14); security is a
knock-out at 3. Vendor A scores 4, 3, 4, 3, 4, 3, 4, 2: (12 + 6 + 4 + 3 + 8 + 3 + 8 + 4) /
14 = 48 / 14 = 3.43. Vendor B scores 3, 4, 3, 3, 2, 4, 3, 5: (9 + 8 + 3 + 3 + 4 + 4 + 6 +
10) / 14 = 47 / 14 = 3.36. Both meet the security minimum; ranking A, B; the margin 1/14 is
under one point on QA (3/14), so the result is close. Red flags: A on price (2), B on
escalation handling (2), both weighted 2, above the average 14 / 8 = 1.75. With B's
security at 2 instead, B is out: A is the only vendor still in.
"""
from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from typing import Any, Mapping

from .core import nested_input, numbers, render, settings
from .core.text import TOLERANCE, capital, join_and, plural, truncate
from .core.fields import Field, declare, form, read as _read
from .figures import number

NAME = "scorecard"
TITLE = "Scorecard: compare vendors"
SUMMARY = ("Score two to six vendors from 1 to 5 on the criteria that predict how outsourcing goes, with one or "
           "several evaluators; weigh the criteria, set knock-outs, and see the ranking and each vendor's weak spots.")

MAX_VENDORS = 6
MIN_VENDORS = 2
MAX_OWN_CRITERIA = 3
MAX_EVALUATORS = 8
NAME_MAX_CHARS = 80
CRITERION_NAME_MAX_CHARS = 60
SCORES_MAX_CHARS = 60
LOW_SCORE = 2  # a score of 2 or less is weak
DISAGREE_POINTS = 2  # evaluators this far apart on one score should talk before deciding
TIE_DECIMALS = 9  # scores equal to this many decimals tie (float sums are not exact)


@dataclass(frozen=True)
class Criterion:
    """One criterion of the scorecard, as the guide and the calculator both show it."""

    key: str
    label: str  # as it reads mid-sentence
    title: str  # as it heads a row
    default_weight: float
    good: str  # what a 5 looks like
    poor: str  # what a 1 looks like
    follow_up: str  # what to do about a weak score before signing


CRITERIA: tuple[Criterion, ...] = (
    Criterion("qa", "quality assurance", "Quality assurance (QA)", 3,
              "Tickets reviewed on a fixed rhythm against a written rubric, each agent coached, recurring "
              "mistakes traced to a fix",
              "Cannot say how quality is checked: “team leads keep an eye on it”",
              "ask for its review forms and a sample of coached tickets, and test QA in the pilot"),
    Criterion("experience", "relevant experience", "Relevant experience", 2,
              "Current clients with a product, channel and customers like yours",
              "Nothing comparable, or only outbound sales",
              "ask for references from clients like you, and expect a slower ramp-up"),
    Criterion("hiring_training", "hiring and training", "Hiring and training", 1,
              "Structured interviews, realistic simulations, a skills test, sign-off before go-live, refreshers",
              "No screening criteria, and no answer on time to readiness",
              "ask for the screening test and the training plan, and who signs agents off"),
    Criterion("knowledge", "knowledge management", "Knowledge management", 1,
              "Changes reach every agent and are checked within a day or two",
              "No process for changes; a private wiki that drifts from yours",
              "ask how the last policy change reached agents, and how they checked it was understood"),
    Criterion("escalation", "escalation handling", "Escalation handling", 2,
              "Written triggers and handover times, kept in the pilot",
              "Left to each agent's judgment, with no target time",
              "ask for its written escalation triggers and handover times, and test them in the pilot"),
    Criterion("reporting", "reporting and transparency", "Reporting and transparency", 1,
              "Agreed metric definitions, reports on a schedule, access to your own help-desk data",
              "Reports only on request, on the vendor's own definitions",
              "ask for a sample dashboard and agree the reporting rhythm in the contract"),
    Criterion("security", "data security and compliance", "Data security and compliance", 2,
              "Independent audit reports, least-privilege access, regular access reviews, a tested breach process, "
              "the rules of your industry met",
              "Policies promised “on request” that never arrive; broad shared logins",
              "ask for its latest independent audit report and who can see your customers' data, before any pilot"),
    Criterion("price", "price", "Price", 2,
              "The best all-in value of those you compare",
              "The most expensive for what you get",
              "compare the all-in monthly cost, hidden costs included, in the cost calculator"),
)
BY_KEY = {c.key: c for c in CRITERIA}
OWN_KEYS = tuple(f"own_{n}" for n in range(1, MAX_OWN_CRITERIA + 1))
ALL_KEYS = (*BY_KEY, *OWN_KEYS)  # every criterion a form or a structure may use, in form order
PRICE = "price"
KNOCK_OUT_DEFAULTS = {"security": 3}  # our assumption: a weak security answer rules a vendor out

# The defaults are the worked example: two vendors with different strengths.
_EXAMPLE = {
    1: ("Vendor A", {"qa": 4, "experience": 3, "hiring_training": 4, "knowledge": 3, "escalation": 4,
                     "reporting": 3, "security": 4, "price": 2}),
    2: ("Vendor B", {"qa": 3, "experience": 4, "hiring_training": 3, "knowledge": 3, "escalation": 2,
                     "reporting": 4, "security": 3, "price": 5}),
}


# ----------------------------------------------------------------------- the form
# Each repeated part of the form (a criterion, a vendor) is declared once, on a small
# dataclass, and stamped out per criterion and per vendor with its own key and label.


@dataclass(frozen=True)
class CriterionForm:
    name: str | None = declare("name", "text", "", None, max=CRITERION_NAME_MAX_CHARS, required=False)
    weight: float = declare(
        "Weight", "number", "", 1, min=0, max=100, help="Relative to the other weights; 0 leaves it out.")
    minimum: int | None = declare(
        "Knock-out minimum", "integer", "", None, min=1, max=5, required=False,
        help="A vendor scoring below it is out, whatever its average.")


@dataclass(frozen=True)
class PanelForm:
    evaluators: int = declare(
        "Number of evaluators", "integer", "", 1, min=1, max=MAX_EVALUATORS, group="Evaluators",
        help="How many people score each vendor. With more than one, type one score per evaluator in each box, "
             "in the same order, separated by spaces (4 3 5): the scorecard averages them and flags scores "
             f"{DISAGREE_POINTS} or more points apart.")


@dataclass(frozen=True)
class VendorForm:
    name: str | None = declare("name", "text", "", None, required=False)
    quote: float | None = declare(
        "monthly quote", "money", "a month", None, min=0, min_exclusive=True, required=False,
        help="Optional. The vendor's all-in monthly cost: type it, or take it from a cost scenario saved in this "
             "browser. Give every vendor's and price is scored from them: the cheapest scores 5.")
    score: str | None = declare("score", "text", "", None, max=SCORES_MAX_CHARS, required=False)


def _template(form_type: type, attribute: str) -> Field:
    return next(f for f in form(form_type) if f.key == attribute)


def _criterion_label(key: str) -> str:
    """A criterion as messages name it: its built-in label, or 'your criterion 2'."""
    return BY_KEY[key].label if key in BY_KEY else f"your criterion {key.removeprefix('own_')}"


def _criterion_fields(number_: int, key: str) -> tuple[Field, ...]:
    """One fieldset per criterion: its name (to rename it), weight and knock-out minimum."""
    c = BY_KEY.get(key)
    label = _criterion_label(key)
    group = f"Criterion {number_}: {c.title}" if c else f"Criterion {number_}: your own"
    name, weight, minimum = (_template(CriterionForm, a) for a in ("name", "weight", "minimum"))
    return (
        dataclasses.replace(
            name, key=f"name_{key}", label=f"Criterion {number_} name", default=c.title if c else None, group=group,
            help=f"5: {c.good}. 1: {c.poor}." if c else "Name a criterion of your own to score it; empty leaves it out."),
        dataclasses.replace(weight, key=f"weight_{key}", label=f"Weight of {label}",
                            default=c.default_weight if c else weight.default, group=group),
        dataclasses.replace(minimum, key=f"minimum_{key}", label=f"Knock-out minimum for {label}",
                            default=KNOCK_OUT_DEFAULTS.get(key), group=group),
    )


def _vendor_fields(i: int) -> tuple[Field, ...]:
    name_, scores = _EXAMPLE.get(i, (None, {}))
    group = f"Vendor {i}"
    name, quote, score = (_template(VendorForm, a) for a in ("name", "quote", "score"))
    return (
        dataclasses.replace(name, key=f"vendor_{i}_name", label=f"Vendor {i} name", default=name_,
                            required=i <= MIN_VENDORS, group=group,
                            help="" if i <= MIN_VENDORS else "Leave empty to compare fewer vendors."),
        dataclasses.replace(quote, key=f"vendor_{i}_quote", label=f"Vendor {i} monthly quote", group=group),
        *(dataclasses.replace(score, key=f"vendor_{i}_{k}", label=f"Vendor {i} score for {_criterion_label(k)}",
                              default=str(scores[k]) if k in scores else None, group=group)
          for k in ALL_KEYS),
    )


FIELDS: tuple[Field, ...] = (
    tuple(f for n, k in enumerate(ALL_KEYS, start=1) for f in _criterion_fields(n, k))
    + form(PanelForm)
    + tuple(f for i in range(1, MAX_VENDORS + 1) for f in _vendor_fields(i))
)


# ----------------------------------------------------------------------- typed inputs


@dataclass(frozen=True)
class Used:
    """A criterion in use: weighted above 0 (and, for the reader's own, named)."""

    key: str
    name: str  # as the reader calls it, heading a row
    phrase: str  # as it reads mid-sentence: the built-in label unless the reader renamed it
    weight: float
    minimum: int | None  # knock-out minimum, or None


@dataclass(frozen=True)
class Vendor:
    name: str
    scores: dict[str, tuple[float, ...]]  # criterion key -> one score per evaluator
    quote: float | None


@dataclass(frozen=True)
class Inputs:
    criteria: tuple[Used, ...]  # in form order
    left_out: tuple[str, ...]  # names of the criteria weighted 0
    evaluators: int
    vendors: tuple[Vendor, ...]
    price_from_quotes: bool


@dataclass(frozen=True)
class Standing:
    name: str
    scores: dict[str, float]  # criterion key -> mean of the evaluators' scores
    points: float  # Σ weight × score
    score: float  # points / Σ weight
    weakest: tuple[str, ...]  # criterion keys with this vendor's lowest score
    weakest_score: float
    red_flags: tuple[str, ...]  # heavily weighted criteria scored 2 or less
    knocked_out: tuple[str, ...]  # knock-out criteria scored below their minimum
    disagreements: tuple[str, ...]  # criteria whose evaluators are DISAGREE_POINTS or more apart


@dataclass(frozen=True)
class Result:
    standings: tuple[Standing, ...]  # still in first, best first; then the knocked out
    criteria: tuple[Used, ...]
    heavy: tuple[str, ...]  # criteria at or above the average weight
    margin: float | None  # the first vendor still in minus the second
    close: bool
    ties: tuple[tuple[str, ...], ...]  # groups of vendors with equal scores, best first
    price_scores: dict[str, float] | None  # from the quotes, when every vendor gave one
    evaluators: int

    @property
    def still_in(self) -> tuple[Standing, ...]:
        return tuple(s for s in self.standings if not s.knocked_out)

    def name_of(self, key: str) -> str:
        """A criterion in use as it reads mid-sentence."""
        return next(c.phrase for c in self.criteria if c.key == key)


# ----------------------------------------------------------------------- reading

_SEPARATORS = re.compile(r"[\s,;/]+")


def parse_scores(label: str, text: str | None) -> tuple[tuple[int, ...] | None, str | None]:
    """Whole-number scores 1–5 from one box ("4", "4 3 5", "4, 3/5"), or a message."""
    if text is None:
        return None, None
    tokens = [t for t in _SEPARATORS.split(text) if t]
    scores = []
    for token in tokens:
        try:
            value = numbers.read(token)
        except numbers.NotANumber:
            return None, f"{label} must be a number; “{truncate(text, 20)}” is not one."
        if math.isnan(value):
            return None, f"{label} must be a number, not “NaN”."
        if value < 1:
            return None, f"{label} must be at least 1."
        if value > 5:
            return None, f"{label} must be at most 5."
        if not value.is_integer():
            return None, f"{label} must be a whole number."
        scores.append(int(value))
    return (tuple(scores) or None), None


OTHER_INPUTS = nested_input.STRUCTURED  # the contract's structured inputs, beside the form's


_SCORE_KEYS = frozenset(f"vendor_{i}_{k}" for i in range(1, MAX_VENDORS + 1) for k in ALL_KEYS)


def _criteria(values: Mapping[str, Any]) -> tuple[tuple[Used, ...], tuple[str, ...]]:
    """(criteria in use, names of the built-in criteria weighted 0)."""
    used, left_out = [], []
    for k in ALL_KEYS:
        name = values[f"name_{k}"] or (BY_KEY[k].title if k in BY_KEY else None)
        if name is None:
            continue  # one of the reader's own, not named: not in the scorecard
        phrase = BY_KEY[k].label if k in BY_KEY and name == BY_KEY[k].title else name
        if values[f"weight_{k}"] > 0:
            used.append(Used(k, name, phrase, float(values[f"weight_{k}"]), values[f"minimum_{k}"]))
        else:
            left_out.append(phrase)
    return tuple(used), tuple(left_out)


def _named(values: Mapping[str, Any]) -> list[int]:
    return [i for i in range(1, MAX_VENDORS + 1) if values[f"vendor_{i}_name"]]


def _quotes_complete(values: Mapping[str, Any], used: tuple[Used, ...]) -> bool:
    return any(c.key == PRICE for c in used) and all(values[f"vendor_{i}_quote"] is not None for i in _named(values))


def _validate(values: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    used, _ = _criteria(values)
    if not used:
        errors[f"weight_{CRITERIA[0].key}"] = "Give at least one criterion a weight above 0."
        return errors
    named = _named(values)
    for k in OWN_KEYS:
        if values[f"name_{k}"] is None and any(values[f"vendor_{i}_{k}"] for i in named):
            errors[f"name_{k}"] = (f"{capital(_criterion_label(k))} has scores but no name: "
                                   "name it to score it, or clear its scores.")
    seen: dict[str, tuple[int, str]] = {}  # casefolded name -> (vendor number, name as typed)
    for i in named:
        name = values[f"vendor_{i}_name"]
        if len(name) > NAME_MAX_CHARS:
            errors[f"vendor_{i}_name"] = f"Vendor {i} name is too long: keep it under {NAME_MAX_CHARS} characters."
        elif name.casefold() in seen:
            first, typed = seen[name.casefold()]
            errors[f"vendor_{i}_name"] = f"Vendor {first} is already called “{typed}”: give each vendor a different name."
        seen.setdefault(name.casefold(), (i, name))
    quoted = [i for i in named if values[f"vendor_{i}_quote"] is not None]
    if quoted and len(quoted) < len(named) and any(c.key == PRICE for c in used):
        for i in named:
            if i not in quoted:
                errors[f"vendor_{i}_quote"] = (
                    f"Vendor {i} monthly quote is empty: give every vendor's quote to score price from them, "
                    "or clear them all and type the price scores.")
    from_quotes = _quotes_complete(values, used)
    evaluators = values["evaluators"]
    for i in named:
        for c in used:
            if c.key == PRICE and from_quotes:
                continue
            key = f"vendor_{i}_{c.key}"
            label = f"Vendor {i} score for {_criterion_label(c.key)}"
            scores, error = parse_scores(label, values[key])
            if error is None and scores is None:
                error = (f"{label} is empty: enter a whole number from 1 to 5." if evaluators == 1 else
                         f"{label} is empty: enter {evaluators} scores from 1 to 5, one per evaluator.")
            elif error is None and len(scores) != evaluators:
                error = (f"{label} has {plural(len(scores), 'score', 'scores')} for "
                         f"{plural(evaluators, 'evaluator', 'evaluators')}: enter one whole number from 1 to 5 "
                         "per evaluator, in the same order, separated by spaces.")
            if error:
                errors[key] = error
    return errors


def _make(**values: Any) -> Inputs:
    used, left_out = _criteria(values)
    from_quotes = _quotes_complete(values, used)
    vendors = tuple(
        Vendor(values[f"vendor_{i}_name"],
               {c.key: parse_scores("", values[f"vendor_{i}_{c.key}"])[0]
                for c in used if not (c.key == PRICE and from_quotes)},
               values[f"vendor_{i}_quote"])
        for i in _named(values)
    )
    return Inputs(used, left_out, values["evaluators"], vendors, from_quotes)


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    if isinstance(raw, Mapping) and ("weights" in raw or "vendors" in raw):
        raw, errors = nested_input.flatten(raw, ALL_KEYS, MIN_VENDORS, MAX_VENDORS)
        if errors:
            return None, errors
    if isinstance(raw, Mapping):
        raw = {k: (nested_input.as_box(v) if k in _SCORE_KEYS else v) for k, v in raw.items()}
    return _read(FIELDS, raw, _make, _validate)


# ----------------------------------------------------------------------- computing


def price_score(quote: float, cheapest: float) -> float:
    """The price score of a quote: 5 for the cheapest, scaled by cheapest ÷ quote, never
    under 1 (12,000 against a cheapest 9,000: 5 × 9,000 / 12,000 = 3.75)."""
    return max(1.0, 5 * cheapest / quote)


def compute(i: Inputs) -> Result:
    used = i.criteria
    weights = {c.key: c.weight for c in used}
    # fsum, not sum: the builtin sum of floats rounds differently from Python 3.12 on, and
    # every Python this runs on must give the same scores.
    total = math.fsum(weights.values())
    # At or above the average weight; the tolerance keeps equal weights such as 0.1 × 7
    # from missing their own average by a rounding error.
    heavy = tuple(k for k in weights if weights[k] * len(used) >= total * (1 - TOLERANCE))
    prices = None
    if i.price_from_quotes:
        cheapest = min(v.quote for v in i.vendors)
        prices = {v.name: price_score(v.quote, cheapest) for v in i.vendors}

    standings = []
    for v in i.vendors:
        scores = {k: math.fsum(s) / len(s) for k, s in v.scores.items()}
        if prices is not None:
            scores[PRICE] = prices[v.name]
        scores = {c.key: scores[c.key] for c in used}  # form order
        points = math.fsum(weights[k] * scores[k] for k in scores)
        lowest = min(scores.values())
        standings.append(Standing(
            name=v.name,
            scores=scores,
            points=points,
            score=points / total,
            weakest=tuple(k for k in scores if scores[k] == lowest),
            weakest_score=lowest,
            red_flags=tuple(k for k in heavy if scores[k] <= LOW_SCORE),
            knocked_out=tuple(c.key for c in used if c.minimum is not None and scores[c.key] < c.minimum),
            disagreements=tuple(k for k, s in v.scores.items() if max(s) - min(s) >= DISAGREE_POINTS),
        ))
    # sorted() is stable, so vendors equal on every key keep the order they were entered in.
    ranked = tuple(sorted(standings, key=lambda s: (bool(s.knocked_out), -round(s.score, TIE_DECIMALS),
                                                    len(s.red_flags))))

    groups: list[list[Standing]] = []
    for s in ranked:
        last = groups[-1][0] if groups else None
        if last is not None and bool(last.knocked_out) == bool(s.knocked_out) \
                and round(s.score, TIE_DECIMALS) == round(last.score, TIE_DECIMALS):
            groups[-1].append(s)
        else:
            groups.append([s])
    still_in = [s for s in ranked if not s.knocked_out]
    margin = (still_in[0].points - still_in[1].points) / total if len(still_in) >= 2 else None
    return Result(
        standings=ranked,
        criteria=used,
        heavy=heavy,
        margin=margin,
        close=margin is not None and margin <= max(weights.values()) / total + TOLERANCE,
        ties=tuple(tuple(s.name for s in group) for group in groups if len(group) > 1),
        price_scores=prices,
        evaluators=i.evaluators,
    )


def outputs(r: Result) -> dict[str, Any]:
    return {
        "scores": {s.name: s.score for s in r.standings},
        "ranking": [s.name for s in r.standings],
        "shortlist": [s.name for s in r.still_in],
        "knocked_out": {s.name: list(s.knocked_out) for s in r.standings},
        "criterion_scores": {s.name: dict(s.scores) for s in r.standings},
        "disagreements": {s.name: list(s.disagreements) for s in r.standings},
        "price_scores": r.price_scores,
        "criteria": [{"key": c.key, "name": c.name, "weight": c.weight, "minimum": c.minimum} for c in r.criteria],
        "evaluators": r.evaluators,
        "weakest": {s.name: list(s.weakest) for s in r.standings},
        "red_flags": {s.name: list(s.red_flags) for s in r.standings},
        "margin": r.margin,
        "close": r.close,
        "warnings": _warnings(r),
    }


# ----------------------------------------------------------------------- reporting


def _score(value: float) -> str:
    """A score as shown: whole scores as typed, means to two decimals."""
    return number(value) if float(value).is_integer() else f"{value:.2f}"


def _names(r: Result, keys: tuple[str, ...] | list[str]) -> str:
    return join_and(tuple(r.name_of(k) for k in keys))


def _follow_up(key: str) -> str:
    return BY_KEY[key].follow_up if key in BY_KEY else "ask for evidence on it, and test it in the pilot"


def _warnings(r: Result) -> list[str]:
    """One sentence per knock-out and per red flag: the vendor, the score, what to do."""
    minimum = {c.key: c.minimum for c in r.criteria}
    knocked = [
        f"{s.name} scores {_score(s.scores[k])} on {r.name_of(k)}, below your knock-out minimum of {minimum[k]}: "
        "it is out, whatever its average."
        for s in r.standings for k in s.knocked_out
    ]
    flags = [
        f"{s.name} scores {_score(s.scores[k])} on {r.name_of(k)}, which you weigh heavily: {_follow_up(k)}."
        for s in r.standings for k in s.red_flags if k not in s.knocked_out
    ]
    return knocked + flags


def _lead(r: Result) -> str:
    still_in = r.still_in
    if not still_in:
        return "Every vendor falls below a knock-out minimum, so none can be chosen as scored."
    first = still_in[0]
    out = len(r.standings) - len(still_in)
    after = f" after the knock-outs ({plural(out, 'vendor', 'vendors')} out)" if out else ""
    if len(still_in) == 1:
        return f"{first.name} is the only vendor still in{after}, with {first.score:.2f} out of 5."
    second = still_in[1]
    if r.ties and first.name in r.ties[0]:
        return (f"{join_and(r.ties[0])} tie at {first.score:.2f} out of 5; {first.name} is listed first "
                + ("for having fewer red flags." if len(first.red_flags) < len(second.red_flags) else "as entered first."))
    lead = f"{first.name} ranks first{after} with {first.score:.2f} out of 5, {r.margin:.2f} ahead of {second.name}"
    return lead + ("; that is within one point on your heaviest criterion, so treat it as close and let the pilot decide."
                   if r.close else ".")


def _second_line(r: Result) -> str:
    parts = []
    out = [s for s in r.standings if s.knocked_out]
    if out:
        parts.append("Out on a knock-out: " + "; ".join(f"{s.name} ({_names(r, s.knocked_out)})" for s in out) + ".")
    flags = [s for s in r.standings if s.red_flags]
    if flags:
        parts.append("Red flags: " + "; ".join(f"{s.name} on {_names(r, s.red_flags)}" for s in flags) + ".")
    elif not out:
        parts.append("No vendor scores 2 or less on a criterion you weigh heavily.")
    talk = sum(len(s.disagreements) for s in r.standings)
    if talk:
        parts.append(f"Evaluators are {DISAGREE_POINTS} or more points apart on {plural(talk, 'score', 'scores')}: "
                     "discuss them before deciding.")
    return " ".join(parts)


def _cell_text(r: Result, s: Standing, key: str, scores: Mapping[str, tuple[float, ...]]) -> str:
    text = _score(s.scores[key])
    if r.evaluators > 1 and key in scores:
        text += " (" + ", ".join(_score(v) for v in scores[key]) + ")"
    if key in s.disagreements:
        text += ", discuss"
    if key in s.knocked_out:
        text += ", below the minimum: out"
    return text


def report(i: Inputs, r: Result, out: dict[str, Any]) -> render.Report:
    summary = (_lead(r), _second_line(r))
    typed = {v.name: v.scores for v in i.vendors}

    result_rows = [
        render.measure("Ranking, best first", out, "ranking", lambda names: ", then ".join(names)),
        render.measure("Weighted scores", out, "scores",
                       lambda scores: "; ".join(f"{n}: {v:.2f}" for n, v in scores.items())),
    ]
    if any(s.knocked_out for s in r.standings):
        result_rows.append(render.measure("Still in after the knock-outs", out, "shortlist",
                                          lambda names: ", then ".join(names) if names else "none"))
    if r.price_scores is not None:
        result_rows.append(render.measure("Price scores from the quotes", out, "price_scores",
                                          lambda p: "; ".join(f"{n}: {v:.2f}" for n, v in p.items())))
    if r.evaluators > 1:
        result_rows.append(render.measure(
            f"Scores {DISAGREE_POINTS} or more points apart", out, "disagreements",
            lambda d: "; ".join(f"{n}: {_names(r, keys)}" for n, keys in d.items() if keys) or "none"))

    headers = ("Criterion", "Weight", "Knock-out minimum", *(s.name for s in r.standings))
    rows = [
        (render.cell(c.name), render.cell(number(c.weight)), render.cell(c.minimum if c.minimum is not None else "–"),
         *(render.cell(_cell_text(r, s, c.key, typed[s.name])) for s in r.standings))
        for c in r.criteria
    ]
    rows.append((render.cell("Weighted score (1–5)"),
                 render.cell(f"{number(math.fsum(c.weight for c in r.criteria))} in all"), render.cell(""),
                 *(render.cell(f"{out['scores'][s.name]:.2f}") for s in r.standings)))
    rows.append((render.cell("Knock-outs"), render.cell(""), render.cell(""),
                 *(render.cell("out: " + _names(r, out["knocked_out"][s.name]) if out["knocked_out"][s.name] else "in")
                   for s in r.standings)))
    rows.append((render.cell("Weakest"), render.cell(""), render.cell(""),
                 *(render.cell(f"{_names(r, out['weakest'][s.name])} ({_score(s.weakest_score)})") for s in r.standings)))

    notes = list(out["warnings"])
    if r.evaluators > 1:
        notes.append(f"Each score is the mean of {r.evaluators} evaluators' scores, shown in brackets in the order "
                     f"entered; “discuss” marks scores {DISAGREE_POINTS} or more points apart.")
    if r.price_scores is not None:
        notes.append("Price is scored from the quotes: 5 × the cheapest quote ÷ the vendor's quote, never under 1 ("
                     + "; ".join(f"{v.name} {settings.money(v.quote)}: {r.price_scores[v.name]:.2f}"
                                 for v in i.vendors) + "). The typed price scores are not used.")
    if i.left_out:
        notes.append(f"Weighted 0, so left out: {', '.join(i.left_out)}.")
    notes.append("Heavily weighted means a weight at or above the average of the criteria in use: "
                 f"{_names(r, r.heavy)}.")
    return render.Report(
        summary=summary,
        tables=(
            render.table("Result", ("Measure", "Value"), result_rows),
            render.table("Scores by criterion", headers, rows),
        ),
        notes=tuple(notes),
    )
