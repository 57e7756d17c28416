"""Plotly's hover labels in the visitor's language: on an Italian page, a cost read off the
chart by hovering carries a decimal comma, as every number the page writes itself does
(chart.py hands plotly the language's marks as layout.separators, and plotly formats a
hovertemplate's ``%{y:.6g}`` with them)."""

import re

import pytest

from tests.browser.conftest import assert_no_exception, chart, open_page, wait_for_charts

pytestmark = pytest.mark.browser

# The cost curve's points (its first trace), and the pixel of point i inside the chart's <div>
# (the y axis is logarithmic: l2p takes log10 of the cost).
_COSTS_JS = "el => Array.from(el._fullData[0].y, Number)"
_PIXEL_JS = """([el, i]) => {
  const xa = el._fullLayout.xaxis, ya = el._fullLayout.yaxis, trace = el._fullData[0];
  return {x: xa._offset + xa.l2p(trace.x[i]), y: ya._offset + ya.l2p(Math.log10(trace.y[i]))};
}"""
# Record the point plotly says the mouse is on.
_LISTEN_JS = """el => {
  window.__hovered = null;
  el.on("plotly_hover", (d) => { window.__hovered = d.points[0].y; });
}"""


def _with_a_decimal(costs: list[float]) -> int:
    """The first point whose cost, to six significant digits, has a decimal part and no
    exponent: its label must show a decimal mark."""
    for i, cost in enumerate(costs):
        text = f"{cost:.6g}"
        if cost > 0 and "." in text and "e" not in text:
            return i
    raise AssertionError(f"no cost with a decimal part among {costs[:10]}…")


def test_an_italian_hover_label_writes_a_decimal_comma(page, app_url):
    open_page(page, app_url, "/valley_vs_bowl", "lang=it")
    wait_for_charts(page, 6)
    plot = chart(page, "cost")
    plot.scroll_into_view_if_needed()  # the mouse reaches only what the viewport shows
    assert plot.evaluate("el => el._fullLayout.separators") == ",."  # Babel's Italian marks
    index = _with_a_decimal(plot.evaluate(_COSTS_JS))
    pixel = page.evaluate(_PIXEL_JS, [plot.element_handle(), index])
    plot.evaluate(_LISTEN_JS)
    box = plot.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + pixel["x"], box["y"] + pixel["y"])
    label = plot.locator(".hoverlayer .hovertext").first
    label.wait_for(state="visible")
    page.wait_for_function("() => window.__hovered !== null")
    text = label.text_content() or ""
    # The label's cost is %{y:.6g} of the point plotly hovered, with an Italian decimal comma.
    cost = f"{page.evaluate('window.__hovered'):.6g}"
    assert "." in cost and "e" not in cost, cost  # a number whose decimal mark shows
    assert cost.replace(".", ",") in text, (cost, text)
    assert re.search(r"\d\.\d", text) is None, text  # no decimal point anywhere in the label
    assert "passo" in text and "costo" in text, text  # and its words are Italian
    assert_no_exception(page)
