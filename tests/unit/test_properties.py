"""Property-based tests over every field of every calculator.

Whatever is typed into any field, ``run`` returns a result (never raises), every refusal
names a field of that calculator, and every accepted input gives finite numbers. The
number of generated cases per field is HYPOTHESIS_CASES (default 1,000); the totals are
printed at the end of the run.
"""
from __future__ import annotations

import math
import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import calculators

CASES = int(os.environ.get("HYPOTHESIS_CASES", "1000"))
RAN: Counter[str] = Counter()  # "calculator.field" -> cases run; printed by conftest

typed_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "abc", "NaN", "nan", "inf", "-inf", "1e400", "-1", "0", "101", "1,200", "80%",
                     "2027-02-30", "2027-01-04", "yes", "no", "true", "<script>", "| x |", "1_000", "٣", "１２"]),
    st.from_regex(r"-?[0-9]{1,15}(\.[0-9]{0,4})?%?", fullmatch=True),
)
anything = st.one_of(
    typed_text,
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _numbers(value):
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _numbers(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _numbers(v)


def check(name: str, inputs: dict) -> None:
    result = calculators.run(name, inputs)
    field_keys = {f["key"] for f in calculators.spec(name)["fields"]} | {"inputs"}
    if result["ok"]:
        for number in _numbers(result["outputs"]):
            assert math.isfinite(number), (inputs, result["outputs"])
        assert isinstance(result["html"], str) and isinstance(result["markdown"], str)
    else:
        assert result["errors"], inputs
        assert set(result["errors"]) <= field_keys, (inputs, result["errors"])
        assert all(isinstance(m, str) and m.strip() for m in result["errors"].values())


FIELDS = [(name, f["key"]) for name in calculators.names() for f in calculators.spec(name)["fields"]]


@pytest.mark.parametrize(("name", "key"), FIELDS, ids=[f"{n}.{k}" for n, k in FIELDS])
def test_any_value_in_one_field(name, key):
    @settings(max_examples=CASES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(anything)
    def one_field(value):
        RAN[f"{name}.{key}"] += 1
        check(name, {key: value})

    one_field()


@pytest.mark.parametrize("name", calculators.names())
def test_any_values_in_every_field_at_once(name):
    keys = [f["key"] for f in calculators.spec(name)["fields"]]

    @settings(max_examples=max(CASES // 4, 50), deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.fixed_dictionaries({}, optional={k: anything for k in keys}))
    def all_fields(inputs):
        RAN[f"{name}.*"] += 1
        check(name, inputs)

    all_fields()
