"""The page "Optimizer race" live: a dragged rate or β reruns the race in the browser and
paints every path, head and arrow on the top view and the 3D view (a canvas over each,
js/live/paint.js) and redraws the cost curves without the server; the server's rerun on
release draws the same numbers (1e-9 relative; they are in fact the same bits), and plotly's
drawing of them takes the canvases' place.

- a rate (select-slider) and a β (number slider) dragged: ten or more live paintings of the
  top view with no script run, then the server's paths, heads, arrows, notes and marks in
  all three charts equal the last live frame's, in the same axis ranges and colours;
- without WebGL the surface's top view follows the drag as well;
- a drag back to the start: no rerun, the server's numbers, the animation back;
- js/race/live.js's window, path cuts and thinning equal the figures' on random races.
"""

from __future__ import annotations

import numpy as np
import pytest

from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.race import figures
from bnviz.lessons.race.runs import NAMES, live_inputs, run_race
from bnviz.lessons.race.settings import RaceSpec
from bnviz.ui.bundles import bundle
from bnviz.ui.race import CONSTS
from tests.browser.conftest import (
    TIMEOUT_MS,
    assert_no_exception,
    open_page,
    reveal,
    wait_for_charts,
    wait_for_query,
)

pytestmark = pytest.mark.browser

PATH = "/optimizer_race"
CHARTS = ("race_contour", "race_surface", "race_cost")
RACERS = ["GD", "Momentum", "Nesterov", "RMSProp", "Adam"]

# Every script run's state change, and how many times the top view was painted live so far.
_RECORD = """() => {
  const log = window.__liveLog = {states: []};
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => log.states.push(app.dataset.testScriptState))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
_PAINTS = "() => (window.__bnvizRaceLive.stats.draws.race_contour || []).length"

# Each racer's traces in a chart (trail, head, arrows; the cost chart's curve) as plain
# lists, with their colours, and the chart's axis ranges, notes and marks: as plotly draws
# them, or (live=True) as the last live paint drew them (el._bnvizLast, js/live/paint.js; the
# notes as shown).
_PATHS = """([key, racers, live]) => {
  const el = document.querySelector('.st-key-' + key + ' div.bnviz-plot');
  const list = (a) => a === undefined || a === null ? null : Array.from(a, (v) => (v === null ? NaN : v));
  const drawn = live && el._bnvizLast ? el._bnvizLast.traces
    : el._fullData.map(t => ({name: t.name, legendgroup: t.legendgroup, mode: t.mode,
                              color: (t.line || {}).color, dash: (t.line || {}).dash,
                              x: t.x, y: t.y, z: t.z}));
  const traces = drawn.filter(t => racers.includes(t.name) || racers.includes(t.legendgroup))
    .map(t => ({name: t.name || t.legendgroup + ' arrow ' + t.dash, mode: t.mode, color: t.color,
                x: list(t.x), y: list(t.y), z: list(t.z)}));
  const L = el._fullLayout, shown = {};
  for (const g of el.querySelectorAll('.infolayer g.annotation')) {
    shown[g.dataset.index] = g.querySelector('.annotation-text').textContent;
  }
  const ranges = live && el._bnvizLast ? el._bnvizLast.ranges
    : (L.scene ? [L.scene.xaxis.range, L.scene.yaxis.range] : [L.xaxis.range, L.yaxis.range]);
  return {traces, ranges: ranges.slice(0, 2),
          notes: (L.annotations || []).map((a, i) => [live && i in shown ? shown[i] : a.text, a.x, a.yshift]),
          marks: (L.shapes || []).map(s => [s.x0, s.line.color])};
}"""

# The live view has the value the thumb shows and every chart drew it.
_SETTLED = """([key, name]) => {
  const R = window.__bnvizRaceLive, thumb = document.querySelector('.st-key-' + key + ' input[type="range"]');
  const s = R.payload.sliders[key], value = Number(thumb.getAttribute('value'));
  const shown = s.options ? s.options[value] : value;
  return R.settings[name] === shown && !R.scheduled && R.version > 0
    && ['race_contour', 'race_surface', 'race_cost'].every((c) => R.charts[c]
                                                        && R.charts[c].drawn === R.version);
}"""


def _paths(page, key: str, *, live: bool = False) -> dict:
    return page.evaluate(_PATHS, [key, RACERS, live])


def _thumb_centre(page, key: str) -> tuple[float, float]:
    reveal(page, key)
    thumb = page.locator(f'.st-key-{key} input[type="range"]')
    thumb.wait_for(state="attached")
    thumb.evaluate("e => e.parentElement.parentElement.scrollIntoView({block: 'center'})")
    box = thumb.evaluate("e => { const r = e.parentElement.parentElement.getBoundingClientRect();"
                         " return [r.x + r.width / 2, r.y + r.height / 2]; }")
    return box[0], box[1]


def _same(live: dict, server: dict) -> None:
    assert live["notes"] == server["notes"]
    assert live["marks"] == server["marks"]
    assert ([(t["name"], t["mode"], t["color"]) for t in live["traces"]]
            == [(t["name"], t["mode"], t["color"]) for t in server["traces"]])
    # The same window: the live paint's axes within the 2% a relayout waits for.
    for a, b in zip(live["ranges"], server["ranges"], strict=True):
        assert np.allclose(a, b, rtol=0, atol=0.02 * (b[1] - b[0])), (live["ranges"], server["ranges"])
    for a, b in zip(live["traces"], server["traces"], strict=True):
        for axis in ("x", "y", "z"):
            if b[axis] is None:
                continue
            np.testing.assert_allclose(np.array(a[axis], float), np.array(b[axis], float),
                                       rtol=1e-9, atol=0, equal_nan=True,
                                       err_msg=f"{a['name']} {a['mode']} {axis}")


def _drag(page, key: str, steps: int, dx: float) -> None:
    x, y = _thumb_centre(page, key)
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, steps + 1):
        page.mouse.move(x + dx * i, y)
        page.wait_for_timeout(20)


@pytest.mark.parametrize(("key", "name", "start", "dx"), [
    # Momentum's rate, a select-slider over log-spaced options: from 0.05 up past its
    # stability edge.
    ("or_mom_lr", "mom_lr", "0.05", 3),
    # Nesterov's β, a number slider: its thumb's value is the number itself.
    ("or_nag_beta", "nag_beta", "0.8", 2),
])
def test_dragging_a_rate_or_beta_redraws_live_and_the_server_confirms(page, app_url, key, name,
                                                                       start, dx):
    _drag_and_confirm(page, app_url, key, name, start, dx)


def _drag_and_confirm(page, app_url, key: str, name: str, start: str, dx: float) -> None:
    """Drag the slider of setting ``key`` (field ``name``) from ``start`` by ``dx`` pixels a
    step, check the live drawing, release, and check the server's drawing is the same."""
    open_page(page, app_url, PATH, f"{key}={start}")
    before = wait_for_charts(page, len(CHARTS))
    server_before = _paths(page, "race_contour")
    page.evaluate(_RECORD)
    painted = page.evaluate(_PAINTS)
    _drag(page, key, 50, dx)
    # Still holding the thumb: let the last value draw on every chart (the 3D surface waits
    # for the hand to rest).
    page.wait_for_function(_SETTLED, arg=[key, name], timeout=TIMEOUT_MS)
    log = page.evaluate("() => window.__liveLog")
    live = {chart: _paths(page, chart, live=True) for chart in CHARTS}

    # Ten paintings or more, before any rerun: the server has not been asked anything.
    assert page.evaluate(_PAINTS) - painted >= 10
    assert page.locator("canvas.bnviz-overlay").count() == 2  # the top view's and the 3D view's
    assert log["states"] == [], log["states"]
    assert live["race_contour"] != server_before
    assert f"{key}={start}" in page.url

    page.mouse.up()
    page.wait_for_function("(q) => !window.location.search.includes(q)", arg=f"{key}={start}")
    wait_for_query(page, f"{key}=")
    page.wait_for_function("""(charts) => charts.every((c) => {
        const el = document.querySelector('.st-key-' + c + ' div.bnviz-plot');
        return !el.dataset.live && el.dataset.rendered === el.dataset.figure; })""",
                           arg=list(CHARTS), timeout=TIMEOUT_MS)
    after = wait_for_charts(page, len(CHARTS))
    assert after["race_contour"]["rendered"] != before["race_contour"]["rendered"]
    # Plotly's drawing of the server's figures has taken the canvases' place.
    assert page.locator("canvas.bnviz-overlay").count() == 0
    assert "running" in page.evaluate("() => window.__liveLog.states")
    # The server's paths, heads and cost curves are the last live frame's.
    for chart in CHARTS:
        _same(live[chart], _paths(page, chart))
    # The animation's controls show again.
    assert _animation_shown(page)
    assert_no_exception(page)


def _animation_shown(page) -> bool:
    return page.evaluate("""() => { const el = document.querySelector('.st-key-race_contour div.bnviz-plot');
      return ['.slider-container', '.updatemenu-container'].every((s) =>
        getComputedStyle(el.querySelector(s)).visibility === 'visible'); }""")


def test_without_webgl_the_surfaces_top_view_follows_the_drag_too(no_webgl_page, app_url):
    page = no_webgl_page
    assert page.evaluate("() => !document.createElement('canvas').getContext('webgl')")
    _drag_and_confirm(page, app_url, "or_gd_lr", "gd_lr", "0.1", 3)
    surface = page.locator(".st-key-race_surface div.bnviz-plot")
    assert surface.get_attribute("data-flat") == "1"
    assert int(surface.get_attribute("data-live-draws") or 0) >= 1


def test_a_drag_back_to_the_start_keeps_the_servers_numbers_without_a_rerun(page, app_url):
    open_page(page, app_url, PATH, "or_nag_lr=0.05")
    wait_for_charts(page, len(CHARTS))
    server = {chart: _paths(page, chart) for chart in CHARTS}
    page.evaluate(_RECORD)
    painted = page.evaluate(_PAINTS)
    x, y = _thumb_centre(page, "or_nag_lr")
    page.mouse.move(x, y)
    page.mouse.down()
    for dx in (*range(3, 46, 3), *range(42, -1, -3)):
        page.mouse.move(x + dx, y)
        page.wait_for_timeout(20)
    page.wait_for_function(_SETTLED, arg=["or_nag_lr", "nag_lr"], timeout=TIMEOUT_MS)
    assert page.evaluate(_PAINTS) - painted >= 2
    page.mouse.up()
    # Back where it started: no rerun; the charts show the server's numbers, with their
    # animation back.
    page.wait_for_function("() => Array.from(document.querySelectorAll('div.bnviz-plot'))"
                           ".every((e) => !e.dataset.live)")
    for chart in CHARTS:
        _same(_paths(page, chart), server[chart])
    assert page.locator("canvas.bnviz-overlay").count() == 0
    assert _animation_shown(page)
    page.wait_for_timeout(500)
    assert "running" not in page.evaluate("() => window.__liveLog.states")
    assert "or_nag_lr=0.05" in page.url
    assert_no_exception(page)


# ------------------------------------------------------------- the window and the cuts

# js/race/live.js's compute in a blank page (no server): the view's window, each path's drawn
# points on the top view and on the surface, and the surface's grid.
_COMPUTE = """(payloads) => payloads.map((p) => {
  const R = window.__bnvizRaceLive, r = R.compute(p, p.live.spec), out = {paths: {}};
  const s = r.surfaces;
  out.window = [s.fine.xs[0], s.fine.xs[s.fine.n - 1], s.fine.ys[0], s.fine.ys[s.fine.n - 1]];
  out.coarse = Array.from(s.coarse.cost);
  for (const k of p.live.keys) {
    const w = r.runs[k].weights, cost = r.runs[k].cost;
    out.paths[k] = {fine: r.paths[k].fine.map((i) => [w[2 * i], w[2 * i + 1]]),
                    coarse: r.paths[k].coarse.map((i) => [w[2 * i], w[2 * i + 1], cost[i]])};
  }
  return out;
})"""


def _random_specs(n: int) -> list[tuple[DataSpec, DescentSpec, RaceSpec]]:
    rng = np.random.default_rng(12)
    out = []
    for i in range(n):
        def beta() -> float:
            return round(float(rng.uniform(0.0, 0.999)), 3)

        spec = RaceSpec(space=("raw", "standardized")[i % 2],
                        gd_lr=float(10 ** rng.uniform(-3, 0.6)),
                        mom_lr=float(10 ** rng.uniform(-3, 0.6)), mom_beta=beta(),
                        nag_lr=float(10 ** rng.uniform(-3, 0.6)), nag_beta=beta(),
                        rms_lr=float(10 ** rng.uniform(-4, 0)), rms_beta=beta(),
                        adam_lr=float(10 ** rng.uniform(-4, 0)), adam_beta1=beta())
        data = DataSpec(b_hi=float(rng.choice([1.0, 2.0, 200.0, 1e4, 1e5])))
        descent = DescentSpec(steps=int(rng.choice([20, 300, 1000])))
        out.append((data, descent, spec))
    return out


def test_the_browsers_window_and_drawn_points_are_the_figures(browser):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_content("<html><body></body></html>")
        page.add_script_tag(content=bundle("race_live"), type="module")
        page.wait_for_function("() => window.__bnvizRaceLive && window.__bnvizRaceLive.compute")
        cases, fields = [], []
        for data, descent, spec in _random_specs(40):
            field = run_race(two_features(data), spec, descent).field(spec.space)
            cases.append({"live": live_inputs(field, spec, descent), "names": NAMES,
                          "consts": CONSTS})
            fields.append(field)
        results = page.evaluate(_COMPUTE, cases)
    finally:
        context.close()
    cut = 0
    for i, (field, js) in enumerate(zip(fields, results, strict=True)):
        s2, s3 = field.surface_2d, field.surface_3d
        assert js["window"] == [s2.w1[0], s2.w1[-1], s2.w2[0], s2.w2[-1]], i
        np.testing.assert_allclose(js["coarse"], s3.cost.ravel(), rtol=1e-12, err_msg=str(i))
        for run in field.runs:
            fine = figures._art(run, s2, margin=CONSTS["margin_2d"])
            coarse = figures._art(run, s3, margin=CONSTS["margin_3d"])
            # The same points, bit for bit: the runs are, and so are the cuts and the thinning.
            assert js["paths"][run.key]["fine"] == fine.weights.tolist(), (i, run.key)
            assert (js["paths"][run.key]["coarse"]
                    == np.c_[coarse.weights, coarse.cost].tolist()), (i, run.key)
            cut += len(coarse.cost) < len(run.trajectory.cost)
    assert cut > 0  # some paths leave the view and are cut
