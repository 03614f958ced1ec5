"""The parity corpus: the same inputs for CPython, Pyodide and Python 3.11.

For every calculator: its defaults, bad input in its fields, and the extra cases in
``cases/NAME.json`` (a list of input objects, good and bad). How the bad input is spread
follows PROPERTY_SCOPE, as the property-based tests do (tests/unit/test_properties.py):

* ``rule`` (``make test``): the fields read by the same parsing rule share its bad values
  in turn, so every kind of bad value meets every rule and every field meets at least one;
* ``field`` (``make test-deep``): every field is given every kind of bad value.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import calculators

CASES = Path(__file__).resolve().parent / "cases"
BAD_VALUES = ["", "abc", "-1", "0", "NaN", "1e400", "101", "1,200", " 80 ", None, True, [1]]


def corpus(scope: str | None = None) -> list[tuple[str, dict]]:
    from tests.unit.test_properties import RULES

    scope = scope or os.environ.get("PROPERTY_SCOPE", "rule")
    items: list[tuple[str, dict]] = []
    for name in calculators.names():
        items.append((name, {}))
        if scope == "field":
            for field in calculators.spec(name)["fields"]:
                items.extend((name, {field["key"]: bad}) for bad in BAD_VALUES)
        else:
            for (of, _), keys in RULES.items():
                if of == name:
                    items.extend((name, {keys[i % len(keys)]: BAD_VALUES[i % len(BAD_VALUES)]})
                                 for i in range(max(len(keys), len(BAD_VALUES))))
        extra = CASES / f"{name}.json"
        if extra.is_file():
            items.extend((name, inputs) for inputs in json.loads(extra.read_text(encoding="utf-8")))
    items.append(("no-such-calculator", {}))
    return items
