"""The page "Valley vs bowl" in a real browser: WebGL and SVG charts paint, a slider moved with
the keyboard redraws them and reaches the URL, a rotated camera survives the rerun, and a
garbage URL falls back to the defaults with a notice."""

import pytest

from tests.browser.conftest import (
    assert_no_exception,
    chart,
    chart_states,
    colours,
    contour_paths,
    move_slider,
    open_with_data,
    slider_value,
    toasts,
    wait_for_charts,
    wait_for_query,
    wait_for_redraw,
    webgl_canvas,
)

pytestmark = pytest.mark.browser

PATH = "/valley_vs_bowl"
KEYS = {"raw_surface", "raw_contour", "standardized_surface", "standardized_contour", "cost",
        "swing"}
SURFACES = ("raw_surface", "standardized_surface")
CONTOURS = ("raw_contour", "standardized_contour")
B_HI = "Upper bound of feature B"


def test_charts_paint_and_a_keyboard_slider_move_redraws_them(page, app_url):
    open_with_data(page, app_url, PATH)
    before = wait_for_charts(page, len(KEYS))
    assert set(before) == KEYS
    assert all(s["renders"] == 1 for s in before.values()), before

    for key in SURFACES:
        canvas = webgl_canvas(page, key)
        box = canvas.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 100, (key, box)
        # a blank (or failed) WebGL canvas is one flat colour; a shaded surface has hundreds
        assert colours(canvas.screenshot()) > 50, key
    for key in CONTOURS:
        assert contour_paths(page, key) > 5, key
    assert_no_exception(page)

    assert slider_value(page, B_HI) == "200"
    shown = move_slider(page, B_HI, "ArrowRight")
    assert shown != "200"
    after = wait_for_redraw(page, before, keys=("raw_surface", "raw_contour", "cost"))
    # B's range stretches the raw surface (charts that did not change are not redrawn)
    for key in ("raw_surface", "raw_contour", "cost"):
        assert after[key]["rendered"] != before[key]["rendered"], key
        assert after[key]["renders"] > before[key]["renders"], key
    assert all(s["renders"] in (1, 2) for s in after.values()), after
    assert "b_hi=" in wait_for_query(page, "b_hi=")
    assert colours(webgl_canvas(page, "raw_surface").screenshot()) > 50
    assert_no_exception(page)


def test_a_rotated_camera_is_kept_when_a_control_changes(page, app_url):
    open_with_data(page, app_url, PATH)
    before = wait_for_charts(page, len(KEYS))
    camera_js = "el => el._fullLayout.scene.camera.eye"
    plot = chart(page, "raw_surface")
    start = plot.evaluate(camera_js)

    # Rotate the way a user does, with the mouse. (A Plotly.relayout from script is not a user
    # edit for plotly.js: uirevision keeps only edits made through the chart's own UI.)
    canvas = webgl_canvas(page, "raw_surface")
    canvas.scroll_into_view_if_needed()  # below the unfolded data controls
    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(x + 12 * i, y + 4 * i)
    page.mouse.up()
    page.wait_for_function("([el, s]) => { const e = el._fullLayout.scene.camera.eye;"
                           " return Math.abs(e.x - s.x) + Math.abs(e.y - s.y) + Math.abs(e.z - s.z)"
                           " > 0.1 }", arg=[plot.element_handle(), start])
    rotated = plot.evaluate(camera_js)

    move_slider(page, B_HI, "ArrowLeft")
    after = wait_for_redraw(page, before, keys=("raw_surface",))
    assert after["raw_surface"]["renders"] > before["raw_surface"]["renders"]
    kept = plot.evaluate(camera_js)
    assert kept == pytest.approx(rotated, abs=1e-9)
    assert plot.evaluate("el => el.layout.scene.camera.eye") == pytest.approx(rotated, abs=1e-9)
    assert_no_exception(page)


def test_garbage_url_falls_back_to_defaults_with_a_notice(page, app_url):
    open_with_data(page, app_url, PATH, "b_hi=garbage&steps=-5")
    notices = " ".join(toasts(page, at_least=2))  # every toast shown, though each fades
    assert "b_hi='garbage'" in notices and "steps='-5'" in notices, notices
    wait_for_charts(page, len(KEYS))
    assert slider_value(page, B_HI) == "200"
    assert "b_hi=" not in page.url and "steps=" not in page.url
    assert set(chart_states(page)) == KEYS
    assert_no_exception(page)
