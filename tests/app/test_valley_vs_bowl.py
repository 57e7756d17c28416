"""The page "Valley vs bowl", driven through Streamlit's AppTest."""

import numpy as np
import pytest

from bnviz.core.theory import conditioning
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.valley.experiment import compare
from bnviz.numbers import fmt
from bnviz.plotting.encode import decode_array
from tests.app.conftest import assert_clean, chart_bytes, charts, component_data, open_page

PAGE = "valley_vs_bowl"
KEYS = {"raw_surface", "raw_contour", "standardized_surface", "standardized_contour", "cost",
        "swing"}


@pytest.fixture(scope="module")
def at():
    return open_page(PAGE)


def table(at):
    return {row[""]: row for row in at.table[0].value.to_dict("records")}


def test_defaults_render_all_charts_and_numbers(at):
    assert_clean(at)
    figs = charts(at)
    assert set(figs) == KEYS
    rows = table(at)
    data = two_features(DataSpec())
    cmp = compare(data, DescentSpec())
    # Independent: numpy's eigenvalues of the raw Hessian 2 X^T X / n.
    lam = np.linalg.eigvalsh(2 * data.X.T @ data.X / data.n)
    kappa = fmt(lam[-1] / lam[0])
    assert rows["condition number λmax/λmin"]["raw"] == kappa
    assert float(rows["optimal rate 2/(λmin+λmax)"]["standardized"]) == pytest.approx(0.5)
    assert cmp.raw.trajectory.status == "stalled" and cmp.std.trajectory.status == "converged"
    assert rows["status"]["raw"] == f"not within {DescentSpec().steps} steps"
    assert rows["status"]["standardized"] == f"tolerance at step {cmp.std.trajectory.steps_to_tol}"
    text = " ".join(m.value for m in at.markdown)
    assert f"{kappa} times more curved" in text
    assert f"it reached the tolerance in {cmp.std.trajectory.steps_to_tol} steps" in text
    captions = " ".join(c.value for c in at.caption)
    assert f"the raw cost bottoms out at {fmt(cmp.raw.quadratic.f_star)}" in captions


def test_charts_are_animated_with_fixed_axes(at):
    fig = charts(at)["raw_surface"]
    assert fig["data"][0]["type"] == "surface"
    assert 2 <= len(fig["frames"]) <= 40
    assert all(0 not in f["traces"] for f in fig["frames"])  # the surface is sent once
    assert fig["layout"]["scene"]["xaxis"]["autorange"] is False
    assert fig["layout"]["uirevision"] and fig["layout"]["scene"]["uirevision"]
    head = fig["frames"][-1]["data"][1]
    cmp = compare(two_features(DataSpec()), DescentSpec())
    np.testing.assert_allclose([decode_array(head["x"])[0], decode_array(head["y"])[0]],
                               cmp.raw.trajectory.weights[-1])


def test_chart_bytes_stay_under_budget(at):
    assert chart_bytes(at) < 400_000


def test_moving_b_scale_changes_surface_and_url():
    at = open_page(PAGE)
    before = charts(at)["raw_surface"]["data"][0]["z"]
    at.select_slider(key="b_hi").set_value(2000.0).run()
    assert_clean(at)
    assert charts(at)["raw_surface"]["data"][0]["z"] != before
    assert at.query_params["b_hi"] == "2000.0"
    rows = table(at)
    default = conditioning(compare(two_features(DataSpec()), DescentSpec()).raw.quadratic)
    assert float(rows["condition number λmax/λmin"]["raw"].replace(",", "")) > default.condition_number


@pytest.mark.parametrize("key,value", [("a_hi", 1.0), ("a_hi", 1e5), ("b_hi", 1.0), ("b_hi", 1e5),
                                       ("noise", 0.0), ("noise", 1000.0), ("n", 2), ("n", 1_000_000)])
def test_extreme_data_settings_run_clean(key, value):
    at = open_page(PAGE)
    at.select_slider(key=key).set_value(value).run()
    assert_clean(at)
    assert set(charts(at)) == KEYS


def test_every_other_control_reruns_clean():
    at = open_page(PAGE)
    at.slider(key="w1").set_value(-10.0).run()
    at.slider(key="w2").set_value(10.0).run()
    at.number_input(key="seed").set_value(7).run()
    at.select_slider(key="steps").set_value(5000).run()
    at.select_slider(key="tol").set_value(1e-12).run()
    at.slider(key="w1_0").set_value(50.0).run()
    at.slider(key="w2_0").set_value(-50.0).run()
    assert_clean(at)
    assert at.query_params["seed"] == "7"
    at.radio(key="rate_std").set_value("stable").run()
    assert_clean(at)
    assert table(at)["status"]["standardized"].startswith("tolerance at step")


def test_rate_above_the_limit_diverges_as_a_result():
    at = open_page(PAGE)
    at.radio(key="rate_raw").set_value("custom").run()
    at.select_slider(key="lr_raw").set_value(1e-3).run()  # 2/λmax is 7.4e-5
    assert_clean(at)
    status = table(at)["status"]["raw"]
    assert status.startswith("diverged at step")
    fig = charts(at)["raw_contour"]
    assert "diverged" in charts(at)["raw_surface"]["layout"]["title"]["text"]
    trail = fig["frames"][-1]["data"][0]
    x = decode_array(trail["x"])
    assert np.isfinite(x).all() and np.abs(x).max() < 1e3  # axes stay readable
    at.select_slider(key="lr_raw").set_value(10.0).run()
    assert_clean(at)
    assert table(at)["status"]["raw"] == "diverged at step 1"


def test_stable_button_is_just_under_the_limit():
    at = open_page(PAGE)
    at.radio(key="rate_raw").set_value("stable").run()
    c = conditioning(compare(two_features(DataSpec()), DescentSpec()).raw.quadratic)
    rows = table(at)
    assert float(rows["learning rate used"]["raw"]) == pytest.approx(0.99 * c.lr_stable, rel=1e-3)
    assert rows["status"]["raw"] != "diverged"


def test_reset_restores_the_article_example():
    at = open_page(PAGE, {"b_hi": "5000", "seed": "3"})
    assert at.select_slider(key="b_hi").value == 5000.0
    at.button[0].click().run()
    assert_clean(at)
    assert at.select_slider(key="b_hi").value == 200.0 and at.number_input(key="seed").value == 42
    assert "b_hi" not in at.query_params


def test_url_settings_are_read_on_load():
    at = open_page(PAGE, {"b_hi": "1000", "rate_raw": "custom", "lr_raw": "3e-5", "steps": "50"})
    assert_clean(at)
    assert at.select_slider(key="b_hi").value == 1000.0
    assert at.select_slider(key="lr_raw").value == 3e-5
    assert table(at)["learning rate used"]["raw"] == "3e-05"


def test_garbage_url_loads_defaults_with_a_notice():
    at = open_page(PAGE, {"b_hi": "garbage", "steps": "-5", "rate_raw": "warp", "n": "1e99",
                          "lr_raw": "nan", "unknown": "x"})
    assert_clean(at)
    assert at.select_slider(key="b_hi").value == 200.0
    assert at.select_slider(key="steps").value == 300
    assert at.radio(key="rate_raw").value == "zigzag"  # the default
    notices = " ".join(t.value for t in at.toast)
    for key in ("b_hi", "steps", "rate_raw", "n", "lr_raw"):
        assert key in notices
    assert set(charts(at)) == KEYS


def test_the_live_view_gets_the_sliders_options_and_the_servers_numbers():
    at = open_page(PAGE, {"b_hi": "1000", "rate_raw": "custom"})
    live = component_data(at, "valley_live")
    # The browser maps a thumb's index to a value: the options must be the slider's own.
    for key in ("a_hi", "b_hi", "lr_raw", "lr_std"):
        shown = [o.split(" (")[0] for o in at.select_slider(key=key).options]
        assert shown == [fmt(v) for v in live["sliders"][key]["options"]], key
        # ... and the labels the thumb shows, by which the browser checks it read this run's.
        assert at.select_slider(key=key).options == live["sliders"][key]["labels"], key
    assert live["sliders"]["b_hi"]["name"] == "b_hi"
    assert live["data"]["b_hi"] == 1000.0 and live["descent"]["rate_raw"] == "custom"
    rows = table(at)
    for side in ("raw", "standardized"):
        line = live["readout"][side]
        assert f"κ = {rows['condition number λmax/λmin'][side]} " in line
        assert f"2/λmax = {rows['largest stable rate 2/λmax'][side]} " in line
        assert line.endswith(rows["status"][side])
