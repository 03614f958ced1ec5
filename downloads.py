"""MkDocs hook: the templates a reader copies and downloads, written into the site.

Each template is a Jinja file in ``templates/downloads/NAME.md`` whose figures come from
``calculators.figures`` through ``figure(key, part)``, the same formatting the prose's
``{{ figure(...) }}`` macro uses, so a downloaded pricing sheet and the costs page quote the
same ranges. The SLA schedule is the KPI check's own (``calculators.kpi.sla_schedule``), so
the blank template and the schedule a reader downloads from the calculator are one text.

``on_files`` adds every download to the site as a static file at ``downloads/NAME.md``, and
``downloads/NAME.csv`` for a template whose main content is a table (its first Markdown
table, row for row), so pages link to them like any other file and MkDocs checks the links.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from calculators import figures, kpi  # noqa: E402
from jinja2 import Environment, FileSystemLoader, StrictUndefined  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

FOLDER = "downloads"
# name -> whether a CSV copy of its table is offered too
DOWNLOADS: dict[str, bool] = {
    "rfp-question-pack": True,
    "pricing-sheet": True,
    "sla-schedule": True,
    "qa-rubric": True,
    "escalation-matrix": True,
    "pilot-plan": True,
    "data-protection-schedule": True,
    "continuity-schedule": True,
    "people-schedule": True,
    "pricing-mechanics": True,
    "governance-schedule": True,
    "exit-schedule": True,
}

_ENV = Environment(
    loader=FileSystemLoader(ROOT / "templates" / "downloads"),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    autoescape=False,  # Markdown and CSV, not HTML
)


def figure(key: str, part: str = "text") -> str:
    return figures.format_figure(figures.get(key), part)


def value(key: str) -> int | float:
    """A figure's single value as a number, for a template's arithmetic (a day count)."""
    low = figures.get(key).low
    return int(low) if float(low).is_integer() else low


def render(name: str, figure_fn=figure) -> str:
    """The Markdown text of download ``name``; ``figure_fn`` lets a test see which figures
    a template quotes."""
    from calculators import scorecard

    template = _ENV.get_template(f"{name}.md")
    return template.render(figure=figure_fn, value=value, sla_rows=kpi.sla_rows(None), service_rows=kpi.service_level_rows(),
                           criteria=scorecard.CRITERIA, cell=lambda text: str(text).replace("|", "\\|"))


def _cells(line: str) -> list[str]:
    inner = line.strip()[1:-1] if line.strip().endswith("|") else line.strip()[1:]
    cells, current, escaped = [], [], False
    for ch in inner:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    cells.append("".join(current).strip())
    return cells


def table_csv(markdown: str) -> str:
    """The first Markdown table of ``markdown`` as CSV (header row first, the separator
    row left out)."""
    rows, started = [], False
    for line in markdown.splitlines():
        if line.startswith("|"):
            started = True
            cells = _cells(line)
            if all(set(c) <= set("-: ") for c in cells):
                continue
            rows.append(cells)
        elif started:
            break
    if not rows:
        raise ValueError("no table to write as CSV")
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def files() -> dict[str, str]:
    """Site path -> text of every download."""
    written = {}
    for name, with_csv in DOWNLOADS.items():
        text = render(name)
        written[f"{FOLDER}/{name}.md"] = text
        if with_csv:
            written[f"{FOLDER}/{name}.csv"] = table_csv(text)
    return written


class _Download(File):
    """A generated file copied as it is: a Markdown download is not a page to render."""

    def is_documentation_page(self) -> bool:
        return False


def on_files(files_, config, **_):
    for path, text in files().items():
        files_.append(_Download.generated(config, path, content=text))
    return files_
