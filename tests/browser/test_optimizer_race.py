"""The page "Optimizer race" in a real browser: the three charts paint with every racer's path
and arrows, a frame moves the arrows, a keyboard slider move redraws the race and reaches the
URL, and a garbage URL falls back to the defaults."""

import pytest

from tests.browser.conftest import (
    assert_no_exception,
    chart,
    chart_states,
    colours,
    contour_paths,
    move_slider,
    open_page,
    slider_value,
    toasts,
    wait_for_charts,
    wait_for_query,
    wait_for_redraw,
    webgl_canvas,
)

pytestmark = pytest.mark.browser

PATH = "/optimizer_race"
KEYS = {"race_contour", "race_surface", "race_cost"}
B_HI = "Upper bound of feature B"
RACERS = ["GD", "Momentum", "Nesterov", "RMSProp", "Adam"]
ARROWS_JS = """el => el._fullData.filter(t => t.marker && t.marker.symbol === 'arrow')
                                 .map(t => [t.x[0], t.y[0], t.x[1], t.y[1]])"""


def test_race_paints_with_paths_and_arrows_and_a_frame_moves_them(page, app_url):
    open_page(page, app_url, PATH)
    before = wait_for_charts(page, len(KEYS))
    assert set(before) == KEYS
    canvas = webgl_canvas(page, "race_surface")
    assert colours(canvas.screenshot()) > 50
    assert contour_paths(page, "race_contour") > 5
    plot = chart(page, "race_contour")
    legend = plot.evaluate("el => el._fullData.filter(t => t.showlegend).map(t => t.name)")
    assert legend == RACERS
    # one -grad arrow per racer, one velocity arrow for momentum, Nesterov and Adam
    at_rest = plot.evaluate(ARROWS_JS)
    assert len(at_rest) == 5 + 3
    plot.evaluate("el => Plotly.animate(el, ['3'], {frame: {duration: 0, redraw: false},"
                  " transition: {duration: 0}, mode: 'immediate'})")
    page.wait_for_function(f"([el, a]) => JSON.stringify(({ARROWS_JS})(el)) !== JSON.stringify(a)",
                           arg=[plot.element_handle(), at_rest])
    assert plot.evaluate(ARROWS_JS) != at_rest
    cost = chart(page, "race_cost").evaluate("el => el._fullData.map(t => t.name)")
    assert cost == RACERS
    assert_no_exception(page)


def test_a_keyboard_slider_move_reruns_the_race(page, app_url):
    open_page(page, app_url, PATH)
    before = wait_for_charts(page, len(KEYS))
    assert slider_value(page, B_HI) == "200"
    page.get_by_text("Data: the features' ranges").click()  # the data controls' expander
    assert move_slider(page, B_HI, "ArrowRight") != "200"
    after = wait_for_redraw(page, before, keys=("race_surface", "race_contour", "race_cost"))
    assert {"race_surface", "race_contour", "race_cost"} <= {
        k for k in after if after[k]["rendered"] != before[k]["rendered"]}
    assert "b_hi=" in wait_for_query(page, "b_hi=")
    assert colours(webgl_canvas(page, "race_surface").screenshot()) > 50
    assert_no_exception(page)


def test_standardized_view_and_garbage_url(page, app_url):
    open_page(page, app_url, PATH, "or_space=standardized&or_gd_lr=garbage&or_mom=maybe")
    notices = " ".join(toasts(page))  # recorded from page load: a toast fades in seconds
    assert "or_gd_lr" in notices or "or_mom" in notices, notices
    wait_for_charts(page, len(KEYS))
    title = chart(page, "race_contour").evaluate("el => el.layout.xaxis.title.text")
    assert title.startswith("v1")
    assert "or_gd_lr=" not in page.url and "or_space=standardized" in page.url
    assert set(chart_states(page)) == KEYS
    assert_no_exception(page)
