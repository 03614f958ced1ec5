"""The worked examples written in the engine's docstrings are run as doctests, so an
example a reader sees beside a formula is one the suite checks."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import calculators

MODULES = sorted(info.name for info in pkgutil.walk_packages(calculators.__path__, "calculators.")
                 if not info.name.endswith("__main__"))


@pytest.mark.parametrize("name", ["calculators", *MODULES])
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed (see above)"


def test_the_worked_examples_are_doctests():
    # Each module below writes a worked example in its docstring; it must be one that runs.
    for name in ("decision", "staffing", "core.erlang_a", "core.fields", "core.render", "core.text",
                 "tools.worksheet", "tools.worksheet_import"):
        module = importlib.import_module(f"calculators.{name}")
        assert doctest.DocTestFinder().find(module) and doctest.testmod(module).attempted, name
