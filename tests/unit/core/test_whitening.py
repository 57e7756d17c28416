"""ZCA whitening and scaling without centring."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bnviz.core import quadratic, theory
from bnviz.core.preprocessing import scale_only, whiten
from bnviz.lessons.common.data import correlated_features
from bnviz.lessons.common.settings import DataSpec


@settings(max_examples=40, deadline=None)
@given(corr=st.floats(-0.99, 0.99), seed=st.integers(0, 10_000),
       a_hi=st.floats(1.5, 1e4), b_hi=st.floats(1.5, 1e4))
def test_whitened_features_have_identity_covariance_and_condition_number_one(corr, seed, a_hi, b_hi):
    d = correlated_features(DataSpec(a_hi=a_hi, b_hi=b_hi, seed=seed, n=200), corr)
    w = whiten(d.X)
    cov = w.Z.T @ w.Z / len(w.Z)
    np.testing.assert_allclose(cov, np.eye(2), atol=1e-9)
    np.testing.assert_allclose(w.Z.mean(axis=0), 0.0, atol=1e-9)
    q = quadratic.from_data(w.Z, d.y - d.y.mean())
    assert theory.conditioning(q).condition_number == pytest.approx(1.0, abs=1e-9)


def test_whitening_matrix_is_the_symmetric_inverse_square_root():
    d = correlated_features(DataSpec(), 0.8)
    w = whiten(d.X)
    np.testing.assert_allclose(w.W_, w.W_.T, rtol=1e-12)
    np.testing.assert_allclose(w.W_ @ w.cov_ @ w.W_, np.eye(2), atol=1e-10)
    np.testing.assert_allclose(w.cov_, np.cov(d.X.T, ddof=0), rtol=1e-12)
    np.testing.assert_allclose(w.Z, (d.X - d.X.mean(axis=0)) @ w.W_)


def test_zca_moves_the_data_least_among_whitenings():
    # Any other whitening is W R for a rotation R; ZCA keeps Z closest to the centred data
    # (in the metric where it is compared, the standardized data): check against rotations.
    d = correlated_features(DataSpec(a_hi=5.0, b_hi=5.0), 0.6)
    w = whiten(d.X)
    Xc = d.X - d.X.mean(axis=0)
    best = np.sum((w.Z - Xc) ** 2)
    for t in np.linspace(0.1, 2 * np.pi - 0.1, 12):
        R = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
        assert np.sum((w.Z @ R - Xc) ** 2) > best


def test_constant_and_duplicate_columns_become_zero_directions():
    x = np.random.default_rng(0).uniform(1, 5, 50)
    w = whiten(np.column_stack([np.full(50, 3.0), x]))
    assert w.kept_.tolist() == [False, True]
    assert np.all(np.isfinite(w.Z))
    np.testing.assert_allclose(w.Z.T @ w.Z / 50, [[0, 0], [0, 1]], atol=1e-9)
    w2 = whiten(np.column_stack([x, 2 * x]))
    assert w2.kept_.sum() == 1 and np.all(np.isfinite(w2.Z))


def test_scale_only_divides_without_centring():
    X = np.random.default_rng(1).uniform(1, 10, (40, 2)) * [1.0, 30.0]
    S, scale = scale_only(X)
    np.testing.assert_allclose(scale, X.std(axis=0))
    np.testing.assert_allclose(S.std(axis=0), 1.0)
    np.testing.assert_allclose(S.mean(axis=0), X.mean(axis=0) / X.std(axis=0))
    S1, scale1 = scale_only(np.column_stack([np.full(5, 2.0), np.arange(5.0)]))
    assert scale1[0] == 1.0 and np.all(S1[:, 0] == 2.0)
