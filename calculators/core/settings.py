"""Site-wide settings the calculators read: the currency labels.

The site sets the currency once (``configure(currency="EUR")``) from ``mkdocs.yml``
at build time and from the page in the browser. Only labels change: amounts are what the
reader typed, and the published ranges in :mod:`calculators.figures` stay in the currency
they were published in.
"""
from __future__ import annotations

import re

from ..figures import money as _money

CURRENCY = "USD"
_CODE = re.compile(r"^[A-Z]{3}$")


def configure(currency: str | None = None) -> None:
    """Set the currency code (ISO 4217, three capital letters)."""
    global CURRENCY
    if currency is not None:
        if not isinstance(currency, str) or not _CODE.match(currency):
            raise ValueError(f"currency must be a three-letter ISO code such as USD; got {currency!r}")
        CURRENCY = currency


def money(amount: float, decimals: int = 0) -> str:
    """An amount in the site's currency: '$1,200', '€12.50'."""
    rounded = round(amount, decimals)
    if decimals and not float(rounded).is_integer():
        text = _money(rounded, CURRENCY)
        whole, _, frac = text.partition(".")
        return f"{whole}.{frac.ljust(decimals, '0')}"
    return _money(rounded, CURRENCY)
