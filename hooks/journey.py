"""The reader's journey through the decision, defined once: understand, decide, size,
forecast and shifts, cost, business case, choose a partner, contract, pilot and rollout,
run; then the decision pack.

Everything that shows the journey is derived from :data:`STEPS` at build time:

* the home page's map of every step (the ``journey()`` macro in ``macros.py``);
* on each step's page, where the reader is and the next page (``on_page_content`` below,
  a MkDocs hook: no guide page needs an edit to show it);
* after every calculator's result, the next step that uses it (``next_page``, read by
  ``templates/calculator.html`` through ``macros.render_calculator``).

A page listed as ``optional`` (a calculator another branch adds) is skipped while it does
not exist, and a step whose pages are all missing is left out; any other missing page fails
the build, so a renamed guide page cannot drop out of the journey silently. What the reader
has filled is not known at build time: each step names its calculators
(``data-calculators``) and ``docs/javascripts/journey.js`` marks the steps whose results
this browser kept (``pack/store.js``).
"""
from __future__ import annotations

import posixpath
import sys
from dataclasses import dataclass
from pathlib import Path

# MkDocs loads a hook by its path: the project folder (for templates/) is this one's parent.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HOME = "index.md"
PACK = ("decision-pack.md", "Decision pack")
SCENARIOS = ("scenarios.md", "Scenarios side by side")


@dataclass(frozen=True)
class Page:
    path: str  # the source path under docs/
    label: str
    optional: bool = False  # may not exist yet: skipped, not an error

    @property
    def calculator(self) -> str | None:
        """The calculator this page holds (``calculators/NAME.md``), if any."""
        folder, name = posixpath.split(self.path)
        return name.removesuffix(".md") if folder == "calculators" and name != "index.md" else None


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    question: str
    pages: tuple[Page, ...]

    @property
    def calculators(self) -> tuple[str, ...]:
        return tuple(page.calculator for page in self.pages if page.calculator)


STEPS = (
    Step("understand", "Understand", "What would we hand over, and what do we gain or risk?", (
        Page("guide/what-is-outsourcing.md", "What outsourcing covers"),
        Page("guide/pros-and-cons.md", "Pros and cons"),
        Page("guide/alternatives.md", "Alternatives"),
    )),
    Step("decide", "Decide", "In-house, outsourced or hybrid?", (
        Page("guide/in-house-outsourced-hybrid.md", "In-house, outsourced or hybrid"),
        Page("calculators/decision.md", "Decision checklist"),
    )),
    Step("size", "Size", "How many agents does the work need?", (
        Page("calculators/staffing.md", "Staffing"),
        Page("calculators/week_plan.md", "Week plan"),
    )),
    Step("forecast", "Forecast and shifts", "What volume comes next, and which shifts cover it?", (
        Page("calculators/forecast.md", "Forecast", optional=True),
        Page("calculators/shifts.md", "Shifts", optional=True),
    )),
    Step("cost", "Cost", "What does each way of staffing it cost a month?", (
        Page("guide/costs.md", "Costs and pricing models"),
        Page("calculators/cost.md", "Cost"),
    )),
    Step("business-case", "Business case", "What does each option cost over the contract term?", (
        Page("calculators/business_case.md", "Business case"),
        Page(*SCENARIOS),
    )),
    Step("partner", "Choose a partner", "Which vendor fits best?", (
        Page("guide/choosing-a-partner.md", "Choosing a partner"),
        Page("calculators/scorecard.md", "Vendor scorecard"),
    )),
    Step("contract", "Contract", "What must the contract and SLA hold?", (
        Page("guide/contract-and-sla.md", "Contract and SLA"),
    )),
    Step("pilot", "Pilot and rollout", "Does the pilot pass, and when does each phase start?", (
        Page("guide/first-90-days.md", "Rollout plan"),
        Page("calculators/pilot.md", "Pilot review"),
        Page("calculators/rollout.md", "Rollout planner"),
    )),
    Step("run", "Run", "Is it working, and what do we do when a number slips?", (
        Page("guide/kpis-and-feedback.md", "KPIs and feedback loops"),
        Page("calculators/kpi.md", "KPI check"),
    )),
)


class MissingPage(ValueError):
    """A page the journey names (not marked optional) is not in the site."""


def steps(files) -> tuple[Step, ...]:
    """The steps with the pages ``files`` (MkDocs' files collection) holds; optional pages
    that are missing are dropped, and steps left with no page."""
    present = []
    for step in STEPS:
        pages = []
        for page in step.pages:
            if files.get_file_from_path(page.path) is not None:
                pages.append(page)
            elif not page.optional:
                raise MissingPage(f"hooks/journey.py: step {step.key!r} names {page.path}, which is not in docs/: "
                                  "update STEPS (or mark the page optional)")
        if pages:
            present.append(Step(step.key, step.title, step.question, tuple(pages)))
    return tuple(present)


def _sequence(files) -> list[tuple[int, Page]]:
    """Every page of the journey in reading order, with its step's index."""
    return [(n, page) for n, step in enumerate(steps(files)) for page in step.pages]


def position(files, path: str) -> tuple[int, Page] | None:
    """The step index and page of ``path``, or None when the page is not on the journey."""
    return next(((n, page) for n, page in _sequence(files) if page.path == path), None)


def next_page(files, path: str) -> tuple[Page, Step | None] | None:
    """What follows ``path`` on the journey: the next page, and its step when it starts a
    new one (None within the same step). After the last page comes the decision pack."""
    sequence = _sequence(files)
    for i, (n, page) in enumerate(sequence):
        if page.path == path:
            if i + 1 < len(sequence):
                after_n, after = sequence[i + 1]
                return after, (steps(files)[after_n] if after_n != n else None)
            return Page(*PACK), None
    return None


def url_of(files, path: str) -> str:
    """The site URL of a source page ("guide/costs.md" -> "guide/costs/")."""
    return files.get_file_from_path(path).url


def relative(files, path: str, from_url: str) -> str:
    """A link from the page at ``from_url`` to the source page ``path``."""
    from mkdocs.utils import get_relative_url

    return get_relative_url(url_of(files, path), from_url)


# ---------------------------------------------------------------------------
# Rendering, through templates/journey.html
# ---------------------------------------------------------------------------

def _template():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(ROOT / "templates"), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("journey.html")


def _no_blank_lines(html: str) -> str:
    # A blank line would end Python-Markdown's raw HTML block.
    return "\n".join(line for line in html.splitlines() if line.strip())


def render(files, from_url: str, here: str | None, part: str) -> str:
    """The journey as HTML for the page at ``from_url``: ``part`` is ``"map"`` (every step,
    the home page), ``"strip"`` (where the reader is, at the top of a step's page) or
    ``"next"`` (the next page, at the end of a guide page)."""
    found = position(files, here) if here else None
    following = next_page(files, here) if here else None
    return _no_blank_lines(_template().render(
        part=part, steps=steps(files), current=found[0] if found else None, here=here,
        link=lambda path: relative(files, path, from_url), following=following,
        pack=Page(*PACK), scenarios=Page(*SCENARIOS)))


def on_page_content(html, page, config, files):
    """MkDocs hook: on every journey page but the home page (which places the map itself),
    the strip after the page's title; on pages without a calculator, the next page at the
    end (a calculator's next step follows its result, in templates/calculator.html)."""
    path = page.file.src_uri
    if path == HOME or page.meta.get("embed") or position(files, path) is None:
        return html
    strip = render(files, page.url, path, "strip")
    head, found, rest = html.partition("</h1>")
    html = head + found + strip + rest if found else strip + html
    if not Page(path, "").calculator:
        html += render(files, page.url, path, "next")
    return html
