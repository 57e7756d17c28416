"""The page "Optimizer race", driven through Streamlit's AppTest."""

import numpy as np
import pytest

from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.race.runs import run_race
from bnviz.lessons.race.settings import OPTIMIZERS, RaceSpec
from bnviz.lessons.race.text import units_sentence, verdict
from bnviz.plotting.encode import decode_array
from tests.app.conftest import assert_clean, chart_bytes, charts, open_page

PAGE = "optimizer_race"
KEYS = {"race_contour", "race_surface", "race_cost"}
NAMES = [name for _, name in OPTIMIZERS]


@pytest.fixture(scope="module")
def at():
    return open_page(PAGE)


def table(at):
    return {row["optimizer"]: row for row in at.table[0].value.to_dict("records")}


def gd_bound(run):
    from bnviz.core.theory import conditioning

    cond = conditioning(run_race(two_features(DataSpec()), RaceSpec(),
                                 DescentSpec()).raw.quadratic)
    return cond.predicted_steps(run.lr, 1e-6)


def text(at):
    return " ".join(m.value for m in at.markdown)


def paths(fig):
    """Names of the paths drawn on a contour or surface figure (trail traces)."""
    return [t["name"] for t in fig["data"][1:] if t.get("mode") == "lines+markers"
            and "name" in t]


def test_defaults_render_charts_verdict_and_table(at):
    assert_clean(at)
    figs = charts(at)
    assert set(figs) == KEYS
    race = run_race(two_features(DataSpec()), RaceSpec(), DescentSpec())
    assert verdict(race) in text(at)
    converged = [r for r in race.raw.runs if r.trajectory.status == "converged"]
    first = min(converged, key=lambda r: r.trajectory.steps_to_tol)
    assert (f"{first.name} reached the tolerance first, in {first.trajectory.steps_to_tol} steps"
            in text(at))
    assert units_sentence(race) in text(at)
    rows = table(at)
    assert list(rows) == NAMES
    for run in race.raw.runs:
        t = run.trajectory
        want = (f"tolerance at step {t.steps_to_tol}" if t.status == "converged"
                else f"not within {t.steps} steps")
        assert rows[run.name]["raw: result"] == want
    assert paths(figs["race_contour"]) == NAMES == paths(figs["race_surface"])
    assert [t["name"] for t in figs["race_cost"]["data"]] == NAMES


def test_animation_heads_follow_the_runs_and_the_surface_is_sent_once(at):
    fig = charts(at)["race_surface"]
    assert fig["data"][0]["type"] == "surface"
    assert all(0 not in f["traces"] for f in fig["frames"])
    race = run_race(two_features(DataSpec()), RaceSpec(), DescentSpec())
    last = fig["frames"][-1]
    for n, run in enumerate(race.raw.runs):
        head = last["data"][2 * n + 1]
        np.testing.assert_allclose([decode_array(head["x"])[0], decode_array(head["y"])[0]],
                                   run.trajectory.weights[-1], rtol=1e-9)
    contour = charts(at)["race_contour"]
    assert contour["layout"]["uirevision"] and len(contour["frames"]) >= 2


def test_chart_bytes_stay_under_budget(at):
    assert chart_bytes(at) < 400_000


def test_switching_to_standardized_features_changes_the_view_and_url():
    at = open_page(PAGE)
    before = charts(at)["race_contour"]["data"][0]["z"]
    at.radio(key="or_space").set_value("standardized").run()
    assert_clean(at)
    fig = charts(at)["race_contour"]
    assert fig["data"][0]["z"] != before
    assert fig["layout"]["xaxis"]["title"]["text"].startswith("v1")
    assert at.query_params["or_space"] == "standardized"
    assert "none of the other optimizers beat it" in text(at)


@pytest.mark.parametrize("key", [k for k, _ in OPTIMIZERS])
def test_each_optimizer_switches_off(key):
    at = open_page(PAGE)
    at.radio(key=f"or_{key}").set_value("off").run()
    assert_clean(at)
    name = dict(OPTIMIZERS)[key]
    assert name not in table(at)
    assert name not in paths(charts(at)["race_contour"])
    assert at.query_params[f"or_{key}"] == "off"
    assert at.select_slider(key=f"or_{key}_lr").disabled


def test_all_off_shows_a_hint_not_an_error():
    at = open_page(PAGE, {f"or_{k}": "off" for k, _ in OPTIMIZERS})
    assert_clean(at)
    assert "Switch on at least one optimizer" in text(at)
    assert set(charts(at)) == KEYS


@pytest.mark.parametrize("key,value", [
    ("or_mom_beta", 0.999), ("or_nag_beta", 0.999), ("or_rms_beta", 0.999),
    ("or_adam_b1", 0.999), ("or_mom_beta", 0.0), ("or_adam_b1", 0.0)])
def test_extreme_betas_run_clean(key, value):
    at = open_page(PAGE)
    at.slider(key=key).set_value(value).run()
    assert_clean(at)
    assert set(charts(at)) == KEYS
    assert at.query_params[key] == repr(value)


@pytest.mark.parametrize("key,value", [("or_adam_b2", 0.9999), ("or_adam_b2", 0.0)])
def test_extreme_beta2_runs_clean(key, value):
    at = open_page(PAGE)
    at.slider(key=key).set_value(value).run()
    assert_clean(at)
    assert "β2 = " + ("0.9999" if value else "0") in table(at)["Adam"]["hyper-parameters"]


@pytest.mark.parametrize("key", ["or_gd_lr", "or_mom_lr", "or_nag_lr"])
def test_rate_at_the_top_of_its_range_diverges_as_a_result(key):
    at = open_page(PAGE)
    at.select_slider(key=key).set_value(4.0).run()
    assert_clean(at)
    name = {"or_gd_lr": "GD", "or_mom_lr": "Momentum", "or_nag_lr": "Nesterov"}[key]
    row = table(at)[name]
    assert row["raw: result"].startswith("diverged at step")
    assert row["standardized: result"].startswith("diverged at step")
    fig = charts(at)["race_contour"]
    for trace in fig["frames"][-1]["data"]:
        for axis in ("x", "y"):
            assert np.isfinite(decode_array(trace[axis]).astype(float)).all()


@pytest.mark.parametrize("key,value", [("or_rms_lr", 1.0), ("or_adam_lr", 1.0),
                                       ("or_rms_lr", 1e-4), ("or_adam_lr", 1e-4),
                                       ("or_rms_eps", 1.0), ("or_adam_eps", 1e-12),
                                       ("or_gd_lr", 1e-3)])
def test_other_rate_extremes_run_clean(key, value):
    at = open_page(PAGE)
    at.select_slider(key=key).set_value(value).run()
    assert_clean(at)
    assert set(charts(at)) == KEYS


def test_the_edge_mark_is_selectable_and_sits_at_the_edge():
    at = open_page(PAGE)
    options = at.select_slider(key="or_gd_lr").options
    edge = [o for o in options if o.endswith("(edge)")]
    assert len(edge) == 1 and any(o.endswith("(optimal)") for o in options)


def test_descent_settings_and_data_controls_rerun_clean():
    at = open_page(PAGE)
    at.select_slider(key="steps").set_value(5000).run()
    assert_clean(at)
    gd = run_race(two_features(DataSpec()), RaceSpec(), DescentSpec(steps=5000)).raw.runs[0]
    assert table(at)["GD"]["raw: result"] == f"tolerance at step {gd.trajectory.steps_to_tol}"
    # Theory's bound for plain descent at its optimal rate: ln(tol) / (2 ln rho).
    assert gd.trajectory.steps_to_tol <= gd_bound(gd)
    assert chart_bytes(at) < 400_000
    at.select_slider(key="steps").set_value(1).run()
    at.select_slider(key="tol").set_value(1e-12).run()
    at.slider(key="w1_0").set_value(50.0).run()
    at.slider(key="w2_0").set_value(-50.0).run()
    assert_clean(at)
    assert at.query_params["steps"] == "1" and at.query_params["w1_0"] == "50.0"
    for key, value in (("a_hi", 1.0), ("b_hi", 1e5), ("n", 2), ("noise", 1000.0)):
        at.select_slider(key=key).set_value(value).run()
        assert_clean(at)
    at.number_input(key="seed").set_value(7).run()
    at.slider(key="w1").set_value(-10.0).run()
    at.slider(key="w2").set_value(10.0).run()
    assert_clean(at)
    assert set(charts(at)) == KEYS


def test_flat_data_runs_clean_on_both_sides():
    at = open_page(PAGE, {"a_hi": "1", "b_hi": "1", "or_space": "standardized"})
    assert_clean(at)
    assert set(charts(at)) == KEYS


def test_url_settings_are_read_on_load():
    at = open_page(PAGE, {"or_space": "standardized", "or_mom_beta": "0.5", "or_rms": "off",
                          "steps": "100"})
    assert_clean(at)
    assert at.radio(key="or_space").value == "standardized"
    assert at.slider(key="or_mom_beta").value == 0.5
    assert "RMSProp" not in table(at)
    assert table(at)["Momentum"]["hyper-parameters"] == "β = 0.5"


def test_garbage_url_loads_defaults_with_a_notice():
    at = open_page(PAGE, {"or_space": "sideways", "or_gd_lr": "garbage", "or_mom_beta": "2",
                          "or_adam": "maybe", "or_adam_eps": "nan", "steps": "-1"})
    assert_clean(at)
    assert at.radio(key="or_space").value == "raw"
    assert at.select_slider(key="or_gd_lr").value == 1.0
    assert at.slider(key="or_mom_beta").value == 0.9
    assert at.radio(key="or_adam").value == "on"
    notices = " ".join(t.value for t in at.toast)
    for key in ("or_space", "or_gd_lr", "or_mom_beta", "or_adam", "or_adam_eps", "steps"):
        assert key in notices
    assert set(charts(at)) == KEYS
