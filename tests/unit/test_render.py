"""The shared rendering (calculators/core/render.py): cells that read outputs by key, the three
forms (HTML, Markdown, CSV) with every string escaped, charts and links (HTML only, no
inline styles)."""
from __future__ import annotations

import re

import pytest

import calculators
from calculators import decision
from calculators.core import render


def report(**kw):
    return render.Report(summary=("One.", "Two."), **kw)


def test_bars_scale_to_the_largest_and_escape_their_text():
    chart = render.Chart("Cost <by> option", (
        render.Bar("A & B", 50, "$50"),
        render.Bar("<script>", 200, "$200", highlight=True),
        render.Bar("zero", 0, "$0"),
        render.Bar("tiny", 0.1, "$0.10"),
    ))
    html = render.html(report(charts=(chart,)))
    assert "<figcaption>Cost &lt;by&gt; option</figcaption>" in html
    assert '<span class="calc-bar-label">A &amp; B</span>' in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert '<rect width="25.00%"' in html  # 50 of 200
    assert '<rect width="100.00%"' in html
    assert '<rect width="0.00%"' in html  # nothing drawn for 0
    assert '<rect width="0.50%"' in html  # 0.05% would not show: the least visible bar
    assert html.count("calc-bar--highlight") == 1
    assert "style=" not in html


def test_charts_and_links_stay_out_of_markdown_and_csv():
    r = report(charts=(render.Chart("c", (render.Bar("a", 1, "1"),)),),
               links=(render.Link("Go", "cost", (("staffed_fte", 20.0),)),))
    assert "calc-bar" not in render.markdown(r, "T") and "Go" not in render.markdown(r, "T")
    assert render.csv(r) == ""


def test_link_targets_the_calculator_page_with_its_inputs():
    link = render.Link("Cost <these> & more", "cost", (("staffed_fte", 18.57), ("note", "a&b=c")))
    assert link.site_path() == "calculators/cost/?cost.staffed_fte=18.57&cost.note=a%26b%3Dc"
    html = render.html(report(links=(link,)))
    assert ('<a class="md-button calc-link" href="../cost/?cost.staffed_fte=18.57&amp;cost.note=a%26b%3Dc" '
            'data-site-path="calculators/cost/?cost.staffed_fte=18.57&amp;cost.note=a%26b%3Dc">'
            "Cost &lt;these&gt; &amp; more</a>") in html
    assert "\n\n" not in html


# ------------------------------------------------------- cells read from outputs by key


def test_a_cell_shows_the_output_it_names():
    out = {"agents": 14, "annual": {"in_house": 120_000.5}}
    assert render.shown(out, "agents") == render.Cell("14", "agents", 14)
    assert render.measure("Cost", out, "annual.in_house", lambda v: f"${v:,.0f}") == (
        render.Cell("Cost"), render.Cell("$120,000", "annual.in_house", 120_000.5))
    html = render.html(render.Report(("s",), (render.table("T", ("Measure", "Value"), [render.measure("N", out, "agents")]),)))
    assert '<td data-output="agents" data-value="14">14</td>' in html


@pytest.mark.parametrize("key", ["agent", "annual.outsourced", "agents.count"])
def test_a_cell_naming_a_key_outputs_lack_fails_at_once(key):
    with pytest.raises(KeyError, match=key):
        render.shown({"agents": 14, "annual": {"in_house": 1}}, key)


def test_a_report_whose_cell_names_a_missing_output_fails_the_run(monkeypatch):
    # The mutation check: decision's outputs lose "leaning", which its report shows; the
    # run must fail loudly (a programming error), not render a cell without a value.
    real = decision.outputs
    monkeypatch.setattr(decision, "outputs", lambda r: {k: v for k, v in real(r).items() if k != "leaning"})
    with pytest.raises(KeyError, match="leaning"):
        calculators.run("decision", {})


def test_every_output_hook_on_every_calculator_names_an_output():
    # Whatever way a module builds its cells, each [data-output] holds a key of outputs.
    for name in calculators.names():
        result = calculators.run(name, {})
        if not result["ok"]:
            continue  # the worksheet importer needs a file: nothing to show
        for key in re.findall(r'data-output="([^"]+)"', result["html"]):
            render.output(result["outputs"], key)  # raises for a key outputs lack


# ------------------------------------------------------------------- the three forms


def test_markdown_escapes_table_text_and_keeps_the_title():
    report = render.Report(("A | B *now*",), (render.table("Cap_tion", ("H",), [(render.cell("x|y"),)]),),
                           notes=("- not a list",))
    md = render.markdown(report, "Title <1>")
    assert md.startswith("### Title \\<1\\>\n\nA \\| B \\*now\\*\n")
    assert "**Cap\\_tion**" in md and "| x\\|y |" in md
    assert md.endswith("\n- - not a list\n")  # a note is one list item, its text as typed


def test_md_lines_keeps_typed_lines_as_text():
    assert render.md_lines("- item\n\n1. step\n---\n&copy;") == ["\\- item", "1\\. step", "\\---", "\\&copy;"]


def test_csv_numbers_stay_numbers_and_formulas_are_defused():
    report = render.Report(("s",), (render.table("T", ("Measure", "Value"), [
        render.measure("Agents", {"agents": 14}, "agents"),
        render.row("=HYPERLINK()", "-x"),
        render.row("Below zero", "-3"),
    ]),))
    assert render.csv(report).split("\r\n")[2:5] == ["Agents,14", "'=HYPERLINK(),'-x", "Below zero,-3"]


def test_heatmap_legend_bands_never_overlap_and_match_the_colors():
    # top 14 over 7 colors: each band is 2 wide, written as half-open ranges
    assert render.heatmap_bands(14) == ["up to 2", "over 2 to 4", "over 4 to 6", "over 6 to 8", "over 8 to 10",
                                        "over 10 to 12", "over 12 to 14"]
    # a value on a band's edge takes the lower band; just above it, the next
    assert render.heatmap_step(2, 14) == 0 and render.heatmap_step(2.01, 14) == 1
    assert render.heatmap_bands(10)[:2] == ["up to 1.4", "over 1.4 to 2.9"]


def test_verdict_cells_are_chips_with_the_word_in_html_and_the_word_alone_elsewhere():
    table = render.table("t", ("KPI", "Status"), [(render.cell("CSAT"), render.verdict(render.cell("Watch"), "watch"))])
    report = render.Report(summary=("s",), tables=(table,))
    assert '<span class="calc-chip calc-chip--watch" data-tone="watch">Watch</span>' in render.html(report)
    assert "| CSAT | Watch |" in render.markdown(report, "T")
    with pytest.raises(ValueError):
        render.verdict(render.cell("x"), "green")


@pytest.mark.parametrize(("text", "written"), [
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),  # the cell: starts with a digit after "-"
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1+1", "'+1+1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("-", "'-"), ("-inf", "'-inf"), ("- 5", "'- 5"),
    ("-12.5", "-12.5"), ("+3", "+3"), ("-1,200", "-1,200"), ("-24,50", "-24,50"), ("Acme", "Acme"), ("", ""),
])
def test_spreadsheet_text_defuses_formulas_and_keeps_plain_numbers(text, written):
    assert render.spreadsheet_text(text) == written


# The documented `NAME.from=` values (docs/reference/calculator-api.md): the receiving page
# reads that result from this browser's store, so the link itself carries no data.
HANDED_FROM = {"week_plan", "forecast_p50", "forecast_p90"}


def test_no_hand_over_link_carries_a_field_kept_in_the_browser():
    """Every link from one calculator's default result to another carries only keys the
    target has and may put in its address (CONTRACT.md, "In the built site")."""
    import re
    from urllib.parse import parse_qsl, urlsplit

    import calculators

    seen = 0
    for name in calculators.names():
        result = calculators.run(name, {})
        for path in re.findall(r'data-site-path="(calculators/[^"]*)"', result.get("html", "")):
            target = path.split("/")[1]
            fields = {f["key"]: f for f in calculators.spec(target)["fields"]}
            for key, value in parse_qsl(urlsplit(path.replace("&amp;", "&")).query):
                calculator, _, field = key.partition(".")
                if field == "from":  # the one key that is not an input: which kept result to read
                    assert calculator == target and value in HANDED_FROM, (name, key, value)
                    continue
                assert calculator == target and field in fields and not fields[field]["private"], (name, key)
                assert len(value) <= 200, (name, key)
            seen += 1
    assert seen >= 4  # staffing -> cost, week plan -> cost, cost -> business case, cost -> scorecard
