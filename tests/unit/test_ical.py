"""The calendar writer (RFC 5545): escaping of text people typed, and line folding."""
from __future__ import annotations

import datetime as dt

from calculators.core import ical


def _unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")


def test_ics_text_escaping_and_folding():
    assert ical.ics_text('a\\b;c,d\ne\r\nf') == "a\\\\b\\;c\\,d\\ne\\nf"
    assert ical.ics_text("bell\x07") == "bell "
    # "X:" + 78 × "é" is 2 + 156 = 158 octets. The first line takes "X:" and 36 × "é"
    # (2 + 72 = 74 octets; a 37th would make 76 > 75 and is not split), a continuation line
    # 37 × "é" (a space + 74 octets = 75), the last line the remaining 78 − 36 − 37 = 5 × "é".
    folded = ical.ics_fold("X:" + "é" * 78)
    parts = folded.split("\r\n ")
    assert [len(p.encode("utf-8")) for p in parts] == [74, 74, 10]
    assert "".join(parts) == "X:" + "é" * 78


def test_ics_escapes_people_text():
    event = ical.CalendarEvent("id;1", dt.date(2027, 1, 4), "A, B; C\\D", "line one\nline two")
    text = ical.ics([event], name="N, 1", stamp=dt.date(2027, 1, 1), product="-//T//T//EN")
    lines = _unfold(text)
    assert "SUMMARY:A\\, B\\; C\\\\D" in lines
    assert "DESCRIPTION:line one\\nline two" in lines
    assert "UID:id\\;1" in lines and "NAME:N\\, 1" in lines
    assert "DTEND;VALUE=DATE:20270105" in lines
