"""Vendor scorecard: two to six vendors scored 1–5 on weighted criteria, ranked.

Criteria (source: guide-2026, its vendor scorecard and the groups of RFP questions):
quality assurance, relevant experience, hiring and training, knowledge management,
escalation handling, reporting and transparency, and price. Each is scored 1 (poor) to 5
(strong); for price, 5 is the best value for you.

Rules:

* weights are relative numbers, 0 or more, not all 0; a criterion weighted 0 is left out
  (its scores may be left empty);
* weighted score ``S_v = Σ w_c × s_vc / Σ w_c`` over the criteria in use: a weighted mean,
  so it stays on the 1–5 scale;
* ranking: higher ``S_v`` first; scores equal to 9 decimal places tie, and a tie goes to
  the vendor with fewer red flags, then to the one entered first;
* ``weakest``: per vendor, the criteria in use with that vendor's lowest score;
* a red flag is a score of 1 or 2 on a heavily weighted criterion: one whose weight is at
  or above the average weight of the criteria in use;
* ``close``: the leader's margin over the runner-up is at most one point on the most
  heavily weighted criterion (``max w / Σ w``), so one different judgement there would
  change the order.

Inputs arrive either as the contract's structure, ``{"weights": {criterion: weight},
"vendors": [{"name": ..., "scores": {criterion: 1..5}}]}`` (criteria missing from
``weights`` weigh 0), or as the flat form: ``weight_qa`` … ``weight_price`` and
``vendor_1_name``, ``vendor_1_qa`` … up to ``vendor_6_*``; a vendor with no name is left out.

Worked example (the defaults; checked in tests): weights QA 3, experience 2, hiring 1,
knowledge 1, escalation 2, reporting 1, price 2 (total 12). Vendor A scores 4, 3, 4, 3, 4,
3, 2: (12 + 6 + 4 + 3 + 8 + 3 + 4) / 12 = 40 / 12 = 3.33. Vendor B scores 3, 4, 3, 3, 2,
4, 5: (9 + 8 + 3 + 3 + 4 + 4 + 10) / 12 = 41 / 12 = 3.42. Ranking B, A; the margin 1/12 is
under one point on QA (3/12), so the result is close. Red flags: A on price (2), B on
escalation handling (2), both weighted 2, above the average 12 / 7 = 1.71.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

from . import render
from .fields import Field, read as _read

NAME = "scorecard"
TITLE = "Scorecard: compare vendors"
SUMMARY = ("Score two to six vendors from 1 to 5 on the criteria that predict how outsourcing goes, weigh the "
           "criteria as you see them, and see the ranking and each vendor's weak spots.")

MAX_VENDORS = 6
MIN_VENDORS = 2
NAME_MAX_CHARS = 80
LOW_SCORE = 2  # a score of 1 or 2 is weak
TIE_DECIMALS = 9  # scores equal to this many decimals tie (float sums are not exact)


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str  # as it reads mid-sentence
    default_weight: float
    rubric: str  # what 5 and 1 look like
    follow_up: str  # what to do about a weak score before signing


CRITERIA: tuple[Criterion, ...] = (
    Criterion("qa", "quality assurance", 3,
              "5: tickets reviewed on a fixed rhythm, each agent coached, recurring mistakes tracked to a fix. "
              "1: no clear answer on how quality is checked.",
              "ask for its review forms and a sample of coached tickets, and test QA in the pilot"),
    Criterion("experience", "relevant experience", 2,
              "5: has supported your industry or your kind of product before. 1: nothing comparable.",
              "ask for references from clients like you, and expect a slower ramp-up"),
    Criterion("hiring_training", "hiring and training", 1,
              "5: structured interviews, realistic simulations, a skills test, certification before go-live, "
              "refreshers. 1: no screening criteria or time to readiness.",
              "ask for the screening test and the training plan, and who signs agents off"),
    Criterion("knowledge", "knowledge management", 1,
              "5: updates reach agents and are verified within a day or two. 1: no process for changes.",
              "ask how the last policy change reached agents, and how they checked it was understood"),
    Criterion("escalation", "escalation handling", 2,
              "5: written triggers and handover times, followed in the pilot. 1: escalation left to judgement.",
              "ask for its written escalation triggers and handover times, and test them in the pilot"),
    Criterion("reporting", "reporting and transparency", 1,
              "5: agreed metrics shared on a schedule, with real dashboards. 1: reports on request only.",
              "ask for a sample dashboard and agree the reporting rhythm in the contract"),
    Criterion("price", "price", 2,
              "5: the best all-in value among those you compare. 1: the most expensive for what you get.",
              "compare the all-in monthly cost, hidden costs included, in the cost calculator"),
)
BY_KEY = {c.key: c for c in CRITERIA}

# The defaults are the worked example: two vendors with different strengths.
_EXAMPLE = {
    1: ("Vendor A", {"qa": 4, "experience": 3, "hiring_training": 4, "knowledge": 3, "escalation": 4,
                     "reporting": 3, "price": 2}),
    2: ("Vendor B", {"qa": 3, "experience": 4, "hiring_training": 3, "knowledge": 3, "escalation": 2,
                     "reporting": 4, "price": 5}),
}


def _title(c: Criterion) -> str:
    return c.label[0].upper() + c.label[1:] if c.key != "qa" else "Quality assurance (QA)"


def _weight_fields() -> tuple[Field, ...]:
    return tuple(
        Field(f"weight_{c.key}", f"Weight of {c.label}", "number", "", c.default_weight, min=0, max=100,
              group="Weights", help=c.rubric)
        for c in CRITERIA
    )


def _vendor_fields(i: int) -> tuple[Field, ...]:
    name, scores = _EXAMPLE.get(i, (None, {}))
    group = f"Vendor {i}"
    return (
        Field(f"vendor_{i}_name", f"Vendor {i} name", "text", default=name, required=i <= MIN_VENDORS, group=group,
              help="" if i <= MIN_VENDORS else "Leave empty to compare fewer vendors."),
        *(Field(f"vendor_{i}_{c.key}", f"Vendor {i} score for {c.label}", "integer", "", scores.get(c.key),
                min=1, max=5, required=False, group=group)
          for c in CRITERIA),
    )


FIELDS: tuple[Field, ...] = _weight_fields() + tuple(f for i in range(1, MAX_VENDORS + 1) for f in _vendor_fields(i))


@dataclass(frozen=True)
class Vendor:
    name: str
    scores: dict[str, int]  # criterion key -> 1..5, for the criteria in use


@dataclass(frozen=True)
class Inputs:
    weights: dict[str, float]  # every criterion -> weight (0 = not used)
    vendors: tuple[Vendor, ...]


@dataclass(frozen=True)
class Standing:
    name: str
    scores: dict[str, int]
    points: float  # Σ weight × score
    score: float  # points / Σ weight
    weakest: tuple[str, ...]  # criterion keys with this vendor's lowest score
    weakest_score: int
    red_flags: tuple[str, ...]  # heavily weighted criteria scored 1 or 2


@dataclass(frozen=True)
class Result:
    standings: tuple[Standing, ...]  # best first
    used: tuple[str, ...]  # criteria with a weight above 0, in form order
    heavy: tuple[str, ...]  # criteria at or above the average weight
    margin: float  # leader minus runner-up
    close: bool
    ties: tuple[tuple[str, ...], ...]  # groups of vendors with equal scores, best first


# ----------------------------------------------------------------------- reading


def _flatten(raw: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The contract's structured inputs as the flat form's keys, or a message per problem."""
    flat = {k: v for k, v in raw.items() if k not in ("weights", "vendors")}
    errors: dict[str, str] = {}
    known = ", ".join(c.key for c in CRITERIA)
    if "weights" in raw:
        weights = raw["weights"]
        if not isinstance(weights, Mapping):
            errors["weights"] = "The weights must be a set of criterion: weight pairs."
        else:
            unknown = [str(k) for k in weights if k not in BY_KEY]
            if unknown:
                errors["weights"] = f"“{unknown[0][:40]}” is not a criterion; the criteria are: {known}."
            for c in CRITERIA:
                flat[f"weight_{c.key}"] = weights.get(c.key, 0)
    if "vendors" in raw:
        vendors = raw["vendors"]
        if not isinstance(vendors, (list, tuple)):
            errors["vendors"] = "The vendors must be a list of {name, scores}."
        elif not MIN_VENDORS <= len(vendors) <= MAX_VENDORS:
            errors["vendors"] = f"Compare two to six vendors; the list has {len(vendors)}."
        else:
            for i in range(1, MAX_VENDORS + 1):
                for key in ("name", *BY_KEY):
                    flat[f"vendor_{i}_{key}"] = ""
            for i, vendor in enumerate(vendors, start=1):
                scores = vendor.get("scores") if isinstance(vendor, Mapping) else None
                if not isinstance(scores, Mapping):
                    errors["vendors"] = f"Vendor {i} must have a name and a set of scores."
                    break
                unknown = [str(k) for k in scores if k not in BY_KEY]
                if unknown:
                    errors["vendors"] = f"Vendor {i}: “{unknown[0][:40]}” is not a criterion; the criteria are: {known}."
                    break
                name = vendor.get("name")
                if not isinstance(name, str) or not name.strip():
                    errors["vendors"] = f"Vendor {i} in the list has no name."
                    break
                flat[f"vendor_{i}_name"] = name
                for key, score in scores.items():
                    flat[f"vendor_{i}_{key}"] = score
    return flat, errors


def _validate(values: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    weights = {c.key: values[f"weight_{c.key}"] for c in CRITERIA}
    if not any(weights.values()):
        errors[f"weight_{CRITERIA[0].key}"] = "Give at least one criterion a weight above 0."
        return errors
    seen: dict[str, tuple[int, str]] = {}  # casefolded name -> (vendor number, name as typed)
    for i in range(1, MAX_VENDORS + 1):
        name = values[f"vendor_{i}_name"]
        if not name:
            continue  # vendors 1 and 2 are required fields; 3 to 6 are left out when unnamed
        if len(name) > NAME_MAX_CHARS:
            errors[f"vendor_{i}_name"] = f"Vendor {i} name is too long: keep it under {NAME_MAX_CHARS} characters."
        elif name.casefold() in seen:
            first, typed = seen[name.casefold()]
            errors[f"vendor_{i}_name"] = f"Vendor {first} is already called “{typed}”: give each vendor a different name."
        seen.setdefault(name.casefold(), (i, name))
        for c in CRITERIA:
            key = f"vendor_{i}_{c.key}"
            if weights[c.key] > 0 and values[key] is None:
                errors[key] = f"Vendor {i} score for {c.label} is empty: enter a whole number from 1 to 5."
    return errors


def _make(**values: Any) -> Inputs:
    weights = {c.key: float(values[f"weight_{c.key}"]) for c in CRITERIA}
    vendors = tuple(
        Vendor(values[f"vendor_{i}_name"],
               {c.key: values[f"vendor_{i}_{c.key}"] for c in CRITERIA if weights[c.key] > 0})
        for i in range(1, MAX_VENDORS + 1) if values[f"vendor_{i}_name"]
    )
    return Inputs(weights, vendors)


def read(raw: Any) -> tuple[Inputs | None, dict[str, str]]:
    if isinstance(raw, Mapping) and ("weights" in raw or "vendors" in raw):
        raw, errors = _flatten(raw)
        if errors:
            return None, errors
    return _read(FIELDS, raw, _make, _validate)


# ----------------------------------------------------------------------- computing


def compute(i: Inputs) -> Result:
    used = tuple(c.key for c in CRITERIA if i.weights[c.key] > 0)
    # fsum, not sum: the builtin sum of floats rounds differently from Python 3.12 on, and
    # every Python this runs on must give the same scores.
    total = math.fsum(i.weights[k] for k in used)
    # At or above the average weight; the tolerance keeps equal weights such as 0.1 × 7
    # from missing their own average by a rounding error.
    heavy = tuple(k for k in used if i.weights[k] * len(used) >= total * (1 - 1e-9))

    standings = []
    for v in i.vendors:
        points = math.fsum(i.weights[k] * v.scores[k] for k in used)
        lowest = min(v.scores[k] for k in used)
        standings.append(Standing(
            name=v.name,
            scores=v.scores,
            points=points,
            score=points / total,
            weakest=tuple(k for k in used if v.scores[k] == lowest),
            weakest_score=lowest,
            red_flags=tuple(k for k in heavy if v.scores[k] <= LOW_SCORE),
        ))
    # sorted() is stable, so vendors equal on both keys keep the order they were entered in.
    ranked = tuple(sorted(standings, key=lambda s: (-round(s.score, TIE_DECIMALS), len(s.red_flags))))

    groups: list[list[Standing]] = []
    for s in ranked:
        if groups and round(s.score, TIE_DECIMALS) == round(groups[-1][0].score, TIE_DECIMALS):
            groups[-1].append(s)
        else:
            groups.append([s])
    margin = (ranked[0].points - ranked[1].points) / total
    return Result(
        standings=ranked,
        used=used,
        heavy=heavy,
        margin=margin,
        close=margin <= max(i.weights[k] for k in used) / total + 1e-9,
        ties=tuple(tuple(s.name for s in group) for group in groups if len(group) > 1),
    )


def outputs(r: Result) -> dict[str, Any]:
    return {
        "scores": {s.name: s.score for s in r.standings},
        "ranking": [s.name for s in r.standings],
        "weakest": {s.name: list(s.weakest) for s in r.standings},
        "red_flags": {s.name: list(s.red_flags) for s in r.standings},
        "margin": r.margin,
        "close": r.close,
        "warnings": _warnings(r),
    }


# ----------------------------------------------------------------------- reporting


def _labels(keys: tuple[str, ...]) -> str:
    return _list(tuple(BY_KEY[k].label for k in keys))


def _warnings(r: Result) -> list[str]:
    """One sentence per red flag: the vendor, the score, and what to check before signing."""
    return [
        f"{s.name} scores {s.scores[k]} on {BY_KEY[k].label}, which you weigh heavily: {BY_KEY[k].follow_up}."
        for s in r.standings for k in s.red_flags
    ]


def report(i: Inputs, r: Result) -> render.Report:
    first, second = r.standings[0], r.standings[1]
    if r.ties and first.name in r.ties[0]:
        lead = (f"{_list(r.ties[0])} tie at {first.score:.2f} out of 5; {first.name} is listed first "
                + ("for having fewer red flags." if len(first.red_flags) < len(second.red_flags) else "as entered first."))
    else:
        lead = f"{first.name} ranks first with {first.score:.2f} out of 5, {r.margin:.2f} ahead of {second.name}"
        lead += ("; that is within one point on your heaviest criterion, so treat it as close and let the pilot decide."
                 if r.close else ".")
    flags = [s for s in r.standings if s.red_flags]
    if flags:
        second_line = "Red flags: " + "; ".join(f"{s.name} on {_labels(s.red_flags)}" for s in flags) + "."
    else:
        second_line = "No vendor scores 1 or 2 on a criterion you weigh heavily."
    summary = (lead, second_line)

    # Scores by criterion: one column per vendor, in ranked order.
    headers = ("Criterion", "Weight", *(s.name for s in r.standings))
    rows = [
        (render.cell(_title(BY_KEY[k])), render.cell(f"{i.weights[k]:g}"),
         *(render.cell(s.scores[k]) for s in r.standings))
        for k in r.used
    ]
    rows.append((render.cell("Weighted score (1–5)"), render.cell(f"{math.fsum(i.weights[k] for k in r.used):g} in all"),
                 *(render.cell(f"{s.score:.2f}") for s in r.standings)))
    rows.append((render.cell("Weakest"), render.cell(""),
                 *(render.cell(f"{_labels(s.weakest)} ({s.weakest_score})") for s in r.standings)))

    result_rows = (
        render.row("Ranking, best first", ", then ".join(s.name for s in r.standings), "ranking",
                   [s.name for s in r.standings]),
        render.row("Weighted scores", "; ".join(f"{s.name}: {s.score:.2f}" for s in r.standings), "scores",
                   {s.name: s.score for s in r.standings}),
    )
    notes = list(_warnings(r))
    left_out = [c.label for c in CRITERIA if c.key not in r.used]
    if left_out:
        notes.append(f"Weighted 0, so left out: {', '.join(left_out)}.")
    notes.append("Heavily weighted means a weight at or above the average of the criteria in use: "
                 f"{_labels(r.heavy)}.")
    return render.Report(
        summary=summary,
        tables=(
            render.table("Result", ("Measure", "Value"), result_rows),
            render.table("Scores by criterion", headers, rows),
        ),
        notes=tuple(notes),
    )


def _list(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
