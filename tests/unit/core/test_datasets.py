"""Data sets for the deep-network pages."""

import numpy as np
import pytest

from bnviz.core import datasets


def test_digits_shapes_range_and_labels(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the shipped file is found relative to the module
    x, y = datasets.load_digits_arrays()
    assert x.shape == (1797, 64) and y.shape == (1797,)
    assert x.dtype == np.float32 and x.min() == 0.0 and x.max() == 1.0
    assert set(np.unique(y)) == set(range(10))
    d = datasets.load("digits", seed=0)
    assert d.n_classes == 10 and d.name == "digits" and d.n_features == 64
    assert len(d.x_train) + len(d.x_test) == 1797 and len(d.x_test) == 359


def test_split_is_a_seeded_partition():
    x = np.arange(20, dtype=float)[:, None]
    y = np.arange(20)
    a = datasets.train_test_split(x, y, test_fraction=0.25, seed=3)
    b = datasets.train_test_split(x, y, test_fraction=0.25, seed=3)
    c = datasets.train_test_split(x, y, test_fraction=0.25, seed=4)
    assert all(np.array_equal(p, q) for p, q in zip(a, b, strict=True))
    assert not np.array_equal(a[3], c[3])
    assert len(a[3]) == 5 and sorted(np.concatenate([a[1], a[3]]).tolist()) == list(range(20))
    assert np.array_equal(a[0][:, 0], a[1])  # rows and labels stay paired


@pytest.mark.parametrize("name", ["spirals", "circles"])
def test_synthetic_sets_are_seeded_balanced_and_scaled(name):
    d1 = datasets.load(name, seed=5)
    d2 = datasets.load(name, seed=5)
    d3 = datasets.load(name, seed=6)
    assert np.array_equal(d1.x_train, d2.x_train) and not np.array_equal(d1.x_train, d3.x_train)
    assert d1.n_classes == 2 and d1.x_train.shape[1] == 2
    y = np.concatenate([d1.y_train, d1.y_test])
    assert abs(np.mean(y) - 0.5) < 0.01
    assert np.abs(d1.x_train).max() < 1.5


def test_circles_classes_are_separated_by_radius():
    x, y = datasets.make_circles(400, noise=0.0, seed=0)
    r = np.hypot(x[:, 0], x[:, 1])
    assert r[y == 0].max() < r[y == 1].min()


def test_unknown_name_raises():
    with pytest.raises(ValueError):
        datasets.load("mnist")
