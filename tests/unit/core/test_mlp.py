"""Gradient checks and behaviour of the layers and the multilayer perceptron."""

import numpy as np
import pytest

from bnviz.core import layers, mlp
from tests.unit.core.gradcheck import numeric_grad


def _close(analytic, numeric, scale, rtol=1e-6):
    """Elementwise ``|a - n| <= rtol * scale``, where ``scale`` is the size of the
    gradients being compared, so an exactly-zero gradient (bias before BN) is also checked."""
    return np.max(np.abs(analytic - numeric)) <= rtol * scale


def test_dense_backward_matches_finite_differences():
    rng = np.random.default_rng(0)
    x, W, b = rng.normal(size=(5, 4)), rng.normal(size=(4, 3)), rng.normal(size=3)
    dout = rng.normal(size=(5, 3))
    out, cache = layers.dense_forward(x, W, b)
    dx, dW, db = layers.dense_backward(dout, cache)
    f = lambda: np.sum(layers.dense_forward(x, W, b)[0] * dout)  # noqa: E731
    for analytic, array in [(dx, x), (dW, W), (db, b)]:
        numeric = numeric_grad(f, array)
        assert _close(analytic, numeric, np.max(np.abs(numeric)))
    no_dx, dW2, _ = layers.dense_backward(dout, cache, need_dx=False)
    assert no_dx is None and np.array_equal(dW2, dW)


@pytest.mark.parametrize("kind", layers.ACTIVATIONS)
def test_activation_backward_matches_finite_differences(kind):
    rng = np.random.default_rng(1)
    z = rng.normal(size=(6, 5))
    z[np.abs(z) < 0.05] += 0.2  # keep relu's kink away from the difference stencil
    dout = rng.normal(size=(6, 5))
    _, cache = layers.activation_forward(z, kind)
    dz = layers.activation_backward(dout, cache)
    numeric = numeric_grad(lambda: np.sum(layers.activation_forward(z, kind)[0] * dout), z)
    assert _close(dz, numeric, np.max(np.abs(numeric)))


def test_sigmoid_is_stable_for_large_inputs():
    z = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0], dtype=np.float32)
    with np.errstate(all="raise"):
        a, _ = layers.activation_forward(z, "sigmoid")
    assert np.allclose(a, [0, 1 / (1 + np.exp(30)), 0.5, 1 / (1 + np.exp(-30)), 1])


def test_softmax_cross_entropy_gradient_and_value():
    rng = np.random.default_rng(2)
    logits, y = rng.normal(size=(5, 4)) * 3, np.array([0, 3, 1, 1, 2])
    loss, dlogits = layers.softmax_cross_entropy(logits, y)
    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    assert np.isclose(loss, -np.mean(np.log(p[np.arange(5), y])))
    numeric = numeric_grad(lambda: layers.softmax_cross_entropy(logits, y)[0], logits)
    assert _close(dlogits, numeric, np.max(np.abs(numeric)))


def _small_net(bn, activation, init="xavier", seed=0):
    config = mlp.NetConfig(depth=2, width=5, activation=activation, init=init, bn=bn)
    params, states = mlp.init_params(config, n_inputs=3, n_outputs=4, seed=seed, dtype=np.float64)
    rng = np.random.default_rng(seed + 10)
    # Random gamma, beta and biases: the initial 1 / 0 would hide terms of the gradient.
    params = mlp.tree_map(lambda w: w + rng.normal(0, 0.3, w.shape), params)
    return config, params, states


@pytest.mark.parametrize("bn", mlp.BN_PLACEMENTS)
@pytest.mark.parametrize("activation", layers.ACTIVATIONS)
def test_network_gradients_match_finite_differences(bn, activation):
    config, params, states = _small_net(bn, activation)
    rng = np.random.default_rng(5)
    x = rng.normal(size=(8, 3))
    dlogits = rng.normal(size=(8, 4))  # random upstream gradient

    def f():
        logits, _, _ = mlp.forward(x, params, states, config, training=True)
        return np.sum(logits * dlogits)

    _, cache, _ = mlp.forward(x, params, states, config, training=True)
    grads = mlp.backward(dlogits, cache, config)
    numerics = [[numeric_grad(f, a) for a in p.arrays()] for p in params]
    scale = max(np.max(np.abs(n)) for layer in numerics for n in layer)
    for g, layer_numeric in zip(grads, numerics, strict=True):
        for analytic, numeric in zip(g.arrays(), layer_numeric, strict=True):
            assert analytic.shape == numeric.shape
            assert _close(analytic, numeric, scale)
            # Per array too; the floor absorbs finite-difference noise (~1e-11 * scale) on
            # the bias before BN, whose true gradient is exactly zero.
            assert _close(analytic, numeric, np.max(np.abs(numeric)) + 1e-4 * scale)


def test_loss_and_grads_match_finite_differences_through_loss():
    config, params, states = _small_net("before", "sigmoid")
    rng = np.random.default_rng(6)
    x, y = rng.normal(size=(6, 3)), rng.integers(0, 4, 6)
    loss, grads, _ = mlp.loss_and_grads(params, states, x, y, config)
    W = params[1].W
    numeric = numeric_grad(lambda: mlp.loss_and_grads(params, states, x, y, config)[0], W)
    assert _close(grads[1].W, numeric, np.max(np.abs(numeric)))


def test_init_shares_weights_between_plain_and_bn_networks():
    plain, _ = mlp.init_params(mlp.NetConfig(bn="off"), n_inputs=8, n_outputs=3, seed=4)
    with_bn, states = mlp.init_params(mlp.NetConfig(bn="before"), n_inputs=8, n_outputs=3, seed=4)
    for p, q in zip(plain, with_bn, strict=True):
        assert np.array_equal(p.W, q.W) and np.array_equal(p.b, q.b)
    assert all(np.all(q.gamma == 1) and np.all(q.beta == 0) for q in with_bn[:-1])
    assert with_bn[-1].gamma is None and all(s is not None for s in states)
    assert plain[0].W.dtype == np.float32


@pytest.mark.parametrize("bn", ["before", "after"])
def test_inference_uses_running_stats_and_is_row_independent(bn):
    config, params, states = _small_net(bn, "tanh")
    rng = np.random.default_rng(7)
    for _ in range(20):  # move the running statistics away from their initial values
        xb = rng.normal(2.0, 3.0, (16, 3))
        _, _, states = mlp.forward(xb, params, states, config, training=True)
    x = rng.normal(2.0, 3.0, (10, 3))
    batch_logits, _, kept = mlp.forward(x, params, states, config, training=False)
    one_logits, _, _ = mlp.forward(x[3:4], params, states, config, training=False)
    assert kept is states
    assert np.allclose(one_logits[0], batch_logits[3], rtol=1e-12, atol=1e-12)
    train_logits, _, _ = mlp.forward(x, params, states, config, training=True)
    assert not np.allclose(train_logits, batch_logits)  # training mode really differs


def test_forward_does_not_mutate_params():
    config, params, states = _small_net("after", "relu")
    before = [a.copy() for p in params for a in p.arrays()]
    mlp.loss_and_grads(params, states, np.ones((4, 3)), np.array([0, 1, 2, 3]), config)
    assert all(
        np.array_equal(a, b) for a, b in zip(before, (a for p in params for a in p.arrays()), strict=True)
    )
