import numpy as np
import pytest

from bnviz.core import batchnorm
from bnviz.core.batches import stream
from bnviz.lessons.batch import statistics
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec


@pytest.fixture(scope="module")
def X():
    return two_features(DataSpec()).X


@pytest.mark.parametrize("n,size,last", [(100, 10, "keep"), (21, 10, "keep"), (21, 10, "drop"),
                                         (30, 1, "keep")])
def test_closed_form_equals_stepping_the_layer(X, n, size, last):
    Xn = X[:n]
    run = statistics.running(Xn, size=size, seed=4, last=last, momentum=0.2, epochs=3)
    state = batchnorm.RunningStats.initial(2)
    it = stream(n, size, seed=4, last=last)
    for t in range(len(run.epoch)):
        epoch, _, rows = next(it)
        assert run.epoch[t] == epoch
        _, _, state = batchnorm.forward(Xn[rows], np.ones(2), np.zeros(2), state, training=True,
                                        momentum=0.2)
        np.testing.assert_allclose(run.mean_[t + 1], state.mean_, rtol=1e-12)
        np.testing.assert_allclose(run.var_[t + 1], state.var_, rtol=1e-12)
    assert run.epochs == 3 and run.complete
    np.testing.assert_allclose(run.final.mean_, state.mean_, rtol=1e-12)


def test_after_many_epochs_running_statistics_approach_the_population(X):
    run = statistics.running(X, size=20, seed=0, last="keep", momentum=0.02, epochs=50)
    np.testing.assert_allclose(run.pop_var, X.var(axis=0, ddof=1))
    np.testing.assert_allclose(run.mean_[-1], X.mean(axis=0), rtol=0.02)
    np.testing.assert_allclose(run.var_[-1], run.pop_var, rtol=0.08)
    # from the initial (0, 1) the error shrinks by orders of magnitude
    err0 = np.abs(run.mean_[0] - run.pop_mean)
    assert (np.abs(run.mean_[-1] - run.pop_mean) < 0.02 * err0).all()


def test_long_epochs_are_cut_and_said_so(X):
    big = np.random.default_rng(1).uniform(size=(12_000, 2))
    run = statistics.running(big, size=1, seed=0, last="keep", momentum=0.1, epochs=3, max_steps=5000)
    assert len(run.epoch) == 5000 and not run.complete and run.epochs == 1
    np.testing.assert_array_equal(run.var_, 1.0)  # batches of one row never update the variance


def test_row_modes_match_the_formulas(X):
    state = batchnorm.RunningStats(np.array([5.0, 90.0]), np.array([7.0, 3000.0]), 12)
    rm = statistics.row_modes(X, 3, np.array([0.1, -0.2]), state, eps=1e-3)
    np.testing.assert_allclose(rm.inference, (X[3] - state.mean_) / np.sqrt(state.var_ + 1e-3))
    np.testing.assert_allclose(rm.population, (X[3] - X.mean(0)) / np.sqrt(X.var(0) + 1e-3))
    np.testing.assert_array_equal(rm.train, [0.1, -0.2])


def test_batch_spread_matches_the_layer_batch_by_batch(X):
    rows = np.random.default_rng(0).permutation(100)[:60].reshape(6, 10)
    measured = statistics.batch_spread(X, rows, eps=1e-4)
    mean_sd, std_sd, gap = measured.mean_sd, measured.std_sd, measured.gap_rms
    pop = batchnorm.RunningStats(X.mean(0), X.var(0))
    diffs, means, stds = [], [], []
    for r in rows:
        train = batchnorm.forward(X[r], np.ones(2), np.zeros(2), pop, training=True, eps=1e-4)[0]
        infer = batchnorm.forward(X[r], np.ones(2), np.zeros(2), pop, training=False, eps=1e-4)[0]
        diffs.append(train - infer)
        means.append(X[r].mean(0))
        stds.append(X[r].std(0))
    np.testing.assert_allclose(gap, np.sqrt(np.mean(np.concatenate(diffs) ** 2, axis=0)), rtol=1e-10)
    np.testing.assert_allclose(mean_sd, np.sqrt(np.mean((np.array(means) - X.mean(0)) ** 2, 0)) / X.std(0))
    np.testing.assert_allclose(std_sd, np.sqrt(np.mean((np.array(stds) - X.std(0)) ** 2, 0)) / X.std(0))


def test_spread_of_batch_means_follows_sampling_theory():
    X = np.random.default_rng(3).uniform(1, 10, size=(2000, 2))
    sp = statistics.spread(X, seed=0, eps=1e-5, target=600, rows_per_size=200_000)
    ok = (sp.sizes >= 2) & (sp.sizes <= 300)
    np.testing.assert_allclose(sp.mean_sd[ok], sp.mean_sd_theory[ok], rtol=0.15)
    assert sp.mean_sd_theory[-1].max() == 0 and (sp.gap_rms[-1] == 0).all()
    # the train/inference gap grows as batches shrink
    assert (np.diff(sp.gap_rms[:, 0]) < 0.02).all() and sp.gap_rms[0, 0] > 10 * sp.gap_rms[-2, 0]
