"""Small text helpers the reports share: lists in a sentence, capitals, shortening, and
the tolerance that keeps float noise from changing a whole number.
"""
from __future__ import annotations

import math
from typing import Iterable

# Float arithmetic leaves noise in the last bits (0.1 × 3 = 0.30000000000000004): a value
# within this of a whole number counts as that number when rounding up or down.
TOLERANCE = 1e-9


def join_and(items: Iterable[str]) -> str:
    """Items as a sentence writes them.

    >>> join_and(["email"])
    'email'
    >>> join_and(["email", "chat", "phone"])
    'email, chat and phone'
    """
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def join_some(items: Iterable[str], most: int) -> str:
    """At most ``most`` items named, the rest counted.

    >>> join_some(["a", "b", "c"], 2)
    'a, b and 1 more'
    >>> join_some(["a", "b"], 2)
    'a, b'
    """
    items = list(items)
    shown = ", ".join(items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


def capital(text: str) -> str:
    """The first letter in capitals, the rest as written.

    >>> capital("first contact resolution (FCR)")
    'First contact resolution (FCR)'
    """
    return text[:1].upper() + text[1:]


def plural(count: int, one: str, many: str) -> str:
    """A count with the word that agrees with it.

    >>> plural(1, "reason", "reasons"), plural(3, "reason", "reasons")
    ('1 reason', '3 reasons')
    """
    return f"{count} {one if count == 1 else many}"


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for quoting what was typed.

    >>> truncate("about twenty hours", 5)
    'about…'
    >>> truncate("20", 5)
    '20'
    """
    return text if len(text) <= limit else text[:limit] + "…"


def round_up(value: float) -> int:
    """The whole number at or above ``value``, forgiving float noise.

    >>> round_up(0.1 * 3 * 10), round_up(3.2)
    (3, 4)
    """
    return math.ceil(value - TOLERANCE)


def round_down(value: float) -> int:
    """The whole number at or below ``value``, forgiving float noise.

    >>> round_down(2.9999999999999996), round_down(3.8)
    (3, 3)
    """
    return math.floor(value + TOLERANCE)
