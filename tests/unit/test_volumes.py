"""Reading volumes: streaming in pieces gives what one read gives, and no text makes the parser raise."""
from __future__ import annotations

import os
import random

import pytest

from hypothesis import HealthCheck, given, settings, strategies as st

from calculators.core import volumes

CASES = int(os.environ.get("HYPOTHESIS_CASES", "100"))


def _export(rows: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ['Ticket ID,Subject,"Created at",Status']
    for k in range(rows):
        day, minute = rng.randrange(1, 29), rng.randrange(0, 1440)
        lines.append(f'{k},"Help, ""now""\nplease",2026-02-{day:02d}T{minute // 60:02d}:{minute % 60:02d}:07Z,open')
    return "\r\n".join(lines) + "\r\n"


def test_feeding_in_pieces_counts_what_one_read_counts():
    text = _export(3000)
    whole = volumes.read_text(text, time_zone="Europe/Berlin")
    rng = random.Random(3)
    counter = volumes.Counter(time_zone="Europe/Berlin")
    at = 0
    while at < len(text):
        step = rng.randrange(1, 400)  # cuts inside quotes, inside CRLF, inside timestamps
        counter.feed(text[at:at + step])
        at += step
    pieces = counter.finish()
    assert pieces.intervals == whole.intervals
    assert pieces.rows == whole.rows == 3000
    # In UTC the file runs Sun 1 to Sat 28 February: each weekday 4 times, so the week holds 3000 / 4.
    assert sum(i.contacts for i in volumes.read_text(text).intervals) == 750


def test_memory_follows_the_counts_not_the_rows():
    # 20,000 contacts over 28 days: at most 28 × 96 quarter hours are kept, whatever the row count.
    counter = volumes.Counter()
    counter.feed(_export(20_000))
    assert counter.rows == 20_000
    assert len(counter._counts) <= 28 * 96


def test_a_row_error_in_a_later_piece_names_its_line():
    counter = volumes.Counter()
    counter.feed("created_at\n2026-03-02 09:00\n2026-03-0")
    try:
        counter.feed("2 09:10\n\nnever\n")
        counter.finish()
    except volumes.VolumeError as problem:
        assert problem.message.startswith("Row 5: “never”")
    else:
        raise AssertionError("no error")


def test_table_text_round_trips():
    week = volumes.read_text("Created at\n2026-03-02 09:05\n2026-03-03 10:40\n2026-03-09 09:10")
    again = volumes.read_text(week.table_text())
    assert again.shape == "intervals" and len(again.intervals) == 336
    assert [(i.day, i.start, i.contacts) for i in again.intervals if i.contacts] == [
        ("Mon", "09:00", 1.0), ("Tue", "10:30", 1.0)]  # Mon 2 to Mon 9: Mondays twice (2 / 2), Tuesdays once


header = st.lists(st.one_of(st.sampled_from(["day", "Start", "contacts", "Created at", "created_at", "calls", "time",
                                             "Date", "x", "", "=cmd", "#", '"q"']), st.text(max_size=8)),
                  max_size=5)
cell = st.one_of(st.sampled_from(["Mon", "09:00", "2026-03-02 09:00", "12", "-1", "", "NaN", "03/04/2026 9:00 PM",
                                  "2026-02-30 09:00", '"', '""', "\n", "\t", ";", "1773695700"]), st.text(max_size=12))


@settings(max_examples=CASES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=header, rows=st.lists(st.lists(cell, max_size=5), max_size=6),
       sep=st.sampled_from([",", "\t", ";"]), blank=st.booleans(), quote=st.booleans(),
       cuts=st.lists(st.integers(min_value=1, max_value=40), max_size=6),
       interval=st.sampled_from([15, 30, 60]), zone=st.sampled_from(["", "Europe/Paris", "Nowhere/Land"]))
def test_any_text_is_read_or_refused_never_raises(header, rows, sep, blank, quote, cuts, interval, zone):
    def line(cells):
        return sep.join(f'"{c}"' if quote else c for c in cells)
    text = "\n".join([line(header)] + (["", "  "] if blank else []) + [line(r) for r in rows])
    counter = volumes.Counter(interval_minutes=interval, time_zone=zone)
    try:
        at = 0
        for cut in cuts:
            counter.feed(text[at:at + cut])
            at += cut
        counter.feed(text[at:])
        week = counter.finish()
    except volumes.VolumeError as problem:
        assert problem.message and problem.field in ("volumes", "column", "time_zone", "date_order")
    else:
        assert all(i.contacts >= 0 for i in week.intervals)


def test_reading_for_the_browser_answers_json_and_never_raises():
    import json

    reading = volumes.Reading(json.dumps({"interval_minutes": "30", "time_zone": "Europe/Paris", "size_bytes": 80}))
    assert json.loads(reading.feed("Created at\n2026-03-29T00:30:00Z\n2026-03-")) == {"rows": 1}
    assert json.loads(reading.feed("29T01:30:00Z\n")) == {"rows": 2}
    done = json.loads(reading.finish())
    assert done["ok"] and done["rows"] == 2
    assert "Sun,01:30,1\n" in done["table"] and "Sun,03:30,1\n" in done["table"]  # Paris, across the spring change
    assert done["summary"].startswith("Read 2 contacts from 2026-03-29 to 2026-03-29")


def test_reading_refuses_a_file_over_the_limit_with_the_limit():
    import json

    reading = volumes.Reading(json.dumps({"size_bytes": 60_000_000}))
    answer = json.loads(reading.feed(""))
    assert answer == {"ok": False, "errors": {"volumes": (
        "This file is 60 MB; files of up to 50 MB can be read. "
        "Export a shorter period (a month is plenty for an average week).")}}
    assert json.loads(reading.finish()) == answer


def test_reading_refuses_a_zip_in_its_first_piece():
    import json

    reading = volumes.Reading(json.dumps({}))
    assert "zip archive" in json.loads(reading.feed("PK\x03\x04\x14\x00\x06\x00"))["errors"]["volumes"]


# ------------------------------------------------- issue 20: files as Excel writes them

def _read_bytes(data: bytes, pieces: int = 1, **options) -> dict:
    import json

    reading = volumes.Reading(json.dumps({"interval_minutes": "30", "size_bytes": len(data), **options}))
    size = -(-len(data) // pieces)
    for k in range(pieces):
        answer = json.loads(reading.feed_bytes(data[k * size:(k + 1) * size], final=k == pieces - 1))
        if answer.get("ok") is False:
            return answer
    return json.loads(reading.finish())


@pytest.mark.parametrize("pieces", [1, 2, 7])
def test_a_windows_1252_file_is_read(pieces):
    # Excel's "CSV" on Windows: cp1252 ("é" is one byte, 0xE9, not UTF-8), semicolons, decimal commas.
    data = ("Day;Start;Calls;Team\nMon;09:00;24,75;Café\nMon;09:30;1,250;Café\nTue;09:00;3;Réseau\n").encode("cp1252")
    assert b"Caf\xe9" in data
    done = _read_bytes(data, pieces)
    assert done["ok"], done
    assert done["table"] == "day;start;contacts\nMon;09:00;24,75\nMon;09:30;1,25\nTue;09:00;3\n"
    assert done["summary"] == "Read 3 intervals. Its numbers have decimal commas (24,75 is 24.75)."


@pytest.mark.parametrize("pieces", [1, 3, 8])
def test_a_utf16_unicode_text_file_is_read(pieces):
    # Excel's "Unicode Text": UTF-16 little-endian with its byte-order mark, tab-separated.
    data = "Day\tStart\tCalls\nMon\t09:00\t100\nMon\t09:30\t50\n".encode("utf-16")
    assert data[:2] == b"\xff\xfe"
    done = _read_bytes(data, pieces)
    assert done["ok"] and done["table"] == "day,start,contacts\nMon,09:00,100\nMon,09:30,50\n"
    big_endian = b"\xfe\xff" + "created_at\n2026-03-02 09:00\n".encode("utf-16-be")
    assert _read_bytes(big_endian, 2)["rows"] == 1


def test_utf8_with_or_without_its_mark_is_read_and_a_later_cp1252_byte_switches():
    assert _read_bytes("\ufeffday,start,contacts\nMon,09:00,7\n".encode("utf-8"))["table"].endswith("Mon,09:00,7\n")
    # The first piece is plain ASCII; the second has a cp1252 "é" (0xE9): read on as cp1252.
    data = b"day,start,contacts,note\n" + b"".join(b"Mon,%02d:%02d,7,ok\n" % (h, m) for h in range(24) for m in (0, 30))
    data += b"Tue,09:00,2,caf\xe9\n"
    done = _read_bytes(data, 4)
    assert done["ok"] and done["table"].endswith("Mon,23:30,7\nTue,09:00,2\n")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)),
    b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)),
])
def test_true_binary_is_still_refused(data):
    answer = _read_bytes(data)
    assert answer["ok"] is False and "not" in answer["errors"]["volumes"] and "text" in answer["errors"]["volumes"]


def test_a_decimal_comma_table_round_trips_with_what_it_says_about_its_numbers():
    week = volumes.read_text("day;start;contacts\nMon;09:00;1,234\nMon;09:30;0,5\nTue;09:00;24\n")
    assert [i.contacts for i in week.intervals] == [1.234, 0.5, 24] and week.number_format == "decimal comma"
    again = volumes.read_text(week.table_text())  # "1,2340": never read back as 1,234 thousands
    assert [i.contacts for i in again.intervals] == [1.234, 0.5, 24] and again.number_format == "decimal comma"
