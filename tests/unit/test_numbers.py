"""The one number reader (calculators/core/numbers.py): the contract's spellings worked by
hand, and property tests over every way to write a number (thousands grouped with a comma,
a dot or a space; decimals after a point or a comma). HYPOTHESIS_CASES sets the generated
cases per property (default 1,000), as in test_properties.py."""
from __future__ import annotations

import os
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

import calculators
from calculators.core import numbers
from calculators.core.numbers import NotANumber, read, spelling

CASES = int(os.environ.get("HYPOTHESIS_CASES", "1000"))
SETTINGS = settings(max_examples=CASES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(("typed", "value"), [
    ("24,50", 24.5), ("2,4", 2.4), ("12,5", 12.5), ("0,500", 0.5), ("0,5", 0.5), ("1,23", 1.23), ("1,2345", 1.2345),
    ("1,200", 1200), ("1,234", 1234), ("12,345,678", 12_345_678), ("12,345.67", 12_345.67),
    ("1.234,5", 1234.5), ("1.200,50", 1200.5), ("1.234.567", 1_234_567), ("1.200", 1.2), ("0.500", 0.5),
    ("1 200", 1200), ("1\u00a0200", 1200), ("1\u202f200", 1200), ("1\u2009234,5", 1234.5), ("12 345.5", 12_345.5),
    ("-12.5", -12.5), ("\u22127", -7), ("+3", 3), (" 80 ", 80), (".5", 0.5), (",5", 0.5), ("1e3", 1000),
])
def test_the_contracts_spellings(typed, value):
    assert read(typed) == value


@pytest.mark.parametrize("typed", ["1,23,4", "1.2.3", "1,2.3", "1.234,5,6", "1,234.567.8", "12 5", "1 2345",
                                   "1,200,", "0,500,000", "1.200.5"])
def test_separators_that_fit_no_reading_are_refused_with_the_typed_text(typed):
    with pytest.raises(NotANumber) as refused:
        read(typed)
    assert refused.value.hint == numbers.HINT
    assert f"“{typed}”" in str(refused.value)


@pytest.mark.parametrize("typed", ["-", "+", "", "abc", "12abc", "1/2", "$", "٣", "１２"])
def test_text_that_is_no_number_is_refused(typed):
    with pytest.raises(NotANumber):
        read(typed)


def test_a_table_convention_settles_the_two_spellings_either_allows():
    # 1,234 and 1.234 fit both conventions: alone, the decimal-point one (1234 and 1.234) ...
    assert spelling("1,234") == numbers.Spelling(1234, None, 1.234)
    assert spelling("1.234") == numbers.Spelling(1.234, None, 1234)
    # ... in a table that writes decimal commas, the other.
    assert read("1,234", ",") == 1.234 and read("1.234", ",") == 1234
    assert read("1,234", ".") == 1234 and read("1.234", ".") == 1.234
    # Spellings that show their mark say so; the others read the same under any convention.
    assert [spelling(t).decimal for t in ("24,75", "24.75", "1.234,5", "12,345.67", "12,345,678", "1 200", "5")] == \
        [",", ".", ",", ".", ".", None, None]


def test_every_field_reads_through_it():
    # The business-case rate: 24,50 was read as 2,450; 2,4 as 24.
    assert calculators.run("cost", {"hourly_rate": "24,50"})["inputs"]["hourly_rate"] == 24.5
    assert calculators.run("business_case", {"hourly_rate": "2,4"})["inputs"]["hourly_rate"] == 2.4
    assert calculators.run("staffing", {"contacts": "1 200"})["inputs"]["contacts"] == 1200
    assert calculators.run("staffing", {"shrinkage_percent": "12,5%"})["inputs"]["shrinkage_percent"] == 12.5
    assert calculators.run("cost", {"hourly_rate": "$1.234,5"})["inputs"]["hourly_rate"] == 1234.5
    assert calculators.run("cost", {"hourly_rate": "1,23,4"})["errors"]["hourly_rate"] == (
        "Price per agent hour must be a number; “1,23,4” is not one: group thousands in threes (1,234,567) and "
        "write the decimals after one point or one comma (24.50 or 24,50).")


# ------------------------------------------------------------------ properties

def _grouped(whole: str, sep: str) -> str:
    """``whole`` (digits, no leading zero) with ``sep`` between groups of three from the right."""
    head = len(whole) % 3 or 3
    return sep.join([whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)])


@st.composite
def written(draw):
    """(the number as exact decimal text, one way a person could write it)."""
    whole = str(draw(st.integers(min_value=0, max_value=10**12)))
    fraction = draw(st.one_of(st.just(""), st.from_regex(r"[0-9]{1,6}", fullmatch=True)))
    negative = draw(st.booleans())
    group = draw(st.sampled_from(["", ",", ".", " ", "\u00a0", "\u202f", "\u2009"]))
    decimal = draw(st.sampled_from([".", ","]))
    if group and group in ",." and group == decimal:
        decimal = "." if group == "," else ","
    body = _grouped(whole, group) if group else whole
    if fraction:
        body += decimal + fraction
    exact = ("-" if negative else "") + whole + ("." + fraction if fraction else "")
    return exact, ("-" if negative else "") + body, whole, fraction, group, decimal


def _either_reading(whole: str, fraction: str, group: str, decimal: str) -> bool:
    """The two spellings the contract settles one way: 1,234 (thousands) and 1.234 (a
    decimal point). Written as a decimal comma or as dot thousands they read the other way."""
    if len(whole) <= 3:
        group = ""  # too short to group: written as plain digits
    if group == "." and not fraction:
        return len(whole) in (4, 5, 6)  # one dot group alone: 1.234 is a decimal point
    if not group and decimal == "," and len(fraction) == 3:
        return 1 <= len(whole) <= 3 and whole[0] != "0"  # 1,234 is thousands
    return False


@SETTINGS
@given(written())
def test_every_valid_spelling_reads_back_to_its_number_exactly(case):
    exact, text, whole, fraction, group, decimal = case
    assume(not _either_reading(whole, fraction, group, decimal))
    assert read(text) == float(Decimal(exact)), text


@SETTINGS
@given(st.integers(min_value=1, max_value=999), st.from_regex(r"[0-9]{3}", fullmatch=True), st.sampled_from([",", "."]),
       st.booleans())
def test_the_two_shared_spellings_read_exactly_under_the_tables_convention(whole, three, mark, negative):
    # 1,234 and 1.234: in a table whose other numbers show a decimal comma (and so dot
    # thousands) they read that way; in one that shows a decimal point, the other way.
    sign = "-" if negative else ""
    text = f"{sign}{whole}{mark}{three}"
    comma_reading = float(f"{sign}{whole}.{three}") if mark == "," else float(f"{sign}{whole}{three}")
    point_reading = float(f"{sign}{whole}{three}") if mark == "," else float(f"{sign}{whole}.{three}")
    assert read(text, ",") == comma_reading and read(text, ".") == point_reading == read(text)


@SETTINGS
@given(st.from_regex(r"[-+]?[0-9]{1,9}([,. ][0-9]{1,5}){0,3}", fullmatch=True))
def test_nothing_is_ever_read_as_the_number_times_a_power_of_ten(text):
    """Whatever digits and separators are typed, a reading keeps every digit in order and
    puts the decimal mark at a separator that was typed (or none): never a shifted number."""
    try:
        value = read(text)
    except NotANumber:
        return
    digits = re.sub(r"[^0-9]", "", text)
    sign = "-" if text.startswith("-") else ""
    candidates = {float(sign + digits)}
    for at in (m.end() for m in re.finditer(r"[,.]", text)):
        before = re.sub(r"[^0-9]", "", text[:at])
        candidates.add(float(f"{sign}{before or '0'}.{digits[len(before):] or '0'}"))
    assert value in candidates, (text, value)
    if "," in text or "." in text:
        mark = max(m.start() for m in re.finditer(r"[,.]", text))
        decimal = float(f"{sign}{re.sub('[^0-9]', '', text[:mark]) or '0'}.{re.sub('[^0-9]', '', text[mark:]) or '0'}")
        # Either the last point or comma is the decimal mark, or none is and every
        # separator groups three digits.
        assert value == decimal or re.fullmatch(r"[-+]?[1-9][0-9]{0,2}([,. ][0-9]{3})+", text), (text, value)
