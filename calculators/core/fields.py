"""The form spec of a calculator and the parsing every calculator shares.

A calculator declares its inputs as :class:`Field` objects. :func:`parse` turns what a
person typed into typed values, or into one plain-language message per field, always in
the same shape (``{key: message}``), so the browser can put each message beside its
field and the command line can print them.

What a person may type:

* numbers, or strings of numbers as people write them (``"1,200"``, ``" 80 "``, ``"24,50"``,
  ``"1.234,5"``), read by :mod:`calculators.core.numbers`; a trailing ``%`` on percentages
  and a leading currency sign on money are accepted;
* dates as ISO ``YYYY-MM-DD``, from :data:`EARLIEST_DATE` to :data:`LATEST_DATE`;
* yes/no as ``true``/``false``, ``yes``/``no``, ``on``/``off``, ``1``/``0``.

A missing key takes the field's default. An empty string is "no answer": an optional
field becomes ``None``, a required one is refused with a message.
"""
from __future__ import annotations

import datetime as _dt
import math
import dataclasses
import functools
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Mapping, Sequence

from . import numbers
from .text import truncate

Kind = Literal["number", "integer", "percent", "money", "date", "bool", "choice", "text"]

# The largest magnitude any numeric field accepts, whatever its own max: beyond this a
# value is a typo, and floats start to lose whole units.
ABSURD = 1e12
TEXT_MAX_CHARS = 2000
# The dates any date field accepts: outside them a date is a typo (year 20277), and date
# arithmetic near year 1 or 9999 would overflow.
EARLIEST_DATE = _dt.date(1900, 1, 1)
LATEST_DATE = _dt.date(2999, 12, 31)

_TRUE = {"true", "yes", "y", "on", "1"}
_FALSE = {"false", "no", "n", "off", "0", ""}
UNSURE = "unsure"  # the form's value for "not sure yet", where a yes/no field allows it
_UNSURE = {UNSURE, "not sure", "don't know", "unknown", "?"}


@dataclass(frozen=True)
class Field:
    """One input of a calculator's form.

    ``min``/``max`` are inclusive unless ``min_exclusive`` is set (for "more than 0").
    For kind ``"text"``, ``max`` is the most characters accepted (:data:`TEXT_MAX_CHARS`
    when not set).
    ``unit`` is the word a message uses ("seconds", "%"), ``step`` the form's step. A money
    field's unit says what the amount is counted per ("an hour"); its spec puts the site's
    currency code in front ("USD an hour"), so the currency setting changes the form's labels.
    """

    key: str
    label: str
    kind: Kind = "number"
    unit: str = ""
    default: Any = None
    min: float | None = None
    max: float | None = None
    min_exclusive: bool = False
    required: bool = True
    step: float | None = None
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for kind "choice"
    group: str = ""  # a fieldset legend, for long forms
    lines: int = 0  # kind "text": a box of this many lines for pasted tables (0: a one-line box)
    # kind "bool": the question may also be answered "unsure" (the form shows yes / no /
    # unsure choices); the typed value is then None, never read as no.
    unsure: bool = False
    # Kept out of the page address (True), or allowed in it (False); None: decided from the
    # declaration by :func:`kept_in_browser` (a table or long text stays in the browser).
    private: bool | None = None

    @property
    def kept_in_browser(self) -> bool:
        """True for an input that never enters a URL, a request or a log (CONTRACT.md, "In the
        built site"): declared ``private=True``, or text declared as a table (``lines``) or as
        longer than :data:`TEXT_MAX_CHARS`. The page keeps such a value in this browser's storage.

        >>> Field("volumes", "Volumes", "text", lines=10).kept_in_browser
        True
        >>> Field("answer", "Answer", "text", max=20_000).kept_in_browser
        True
        >>> Field("vendor", "Vendor name", "text").kept_in_browser, Field("n", "Contacts").kept_in_browser
        (False, False)
        """
        if self.private is not None:
            return self.private
        return self.kind == "text" and (self.lines > 0 or (self.max is not None and self.max > TEXT_MAX_CHARS))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["choices"] = [list(c) for c in self.choices]
        data["private"] = self.kept_in_browser
        if self.kind == "money":
            from . import settings

            data["unit"] = f"{settings.CURRENCY} {self.unit}".strip()
        if data["step"] is None:
            data["step"] = _default_step(self)
        return data


def _default_step(f: Field) -> float | str | None:
    if f.kind == "integer":
        return 1
    if f.kind in ("number", "percent", "money"):
        return "any"
    return None


@dataclass
class Parsed:
    """The outcome of :func:`parse`: typed values and a message per refused field."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _amount(f: Field, value: float) -> str:
    """A bound as a message shows it: '0 seconds', '100%', '$1,000'."""
    from ..figures import number  # one number format for the whole site

    text = number(value)
    if f.kind == "percent" or f.unit == "%":
        return f"{text}%"
    if f.kind == "money":
        from . import settings

        return settings.money(value)
    return f"{text} {f.unit}".rstrip()


def _as_text(raw: Any) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, (int, float)):
        return None
    if isinstance(raw, str):
        return raw.strip()
    return None


def _parse_number(f: Field, raw: Any) -> tuple[float | None, str | None]:
    """A finite float from ``raw``, or a message naming the field and the problem. Text is
    read by :func:`calculators.core.numbers.read`, the site's one number reader."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        return None, f"{f.label} must be a number."
    if isinstance(raw, str):
        text = raw.strip()
        if f.kind == "percent" or f.unit == "%":
            text = text.removesuffix("%").rstrip()
        if f.kind == "money":
            text = text.lstrip("$€£").lstrip()
        if text.lower() in ("nan", "+nan", "-nan"):
            return None, f"{f.label} must be a number, not “NaN”."
        try:
            value = numbers.read(text)
        except numbers.NotANumber as problem:
            hint = f": {problem.hint}." if problem.hint else "."
            return None, f"{f.label} must be a number; “{truncate(raw.strip(), 20)}” is not one{hint}"
    else:
        try:
            value = float(raw)
        except OverflowError:
            return None, f"{f.label} is far too large."
    if math.isnan(value):
        return None, f"{f.label} must be a number, not “NaN”."
    if math.isinf(value) or abs(value) > ABSURD:
        return None, f"{f.label} is far too large."
    return value, None


def _check_bounds(f: Field, value: float) -> str | None:
    if f.kind == "integer" and not float(value).is_integer():
        return f"{f.label} must be a whole number."
    if f.min is not None:
        if f.min_exclusive and value <= f.min:
            return f"{f.label} must be more than {_amount(f, f.min)}."
        if not f.min_exclusive and value < f.min:
            if f.min == 0:
                return f"{f.label} cannot be negative."
            return f"{f.label} must be at least {_amount(f, f.min)}."
    if f.max is not None and value > f.max:
        return f"{f.label} must be at most {_amount(f, f.max)}."
    return None


def _parse_date(f: Field, raw: Any) -> tuple[_dt.date | None, str | None]:
    if isinstance(raw, _dt.date):
        value = raw
    else:
        text = _as_text(raw)
        if text is None:
            return None, f"{f.label} must be a date written as YYYY-MM-DD."
        try:
            value = _dt.date.fromisoformat(text)
        except ValueError:
            return None, f"{f.label} must be a date written as YYYY-MM-DD; “{truncate(text, 20)}” is not one."
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        return None, f"{f.label} must be between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}."
    return value, None


def _parse_bool(f: Field, raw: Any) -> tuple[bool | None, str | None]:
    if isinstance(raw, bool):
        return raw, None
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw), None
    text = _as_text(raw)
    if text is not None and text.lower() in _TRUE:
        return True, None
    if text is not None and text.lower() in _FALSE:
        return False, None
    if f.unsure and text is not None and text.lower() in _UNSURE:
        return None, None
    return None, f"{f.label} must be yes, no or unsure." if f.unsure else f"{f.label} must be yes or no."


def _is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


def parse_one(f: Field, raw: Any) -> tuple[Any, str | None]:
    """The typed value of one field, or a message. ``raw`` is what was typed."""
    if _is_empty(raw) and f.kind != "bool":
        if f.required:
            what = {"date": "a date", "choice": "a choice", "text": "an answer"}.get(f.kind, "a number")
            return None, f"{f.label} is empty: enter {what}."
        return None, None
    if f.kind in ("number", "integer", "percent", "money"):
        value, error = _parse_number(f, raw)
        if error is None:
            error = _check_bounds(f, value)
        if error:
            return None, error
        return (int(value) if f.kind == "integer" else value), None
    if f.kind == "date":
        return _parse_date(f, raw)
    if f.kind == "bool":
        return _parse_bool(f, raw)
    if f.kind == "choice":
        text = _as_text(raw)
        allowed = [value for value, _label in f.choices]
        if text not in allowed:
            return None, f"{f.label} must be one of: {', '.join(label for _v, label in f.choices)}."
        return text, None
    if f.kind == "text":
        if not isinstance(raw, str):
            return None, f"{f.label} must be text."
        limit = TEXT_MAX_CHARS if f.max is None else int(f.max)  # for text, max counts characters
        if len(raw) > limit:
            return None, f"{f.label} is too long: keep it under {limit:,} characters."
        return raw.strip(), None
    raise ValueError(f"field {f.key!r} has unknown kind {f.kind!r}")  # a programming error


def parse(fields: Sequence[Field], raw: Mapping[str, Any] | None) -> Parsed:
    """Typed values for every field (missing keys take defaults) and a message per problem."""
    parsed = Parsed()
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        parsed.errors["inputs"] = "The inputs must be a set of named values."
        return parsed
    for f in fields:
        value = raw[f.key] if f.key in raw else f.default
        typed, error = parse_one(f, value)
        if error:
            parsed.errors[f.key] = error
        else:
            parsed.values[f.key] = typed
    return parsed


_SPEC = "playbook.field"  # the metadata key a declared attribute carries its Field under
_META = "playbook.meta"  # ... and what else the calculator said about it (see declare's meta)


def declare(label: str, kind: Kind = "number", unit: str = "", default: Any = None, *, meta: Any = None,
            **options: Any) -> Any:
    """Declare one input on the typed attribute of a calculator's ``Inputs`` dataclass.

    The attribute's name is the field's key; label, kind, unit, default, range and help
    travel with it as metadata (as ``attrs.field(metadata=...)`` does), so the form, the
    parsing, the reference page and the typed inputs all come from this one line::

        @dataclass(frozen=True)
        class Inputs:
            contacts: float = declare("Contacts per interval", "number", "contacts", 100, min=0)

    ``meta`` is anything else the calculator needs to know about this input, kept with it
    rather than in a second list keyed by name (the decision checklist: which way a yes
    points, and the reason it gives); :func:`metadata` returns it.

    The dataclass attribute itself has no default: :func:`read` always passes every value.

    >>> @dataclass(frozen=True)
    ... class Inputs:
    ...     aht_seconds: float = declare("Average handle time", "number", "seconds", 180, min=0, meta="why")
    >>> [(f.key, f.label, f.default) for f in form(Inputs)]
    [('aht_seconds', 'Average handle time', 180)]
    >>> read(Inputs, {"aht_seconds": "240"})
    (Inputs(aht_seconds=240.0), {})
    >>> read(Inputs, {"aht_seconds": "-1"})
    (None, {'aht_seconds': 'Average handle time cannot be negative.'})
    >>> metadata(Inputs)
    {'aht_seconds': 'why'}
    """
    extra = {} if meta is None else {_META: meta}
    return dataclasses.field(metadata={_SPEC: Field("", label, kind, unit, default, **options), **extra})


@functools.cache
def form(inputs_type: type) -> tuple[Field, ...]:
    """The fields declared on ``inputs_type`` with :func:`declare`, in declaration order,
    each keyed by its attribute's name."""
    return tuple(
        dataclasses.replace(f.metadata[_SPEC], key=f.name)
        for f in dataclasses.fields(inputs_type) if _SPEC in f.metadata
    )


def metadata(inputs_type: type) -> dict[str, Any]:
    """What each attribute of ``inputs_type`` declared with ``meta=``, by key."""
    return {f.name: f.metadata[_META] for f in dataclasses.fields(inputs_type) if _META in f.metadata}


def replaced(inputs: Any, **changes: Any) -> Any:
    """``dataclasses.replace(inputs, **changes)`` for a calculator's frozen inputs, without
    running its ``__init__`` again: a new instance with the old one's attributes and
    ``changes`` over them, equal to what ``replace`` gives (and hashing the same). Only for a
    class with no ``__post_init__`` and no slots, and for field names; anything else goes to
    ``replace`` itself. (Our own shortcut, not a library's: ``replace`` sets each of the
    business case's 44 fields again through the frozen class's ``object.__setattr__``, about
    ten times this copy's time, and its sensitivity and the cost calculator's hybrid shares
    make some ninety copies a run.)

    >>> @dataclass(frozen=True)
    ... class Point:
    ...     x: float
    ...     y: float
    >>> replaced(Point(1, 2), y=5) == dataclasses.replace(Point(1, 2), y=5) == Point(1, 5)
    True
    """
    names = _plain_fields(type(inputs))
    if names is None or not names.issuperset(changes):
        return dataclasses.replace(inputs, **changes)
    new = object.__new__(type(inputs))
    attributes = new.__dict__
    attributes.update(inputs.__dict__)
    attributes.update(changes)
    return new


@functools.cache
def _plain_fields(cls: type) -> frozenset[str] | None:
    """The init fields of a dataclass that :func:`replaced` may copy (None if it may not)."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):
        return None
    return frozenset(f.name for f in dataclasses.fields(cls) if f.init)


def read(fields: Sequence[Field] | type, raw: Mapping[str, Any] | None, make=None, validate=None):
    """Parse ``raw`` against ``fields`` (a sequence of :class:`Field`, or an ``Inputs``
    dataclass declared with :func:`declare`), run the calculator's cross-field
    ``validate`` (values -> {key: message}) and build its inputs with ``make`` (the
    dataclass itself unless told otherwise).

    Returns ``(inputs, {})`` or ``(None, {key: message})``: the shape every calculator's
    ``read`` returns.
    """
    if isinstance(fields, type):
        make = make or fields
        fields = form(fields)
    parsed = parse(fields, raw)
    if parsed.errors:
        return None, parsed.errors
    if validate is not None:
        errors = validate(parsed.values)
        if errors:
            return None, errors
    return make(**parsed.values), {}
