"""The scorecard's structured inputs (``CONTRACT.md``: ``weights`` criterion -> weight,
``vendors`` a list of ``{"name", "scores": {criterion: 1..5 or a list of evaluators'
scores}, "quote"}``, and the ``labels`` and ``minimums`` of criteria) as the flat keys its
form declares, so the command line, other tools and the form are read by one set of rules.
Kept apart from the calculator, which names its criteria and vendor counts when it calls
:func:`flatten`.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from .text import truncate

STRUCTURED = ("weights", "vendors", "labels", "minimums")  # the structured inputs this reads
_WORDS = dict(enumerate(("none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")))


def flatten(raw: Mapping[str, Any], criteria: Sequence[str], fewest_vendors: int,
            most_vendors: int) -> tuple[dict[str, Any], dict[str, str]]:
    """The structured inputs in ``raw`` as the flat form's keys (``weight_KEY``,
    ``name_KEY``, ``minimum_KEY``, ``vendor_N_name``, ``vendor_N_quote``, ``vendor_N_KEY``,
    ``evaluators``), beside the other keys as given; or a message per problem, keyed by the
    structured input it is about.

    >>> flat, errors = flatten({"weights": {"qa": 2}, "vendors": [
    ...     {"name": "Acme", "scores": {"qa": 4}}, {"name": "Beta", "scores": {"qa": [3, 5]}}]},
    ...     ("qa", "price"), 2, 2)
    >>> errors, flat["weight_qa"], flat["weight_price"], flat["vendor_2_qa"], flat["evaluators"]
    ({}, 2, 0, [3, 5], 2)
    >>> flatten({"vendors": [{"name": "Acme", "scores": {"speed": 4}}, {"name": "Beta", "scores": {}}]},
    ...         ("qa",), 2, 6)[1]
    {'vendors': 'Vendor 1: “speed” is not a criterion; the criteria are: qa.'}
    """
    ALL_KEYS, MIN_VENDORS, MAX_VENDORS = tuple(criteria), fewest_vendors, most_vendors
    flat = {k: v for k, v in raw.items() if k not in STRUCTURED}
    errors: dict[str, str] = {}
    known = ", ".join(ALL_KEYS)

    def criteria_map(key: str, what: str, prefix: str) -> Mapping[str, Any] | None:
        value = raw[key]
        if not isinstance(value, Mapping):
            errors[key] = f"The {key} must be a set of criterion: {what} pairs."
            return None
        unknown = [str(k) for k in value if k not in ALL_KEYS]
        if unknown:
            errors[key] = f"“{truncate(unknown[0], 40)}” is not a criterion; the criteria are: {known}."
        for k in ALL_KEYS:
            if k in value:
                flat[f"{prefix}_{k}"] = value[k]
        return value

    for key, what, prefix in (("labels", "name", "name"), ("minimums", "minimum", "minimum")):
        if key in raw:
            criteria_map(key, what, prefix)
    if "weights" in raw:
        weights = criteria_map("weights", "weight", "weight")
        if weights is not None:
            for k in ALL_KEYS:
                flat[f"weight_{k}"] = weights.get(k, 0)
    if "vendors" in raw:
        vendors = raw["vendors"]
        if not isinstance(vendors, (list, tuple)):
            errors["vendors"] = "The vendors must be a list of {name, scores}."
        elif not MIN_VENDORS <= len(vendors) <= MAX_VENDORS:
            errors["vendors"] = (f"Compare {_WORDS.get(MIN_VENDORS, MIN_VENDORS)} to {_WORDS.get(MAX_VENDORS, MAX_VENDORS)} "
                                 f"vendors; the list has {len(vendors)}.")
        else:
            for i in range(1, MAX_VENDORS + 1):
                for key in ("name", "quote", *ALL_KEYS):
                    flat[f"vendor_{i}_{key}"] = ""
            scored: set[str] = set()
            most = 1
            for i, vendor in enumerate(vendors, start=1):
                scores = vendor.get("scores") if isinstance(vendor, Mapping) else None
                if not isinstance(scores, Mapping):
                    errors["vendors"] = f"Vendor {i} must have a name and a set of scores."
                    break
                unknown = [str(k) for k in scores if k not in ALL_KEYS]
                if unknown:
                    errors["vendors"] = f"Vendor {i}: “{truncate(unknown[0], 40)}” is not a criterion; the criteria are: {known}."
                    break
                name = vendor.get("name")
                if not isinstance(name, str) or not name.strip():
                    errors["vendors"] = f"Vendor {i} in the list has no name."
                    break
                flat[f"vendor_{i}_name"] = name
                flat[f"vendor_{i}_quote"] = vendor.get("quote", "")
                for key, score in scores.items():
                    flat[f"vendor_{i}_{key}"] = score
                    scored.add(key)
                    if isinstance(score, (list, tuple)):
                        most = max(most, len(score))
            if "weights" not in raw:  # the default weights, of the criteria the vendors are scored on
                for k in ALL_KEYS:
                    if k not in scored:
                        flat[f"weight_{k}"] = 0
            flat.setdefault("evaluators", most)
    return flat, errors


def as_box(value: Any) -> Any:
    """A score as typed in a box: a list of evaluators' scores or a number becomes text."""
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    if isinstance(value, (int, float)):  # bool included: refused as "not a number" by parse_scores
        return str(value)
    return value
