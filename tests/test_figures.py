"""Every published figure on every page is the engine's value, and none is typed by hand.

Figures reach the prose only through the ``figure`` macro, which marks each one up as
``<span class="figure" data-figure="KEY" data-part="PART">``. This test reads the built
pages, checks each marked figure against ``calculators.figures``, and scans the Markdown
sources for a money amount or range from the figures typed as plain text.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from calculators import figures

DOCS = Path(__file__).resolve().parent.parent / "docs"


class _Figures(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str, str]] = []
        self._open: list[tuple[str, str]] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "span" and "data-figure" in attrs:
            self._open = (attrs["data-figure"], attrs.get("data-part", "text"))
            self._text = []

    def handle_data(self, data):
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "span" and self._open:
            key, part = self._open
            self.found.append((key, part, "".join(self._text)))
            self._open = None


def test_every_figure_on_every_page_is_the_engine_value(built_site):
    seen: dict[str, int] = {}
    wrong = []
    for page in built_site.rglob("*.html"):
        parser = _Figures()
        parser.feed(page.read_text(encoding="utf-8"))
        for key, part, text in parser.found:
            seen[key] = seen.get(key, 0) + 1
            expected = figures.format_figure(figures.get(key), part)
            if text != expected:
                wrong.append(f"{page.relative_to(built_site)}: {key}/{part} shows {text!r}, engine says {expected!r}")
    assert not wrong, "\n".join(wrong)
    used_in_sources = set(re.findall(r'figure\("([a-z0-9_]+)"', "".join(p.read_text() for p in DOCS.rglob("*.md"))))
    assert used_in_sources, "the guide quotes no figures through the macro"
    assert used_in_sources <= set(seen), f"figures used in Markdown but missing from the built pages: {used_in_sources - set(seen)}"


def _typed_forms(fig: figures.Figure) -> list[str]:
    """How a figure could be typed by hand: its amounts and its range, in common spellings."""
    forms = []
    if fig.kind == "money":
        symbol = {"USD": "$", "EUR": "€"}.get(fig.currency, "")
        for amount in {fig.low, fig.high} - {None}:
            forms += [f"{symbol}{figures.number(amount)}", f"{symbol}{int(amount)}"]
    if fig.high is not None and fig.high != fig.low:
        low, high = figures.number(fig.low), figures.number(fig.high)
        for dash in ("–", "-", "—", " to ", " – ", " - "):
            if fig.kind == "percent":
                forms += [f"{low}%{dash}{high}%", f"{low}{dash}{high}%"]
            elif fig.kind == "money":
                symbol = {"USD": "$", "EUR": "€"}.get(fig.currency, "")
                forms += [f"{symbol}{low}{dash}{symbol}{high}", f"{symbol}{low}{dash}{high}"]
            else:  # a time range counts only with its unit: "24–48 hours", "4-8 weeks"
                forms += [f"{low}{dash}{high} {fig.kind}", f"{low}{dash}{high}-{fig.kind[:-1]}"]
    return forms


def test_no_figure_is_typed_by_hand_in_the_markdown():
    typed = []
    for source in DOCS.rglob("*.md"):
        text = re.sub(r"\{\{.*?\}\}", " ", source.read_text(encoding="utf-8"), flags=re.S)
        for fig in figures.FIGURES.values():
            for form in _typed_forms(fig):
                pattern = re.escape(form) + (r"(?![\d,]|\.\d)" if form[-1].isdigit() else "")
                for match in re.finditer(r"(?<![\d.,])" + pattern, text):
                    line = text.count("\n", 0, match.start()) + 1
                    typed.append(f"{source.relative_to(DOCS)}:{line}: {form!r} is the figure {fig.key}; use {{{{ figure(\"{fig.key}\") }}}}")
    assert not typed, "\n".join(typed)


def test_figures_render_as_their_source_states_them():
    # Hand-checked spellings of a few figures from the source guide.
    assert figures.format_figure(figures.get("per_hour_rate")) == "$8–$25 per agent hour"
    assert figures.format_figure(figures.get("per_ticket_complex"), "range") == "$6–$15+"
    assert figures.format_figure(figures.get("fcr_percent")) == "70–85%"
    assert figures.format_figure(figures.get("csat_percent")) == "at least 85%"
    assert figures.format_figure(figures.get("email_response_hours")) == "under 24 hours"
    assert figures.format_figure(figures.get("freelancer_hourly_max")) == "up to €100 per hour"
    assert figures.format_figure(figures.get("all_in_per_agent_monthly"), "high") == "$4,000"
