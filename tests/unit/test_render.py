"""render.Chart and render.Link: HTML only, escaped, no inline styles."""
from __future__ import annotations

from calculators import render


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
