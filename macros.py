"""The build-time bridge between the pages and the calculators (mkdocs-macros).

``define_env`` only registers; the work is done by ``calculators`` and by the Jinja
template ``templates/calculator.html``:

* ``{{ figure("per_hour_rate") }}``: a published figure from ``calculators.figures``,
  marked up so a test can prove the page shows the engine's value;
* ``{{ calculator("staffing") }}``: the calculator's form built from its spec, with the
  worked example for its default inputs computed by ``calculators.run`` at build time;
* ``{{ worksheet() }}``: the freelancer worksheet's parts and questions from its question
  data (``calculators.tools.worksheet``), through ``templates/worksheet.html``;
* ``{{ scorecard_criteria() }}``: the vendor scorecard's criteria table from
  ``calculators.scorecard.CRITERIA``, through ``templates/scorecard_criteria.md``;
* ``{{ calculator_index() }}``: the table of every calculator (not the tools) from
  ``calculators.spec``, through ``templates/calculator-index.md``, so a new calculator is
  listed without editing the index page;
* ``{{ journey() }}``: the map of the reader's journey through the decision, from
  ``hooks/journey.py``'s ``STEPS``, through ``templates/journey.html`` (each calculator's form also ends
  with the journey's next step);
* ``{{ calculator_result("cost", inputs, "per_hour_monthly", "money") }}``: one output of
  ``calculators.run(name, inputs)`` computed at build time, formatted for prose and marked up
  with the calculator, its inputs and the output key, so a test can rerun it and prove the
  page shows the engine's value (the worked company's page);
* ``{{ calculator_value("week_plan", inputs, "fte") }}``: the same output unformatted, for a
  page that carries it into the next step's inputs;
* ``{{ calculator_link("cost", inputs, "text") }}``: a link, relative to the page, to the
  calculator's page with those inputs in its URL, so a reader reopens the same step.
"""
from __future__ import annotations

import functools
import json
import posixpath
import sys
from pathlib import Path

# mkdocs-macros imports this file by path; the engine beside it must be importable too.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import calculators  # noqa: E402
from hooks import journey  # noqa: E402
from calculators import figures  # noqa: E402
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape  # noqa: E402

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _number_input(value) -> str:
    """A default as it sits in a text box: 100.0 -> '100', None -> ''."""
    if value is None:
        return ""
    return figures.number(value).replace(",", "")


_TEMPLATES.filters["number_input"] = _number_input


def _no_blank_lines(html: str) -> str:
    # A blank line would end Python-Markdown's raw HTML block mid-form.
    return "\n".join(line for line in html.splitlines() if line.strip())


def render_figure(key: str, part: str = "text") -> str:
    fig = figures.get(key)
    html = _TEMPLATES.get_template("figure.html").render(key=key, text=figures.format_figure(fig, part), part=part)
    return html.strip()  # it sits mid-sentence: no stray space before the punctuation


def render_calculator(name: str, page=None, files=None) -> str:
    """The form of calculator ``name``; with the page it sits on and the site's files, its
    result ends with the journey's next step (``journey.next_page``)."""
    spec = calculators.spec(name)  # raises on an unknown name: the build fails loudly
    example = calculators.run(name, {})
    if not example["ok"]:
        raise ValueError(f"the default inputs of {name!r} are refused: {example['errors']}")
    following = None
    if page is not None and files is not None:
        found = journey.next_page(files, f"calculators/{name}.md")
        if found:
            target, step = found
            following = {"label": target.label, "href": journey.relative(files, target.path, page.url),
                         "site_path": journey.url_of(files, target.path),
                         "step": step.title if step else None, "question": step.question if step else None}
    from calculators.tools import scenarios

    grid = scorecard_grid(spec) if name == "scorecard" else None
    return _no_blank_lines(_TEMPLATES.get_template("calculator.html").render(
        spec=spec, example=example, saves_scenarios=name in scenarios.COMPARED, following=following, grid=grid))


def scorecard_grid(spec: dict) -> dict:
    """The scorecard's form as a grid (vendors as columns, criteria as rows), from its fields'
    keys (``calculators.scorecard``): each criterion's name, weight and minimum, each vendor's
    name and quote, each score; every other field stays in its fieldset (``rest``). The first
    ``scorecard.MIN_VENDORS`` vendors and the built-in criteria show; the others are added in place."""
    from calculators import scorecard

    by_key = {f["key"]: f for f in spec["fields"]}
    criteria = [{"key": k, "own": k in scorecard.OWN_KEYS, "name": by_key[f"name_{k}"],
                 "weight": by_key[f"weight_{k}"], "minimum": by_key[f"minimum_{k}"]} for k in scorecard.ALL_KEYS]
    vendors = [{"number": i, "name": by_key[f"vendor_{i}_name"], "quote": by_key[f"vendor_{i}_quote"],
                "scores": {k: by_key[f"vendor_{i}_{k}"] for k in scorecard.ALL_KEYS},
                "shown": i <= scorecard.MIN_VENDORS} for i in range(1, scorecard.MAX_VENDORS + 1)]
    placed = {f["key"] for c in criteria for f in (c["name"], c["weight"], c["minimum"])} | {
        f["key"] for v in vendors for f in (v["name"], v["quote"], *v["scores"].values())}
    return {"criteria": criteria, "vendors": vendors, "rest": [f for f in spec["fields"] if f["key"] not in placed]}


def render_worksheet(page_path: str) -> str:
    """The freelancer worksheet's parts and questions, from the question data in
    ``calculators.tools.worksheet``; ``page_path`` (the page's source path) makes the help links
    relative to the page, so MkDocs checks them like any other link."""
    from calculators.tools import worksheet

    here = posixpath.dirname(page_path)

    def link(target: str) -> str:
        path, _, anchor = target.partition("#")
        return posixpath.relpath(path, here or ".") + (f"#{anchor}" if anchor else "")

    return _TEMPLATES.get_template("worksheet.html").render(
        parts=worksheet.layout(), empty=calculators.run("worksheet", {}), link=link,
        schedule_part=worksheet.SCHEDULE_PART, answer_max=worksheet.ANSWER_MAX_CHARS,
        file_max=worksheet.FILE_MAX_CHARS,
    )


_CONTRACT_KEYS = {"ok", "name", "inputs", "outputs", "html", "markdown", "csv"}


def _cell(value) -> str:
    """A value as a Markdown table cell: empty for None, pipes escaped."""
    if value is None or value == "":
        return "–"
    return str(value).replace("|", "\\|")


_TEMPLATES.filters["cell"] = _cell
_TEMPLATES.filters["md"] = lambda text: calculators.core.render.md_escape(str(text))


def render_reference() -> str:
    """The input and output keys of every calculator, straight from the engine."""
    items = []
    for name in calculators.names():
        example = calculators.run(name, {})
        items.append({
            "spec": calculators.spec(name),
            "outputs": list(example.get("outputs", {})),
            "extra": sorted(set(example) - _CONTRACT_KEYS - {"errors"}),
        })
    return _TEMPLATES.get_template("reference.md").render(items=items)


def render_scorecard_criteria() -> str:
    """The vendor scorecard's criteria as a Markdown table, from the engine's one list
    (``calculators.scorecard.CRITERIA``), for the guide and the calculator page."""
    from calculators import scorecard

    return _TEMPLATES.get_template("scorecard_criteria.md").render(
        criteria=scorecard.CRITERIA, knock_outs=scorecard.KNOCK_OUT_DEFAULTS, max_own=scorecard.MAX_OWN_CRITERIA)


def render_calculator_index() -> str:
    """The calculators' table for ``docs/calculators/index.md``: title and summary of every
    spec whose kind is ``"calculator"``."""
    specs = [calculators.spec(name) for name in calculators.names()]
    return _TEMPLATES.get_template("calculator-index.md").render(
        specs=[spec for spec in specs if spec["kind"] == "calculator"])


def format_result(value, format: str) -> str:
    """An output as prose: ``money`` ('$18,635'), ``number`` ('7.8', one decimal), ``whole``
    ('8'), ``percent`` ('12.3%'), ``label`` (a calculator's machine word as words:
    'per_hour' -> 'per hour'), ``option`` (a cost option as the cost calculator names it
    mid-sentence: 'per_hour_monthly' -> 'per-hour pricing'), ``date`` (ISO as given)."""
    if format == "money":
        return figures.money(round(value))
    if format == "number":
        return figures.number(round(value, 1))
    if format == "whole":
        return figures.number(round(value))
    if format == "percent":
        return f"{figures.number(round(value, 1))}%"
    if format == "label":
        return str(value).replace("_", " ")
    if format == "date":
        return str(value)
    if format == "option":
        from calculators.cost import PHRASES

        return PHRASES[str(value).removesuffix("_monthly")]
    raise ValueError(f"unknown format {format!r}: use money, number, whole, percent, label, option or date")


def _output(outputs: dict, key: str):
    """``key`` or a path into a nested output: 'total.per_hour', 'payback_month.hybrid',
    'ranking.0' (a list's first item)."""
    value = outputs
    for part in key.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]  # a miss fails the build
    return value


def _outputs(name: str, inputs: dict) -> dict:
    """``calculators.run(name, inputs)``'s outputs; inputs it refuses fail the build. A page
    quotes one run in several places (the worked company: the shifts step's figures, the
    forecast behind the week plan), so each distinct run is made once per build: the outputs
    are shared, to be read, never changed."""
    return _run_once(name, json.dumps(inputs, sort_keys=True))


@functools.lru_cache(maxsize=128)
def _run_once(name: str, inputs_json: str) -> dict:
    inputs = json.loads(inputs_json)
    result = calculators.run(name, inputs)
    if not result["ok"]:
        raise ValueError(f"{name} refused the inputs {inputs!r}: {result['errors']}")
    return result["outputs"]


def render_calculator_result(name: str, inputs: dict, key: str, format: str = "number") -> str:
    text = format_result(_output(_outputs(name, inputs), key), format)
    return _TEMPLATES.get_template("calculator-result.html").render(
        name=name, inputs_json=json.dumps(inputs, sort_keys=True), key=key, format=format, text=text).strip()


def calculator_value(name: str, inputs: dict, key: str):
    """One output of ``calculators.run(name, inputs)`` as the machine value, for a page that
    carries it into the next step's inputs (the week plan's FTE into the cost calculator)."""
    return _output(_outputs(name, inputs), key)


def render_calculator_link(name: str, inputs: dict, text: str, page_path: str) -> str:
    """An HTML link (MkDocs checks Markdown links as files, and this one carries a query) to
    the calculator's page with ``inputs`` in its address, relative to the page at ``page_path``."""
    from html import escape

    from calculators.core.render import Link

    spec = calculators.spec(name)  # an unknown name fails the build
    # A pasted table or long text never enters an address (calculator-api, "Links"): the
    # link carries the rest, and the page says the table must be pasted.
    private = {f["key"] for f in spec["fields"] if f.get("private")}
    path, _, query = Link(text, name, tuple((k, v) for k, v in inputs.items() if k not in private)).site_path().partition("?")
    stem = page_path[: -len(".md")]
    here = posixpath.dirname(stem) if stem == "index" or stem.endswith("/index") else stem
    href = posixpath.relpath(path, here or ".") + "/?" + query
    return f'<a class="calculator-link" href="{escape(href)}">{escape(text)}</a>'


def forecast_week_volumes(inputs: dict, band: str = "p50") -> str:
    """The forecast's first week at ``band`` as the week plan's Volumes, as its "Plan this
    week" buttons fill them in the browser (the worked company's forecast step)."""
    from calculators import forecast

    return forecast.week_volumes(_outputs("forecast", inputs), band)


def week_plan_requirement(inputs: dict) -> str:
    """The week plan's agents per interval as the shifts calculator's requirement, as its
    "Shifts for this plan" button fills it in the browser (the worked company's shifts step)."""
    from calculators import week_plan

    return week_plan.requirement(_outputs("week_plan", inputs))


def define_env(env):
    env.macro(render_figure, "figure")
    env.macro(lambda name: render_calculator(name, env.page, env.variables["files"]), "calculator")
    env.macro(lambda: journey.render(env.variables["files"], env.page.url, None, "map"), "journey")
    env.macro(render_reference, "calculator_reference")
    env.macro(render_scorecard_criteria, "scorecard_criteria")
    env.macro(render_calculator_index, "calculator_index")
    env.macro(lambda: render_worksheet(env.page.file.src_uri), "worksheet")
    env.macro(render_calculator_result, "calculator_result")
    env.macro(calculator_value, "calculator_value")
    env.macro(forecast_week_volumes, "forecast_week_volumes")
    env.macro(week_plan_requirement, "week_plan_requirement")
    env.macro(lambda name, inputs, text: render_calculator_link(name, inputs, text, env.page.file.src_uri),
              "calculator_link")
