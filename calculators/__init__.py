"""The Support Sourcing Playbook's calculators: one entry point for every caller.

The build (worked examples through ``macros.py``), the browser (Pyodide, through
``docs/javascripts/calculators.js``) and the command line (``python -m calculators``) all
call :func:`run`, so the three cannot disagree. ``CONTRACT.md`` fixes the names, keys and
shapes used here.

Each calculator is a module with the same parts, in this order: ``NAME``, ``TITLE``,
``SUMMARY``, ``FIELDS`` (the form), a frozen ``Inputs`` dataclass, ``read(raw)``
(typed inputs or a message per field), a pure ``compute(inputs)`` returning a frozen
result, ``outputs(result)`` (machine values) and ``report(inputs, result)`` (for people).
"""
from __future__ import annotations

import dataclasses
import json
import math
from importlib import import_module
from types import ModuleType
from typing import Any, Mapping

from . import render, settings
from .fields import Field

__version__ = "0.1.0"
__all__ = ["names", "spec", "run", "run_json", "Refusal", "configure"]

# name -> module path; a calculator is added here and nowhere else.
_MODULES: dict[str, str] = {
    "staffing": "calculators.staffing",
    "cost": "calculators.cost",
    "rollout": "calculators.rollout",
    "scorecard": "calculators.scorecard",
    "decision": "calculators.decision",
    "kpi": "calculators.kpi",
    "pilot": "calculators.pilot",
    "worksheet": "calculators.worksheet",
    "worksheet_import": "calculators.worksheet_import",
    "decision_pack": "calculators.decision_pack",
}

configure = settings.configure


class Refusal(Exception):
    """Raised by a computation when valid-looking inputs cannot be answered.

    It carries the same ``{field: message}`` shape as validation, so ``run`` returns it
    as a refusal instead of a traceback (for example traffic too heavy to staff).
    """

    def __init__(self, errors: Mapping[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = dict(errors)


def names() -> list[str]:
    """Every calculator's name, sorted."""
    return sorted(_MODULES)


def _module(name: str) -> ModuleType:
    return import_module(_MODULES[name])


def spec(name: str) -> dict[str, Any]:
    """The form of calculator ``name``: title, summary and fields (key, label, kind, unit,
    default, min, max, help, ...). Raises KeyError for an unknown name."""
    if name not in _MODULES:
        raise KeyError(f"unknown calculator {name!r}; known: {', '.join(names())}")
    module = _module(name)
    return {
        "name": module.NAME,
        "title": module.TITLE,
        "summary": module.SUMMARY,
        "fields": [f.to_dict() for f in module.FIELDS],
    }


def _unknown(name: Any) -> dict[str, Any]:
    shown = str(name)[:40]
    return {
        "ok": False,
        "name": shown,
        "errors": {"name": f"There is no calculator called “{shown}”. The calculators are: {', '.join(names())}."},
    }


def _plain(value: Any) -> Any:
    """Inputs echoed back as JSON-friendly values (dates as ISO strings, nested
    dataclasses such as the scorecard's vendors as dicts)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def run(name: str, inputs: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Run calculator ``name`` on what a person typed.

    Success: ``{"ok": True, "name", "inputs", "outputs", "html", "markdown", "csv"}``,
    plus, for a module that defines ``attachments(inputs, result) -> {kind: text}``, each
    such file under its kind (e.g. ``"ics"``) and ``"attachments"``: the kinds, sorted.
    Refusal: ``{"ok": False, "name", "errors": {field: message}}``; never an exception
    for bad input values.
    """
    if not isinstance(name, str) or name not in _MODULES:
        return _unknown(name)
    module = _module(name)
    typed, errors = module.read(inputs if inputs is not None else {})
    if errors:
        return {"ok": False, "name": name, "errors": errors}
    try:
        result = module.compute(typed)
    except Refusal as refusal:
        return {"ok": False, "name": name, "errors": refusal.errors}
    outputs = module.outputs(result)
    # Transitional: a report that takes the outputs reads its cells from them by key.
    takes_outputs = module.report.__code__.co_argcount == 3
    report = module.report(typed, result, outputs) if takes_outputs else module.report(typed, result)
    answer = {
        "ok": True,
        "name": name,
        "inputs": {k: _plain(v) for k, v in vars(typed).items()},
        "outputs": outputs,
        "html": render.html(report),
        # A module may write its own Markdown document instead (the worksheet: a heading per part).
        "markdown": module.markdown(typed, result) if hasattr(module, "markdown") else render.markdown(report, module.TITLE),
        "csv": render.csv(report),
    }
    # A module may offer files beyond the three forms (rollout: a calendar, "ics").
    files = module.attachments(typed, result) if hasattr(module, "attachments") else {}
    clash = set(files) & set(answer)
    if clash:
        raise ValueError(f"attachments of {name!r} reuse result keys: {sorted(clash)}")  # a programming error
    answer.update(files)
    if files:
        answer["attachments"] = sorted(files)
    return answer


def run_json(name: str, inputs_json: str) -> str:
    """:func:`run` over JSON text: what the browser's worker calls, so no Python object
    crosses into JavaScript."""
    try:
        inputs = json.loads(inputs_json) if inputs_json else {}
    except ValueError:
        return json.dumps({"ok": False, "name": name, "errors": {"inputs": "The inputs could not be read."}})
    return json.dumps(run(name, inputs), allow_nan=False)  # outputs are finite: a NaN is a bug, and fails loudly
