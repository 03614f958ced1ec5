"""The shared inputs code (calculators/core/fields.py): one declaration per input, and the
parsing and messages every calculator shares."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from calculators.core import fields, settings
from calculators.core.fields import Field, declare, form, metadata, parse_one, read


@dataclasses.dataclass(frozen=True)
class Inputs:
    contacts: float = declare("Contacts per interval", "number", "contacts", 100, min=0, min_exclusive=True)
    shrinkage_percent: float = declare("Shrinkage", "percent", "%", 30, min=0, max=95, meta="why shrinkage")
    start_date: dt.date | None = declare("Start date", "date", required=False)
    note: str | None = declare("Note", "text", default="", required=False, max=10)


def test_the_form_comes_from_the_declarations_in_order():
    assert [f.key for f in form(Inputs)] == ["contacts", "shrinkage_percent", "start_date", "note"]
    contacts = form(Inputs)[0]
    assert (contacts.label, contacts.kind, contacts.unit, contacts.default, contacts.min_exclusive) == (
        "Contacts per interval", "number", "contacts", 100, True)
    assert metadata(Inputs) == {"shrinkage_percent": "why shrinkage"}


def test_read_builds_the_typed_inputs_with_defaults_for_missing_keys():
    typed, errors = read(Inputs, {"contacts": "1,200", "shrinkage_percent": " 25% ", "start_date": "2027-01-04"})
    assert errors == {}
    assert typed == Inputs(contacts=1200.0, shrinkage_percent=25.0, start_date=dt.date(2027, 1, 4), note=None)
    assert read(Inputs, {})[0] == Inputs(contacts=100, shrinkage_percent=30, start_date=None, note=None)  # empty optional text: no answer


def test_read_gives_one_message_per_refused_field():
    typed, errors = read(Inputs, {"contacts": "0", "shrinkage_percent": "120", "start_date": "2027-02-30"})
    assert typed is None
    assert errors == {
        "contacts": "Contacts per interval must be more than 0 contacts.",
        "shrinkage_percent": "Shrinkage must be at most 95%.",
        "start_date": "Start date must be a date written as YYYY-MM-DD; “2027-02-30” is not one.",
    }


def test_cross_field_checks_run_after_every_field_reads():
    def validate(values):
        return {"note": "A note needs a start date."} if values["note"] and values["start_date"] is None else {}

    assert read(Inputs, {"note": "hi"}, validate=validate) == (None, {"note": "A note needs a start date."})
    assert read(Inputs, {"contacts": "x", "note": "hi"}, validate=validate)[1] == {
        "contacts": "Contacts per interval must be a number; “x” is not one."}


def test_inputs_that_are_not_named_values_are_refused():
    assert read(Inputs, [1, 2]) == (None, {"inputs": "The inputs must be a set of named values."})


@pytest.mark.parametrize(("raw", "message"), [
    ("", "Average handle time is empty: enter a number."),
    ("NaN", "Average handle time must be a number, not “NaN”."),
    (float("inf"), "Average handle time is far too large."),
    ("1e13", "Average handle time is far too large."),  # beyond ABSURD (1e12)
    ("about twenty-five seconds", "Average handle time must be a number; “about twenty-five se…” is not one."),
    (-1, "Average handle time cannot be negative."),
    (True, "Average handle time must be a number."),
])
def test_number_messages(raw, message):
    aht = Field("aht_seconds", "Average handle time", "number", "seconds", min=0)
    assert parse_one(aht, raw) == (None, message)


def test_integers_bools_choices_and_text():
    agents = Field("agents", "Agents", "integer", min=1)
    assert parse_one(agents, "12") == (12, None)
    assert parse_one(agents, 2.5) == (None, "Agents must be a whole number.")
    assert parse_one(agents, 0) == (None, "Agents must be at least 1.")
    nda = Field("nda", "NDA", "bool")
    assert [parse_one(nda, raw)[0] for raw in ("yes", "off", 1, "", None)] == [True, False, True, False, None]
    assert parse_one(nda, "maybe") == (None, "NDA must be yes or no.")
    tier = Field("tier", "Tier", "choice", choices=(("t1", "Tier 1"), ("t2", "Tier 2")))
    assert parse_one(tier, "t2") == ("t2", None)
    assert parse_one(tier, "t3") == (None, "Tier must be one of: Tier 1, Tier 2.")
    note = Field("note", "Note", "text", max=5)
    assert parse_one(note, " hi ") == ("hi", None)  # limit counts what was typed
    assert parse_one(note, "toolong") == (None, "Note is too long: keep it under 5 characters.")
    assert parse_one(note, 5) == (None, "Note must be text.")


def test_a_money_field_shows_the_site_currency_in_its_spec(monkeypatch):
    rate = Field("hourly_rate", "Hourly rate", "money", "an hour", 20, min=0)
    assert rate.to_dict()["unit"] == "USD an hour" and rate.to_dict()["step"] == "any"
    monkeypatch.setattr(settings, "CURRENCY", "EUR")
    assert rate.to_dict()["unit"] == "EUR an hour"
    assert parse_one(rate, "$1,000") == (1000.0, None)
    assert parse_one(dataclasses.replace(rate, max=500), 600) == (None, "Hourly rate must be at most €500.")


def test_text_max_defaults_to_the_shared_limit():
    free = Field("free", "Free text", "text", required=False)
    assert parse_one(free, "x" * fields.TEXT_MAX_CHARS)[1] is None
    assert parse_one(free, "x" * (fields.TEXT_MAX_CHARS + 1))[1] == "Free text is too long: keep it under 2,000 characters."


@pytest.mark.parametrize("raw", ["1899-12-31", "3000-01-01", dt.date(1, 1, 1)])
def test_dates_outside_the_years_a_plan_can_hold_are_refused(raw):
    start = Field("start_date", "Go-live date", "date")
    assert parse_one(start, raw) == (None, "Go-live date must be between 1900-01-01 and 2999-12-31.")
    assert parse_one(start, "1900-01-01") == (dt.date(1900, 1, 1), None)


def test_replaced_is_replace_for_every_calculators_inputs():
    """fields.replaced (the business case's sensitivity, the cost calculator's hybrid shares)
    gives what dataclasses.replace gives, field by field, for every calculator's inputs; a
    class it may not copy (a __post_init__, slots) or a name that is no field goes to replace."""
    import calculators
    from calculators.core.fields import replaced

    checked = set()
    for name in calculators.names():
        module = calculators._calculator(name)
        typed, errors = module.read({})
        if errors or not dataclasses.is_dataclass(typed):
            continue
        checked.add(name)
        for f in dataclasses.fields(typed):
            value = getattr(typed, f.name)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                value += 1  # another value; anything else is copied as it is
            copy, made = replaced(typed, **{f.name: value}), dataclasses.replace(typed, **{f.name: value})
            assert copy == made and type(copy) is type(made), (name, f.name)
            try:
                expected_hash = hash(made)
            except TypeError:  # inputs holding a table (dicts) have no hash either way
                continue
            assert hash(copy) == expected_hash, (name, f.name)
        assert replaced(typed) == typed and replaced(typed) is not typed
    assert {"business_case", "cost"} <= checked and len(checked) >= 9, checked

    @dataclasses.dataclass(frozen=True)
    class Checked:
        x: float

        def __post_init__(self):
            if self.x < 0:
                raise ValueError("negative")

    with pytest.raises(ValueError):
        replaced(Checked(1), x=-1)  # its __post_init__ ran
    with pytest.raises(TypeError):
        replaced(Checked(1), y=2)  # not a field
