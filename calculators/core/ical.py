"""Calendar files: all-day events written as an RFC 5545 VCALENDAR (``.ics``), for a
calculator whose result is a set of dates (the rollout planner's ``ics`` attachment).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Sequence


@dataclass(frozen=True)
class CalendarEvent:
    """An all-day event for :func:`ics`. ``uid`` must stay the same for the same event
    across downloads, so a calendar that imports the file again updates instead of
    duplicating."""

    uid: str
    day: date
    summary: str
    description: str = ""


_ICS_LINE_OCTETS = 75  # RFC 5545 §3.1: fold lines longer than this


def ics_text(text: str) -> str:
    """A TEXT value escaped per RFC 5545 §3.3.11: backslash, semicolon, comma and line
    breaks; other control characters (not allowed in TEXT) become spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch if ch == "\n" or ch == "\t" or ord(ch) >= 32 and ord(ch) != 127 else " " for ch in text)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_fold(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545 §3.1): CRLF and a space start each
    continuation, and no UTF-8 character is split."""
    if len(line.encode("utf-8")) <= _ICS_LINE_OCTETS:
        return line
    pieces, current, size, limit = [], [], 0, _ICS_LINE_OCTETS
    for ch in line:
        octets = len(ch.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, _ICS_LINE_OCTETS - 1  # the leading space counts
        current.append(ch)
        size += octets
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def ics(events: Sequence[CalendarEvent], *, name: str, stamp: date, product: str) -> str:
    """A VCALENDAR of all-day events, CRLF line endings, text escaped and lines folded.

    ``stamp`` (a date, written as midnight UTC) is the DTSTAMP of every event: pass a date
    taken from the inputs so the same inputs always give the same file.
    """
    stamp_text = f"{stamp:%Y%m%d}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{product}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{ics_text(name)}",
        f"X-WR-CALNAME:{ics_text(name)}",
    ]
    for e in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{ics_text(e.uid)}",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{e.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{e.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{ics_text(e.summary)}",
        ]
        if e.description:
            lines.append(f"DESCRIPTION:{ics_text(e.description)}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)
