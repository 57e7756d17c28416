"""Correlated uniform features: ranges kept, requested Pearson correlation reached."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bnviz.core.data import gaussian_rho, normal_cdf, uniform_corr
from bnviz.lessons.common.data import correlated_features
from bnviz.lessons.common.settings import DataSpec


def test_normal_cdf_matches_known_values():
    np.testing.assert_allclose(normal_cdf(np.array([0.0, 1.0, -1.96, 3.0])),
                               [0.5, 0.8413447460685429, 0.024997895148220435,
                                0.9986501019683699], rtol=1e-12)


@pytest.mark.parametrize("r", [-0.99, -0.5, 0.0, 0.3, 0.9, 0.99, 1.0, -1.0])
def test_copula_mapping_inverts(r):
    assert uniform_corr(gaussian_rho(r)) == pytest.approx(r, abs=1e-12)


def test_copula_correlation_formula_against_monte_carlo():
    # Independent check of r = 6/pi asin(rho/2), by simulation with a huge sample.
    rng = np.random.default_rng(0)
    rho = 0.7
    z = rng.standard_normal((2, 400_000))
    z[1] = rho * z[0] + math.sqrt(1 - rho**2) * z[1]
    r_hat = np.corrcoef(normal_cdf(z[0]), normal_cdf(z[1]))[0, 1]
    assert r_hat == pytest.approx(uniform_corr(rho), abs=0.004)  # ~5 standard errors
    assert abs(r_hat - rho) > 0.01  # and the correction matters


@settings(max_examples=25, deadline=None)
@given(r=st.floats(-0.99, 0.99))
def test_requested_correlation_within_sampling_error_over_many_seeds(r):
    """A t-test over 60 seeds: the mean sample correlation is r, up to its standard error
    and the O(1/n) bias of Pearson's r."""
    n = 400
    rs = np.array([np.corrcoef(correlated_features(DataSpec(seed=s, n=n), r).X.T)[0, 1]
                   for s in range(60)])
    se = rs.std(ddof=1) / math.sqrt(len(rs))
    bias = abs(r) * (1 - r * r) / n
    assert abs(rs.mean() - r) <= 4.5 * se + bias + 1e-9
    # Each single draw lies within a generous band of its sampling distribution too.
    assert np.all(np.abs(rs - r) <= 8 * (1 - r * r) / math.sqrt(n) + 0.02)


@settings(max_examples=30, deadline=None)
@given(r=st.floats(-0.99, 0.99), a_hi=st.floats(1.0, 1e5), b_hi=st.floats(1.0, 1e5),
       seed=st.integers(0, 2**31 - 1))
def test_each_feature_keeps_its_uniform_range(r, a_hi, b_hi, seed):
    d = correlated_features(DataSpec(a_hi=a_hi, b_hi=b_hi, seed=seed, n=500), r)
    a, b = d.X.T
    assert a.min() >= 1.0 and a.max() <= a_hi
    assert b.min() >= 1.0 and b.max() <= b_hi
    assert np.all(np.isfinite(d.y))


def test_margins_are_uniform():
    d = correlated_features(DataSpec(a_hi=11.0, b_hi=3.0, n=50_000), 0.9)
    for col, hi in ((0, 11.0), (1, 3.0)):
        u = np.sort((d.X[:, col] - 1.0) / (hi - 1.0))
        # Kolmogorov-Smirnov distance to U(0, 1); 1.95/sqrt(n) is the 0.1 % critical value.
        ks = np.max(np.abs(u - (np.arange(1, len(u) + 1) - 0.5) / len(u)))
        assert ks < 1.95 / math.sqrt(len(u))


def test_reproducible_from_the_seed_and_target_follows_the_weights():
    spec = DataSpec(seed=9, noise=0.0, w1_true=-1.5, w2_true=4.0)
    d1, d2 = correlated_features(spec, 0.4), correlated_features(spec, 0.4)
    assert np.array_equal(d1.X, d2.X) and np.array_equal(d1.y, d2.y)
    np.testing.assert_allclose(d1.y, -1.5 * d1.X[:, 0] + 4.0 * d1.X[:, 1])
    assert not np.array_equal(correlated_features(DataSpec(seed=10), 0.4).X, d1.X)
