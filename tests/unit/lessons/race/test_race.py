"""The optimizer race: runner, units, edges, view, figures and verdict."""

import dataclasses
import json
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bnviz.core import descent, quadratic, theory
from bnviz.core.preprocessing import standardize
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.race.figures import GRADIENT_ARROW, MAX_POINTS, race_figures, round_scale, thin
from bnviz.lessons.race.runs import (
    MAX_VIEW,
    build,
    live_inputs,
    rate_marks,
    run_race,
    stable_limit,
    units,
    view_radius,
)
from bnviz.lessons.race.settings import OPTIMIZERS, RaceSpec
from bnviz.lessons.race.text import ranking, results_table, verdict
from bnviz.plotting.encode import to_json

SEED = two_features(DataSpec())
Q_RAW = quadratic.from_data(SEED.X, SEED.y)
ALL = tuple(k for k, _ in OPTIMIZERS)


@pytest.fixture(scope="module")
def race():
    return run_race(SEED, RaceSpec(), DescentSpec())


@pytest.mark.parametrize("key", ALL)
@pytest.mark.parametrize("multiple", [1.0, 4.0])
def test_descent_records_the_gradient_at_every_point_and_velocity_only_with_momentum(key, multiple):
    spec = RaceSpec(**{f"{key}_lr": multiple * (0.1 if key in ("rms", "adam") else 1.0)})
    c = theory.conditioning(Q_RAW)
    ru, su = units(Q_RAW, c, np.zeros(2))
    opt = build(key, spec, rate_unit=ru, step_unit=su)
    t = descent.run(Q_RAW, opt, w0=np.zeros(2), steps=300, tol=1e-6)
    # Independent of the core's term-by-term sum: numpy's matmul on the data's G.
    with np.errstate(all="ignore"):
        expected = 2.0 * (t.weights - Q_RAW.w_star) @ Q_RAW.G
    finite = np.isfinite(expected).all(axis=1)
    np.testing.assert_allclose(t.gradients[finite], expected[finite], rtol=1e-9,
                               atol=1e-12 * float(np.max(np.abs(expected[finite]))))
    assert (t.velocities is None) == (key in ("gd", "rms"))


def test_heavy_ball_velocity_is_the_last_displacement():
    spec = RaceSpec()
    t = descent.run(Q_RAW, build("mom", spec, rate_unit=1e-4, step_unit=1.0),
                    w0=np.zeros(2), steps=50, tol=1e-6)
    vel = t.velocities
    np.testing.assert_array_equal(vel[0], [0.0, 0.0])
    np.testing.assert_allclose(vel[1:], np.diff(t.weights, axis=0), rtol=1e-9, atol=1e-12)


def test_units_are_the_optimal_rate_and_the_distance_to_the_minimum(race):
    for field in (race.raw, race.std):
        c = theory.conditioning(field.quadratic)
        assert field.rate_unit == pytest.approx(2 / (c.lam_min + c.lam_max), rel=1e-12)
        assert field.step_unit == pytest.approx(np.hypot(*(field.w0 - field.quadratic.w_star)))
        for run in field.runs:
            unit = field.step_unit if run.key in ("rms", "adam") else field.rate_unit
            assert run.lr == pytest.approx(getattr(race.spec, f"{run.key}_lr") * unit)
    assert race.raw.rate_unit < 1e-4 < 0.1 < race.std.rate_unit  # 10^4 apart on the seed data


def test_standardized_side_starts_from_the_same_fitted_slopes():
    spec = DescentSpec(w1_0=1.5, w2_0=-2.0)
    r = run_race(SEED, RaceSpec(), spec)
    stats = standardize(SEED.X)
    raw_pred = SEED.X @ r.raw.w0
    std_pred = stats.Z @ r.std.w0
    # Same line up to the intercept: predictions differ by a constant.
    np.testing.assert_allclose(raw_pred - std_pred, (raw_pred - std_pred).mean(), atol=1e-9)


def test_only_chosen_optimizers_run_and_in_display_order():
    r = run_race(SEED, RaceSpec(gd="off", rms="off"), DescentSpec(steps=20))
    assert [x.key for x in r.raw.runs] == ["mom", "nag", "adam"] == [x.key for x in r.std.runs]
    none = run_race(SEED, RaceSpec(**{k: "off" for k in ALL}), DescentSpec(steps=20))
    assert none.raw.runs == () and "Switch on" in verdict(none)
    figs = race_figures(none.raw, tol=1e-6)
    assert len(figs["contour"]["data"]) == 1 and to_json(figs["surface"])


@pytest.mark.parametrize("space", ["raw", "standardized"])
@pytest.mark.parametrize("key,beta", [("gd", 0.0), ("mom", 0.5), ("mom", 0.999), ("nag", 0.9),
                                      ("nag", 0.999)])
def test_measured_divergence_edge_is_the_theoretical_one(space, key, beta):
    r = run_race(SEED, RaceSpec(), DescentSpec())
    field = r.field(space)
    edge = stable_limit(key, beta, field.conditioning, field.rate_unit)
    for factor, diverges in ((0.97, False), (1.03, True)):
        fields = {f"{key}_lr": edge * factor} | ({} if key == "gd" else {f"{key}_beta": beta})
        opt = build(key, RaceSpec(**fields), rate_unit=field.rate_unit,
                    step_unit=field.step_unit)
        t = descent.run(field.quadratic, opt, w0=field.w0, steps=5000, tol=1e-6)
        assert (t.status == "diverged") is diverges


def test_adaptive_rules_have_no_edge_and_marks_stay_in_range(race):
    c = race.raw.conditioning
    assert stable_limit("adam", 0.9, c, 1.0) is None and stable_limit("rms", 0.9, c, 1.0) is None
    marks = rate_marks(race.raw, race.spec)
    assert marks["gd_lr"][1.0] == "optimal"
    edge = [v for v, w in marks["mom_lr"].items() if w == "edge"][0]
    assert edge == pytest.approx((1 + 0.9) * (c.lam_min + c.lam_max) / c.lam_max, rel=1e-3)
    tiny = dataclasses.replace(race.spec, nag_beta=0.0)
    assert all(1e-3 <= v <= 4 for m in rate_marks(race.std, tiny).values() for v in m)


def test_view_holds_every_stable_path_up_to_the_cap(race):
    for field in (race.raw, race.std):
        r = (field.surface_2d.w1[-1] - field.surface_2d.w1[0]) / 2
        np.testing.assert_allclose(r, view_radius(field.quadratic.w_star, field.w0, field.runs))
        r0 = np.hypot(*(field.w0 - field.quadratic.w_star))
        for run in field.runs:
            if run.trajectory.status != "diverged":
                reach = np.max(np.hypot(*(run.trajectory.weights - field.quadratic.w_star).T))
                assert reach <= r or r == pytest.approx(1.15 * MAX_VIEW * r0)


def test_flat_data_races_without_warnings():
    flat = two_features(DataSpec(a_hi=1.0, b_hi=1.0))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = run_race(flat, RaceSpec(), DescentSpec(steps=30))
        figs = race_figures(r.std, tol=1e-6)
        to_json(figs["contour"])
    assert all(np.isfinite(run.trajectory.cost).all() for run in r.std.runs)
    assert r.std.rate_unit == 1.0  # no curvature: the fallback unit


def test_verdict_names_the_winner_from_the_numbers(race):
    ranked = ranking(race.raw)
    first = min((r for r in race.raw.runs if r.trajectory.status == "converged"),
                key=lambda r: r.trajectory.steps_to_tol)
    assert ranked[0] is first
    text = verdict(race)
    assert text.startswith(f"On raw features {first.name} reached the tolerance first, in "
                           f"{first.trajectory.steps_to_tol} steps")
    gd_std = race.std.run_of("gd").trajectory.steps_to_tol
    beaten = [r for r in race.std.runs if r.key != "gd"
              and r.trajectory.status == "converged" and r.trajectory.steps_to_tol < gd_std]
    assert (f"plain descent needed {gd_std} steps" in text)
    assert ("none of the other optimizers beat it" in text) == (not beaten)
    left = race.raw.run_of("gd").trajectory
    assert f"{100 * left.excess[-1] / left.excess[0]:.4g}% of its starting" in text


def test_verdict_reports_divergence_and_missing_plain_descent():
    r = run_race(SEED, RaceSpec(gd_lr=3.0, mom="off", nag="off"), DescentSpec())
    text = verdict(r)
    assert f"Plain descent diverged at step {r.raw.run_of('gd').trajectory.diverged_at}" in text
    r = run_race(SEED, RaceSpec(gd="off"), DescentSpec())
    assert "plain descent" not in verdict(r).lower()


def test_table_has_one_row_per_optimizer_with_results(race):
    rows = results_table(race)
    assert [row["optimizer"] for row in rows] == [r.name for r in race.raw.runs]
    gd = rows[0]
    assert gd["raw: result"] == "not within 300 steps"
    assert gd["standardized: result"] == f"tolerance at step {race.std.runs[0].trajectory.steps_to_tol}"
    assert rows[1]["hyper-parameters"] == "β = 0.9"


@settings(max_examples=200, deadline=None)
@given(st.floats(1e-12, 1e12), st.floats(1e-6, 1e6))
def test_round_scale_is_the_largest_round_factor_that_fits(largest, room):
    s = round_scale(largest, room)
    mantissa = s / 10 ** math.floor(math.log10(s) + 1e-9)
    assert any(math.isclose(mantissa, m, rel_tol=1e-9) for m in (1, 2, 5))
    assert s * largest <= room * (1 + 1e-12)
    bigger = {1: 2, 2: 5, 5: 10}[round(mantissa)] * s / round(mantissa)
    assert bigger * largest > room * (1 - 1e-12)


@given(st.integers(0, 20000))
def test_thin_keeps_start_and_end_and_bounds_points(last):
    idx = thin(last)
    assert idx[0] == 0 and idx[-1] == last and len(idx) <= MAX_POINTS
    assert np.all(np.diff(idx) > 0)


def test_contour_arrows_sit_at_each_head_and_point_down_the_slope(race):
    field = race.raw
    fig = race_figures(field, tol=1e-6)["contour"]
    width = field.surface_2d.w1[-1] - field.surface_2d.w1[0]
    runs = field.runs
    n_arrows = sum(1 + (r.velocities is not None) for r in runs)
    assert len(fig["data"]) == 1 + 2 * len(runs) + n_arrows
    note = fig["layout"]["annotations"][0]["text"]
    scale = float(note.split("×")[1]) if "×" in note else 1.0
    checked = 0
    for frame in fig["frames"][1:]:
        by_trace = dict(zip(frame["traces"], frame["data"], strict=True))
        i = 1 + 2 * len(runs)
        for n, run in enumerate(runs):
            head_trace = by_trace[2 + 2 * n]
            head = np.array([head_trace["x"][0], head_trace["y"][0]])
            grad_arrow = by_trace[i]
            start = np.array([grad_arrow["x"][0], grad_arrow["y"][0]])
            vec = np.array([grad_arrow["x"][1], grad_arrow["y"][1]]) - start
            np.testing.assert_allclose(start, head, rtol=1e-6)
            k = int(np.argmin(np.hypot(*(run.trajectory.weights - start).T)))
            g = run.gradients[k]
            if np.linalg.norm(g) > 0:
                np.testing.assert_allclose(vec, -GRADIENT_ARROW * width * g / np.linalg.norm(g),
                                           rtol=1e-6, atol=1e-9 * width)
                checked += 1
            i += 1
            if run.velocities is not None:
                vel = by_trace[i]
                v = np.array([vel["x"][1] - vel["x"][0], vel["y"][1] - vel["y"][0]])
                np.testing.assert_allclose(v, scale * run.velocities[k], rtol=1e-6,
                                           atol=1e-9 * width)
                i += 1
    assert checked > 20


def test_live_inputs_are_plain_json_with_the_chosen_optimizers_and_the_servers_units(race):
    spec = RaceSpec(nag="off")
    sent = json.loads(json.dumps(live_inputs(race.std, spec, DescentSpec(steps=77))))
    assert sent["keys"] == ["gd", "mom", "rms", "adam"]
    assert sent["units"]["rateUnit"] == race.std.rate_unit
    assert sent["units"]["stepUnit"] == race.std.step_unit
    assert np.array_equal(sent["q"]["G"], race.std.quadratic.G)
    assert sent["w0"] == race.std.w0.tolist() and sent["steps"] == 77
    assert sent["spec"]["adam_beta2"] == spec.adam_beta2 and "space" not in sent["spec"]
