"""One mini-batch through the batch-normalization layer, step by step.

For batch ``B`` of shape (m, 2) (features A and B), the layer of :mod:`bnviz.batchnorm`
in training mode computes::

    mu_B = mean(x),  var_B = mean((x - mu_B)**2)          (biased, per feature)
    x_hat = (x - mu_B) / sqrt(var_B + eps)                 step 2: standardize
    out = gamma * x_hat + beta                             step 3: scale and shift

"Undo" sets ``gamma = sqrt(var_B + eps)`` and ``beta = mu_B``, which makes ``out == x`` up
to rounding; with ``gamma`` the plain standard deviation the output would miss ``x`` by
``|x - mu_B| * (1 - std_B / sqrt(var_B + eps))``: that is eps's effect, reported separately.

A batch of one row, or a feature constant within the batch, has ``var_B = 0``: then
``x - mu_B = 0``, ``x_hat = 0`` and the output collapses to ``beta``; eps keeps the
denominator positive, so there is no division by zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bnviz.core import batchnorm
from bnviz.core.batches import Split, batch_moments, clamp_index

# Frames of the batch animation and points per frame: bytes grow with their product.
MAX_FRAMES = 30
MAX_POINTS = 200
# A variance this small relative to the mean's square is a constant feature (rounding).
_ZERO_VAR_RTOL = 1e-24


@dataclass(frozen=True)
class BatchLook:
    """One batch before and after the layer.

    Attributes
    ----------
    index : int
        The batch shown, after clamping to ``0..n_batches-1``.
    rows : ndarray of int, shape (m,)
    x, x_hat, out : ndarray, shape (m, 2)
        Raw batch, standardized with the batch's statistics, and after gamma and beta.
    mean_, var_ : ndarray, shape (2,)
        The batch's mean and biased variance.
    pop_mean, pop_std : ndarray, shape (2,)
        Of the whole dataset (population standard deviation, ddof = 0).
    gamma, beta : ndarray, shape (2,)
        What was applied (the undo values when ``undo``).
    residual : float
        ``max |out - x|``: zero up to rounding when ``undo``.
    eps_effect : float
        ``max |x_hat| * (sqrt(var_ + eps) - sqrt(var_))`` over rows and features: how far
        the output would be from ``x`` with gamma set to the plain standard deviation.
    collapsed : ndarray of bool, shape (2,)
        Features with zero batch variance: their output is ``beta`` for every row.
    shrink : ndarray, shape (2,)
        ``sqrt(var_ / (var_ + eps))``: the standard deviation of ``x_hat``, 1 to eps's effect.
    """

    index: int
    rows: np.ndarray
    x: np.ndarray
    x_hat: np.ndarray
    out: np.ndarray
    mean_: np.ndarray
    var_: np.ndarray
    pop_mean: np.ndarray
    pop_std: np.ndarray
    gamma: np.ndarray
    beta: np.ndarray
    eps: float
    undo: bool
    residual: float
    eps_effect: float
    collapsed: np.ndarray
    shrink: np.ndarray

    @property
    def std_(self) -> np.ndarray:
        return np.sqrt(self.var_)

    @property
    def m(self) -> int:
        return len(self.rows)

    @property
    def hat_moments(self) -> tuple[np.ndarray, np.ndarray]:
        """Mean and (population) standard deviation of ``x_hat``: 0 and ``shrink``."""
        return self.x_hat.mean(axis=0), self.x_hat.std(axis=0)

    @property
    def out_moments(self) -> tuple[np.ndarray, np.ndarray]:
        """Mean and standard deviation of ``out``: ``beta`` and ``|gamma| * shrink``."""
        return self.out.mean(axis=0), self.out.std(axis=0)


def undo_values(batch: np.ndarray, *, eps: float) -> tuple[np.ndarray, np.ndarray]:
    """``gamma = sqrt(var_B + eps)``, ``beta = mu_B``: the layer's identity on ``batch``."""
    mean = batch.mean(axis=0)
    deviation = batch - mean
    return np.sqrt(np.mean(deviation * deviation, axis=0) + eps), mean


def look(features: np.ndarray, batches: Split, index: int, *, gamma: np.ndarray,
         beta: np.ndarray, eps: float, undo: bool,
         population: tuple[np.ndarray, np.ndarray] | None = None) -> BatchLook:
    """Pass batch ``index`` of ``batches`` of ``features`` (n, 2) through the layer (training
    mode).

    ``index`` past the end is clamped to the last batch. ``population`` is
    ``(features.mean(0), features.std(0))`` when the caller has it (an O(n) pass saved per
    batch).
    """
    features = np.asarray(features, float)
    pop_mean, pop_std = (population if population is not None
                         else (features.mean(axis=0), features.std(axis=0)))
    index = clamp_index(index, batches.n_batches)
    rows = batches.batch(index)
    x = features[rows]
    mean = x.mean(axis=0)
    deviation = x - mean
    var = np.mean(deviation * deviation, axis=0)
    gamma, beta = (undo_values(x, eps=eps) if undo
                   else (np.asarray(gamma, float), np.asarray(beta, float)))
    state = batchnorm.RunningStats.initial(x.shape[1])
    out, cache, _ = batchnorm.forward(x, gamma, beta, state, training=True, eps=eps)
    x_hat = cache.x_hat
    with np.errstate(invalid="ignore"):
        shrink = np.sqrt(var / (var + eps))
    return BatchLook(
        index=index, rows=rows, x=x, x_hat=x_hat, out=out, mean_=mean, var_=var,
        pop_mean=pop_mean, pop_std=pop_std, gamma=gamma, beta=beta, eps=eps,
        undo=undo, residual=float(np.max(np.abs(out - x))),
        eps_effect=float(np.max(np.max(np.abs(x_hat), axis=0) * (np.sqrt(var + eps) - np.sqrt(var)))),
        collapsed=var <= _ZERO_VAR_RTOL * np.maximum(mean * mean, 1.0), shrink=shrink)


@dataclass(frozen=True)
class BatchFrames:
    """Every batch shown by the animation, with axis ranges fixed across all of them.

    ``looks[i]`` is batch ``indices[i]``; at most :data:`MAX_FRAMES` batches, spread evenly
    over the epoch and always including the selected one. Ranges are ``(lo, hi)`` per
    feature for the raw, standardized and output panels.
    """

    indices: np.ndarray
    looks: tuple[BatchLook, ...]
    selected: int
    raw_range: np.ndarray
    hat_range: np.ndarray
    out_range: np.ndarray
    n_batches: int
    moments: tuple[np.ndarray, np.ndarray]


def _range(values: np.ndarray, *, pad: float = 0.08) -> np.ndarray:
    """``(2, 2)`` ranges ``[[lo_A, hi_A], [lo_B, hi_B]]`` padded; a point gets width."""
    lo, hi = np.nanmin(values, axis=0), np.nanmax(values, axis=0)
    span = hi - lo
    half = np.where(span > 0, span * (0.5 + pad), np.maximum(np.abs(lo) * 0.1, 1.0))
    mid = (lo + hi) / 2
    return np.stack([mid - half, mid + half], axis=1)


def frames(features: np.ndarray, batches: Split, selected: int, *, gamma: np.ndarray,
           beta: np.ndarray, eps: float, undo: bool, max_frames: int = MAX_FRAMES) -> BatchFrames:
    """The batch animation: up to ``max_frames`` of ``batches`` through the layer."""
    selected = clamp_index(selected, batches.n_batches)
    count = batches.n_batches
    spread_evenly = np.linspace(0, count - 1, min(count, max_frames)).round().astype(int)
    indices = np.unique(np.concatenate([spread_evenly, [selected]]))
    features = np.asarray(features, float)
    population = (features.mean(axis=0), features.std(axis=0))
    looks = tuple(look(features, batches, int(i), gamma=gamma, beta=beta, eps=eps, undo=undo,
                       population=population) for i in indices)
    hats = np.concatenate([shown.x_hat for shown in looks])
    outs = np.concatenate([shown.out for shown in looks])
    return BatchFrames(indices=indices, looks=looks, selected=selected,
                       raw_range=_range(features), hat_range=_range(np.concatenate([hats, -hats])),
                       out_range=_range(outs), n_batches=count,
                       moments=batch_moments(features, batches))
