"""Tests of the pure batch-normalization layer."""

import warnings

import numpy as np
import pytest

from bnviz.core import batchnorm
from bnviz.core.batchnorm import RunningStats
from tests.unit.core.gradcheck import numeric_grad


def _batch(n=32, d=5, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(3.0, 2.5, (n, d)) * rng.uniform(0.5, 4, d)


def test_training_output_has_mean_beta_and_std_gamma():
    x = _batch()
    gamma = np.array([1.0, 2.0, 0.5, 3.0, 1.5])
    beta = np.array([0.0, -1.0, 2.0, 0.5, 4.0])
    for seed in range(3):
        x = _batch(seed=seed)
        out, _, _ = batchnorm.forward(x, gamma, beta, RunningStats.initial(5), training=True)
        assert np.allclose(out.mean(0), beta, atol=1e-12)
        # eps shrinks the std by sqrt(var / (var + eps)); var is large here, so ~1e-7.
        assert np.allclose(out.std(0), gamma, rtol=1e-6)


def test_training_does_not_mutate_inputs():
    x = _batch()
    x0 = x.copy()
    state = RunningStats.initial(5)
    _, _, new = batchnorm.forward(x, np.ones(5), np.zeros(5), state, training=True)
    assert np.array_equal(x, x0)
    assert np.array_equal(state.mean_, np.zeros(5)) and np.array_equal(state.var_, np.ones(5))
    assert new.count_ == 1 and state.count_ == 0


def test_inference_uses_running_stats_and_keeps_state():
    x = _batch()
    state = RunningStats(np.full(5, 2.0), np.full(5, 4.0), 7)
    gamma, beta = np.full(5, 3.0), np.full(5, 1.0)
    out, _, new = batchnorm.forward(x, gamma, beta, state, training=False, eps=0.0)
    assert new is state
    assert np.allclose(out, 3.0 * (x - 2.0) / 2.0 + 1.0)


def test_undo_parameters_give_identity():
    x = _batch()
    eps = 1e-5
    gamma = np.sqrt(x.var(0) + eps)
    beta = x.mean(0)
    out, _, _ = batchnorm.forward(x, gamma, beta, RunningStats.initial(5), training=True, eps=eps)
    assert np.allclose(out, x, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("x", [np.array([[1.0, -2.0, 5.0]]), np.full((4, 3), 7.0)])
def test_batch_of_one_or_constant_feature_collapses_to_beta(x):
    beta = np.array([0.3, -1.0, 2.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out, cache, state = batchnorm.forward(
            x, np.full(3, 5.0), beta, RunningStats.initial(3), training=True
        )
        dx, _, _ = batchnorm.backward(np.ones_like(x), cache)
    assert np.array_equal(out, np.broadcast_to(beta, x.shape))
    assert np.all(np.isfinite(dx)) and np.all(np.isfinite(state.var_))


def test_batch_of_one_leaves_running_variance_unchanged():
    state = RunningStats(np.zeros(2), np.full(2, 3.0), 0)
    _, _, new = batchnorm.forward(
        np.array([[1.0, 2.0]]), np.ones(2), np.zeros(2), state, training=True, momentum=0.5
    )
    assert np.array_equal(new.var_, state.var_)
    assert np.allclose(new.mean_, [0.5, 1.0])


def test_running_var_tracks_unbiased_batch_variance():
    x = _batch(n=10)
    _, _, new = batchnorm.forward(
        x, np.ones(5), np.zeros(5), RunningStats.initial(5), training=True, momentum=1.0
    )
    assert np.allclose(new.var_, x.var(0, ddof=1))
    assert np.allclose(new.mean_, x.mean(0))


def test_running_updates_equal_closed_form_exponential_average():
    rng = np.random.default_rng(1)
    batches = [rng.normal(rng.uniform(-2, 2), 1.5, (16, 4)) for _ in range(300)]
    state = RunningStats.initial(4)
    means, variances = [], []
    for xb in batches:
        _, _, state = batchnorm.forward(xb, np.ones(4), np.zeros(4), state, training=True, momentum=0.1)
        means.append(state.mean_)
        variances.append(state.var_)
    closed_mean = batchnorm.exponential_average(
        np.array([b.mean(0) for b in batches]), momentum=0.1, initial=0.0
    )
    closed_var = batchnorm.exponential_average(
        np.array([b.var(0, ddof=1) for b in batches]), momentum=0.1, initial=1.0
    )
    assert np.allclose(np.array(means), closed_mean, rtol=1e-10, atol=1e-12)
    assert np.allclose(np.array(variances), closed_var, rtol=1e-10, atol=1e-12)
    assert state.count_ == 300


def test_exponential_average_matches_explicit_sum():
    v = np.array([1.0, 2.0, 4.0])
    m = 0.25
    expected_last = (1 - m) ** 3 * 10 + m * ((1 - m) ** 2 * 1 + (1 - m) * 2 + 4)
    assert np.isclose(batchnorm.exponential_average(v, momentum=m, initial=10.0)[-1], expected_last)


def test_running_stats_approach_population_stats_over_epochs():
    rng = np.random.default_rng(2)
    data = rng.normal([1.0, -3.0, 0.0], [0.5, 2.0, 4.0], (600, 3))
    state = RunningStats.initial(3)
    for _ in range(30):
        order = rng.permutation(600)
        for start in range(0, 600, 20):
            xb = data[order[start : start + 20]]
            _, _, state = batchnorm.forward(xb, np.ones(3), np.zeros(3), state, training=True, momentum=0.01)
    assert np.allclose(state.mean_, data.mean(0), rtol=0.03, atol=0.03)
    assert np.allclose(state.var_, data.var(0), rtol=0.05)




def _rel_err(a, b):
    return np.max(np.abs(a - b)) / max(np.max(np.abs(a)), np.max(np.abs(b)), 1e-300)


@pytest.mark.parametrize("training", [True, False])
def test_backward_matches_finite_differences(training):
    rng = np.random.default_rng(3)
    x = rng.normal(1.0, 2.0, (7, 4))
    gamma, beta = rng.normal(size=4), rng.normal(size=4)
    dout = rng.normal(size=(7, 4))  # random: an all-ones dout makes dx vanish and hides bugs
    state = RunningStats(rng.normal(size=4), rng.uniform(0.5, 2, 4), 3)

    def loss():
        out, _, _ = batchnorm.forward(x, gamma, beta, state, training=training)
        return np.sum(out * dout)

    _, cache, _ = batchnorm.forward(x, gamma, beta, state, training=training)
    dx, dgamma, dbeta = batchnorm.backward(dout, cache)
    assert np.max(np.abs(dx)) > 1e-3  # the check is not vacuous
    for analytic, array in [(dx, x), (dgamma, gamma), (dbeta, beta)]:
        assert _rel_err(analytic, numeric_grad(loss, array)) < 1e-6
