"""Reading a week of contact volumes: an interval table, or a help-desk export counted as it streams.

Two shapes of text, told apart by the header (the first line that is not a ``#`` comment):

* an **interval table**: a day column (``Mon``..``Sun`` or an ISO date), a start column
  (``HH:MM``, ``9:00 AM``, ``09:00-09:30``) and a count column (``contacts``, ``calls``,
  ``chats``, ``offered``, ``volume`` …); one row per interval;
* a **contact export**: one row per contact, with the time it was created (``created_at``
  or the names popular help desks' exports give it; or a date column beside a time column).
  Contacts are counted per weekday and interval of the team's local time and divided by the
  number of times that weekday occurs between the file's first and last day: the average week.

Headers are matched case-insensitively, with punctuation read as spaces. Where two columns
could play the same part, :class:`VolumeError` asks the reader to name one (``column``);
nothing is guessed silently.

:class:`Counter` reads the text in pieces (``feed(text)`` as many times as needed, then
``finish()``), so a file of a few hundred thousand rows is counted with memory that grows
with the counts (one per day and quarter hour the file touches), not with the file.

Times: ISO 8601 (``2026-03-02T09:15:00Z``, ``2026-03-02 09:15``, with or without an offset),
``DD/MM/YYYY hh:mm`` or ``MM/DD/YYYY hh:mm`` (told apart by a day above 12 or by
``date_order``), ``DD.MM.YYYY hh:mm``, ``YYYY/MM/DD hh:mm``, ``Mar 2, 2026 9:15 AM``,
``2 Mar 2026 09:15`` and Unix seconds or milliseconds. The first timestamp sets the format
for the file; a row written otherwise is refused (mixed formats). Times that carry a zone
(``Z``, ``+01:00``, Unix time) are converted to the team's zone (IANA name, daylight-saving
changes included, through :mod:`zoneinfo`); times without one are the team's clock already.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import math
import re
from dataclasses import dataclass, field
from typing import Iterable

from . import numbers

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
INTERVAL_CHOICES = (15, 30, 60)
BUCKET_MINUTES = 15  # counts are kept per quarter hour of the written clock; every zone offset in use is a multiple of it

MAX_PASTE_CHARS = 2_000_000  # text pasted into the form (about 50,000 export rows)
MAX_FILE_MEGABYTES = 50  # a file read from disk, chunk by chunk, in the browser
MAX_RECORD_CHARS = 100_000  # one row; beyond it a quote was never closed
MAX_COUNT = 1_000_000  # contacts in one interval: staffing's own bound on its contacts field
MAX_TABLE_DAYS = 7  # an interval table by weekday describes one week
GRID_RUN = 4  # rows one step apart that show a table's interval length (see Counter._check_grid)
MAX_DATED_DAYS = 731  # an interval report by date: two years at most (averaged into one week)
MAX_SHOWN = 30  # characters of a cell quoted back in a message

# Header names, as normalized by _norm (lower case, punctuation read as spaces).
DAY_NAMES = {"day", "weekday", "day of week", "dow", "date", "day name"}
START_NAMES = {"start", "start time", "interval", "interval start", "time", "from", "period",
               "time interval", "slot", "half hour", "hour"}
COUNT_NAMES = {"contacts", "calls", "chats", "offered", "volume", "count", "contacts offered",
               "calls offered", "chats offered", "tickets", "conversations", "received",
               "interactions", "contacts received", "calls received", "number of contacts", "n"}
# The creation time as help-desk exports name it: created_at (APIs, Kustomer, Intercom),
# "Created at" (Zendesk, Help Scout), "Created time" (Freshdesk, Zoho Desk), "Create date"
# (HubSpot), "Date/Time Opened" (Salesforce), "opened_at" / "Opened" (ServiceNow),
# "Created" (Jira Service Management), "Created datetime" (Gorgias).
CREATED_NAMES = {"created at", "created", "creation time", "created time", "create time", "created date",
                 "date created", "created on", "creation date", "create date", "date time opened",
                 "opened", "opened at", "opened date", "created datetime", "conversation created at",
                 "ticket created at", "received at", "submitted at", "arrived at"}
STAMP_NAMES = {"timestamp", "datetime", "date time", "date"}  # a single date-and-time column, when nothing better names it

_DAY_WORDS = {}
for _i, _d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")):
    for _n in (3, 4, len(_d)):
        _DAY_WORDS.setdefault(_d[:_n], _i)
_DAY_WORDS.update({"tues": 1, "thur": 3, "thurs": 3})
_MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}


class VolumeError(Exception):
    """Text that cannot be read as volumes: ``field`` is the input the message belongs beside."""

    def __init__(self, message: str, field: str = "volumes"):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Interval:
    day: str  # "Mon".."Sun", or an ISO date for a table written by date
    start: str  # "HH:MM"
    contacts: float
    weekday: int  # 0 = Monday
    minute: int  # minutes after midnight


@dataclass(frozen=True)
class Volumes:
    shape: str  # "intervals" (an interval table) or "contacts" (a contact export)
    intervals: tuple[Interval, ...]
    interval_minutes: int
    rows: int  # data rows read
    columns: tuple[str, ...]  # the headers used, as written
    time_format: str = ""  # how timestamps were written (contact export)
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    weekdays_seen: tuple[int, ...] = ()  # times each weekday occurs in the range, Mon first
    time_zone: str = ""
    zoned: bool = False  # the timestamps carried a zone and were converted
    number_format: str | None = None  # "decimal comma" or "decimal point": how the counts were read; None: no count had a mark
    notes: tuple[str, ...] = ()  # what the reader should know about how the text was read

    @property
    def averaged(self) -> bool:
        """Whether the intervals are an average week of a longer period (an export, a dated report)."""
        return self.first_day is not None

    def table_text(self) -> str:
        """The volumes as an interval table (what the browser puts in the form after reading a
        file), its counts written with the decimal mark the file used, so that reading it
        again gives the same numbers and says the same about them."""
        comma = self.number_format == "decimal comma"
        sep = ";" if comma else ","
        lines = [sep.join(("day", "start", "contacts"))]
        lines += [sep.join((i.day, i.start, _short(i.contacts, comma))) for i in self.intervals]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Dated:
    """Contacts by date (:meth:`Counter.dated`): what a forecast reads, gaps kept apart from zeros."""

    shape: str  # "intervals" or "contacts", as in Volumes
    interval_minutes: int
    days: tuple[tuple[dt.date, float], ...]  # every day with data, in date order, and its contacts
    counts: dict[tuple[dt.date, int], float]  # (date, interval start minute) -> contacts, where above 0
    missing: tuple[dt.date, ...]  # days between the first and the last without data: gaps, not zeros
    rows: int
    columns: tuple[str, ...]
    time_format: str = ""
    time_zone: str = ""
    zoned: bool = False
    notes: tuple[str, ...] = ()  # how the text was read (as Volumes.notes)

    def table_text(self) -> str:
        """The history as an interval table by date (what the browser puts in the form after
        reading a file): each day's intervals with contacts, a day without any as one 0 row,
        a missing day as no row."""
        by_day: dict[dt.date, list[str]] = {}
        for (date, minute), contacts in sorted(self.counts.items()):
            by_day.setdefault(date, []).append(f"{date},{minute // 60:02d}:{minute % 60:02d},{_short(contacts)}")
        lines = ["day,start,contacts"]
        for date, _total in self.days:
            lines += by_day.get(date) or [f"{date},00:00,0"]
        return "\n".join(lines) + "\n"


def _in_date_order(firsts: dict[dt.date, int]) -> None:
    """Refuses rows whose dates go back in time: ``firsts`` is each date's first row. Oldest
    first and newest first are both in order."""
    by_row = sorted(firsts, key=firsts.__getitem__)
    later = by_row[-1] >= by_row[0]
    for before, date in zip(by_row, by_row[1:]):
        if (date < before) if later else (date > before):
            raise VolumeError(
                f"Row {firsts[date]}: the dates go {'back' if later else 'forward'} from {before} to {date}. Rows must "
                "be in date order (oldest or newest first): a file out of order is often two exports put together, "
                "which counts some days twice. Sort it by date, or export the whole period at once.")


def _short(value: float, comma: bool = False) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    if comma and "." in text:
        text = text.replace(".", ",")
        if numbers.spelling(text).otherwise is not None:  # 1,234 would read as thousands
            text += "0"
    return text


def _norm(header: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.lower()).split())


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f"“{_shown(n)}”" for n in names)


def not_text(sample: str) -> str | None:
    """Why ``sample`` (the first characters of a file) is not a table of text, or None."""
    if sample.startswith("%PDF"):
        return "This file is a PDF, not a table of text. Export the data as CSV and choose that file."
    if sample.startswith("PK\x03\x04"):
        return ("This file is a zip archive (an Excel workbook is one), not a table of text. "
                "Save it as CSV and choose that file.")
    if sample.startswith("\ufffdPNG") or sample.startswith("GIF8") or sample.startswith("\ufffd\ufffd\ufffd"):
        return "This file is an image, not a table of text. Export the data as CSV and choose that file."
    head = sample[:4096]
    if "\x00" in head or head.count("\ufffd") > 8:
        return "This file is not text. Export the data as CSV (comma- or tab-separated) and choose that file."
    return None


# --------------------------------------------------------------- time formats


@dataclass(frozen=True)
class _Format:
    name: str  # what the reader is told was read
    pattern: re.Pattern
    kind: str  # which group layout: "iso", "ymd", "slash", "dmy", "mdy_name", "dmy_name", "epoch"


_ZONE = r"(?:\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2}))?"
_CLOCK = r"(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
_AMPM = r"(?:\s*([AaPp])\.?[Mm]\.?)?"
_FORMATS = (
    _Format("ISO 8601 (YYYY-MM-DD hh:mm)", re.compile(rf"\s*(\d{{4}})-(\d{{2}})-(\d{{2}})[T ]\s*{_CLOCK}{_AMPM}{_ZONE}\s*$"), "iso"),
    _Format("YYYY/MM/DD hh:mm", re.compile(rf"\s*(\d{{4}})/(\d{{1,2}})/(\d{{1,2}}),?\s+{_CLOCK}{_AMPM}{_ZONE}\s*$"), "ymd"),
    _Format("DD/MM/YYYY or MM/DD/YYYY hh:mm", re.compile(rf"\s*(\d{{1,2}})[/-](\d{{1,2}})[/-](\d{{4}}),?\s+{_CLOCK}{_AMPM}{_ZONE}\s*$"), "slash"),
    _Format("DD.MM.YYYY hh:mm", re.compile(rf"\s*(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}),?\s+{_CLOCK}{_AMPM}{_ZONE}\s*$"), "dmy"),
    _Format("Mon D, YYYY hh:mm", re.compile(rf"\s*([A-Za-z]{{3}})[a-z]*\.? (\d{{1,2}}),? (\d{{4}}),?\s+(?:at\s+)?{_CLOCK}{_AMPM}{_ZONE}\s*$"), "mdy_name"),
    _Format("D Mon YYYY hh:mm", re.compile(rf"\s*(\d{{1,2}}) ([A-Za-z]{{3}})[a-z]*\.?,? (\d{{4}}),?\s+{_CLOCK}{_AMPM}{_ZONE}\s*$"), "dmy_name"),
    _Format("Unix time (seconds or milliseconds)", re.compile(r"\s*(\d{10}|\d{13})(?:\.\d+)?\s*$"), "epoch"),
)


_SLOT = {f"{m:02d}": m // BUCKET_MINUTES for m in range(60)}


def _offset(zone: str | None) -> int | None:
    """Minutes east of UTC written on a timestamp, or None when it carries no zone."""
    if not zone:
        return None
    if zone in ("Z", "UTC", "GMT"):
        return 0
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return sign * (int(digits[:2]) * 60 + int(digits[2:]))


def _hour(hour: int, ampm: str | None) -> int:
    if not ampm:
        return hour
    if not 1 <= hour <= 12:
        return 99  # refused below as an impossible time
    return hour % 12 + (12 if ampm in "Pp" else 0)


# ----------------------------------------------------------------- the counter


@dataclass
class _Columns:
    shape: str
    count: int | None = None  # interval table
    day: int | None = None
    start: int | None = None
    stamp: int | None = None  # contact export: one column, or the date column with `clock` beside it
    clock: int | None = None
    names: tuple[str, ...] = ()


class Counter:
    """Reads volumes text piece by piece: ``feed(text)`` any number of times, then ``finish()``.

    ``interval_minutes`` (15, 30 or 60) is the grid of the plan; ``time_zone`` the team's
    IANA zone name ("" for UTC); ``column`` names the column to read where two could do;
    ``date_order`` is "auto", "dmy" or "mdy" for dates such as 03/04/2026.
    Raises :class:`VolumeError` for anything it cannot read, with the row it stopped at.
    """

    def __init__(self, interval_minutes: int = 30, time_zone: str = "", column: str = "", date_order: str = "auto"):
        self.interval_minutes = int(interval_minutes)
        self.time_zone = time_zone or ""
        self.column = (column or "").strip()
        self.date_order = date_order
        self.rows = 0  # data rows read so far (the progress the browser shows)
        self._notes: list[str] = []  # how the text was read, for the reader (Volumes.notes)
        self._pending = ""  # the start of a row whose end has not arrived yet
        self._line = 0  # lines of the file read into complete rows
        self._sep: str | None = None
        self._cols: _Columns | None = None
        self._width = 0
        self._started = False
        # interval table
        self._table: dict[tuple[str, int], tuple[numbers.Spelling, int, int, str]] = {}  # (day, minute) -> (count, weekday, row, as written)
        self._day_kind: str | None = None  # "name" or "date"
        # contact export: (date key, quarter hour, offset) -> [count, first row]
        self._counts: dict = {}  # written (date, hour, quarter, zone) -> [count, first row, its text]
        self._format: _Format | None = None
        self._match = None  # the format's pattern.match, once the first timestamp has set it
        self._stamp = 0
        self._clock: int | None = None
        self._day_first = self._month_first = False
        self._dates: dict[tuple, dt.date | None] = {}

    # ------------------------------------------------------------ streaming
    def feed(self, text: str) -> None:
        if not self._started:
            text = text.lstrip("\ufeff")
            if text:
                problem = not_text(text)
                if problem:
                    raise VolumeError(problem)
                self._started = True
        text = self._pending + text.replace("\r\n", "\n").replace("\r", "\n")
        # The rows end at the last line break outside quotes: in CSV, a break is inside a
        # quoted cell exactly when an odd number of quotes comes before it.
        end = text.rfind("\n")
        while end >= 0 and text.count('"', 0, end) % 2:
            end = text.rfind("\n", 0, end)
        self._pending = text[end + 1:]
        if len(self._pending) > MAX_RECORD_CHARS:
            raise VolumeError(f"Row {self._line + 1} is longer than {MAX_RECORD_CHARS:,} characters: a quote "
                              "that opens a cell is probably never closed.")
        if end >= 0:
            self._rows(text[:end + 1])

    def finish(self) -> Volumes:
        self._flush()
        if self._cols.shape == "intervals":
            return self._finish_table()
        return self._finish_export()

    def dated(self) -> Dated:
        """What was fed, as contacts by date rather than an average week: what a forecast
        reads. An interval table must write its days as dates (a date without rows is
        missing); in a contact export, a day without a single contact is missing too, unless
        its weekday has no contact in the whole file (a day the team is closed: 0). Rows
        whose dates go back in time (other than a file written newest first) are refused."""
        self._flush()
        notes: tuple[str, ...] = ()
        if self._cols.shape == "intervals":
            if self._day_kind != "date":
                raise VolumeError("The day column names weekdays (Mon to Sun); a forecast needs each day's date. Write "
                                  "the days as YYYY-MM-DD, or paste the contacts themselves (one row each).")
            read, _number_format, notes = self._counts_read()
            self._check_grid()
            counts: dict[tuple[dt.date, int], float] = {}
            firsts: dict[dt.date, int] = {}
            for (day, minute), (_spelling, _weekday, row, _text) in self._table.items():
                date = dt.date.fromisoformat(day)
                counts[(date, minute)] = read[(day, minute)]
                firsts[date] = min(firsts.get(date, row), row)
            seen, closed, zoned, name = set(firsts), set(), False, ""
        else:
            counts, zoned, firsts = self._local()
            seen = {d for (d, _m), c in counts.items() if c > 0}
            open_weekdays = {d.weekday() for d in seen}
            closed = {w for w in range(7) if w not in open_weekdays}
            name = self._time_format()
        _in_date_order(firsts)
        first, last = min(firsts), max(firsts)
        if (last - first).days >= MAX_DATED_DAYS:
            raise VolumeError(f"The history runs from {first} to {last}, more than the {MAX_DATED_DAYS:,} days this "
                              "site reads; export a shorter period.")
        everyday = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        totals: dict[dt.date, float] = {}
        for (date, _minute), contacts in counts.items():
            totals[date] = totals.get(date, 0) + contacts
        observed = tuple((d, totals.get(d, 0)) for d in everyday if d in seen or d.weekday() in closed)
        missing = tuple(d for d in everyday if not (d in seen or d.weekday() in closed))
        return Dated(self._cols.shape, self.interval_minutes, observed,
                     {key: c for key, c in counts.items() if c > 0}, missing, self.rows, self._cols.names, name,
                     (self.time_zone or "UTC") if self._cols.shape == "contacts" else "", zoned,
                     (*self._notes, *notes))

    def _flush(self) -> None:
        """Reads the last row (one without a line break after it) and checks there was a table."""
        if self._pending.strip():
            if self._pending.count('"') % 2:
                raise VolumeError(f"Row {self._line + 1} opens a quoted cell that is never closed.")
            self._rows(self._pending + "\n")
            self._pending = ""
        if self._cols is None:
            raise VolumeError("The table is empty: paste a table with a header row, or choose a CSV file.")
        if self.rows == 0:
            raise VolumeError("The table has a header but no rows below it.")

    # ---------------------------------------------------------------- rows
    def _rows(self, text: str) -> None:
        """Complete rows (``text`` ends with a line break outside quotes). Row numbers are
        line numbers of the file, the header's included."""
        base = self._line
        if self._sep is None:
            header = next((line for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")), None)
            if header is None:
                self._line = base + text.count("\n")
                return
            self._sep = "\t" if "\t" in header else (";" if header.count(";") > header.count(",") else ",")
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self._sep, skipinitialspace=True)
        if self._cols is None:
            for cells in reader:
                if cells and any(c.strip() for c in cells) and not cells[0].lstrip().startswith("#"):
                    self._cols = self._recognize(cells)
                    self._stamp, self._clock = self._cols.stamp or 0, self._cols.clock
                    break
        if self._cols is not None:
            if self._cols.shape == "contacts" and self._clock is None:
                for cells in reader if self._format is None else ():
                    if cells:
                        self._export_row(cells, reader, base)  # the first timestamp sets the format
                        if self._format is not None:
                            break
                if self._format is not None:
                    self._count_fast(reader, base)
            handle = self._table_row if self._cols.shape == "intervals" else self._export_row
            for cells in reader:
                if cells:
                    handle(cells, reader, base)
        self._line = base + reader.line_num

    def _count_fast(self, reader, base: int) -> None:
        """The export's hot loop once the format is known (what _export_row does, inlined):
        a row it cannot count as it stands goes to _export_row, which counts it or says why not."""
        counts, match, stamp, slot = self._counts, self._match, self._stamp, _SLOT
        epoch = self._format.kind == "epoch"
        rows = 0
        try:
            for cells in reader:
                m = match(cells[stamp]) if len(cells) > stamp else None
                if m is None:
                    if cells:
                        self._export_row(cells, reader, base)
                    continue
                rows += 1
                if epoch:
                    digits = m[1]
                    key = int(digits) // (1000 if len(digits) == 13 else 1) // (BUCKET_MINUTES * 60)
                else:
                    key = (m[1], m[2], m[3], m[4], slot.get(m[5], -1), m[7], m[8])
                entry = counts.get(key)
                if entry is None:
                    counts[key] = [1, base + reader.line_num, cells[stamp]]
                else:
                    entry[0] += 1
        finally:
            self.rows += rows

    def _recognize(self, headers: list[str]) -> _Columns:
        norm = [_norm(h) for h in headers]

        def find(names: set[str]) -> list[int]:
            return [i for i, n in enumerate(norm) if n in names]

        chosen = None
        if self.column:
            wanted = _norm(self.column)
            hits = [i for i, n in enumerate(norm) if n == wanted]
            if not hits:
                # Column to read names a column of another text (the file this table was
                # read from, a paste before this one): where this text needs no choice it
                # is read as it stands, and a note says so; otherwise the reader must choose.
                missing = VolumeError(f"There is no column called “{_shown(self.column)}”; the columns are "
                                      f"{_quoted(headers)}.", "column")
                column, self.column = self.column, ""
                try:
                    found = self._recognize(headers)
                except VolumeError:
                    raise missing from None
                finally:
                    self.column = column
                self._notes.append(f"Column to read says “{_shown(column)}”, which is not a column of this table; it "
                                   f"needed no choice, so {_quoted(found.names)} were read.")
                return found
            chosen = hits[0]
        days, starts, counts = find(DAY_NAMES), find(START_NAMES), find(COUNT_NAMES)
        created, stamps = find(CREATED_NAMES), find(STAMP_NAMES)

        def one(candidates: list[int], part: str) -> int:
            if len(candidates) > 1:
                raise VolumeError(f"Several columns could be {part}: {_quoted(headers[i] for i in candidates)}. "
                                  "Rename or remove the ones to ignore.")
            return candidates[0]

        # An interval table: a day (or a start holding date and time), a start, and a count.
        if chosen is not None and chosen not in days + starts and days and starts:
            counts = [chosen]
        if counts and starts and (chosen is None or chosen in counts):
            if len(counts) > 1:
                raise VolumeError(f"Several columns could hold the number of contacts: {_quoted(headers[i] for i in counts)}. "
                                  "Type the one to plan for in Column to read.", "column")
            start = one([i for i in starts if i not in days] or starts, "the interval's start time")
            day = one([i for i in days if i != start], "the day") if [i for i in days if i != start] else None
            return _Columns("intervals", count=counts[0], day=day, start=start,
                            names=tuple(headers[i] for i in (day, start, counts[0]) if i is not None))
        # A contact export: the creation time, or a date column and a time column.
        if chosen is not None:
            return _Columns("contacts", stamp=chosen, names=(headers[chosen],))
        if len(created) > 1:
            raise VolumeError(f"Several columns could say when each contact arrived: {_quoted(headers[i] for i in created)}. "
                              "Type the one to use in Column to read.", "column")
        if created:
            return _Columns("contacts", stamp=created[0], names=(headers[created[0]],))
        dates = [i for i in days if norm[i] == "date"]
        clocks = [i for i in starts if norm[i] == "time"]
        if dates and clocks and not counts:
            return _Columns("contacts", stamp=dates[0], clock=clocks[0], names=(headers[dates[0]], headers[clocks[0]]))
        if len(stamps) > 1:
            raise VolumeError(f"Several columns could say when each contact arrived: {_quoted(headers[i] for i in stamps)}. "
                              "Type the one to use in Column to read.", "column")
        if stamps and not counts:
            return _Columns("contacts", stamp=stamps[0], names=(headers[stamps[0]],))
        shown = ", ".join(_shown(h) for h in headers[:8]) or "(nothing)"
        raise VolumeError(
            "No column says what it holds. The first line should name the columns: day, start and contacts "
            f"for a table of intervals, or created_at for an export with one row per contact. It reads: {shown}.")

    # ------------------------------------------------------- interval table
    def _table_row(self, cells: list[str], reader, base: int) -> None:
        c = self._cols
        if not any(cell.strip() for cell in cells):
            return
        self.rows += 1
        row = base + reader.line_num
        start_text = _cell(cells, c.start)
        count_text = _cell(cells, c.count)
        day_text = _cell(cells, c.day) if c.day is not None else ""
        if c.day is None:  # the start column holds a date and a time
            parts = start_text.replace("T", " ").split()
            if len(parts) < 2:
                raise VolumeError(f"Row {row}: “{_shown(start_text)}” has no day; add a day column (Mon to Sun) "
                                  "or write the start as YYYY-MM-DD HH:MM.")
            day_text, start_text = parts[0], " ".join(parts[1:])
        day, weekday, kind = _day(day_text, row)
        if self._day_kind is None:
            self._day_kind = kind
        elif kind != self._day_kind:
            raise VolumeError(f"Row {row}: “{_shown(day_text)}” mixes dates and weekday names in the day column; "
                              "use one or the other.")
        minute = _start(start_text, row)
        if minute % self.interval_minutes:
            raise _off_grid(row, minute, self.interval_minutes)
        contacts = _count(count_text, row)
        if (day, minute) in self._table:
            raise VolumeError(f"Row {row}: {day} {minute // 60:02d}:{minute % 60:02d} is already in row "
                              f"{self._table[(day, minute)][2]}; give each interval once.")
        days = MAX_TABLE_DAYS if kind == "name" else MAX_DATED_DAYS
        if len(self._table) >= days * 1440 // self.interval_minutes:
            what = "one week" if kind == "name" else f"{MAX_DATED_DAYS} days"
            raise VolumeError(f"Row {row}: the table has more intervals than {what} holds.")
        self._table[(day, minute)] = (contacts, weekday, row, count_text)

    def _finish_table(self) -> Volumes:
        counts, number_format, notes = self._counts_read()
        self._check_grid()
        if self._day_kind == "date" and len({d for d, _m in self._table}) > 1:
            dated = {(dt.date.fromisoformat(d), m): counts[(d, m)] for d, m in self._table}
            first, last = min(d for d, _m in dated), max(d for d, _m in dated)
            if (last - first).days >= MAX_TABLE_DAYS:
                # A report over several weeks: averaged per weekday and interval, as an export is.
                intervals, seen = _average_week(dated, first, last, self.interval_minutes)
                return Volumes("intervals", intervals, self.interval_minutes, self.rows, self._cols.names,
                               first_day=first, last_day=last, weekdays_seen=seen, number_format=number_format,
                               notes=(*self._notes, *notes))
        if self._day_kind == "date":
            order = lambda key: (key[0], key[1])  # noqa: E731  ISO dates sort as text
        else:
            order = lambda key: (DAYS.index(key[0]), key[1])  # noqa: E731
        intervals = tuple(
            Interval(day, f"{minute // 60:02d}:{minute % 60:02d}", counts[(day, minute)], weekday, minute)
            for (day, minute), (_spelling, weekday, _row, _text) in sorted(self._table.items(), key=lambda kv: order(kv[0]))
        )
        return Volumes("intervals", intervals, self.interval_minutes, self.rows, self._cols.names,
                       number_format=number_format, notes=(*self._notes, *notes))

    def _counts_read(self) -> tuple[dict[tuple[str, int], float], str | None, tuple[str, ...]]:
        """Every count of the table, read with the decimal mark the table's own numbers show
        (a file that writes 24,75 reads 1,250 as 1.25, one that writes 24.75 as 1,250);
        the mark used ("decimal comma", "decimal point" or None) and a note saying so."""
        shown: dict[str, tuple[int, str]] = {}  # decimal mark -> the first (row, text) that shows it
        ambiguous = None
        for spelling, _weekday, row, text in sorted(self._table.values(), key=lambda entry: entry[2]):
            if spelling.decimal is not None:
                shown.setdefault(spelling.decimal, (row, text))
            elif spelling.otherwise is not None and ambiguous is None:
                ambiguous = (row, text, spelling)
        if len(shown) > 1:
            (comma_row, comma), (point_row, point) = shown[","], shown["."]
            raise VolumeError(f"Row {comma_row} writes “{_shown(comma)}” with a decimal comma and row {point_row} "
                              f"writes “{_shown(point)}” with a decimal point: write every count the same way.")
        decimal = next(iter(shown), None)
        counts = {}
        for key, (spelling, _weekday, row, text) in self._table.items():
            value = spelling.under(decimal)
            if value > MAX_COUNT:
                raise VolumeError(f"Row {row}: {_shown(text)} contacts in one interval is more than the {MAX_COUNT:,} "
                                  "this planner sizes; split the queue.")
            counts[key] = value
        notes: tuple[str, ...] = ()
        if decimal == ",":
            row, text = shown[","]
            notes = (f"The counts were read with a decimal comma, as the table writes them (row {row}: "
                     f"“{_shown(text)}” is {_plain(numbers.read(text, ','))}).",)
        elif decimal == "." or ambiguous:
            row, text = shown["."] if decimal else ambiguous[:2]
            notes = (f"The counts were read with a decimal point and thousands commas (row {row}: “{_shown(text)}” is "
                     f"{_plain(numbers.read(text))}).",)
        number_format = {",": "decimal comma", ".": "decimal point"}.get(decimal, "decimal point" if ambiguous else None)
        return counts, number_format, notes

    def _check_grid(self) -> None:
        """Refuse a table whose rows step by more than Interval length (a 30-minute report
        read as 15 minutes would plan each row's contacts into a quarter hour). The sign is
        every start on a coarser grid and a run of :data:`GRID_RUN` rows one step apart: a
        short table with a few rows an hour apart may just leave its other rows out."""
        minutes = sorted({m for _d, m in self._table})
        step = 1440
        for m in minutes:
            step = math.gcd(step, m)
        if step <= self.interval_minutes or step not in INTERVAL_CHOICES:
            return
        by_day: dict[str, list[int]] = {}
        for d, m in sorted(self._table):
            by_day.setdefault(d, []).append(m)
        for d, starts in by_day.items():
            for k in range(len(starts) - GRID_RUN + 1):
                run = starts[k:k + GRID_RUN]
                if run[-1] - run[0] == step * (GRID_RUN - 1):
                    a, b = run[0], run[1]
                    raise VolumeError(
                        f"The table's rows are {step} minutes apart ({d} {a // 60:02d}:{a % 60:02d}, {b // 60:02d}:"
                        f"{b % 60:02d} …), but Interval length is {self.interval_minutes} minutes, so each row's "
                        f"contacts would be planned into {self.interval_minutes} minutes. Set Interval length to "
                        f"{step} minutes.", "interval_minutes")

    # ------------------------------------------------------- contact export
    def _export_row(self, cells: list[str], reader, base: int) -> None:
        # The hot loop of a large file: match, then count under the written groups as they
        # are; checking and converting them waits for finish(), once per distinct key.
        try:
            text = cells[self._stamp]
        except IndexError:
            text = ""
        if self._clock is not None:
            text = f"{text} {cells[self._clock] if self._clock < len(cells) else ''}"
        match = self._match(text) if self._match else None
        if match is None:
            if not any(cell.strip() for cell in cells):
                return  # a row of empty cells, as spreadsheets write at the end
            match = self._first_match(text.strip(), base + reader.line_num)
        self.rows += 1
        if self._format.kind == "epoch":
            digits = match[1]
            key = int(digits) // (1000 if len(digits) == 13 else 1) // (BUCKET_MINUTES * 60)
        else:
            g = match.groups()
            key = (g[0], g[1], g[2], g[3], _SLOT.get(g[4], -1), g[6], g[7])  # seconds left out
        entry = self._counts.get(key)
        if entry is None:
            self._counts[key] = [1, base + reader.line_num, text]
        else:
            entry[0] += 1

    def _first_match(self, text: str, row: int) -> re.Match:
        c = self._cols
        if not text.strip():
            raise VolumeError(f"Row {row} has no time in {_quoted(c.names)}; every contact needs one.")
        if self._format is not None:
            raise VolumeError(f"Row {row}: “{_shown(text)}” is not written like the rows above it ({self._format.name}); "
                              "the file mixes formats.")
        for candidate in _FORMATS:
            match = candidate.pattern.match(text)
            if match:
                self._format = candidate
                self._match = candidate.pattern.match
                return match
        raise VolumeError(f"Row {row}: “{_shown(text)}” cannot be read as a date and time. Write it as "
                          "YYYY-MM-DD hh:mm (ISO 8601) or as your help-desk exports it, such as 03/02/2026 09:15.")

    def _moment(self, key, row: int, text: str) -> tuple[tuple, int, int | None]:
        """(date key, quarter hour of the written clock, offset in minutes or None) of one
        counted key, checked: a date that exists, a time of day."""
        kind = self._format.kind
        if kind == "epoch":
            moment = dt.datetime(1970, 1, 1) + dt.timedelta(minutes=key * BUCKET_MINUTES)
            return ("ymd", moment.year, moment.month, moment.day), (moment.hour * 60 + moment.minute) // BUCKET_MINUTES, 0
        a, b, c, hour_text, slot, ampm, zone = key
        if kind in ("iso", "ymd"):
            date_key = ("ymd", int(a), int(b), int(c))
        elif kind == "dmy":
            date_key = ("ymd", int(c), int(b), int(a))
        elif kind in ("mdy_name", "dmy_name"):
            month_word, day_num = (a, b) if kind == "mdy_name" else (b, a)
            month = _MONTHS.get(month_word[:3].lower())
            if month is None:
                raise VolumeError(f"Row {row}: “{_shown(text)}” has no month called “{_shown(month_word)}”.")
            date_key = ("ymd", int(c), month, int(day_num))
        else:  # slash: day or month first, settled by a day above 12 or by the reader
            first, second = int(a), int(b)
            self._day_first |= first > 12
            self._month_first |= second > 12
            date_key = ("slash", int(c), first, second)
        hour = _hour(int(hour_text), ampm)
        if hour > 23 or slot < 0:
            raise VolumeError(f"Row {row}: “{_shown(text)}” is not a time of day.")
        if date_key[0] == "ymd":
            try:
                dt.date(date_key[1], date_key[2], date_key[3])
            except ValueError:
                raise VolumeError(f"Row {row}: “{_shown(text)}” is not a date that exists.") from None
        return date_key, hour * 60 // BUCKET_MINUTES + slot, _offset(zone)

    def _resolve(self, key: tuple, row: int) -> dt.date:
        if key[0] == "ymd":
            return dt.date(key[1], key[2], key[3])
        _slash, year, first, second = key
        if self._day_first and self._month_first:
            raise VolumeError("Some dates put a day above 12 first and others second: the file mixes date orders "
                              "(day/month/year and month/day/year).")
        if self.date_order == "mdy" and self._day_first:
            raise VolumeError(f"Row {row}: a day above 12 comes first, so the dates are day/month/year, "
                              "not month/day/year as Date order says.", "date_order")
        if self.date_order == "dmy" and self._month_first:
            raise VolumeError(f"Row {row}: a day above 12 comes second, so the dates are month/day/year, "
                              "not day/month/year as Date order says.", "date_order")
        if not (self._day_first or self._month_first) and self.date_order == "auto":
            raise VolumeError("The dates could be day/month/year or month/day/year (no day in the file is above 12). "
                              "Choose the order in Date order.", "date_order")
        day_first = self._day_first or self.date_order == "dmy"
        day, month = (first, second) if day_first else (second, first)
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise VolumeError(f"Row {row}: {first}/{second}/{year} is not a date that exists.") from None

    def _local(self) -> tuple[dict[tuple[dt.date, int], int], bool, dict[dt.date, int]]:
        """The export's counts by (local date, interval start minute); whether the times
        carried a zone; and each written date's first row (for the order check)."""
        zone = _zone(self.time_zone)
        step = self.interval_minutes
        moments = [(self._moment(key, row, text), count, row) for key, (count, row, text) in self._counts.items()]
        _one_kind_of_time(moments, {row: text for _count, row, text in self._counts.values()})
        local: dict[tuple[dt.date, int], int] = {}
        zoned = False
        days: dict[tuple, dt.date] = {}
        firsts: dict[dt.date, int] = {}
        for (date_key, slot, offset), count, row in moments:
            day = days.get(date_key)
            if day is None:
                day = days[date_key] = self._resolve(date_key, row)
            firsts[day] = min(firsts.get(day, row), row)
            when = dt.datetime(day.year, day.month, day.day) + dt.timedelta(minutes=slot * BUCKET_MINUTES)
            if offset is not None:
                zoned = True
                moment = (when - dt.timedelta(minutes=offset)).replace(tzinfo=dt.timezone.utc)
                when = moment.astimezone(zone).replace(tzinfo=None) if zone else moment.replace(tzinfo=None)
            place = (when.date(), (when.hour * 60 + when.minute) // step * step)
            local[place] = local.get(place, 0) + count
        return local, zoned, firsts

    def _time_format(self) -> str:
        name = self._format.name
        if self._format.kind == "slash":
            name = "DD/MM/YYYY hh:mm" if (self._day_first or self.date_order == "dmy") else "MM/DD/YYYY hh:mm"
        return name

    def _finish_export(self) -> Volumes:
        step = self.interval_minutes
        local, zoned, _firsts = self._local()
        first, last = min(d for d, _m in local), max(d for d, _m in local)
        intervals, seen = _average_week(local, first, last, step)
        return Volumes("contacts", intervals, step, self.rows, self._cols.names, self._time_format(), first, last, seen,
                       self.time_zone or "UTC", zoned, notes=tuple(self._notes))


def _average_week(counts: dict[tuple[dt.date, int], float], first: dt.date, last: dt.date,
                  step: int) -> tuple[tuple[Interval, ...], tuple[int, ...]]:
    """Every interval of the average week from counts per (date, minute): each weekday's
    counts divided by the number of times it occurs from ``first`` to ``last``; and those
    numbers of times, Monday first."""
    span = (last - first).days + 1
    seen = tuple(span // 7 + (1 if (d - first.weekday()) % 7 < span % 7 else 0) for d in range(7))
    totals: dict[tuple[int, int], float] = {}
    for (day, minute), count in counts.items():
        totals[(day.weekday(), minute)] = totals.get((day.weekday(), minute), 0) + count
    intervals = tuple(
        Interval(DAYS[w], f"{m // 60:02d}:{m % 60:02d}", (totals.get((w, m), 0) / seen[w]) if seen[w] else 0.0, w, m)
        for w in range(7) for m in range(0, 1440, step)
    )
    return intervals, seen


def _one_kind_of_time(moments, texts: dict[int, str]) -> None:
    """Refuse a time column that mixes times with a zone and times without one: the first
    would be converted and the others taken as the team's clock, hours apart."""
    zoned = min((row for (_d, _s, offset), _c, row in moments if offset is not None), default=None)
    plain = min((row for (_d, _s, offset), _c, row in moments if offset is None), default=None)
    if zoned is not None and plain is not None:
        raise VolumeError(
            f"Row {zoned}: “{_shown(texts[zoned])}” carries a time zone and row {plain}: “{_shown(texts[plain])}” does not, "
            "so the two would be read hours apart. Export every time the same way (all in UTC, or all in your "
            "team's time without a zone).")


def _off_grid(row: int, minute: int, interval: int) -> VolumeError:
    """Why a start does not fit Interval length, beside the field that fixes it: Interval
    length where the table's starts fit a finer one, the table where they fit none."""
    shown = f"{minute // 60:02d}:{minute % 60:02d}"
    fits = next((m for m in sorted(INTERVAL_CHOICES) if minute % m == 0), None)
    if fits:
        return VolumeError(f"Row {row}: {shown} does not start a {interval}-minute interval; the table's rows look "
                           f"{fits} minutes apart: set Interval length to {fits} minutes.", "interval_minutes")
    return VolumeError(f"Row {row}: {shown} does not start a {interval}-minute interval; starts fall on the quarter, "
                       "half or whole hour.")


def _plain(value: float) -> str:
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


def _day(text: str, row: int) -> tuple[str, int, str]:
    word = text.strip().lower().rstrip(".")
    if word in _DAY_WORDS:
        weekday = _DAY_WORDS[word]
        return DAYS[weekday], weekday, "name"
    dated = re.fullmatch(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})", word)
    if dated and (dated[2] == "/" or len(word) == 10):  # 2026-03-16, or 2026/03/16 as contact exports write it
        try:
            day = dt.date(int(dated[1]), int(dated[3]), int(dated[4]))
        except ValueError:
            raise VolumeError(f"Row {row}: “{_shown(text)}” is not a date that exists.") from None
        return day.isoformat(), day.weekday(), "date"
    if not word:
        raise VolumeError(f"Row {row} has no day; write Mon to Sun, or a date as YYYY-MM-DD.")
    raise VolumeError(f"Row {row}: “{_shown(text)}” is not a day; write Mon to Sun, or a date as YYYY-MM-DD.")


_START = re.compile(r"(\d{1,2})(?::|\.|h)(\d{2})(?::\d{2})?\s*(?:([AaPp])\.?[Mm]\.?)?(?:\s*[-–]\s*.*)?$")


def _start(text: str, row: int) -> int:
    match = _START.match(text.strip())
    if not match:
        what = f"“{_shown(text)}” is not" if text.strip() else "The start is empty, not"
        raise VolumeError(f"Row {row}: {what} a time of day such as 09:30.")
    hour, minute = _hour(int(match[1]), match[3]), int(match[2])
    if hour > 23 or minute > 59:
        raise VolumeError(f"Row {row}: “{_shown(text)}” is not a time of day (hours run 0 to 23, minutes 0 to 59).")
    return hour * 60 + minute


def _count(text: str, row: int) -> numbers.Spelling:
    """One count as written (read with :mod:`calculators.core.numbers`); its value waits for
    the whole table, whose other numbers show which decimal mark it uses."""
    if not text.strip():
        raise VolumeError(f"Row {row}: the number of contacts is empty; write 0 for an interval with none.")
    if text.strip() in ("-", "\u2013", "\u2014"):
        raise VolumeError(f"Row {row}: “{text.strip()}” is not a number of contacts; write 0 for an interval with none "
                          "(a spreadsheet's accounting format shows 0 as a dash).")
    try:
        spelling = numbers.spelling(text)
    except numbers.NotANumber as problem:
        hint = f": {problem.hint}." if problem.hint else "."
        raise VolumeError(f"Row {row}: “{_shown(text)}” is not a number of contacts{hint}") from None
    if math.isnan(spelling.value) or math.isinf(spelling.value):
        raise VolumeError(f"Row {row}: “{_shown(text)}” is not a number of contacts.")
    if spelling.value < 0:
        raise VolumeError(f"Row {row}: the number of contacts cannot be negative (“{_shown(text)}”).")
    return spelling


_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,2}")


def _zone(name: str):
    """The team's zone, or None for UTC."""
    name = name.strip()
    if not name or name.upper() in ("UTC", "Z", "GMT", "ETC/UTC"):
        return None
    import zoneinfo

    if not _ZONE_NAME.fullmatch(name) or len(name) > 64:
        raise VolumeError(f"“{_shown(name)}” is not a time zone name; write one such as Europe/Paris or America/New_York.",
                          "time_zone")
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        pass
    for known in sorted(zoneinfo.available_timezones()):
        if known.lower() == name.lower():
            return zoneinfo.ZoneInfo(known)
    raise VolumeError(f"“{_shown(name)}” is not a time zone this site knows; write an IANA name such as "
                      "Europe/Paris or America/New_York.", "time_zone")


def read_text(text: str, **options) -> Volumes:
    """Volumes from a whole text (a paste): one feed, then finish."""
    counter = Counter(**options)
    counter.feed(text)
    return counter.finish()


def read_dated(text: str, **options) -> Dated:
    """Contacts by date from a whole text (a paste), for a forecast: see :meth:`Counter.dated`.

    >>> history = read_dated("day,start,contacts\\n2026-03-02,09:00,5\\n2026-03-02,09:30,3\\n2026-03-04,09:00,4\\n")
    >>> history.days, history.missing
    (((datetime.date(2026, 3, 2), 8.0), (datetime.date(2026, 3, 4), 4.0)), (datetime.date(2026, 3, 3),))
    """
    counter = Counter(**options)
    counter.feed(text)
    return counter.dated()


class Decoder:
    r"""A file's bytes as text, piece by piece: by its byte-order mark (UTF-8, or UTF-16 as
    Excel's "Unicode Text" writes it), else UTF-8, else Windows-1252 (Excel's "CSV" on
    Windows), switching at the first byte that is not UTF-8 (the text before it reads the
    same in both). Bytes that are no text at all still decode, and :func:`not_text` refuses them.

    >>> d = Decoder()
    >>> d.decode(b"caf\xe9;24,75\n", final=True), d.encoding
    ('café;24,75\n', 'windows-1252')
    >>> d = Decoder()
    >>> d.decode("day\tcontacts\n".encode("utf-16"), final=True), d.encoding
    ('day\tcontacts\n', 'utf-16')
    """

    BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))

    def __init__(self):
        self.encoding = ""
        self._head = b""  # the first bytes, until there are enough to look for a mark
        self._decoder = None

    def decode(self, data: bytes, final: bool = False) -> str:
        if self._decoder is None:
            self._head += bytes(data)
            if len(self._head) < 3 and not final:
                return ""
            data, self._head = self._head, b""
            codec = next(((name, len(bom)) for bom, name in self.BOMS if data.startswith(bom)), ("utf-8", 0))
            data = data[codec[1]:]
            self.encoding = "utf-16" if codec[0].startswith("utf-16") else codec[0]
            self._decoder = codecs.getincrementaldecoder(codec[0])("strict" if self.encoding == "utf-8" else "replace")
        try:
            return self._decoder.decode(data, final)
        except UnicodeDecodeError:
            pending, _flag = self._decoder.getstate()  # a character cut between two pieces
            self.encoding = "windows-1252"
            self._decoder = codecs.getincrementaldecoder("cp1252")("replace")
            return self._decoder.decode(pending + bytes(data), final)


class Reading:
    """A file read in the browser's worker, piece by piece (``docs/javascripts/engine/volumes.js``).

    Built from JSON options (``interval_minutes``, ``time_zone``, ``column``, ``date_order``
    as typed in the form, and ``size_bytes``, the file's size); ``feed(text)`` and
    ``finish()`` return JSON text and never raise for bad input: ``{"rows": n}`` while
    reading, then ``{"ok": true, "table": ..., "rows", "summary"}`` (the average week as an
    interval table for the form's Volumes box) or ``{"ok": false, "errors": {field: message}}``.
    ``feed_bytes(data, final)`` takes the file's bytes instead and decodes them (:class:`Decoder`).
    With ``"field": "history"`` (the forecast's box) the table is the history by date and
    interval (:meth:`Dated.table_text`), and messages are keyed ``history``.
    """

    def __init__(self, options_json: str):
        self.problem: dict[str, str] | None = None
        options = json.loads(options_json)
        size = options.get("size_bytes") or 0
        interval = str(options.get("interval_minutes") or "30").strip()
        if size > MAX_FILE_MEGABYTES * 1_000_000:
            self.problem = {"volumes": f"This file is {size / 1_000_000:,.0f} MB; files of up to {MAX_FILE_MEGABYTES} MB "
                                       "can be read. Export a shorter period (a month is plenty for an average week)."}
        elif interval not in {str(i) for i in INTERVAL_CHOICES}:
            self.problem = {"interval_minutes": "Interval length must be 15, 30 or 60 minutes."}
        order = options.get("date_order") if options.get("date_order") in ("auto", "dmy", "mdy") else "auto"
        # The box the file is for: the forecast's History takes the days as they were, the
        # week plan's Volumes an average week.
        self.field = "history" if options.get("field") == "history" else "volumes"
        self.dated = self.field == "history"
        if self.problem and "volumes" in self.problem:
            self.problem = {self.field: self.problem["volumes"]}
        self.counter = Counter(int(interval) if not self.problem else 30, str(options.get("time_zone") or "").strip(),
                               str(options.get("column") or ""), order)
        self.decoder = Decoder()

    def _refused(self, problem: VolumeError) -> str:
        self.problem = {self.field if problem.field == "volumes" else problem.field: problem.message}
        return json.dumps({"ok": False, "errors": self.problem})

    def feed(self, text: str) -> str:
        if self.problem:
            return json.dumps({"ok": False, "errors": self.problem})
        try:
            self.counter.feed(text)
        except VolumeError as problem:
            return self._refused(problem)
        return json.dumps({"rows": self.counter.rows})

    def feed_bytes(self, data, final: bool = False) -> str:
        """``feed`` for a piece of the file's bytes (in the browser, a Uint8Array's proxy)."""
        if self.problem:
            return json.dumps({"ok": False, "errors": self.problem})
        raw = data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)
        return self.feed(self.decoder.decode(raw, final))

    def finish(self) -> str:
        if self.problem:
            return json.dumps({"ok": False, "errors": self.problem})
        try:
            week = self.counter.dated() if self.dated else self.counter.finish()
        except VolumeError as problem:
            return self._refused(problem)
        if self.dated:
            span = f"{week.days[0][0]} to {week.days[-1][0]}"
            read = f"{week.rows:,} intervals" if week.shape == "intervals" else f"{week.rows:,} contacts"
            return json.dumps({"ok": True, "table": week.table_text(), "rows": week.rows,
                               "summary": f"Read {read} from {span} and put their totals by date and interval in History."})
        if week.shape == "intervals" and week.averaged:
            summary = (f"Read {week.rows:,} intervals from {week.first_day} to {week.last_day} and put their average "
                       "week in Volumes.")
        elif week.shape == "intervals":
            summary = f"Read {week.rows:,} intervals."
        else:
            zone = f", converted to {week.time_zone}" if week.zoned else ""
            summary = (f"Read {week.rows:,} contacts from {week.first_day} to {week.last_day} ({week.time_format}{zone}) "
                       "and put their average week in Volumes.")
        if week.number_format == "decimal comma":
            summary += " Its numbers have decimal commas (24,75 is 24.75)."
        return json.dumps({"ok": True, "table": week.table_text(), "rows": week.rows, "summary": summary})
