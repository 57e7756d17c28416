"""The two-feature problem from the draws' R factor against the same problem from the rows."""

from __future__ import annotations

import numpy as np
import pytest

from bnviz.core import moments, theory
from bnviz.core.data import make_two_features
from bnviz.core.preprocessing import standardize
from bnviz.core.quadratic import from_data

SETTINGS = [
    # (a_hi, b_hi, w1, w2, noise, n, seed): the article's data, extremes, tiny and large n
    (10.0, 200.0, 2.0, 3.0, 0.1, 100, 42),
    (1.0, 1e5, 2.0, 3.0, 0.1, 100, 42),
    (1e5, 1.2, -7.5, 0.5, 1000.0, 1000, 3),
    (1e5, 1e5, 10.0, -10.0, 1e-3, 10_000, 11),
    (2.5, 4000.0, 0.0, 3.0, 0.0, 50, 5),
    (1.0, 200.0, 2.0, 3.0, 0.1, 3, 8),
]


def _rows(a_hi, b_hi, w1, w2, noise, n, seed):
    return make_two_features(a_hi=a_hi, b_hi=b_hi, w1=w1, w2=w2, noise=noise, n=n, seed=seed)


def _check(fit: moments.Fit, X: np.ndarray, y: np.ndarray) -> None:
    q = from_data(X, y)
    n = X.shape[0]
    np.testing.assert_allclose(fit.quadratic.G, q.G, rtol=0, atol=1e-13 * np.abs(q.G).max())
    np.testing.assert_allclose(fit.quadratic.b, q.b, rtol=0, atol=1e-12 * max(np.abs(q.b).max(), 1.0))
    np.testing.assert_allclose(fit.quadratic.w_star, q.w_star, rtol=1e-9,
                               atol=1e-9 * np.abs(q.w_star).max())
    # f* from the rows rounds at eps |y|^2; from R, at eps f*.
    assert fit.quadratic.f_star == pytest.approx(q.f_star, rel=1e-7, abs=1e-14 * np.mean(y * y))
    # An SVD of the rows is accurate to kappa(X) eps: the reference for the eigenvalues.
    lam = np.sort(2 * np.linalg.svd(X / np.sqrt(n), compute_uv=False) ** 2)
    np.testing.assert_allclose(fit.conditioning.eigenvalues, lam, rtol=1e-9)
    # The same smallest non-zero and largest eigenvalue as theory finds (to eigh's accuracy).
    ref = theory.conditioning(q)
    assert fit.conditioning.lam_min == pytest.approx(ref.lam_min, rel=1e-5)
    assert fit.conditioning.lam_max == pytest.approx(ref.lam_max, rel=1e-12)
    assert fit.quadratic.n == n


@pytest.mark.parametrize("setting", SETTINGS)
def test_raw_problem_equals_the_rows(setting):
    data = _rows(*setting)
    a_hi, b_hi, w1, w2, noise, n, seed = setting
    fit = moments.raw(moments.draws(seed, n), a_hi=a_hi, b_hi=b_hi, w1=w1, w2=w2, noise=noise)
    _check(fit, data.X, data.y)
    np.testing.assert_allclose(fit.spreads, data.X.std(axis=0), rtol=1e-12)


@pytest.mark.parametrize("setting", [s for s in SETTINGS if s[0] > 1 and s[1] > 1])
def test_standardized_problem_equals_the_rows(setting):
    data = _rows(*setting)
    a_hi, b_hi, w1, w2, noise, n, seed = setting
    fit = moments.standardized(moments.draws(seed, n), a_hi=a_hi, b_hi=b_hi, w1=w1, w2=w2,
                               noise=noise)
    stats = standardize(data.X)
    _check(fit, stats.Z, data.y - data.y.mean())
    np.testing.assert_allclose(fit.spreads, stats.std_, rtol=1e-12)


def test_a_constant_feature_standardizes_to_zero_and_is_left_alone():
    data = _rows(1.0, 200.0, 2.0, 3.0, 0.1, 100, 42)
    fit = moments.standardized(moments.draws(42, 100), a_hi=1.0, b_hi=200.0, w1=2.0, w2=3.0,
                               noise=0.1)
    stats = standardize(data.X)
    q = from_data(stats.Z, data.y - data.y.mean())
    assert fit.spreads[0] == 0.0 and fit.quadratic.w_star[0] == 0.0
    assert fit.conditioning.lam_min == pytest.approx(2.0) and fit.conditioning.eigenvalues[0] == 0.0
    np.testing.assert_allclose(fit.quadratic.w_star, q.w_star, rtol=1e-12, atol=1e-12)
    assert fit.quadratic.f_star == pytest.approx(q.f_star, rel=1e-10)


def test_both_ranges_a_point_give_the_minimum_norm_solution():
    data = _rows(1.0, 1.0, 2.0, 3.0, 0.1, 100, 42)
    fit = moments.raw(moments.draws(42, 100), a_hi=1.0, b_hi=1.0, w1=2.0, w2=3.0, noise=0.1)
    q = from_data(data.X, data.y)  # lstsq: the minimum-norm one of the line w1 + w2 = mean y
    np.testing.assert_allclose(fit.quadratic.w_star, q.w_star, rtol=1e-12)
    assert fit.quadratic.w_star[0] == pytest.approx(fit.quadratic.w_star[1], rel=1e-14)
    # One direction is flat: theory leaves it out of lambda_min (descent never moves along it).
    c = fit.conditioning
    assert c.eigenvalues[0] == 0.0 and c.lam_min == c.lam_max == pytest.approx(4.0)
    assert fit.quadratic.f_star == pytest.approx(0.01 * np.var(data.y / 0.1), rel=1e-10)
    std = moments.standardized(moments.draws(42, 100), a_hi=1.0, b_hi=1.0, w1=2.0, w2=3.0, noise=0.1)
    assert std.conditioning.lam_max == 0.0 and list(std.quadratic.w_star) == [0.0, 0.0]


def test_two_points_standardize_to_one_direction():
    fit = moments.standardized(moments.draws(4, 2), a_hi=10.0, b_hi=200.0, w1=2.0, w2=3.0,
                               noise=0.1)
    c = fit.conditioning
    assert c.eigenvalues[0] < 1e-12 * c.lam_max and c.lam_min == c.lam_max == pytest.approx(4.0)
    assert fit.quadratic.f_star == pytest.approx(0.0, abs=1e-20)  # two points, one line: exact
    assert abs(abs(fit.quadratic.w_star[0]) - abs(fit.quadratic.w_star[1])) < 1e-12 * np.abs(
        fit.quadratic.w_star).max()  # the minimum-norm point of a line at 45 degrees


def test_eigenvalues_stay_accurate_where_the_sums_lose_six_digits():
    # kappa ~ 1e10: eigh of X'X/n loses kappa * eps ~ 1e-6 of the small eigenvalue; R does not.
    data = _rows(1.0, 1e5, 2.0, 3.0, 0.1, 1000, 42)
    fit = moments.raw(moments.draws(42, 1000), a_hi=1.0, b_hi=1e5, w1=2.0, w2=3.0, noise=0.1)
    lam = np.sort(2 * np.linalg.svd(data.X / np.sqrt(1000), compute_uv=False) ** 2)
    assert lam[1] / lam[0] > 1e9
    np.testing.assert_allclose(fit.conditioning.eigenvalues, lam, rtol=1e-10)


def test_eigenvectors_diagonalize_the_hessian():
    fit = moments.raw(moments.draws(42, 100), a_hi=10.0, b_hi=200.0, w1=2.0, w2=3.0, noise=0.1)
    c = fit.conditioning
    V = c.eigenvectors
    np.testing.assert_allclose(V.T @ V, np.eye(2), atol=1e-14)
    np.testing.assert_allclose(V.T @ (2 * fit.quadratic.G) @ V, np.diag(c.eigenvalues),
                               atol=1e-9 * c.lam_max)


def test_draws_are_cached_and_read_only():
    d = moments.draws(42, 100)
    assert moments.draws(42, 100) is d
    assert d.R.shape == (4, 4) and np.allclose(np.tril(d.R, -1), 0.0)
    with pytest.raises(ValueError):
        d.R[0, 0] = 1.0


@pytest.mark.parametrize("p,q,s", [(3.0, 4.0, 5.0), (1.0, 1e5, 1e-5), (2.0, 0.0, 2.0), (1.0, 1.0, 0.0)])
def test_singular_values_of_a_triangle(p, q, s):
    small, big = moments.singular_values(p, q, s)
    ref = np.linalg.svd(np.array([[p, q], [0.0, s]]), compute_uv=False)
    assert big == pytest.approx(ref[0], rel=1e-15)
    assert small == pytest.approx(ref[1], rel=1e-12, abs=1e-300)
