import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bnviz.core.preprocessing import standardize
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec


def test_default_data_is_the_articles_draw():
    rng = np.random.default_rng(42)
    a = rng.uniform(1, 10, 100)
    b = rng.uniform(1, 200, 100)
    y = 2 * a + 3 * b + rng.normal(size=100) * 0.1
    d = two_features(DataSpec())
    np.testing.assert_array_equal(d.X[:, 0], a)
    np.testing.assert_array_equal(d.X[:, 1], b)
    np.testing.assert_array_equal(d.y, y)


def test_seed_changes_the_draw_and_ranges_hold():
    d = two_features(DataSpec(seed=1, a_hi=5.0, b_hi=2000.0, n=5000))
    assert not np.array_equal(d.X, two_features(DataSpec(n=5000)).X)
    assert d.X[:, 0].min() >= 1 and d.X[:, 0].max() <= 5
    assert d.X[:, 1].min() >= 1 and d.X[:, 1].max() <= 2000


def test_standardized_columns_have_mean_zero_std_one():
    s = standardize(two_features(DataSpec()).X)
    np.testing.assert_allclose(s.Z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(s.Z.std(axis=0), 1, rtol=1e-12)
    # population std (ddof=0), as batch normalization uses
    np.testing.assert_allclose(s.std_, two_features(DataSpec()).X.std(axis=0, ddof=0))


def test_constant_feature_becomes_zeros_not_nan():
    d = two_features(DataSpec(a_hi=1.0))
    s = standardize(d.X)
    assert s.constant_.tolist() == [True, False]
    assert s.std_[0] == 0 and s.scale_[0] == 1
    np.testing.assert_array_equal(s.Z[:, 0], 0.0)
    assert np.isfinite(s.Z).all()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=50), st.floats(-1e6, 1e6))
def test_standardize_is_finite_and_centred(col, other):
    X = np.column_stack([col, np.full(len(col), other)])
    s = standardize(X)
    assert np.isfinite(s.Z).all()
    np.testing.assert_allclose(s.Z.mean(axis=0), 0, atol=1e-6)
    assert s.constant_[1]
