import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bnviz.core import descent, quadratic, theory
from bnviz.core.preprocessing import standardize
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec


@pytest.fixture(scope="module")
def raw():
    d = two_features(DataSpec())
    return quadratic.from_data(d.X, d.y)


def test_eigenvalues_match_numpy_on_the_hessian(raw):
    c = theory.conditioning(raw)
    np.testing.assert_allclose(c.eigenvalues, np.linalg.eigvalsh(2 * raw.G))
    assert c.condition_number == pytest.approx(np.linalg.cond(raw.G))
    assert c.lr_stable == pytest.approx(2 / c.eigenvalues[-1])
    assert c.lr_optimal == pytest.approx(2 / (c.eigenvalues[0] + c.eigenvalues[-1]))


def test_standardized_two_features_have_eigenvalues_one_plus_minus_r():
    d = two_features(DataSpec())
    s = standardize(d.X)
    c = theory.conditioning(quadratic.from_data(s.Z, d.y - d.y.mean()))
    r = np.corrcoef(d.X.T)[0, 1]
    np.testing.assert_allclose(c.eigenvalues, sorted([2 * (1 - r), 2 * (1 + r)]), rtol=1e-10)


def test_descent_converges_to_least_squares(raw):
    c = theory.conditioning(raw)
    t = descent.run(raw, descent.GradientDescent(c.lr_optimal), w0=np.zeros(2), steps=10000, tol=1e-12)
    assert t.status == "converged"
    np.testing.assert_allclose(t.weights[-1], raw.w_star, rtol=1e-5)


def test_measured_steps_agree_with_theory(raw):
    c = theory.conditioning(raw)
    for lr in (c.lr_optimal, 0.5 * c.lr_optimal, 0.99 * c.lr_stable):
        t = descent.run(raw, descent.GradientDescent(lr), w0=np.zeros(2), steps=20000, tol=1e-6)
        bound = c.predicted_steps(lr, 1e-6)
        assert t.status == "converged"
        assert t.steps_to_tol <= bound  # the bound is a worst case
        assert t.steps_to_tol >= bound / 3  # and not loose by more than a factor 3 here
        # the exact spectral prediction of the excess matches the run step by step
        pred = c.predicted_excess(lr, t.weights[0] - raw.w_star, 200)
        np.testing.assert_allclose(t.excess[:201], pred, rtol=1e-7)


def test_diverges_just_above_the_limit_and_converges_just_below(raw):
    c = theory.conditioning(raw)
    above = descent.run(raw, descent.GradientDescent(1.01 * c.lr_stable), w0=np.zeros(2), steps=5000)
    below = descent.run(raw, descent.GradientDescent(0.99 * c.lr_stable), w0=np.zeros(2), steps=20000)
    assert above.status == "diverged" and above.diverged_at is not None
    assert len(above.cost) == above.diverged_at + 1
    assert np.isfinite(above.cost).all()
    assert below.status == "converged"


def test_huge_rate_is_a_result_not_a_warning(raw, recwarn):
    t = descent.run(raw, descent.GradientDescent(10.0), w0=np.zeros(2), steps=100)
    assert t.status == "diverged" and t.diverged_at == 1
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


def test_stalled_when_budget_is_short(raw):
    c = theory.conditioning(raw)
    t = descent.run(raw, descent.GradientDescent(c.lr_optimal), w0=np.zeros(2), steps=10)
    assert t.status == "stalled" and t.steps_to_tol is None and t.steps == 10


def test_start_at_optimum_is_converged_at_zero(raw):
    t = descent.run(raw, descent.GradientDescent(1e-5), w0=raw.w_star, steps=5)
    assert t.status == "converged" and t.steps_to_tol == 0


def test_null_direction_is_left_out():
    X = np.column_stack([np.zeros(20), np.linspace(-1, 1, 20)])
    c = theory.conditioning(quadratic.from_data(X, X[:, 1]))
    assert c.eigenvalues[0] == 0 and c.lam_min > 0
    assert c.condition_number == 1.0
    assert math.isfinite(c.predicted_steps(c.lr_optimal, 1e-6))


@settings(max_examples=60, deadline=None)
@given(a_hi=st.floats(1.0, 1e5), b_hi=st.floats(1.0, 1e5), n=st.integers(2, 300),
       seed=st.integers(0, 2**31 - 1), lr_exp=st.floats(-9, 1), steps=st.integers(1, 300))
def test_no_exception_and_no_nan_in_a_converged_run(a_hi, b_hi, n, seed, lr_exp, steps):
    d = two_features(DataSpec(a_hi=a_hi, b_hi=b_hi, n=n, seed=seed))
    for X, y in ((d.X, d.y), (standardize(d.X).Z, d.y - d.y.mean())):
        q = quadratic.from_data(X, y)
        t = descent.run(q, descent.GradientDescent(10.0**lr_exp), w0=np.zeros(2), steps=steps)
        assert t.status in ("converged", "stalled", "diverged")
        if t.status != "diverged":
            assert np.isfinite(t.cost).all() and np.isfinite(t.weights).all()
        else:
            assert np.isfinite(t.cost[:-1]).all()
