import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bnviz.core import batches


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 300), size=st.integers(-3, 400), seed=st.integers(0, 2**31 - 1),
       epoch=st.integers(0, 5))
def test_keep_uses_every_row_exactly_once_per_epoch(n, size, seed, epoch):
    s = batches.split(n, size, seed=seed, last="keep", epoch=epoch)
    rows = np.concatenate([s.batch(i) for i in range(s.n_batches)])
    np.testing.assert_array_equal(np.sort(rows), np.arange(n))
    m = min(max(size, 1), n)
    assert s.size == m
    assert s.n_batches == -(-n // m) == batches.count(n, size, last="keep")
    assert (s.sizes[:-1] == m).all() and 1 <= s.sizes[-1] <= m
    assert s.dropped.size == 0


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 300), size=st.integers(1, 400), seed=st.integers(0, 1000))
def test_drop_leaves_out_only_the_short_remainder(n, size, seed):
    s = batches.split(n, size, seed=seed, last="drop")
    m = min(size, n)
    assert (s.sizes == m).all()
    assert s.n_batches == n // m == batches.count(n, size, last="drop")
    assert s.dropped.size == n % m
    np.testing.assert_array_equal(np.sort(np.concatenate([s.used, s.dropped])), np.arange(n))


def test_same_seed_same_split_and_epochs_differ():
    a = batches.split(500, 7, seed=3, epoch=2)
    b = batches.split(500, 7, seed=3, epoch=2)
    np.testing.assert_array_equal(a.order, b.order)
    assert not np.array_equal(a.order, batches.split(500, 7, seed=3, epoch=3).order)
    assert not np.array_equal(a.order, batches.split(500, 7, seed=4, epoch=2).order)


def test_stream_walks_through_epochs_in_order():
    it = batches.stream(23, 10, seed=1, last="keep")
    first = [next(it) for _ in range(6)]
    for epoch in (0, 1):
        s = batches.split(23, 10, seed=1, epoch=epoch)
        for i in range(3):
            e, j, rows = first[3 * epoch + i]
            assert (e, j) == (epoch, i)
            np.testing.assert_array_equal(rows, s.batch(i))


def test_index_clamps_instead_of_failing():
    s = batches.split(100, 30, seed=0)
    assert s.n_batches == 4
    np.testing.assert_array_equal(s.batch(99), s.batch(3))
    np.testing.assert_array_equal(s.batch(-1), s.batch(0))
    assert batches.clamp_index(17, 4) == 3 and batches.clamp_index(-2, 4) == 0


def test_batch_moments_match_numpy_per_batch():
    X = np.random.default_rng(0).normal(1e6, 3.0, size=(53, 2))  # big mean, small spread
    s = batches.split(53, 8, seed=5)
    mean, var = batches.batch_moments(X, s)
    for i in range(s.n_batches):
        x = X[s.batch(i)]
        np.testing.assert_allclose(mean[i], x.mean(axis=0), rtol=1e-14)
        np.testing.assert_allclose(var[i], x.var(axis=0), rtol=1e-8)


def test_bad_policy_is_refused():
    with pytest.raises(ValueError):
        batches.split(10, 3, seed=0, last="sometimes")
