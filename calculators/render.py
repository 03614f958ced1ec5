"""One result, three forms: HTML for the page, Markdown for a wiki, CSV for a spreadsheet.

A calculator describes its result as a :class:`Report` (a short plain-language reading,
tables, notes). This module turns it into the three forms, escaping every string on the
way out, so a vendor called ``<script>`` or ``A | B`` is shown as typed everywhere.

HTML hooks (see CONTRACT.md): each cell that carries an output key is
``<td data-output="KEY" data-value="MACHINE VALUE">shown text</td>``.
"""
from __future__ import annotations

import csv as _csv
import io
import json
import re
from dataclasses import dataclass, field
from html import escape
from typing import Any, Callable, Mapping, Sequence
from urllib.parse import urlencode


@dataclass(frozen=True)
class Cell:
    """A table cell: the text people see, and optionally the output it shows."""

    text: str
    key: str | None = None
    value: Any = None


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


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
class Link:
    """A button to another calculator's page with some of its inputs filled in (the page
    reopens the inputs in its address). HTML only."""

    text: str
    calculator: str
    inputs: tuple[tuple[str, Any], ...]

    def site_path(self) -> str:
        """The target relative to the site's root, where calculator pages live."""
        query = urlencode([(f"{self.calculator}.{key}", _data_value(value)) for key, value in self.inputs])
        return f"calculators/{self.calculator}/?{query}"


@dataclass(frozen=True)
class Report:
    summary: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    charts: tuple[Chart, ...] = ()
    links: tuple[Link, ...] = ()


def cell(text: Any, key: str | None = None, value: Any = None) -> Cell:
    return Cell(str(text), key, value)


def row(label: str, shown: Any, key: str | None = None, value: Any = None) -> tuple[Cell, ...]:
    """A two-column 'measure | value' row whose value cell carries an output hook."""
    return (Cell(label), Cell(str(shown), key, value))


def output(outputs: Mapping[str, Any], key: str) -> Any:
    """The value of output ``key``; a dotted key (``"annual.in_house"``) reads a nested one.
    A key that ``outputs`` lacks is a KeyError naming it.

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
        if not isinstance(value, Mapping) or part not in value:
            raise KeyError(f"the outputs have no {key!r}")
        value = value[part]
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


def table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> Table:
    return Table(caption, tuple(headers), tuple(tuple(r) for r in rows))


def _data_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    return json.dumps(value, sort_keys=True)


def _html_cell(c: Cell, tag: str) -> str:
    if c.key is None:
        return f"<{tag}>{escape(c.text)}</{tag}>"
    return (
        f'<{tag} data-output="{escape(c.key)}" data-value="{escape(_data_value(c.value))}">'
        f"{escape(c.text)}</{tag}>"
    )


def _html_chart(chart: Chart) -> str:
    # Bar lengths are SVG attributes, not inline styles, so a strict Content-Security-Policy
    # (no 'unsafe-inline' styles) still draws them; colours come from the stylesheet.
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


def _html_link(link: Link) -> str:
    # The href works from the calculator pages themselves (siblings under calculators/);
    # the browser bridge re-points it from data-site-path wherever else the form sits.
    path = link.site_path()
    return (f'<a class="md-button calc-link" href="../{escape(path.removeprefix("calculators/"))}" '
            f'data-site-path="{escape(path)}">{escape(link.text)}</a>')


def html(report: Report) -> str:
    """The result as an HTML fragment with no blank lines (safe inside Markdown)."""
    parts = ['<div class="calc-report">']
    parts.append('<div class="calc-summary">')
    parts.extend(f"<p>{escape(line)}</p>" for line in report.summary)
    parts.append("</div>")
    parts.extend(_html_chart(c) for c in report.charts)
    for t in report.tables:
        parts.append('<div class="calc-table"><table>')
        parts.append(f"<caption>{escape(t.caption)}</caption>")
        parts.append("<thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in t.headers) + "</tr></thead>")
        parts.append("<tbody>")
        for r in t.rows:
            first, rest = r[0], r[1:]
            head = _html_cell(first, "th").replace("<th", '<th scope="row"', 1)
            parts.append("<tr>" + head + "".join(_html_cell(c, "td") for c in rest) + "</tr>")
        parts.append("</tbody></table></div>")
    if report.notes:
        parts.append('<ul class="calc-notes">' + "".join(f"<li>{escape(n)}</li>" for n in report.notes) + "</ul>")
    if report.links:
        parts.append('<p class="calc-links">' + "".join(_html_link(link) for link in report.links) + "</p>")
    parts.append("</div>")
    return "\n".join(parts)


_MD_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|#~"})


def md_escape(text: str) -> str:
    """Text that shows as typed in CommonMark and GitHub-flavoured tables."""
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
    for t in report.tables:
        lines += ["", f"**{md_escape(t.caption)}**", ""]
        lines.append("| " + " | ".join(md_escape(h) for h in t.headers) + " |")
        lines.append("|" + "|".join(" --- " for _ in t.headers) + "|")
        lines.extend("| " + " | ".join(md_escape(c.text) for c in r) + " |" for r in t.rows)
    if report.notes:
        lines.append("")
        lines.extend(f"- {md_escape(n)}" for n in report.notes)
    return "\n".join(lines) + "\n"


def _csv_safe(text: str) -> str:
    """Stop a spreadsheet from running typed text as a formula."""
    if text and text[0] in "=+@\t\r" or (text[:1] == "-" and not text[1:2].isdigit()):
        return "'" + text
    return text


def _csv_value(c: Cell) -> str | float | int:
    """Numbers go to a spreadsheet as numbers; everything else as the text people saw."""
    if c.key is not None and isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
        return c.value
    return _csv_safe(c.text)


def csv(report: Report) -> str:
    out = io.StringIO()
    writer = _csv.writer(out, lineterminator="\r\n")
    for i, t in enumerate(report.tables):
        if i:
            writer.writerow([])
        writer.writerow([_csv_safe(t.caption)])
        writer.writerow([_csv_safe(h) for h in t.headers])
        writer.writerows([_csv_value(c) for c in r] for r in t.rows)
    return out.getvalue()
