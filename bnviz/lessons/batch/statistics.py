"""Running statistics over epochs, and the gap between training and inference modes.

Running statistics follow :mod:`bnviz.batchnorm` (PyTorch's convention)::

    running_mean = (1 - m) * running_mean + m * mean_B
    running_var  = (1 - m) * running_var  + m * var_B * |B| / (|B| - 1)    (unbiased)

starting from mean 0 and variance 1; a batch of one row leaves the running variance alone.
The expected unbiased variance of a batch drawn without replacement is the population
variance with divisor ``n - 1``, so that is what the running variance approaches.

In training mode a row is standardized with its batch's statistics, which vary from batch
to batch; at inference with fixed statistics. :func:`spread` measures how far apart the two
are against the batch size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bnviz.core import batchnorm
from bnviz.core.batches import batch_moments, split
from bnviz.settings import log_grid

# The chart of running statistics shows at most this many batches (whole epochs first).
MAX_STEPS = 5000
# The spread chart samples batch sizes up to this (and n itself).
SPREAD_MAX_SIZE = 20_000


@dataclass(frozen=True)
class Running:
    """Running statistics after each batch of several epochs.

    Attributes
    ----------
    batch_mean : ndarray, shape (T, 2)
    batch_var : ndarray, shape (T, 2)
        Unbiased batch variance; NaN for a batch of one row.
    mean_, var_ : ndarray, shape (T + 1, 2)
        Row 0 is the initial state (0, 1); row t the state after batch t.
    epoch : ndarray of int, shape (T,)
    pop_mean, pop_var : ndarray, shape (2,)
        Population mean, and variance with divisor n - 1 (the running variance's target).
    epochs : int
        Epochs shown (fewer than asked when they would exceed :data:`MAX_STEPS` batches).
    complete : bool
        False when even one epoch has more batches than :data:`MAX_STEPS` (it is cut).
    """

    batch_mean: np.ndarray
    batch_var: np.ndarray
    mean_: np.ndarray
    var_: np.ndarray
    epoch: np.ndarray
    pop_mean: np.ndarray
    pop_var: np.ndarray
    momentum: float
    epochs: int
    complete: bool

    @property
    def final(self) -> batchnorm.RunningStats:
        return batchnorm.RunningStats(self.mean_[-1], self.var_[-1], len(self.epoch))


def running(X: np.ndarray, *, size: int, seed: int, last: str, momentum: float, epochs: int,
            max_steps: int = MAX_STEPS) -> Running:
    """Running statistics of the layer fed the batches of ``epochs`` epochs of ``X`` (n, d).

    Computed in closed form (:func:`bnviz.batchnorm.exponential_average`), which equals
    stepping the layer batch by batch (the tests check it) at a fraction of the cost.
    """
    X = np.asarray(X, float)
    n, d = X.shape
    means, vars_, epoch = [], [], []
    total = 0
    e = 0
    while e < epochs and total < max_steps:
        s = split(n, size, seed=seed, last=last, epoch=e)
        mu, var = batch_moments(X, s)
        sizes = s.sizes[:, None].astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            unbiased = np.where(sizes > 1, var * sizes / (sizes - 1), np.nan)
        take = min(len(mu), max_steps - total)
        means.append(mu[:take])
        vars_.append(unbiased[:take])
        epoch.append(np.full(take, e))
        total += take
        e += 1
    bm, bv, ep = np.concatenate(means), np.concatenate(vars_), np.concatenate(epoch)
    init = batchnorm.RunningStats.initial(d)
    mean_ = np.vstack([init.mean_, batchnorm.exponential_average(bm, momentum=momentum,
                                                                 initial=init.mean_)])
    # Batches of one row skip the variance update: the running variance after step t is the
    # average over the valid batches up to t, held constant across the skipped ones.
    valid = np.isfinite(bv[:, 0])
    var_ = np.tile(init.var_, (len(bv) + 1, 1))
    if valid.any():
        ea = batchnorm.exponential_average(bv[valid], momentum=momentum, initial=init.var_)
        seen = np.cumsum(valid) - 1
        var_[1:] = np.where((seen >= 0)[:, None], ea[np.maximum(seen, 0)], init.var_)
    full_epoch = split(n, size, seed=seed, last=last).n_batches
    return Running(batch_mean=bm, batch_var=bv, mean_=mean_, var_=var_, epoch=ep,
                   pop_mean=X.mean(axis=0), pop_var=X.var(axis=0, ddof=1 if n > 1 else 0),
                   momentum=momentum, epochs=e, complete=full_epoch <= max_steps)


@dataclass(frozen=True)
class RowModes:
    """One row standardized three ways: with its batch's statistics (training mode), with
    the running statistics (inference mode), and with the population's."""

    row: int
    x: np.ndarray
    train: np.ndarray
    inference: np.ndarray
    population: np.ndarray


def row_modes(X: np.ndarray, row: int, x_hat_train: np.ndarray, state: batchnorm.RunningStats,
              *, eps: float) -> RowModes:
    """Standardize row ``row`` of ``X`` at inference; ``x_hat_train`` is its training value."""
    X = np.asarray(X, float)
    x = X[row:row + 1]
    d = X.shape[1]
    ones, zeros = np.ones(d), np.zeros(d)
    inference = batchnorm.forward(x, ones, zeros, state, training=False, eps=eps)[0][0]
    pop = batchnorm.RunningStats(X.mean(axis=0), X.var(axis=0))
    population = batchnorm.forward(x, ones, zeros, pop, training=False, eps=eps)[0][0]
    return RowModes(row=int(row), x=x[0], train=np.asarray(x_hat_train, float),
                    inference=inference, population=population)


@dataclass(frozen=True)
class Spread:
    """How much batch statistics vary with the batch size ``m``.

    Attributes (``s`` batch sizes, per feature)
    ----------
    sizes : ndarray of int, shape (s,)
    mean_sd : ndarray, shape (s, 2)
        ``rms(mean_B - mu) / sigma`` over random batches.
    mean_sd_theory : ndarray, shape (s, 2)
        Sampling without replacement: ``sqrt((n - m) / (m (n - 1)))`` (0 for a constant feature).
    std_sd : ndarray, shape (s, 2)
        ``rms(std_B - sigma) / sigma``.
    gap_rms : ndarray, shape (s, 2)
        ``rms`` over rows of ``x_hat`` with batch statistics minus ``x_hat`` with the
        population's: how different training-mode and (converged) inference-mode outputs are.
    batches : ndarray of int, shape (s,)
        Random batches drawn for each size.
    """

    sizes: np.ndarray
    mean_sd: np.ndarray
    mean_sd_theory: np.ndarray
    std_sd: np.ndarray
    gap_rms: np.ndarray
    batches: np.ndarray


def batch_spread(X: np.ndarray, rows: np.ndarray, *, eps: float,
                 population: tuple[np.ndarray, np.ndarray] | None = None,
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spread of the statistics of the batches ``rows`` (k, m) of ``X`` (n, d).

    Returns ``rms(mean_B - mu) / sigma``, ``rms(std_B - sigma) / sigma`` and the rms over
    all rows of ``x_hat(batch) - x_hat(population)``, each of shape (d,); a constant
    feature (sigma = 0) is divided by 1 instead. Vectorized over batches: one layer call
    per batch costs more than the sums at batch size 1. ``population`` is
    ``(X.mean(0), X.std(0))`` when the caller has it.
    """
    mu, sigma = population if population is not None else (X.mean(axis=0), X.std(axis=0))
    scale = np.where(sigma > 0, sigma, 1.0)
    x = X[rows]                                              # (k, m, d)
    bm = x.mean(axis=1)
    dev = x - bm[:, None, :]
    bv = np.mean(dev * dev, axis=1)
    z_b = dev / np.sqrt(bv[:, None, :] + eps)
    z_pop = (x - mu) / np.sqrt(sigma**2 + eps)
    return (np.sqrt(np.mean((bm - mu) ** 2, axis=0)) / scale,
            np.sqrt(np.mean((np.sqrt(bv) - sigma) ** 2, axis=0)) / scale,
            np.sqrt(np.mean((z_b - z_pop) ** 2, axis=(0, 1))))


def spread(X: np.ndarray, *, seed: int, eps: float, target: int = 64,
           rows_per_size: int = 20_000, max_size: int = SPREAD_MAX_SIZE) -> Spread:
    """Spread of batch statistics for batch sizes 1..n on a log grid.

    Sizes above ``max_size`` (other than n itself, where the spread is zero) are left out:
    they cost O(n) each and the curve's trend is plain long before.

    Each size draws ``max(2, min(target, rows_per_size // m))`` batches, each a sample
    without replacement, so each has exactly the distribution of one batch of a shuffled
    split (disjoint batches of one draw when they fit in n rows; else the batches of
    several shuffled splits).
    """
    X = np.asarray(X, float)
    n, d = X.shape
    pop = (X.mean(axis=0), X.std(axis=0))
    sigma = pop[1]
    sizes = np.asarray(sorted({*log_grid(1, min(n, max_size), integer=True), n}), int)
    out = {k: np.empty((len(sizes), d)) for k in ("mean", "std", "gap")}
    counts = np.empty(len(sizes), int)
    for j, m in enumerate(sizes):
        if m == n:  # the whole population: no spread at all, nothing to sample
            for a in out.values():
                a[j] = 0.0
            counts[j] = 1
            continue
        rng = np.random.default_rng([seed, 104729, int(m)])
        k = max(2, min(target, rows_per_size // int(m)))
        m = int(m)
        if k * m <= n:  # disjoint batches from one draw: each is still a sample w/o replacement
            rows = rng.choice(n, k * m, replace=False).reshape(k, m)
        else:  # as many shuffled splits as it takes, like epochs
            per = n // m
            rows = np.concatenate([rng.permutation(n)[: per * m].reshape(per, m)
                                   for _ in range(-(-k // per))])[:k]
        out["mean"][j], out["std"][j], out["gap"][j] = batch_spread(X, rows, eps=eps, population=pop)
        counts[j] = k
    theory = np.sqrt((n - sizes) / (sizes * max(n - 1, 1)))[:, None] * (sigma > 0)
    return Spread(sizes=sizes, mean_sd=out["mean"], mean_sd_theory=theory, std_sd=out["std"],
                  gap_rms=out["gap"], batches=counts)
