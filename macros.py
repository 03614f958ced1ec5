"""The build-time bridge between the pages and the calculators (mkdocs-macros).

``define_env`` only registers; the work is done by ``calculators`` and by the Jinja
template ``templates/calculator.html``:

* ``{{ figure("per_hour_rate") }}``: a published figure from ``calculators.figures``,
  marked up so a test can prove the page shows the engine's value;
* ``{{ calculator("staffing") }}``: the calculator's form built from its spec, with the
  worked example for its default inputs computed by ``calculators.run`` at build time.
"""
from __future__ import annotations

import sys
from pathlib import Path

# mkdocs-macros imports this file by path; the engine beside it must be importable too.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import calculators  # noqa: E402
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


def render_calculator(name: str) -> str:
    spec = calculators.spec(name)  # raises on an unknown name: the build fails loudly
    example = calculators.run(name, {})
    if not example["ok"]:
        raise ValueError(f"the default inputs of {name!r} are refused: {example['errors']}")
    return _no_blank_lines(_TEMPLATES.get_template("calculator.html").render(spec=spec, example=example))


def define_env(env):
    env.macro(render_figure, "figure")
    env.macro(render_calculator, "calculator")
    env.variables["calculator_names"] = calculators.names()
