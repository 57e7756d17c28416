"""The page "Where normalization matters", driven through Streamlit's AppTest."""

import math

import numpy as np
import pytest

from bnviz.core import quadratic
from bnviz.core.theory import conditioning
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.where.convergence import axis
from bnviz.lessons.where.settings import MapSpec
from bnviz.numbers import fmt
from bnviz.plotting.encode import decode_array
from bnviz.settings import param_of
from tests.app.conftest import assert_clean, chart_bytes, charts, open_page

PAGE = "where_it_matters"
KEYS = {"map", "ladder_eigenvalues", "ladder_rung0", "ladder_rung1", "ladder_rung2",
        "ladder_rung3", "ladder_errors"}


@pytest.fixture(scope="module")
def at():
    return open_page(PAGE)


def text(at):
    return " ".join(m.value for m in at.markdown)


def heatmaps(fig):
    return [t for t in fig["data"] if t["type"] == "heatmap"]


def test_defaults_render_every_chart_and_sentence(at):
    assert_clean(at)
    figs = charts(at)
    assert set(figs) == KEYS
    maps = heatmaps(figs["map"])
    assert [t["name"] for t in maps] == ["raw", "standardized"]
    assert maps[0]["coloraxis"] == maps[1]["coloraxis"]  # one colour scale
    assert decode_array(maps[0]["z"]).shape == (40, 40)
    words = text(at)
    assert "2/λmax" in words and "grid cells of the theory line" in words
    assert "Condition numbers: raw" in words


def test_theory_line_is_two_over_lambda_max_of_each_rows_data(at):
    fig = charts(at)["map"]
    line = next(t for t in fig["data"] if t.get("name", "").startswith("2/λmax"))
    x, y = decode_array(line["x"]), decode_array(line["y"])
    ratios = axis(0.1, 1000.0, 40)
    np.testing.assert_allclose(10 ** y, ratios, rtol=1e-12)
    for r in (0, 20, 39):
        # Independent: draw the row's data with its b_hi and eigen-decompose from scratch.
        d = two_features(DataSpec(b_hi=1.0 + ratios[r] * 9.0))
        lam_max = np.linalg.eigvalsh(2 * d.X.T @ d.X / d.n)[-1]
        assert 10 ** x[r] == pytest.approx(2 / lam_max, rel=1e-9)


def test_chart_bytes_stay_under_budget(at):
    assert chart_bytes(at) < 400_000  # the bound every chart page keeps (issue 20)


def test_a_cell_past_valley_vs_bowls_bounds_says_which_bound():
    at = open_page(PAGE, {"a_hi": "1000", "mp_r": "1000"})
    assert_clean(at)
    labels = [b.label for b in at.button]
    assert "Open the chosen cell in “Valley vs bowl”" not in labels
    bound = param_of(DataSpec, "b_hi")
    ratio = axis(0.1, 1000.0, 40)[-1]
    captions = " ".join(c.value for c in at.caption)
    assert (f"(b_hi {fmt(1 + ratio * 999.0)} is outside {fmt(bound.lo)} to {fmt(bound.hi)})"
            in captions)
    assert "from weights (0, 0)" in captions


def test_metric_choice_changes_the_colour_scale():
    at = open_page(PAGE)
    at.radio(key="mp_metric").set_value("excess").run()
    assert_clean(at)
    cb = charts(at)["map"]["layout"]["coloraxis"]["colorbar"]
    assert "excess" in cb["title"]["text"] and "not reached" not in cb["ticktext"]
    assert at.query_params["mp_metric"] == "excess"


def test_choosing_a_cell_moves_the_marker_and_the_sentence():
    at = open_page(PAGE)
    lr, ratio = axis(1e-9, 10.0, 40), axis(0.1, 1000.0, 40)
    at.select_slider(key="mp_r").set_value(float(ratio[5])).run()
    at.select_slider(key="mp_lr").set_value(float(lr[10])).run()
    assert_clean(at)
    marks = [t for t in charts(at)["map"]["data"] if t.get("name") == "chosen cell"]
    assert marks[0]["x"] == [pytest.approx(math.log10(lr[10]))]
    assert marks[0]["y"] == [pytest.approx(math.log10(ratio[5]))]
    assert f"learning rate {fmt(float(lr[10]))}" in text(at)
    assert float(at.query_params["mp_lr"]) == pytest.approx(lr[10])


def test_open_button_shows_the_cell_on_valley_vs_bowl():
    at = open_page(PAGE)
    lr, ratio = axis(1e-9, 10.0, 40), axis(0.1, 1000.0, 40)
    at.select_slider(key="mp_r").set_value(float(ratio[20])).run()
    at.select_slider(key="mp_lr").set_value(float(lr[22])).run()
    at.button[[b.label for b in at.button].index("Open the chosen cell in “Valley vs bowl”")].click().run()
    assert_clean(at)
    assert at.session_state["b_hi"] == pytest.approx(1 + 9 * ratio[20])
    assert at.session_state["rate_raw"] == "custom"
    assert at.session_state["lr_raw"] == pytest.approx(lr[22])
    assert "raw_surface" in charts(at)  # now on Valley vs bowl
    rows = {row[""]: row for row in at.table[0].value.to_dict("records")}
    assert rows["learning rate used"]["raw"] == fmt(float(lr[22]))
    # The map said what this cell does; Valley vs bowl's own run agrees.
    q = quadratic.from_data(*(lambda d: (d.X, d.y))(two_features(DataSpec(b_hi=1 + 9 * ratio[20]))))
    assert lr[22] > 2 / conditioning(q).lam_max  # the cell is past the edge...
    assert rows["status"]["raw"].startswith("diverged")  # ...and diverges there too


@pytest.mark.parametrize("key,value", [
    ("mp_lr_lo", 10.0), ("mp_lr_hi", 1e-9), ("mp_r_lo", 1e4), ("mp_r_hi", 1e-3),
    ("mp_cells", 4), ("mp_cells", 80), ("mp_steps", 1), ("mp_steps", 5000),
    ("mp_tol", 1e-12), ("mp_tol", 0.1), ("ld_steps", 1), ("ld_steps", 5000),
    ("a_hi", 1.0), ("a_hi", 1e5), ("b_hi", 1.0), ("b_hi", 1e5), ("noise", 0.0),
    ("noise", 1000.0), ("n", 2), ("n", 1_000_000)])
def test_extreme_settings_run_clean(key, value):
    at = open_page(PAGE)
    at.select_slider(key=key).set_value(value).run()
    assert_clean(at)
    assert set(charts(at)) == KEYS


def test_degenerate_grid_ranges_still_draw_a_map():
    at = open_page(PAGE, {"mp_lr_lo": "0.1", "mp_lr_hi": "0.1", "mp_r_lo": "50", "mp_r_hi": "5"})
    assert_clean(at)
    z = decode_array(heatmaps(charts(at)["map"])[0]["z"])
    assert z.shape == (40, 40) and np.isfinite(z).all()


@pytest.mark.parametrize("corr", [-0.99, -0.5, 0.0, 0.99])
@pytest.mark.parametrize("rate", ["half", "optimal"])
def test_correlation_and_rate_controls(corr, rate):
    at = open_page(PAGE)
    at.slider(key="ld_corr").set_value(corr).run()
    at.radio(key="ld_rate").set_value(rate).run()
    assert_clean(at)
    table = {row[""]: row for row in at.table[0].value.to_dict("records")}
    assert table["whitened"]["condition number κ"] == "1"
    kappa_std = float(table["standardized"]["condition number κ"].replace(",", ""))
    if abs(corr) == 0.99:
        assert kappa_std > 100  # the valley standardization leaves
    assert f"{corr:g}" in text(at) or fmt(corr) in text(at)


def test_every_other_control_reruns_clean():
    at = open_page(PAGE)
    at.slider(key="w1").set_value(-10.0).run()
    at.slider(key="w2").set_value(10.0).run()
    at.number_input(key="seed").set_value(7).run()
    assert_clean(at)
    labels = [b.label for b in at.button]
    at.button[labels.index("Reset to the article's example")].click().run()
    assert_clean(at)
    assert at.session_state["seed"] == 42


def test_garbage_url_loads_with_defaults():
    q = {k: "garbage" for k in ("mp_lr_lo", "mp_lr_hi", "mp_r_lo", "mp_r_hi", "mp_cells",
                                "mp_steps", "mp_tol", "mp_metric", "mp_lr", "mp_r", "ld_corr",
                                "ld_rate", "ld_steps", "b_hi")}
    q["ld_corr"] = "5"  # out of range
    at = open_page(PAGE, q)
    assert_clean(at)
    assert set(charts(at)) == KEYS
    assert at.session_state["mp_cells"] == MapSpec().cells
    assert at.session_state["ld_corr"] == 0.9
    assert at.session_state["b_hi"] == 200.0


def test_url_settings_are_applied_and_carried():
    at = open_page(PAGE, {"mp_cells": "10", "ld_corr": "-0.5", "mp_metric": "excess"})
    assert_clean(at)
    assert decode_array(heatmaps(charts(at)["map"])[0]["z"]).shape == (10, 10)
    assert at.query_params["mp_cells"] == "10" and at.query_params["ld_corr"] == "-0.5"


def test_sidebar_b_hi_moves_the_marker_line_not_the_grid():
    at = open_page(PAGE)
    before = heatmaps(charts(at)["map"])[0]["z"]
    at.select_slider(key="b_hi").set_value(2000.0).run()
    assert_clean(at)
    fig = charts(at)["map"]
    assert heatmaps(fig)[0]["z"] == before
    line = fig["layout"]["shapes"][0]
    assert line["y0"] == pytest.approx(math.log10((2000.0 - 1) / 9.0))
