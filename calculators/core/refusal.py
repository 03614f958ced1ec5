"""The one exception a calculation raises on purpose: :class:`Refusal`.

Importable as ``calculators.Refusal`` (and ``from . import Refusal`` inside the package).
"""
from __future__ import annotations

from typing import Mapping


class Refusal(Exception):
    """Raised by a computation when valid-looking inputs cannot be answered.

    It carries the same ``{field: message}`` shape as validation, so ``run`` returns it
    as a refusal instead of a traceback (for example traffic too heavy to staff).

    >>> Refusal({"contacts": "Too many contacts."}).errors
    {'contacts': 'Too many contacts.'}
    """

    def __init__(self, errors: Mapping[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = dict(errors)
