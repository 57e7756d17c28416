"""A small multilayer perceptron with optional batch normalization, as pure functions.

Hidden layer ``l`` (``depth`` of them, ``width`` units each), by placement ``bn``:

- ``"off"``:    ``h = act(h_prev @ W + b)``
- ``"before"``: ``h = act(BN(h_prev @ W + b))`` -- Ioffe & Szegedy 2015, normalizing the
  activation's input;
- ``"after"``:  ``h = BN(act(h_prev @ W + b))`` -- normalizing the layer's output.

The output layer is dense (no BN, no activation) into softmax cross-entropy. With ``"before"``
the bias ``b`` is redundant (BN subtracts it again) and its gradient is zero up to rounding; it
is kept so that the networks with and without BN share exactly the same weights.

Precision: float32 is the training default -- half the memory traffic and about twice the
matmul throughput of float64, and what PyTorch trains in, so timing comparisons are fair.
Finite-difference gradient checks need float64: a central difference with step 1e-5 loses
about 7 of float32's 7 significant digits, so ``init_params`` takes ``dtype``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from bnviz.core import batchnorm, layers

INITS = ("small", "xavier", "he")
BN_PLACEMENTS = ("off", "before", "after")
# Ioffe & Szegedy (2015), Fig. 1: "weights initialized to small random Gaussian values".
SMALL_INIT_STD = 0.01


@dataclass(frozen=True)
class NetConfig:
    """Architecture: ``depth`` hidden layers of ``width`` units.

    Attributes
    ----------
    depth, width : int
    activation : {"sigmoid", "tanh", "relu"}
    init : {"small", "xavier", "he"}
        See :func:`init_params`.
    bn : {"off", "before", "after"}
        Where BN sits relative to the activation (see the module docstring).
    eps, bn_momentum : float
        Passed to :func:`bnviz.core.batchnorm.forward`.
    """

    depth: int = 3
    width: int = 100
    activation: str = "sigmoid"
    init: str = "small"
    bn: str = "off"
    eps: float = 1e-5
    bn_momentum: float = 0.1

    def __post_init__(self) -> None:
        if self.activation not in layers.ACTIVATIONS:
            raise ValueError(f"activation must be one of {layers.ACTIVATIONS}")
        if self.init not in INITS:
            raise ValueError(f"init must be one of {INITS}")
        if self.bn not in BN_PLACEMENTS:
            raise ValueError(f"bn must be one of {BN_PLACEMENTS}")
        if self.depth < 1 or self.width < 1:
            raise ValueError("depth and width must be positive")


@dataclass(frozen=True)
class LayerParams:
    """One layer's parameters: ``W`` (D_in, D_out), ``b`` (D_out,), and for a hidden layer
    with BN ``gamma``, ``beta`` (D_out,); otherwise those two are None."""

    W: np.ndarray
    b: np.ndarray
    gamma: np.ndarray | None = None
    beta: np.ndarray | None = None

    def map(self, fn: Callable[..., np.ndarray], *others: LayerParams) -> LayerParams:
        """Apply ``fn`` to each present array (and the matching arrays of ``others``)."""
        gamma = None if self.gamma is None else fn(self.gamma, *(o.gamma for o in others))
        beta = None if self.beta is None else fn(self.beta, *(o.beta for o in others))
        return LayerParams(fn(self.W, *(o.W for o in others)), fn(self.b, *(o.b for o in others)),
                           gamma, beta)

    def arrays(self) -> tuple[np.ndarray, ...]:
        return tuple(v for v in (self.W, self.b, self.gamma, self.beta) if v is not None)


# A network's parameters, input layer first (depth + 1 layers), and its hidden layers' BN
# states (None for a layer without BN).
Params = tuple[LayerParams, ...]
States = tuple[batchnorm.RunningStats | None, ...]


def tree_map(fn: Callable[..., np.ndarray], params: Params, *others: Params) -> Params:
    """``fn`` over matching arrays of parameter tuples, e.g. ``tree_map(lambda w, g: w - g,
    params, grads)``; returns a new tuple."""
    return tuple(p.map(fn, *(o[i] for o in others)) for i, p in enumerate(params))


def tree_norm(params: Params) -> float:
    """Euclidean norm of all arrays taken together, in float64."""
    return float(np.sqrt(sum(np.sum(np.square(a, dtype=np.float64)) for p in params for a in p.arrays())))


def init_params(
    config: NetConfig, *, n_inputs: int, n_outputs: int, seed: int, dtype: Any = np.float32
) -> tuple[Params, States]:
    """Draw weights; biases 0, ``gamma = 1``, ``beta = 0``.

    Weights ~ N(0, std**2): "small" std = 0.01, "xavier" std = sqrt(2 / (fan_in + fan_out)),
    "he" std = sqrt(2 / fan_in). The weights depend only on ``seed`` and the shapes, not on
    ``config.bn``: networks with and without BN start from identical weights. ``dtype``:
    float32 to train, float64 for gradient checks (see the module docstring); the forward
    pass computes in the parameters' dtype.

    Returns
    -------
    params : tuple of LayerParams, length depth + 1
    states : tuple of (RunningStats or None), length depth
    """
    rng = np.random.default_rng(seed)
    sizes = [n_inputs] + [config.width] * config.depth + [n_outputs]
    params: list[LayerParams] = []
    states: list[batchnorm.RunningStats | None] = []
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        if config.init == "small":
            std = SMALL_INIT_STD
        elif config.init == "xavier":
            std = np.sqrt(2.0 / (fan_in + fan_out))
        else:
            std = np.sqrt(2.0 / fan_in)
        W = (rng.standard_normal((fan_in, fan_out)) * std).astype(dtype)
        b = np.zeros(fan_out, dtype)
        hidden = i < config.depth
        if hidden and config.bn != "off":
            params.append(LayerParams(W, b, np.ones(fan_out, dtype), np.zeros(fan_out, dtype)))
            states.append(batchnorm.RunningStats.initial(fan_out, dtype=dtype))
        else:
            params.append(LayerParams(W, b))
            if hidden:
                states.append(None)
    return tuple(params), tuple(states)


@dataclass(frozen=True)
class ForwardCache:
    """Per-layer caches plus what the pages show: ``act_inputs[l]`` is the input to layer
    ``l``'s nonlinearity (N, width) and ``hidden[l]`` the layer's output (N, width)."""

    layers: tuple[Any, ...]
    act_inputs: tuple[np.ndarray, ...]
    hidden: tuple[np.ndarray, ...]


def forward(
    x: np.ndarray, params: Params, states: States, config: NetConfig, *, training: bool
) -> tuple[np.ndarray, ForwardCache, States]:
    """Logits (N, C) for inputs ``x`` (N, D_in).

    Returns ``(logits, cache, new_states)``; in inference mode ``new_states is states``.
    """
    h = x.astype(params[0].W.dtype, copy=False)
    caches: list[Any] = []
    act_inputs: list[np.ndarray] = []
    hidden: list[np.ndarray] = []
    new_states: list[batchnorm.RunningStats | None] = []

    def normalize(
        v: np.ndarray, p: LayerParams, s: batchnorm.RunningStats | None
    ) -> tuple[np.ndarray, batchnorm.BatchNormCache, batchnorm.RunningStats]:
        # init_params gives every hidden layer of a BN network gamma, beta and a state.
        assert p.gamma is not None and p.beta is not None and s is not None
        return batchnorm.forward(v, p.gamma, p.beta, s, training=training, eps=config.eps,
                                 momentum=config.bn_momentum)

    for p, s in zip(params[:-1], states, strict=True):
        z, c_dense = layers.dense_forward(h, p.W, p.b)
        c_bn = None
        if config.bn == "before":
            z, c_bn, s = normalize(z, p, s)
        h, c_act = layers.activation_forward(z, config.activation)
        if config.bn == "after":
            h, c_bn, s = normalize(h, p, s)
        caches.append((c_dense, c_bn, c_act))
        act_inputs.append(z)
        hidden.append(h)
        new_states.append(s)
    logits, c_out = layers.dense_forward(h, params[-1].W, params[-1].b)
    cache = ForwardCache(tuple(caches) + (c_out,), tuple(act_inputs), tuple(hidden))
    return logits, cache, (tuple(new_states) if training else states)


def backward(dlogits: np.ndarray, cache: ForwardCache, config: NetConfig) -> Params:
    """Gradients of all parameters given ``dlogits`` (N, C): a tuple of LayerParams."""
    dh, dW, db = layers.dense_backward(dlogits, cache.layers[-1])
    assert dh is not None  # the output layer always passes its input's gradient down
    grads = [LayerParams(dW, db)]
    for i, (c_dense, c_bn, c_act) in reversed(list(enumerate(cache.layers[:-1]))):
        dgamma = dbeta = None
        if config.bn == "after":
            dh, dgamma, dbeta = batchnorm.backward(dh, c_bn)
        dz = layers.activation_backward(dh, c_act)
        if config.bn == "before":
            dz, dgamma, dbeta = batchnorm.backward(dz, c_bn)
        dh_below, dW, db = layers.dense_backward(dz, c_dense, need_dx=i > 0)
        grads.append(LayerParams(dW, db, dgamma, dbeta))
        if dh_below is not None:  # None only below the first layer, where the loop ends
            dh = dh_below
    return tuple(reversed(grads))


def loss_and_grads(
    params: Params, states: States, x: np.ndarray, y: np.ndarray, config: NetConfig
) -> tuple[float, Params, States]:
    """Training-mode mean cross-entropy, its gradients and the updated BN states."""
    logits, cache, new_states = forward(x, params, states, config, training=True)
    loss, dlogits = layers.softmax_cross_entropy(logits, y)
    return loss, backward(dlogits, cache, config), new_states


def predict(x: np.ndarray, params: Params, states: States, config: NetConfig) -> np.ndarray:
    """Class labels (N,) in inference mode (BN uses running statistics)."""
    logits, _, _ = forward(x, params, states, config, training=False)
    return np.argmax(logits, axis=1)


def accuracy(x: np.ndarray, y: np.ndarray, params: Params, states: States, config: NetConfig) -> float:
    """Fraction of ``x`` classified as ``y`` in inference mode."""
    return float(np.mean(predict(x, params, states, config) == y))


def with_bn(config: NetConfig, bn: str) -> NetConfig:
    """The same architecture with another BN placement."""
    return replace(config, bn=bn)
