import warnings

import numpy as np
import pytest

from bnviz.core import batchnorm
from bnviz.core.batches import split
from bnviz.lessons.batch import layer
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec

EPS = 1e-5


@pytest.fixture(scope="module")
def X():
    return two_features(DataSpec()).X


def test_every_batch_comes_out_with_mean_beta_and_std_gamma(X):
    s = split(len(X), 7, seed=2)
    gamma, beta = np.array([2.5, -0.4]), np.array([-3.0, 11.0])
    for i in range(s.n_batches):
        lk = layer.look(X, s, i, gamma=gamma, beta=beta, eps=EPS, undo=False)
        x = X[s.batch(i)]
        # independent: numpy's mean and population variance, and the formula by hand
        x_hat = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + EPS)
        np.testing.assert_allclose(lk.x_hat, x_hat, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(lk.out.mean(axis=0), beta, atol=1e-12)
        shrink = np.sqrt(x.var(axis=0) / (x.var(axis=0) + EPS))
        np.testing.assert_allclose(lk.out.std(axis=0), np.abs(gamma) * shrink, rtol=1e-9)
        assert np.all(shrink > 1 - 1e-5)  # std gamma to eps's effect
        np.testing.assert_allclose(lk.shrink, shrink, rtol=1e-12)
        np.testing.assert_allclose(lk.hat_moments[1], shrink, rtol=1e-9)


def test_undo_gives_back_the_input_and_reports_eps_effect(X):
    s = split(len(X), 10, seed=0)
    lk = layer.look(X, s, 4, gamma=np.ones(2), beta=np.zeros(2), eps=EPS, undo=True)
    x = X[s.batch(4)]
    np.testing.assert_allclose(lk.gamma, np.sqrt(x.var(axis=0) + EPS), rtol=1e-12)
    np.testing.assert_allclose(lk.beta, x.mean(axis=0), rtol=1e-12)
    assert lk.residual < 1e-12 * np.abs(x).max()
    np.testing.assert_allclose(lk.out, x, rtol=1e-12)
    # with the plain std as gamma, the layer misses the input by exactly eps_effect
    out_std = batchnorm.forward(x, x.std(axis=0), x.mean(axis=0),
                                batchnorm.RunningStats.initial(2), training=True, eps=EPS)[0]
    assert np.max(np.abs(out_std - x)) == pytest.approx(lk.eps_effect, rel=1e-6)
    assert lk.eps_effect > 0


def test_batch_of_one_collapses_to_beta_without_warnings(X):
    s = split(len(X), 1, seed=0)
    beta = np.array([0.7, -2.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for eps in (1e-10, 1e4):
            lk = layer.look(X, s, 5, gamma=np.array([3.0, 4.0]), beta=beta, eps=eps, undo=False)
            np.testing.assert_array_equal(lk.out, beta[None, :])
            np.testing.assert_array_equal(lk.x_hat, 0.0)
            assert lk.collapsed.all() and lk.m == 1
            undone = layer.look(X, s, 5, gamma=np.ones(2), beta=beta, eps=eps, undo=True)
            np.testing.assert_allclose(undone.out, undone.x, rtol=1e-15)


def test_constant_feature_collapses_to_beta():
    X = two_features(DataSpec(a_hi=1.0)).X
    s = split(len(X), 10, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lk = layer.look(X, s, 0, gamma=np.array([5.0, 1.0]), beta=np.array([9.0, 0.0]),
                         eps=1e-10, undo=False)
    assert lk.collapsed.tolist() == [True, False]
    np.testing.assert_array_equal(lk.out[:, 0], 9.0)
    assert lk.hat_moments[1][1] == pytest.approx(1.0, abs=1e-9)


def test_large_eps_shrinks_the_standardized_spread(X):
    s = split(len(X), 10, seed=0)
    lk = layer.look(X, s, 0, gamma=np.ones(2), beta=np.zeros(2), eps=1e4, undo=False)
    var = X[s.batch(0)].var(axis=0)
    np.testing.assert_allclose(lk.x_hat.std(axis=0), np.sqrt(var / (var + 1e4)), rtol=1e-9)
    assert lk.shrink[0] < 0.1 < lk.shrink[1]  # A (var ~ 7) vanishes, B (var ~ 3000) shrinks


def test_index_past_the_end_is_clamped(X):
    s = split(len(X), 40, seed=0)
    lk = layer.look(X, s, 99, gamma=np.ones(2), beta=np.zeros(2), eps=EPS, undo=False)
    assert lk.index == s.n_batches - 1 == 2 and lk.m == 20


def test_frames_hold_the_selected_batch_and_fit_the_fixed_ranges(X):
    s = split(len(X), 1, seed=0)
    fr = layer.frames(X, s, 57, gamma=np.array([2.0, -1.0]), beta=np.zeros(2), eps=EPS,
                       undo=False)
    assert len(fr.looks) <= layer.MAX_FRAMES + 1 and 57 in fr.indices
    assert fr.selected == 57 and fr.n_batches == 100
    for rng, arrays in ((fr.raw_range, [X]), (fr.hat_range, [lk.x_hat for lk in fr.looks]),
                        (fr.out_range, [lk.out for lk in fr.looks])):
        pts = np.concatenate(arrays)
        assert (pts >= rng[:, 0]).all() and (pts <= rng[:, 1]).all() and (rng[:, 1] > rng[:, 0]).all()
