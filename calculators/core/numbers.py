"""Reading a number as a person writes it: the one reader behind every number field (forms,
links, the command line, which all go through ``calculators.run``) and every number inside a
pasted or uploaded table (:mod:`calculators.core.volumes`).

The rules (``CONTRACT.md``):

* a comma separates thousands only where it groups digits in threes after a first group of
  one to three digits that does not start with 0 (``1,200``, ``12,345,678``, ``12,345.67``);
* dots grouping thousands followed by a decimal comma read as meant (``1.234,5``,
  ``1.200,50``), and so do two or more dot groups alone (``1.234.567``);
* otherwise a comma is a decimal comma (``24,50`` is 24.5, ``2,4`` is 2.4, ``0,500`` is 0.5:
  a first group of 0 is no thousands group);
* spaces, no-break spaces and thin spaces group thousands in threes (``1 200``, ``1 234,5``);
* anything else (``1,23,4``, ``1.2.3``, ``1,2.3``, ``-``) is refused with a message naming
  what was typed. A number is never read as itself times a power of ten.

Two spellings fit both conventions: ``1,234`` (thousands, or a decimal comma) and ``1.234``
(a decimal point, or dot thousands). Alone, each takes the reading the contract gives it
(1234 and 1.234: the decimal-point convention); in a table, :meth:`Spelling.under` reads
them by the convention the rest of the table shows.

=============  ==========  ============================================
typed          read as     why
=============  ==========  ============================================
``24,50``      24.5        the comma does not group three digits
``2,4``        2.4         the same
``0,500``      0.5         a first group of 0 is no thousands group
``1,200``      1200        the comma groups three digits
``1,23``       1.23        two digits after the comma: decimals
``12,345.67``  12345.67    comma thousands, decimal point
``1.234,5``    1234.5      dot thousands, decimal comma
``1.200``      1.2         one point: a decimal point
``1.234.567``  1234567     dot thousands
``1 200``      1200        space thousands
``1,23,4``     refused     the commas do not group in threes
=============  ==========  ============================================

>>> [read(t) for t in ("24,50", "2,4", "0,500", "1,200", "1,23", "12,345.67", "1.234,5", "1.200", "1.234.567")]
[24.5, 2.4, 0.5, 1200.0, 1.23, 12345.67, 1234.5, 1.2, 1234567.0]
>>> read("1\u202f200"), read("-1 234,5"), read("+7"), read("1e3"), read(".5")
(1200.0, -1234.5, 7.0, 1000.0, 0.5)
>>> read("1,23,4")
Traceback (most recent call last):
...
calculators.core.numbers.NotANumber: “1,23,4” is not a number as written: group thousands in threes (1,234,567) and write the decimals after one point or one comma (24.50 or 24,50).
>>> spelling("1,234"), spelling("24,75").decimal, spelling("1,234").under(",")
(Spelling(value=1234.0, decimal=None, otherwise=1.234), ',', 1.234)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

SPACES = " \u00a0\u202f\u2009\u2007"  # space, no-break, narrow no-break (thin), thin, figure space
_SPACE = re.compile(f"[{SPACES}]+")
_SIGN = re.compile("^([-+\u2212]?)\\s*")
_MINUS = ("-", "\u2212")
_FIRST = "[1-9][0-9]{0,2}"  # the first group of a grouped number

_PLAIN = re.compile(r"[0-9]+")
_POINT = re.compile(r"([0-9]*)\.([0-9]+)|([0-9]+)\.")
_COMMA = re.compile(r"([0-9]*),([0-9]+)|([0-9]+),")
_AMBIGUOUS = {".": re.compile(f"{_FIRST}\\.[0-9]{{3}}"), ",": re.compile(f"{_FIRST},[0-9]{{3}}")}
# Grouped thousands: (separator, the decimal mark that may follow).
_GROUPED = tuple(
    (group, mark, re.compile(f"({_FIRST}(?:{re.escape(group)}[0-9]{{3}})+)(?:{re.escape(mark)}([0-9]+))?"))
    for group, mark in ((",", "."), (".", ","), (" ", "."), (" ", ","))
)
_EXPONENT = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]+")
_WORDS = {"inf", "infinity", "nan"}

HINT = ("group thousands in threes (1,234,567) and write the decimals after one point or one comma "
        "(24.50 or 24,50)")


class NotANumber(ValueError):
    """What was typed is not a number; ``hint`` says how to write it where the digits were
    there but their separators fit no reading (None for text that is no number at all)."""

    def __init__(self, typed: str, hint: str | None = None):
        self.typed = typed
        self.hint = hint
        super().__init__(f"“{typed}” is not a number" + (f" as written: {hint}." if hint else "."))


@dataclass(frozen=True)
class Spelling:
    """A number as written.

    ``value`` is the contract's reading; ``decimal`` the decimal mark the spelling shows
    (``","`` or ``"."``), None where it shows none (``1200``, ``1 200``) or could be either
    (``1,234``, ``1.234``); for those two, ``otherwise`` is the value under the other mark.
    """

    value: float
    decimal: str | None = None
    otherwise: float | None = None

    def under(self, decimal: str | None) -> float:
        """The value where ``decimal`` (``","``, ``"."`` or None for the contract's reading)
        is the decimal mark of the text it came from. Alone, ``1,234`` and ``1.234`` take
        the decimal-point reading, so only a decimal comma changes them."""
        return self.otherwise if decimal == "," and self.otherwise is not None else self.value


def _number(sign: str, whole: str, fraction: str = "") -> float:
    # One decimal text, read once by float: exactly the number written, never rescaled.
    return float(f"{'-' if sign in _MINUS else ''}{whole or '0'}.{fraction or '0'}")


def spelling(text: str) -> Spelling:
    """How ``text`` reads; raises :class:`NotANumber` when it does not read as one number."""
    typed = text.strip()
    match = _SIGN.match(typed)
    sign, body = match[1], _SPACE.sub(" ", typed[match.end():])
    if not body:
        raise NotANumber(typed)
    if _PLAIN.fullmatch(body):
        return Spelling(_number(sign, body))
    if body.lower() in _WORDS or _EXPONENT.fullmatch(body):
        return Spelling(float(("-" if sign in _MINUS else "") + body), "." if "." in body else None)
    for mark, pattern in ((".", _POINT), (",", _COMMA)):
        found = pattern.fullmatch(body)
        if found:
            whole, fraction = (found[1], found[2]) if found[3] is None else (found[3], "")
            if _AMBIGUOUS[mark].fullmatch(body):
                point = _number(sign, whole, fraction)
                thousands = _number(sign, whole + fraction)
                return Spelling(thousands, None, point) if mark == "," else Spelling(point, None, thousands)
            # "5," or "5." (a number being typed) shows no convention.
            return Spelling(_number(sign, whole, fraction), mark if fraction else None)
    for group, mark, pattern in _GROUPED:
        found = pattern.fullmatch(body)
        if found:
            whole = found[1].replace(group, "")
            if found[2] is not None:
                return Spelling(_number(sign, whole, found[2]), mark)
            # Two or more comma (dot) groups show the decimal point (comma) convention.
            return Spelling(_number(sign, whole), None if group == " " else mark)
    if re.fullmatch(r"[0-9., ]+", body) and re.search("[0-9]", body):
        raise NotANumber(typed, HINT)
    raise NotANumber(typed)


def read(text: str, decimal: str | None = None) -> float:
    """The number ``text`` spells (see :func:`spelling` and :meth:`Spelling.under`)."""
    return spelling(text).under(decimal)
