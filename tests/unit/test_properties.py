"""Property-based tests over every field of every calculator.

Whatever is typed into any field, ``run`` returns a result (never raises), every refusal
names a field of that calculator, and every accepted input gives finite numbers.

Two scopes, chosen by PROPERTY_SCOPE:

* ``rule`` (the default, ``make test`` and ``make check``): one test per parsing rule of
  each calculator (fields of the same kind, range, steps and choices are read by the same
  code), each generated case putting its value into one of that rule's fields, drawn
  afresh each time, so every field is still reached over a run;
* ``field`` (``make test-deep``): one test per field, as a release runs them.

HYPOTHESIS_CASES is the number of generated cases per test (rule or field; default 100, as
``make test`` runs them; ``make check`` runs 25, ``make test-deep`` 1,000 per field);
the totals, per calculator and per field reached, are printed at the end of the run.
"""
from __future__ import annotations

import math
import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

import calculators

CASES = int(os.environ.get("HYPOTHESIS_CASES", "100"))
SCOPE = os.environ.get("PROPERTY_SCOPE", "rule")
if SCOPE not in ("rule", "field"):
    raise ValueError(f"PROPERTY_SCOPE must be 'rule' or 'field', not {SCOPE!r}")
RAN: Counter[str] = Counter()  # "calculator.field" -> cases run; printed by conftest

typed_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "abc", "NaN", "nan", "inf", "-inf", "1e400", "-1", "0", "101", "1,200", "80%",
                     "2027-02-30", "2027-01-04", "yes", "no", "true", "<script>", "| x |", "1_000", "٣", "１２"]),
    st.from_regex(r"-?[0-9]{1,15}(\.[0-9]{0,4})?%?", fullmatch=True),
)
HOSTILE = ["", "abc", "NaN", "-1", "1e400", "101", "1,23,4", None, float("nan"), 10**30, [1], {"a": 1}, True]
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


SPECS = {name: calculators.spec(name) for name in calculators.names()}  # looked up once, not per case
FIELD_KEYS = {name: {f["key"] for f in spec["fields"]} | {"inputs"} for name, spec in SPECS.items()}
# What makes two fields read alike: the same kind, range, steps, choices and requiredness.
RULE_PARTS = ("kind", "min", "max", "min_exclusive", "max_exclusive", "required", "step", "choices")


def rule_of(field: dict) -> str:
    return repr(sorted((k, repr(field.get(k))) for k in RULE_PARTS))


def check(name: str, inputs: dict) -> None:
    result = calculators.run(name, inputs)
    field_keys = FIELD_KEYS[name]
    if result["ok"]:
        for number in _numbers(result["outputs"]):
            assert math.isfinite(number), (inputs, result["outputs"])
        assert isinstance(result["html"], str) and isinstance(result["markdown"], str)
    else:
        assert result["errors"], inputs
        assert set(result["errors"]) <= field_keys, (inputs, result["errors"])
        assert all(isinstance(m, str) and m.strip() for m in result["errors"].values())


FIELDS = [(name, f["key"]) for name, spec in SPECS.items() for f in spec["fields"]]
# (calculator, rule number) -> the keys of the fields that share it, in form order.
RULES: dict[tuple[str, int], list[str]] = {}
for _name, _spec in SPECS.items():
    _seen: dict[str, int] = {}
    for _field in _spec["fields"]:
        _number = _seen.setdefault(rule_of(_field), len(_seen))
        RULES.setdefault((_name, _number), []).append(_field["key"])


def _settings(cases: int):
    return settings(max_examples=cases, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


if SCOPE == "field":
    @pytest.mark.parametrize(("name", "key"), FIELDS, ids=[f"{n}.{k}" for n, k in FIELDS])
    def test_any_value_in_one_field(name, key):
        @_settings(CASES)
        @given(anything)
        def one_field(value):
            RAN[f"{name}.{key}"] += 1
            check(name, {key: value})

        one_field()
else:
    @pytest.mark.parametrize(("name", "rule"), list(RULES), ids=[f"{n}.{RULES[n, r][0]}+{len(RULES[n, r]) - 1}"
                                                                  for n, r in RULES])
    def test_any_value_in_one_field_of_each_rule(name, rule):
        keys = RULES[name, rule]

        def one_field(key, value):
            RAN[f"{name}.{key}"] += 1
            check(name, {key: value})

        # Every field of the rule is given at least one hostile value of its own, whatever
        # the draws pick; the generated cases come on top.
        for i, key in enumerate(keys):
            one_field = example(key, HOSTILE[i % len(HOSTILE)])(one_field)
        _settings(CASES)(given(st.sampled_from(keys), anything)(one_field))()


@pytest.mark.parametrize("name", list(SPECS))
def test_any_values_in_every_field_at_once(name):
    keys = [f["key"] for f in SPECS[name]["fields"]]

    @_settings(max(CASES // 4, 50))
    @given(st.fixed_dictionaries({}, optional={k: anything for k in keys}))
    def all_fields(inputs):
        RAN[f"{name}.*"] += 1
        check(name, inputs)

    all_fields()
