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


def running(features: np.ndarray, *, size: int, seed: int, last: str, momentum: float, epochs: int,
            max_steps: int = MAX_STEPS) -> Running:
    """Running statistics of the layer fed the batches of ``epochs`` epochs of ``features``
    (n, d).

    Computed in closed form (:func:`bnviz.batchnorm.exponential_average`), which equals
    stepping the layer batch by batch (the tests check it) at a fraction of the cost.
    """
    features = np.asarray(features, float)
    rows, width = features.shape
    means, variances, epoch_of = [], [], []
    total = 0
    epoch = 0
    while epoch < epochs and total < max_steps:
        batches = split(rows, size, seed=seed, last=last, epoch=epoch)
        mean, var = batch_moments(features, batches)
        sizes = batches.sizes[:, None].astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            unbiased = np.where(sizes > 1, var * sizes / (sizes - 1), np.nan)
        take = min(len(mean), max_steps - total)
        means.append(mean[:take])
        variances.append(unbiased[:take])
        epoch_of.append(np.full(take, epoch))
        total += take
        epoch += 1
    batch_mean, batch_var = np.concatenate(means), np.concatenate(variances)
    initial = batchnorm.RunningStats.initial(width)
    mean_ = np.vstack([initial.mean_, batchnorm.exponential_average(
        batch_mean, momentum=momentum, initial=initial.mean_)])
    # Batches of one row skip the variance update: the running variance after step t is the
    # average over the valid batches up to t, held constant across the skipped ones.
    valid = np.isfinite(batch_var[:, 0])
    var_ = np.tile(initial.var_, (len(batch_var) + 1, 1))
    if valid.any():
        averaged = batchnorm.exponential_average(batch_var[valid], momentum=momentum,
                                                 initial=initial.var_)
        seen = np.cumsum(valid) - 1
        var_[1:] = np.where((seen >= 0)[:, None], averaged[np.maximum(seen, 0)], initial.var_)
    full_epoch = split(rows, size, seed=seed, last=last).n_batches
    return Running(batch_mean=batch_mean, batch_var=batch_var, mean_=mean_, var_=var_,
                   epoch=np.concatenate(epoch_of), pop_mean=features.mean(axis=0),
                   pop_var=features.var(axis=0, ddof=1 if rows > 1 else 0),
                   momentum=momentum, epochs=epoch, complete=full_epoch <= max_steps)


@dataclass(frozen=True)
class RowModes:
    """One row standardized three ways: with its batch's statistics (training mode), with
    the running statistics (inference mode), and with the population's."""

    row: int
    x: np.ndarray
    train: np.ndarray
    inference: np.ndarray
    population: np.ndarray


def row_modes(features: np.ndarray, row: int, x_hat_train: np.ndarray, state: batchnorm.RunningStats,
              *, eps: float) -> RowModes:
    """Standardize row ``row`` of ``features`` at inference; ``x_hat_train`` is its training value."""
    features = np.asarray(features, float)
    x = features[row:row + 1]
    width = features.shape[1]
    ones, zeros = np.ones(width), np.zeros(width)
    inference = batchnorm.forward(x, ones, zeros, state, training=False, eps=eps)[0][0]
    own = batchnorm.RunningStats(features.mean(axis=0), features.var(axis=0))
    population = batchnorm.forward(x, ones, zeros, own, training=False, eps=eps)[0][0]
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


@dataclass(frozen=True)
class BatchSpread:
    """How far the statistics of some batches stray from the population's, per feature.

    Attributes (each of shape (d,))
    ----------
    mean_sd : ndarray
        ``rms(mean_B - mu) / sigma``.
    std_sd : ndarray
        ``rms(std_B - sigma) / sigma``.
    gap_rms : ndarray
        ``rms`` over all rows of ``x_hat(batch) - x_hat(population)``.
    """

    mean_sd: np.ndarray
    std_sd: np.ndarray
    gap_rms: np.ndarray


def batch_spread(features: np.ndarray, rows: np.ndarray, *, eps: float,
                 population: tuple[np.ndarray, np.ndarray] | None = None) -> BatchSpread:
    """Spread of the statistics of the batches ``rows`` (k, m) of ``features`` (n, d).

    A constant feature (sigma = 0) is divided by 1 instead. Vectorized over batches: one
    layer call per batch costs more than the sums at batch size 1. ``population`` is
    ``(features.mean(0), features.std(0))`` when the caller has it.
    """
    mu, sigma = (population if population is not None
                 else (features.mean(axis=0), features.std(axis=0)))
    scale = np.where(sigma > 0, sigma, 1.0)
    x = features[rows]                                              # (k, m, d)
    batch_mean = x.mean(axis=1)
    deviation = x - batch_mean[:, None, :]
    batch_var = np.mean(deviation * deviation, axis=1)
    by_batch = deviation / np.sqrt(batch_var[:, None, :] + eps)
    by_population = (x - mu) / np.sqrt(sigma**2 + eps)
    return BatchSpread(
        mean_sd=np.sqrt(np.mean((batch_mean - mu) ** 2, axis=0)) / scale,
        std_sd=np.sqrt(np.mean((np.sqrt(batch_var) - sigma) ** 2, axis=0)) / scale,
        gap_rms=np.sqrt(np.mean((by_batch - by_population) ** 2, axis=(0, 1))))


def spread(features: np.ndarray, *, seed: int, eps: float, target: int = 64,
           rows_per_size: int = 20_000, max_size: int = SPREAD_MAX_SIZE) -> Spread:
    """Spread of batch statistics for batch sizes 1..n on a log grid.

    Sizes above ``max_size`` (other than n itself, where the spread is zero) are left out:
    they cost O(n) each and the curve's trend is plain long before.

    Each size draws ``max(2, min(target, rows_per_size // m))`` batches, each a sample
    without replacement, so each has exactly the distribution of one batch of a shuffled
    split (disjoint batches of one draw when they fit in n rows; else the batches of
    several shuffled splits).
    """
    features = np.asarray(features, float)
    rows, width = features.shape
    population = (features.mean(axis=0), features.std(axis=0))
    sigma = population[1]
    sizes = np.asarray(sorted({*log_grid(1, min(rows, max_size), integer=True), rows}), int)
    mean_sd, std_sd, gap_rms = (np.zeros((len(sizes), width)) for _ in range(3))
    counts = np.ones(len(sizes), int)
    for j, size in enumerate(int(value) for value in sizes):
        if size == rows:  # the whole population: no spread at all, nothing to sample
            continue
        rng = np.random.default_rng([seed, 104729, size])
        drawn = max(2, min(target, rows_per_size // size))
        if drawn * size <= rows:  # disjoint batches from one draw: each still w/o replacement
            picked = rng.choice(rows, drawn * size, replace=False).reshape(drawn, size)
        else:  # as many shuffled splits as it takes, like epochs
            per_split = rows // size
            picked = np.concatenate([rng.permutation(rows)[: per_split * size].reshape(per_split,
                                                                                        size)
                                     for _ in range(-(-drawn // per_split))])[:drawn]
        measured = batch_spread(features, picked, eps=eps, population=population)
        mean_sd[j], std_sd[j], gap_rms[j] = measured.mean_sd, measured.std_sd, measured.gap_rms
        counts[j] = drawn
    theory = np.sqrt((rows - sizes) / (sizes * max(rows - 1, 1)))[:, None] * (sigma > 0)
    return Spread(sizes=sizes, mean_sd=mean_sd, mean_sd_theory=theory, std_sd=std_sd,
                  gap_rms=gap_rms, batches=counts)
