"""The parity corpus: the same inputs for CPython, Pyodide and Python 3.11.

For every calculator: its defaults, each field given each kind of bad input, and the
extra cases in ``cases/NAME.json`` (a list of input objects, good and bad).
"""
from __future__ import annotations

import json
from pathlib import Path

import calculators

CASES = Path(__file__).resolve().parent / "cases"
BAD_VALUES = ["", "abc", "-1", "0", "NaN", "1e400", "101", "1,200", " 80 ", None, True, [1]]


def corpus() -> list[tuple[str, dict]]:
    items: list[tuple[str, dict]] = []
    for name in calculators.names():
        items.append((name, {}))
        for field in calculators.spec(name)["fields"]:
            items.extend((name, {field["key"]: bad}) for bad in BAD_VALUES)
        extra = CASES / f"{name}.json"
        if extra.is_file():
            items.extend((name, inputs) for inputs in json.loads(extra.read_text(encoding="utf-8")))
    items.append(("no-such-calculator", {}))
    return items
