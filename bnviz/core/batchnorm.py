"""Batch normalization as a pure layer (Ioffe & Szegedy 2015, Algorithm 1).

Training mode, for a mini-batch ``x`` of shape (N, D)::

    mu = mean(x, axis=0)                 var = mean((x - mu)**2, axis=0)   # biased
    x_hat = (x - mu) / sqrt(var + eps)   out = gamma * x_hat + beta

Running statistics follow PyTorch's convention, ``running = (1 - m) * running + m * batch``.
The running *variance* tracks the **unbiased** batch variance ``var * N / (N - 1)``, as
PyTorch does: its expectation over random mini-batches is the population variance, so the
inference-mode layer normalizes with an estimate of the population spread rather than a
systematically small one. Inference mode normalizes with the running statistics and returns
the state unchanged.

Degenerate batches: with N = 1 (or a constant feature) ``x - mu = 0``, so ``x_hat = 0`` and the
output collapses to ``beta``; ``var + eps > 0`` keeps this free of division errors and
warnings. The unbiased variance is undefined for N = 1, so such a batch leaves the running
variance unchanged (the running mean still updates).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class RunningStats:
    """Learned running statistics of one batch-norm layer.

    Attributes
    ----------
    mean_ : ndarray, shape (D,)
    var_ : ndarray, shape (D,)
        Exponential average of the unbiased batch variances.
    count_ : int
        Number of training batches seen (PyTorch's ``num_batches_tracked``).
    """

    mean_: np.ndarray
    var_: np.ndarray
    count_: int = 0

    @classmethod
    def initial(cls, n_features: int, *, dtype: Any = np.float64) -> RunningStats:
        """Initial state: mean 0, variance 1, no batch seen (PyTorch's defaults)."""
        return cls(np.zeros(n_features, dtype), np.ones(n_features, dtype), 0)


@dataclass(frozen=True)
class BatchNormCache:
    """What :func:`backward` needs: ``x_hat`` (N, D), ``gamma`` (D,), ``inv_std`` (D,)."""

    x_hat: np.ndarray
    gamma: np.ndarray
    inv_std: np.ndarray
    training: bool


def forward(
    x: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    state: RunningStats,
    *,
    training: bool,
    eps: float = 1e-5,
    momentum: float = 0.1,
) -> tuple[np.ndarray, BatchNormCache, RunningStats]:
    """Normalize ``x`` feature-wise, then scale by ``gamma`` and shift by ``beta``.

    Parameters
    ----------
    x : ndarray, shape (N, D)
    gamma, beta : ndarray, shape (D,)
    state : RunningStats
    training : bool
        True: batch statistics, and a new state with updated running statistics.
        False: running statistics, and ``state`` itself returned.
    eps : float
        Added to the variance before the square root.
    momentum : float
        Weight ``m`` of the new batch in ``running = (1 - m) * running + m * batch``.

    Returns
    -------
    out : ndarray, shape (N, D)
    cache : BatchNormCache
    new_state : RunningStats
    """
    if not training:
        inv_std = 1.0 / np.sqrt(state.var_ + eps)
        x_hat = (x - state.mean_) * inv_std
        return gamma * x_hat + beta, BatchNormCache(x_hat, gamma, inv_std, False), state
    n = x.shape[0]
    mu = x.mean(axis=0)
    xc = x - mu
    var = np.einsum("ij,ij->j", xc, xc) / n  # biased; einsum avoids a temporary xc**2
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = xc * inv_std
    out = gamma * x_hat + beta
    new_mean = (1 - momentum) * state.mean_ + momentum * mu
    if n > 1:
        new_var = (1 - momentum) * state.var_ + momentum * (var * (n / (n - 1)))
    else:
        new_var = state.var_
    new_state = RunningStats(
        new_mean.astype(state.mean_.dtype, copy=False),
        new_var.astype(state.var_.dtype, copy=False),
        state.count_ + 1,
    )
    return out, BatchNormCache(x_hat, gamma, inv_std, True), new_state


def backward(dout: np.ndarray, cache: BatchNormCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of the layer given the upstream gradient ``dout`` (N, D).

    Training mode (statistics depend on ``x``), with ``g = dout * gamma``::

        dx = inv_std / N * (N * g - sum(g) - x_hat * sum(g * x_hat))

    Inference mode: ``dx = dout * gamma * inv_std``.

    Returns
    -------
    dx : ndarray, shape (N, D)
    dgamma, dbeta : ndarray, shape (D,)
    """
    x_hat, gamma, inv_std = cache.x_hat, cache.gamma, cache.inv_std
    dbeta = dout.sum(axis=0)
    dgamma = np.einsum("ij,ij->j", dout, x_hat)
    if not cache.training:
        return dout * (gamma * inv_std), dgamma, dbeta
    n = dout.shape[0]
    # sum(g) = gamma*dbeta and sum(g*x_hat) = gamma*dgamma: reuse them instead of new sums.
    scale = gamma * inv_std
    dx = scale * (dout - (dbeta + x_hat * dgamma) / n)
    return dx, dgamma, dbeta


def exponential_average(
    batch_values: np.ndarray, *, momentum: float, initial: np.ndarray | float
) -> np.ndarray:
    """Closed form of the running update after each of T batches.

    ``r_t = (1 - m)**(t+1) * initial + sum_{s<=t} m * (1 - m)**(t-s) * v_s``, the value that
    ``t + 1`` updates ``r = (1 - m) * r + m * v`` leave. Batch ``s`` therefore weighs
    ``m (1 - m)**(T-1-s)`` in the final estimate: the old batches fade geometrically.

    Parameters
    ----------
    batch_values : ndarray, shape (T, ...)
    momentum : float
    initial : ndarray or float, broadcastable to ``batch_values[0]``

    Returns
    -------
    ndarray, shape (T, ...)
        Row ``t`` is the running value after batch ``t``.
    """
    v = np.asarray(batch_values, dtype=float)
    t_total = v.shape[0]
    flat = v.reshape(t_total, -1)
    out = np.empty_like(flat)
    r0 = np.broadcast_to(np.asarray(initial, dtype=float), v.shape[1:]).reshape(-1)
    keep = 1.0 - momentum
    # Chunks bound the (T, T) weight matrix and keep (1 - m)**k from underflowing to a
    # meaningless product; inside a chunk the sum is the explicit closed form.
    chunk = 256
    for start in range(0, t_total, chunk):
        block = flat[start : start + chunk]
        k = np.arange(block.shape[0])
        lag = k[:, None] - k[None, :]
        weights = np.where(lag >= 0, momentum * keep ** np.maximum(lag, 0), 0.0)
        out[start : start + chunk] = keep ** (k + 1)[:, None] * r0 + weights @ block
        r0 = out[start + block.shape[0] - 1]
    return out.reshape(v.shape)
