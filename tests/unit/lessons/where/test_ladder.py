"""The normalization ladder: raw, scaled only, standardized, whitened."""

import math

import numpy as np
import pytest

from bnviz.core import descent, quadratic, theory
from bnviz.core.preprocessing import standardize
from bnviz.lessons.common.data import correlated_features
from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.where.ladder import RUNGS, build_ladder, standardized_kappa
from bnviz.lessons.where.settings import LadderSpec
from bnviz.lessons.where.text import explain_ladder


@pytest.mark.parametrize("corr", [-0.99, -0.5, 0.0, 0.9, 0.99])
def test_condition_numbers_follow_theory(corr):
    L = build_ladder(DataSpec(), LadderSpec(corr=corr))
    assert tuple(r.label for r in L.rungs) == RUNGS
    raw, scaled, std, white = L.rungs
    # Standardized: covariance = correlation matrix, eigenvalues 2(1 ± r) of the Hessian.
    r = L.corr_sample
    assert std.conditioning.condition_number == pytest.approx(standardized_kappa(r), rel=1e-9)
    np.testing.assert_allclose(std.conditioning.eigenvalues, [2 * (1 - abs(r)), 2 * (1 + abs(r))],
                               rtol=1e-9)
    assert white.conditioning.condition_number == pytest.approx(1.0, abs=1e-9)
    assert raw.conditioning.condition_number > 100  # B's scale is 22x A's


def test_sample_correlation_is_pearsons():
    L = build_ladder(DataSpec(seed=4), LadderSpec(corr=0.7))
    X = correlated_features(DataSpec(seed=4), 0.7).X
    assert L.corr_sample == pytest.approx(np.corrcoef(X.T)[0, 1], rel=1e-12)


def test_rungs_are_the_right_transformations_of_the_same_data():
    spec, corr = DataSpec(seed=2), 0.5
    d = correlated_features(spec, corr)
    L = build_ladder(spec, LadderSpec(corr=corr))
    q_raw = quadratic.from_data(d.X, d.y)
    np.testing.assert_allclose(L.rungs[0].quadratic.G, q_raw.G)
    q_sc = quadratic.from_data(d.X / d.X.std(axis=0), d.y)
    np.testing.assert_allclose(L.rungs[1].quadratic.G, q_sc.G)
    q_std = quadratic.from_data(standardize(d.X).Z, d.y - d.y.mean())
    np.testing.assert_allclose(L.rungs[2].quadratic.G, q_std.G)
    # Centring and the same fitted line: standardized and whitened share their minimum cost.
    assert L.rungs[3].quadratic.f_star == pytest.approx(q_std.f_star, rel=1e-9)


@pytest.mark.parametrize("rate", ["half", "optimal"])
def test_descent_and_per_direction_errors_match_theory(rate):
    L = build_ladder(DataSpec(), LadderSpec(corr=0.9, rate=rate, steps=60))
    for r in L.rungs:
        c = r.conditioning
        expected = c.lr_optimal if rate == "optimal" else 1.0 / c.lam_max
        assert r.lr == pytest.approx(expected)
        t = descent.run(r.quadratic, descent.GradientDescent(r.lr), w0=np.zeros(2), steps=60)
        np.testing.assert_array_equal(t.weights, r.trajectory.weights)
        # Measured error along each eigenvector equals |1 - lr λ|^k |c0| while above rounding.
        big = r.errors > 1e-8 * r.errors[0]
        np.testing.assert_allclose(r.errors[big], r.predicted_errors[big], rtol=1e-5)
        # And the excess cost is what theory predicts from those coordinates.
        np.testing.assert_allclose(r.trajectory.excess[:10],
                                   c.predicted_excess(r.lr, -r.quadratic.w_star, 9),
                                   rtol=1e-6, atol=1e-12 * r.trajectory.excess[0])


def test_whitened_rung_converges_in_one_step_and_standardized_is_slowed_by_correlation():
    L = build_ladder(DataSpec(), LadderSpec(corr=0.99, steps=300))
    raw, scaled, std, white = L.rungs
    assert white.trajectory.steps_to_tol == 1
    assert std.trajectory.status == "stalled"  # κ ≈ 140 at rate 1/λmax: ~1900 steps needed
    assert std.conditioning.condition_number > 100
    # The slow direction is the small-eigenvalue one: after 10 steps its error is larger.
    assert std.errors[10, 0] / std.errors[0, 0] > 1e6 * std.errors[10, 1] / std.errors[0, 1]


def test_lesson_is_written_from_the_numbers():
    L = build_ladder(DataSpec(), LadderSpec(corr=0.9))
    text = explain_ladder(L)
    kappas = [r.conditioning.condition_number for r in L.rungs]
    from bnviz.numbers import fmt

    for k in kappas:
        assert fmt(k) in text
    assert f"{L.corr_sample:.3f}" in text
    assert "the slow direction is the one with the small eigenvalue" in text
    L2 = build_ladder(DataSpec(), LadderSpec(corr=-0.99))
    # With negative correlation the means' offset fills the flat direction: scaling alone
    # gives a rounder bowl than standardizing, and the sentence must not claim otherwise.
    assert L2.rungs[1].conditioning.condition_number < L2.rungs[2].conditioning.condition_number
    assert "does not round the bowl further" in explain_ladder(L2)


def test_constant_features_do_not_break_the_ladder():
    L = build_ladder(DataSpec(a_hi=1.0, b_hi=1.0), LadderSpec(corr=0.5))
    assert math.isnan(L.corr_sample)
    assert all(np.all(np.isfinite(r.trajectory.weights)) for r in L.rungs)
    assert "constant" in explain_ladder(L)
    assert theory.conditioning(L.rungs[0].quadratic).lam_max > 0
