"""The Support Sourcing Playbook's calculators: one entry point for every caller.

The build (worked examples through ``macros.py``), the browser (Pyodide, in the worker
under ``docs/javascripts/``, through :func:`run_json`) and the command line
(``python -m calculators``) all call :func:`run`, so the three cannot disagree. ``CONTRACT.md`` fixes the names, keys and
shapes used here.

Each calculator is a module of this package with the same parts, in this order: ``NAME``
(the module's own name), ``TITLE``, ``SUMMARY``, a frozen ``Inputs`` dataclass whose
attributes declare the form (``FIELDS = fields.form(Inputs)``), ``read(raw)`` (typed
inputs or a message per field), a pure ``compute(inputs)`` returning a frozen result,
``outputs(result)`` (machine values) and ``report(inputs, result, outputs)`` (for people,
its cells read from ``outputs`` by key). A module that is a tool of a page rather than a
calculator of its own (the worksheet and its importer) says ``KIND = "tool"``.

The layout shows the architecture: the calculators are the package's own modules
(``calculators/staffing.py`` ...), the tools of a page (decision pack, scenarios,
worksheet) sit in ``calculators/tools/``, and the helpers they share (fields, render,
text, volumes, ...) in ``calculators/core/``. There is no registry to edit: every module
in the first two places that has those parts is found by :func:`names`.
"""
from __future__ import annotations

import dataclasses
import difflib
import functools
import json
import pkgutil
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any, Mapping

from .core import render, settings
from .core.refusal import Refusal
from .core.text import truncate

__version__ = "0.1.0"
__all__ = ["names", "spec", "run", "run_json", "files_json", "Refusal", "configure"]

configure = settings.configure

KINDS = ("calculator", "tool")  # a page of its own, or a helper a page uses (spec()["kind"])


# Where calculators and tools live; the helpers (``core``) are never looked up by name.
_PLACES = (__name__, f"{__name__}.tools")


def _calculator(name: str) -> ModuleType | None:
    """The module of calculator or tool ``name``, imported on first use; None when neither
    place has a module of that name or the module is not a calculator."""
    if not name.isidentifier() or name.startswith("_") or name in ("core", "tools"):
        return None
    for place in _PLACES:
        if find_spec(f"{place}.{name}") is not None:
            module = import_module(f"{place}.{name}")
            return module if getattr(module, "NAME", None) == name and hasattr(module, "compute") else None
    return None


@functools.cache
def _catalog() -> tuple[str, ...]:
    # pkgutil lists the package's files, in CPython and in Pyodide (the wheel is unpacked
    # into its site-packages), so the list cannot drift from the modules themselves.
    found = [info.name for place in _PLACES for info in pkgutil.iter_modules(import_module(place).__path__)]
    return tuple(sorted(name for name in found if _calculator(name) is not None))


def names() -> list[str]:
    """Every calculator's name (tools included), sorted."""
    return list(_catalog())


def spec(name: str) -> dict[str, Any]:
    """The form of calculator ``name``: title, summary, kind (``"calculator"`` or
    ``"tool"``) and fields (key, label, kind, unit, default, min, max, help, ...).
    Raises KeyError for an unknown name."""
    module = _calculator(name) if isinstance(name, str) else None
    if module is None:
        raise KeyError(f"unknown calculator {name!r}; known: {', '.join(names())}")
    kind = getattr(module, "KIND", "calculator")
    if kind not in KINDS:
        raise ValueError(f"{name}.KIND must be one of {KINDS}, not {kind!r}")  # a programming error
    return {
        "name": module.NAME,
        "title": module.TITLE,
        "summary": module.SUMMARY,
        "kind": kind,
        "fields": [f.to_dict() for f in module.FIELDS],
    }


def _unknown(name: Any) -> dict[str, Any]:
    shown = truncate(str(name), 40)
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
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def ignored(module: ModuleType, inputs: Any) -> list[dict[str, Any]]:
    """The keys of ``inputs`` that ``module`` does not read, each with the nearest key it
    does read (``None`` when none is close): ``hourly_rte`` -> ``hourly_rate``. A module
    that reads keys beyond its form's fields lists them in ``OTHER_INPUTS``."""
    if not isinstance(inputs, Mapping):
        return []
    known = [f.key for f in module.FIELDS] + list(getattr(module, "OTHER_INPUTS", ()))
    return [{"key": truncate(str(key), 40), "nearest": next(iter(difflib.get_close_matches(str(key), known, 1, 0.6)), None)}
            for key in inputs if key not in known]


def run(name: str, inputs: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Run calculator ``name`` on what a person typed.

    Success: ``{"ok": True, "name", "inputs", "outputs", "html", "markdown", "csv"}``,
    plus, for a module that defines ``attachments(inputs, result) -> {kind: text}``, each
    such file under its kind (e.g. ``"ics"``) and ``"attachments"``: the kinds, sorted.
    Refusal: ``{"ok": False, "name", "errors": {field: message}}``; never an exception
    for bad input values. Either has ``"ignored"`` when some input keys are not the
    calculator's (see :func:`ignored`), so a typo never passes silently.

    >>> run("cost", {"hourly_rte": 30})["ignored"]
    [{'key': 'hourly_rte', 'nearest': 'hourly_rate'}]
    """
    answer, _files = _run(name, inputs, later=False)
    return answer


# The result's copies for a wiki and a spreadsheet: written only when asked for, by
# run_json(..., files=False) and then files_json() (the browser's page shows a result first and
# asks for its copies when the reader has paused: see docs/reference/performance.md).
LATER = ("markdown", "csv")
_last: tuple[tuple[str, str], Any] | None = None  # ((name, inputs JSON), the files of that run)


def _run(name: str, inputs: Mapping[str, Any] | None, later: bool) -> tuple[dict[str, Any], Any]:
    """:func:`run`'s answer and a function writing its Markdown and CSV copies (None on a
    refusal). ``later``: the answer leaves them out and names them under ``"later"``."""
    module = _calculator(name) if isinstance(name, str) else None
    if module is None:
        return _unknown(name), None
    unread = {"ignored": keys} if (keys := ignored(module, inputs)) else {}
    typed, errors = module.read(inputs if inputs is not None else {})
    if errors:
        return {"ok": False, "name": name, "errors": errors, **unread}, None
    try:
        result = module.compute(typed)
    except Refusal as refusal:
        return {"ok": False, "name": name, "errors": refusal.errors, **unread}, None
    outputs = module.outputs(result)
    report = module.report(typed, result, outputs)  # its cells read their values from outputs by key

    def files() -> dict[str, str]:
        return {
            # A module may write its own Markdown document instead (the worksheet: a heading per part).
            "markdown": module.markdown(typed, result) if hasattr(module, "markdown") else render.markdown(report, module.TITLE),
            "csv": render.csv(report),
        }

    answer = {
        "ok": True,
        "name": name,
        "inputs": {k: _plain(v) for k, v in vars(typed).items()},
        "outputs": outputs,
        "html": render.html(report),
        **({"later": list(LATER)} if later else files()),
    }
    # A module may offer files beyond the three forms (rollout: a calendar, "ics").
    attached = module.attachments(typed, result) if hasattr(module, "attachments") else {}
    clash = set(attached) & (set(answer) | set(LATER))
    if clash:
        raise ValueError(f"attachments of {name!r} reuse result keys: {sorted(clash)}")  # a programming error
    answer.update(attached)
    if attached:
        answer["attachments"] = sorted(attached)
    answer.update(unread)
    return answer, files


def run_json(name: str, inputs_json: str, files: bool = True) -> str:
    """:func:`run` over JSON text: what the browser's worker calls, so no Python object
    crosses into JavaScript. ``files=False`` leaves the Markdown and CSV copies out (the
    answer names them under ``"later"``): :func:`files_json` writes them when asked.

    >>> answer = json.loads(run_json("staffing", '{"contacts": "360"}', files=False))
    >>> answer["later"], "markdown" in answer
    (['markdown', 'csv'], False)
    >>> sorted(json.loads(files_json("staffing", '{"contacts": "360"}'))) == sorted(LATER)
    True
    """
    global _last
    try:
        inputs = json.loads(inputs_json) if inputs_json else {}
    except ValueError:
        return json.dumps({"ok": False, "name": name, "errors": {"inputs": "The inputs could not be read."}})
    answer, written = _run(name, inputs, later=not files)
    if not files:
        _last = ((name, inputs_json), written) if written else None
    return json.dumps(answer, allow_nan=False)  # outputs are finite: a NaN is a bug, and fails loudly


def files_json(name: str, inputs_json: str) -> str:
    """The Markdown and CSV copies of ``run_json(name, inputs_json)`` as JSON
    (``{"markdown", "csv"}``): from the last ``files=False`` run when it had these inputs,
    otherwise by running again (without the copies: only the asked-for pair is written). A
    refusal gives ``{}``."""
    if _last is None or _last[0] != (name, inputs_json):
        run_json(name, inputs_json, files=False)  # remembers these inputs' copies, unless refused
    if _last is not None and _last[0] == (name, inputs_json):
        return json.dumps(_last[1]())
    return "{}"
