"""The page "Valley vs bowl" live: a dragged range is painted on the four charts by the
browser (a canvas over each, js/live/paint.js), without the server, and the server's rerun on
release shows the same numbers, drawn by plotly in the same ranges and colours, where the
canvases were; without WebGL the 3D charts become top views with a notice."""

from __future__ import annotations

import time

import numpy as np
import pytest

from tests.browser.conftest import (
    TIMEOUT_MS,
    assert_no_exception,
    chart,
    contour_paths,
    open_with_data,
    slider,
    slider_value,
    wait_for_charts,
    wait_for_query,
)

pytestmark = pytest.mark.browser

PATH = "/valley_vs_bowl"
CHARTS = 6
B_HI = "Upper bound of feature B"

# Every script run's start, from now on, and how many live paints each chart had so far.
_RECORD = """() => {
  const log = window.__liveLog = {states: []};
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => log.states.push(app.dataset.testScriptState))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
_PAINTS = "(key) => (window.__bnvizValleyLive.stats.draws[key] || []).length"
# The path (trace 1) and head (trace 2) of a chart, its colour and its axis ranges: as the last
# live paint drew them (el._bnvizLast), or as plotly draws the figure.
_DRAWN = """([key, live]) => {
  const el = document.querySelector('.st-key-' + key + ' div.bnviz-plot'), L = el._fullLayout;
  if (live) return {ranges: el._bnvizLast.ranges.slice(0, 2), traces: el._bnvizLast.traces.slice(0, 2).map(
    (t) => ({color: t.color, x: t.x, y: t.y}))};
  return {ranges: L.scene ? [L.scene.xaxis.range, L.scene.yaxis.range] : [L.xaxis.range, L.yaxis.range],
          traces: [1, 2].map((i) => ({color: (el._fullData[i].line || {}).color,
                                       x: Array.from(el._fullData[i].x), y: Array.from(el._fullData[i].y)}))};
}"""
# The live top view's z: log10 of the excess cost on the fine grid, as paintMap colours it.
_LIVE_Z = """(label) => { const L = window.__bnvizValleyLive, s = L.result[label], g = s.fine;
  let top = 0; for (const c of g.cost) top = Math.max(top, c - s.q.fStar);
  const floor = Math.max(top, 1e-300) * L.payload.consts.depth, rows = [];
  for (let j = 0; j < g.n; j++) rows.push(Array.from({length: g.n},
    (_, i) => Math.fround(Math.log10(Math.max(g.cost[j * g.n + i] - s.q.fStar, 0) + floor))));
  return rows; }"""

_READOUT = "() => document.querySelector('.bnviz-readout').innerText"
_SOURCE = "() => document.querySelector('.bnviz-readout').dataset.source"
_Z = ("(key) => Array.from(document.querySelector('.st-key-' + key + ' div.bnviz-plot')"
      "._fullData[0].z, (r) => Array.from(r))")


def _same_drawing(live: dict, server: dict) -> None:
    """The server's figure as plotly draws it is the last live paint: the same path and head
    in the same colours (float32, as the figure sends them), in the same window (within the
    2% a live relayout waits for)."""
    for a, b in zip(live["ranges"], server["ranges"], strict=True):
        assert np.allclose(a, b, rtol=0, atol=0.02 * (b[1] - b[0])), (live["ranges"], server["ranges"])
    for a, b in zip(live["traces"], server["traces"], strict=True):
        assert a["color"] == b["color"]
        np.testing.assert_allclose(np.float32(a["x"]), b["x"], rtol=1e-6)
        np.testing.assert_allclose(np.float32(a["y"]), b["y"], rtol=1e-6)


def _thumb_centre(page, label: str) -> tuple[float, float]:
    thumb = slider(page, label)
    thumb.scroll_into_view_if_needed()
    # The hidden <input> sits inside the visible thumb.
    box = thumb.evaluate("e => { const r = e.parentElement.parentElement.getBoundingClientRect();"
                         " return [r.x + r.width / 2, r.y + r.height / 2]; }")
    return box[0], box[1]


def test_dragging_b_redraws_live_and_the_server_confirms_on_release(page, app_url):
    open_with_data(page, app_url, PATH)
    before = wait_for_charts(page, CHARTS)
    server_readout = page.evaluate(_READOUT)
    assert "κ = " in server_readout and page.evaluate(_SOURCE) == "server"
    page.evaluate(_RECORD)
    painted = {key: page.evaluate(_PAINTS, key) for key in ("raw_contour", "raw_surface")}
    x, y = _thumb_centre(page, B_HI)
    page.mouse.move(x, y)
    page.mouse.down()
    # Small steps: the slider (in the main column's data controls, about 900 px wide) has an
    # option every 15 px or so, so every few steps pick a new one.
    for i in range(1, 61):
        page.mouse.move(x + 6 * i, y)
        page.wait_for_timeout(20)
    # Let the last frame draw, still holding the thumb: the live view has the value the thumb
    # shows (a loaded page may render the slider's last move late), and drew it.
    page.wait_for_function("""(label) => { const L = window.__bnvizValleyLive, c = L.charts.raw_contour;
        const thumb = document.querySelector(`input[type="range"][aria-label="${label}"]`);
        return thumb.getAttribute('aria-valuetext') === L.math.fmt(L.settings.data.b_hi)
            && !L.scheduled && c && c.drawn === L.version; }""", arg=B_HI)
    log = page.evaluate("() => window.__liveLog")
    live_readout = page.evaluate(_READOUT)
    live_z = np.array(page.evaluate(_LIVE_Z, "raw"))
    live_drawn = {key: page.evaluate(_DRAWN, [key, True])
                  for key in ("raw_contour", "standardized_contour")}
    dragged_to = slider_value(page, B_HI)

    # Ten paints or more, before any rerun: the server has not been asked anything.
    assert page.evaluate(_PAINTS, "raw_contour") - painted["raw_contour"] >= 10
    assert page.evaluate(_PAINTS, "raw_surface") - painted["raw_surface"] >= 1
    assert page.locator("canvas.bnviz-overlay").count() == 4
    assert log["states"] == [], log["states"]
    assert page.evaluate(_SOURCE) == "browser"
    assert live_readout != server_readout
    assert "b_hi=" not in page.url

    page.mouse.up()
    wait_for_query(page, "b_hi=")
    page.wait_for_function(f"() => ({_SOURCE})() === 'server'", timeout=TIMEOUT_MS)
    after = wait_for_charts(page, CHARTS)
    assert after["raw_contour"]["rendered"] != before["raw_contour"]["rendered"]
    assert "running" in page.evaluate("() => window.__liveLog.states")
    assert slider_value(page, B_HI) == dragged_to
    # The server's numbers are the browser's, to the character and to float32 on the grid.
    assert page.evaluate(_READOUT) == live_readout
    server_z = np.array(page.evaluate(_Z, "raw_contour"))
    np.testing.assert_allclose(server_z, live_z, rtol=1e-6, atol=1e-6)
    # ... and plotly draws them where the canvases were, as they were painted.
    page.wait_for_function("() => document.querySelectorAll('canvas.bnviz-overlay').length === 0")
    for key, drawn in live_drawn.items():
        _same_drawing(drawn, page.evaluate(_DRAWN, [key, False]))
    assert_no_exception(page)


def test_a_drag_back_to_the_start_restores_the_servers_charts_without_a_rerun(page, app_url):
    open_with_data(page, app_url, PATH)
    wait_for_charts(page, CHARTS)
    server_readout = page.evaluate(_READOUT)
    page.evaluate(_RECORD)
    x, y = _thumb_centre(page, B_HI)
    page.mouse.move(x, y)
    page.mouse.down()
    for dx in (*range(3, 46, 3), *range(42, -1, -3)):
        page.mouse.move(x + dx, y)
        page.wait_for_timeout(20)
    page.wait_for_function("() => Number(document.querySelector('.st-key-raw_contour div.bnviz-plot')"
                           ".dataset.liveDraws || 0) >= 2")
    page.mouse.up()
    # Back where it started: no rerun, the server's numbers, plotly's drawing with its
    # animation's controls in place of the canvases.
    page.wait_for_function("() => Array.from(document.querySelectorAll('div.bnviz-plot'))"
                           ".every((e) => !e.dataset.live)")
    assert slider_value(page, B_HI) == "200"
    assert page.evaluate(_READOUT) == server_readout
    assert page.locator("canvas.bnviz-overlay").count() == 0
    for key in ("raw_contour", "standardized_contour"):
        shown = chart(page, key).evaluate("el => ['.slider-container', '.updatemenu-container']"
                                          ".map((s) => getComputedStyle(el.querySelector(s)).visibility)")
        assert shown == ["visible", "visible"], (key, shown)
    page.wait_for_timeout(500)
    assert "running" not in page.evaluate("() => window.__liveLog.states")
    assert "b_hi=" not in page.url
    assert_no_exception(page)


def test_dragging_a_custom_rate_past_the_edge_diverges_live_and_the_server_agrees(page, app_url):
    # A custom raw rate just under the edge (2/λmax = 7.41e-05): dragging right crosses it.
    open_with_data(page, app_url, PATH, "rate_raw=custom&lr_raw=5e-05")
    wait_for_charts(page, CHARTS)
    assert "not within 300 steps" in page.evaluate(_READOUT)
    page.evaluate(_RECORD)
    x, y = _thumb_centre(page, "Custom learning rate (raw)")
    page.mouse.move(x, y)
    page.mouse.down()
    seen = []
    for i in range(1, 16):
        page.mouse.move(x + 4 * i, y)
        page.wait_for_timeout(30)
        seen.append(page.evaluate(_READOUT).split("\n")[0])
    page.wait_for_function("""() => { const L = window.__bnvizValleyLive, c = L.charts.raw_contour;
        return !L.scheduled && c && c.drawn === L.version; }""")
    live_readout = page.evaluate(_READOUT)
    assert page.evaluate("() => window.__liveLog.states") == []
    # The rate moved live, past the stability edge: the raw run diverges, the title says so.
    assert len({line.split(" · ")[2] for line in seen}) >= 3, seen
    assert "diverged at step" in live_readout.split("\n")[0], live_readout
    # The 3D surface takes its turn after the top views (it rests while the hand moves).
    page.wait_for_function("() => document.querySelector('.st-key-raw_surface div.bnviz-plot "
                           ".infolayer .gtitle').textContent.includes('diverged')")
    page.mouse.up()
    wait_for_query(page, "lr_raw=")
    page.wait_for_function(f"() => ({_SOURCE})() === 'server'")
    wait_for_charts(page, CHARTS)
    assert page.evaluate(_READOUT) == live_readout
    assert_no_exception(page)


def test_without_webgl_the_3d_charts_show_their_top_views_with_a_notice(no_webgl_page, app_url):
    page = no_webgl_page
    assert page.evaluate("() => !document.createElement('canvas').getContext('webgl')")
    open_with_data(page, app_url, PATH)
    wait_for_charts(page, CHARTS)
    for key in ("raw_surface", "standardized_surface"):
        plot = chart(page, key)
        assert plot.get_attribute("data-flat") == "1", key
        assert plot.locator(".gl-container canvas").count() == 0, key
        assert contour_paths(page, key) > 5, key  # the top view is drawn, not a blank box
        notice = page.locator(f".st-key-{key} .bnviz-notice")
        assert "cannot draw 3D" in notice.inner_text(), key
    for key in ("raw_contour", "standardized_contour"):
        assert chart(page, key).get_attribute("data-flat") == "0", key
        assert page.locator(f".st-key-{key} .bnviz-notice").count() == 0, key
    assert_no_exception(page)

    # Live dragging still redraws the flattened charts.
    x, y = _thumb_centre(page, B_HI)
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 21):
        page.mouse.move(x + 3 * i, y)
        page.wait_for_timeout(20)
    page.wait_for_function("() => Number(document.querySelector('.st-key-raw_surface div.bnviz-plot')"
                           ".dataset.liveDraws || 0) >= 1")
    page.mouse.up()
    wait_for_query(page, "b_hi=")
    time.sleep(0.5)
    wait_for_charts(page, CHARTS)
    assert chart(page, "raw_surface").get_attribute("data-flat") == "1"
    assert_no_exception(page)
