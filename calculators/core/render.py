"""One result, three forms: HTML for the page, Markdown for a wiki, CSV for a spreadsheet.

A calculator describes its result as a :class:`Report` (a short plain-language reading,
tables, notes). This module turns it into the three forms, escaping every string on the
way out, so a vendor called ``<script>`` or ``A | B`` is shown as typed everywhere.

HTML hooks (see CONTRACT.md): each cell that carries an output key is
``<td data-output="KEY" data-value="MACHINE VALUE">shown text</td>``.
"""
from __future__ import annotations

import collections
import csv as _csv
import io
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape as _html_escape
from typing import Any, Callable, Sequence
from urllib.parse import urlencode

from . import numbers


def escape(text: str) -> str:
    """``html.escape``, with a quicker way out for the many cells (a figure, a label) that hold
    none of the five characters it replaces.

    >>> escape("$1,200"), escape("<b class='x'>A & \\"B\\"</b>")
    ('$1,200', '&lt;b class=&#x27;x&#x27;&gt;A &amp; &quot;B&quot;&lt;/b&gt;')
    """
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return _html_escape(text)
    return text


@dataclass(frozen=True)
class Cell:
    """A table cell: the text people see, and optionally the output it shows."""

    text: str
    key: str | None = None
    value: Any = None
    # A verdict (one of TONES) the page shows as a chip: its color, an icon and the text,
    # so color is never the only signal. Markdown and CSV carry the text alone.
    tone: str | None = field(default=None, repr=False)


# Verdict tones: "good" (meets, go, keep in-house), "watch" (watch, extend, hybrid),
# "bad" (misses, stop), "info" (a recommendation that is neither good nor bad).
TONES = ("good", "watch", "bad", "info")


def verdict(c: Cell, tone: str) -> Cell:
    """``c`` shown as a verdict chip of ``tone``."""
    if tone not in TONES:
        raise ValueError(f"unknown verdict tone {tone!r}; one of {TONES}")
    return Cell(c.text, c.key, c.value, tone)


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    # A table that may be wider than the page scrolls sideways; it takes the keyboard's
    # focus so a reader without a mouse can scroll it too.
    wide: bool = False
    # A long table the reader opens when wanted: shown under a <details> whose summary is
    # this text (HTML only; the Markdown and CSV copies carry it like any table).
    details: str | None = None


@dataclass(frozen=True)
class Bar:
    """One bar of a :class:`Chart`: its length is ``value`` against the chart's largest."""

    label: str
    value: float
    shown: str
    highlight: bool = False


@dataclass(frozen=True)
class Chart:
    """Horizontal bars for what a reader would rather see than read. HTML only: the same
    numbers are in a table, which the Markdown and CSV copies carry."""

    caption: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Heatmap:
    """A grid of numbers colored by size (rows × columns, e.g. weekday × time), drawn as an
    SVG through attributes only. HTML only, hidden from screen readers: each value is on
    hover (an SVG ``<title>``) and the report carries the same numbers in a table.

    ``values[r][c]`` is None where the grid has no value; ``titles[r][c]`` is the hover text.
    """

    caption: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]
    titles: tuple[tuple[str, ...], ...]
    unit: str = ""


# Color-blind-safe sequential steps (viridis, from pale to dark), readable in both
# palettes; a cell's step is its share of the largest value. Zero and "no value" are gray.
HEATMAP_STEPS = ("#fde725", "#90d743", "#35b779", "#21918c", "#31688e", "#443983", "#440154")
HEATMAP_EMPTY = "#e8e8e8"


@dataclass(frozen=True)
class Series:
    """One line of a :class:`LineChart`: a value at each step 1, 2, … of the x axis."""

    label: str
    values: tuple[float, ...]
    highlight: bool = False
    mark: int | None = None  # a step to mark with a dot (where this line crosses the baseline)


@dataclass(frozen=True)
class LineChart:
    """Lines over steps 1..n (months of a term), for where they cross. Drawn in SVG
    through attributes (no inline styles), each line told apart by color, dash pattern
    and its legend entry; ``table`` holds the numbers for screen readers and goes into
    the Markdown and CSV copies. ``baseline`` is the index of the series the others are
    read against, drawn solid in the text color."""

    caption: str
    x_label: str
    series: tuple[Series, ...]
    table: Table
    shown: Callable[[float], str] = str
    baseline: int | None = None


@dataclass(frozen=True)
class TornadoBar:
    """One input of a :class:`Tornado`: the result at the low and at the high end of the
    input's range, and those ends as shown."""

    label: str
    low: float
    high: float
    low_shown: str
    high_shown: str


@dataclass(frozen=True)
class Tornado:
    """Sensitivity bars around ``base`` (the result as entered), largest swing first as
    given; the low end's bar is blue and labeled with its input value, the high end's
    orange and labeled too, so color is never the only signal. ``table`` as in
    :class:`LineChart`."""

    caption: str
    base: float
    bars: tuple[TornadoBar, ...]
    table: Table
    shown: Callable[[float], str] = str


@dataclass(frozen=True)
class BandChart:
    """Days along the x axis: a line of what happened, then a forecast line with its range
    shaded (P10 to P90). Each series has a value per label, None where it has none. Drawn in
    SVG through attributes; ``table`` as in :class:`LineChart`."""

    caption: str
    labels: tuple[str, ...]
    history: tuple[float | None, ...]
    low: tuple[float | None, ...]
    middle: tuple[float | None, ...]
    high: tuple[float | None, ...]
    table: Table
    shown: Callable[[float], str] = str


@dataclass(frozen=True)
class CoverageChart:
    """Required against scheduled, step by step over a week of intervals (labels such as
    "Mon 09:00"), with each interval where scheduled falls short marked below the axis.
    Drawn in SVG through attributes only; HTML only and hidden from screen readers: the
    report carries the same numbers in a table."""

    caption: str
    labels: tuple[str, ...]
    required: tuple[float, ...]
    scheduled: tuple[float, ...]


@dataclass(frozen=True)
class Histogram:
    """How a quantity spread over many random draws: bars counting the draws in equal
    bins, with vertical lines at ``marks`` (label, value), e.g. P10, P50, P90 and 0. Drawn
    in SVG through attributes, hidden from screen readers; ``table`` holds the figures
    (as in :class:`LineChart`)."""

    caption: str
    values: tuple[float, ...]
    marks: tuple[tuple[str, float], ...]
    table: Table
    shown: Callable[[float], str] = str
    bins: int = 30


@dataclass(frozen=True)
class Link:
    """A button to another calculator's page with some of its inputs filled in (the page
    reopens the inputs in its address). HTML only."""

    text: str
    calculator: str
    inputs: tuple[tuple[str, Any], ...]
    # What the link carries and on which assumption, in words, shown beside the button.
    note: str = ""

    def site_path(self) -> str:
        """The target relative to the site's root, where calculator pages live."""
        query = urlencode([(f"{self.calculator}.{key}", _data_value(value)) for key, value in self.inputs])
        return f"calculators/{self.calculator}/" + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Report:
    summary: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    charts: tuple[Chart | LineChart | Tornado | CoverageChart | Histogram | BandChart, ...] = ()
    links: tuple[Link, ...] = ()
    heatmaps: tuple[Heatmap, ...] = ()
    lead: tuple[Table, ...] = ()  # tables shown right under the summary, before the charts

    def all_tables(self) -> tuple[Table, ...]:
        """The lead tables, the tables, then those the charts carry (for the Markdown and CSV copies)."""
        return self.lead + self.tables + tuple(
            c.table for c in self.charts if isinstance(c, (LineChart, Tornado, Histogram, BandChart)))


def cell(text: Any) -> Cell:
    """A plain cell (no output hook): a cell that shows an output is :func:`shown`."""
    return Cell(str(text))


def row(label: str, text: Any) -> tuple[Cell, ...]:
    """A two-column 'measure | value' row of plain text; a row that shows an output is
    :func:`measure`."""
    return (Cell(label), Cell(str(text)))


def output(outputs: Mapping[str, Any], key: str) -> Any:
    """The value of output ``key``; a dotted key reads a nested one, through mappings and
    list positions (``"annual.in_house"``, ``"sensitivity.0.low_total"``). A key that
    ``outputs`` lacks is a KeyError naming it.

    >>> output({"agents": 14, "annual": {"in_house": 120000}}, "annual.in_house")
    120000
    >>> output({"agents": 14}, "agent")
    Traceback (most recent call last):
    KeyError: "the outputs have no 'agent'"
    """
    if key in outputs:
        return outputs[key]
    value: Any = outputs
    for part in key.split("."):
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            raise KeyError(f"the outputs have no {key!r}")
    return value


def shown(outputs: Mapping[str, Any], key: str, fmt: Callable[[Any], Any] = str) -> Cell:
    """A cell that shows output ``key`` (see :func:`output`): its machine value read from
    ``outputs`` and its text ``fmt(value)``. A key that ``outputs`` lacks is a KeyError at
    once, so a report can only show what ``outputs`` holds.

    >>> shown({"agents": 14}, "agents", lambda n: f"{n} agents")
    Cell(text='14 agents', key='agents', value=14)
    """
    value = output(outputs, key)
    return Cell(str(fmt(value)), key, value)


def measure(label: str, outputs: Mapping[str, Any], key: str, fmt: Callable[[Any], Any] = str) -> tuple[Cell, ...]:
    """A two-column 'measure | value' row showing output ``key`` (see :func:`shown`)."""
    return (Cell(label), shown(outputs, key, fmt))


def table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]], wide: bool = False,
          details: str | None = None) -> Table:
    return Table(caption, tuple(headers), tuple(tuple(r) for r in rows), wide, details)


def number_cell(value: float, fmt: Callable[[Any], Any] = str) -> Cell:
    """A cell that shows a number without an output hook (one of a long schedule's many),
    which the CSV copy still carries as a number."""
    return Cell(str(fmt(value)), None, value)


def _data_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    return json.dumps(value, sort_keys=True)


def _html_cell(c: Cell, tag: str, label: str = "") -> str:
    # data-label: the column's header, shown beside the cell where a phone stacks the table
    return _cell_html(c, tag, f' data-label="{escape(label)}"' if label else "")


def _cell_html(c: Cell, tag: str, labeled: str) -> str:
    """A cell with its data-label attribute already written (a table's, once per column)."""
    shown = escape(c.text)
    if c.tone:  # the icon comes from the stylesheet (calc-chip--TONE::before), out of the text
        shown = f'<span class="calc-chip calc-chip--{c.tone}" data-tone="{c.tone}">{shown}</span>'
    if c.key is None:
        return f"<{tag}{labeled}>{shown}</{tag}>"
    return (
        f'<{tag}{labeled} data-output="{escape(c.key)}" data-value="{escape(_data_value(c.value))}">'
        f"{shown}</{tag}>"
    )


def _html_chart(chart: Chart | LineChart | Tornado | CoverageChart | Histogram | BandChart) -> str:
    if isinstance(chart, CoverageChart):
        return _html_coverage_chart(chart)
    if isinstance(chart, LineChart):
        return _html_line_chart(chart)
    if isinstance(chart, Histogram):
        return _html_histogram(chart)
    if isinstance(chart, BandChart):
        return _html_band_chart(chart)
    if isinstance(chart, Tornado):
        return _html_tornado(chart)
    return _html_bar_chart(chart)


# Okabe & Ito's palette, safe for the common color-vision deficiencies (its yellow and
# black left out: too faint on white, invisible on the dark palette), each with its own
# dash pattern; the baseline is drawn in the text color.
_LINE_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
_LINE_DASHES = ("", "8 4", "2 3", "10 3 2 3", "4 4", "12 4 4 4")
_LOW_COLOR, _HIGH_COLOR = "#0072B2", "#E69F00"


def _nice_top(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × a power of ten at or above ``value``."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def _table_html(t: Table) -> list[str]:
    parts = ['<div class="calc-table"><table tabindex="0">' if t.wide else '<div class="calc-table"><table>',
             f"<caption>{escape(t.caption)}</caption>"]
    if t.details is not None:
        parts.insert(0, f'<details class="calc-details"><summary>{escape(t.details)}</summary>')
    parts.append("<thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in t.headers) + "</tr></thead>")
    parts.append("<tbody>")
    # a two-column table never stacks; each column's label is written once
    labels = [f' data-label="{escape(h)}"' if h else "" for h in t.headers[1:]] if len(t.headers) > 2 else []
    for r in t.rows:
        first, rest = r[0], r[1:]
        head = _html_cell(first, "th").replace("<th", '<th scope="row"', 1)
        parts.append("<tr>" + head + "".join(_cell_html(c, "td", labels[n] if n < len(labels) else "")
                                             for n, c in enumerate(rest)) + "</tr>")
    parts.append("</tbody></table></div>")
    parts.append(_SCROLL_CUE.format(what="the other columns"))  # beside its box, inside any <details>
    if t.details is not None:
        parts.append("</details>")
    return parts


# Shown under a box only while it scrolls sideways (javascripts/fit.js marks it data-scrolls).
_SCROLL_CUE = '<p class="calc-scroll-cue" aria-hidden="true">Scroll sideways for {what}</p>'


def _figure(kind: str, caption: str, svg: list[str], table: Table, key: str = "") -> str:
    """A drawn chart with its caption, the drawing in its scroll box, an optional key in words
    (where it wraps, rather than running off the drawing) and, for screen readers and the
    copies, its table."""
    return (f'<figure class="calc-chart calc-chart--{kind}"><figcaption>{escape(caption)}</figcaption>'
            + _scroller(svg) + (f'<p class="calc-chart-key">{escape(key)}</p>' if key else "")
            + "".join(_table_html(table)) + "</figure>")


def _value_grid(left: float, right_edge: float, y: Callable[[float], float], ceiling: float,
                shown: Callable[[float], str]) -> list[str]:
    """Five gridlines from 0 to ``ceiling``, each with its amount left of the plot."""
    parts = []
    for n in range(5):
        value = ceiling * n / 4
        parts.append(f'<line x1="{left}" x2="{right_edge}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                     f'stroke="currentColor" stroke-opacity="0.2"></line>')
        parts.append(f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" fill="currentColor">'
                     f'{escape(shown(value))}</text>')
    return parts


def _html_line_chart(chart: LineChart) -> str:
    # Text is 12 units; the stylesheet keeps the drawing at least 11/12 of this width
    # (calc-line-chart's min-width), so no label is drawn under 11 CSS px, and scrolls
    # sideways, with a cue, where the column is narrower.
    width, left, right, top, plot_height = 600, 90, 16, 12, 240
    steps = max((len(s.values) for s in chart.series), default=1)
    ceiling = _nice_top(max((v for s in chart.series for v in s.values), default=0))
    plot_width = width - left - right
    bottom = top + plot_height

    def x(step: int) -> float:
        return left + (plot_width / 2 if steps == 1 else (step - 1) / (steps - 1) * plot_width)

    def y(value: float) -> float:
        return bottom - max(0.0, value) / ceiling * plot_height

    legend_rows = len(chart.series)  # one a row: labels can be long
    height = bottom + 44 + legend_rows * 22
    svg = [f'<svg class="calc-line-chart" viewBox="0 0 {width} {height}" width="100%" aria-hidden="true" '
           f'focusable="false" font-size="12">']
    svg += _value_grid(left, width - right, y, ceiling, chart.shown)
    ticks = sorted({1, steps, *range(12, steps + 1, 12)}) if steps > 1 else [1]
    for step in ticks:
        svg.append(f'<text x="{x(step):.1f}" y="{bottom + 16}" text-anchor="middle" fill="currentColor">{step}</text>')
    svg.append(f'<text x="{left + plot_width / 2:.1f}" y="{bottom + 32}" text-anchor="middle" fill="currentColor">'
               f'{escape(chart.x_label)}</text>')
    styles = []
    others = 0
    for n, s in enumerate(chart.series):
        if n == chart.baseline:
            styles.append(("currentColor", ""))
        else:
            styles.append((_LINE_COLORS[others % len(_LINE_COLORS)], _LINE_DASHES[others % len(_LINE_DASHES)]))
            others += 1
    for n, s in enumerate(chart.series):
        color, dash = styles[n]
        stroke = 4 if s.highlight else 3 if n == chart.baseline else 2
        points = " ".join(f"{x(k):.1f},{y(v):.1f}" for k, v in enumerate(s.values, start=1))
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        svg.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="{stroke}"'
                   f'{dashes} stroke-linejoin="round"></polyline>')
        if s.mark is not None and 1 <= s.mark <= len(s.values):
            svg.append(f'<circle cx="{x(s.mark):.1f}" cy="{y(s.values[s.mark - 1]):.1f}" r="5" fill="{color}" '
                       f'stroke="currentColor" stroke-width="1"></circle>')
    for n, s in enumerate(chart.series):  # the legend: the line's own color and dashes, and its name
        color, dash = styles[n]
        lx = left
        ly = bottom + 52 + n * 22
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        svg.append(f'<line x1="{lx:.1f}" x2="{lx + 36:.1f}" y1="{ly - 4}" y2="{ly - 4}" stroke="{color}" '
                   f'stroke-width="{4 if s.highlight else 3 if n == chart.baseline else 2}"{dashes}></line>')
        svg.append(f'<text x="{lx + 44:.1f}" y="{ly}" fill="currentColor">{escape(s.label)}</text>')
    svg.append("</svg>")
    return _figure("line", chart.caption, svg, chart.table)


def _html_coverage_chart(chart: CoverageChart) -> str:
    width, left, right, top, plot_height = 720, 40, 10, 10, 180
    steps = max(len(chart.labels), 1)
    ceiling = _nice_top(max((*chart.required, *chart.scheduled), default=0))
    plot_width = width - left - right
    bottom = top + plot_height
    step_width = plot_width / steps

    def y(value: float) -> float:
        return bottom - max(0.0, value) / ceiling * plot_height

    def steps_path(values: tuple[float, ...]) -> str:
        points = []
        for k, value in enumerate(values):
            points += [f"{left + k * step_width:.1f},{y(value):.1f}", f"{left + (k + 1) * step_width:.1f},{y(value):.1f}"]
        return " ".join(points)

    height = bottom + 62
    svg = [f'<svg class="calc-coverage-chart" viewBox="0 0 {width} {height}" width="100%" aria-hidden="true" '
           f'focusable="false" font-size="11">']
    for n in range(5):
        value = ceiling * n / 4
        svg.append(f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                   f'stroke="currentColor" stroke-opacity="0.15"></line>')
        svg.append(f'<text x="{left - 4}" y="{y(value) + 4:.1f}" text-anchor="end" fill="currentColor">'
                   f'{value:g}</text>')
    day_of = [label.split(" ")[0] for label in chart.labels]
    for k, day in enumerate(day_of):  # a rule and a name where each day begins
        if k == 0 or day != day_of[k - 1]:
            x = left + k * step_width
            svg.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}" stroke="currentColor" '
                       f'stroke-opacity="0.35"></line>')
            svg.append(f'<text x="{x + 3:.1f}" y="{bottom + 14}" fill="currentColor">{escape(day)}</text>')
    if chart.scheduled:
        area = f"{left:.1f},{bottom} {steps_path(chart.scheduled)} {left + steps * step_width:.1f},{bottom}"
        svg.append(f'<polygon points="{area}" fill="{_LINE_COLORS[0]}" fill-opacity="0.35" stroke="{_LINE_COLORS[0]}" '
                   f'stroke-width="1"></polygon>')
        svg.append(f'<polyline points="{steps_path(chart.required)}" fill="none" stroke="currentColor" '
                   f'stroke-width="1.5"></polyline>')
    short = [k for k, (need, have) in enumerate(zip(chart.required, chart.scheduled)) if have < need]
    for k in short:
        svg.append(f'<rect x="{left + k * step_width:.1f}" y="{bottom + 20}" width="{max(step_width, 2):.1f}" '
                   f'height="8" fill="{_LINE_COLORS[1]}" data-short="{escape(chart.labels[k])}"></rect>')
    legend_y = bottom + 48
    svg.append(f'<rect x="{left}" y="{legend_y - 9}" width="24" height="10" fill="{_LINE_COLORS[0]}" '
               'fill-opacity="0.35"></rect>')
    svg.append(f'<text x="{left + 30}" y="{legend_y}" fill="currentColor">Scheduled</text>')
    svg.append(f'<line x1="{left + 110}" x2="{left + 134}" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="currentColor" '
               'stroke-width="1.5"></line>')
    svg.append(f'<text x="{left + 140}" y="{legend_y}" fill="currentColor">Required</text>')
    svg.append(f'<rect x="{left + 220}" y="{legend_y - 9}" width="10" height="10" fill="{_LINE_COLORS[1]}"></rect>')
    svg.append(f'<text x="{left + 236}" y="{legend_y}" fill="currentColor">'
               f'{escape(f"Short ({len(short)} intervals)" if short else "Short: none")}</text>')
    svg.append("</svg>")
    return (f'<figure class="calc-chart calc-chart--coverage" data-short-intervals="{len(short)}">'
            f"<figcaption>{escape(chart.caption)}</figcaption>" + _scroller(svg) + "</figure>")


def _scroller(svg: list[str]) -> str:
    """A drawing in the box that scrolls it sideways where the column is narrower than the
    drawing's smallest readable width (the page marks it and shows a cue)."""
    return ('<div class="calc-chart-scroll" tabindex="0">' + "".join(svg) + "</div>"
            + _SCROLL_CUE.format(what="the whole chart"))


def _html_band_chart(chart: BandChart) -> str:
    width, left, right, top, plot_height = 720, 70, 20, 12, 240
    count = len(chart.labels)
    values = [v for series in (chart.history, chart.high, chart.middle) for v in series if v is not None]
    ceiling = _nice_top(max(values, default=0))
    plot_width = width - left - right
    bottom = top + plot_height

    def x(n: int) -> float:
        return left + (plot_width / 2 if count == 1 else n / (count - 1) * plot_width)

    def y(value: float) -> float:
        return bottom - max(0.0, value) / ceiling * plot_height

    def runs(series: tuple[float | None, ...]) -> list[list[tuple[int, float]]]:
        """The series cut where it has no value, so a gap stays a gap."""
        found, current = [], []
        for n, v in enumerate(series):
            if v is None:
                if current:
                    found.append(current)
                current = []
            else:
                current.append((n, v))
        return found + ([current] if current else [])

    height = bottom + 80
    svg = [f'<svg class="calc-band-chart" viewBox="0 0 {width} {height}" width="100%" aria-hidden="true" '
           f'focusable="false" font-size="12">']
    svg += _value_grid(left, width - right, y, ceiling, chart.shown)
    every = max(1, count // 8)
    for n in range(0, count, every):
        svg.append(f'<text x="{x(n):.1f}" y="{bottom + 16}" text-anchor="middle" fill="currentColor">'
                   f'{escape(chart.labels[n][5:])}</text>')
    for run_low, run_high in zip(runs(chart.low), runs(chart.high)):
        upper = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in run_high)
        lower = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in reversed(run_low))
        svg.append(f'<polygon points="{upper} {lower}" fill="{_LINE_COLORS[0]}" fill-opacity="0.2" '
                   'stroke="none" data-band=""></polygon>')
    for series, color, dash, name in ((chart.history, "currentColor", "", "history"),
                                       (chart.middle, _LINE_COLORS[0], "6 3", "forecast")):
        for run in runs(series):
            points = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in run)
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            svg.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"{dashes} '
                       f'stroke-linejoin="round" data-series="{name}"></polyline>')
    legend_y = bottom + 40
    svg.append(f'<line x1="{left}" x2="{left + 36}" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="currentColor" '
               'stroke-width="2"></line>')
    svg.append(f'<text x="{left + 44}" y="{legend_y}" fill="currentColor">History (a gap is a day without data)</text>')
    svg.append(f'<line x1="{left}" x2="{left + 36}" y1="{legend_y + 18}" y2="{legend_y + 18}" '
               f'stroke="{_LINE_COLORS[0]}" stroke-width="2" stroke-dasharray="6 3"></line>')
    svg.append(f'<rect x="{left + 330}" y="{legend_y + 8}" width="36" height="14" fill="{_LINE_COLORS[0]}" '
               'fill-opacity="0.2"></rect>')
    svg.append(f'<text x="{left + 44}" y="{legend_y + 22}" fill="currentColor">Forecast (P50)</text>')
    svg.append(f'<text x="{left + 374}" y="{legend_y + 22}" fill="currentColor">P10 to P90 range</text>')
    svg.append("</svg>")
    return _figure("band", chart.caption, svg, chart.table)


def _html_tornado(chart: Tornado) -> str:
    # Text is 12 units (min-width in the stylesheet: 11 CSS px at least); the key to the
    # colors is a paragraph under the drawing, where it wraps instead of running off it.
    width, label_width, right, row, top = 720, 250, 20, 30, 12
    values = [chart.base, *(v for b in chart.bars for v in (b.low, b.high))]
    low_end, high_end = min(values), max(values)
    span = (high_end - low_end) or 1.0
    plot_left = label_width + 70  # room for the low end's label left of its bar
    plot_width = width - plot_left - right - 70

    def x(value: float) -> float:
        return plot_left + (value - low_end) / span * plot_width

    height = top + row * len(chart.bars) + 30
    svg = [f'<svg class="calc-tornado" viewBox="0 0 {width} {height}" width="100%" aria-hidden="true" '
           f'focusable="false" font-size="12">']
    for n, b in enumerate(chart.bars):
        mid = top + n * row + row / 2
        svg.append(f'<text x="{label_width - 6}" y="{mid + 4:.1f}" text-anchor="end" fill="currentColor">'
                   f'{escape(b.label)}</text>')
        for value, color, shown, anchor in ((b.low, _LOW_COLOR, b.low_shown, "low"),
                                             (b.high, _HIGH_COLOR, b.high_shown, "high")):
            start, end = sorted((x(chart.base), x(value)))
            svg.append(f'<rect x="{start:.1f}" y="{mid - (8 if anchor == "low" else 0):.1f}" '
                       f'width="{max(end - start, 0.5):.1f}" height="8" fill="{color}"></rect>')
            # each end's input value sits beyond its bar, so the two read apart without color
            beyond = value < chart.base or value == chart.base and anchor == "low"
            tx = (start - 4) if beyond else (end + 4)
            svg.append(f'<text x="{tx:.1f}" y="{mid + (-1 if anchor == "low" else 8):.1f}" '
                       f'text-anchor="{"end" if beyond else "start"}" fill="currentColor">'
                       f'{escape(shown)}</text>')
    base_x = x(chart.base)
    svg.append(f'<line x1="{base_x:.1f}" x2="{base_x:.1f}" y1="{top - 4}" y2="{top + row * len(chart.bars)}" '
               'stroke="currentColor" stroke-width="2"></line>')
    svg.append(f'<text x="{base_x:.1f}" y="{height - 8}" text-anchor="middle" fill="currentColor">'
               f'{escape("As entered: " + chart.shown(chart.base))}</text>')
    svg.append("</svg>")
    key = "Blue, left label: the input at the low end of its range; orange, right label: at the high end."
    return _figure("tornado", chart.caption, svg, chart.table, key)


def _html_histogram(chart: Histogram) -> str:
    width, left, right, top, plot_height = 720, 20, 20, 50, 180
    values = chart.values
    low, high = min(values, default=0.0), max(values, default=0.0)
    if high - low <= 1e-9 * max(1.0, abs(high)):  # every draw the same: one bar in the middle
        low, high = low - max(1.0, abs(low)) * 0.05, high + max(1.0, abs(high)) * 0.05
    span = high - low
    # a mark beyond the draws (0, when every draw saves) widens the axis only if it is near
    shown_marks = []
    for label, value in chart.marks:
        if low - span / 4 <= value <= high + span / 4:
            low, high = min(low, value), max(high, value)
            shown_marks.append((label, value))
    plot_width = width - left - right
    size = (high - low) / chart.bins
    last = chart.bins - 1
    found = collections.Counter([int((v - low) / size) for v in values])  # low is at most the least draw
    found[last] += found.pop(chart.bins, 0)  # the highest draw, at the top edge, in the last bar
    counts = [found[n] for n in range(chart.bins)]
    tallest = max(counts, default=0) or 1
    bottom = top + plot_height

    def x(value: float) -> float:
        return left + (value - low) / (high - low) * plot_width

    height = bottom + 40
    svg = [f'<svg class="calc-histogram" viewBox="0 0 {width} {height}" width="100%" aria-hidden="true" '
           f'focusable="false" font-size="12">']
    bar = plot_width / chart.bins
    for n, count in enumerate(counts):
        if count:
            h = count / tallest * plot_height
            svg.append(f'<rect x="{left + n * bar + 1:.1f}" y="{bottom - h:.1f}" width="{max(bar - 2, 0.5):.1f}" '
                       f'height="{h:.1f}" fill="{_LOW_COLOR}" fill-opacity="0.75"></rect>')
    svg.append(f'<line x1="{left}" x2="{width - right}" y1="{bottom}" y2="{bottom}" stroke="currentColor"></line>')
    for n, (label, value) in enumerate(shown_marks):  # each mark labeled above the plot, on rows of its own
        mx = x(value)
        row = top - 6 - 14 * (n % 3)
        svg.append(f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{row + 2}" y2="{bottom}" '
                   f'stroke="{_HIGH_COLOR if label == "0" else "currentColor"}" stroke-width="2"'
                   + ('' if label == "0" else ' stroke-dasharray="4 3"') + '></line>')
        anchor = "start" if mx < left + plot_width * 0.7 else "end"
        svg.append(f'<text x="{mx + (4 if anchor == "start" else -4):.1f}" y="{row}" text-anchor="{anchor}" '
                   f'fill="currentColor">{escape(label)}: {escape(chart.shown(value))}</text>')
    for value, anchor in ((low, "start"), (high, "end")):
        svg.append(f'<text x="{x(value):.1f}" y="{bottom + 16}" text-anchor="{anchor}" fill="currentColor">'
                   f'{escape(chart.shown(value))}</text>')
    svg.append(f'<text x="{left + plot_width / 2:.1f}" y="{bottom + 32}" text-anchor="middle" fill="currentColor">'
               f'{escape(f"{len(values):,} draws; each bar: how many fall in its range")}</text>')
    svg.append("</svg>")
    return _figure("histogram", chart.caption, svg, chart.table)


def _html_bar_chart(chart: Chart) -> str:
    # Bar lengths are SVG attributes, not inline styles, so a strict Content-Security-Policy
    # (no 'unsafe-inline' styles) still draws them; colors come from the stylesheet.
    top = max((b.value for b in chart.bars), default=0) or 1
    rows = []
    for b in chart.bars:
        share = max(0.0, min(b.value / top, 1.0)) * 100
        width = f"{max(share, 0.5) if b.value > 0 else 0:.2f}%"
        rows.append(
            f'<div class="calc-bar{" calc-bar--highlight" if b.highlight else ""}">'
            f'<span class="calc-bar-label">{escape(b.label)}</span>'
            f'<svg class="calc-bar-track" aria-hidden="true" focusable="false"><rect width="{width}" height="100%"></rect></svg>'
            f'<span class="calc-bar-value">{escape(b.shown)}</span></div>'
        )
    return f'<figure class="calc-chart"><figcaption>{escape(chart.caption)}</figcaption>{"".join(rows)}</figure>'


def heatmap_step(value: float | None, top: float) -> int | None:
    """The color step of ``value`` against the largest, or None for no value or zero."""
    if value is None or value <= 0 or top <= 0:
        return None
    return min(len(HEATMAP_STEPS) - 1, int(value / top * len(HEATMAP_STEPS) - 1e-9))


# Column labels sit every few columns so they never touch: the first step of these whose
# span is wide enough for a label like "08:00" at the heatmap's 12-unit text.
_LABEL_EVERY = (1, 2, 4, 6, 8, 12, 16, 24)
_LABEL_ROOM = 44


def _band(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def heatmap_bands(top: float) -> list[str]:
    """The legend's words for each color step: a value v takes step s when
    top·s/n < v ≤ top·(s+1)/n (see heatmap_step), so the bands are written as half-open
    ranges that never overlap: "up to 2", "over 2 to 4", ..."""
    n = len(HEATMAP_STEPS)
    bands = []
    for step in range(n):
        high = _band(top * (step + 1) / n)
        bands.append(f"up to {high}" if step == 0 else f"over {_band(top * step / n)} to {high}")
    return bands


def _html_heatmap(h: Heatmap) -> str:
    # Drawn at its own size (one unit a CSS pixel: 12 px text), never scaled down; a column
    # narrower than the grid scrolls it sideways, with a cue.
    cell, gap, left, top_margin = 14, 1, 40, 18
    top = max((v for r in h.values for v in r if v is not None), default=0)
    width = left + len(h.columns) * cell
    height = top_margin + len(h.rows) * cell
    parts = [f'<svg class="calc-heatmap-grid" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="presentation" font-size="12" aria-hidden="true" focusable="false">']
    every = next((k for k in _LABEL_EVERY if k * cell >= _LABEL_ROOM), _LABEL_EVERY[-1])
    for c, name in enumerate(h.columns):
        if c % every == 0:
            parts.append(f'<text x="{left + c * cell}" y="{top_margin - 5}" fill="currentColor">{escape(name)}</text>')
    for r, name in enumerate(h.rows):
        y = top_margin + r * cell
        parts.append(f'<text x="0" y="{y + cell - 3}" fill="currentColor">{escape(name)}</text>')
        for c, value in enumerate(h.values[r]):
            step = heatmap_step(value, top)
            fill = HEATMAP_EMPTY if step is None else HEATMAP_STEPS[step]
            parts.append(f'<rect x="{left + c * cell}" y="{y}" width="{cell - gap}" height="{cell - gap}" fill="{fill}" '
                         f'data-step="{"" if step is None else step}"><title>{escape(h.titles[r][c])}</title></rect>')
    parts.append("</svg>")
    legend = [f'<span class="calc-heatmap-key"><svg width="12" height="12" aria-hidden="true" focusable="false">'
              f'<rect width="12" height="12" fill="{HEATMAP_EMPTY}"></rect></svg> none</span>']
    for color, band in zip(HEATMAP_STEPS, heatmap_bands(top)):
        legend.append(f'<span class="calc-heatmap-key"><svg width="12" height="12" aria-hidden="true" focusable="false">'
                      f'<rect width="12" height="12" fill="{color}"></rect></svg> {band}</span>')
    # The readout shows the cell pointed at or tapped (javascripts/fit.js); the words follow
    # the device (calculators.css: "point at" with a mouse, "tap" on a touch screen).
    hint = ('<p class="calc-heatmap-hint" aria-hidden="true"><span class="calc-on-hover">Point at</span>'
            '<span class="calc-on-touch">Tap</span> a cell to read its numbers here; the table below has them all. '
            '<output class="calc-heatmap-readout" data-heatmap-readout></output></p>')
    return (f'<figure class="calc-heatmap"><figcaption>{escape(h.caption)}</figcaption>{_scroller(parts)}{hint}'
            f'<p class="calc-heatmap-legend" aria-hidden="true">{escape(h.unit)}: {" ".join(legend)}</p></figure>')


def _html_link(link: Link) -> str:
    # The href works from the calculator pages themselves (siblings under calculators/);
    # the browser bridge re-points it from data-site-path wherever else the form sits.
    path = link.site_path()
    button = (f'<a class="md-button calc-link" href="../{escape(path.removeprefix("calculators/"))}" '
              f'data-site-path="{escape(path)}">{escape(link.text)}</a>')
    return button + (f' <span class="calc-link-note">{escape(link.note)}</span>' if link.note else "")


def html(report: Report) -> str:
    """The result as an HTML fragment with no blank lines (safe inside Markdown)."""
    parts = ['<div class="calc-report">']
    if report.summary:
        parts.append('<div class="calc-summary">')
        parts.extend(f"<p>{escape(line)}</p>" for line in report.summary)
        parts.append("</div>")
    for t in report.lead:
        parts.extend(_table_html(t))
    parts.extend(_html_chart(c) for c in report.charts)
    parts.extend(_html_heatmap(h) for h in report.heatmaps)
    for t in report.tables:
        parts.extend(_table_html(t))
    if report.notes:
        parts.append('<ul class="calc-notes">' + "".join(f"<li>{escape(n)}</li>" for n in report.notes) + "</ul>")
    if report.links:
        parts.append('<p class="calc-links">' + "".join(_html_link(link) for link in report.links) + "</p>")
    parts.append("</div>")
    return "\n".join(parts)


_MD_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|#~"})


def md_escape(text: str) -> str:
    """Text that shows as typed in CommonMark and GitHub Flavored tables."""
    return " ".join(text.split()).translate(_MD_SPECIAL)


# What makes a line start a block of its own (a list item, a rule, a heading underline),
# and named character references that would show as the character they name ("&copy;");
# numeric ones ("&#169;") are already broken up by md_escape's escaped "#".
_MD_LINE_START = re.compile(r"^(?:[-+=]|(\d{1,9})([.)])(?=\s|$))")
_MD_ENTITY = re.compile(r"&(?=[0-9A-Za-z]+;)")


def md_lines(text: str) -> list[str]:
    """Text a person typed over several lines, as Markdown paragraphs (one per non-blank
    line) that show exactly as typed: :func:`md_escape` on each line, plus the line-start
    markers and character references it leaves alone (``- item``, ``1. step``, ``---``,
    ``&amp;``)."""
    lines = []
    for line in text.splitlines():
        escaped = _MD_ENTITY.sub(r"\\&", md_escape(line))
        escaped = _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else "\\" + m[0], escaped)
        if escaped:
            lines.append(escaped)
    return lines


def markdown(report: Report, title: str) -> str:
    lines = [f"### {md_escape(title)}", ""]
    lines.extend(md_escape(s) for s in report.summary)
    for t in report.all_tables():
        lines += ["", f"**{md_escape(t.caption)}**", ""]
        lines.append("| " + " | ".join(md_escape(h) for h in t.headers) + " |")
        lines.append("|" + "|".join(" --- " for _ in t.headers) + "|")
        lines.extend("| " + " | ".join(md_escape(c.text) for c in r) + " |" for r in t.rows)
    if report.notes:
        lines.append("")
        lines.extend(f"- {md_escape(n)}" for n in report.notes)
    return "\n".join(lines) + "\n"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """Text for one spreadsheet cell (CSV or workbook) that a spreadsheet shows and never
    runs: a cell starting like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return)
    gets an apostrophe in front, as OWASP advises, unless it is a plain number.

    >>> spreadsheet_text("-12.5"), spreadsheet_text("=1+2"), spreadsheet_text("Acme")
    ('-12.5', "'=1+2", 'Acme')
    >>> spreadsheet_text("-2+3+cmd|' /C calc'!A0")
    "'-2+3+cmd|' /C calc'!A0"
    """
    if not text.startswith(FORMULA_STARTS):
        return text
    if text[0] in "+-" and re.fullmatch(r"[+-]\.?[0-9][0-9.,eE+-]*", text):
        try:
            numbers.spelling(text)
            return text
        except numbers.NotANumber:
            pass
    return "'" + text


def _csv_value(c: Cell) -> str | float | int:
    """Numbers go to a spreadsheet as numbers; everything else as the text people saw."""
    if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
        return c.value
    return spreadsheet_text(c.text)


def csv(report: Report) -> str:
    out = io.StringIO()
    writer = _csv.writer(out, lineterminator="\r\n")
    for i, t in enumerate(report.all_tables()):
        if i:
            writer.writerow([])
        writer.writerow([spreadsheet_text(t.caption)])
        writer.writerow([spreadsheet_text(h) for h in t.headers])
        writer.writerows([_csv_value(c) for c in r] for r in t.rows)
    return out.getvalue()
