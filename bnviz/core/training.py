"""Train a network with and without batch normalization side by side.

Both networks start from the same weights (same seed; the BN network adds ``gamma = 1``,
``beta = 0``) and see the same mini-batches in the same order, so every difference in
their curves comes from BN. :func:`train_pair` is a generator: a page iterates it to drive
a progress bar and may stop at any time, keeping the partial result it last received.

The architecture is a :class:`bnviz.core.mlp.NetConfig`; how it is trained and recorded is a
:class:`TrainConfig`. Neither knows any slider's range: those belong to the page.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from bnviz.core import blas, datasets, mlp, recording, smoothness

OPTIMIZERS = ("sgd", "momentum")


@dataclass(frozen=True, kw_only=True)
class TrainConfig:
    """How a network is trained and what is recorded; the defaults follow Ioffe & Szegedy
    2015, Fig. 1, scaled down to the digits set (SGD at rate 2, batches of 60).

    Attributes
    ----------
    dataset : str
        One of :data:`bnviz.core.datasets.DATASET_NAMES`.
    optimizer : {"sgd", "momentum"}
        Plain SGD, or heavy ball with coefficient ``momentum`` (see :func:`sgd_update`).
    lr, momentum : float
    batch_size, steps : int
        Mini-batch size and number of updates.
    seed : int
        Sets the train/test split, the initial weights and the batches.
    n_records : int
        Recording steps, evenly spaced from 0 to ``steps`` (:func:`recording.record_steps`).
    n_etas : int
        Step sizes of the Santurkar et al. sweep (:func:`smoothness.default_etas`).
    """

    dataset: str = "digits"
    optimizer: str = "sgd"
    lr: float = 2.0
    momentum: float = 0.9
    batch_size: int = 60
    steps: int = 600
    seed: int = 0
    n_records: int = 31
    n_etas: int = 6

    def __post_init__(self) -> None:
        # Only what the mathematics needs; the page's sliders bound the rest.
        if self.dataset not in datasets.DATASET_NAMES:
            raise ValueError(f"dataset must be one of {datasets.DATASET_NAMES}")
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(f"optimizer must be one of {OPTIMIZERS}")
        if not self.lr > 0:
            raise ValueError(f"lr={self.lr} must be positive")
        if not 0 <= self.momentum < 1:  # 1 or more: the velocity never decays
            raise ValueError(f"momentum={self.momentum} outside [0, 1)")
        if min(self.batch_size, self.steps, self.n_etas) < 1 or self.n_records < 2:
            raise ValueError("batch_size, steps and n_etas must be positive, n_records at least 2")
        if self.seed < 0:  # numpy's generators take non-negative seeds
            raise ValueError(f"seed={self.seed} must not be negative")

    @property
    def heavy_ball(self) -> float:
        """The momentum coefficient the update uses: 0 for plain SGD."""
        return self.momentum if self.optimizer == "momentum" else 0.0


@dataclass(frozen=True)
class PairResult:
    """Recorded curves of the plain and the BN network (see :class:`recording.NetRecord`);
    ``plain.config`` and ``bn.config`` are the two architectures."""

    train: TrainConfig
    plain: recording.NetRecord
    bn: recording.NetRecord
    seconds: float


@dataclass(frozen=True)
class PairProgress:
    """One report of :func:`train_pair`: ``step`` of ``n_steps`` done, the latest mini-batch
    losses, and the result recorded so far (complete when ``step == n_steps``)."""

    step: int
    n_steps: int
    loss_plain: float
    loss_bn: float
    result: PairResult

    @property
    def fraction(self) -> float:
        return self.step / self.n_steps

    @property
    def complete(self) -> bool:
        return self.step >= self.n_steps


def batch_indices(n: int, batch_size: int, n_batches: int, *, seed: int) -> list[np.ndarray]:
    """``n_batches`` index arrays: reshuffle each epoch, drop the incomplete last batch."""
    rng = np.random.default_rng(seed)
    per_epoch = max(n // batch_size, 1)
    out: list[np.ndarray] = []
    while len(out) < n_batches:
        order = rng.permutation(n)
        out.extend(order[i * batch_size : (i + 1) * batch_size] for i in range(per_epoch))
    return out[:n_batches]


def sgd_update(
    params: mlp.Params, grads: mlp.Params, velocity: mlp.Params, *, lr: float, momentum: float
) -> tuple[mlp.Params, mlp.Params]:
    """One step. ``momentum == 0``: ``w - lr g``. Otherwise heavy ball:
    ``v = momentum v - lr g``, ``w + v``. Returns ``(new_params, new_velocity)``."""
    if momentum == 0:
        return mlp.tree_map(lambda w, g: w - lr * g, params, grads), velocity
    new_v = mlp.tree_map(lambda v, g: momentum * v - lr * g, velocity, grads)
    return mlp.tree_map(lambda w, v: w + v, params, new_v), new_v


# What :func:`updates` yields: step, params, states, next batch x and y, previous loss.
Update = tuple[int, mlp.Params, mlp.States, np.ndarray, np.ndarray, float]


def updates(
    net: mlp.NetConfig,
    train: TrainConfig,
    data: datasets.Dataset,
    *,
    n_steps: int,
    dtype: Any = np.float32,
) -> Iterator[Update]:
    """Train one network; yield ``(step, params, states, x_next, y_next, loss)``.

    ``step`` counts the updates done, from 0 (initial weights) to ``n_steps``; ``x_next,
    y_next`` is the mini-batch the next update uses and ``loss`` the previous update's
    mini-batch loss (NaN at step 0). The batches depend only on ``train.seed``, and the
    weights on ``train.seed`` and the shapes, so networks differing in BN alone see the same
    batches from the same start.
    """
    x_train = data.x_train.astype(dtype, copy=False)
    params, states = mlp.init_params(
        net, n_inputs=data.n_features, n_outputs=data.n_classes, seed=train.seed, dtype=dtype
    )
    velocity = mlp.tree_map(np.zeros_like, params)
    loss = float("nan")
    batches = batch_indices(len(x_train), train.batch_size, n_steps + 1, seed=train.seed + 1)
    for step, idx in enumerate(batches):
        xb, yb = x_train[idx], data.y_train[idx]
        yield step, params, states, xb, yb, loss
        if step == n_steps:
            return
        loss, grads, states = mlp.loss_and_grads(params, states, xb, yb, net)
        params, velocity = sgd_update(params, grads, velocity, lr=train.lr, momentum=train.heavy_ball)


def train_pair(
    net: mlp.NetConfig,
    train: TrainConfig,
    *,
    data: datasets.Dataset | None = None,
    unit: int = 0,
    every_unit: bool = False,
    dtype: Any = np.float32,
) -> Iterator[PairProgress]:
    """Train ``net`` without BN and with BN placed at ``net.bn``, in lockstep; yield a
    :class:`PairProgress` at each recording step (``train.n_records`` of them, from step 0
    to ``train.steps``).

    Recording works on a fixed held-out batch (the first test rows, at most
    :data:`recording.HELD_OUT_ROWS`) and, for the landscape measures, on the mini-batch of the
    next step. ``unit`` picks the last hidden layer's unit whose percentiles are kept;
    ``every_unit`` keeps every unit's too (:attr:`recording.NetRecord.layer_percentiles`).

    The generator leaves numpy's BLAS threads alone, so that a suspended run does not hold
    them for the rest of the process: a caller wraps each ``next`` in ``blas.threads(1)``
    (as :func:`run` does for the whole run).
    """
    if net.bn == "off":
        raise ValueError("the BN network needs a placement: bn='before' or 'after'")
    if not 0 <= unit < net.width:  # checked now, not at the first next()
        raise ValueError(f"unit={unit} outside the {net.width} units of the last hidden layer")
    data = data if data is not None else datasets.load(train.dataset, seed=train.seed)
    return _lockstep(net, train, data, unit=unit, every_unit=every_unit, dtype=dtype)


def _lockstep(
    net: mlp.NetConfig,
    train: TrainConfig,
    data: datasets.Dataset,
    *,
    unit: int,
    every_unit: bool,
    dtype: Any,
) -> Iterator[PairProgress]:
    schedule = set(int(s) for s in recording.record_steps(train.steps, train.n_records))
    etas = smoothness.default_etas(train.lr, n=train.n_etas)
    configs = (mlp.with_bn(net, "off"), net)
    recorders = [
        recording.Recorder(c, data, n_steps=train.steps, etas=etas, unit=unit, every_unit=every_unit)
        for c in configs
    ]
    runs = [updates(c, train, data, n_steps=train.steps, dtype=dtype) for c in configs]
    start = time.perf_counter()
    for pair in zip(*runs, strict=True):
        step = pair[0][0]
        for recorder, (_, params, states, xb, yb, loss) in zip(recorders, pair, strict=True):
            if step > 0:
                recorder.log_loss(step - 1, loss)
            if step in schedule:
                recorder.record(step, params, states, xb, yb)
        if step in schedule:
            result = PairResult(
                train, recorders[0].result(), recorders[1].result(), time.perf_counter() - start
            )
            yield PairProgress(step, train.steps, pair[0][5], pair[1][5], result)


def run(net: mlp.NetConfig, train: TrainConfig, **kwargs: Any) -> PairResult:
    """Exhaust :func:`train_pair` on one BLAS thread and return the final result."""
    pairs = train_pair(net, train, **kwargs)
    with blas.threads(1):  # tiny matrices: see bnviz.core.blas; restored when the run ends
        (last,) = deque(pairs, maxlen=1)
    return last.result


__all__ = [
    "OPTIMIZERS",
    "TrainConfig",
    "PairResult",
    "PairProgress",
    "Update",
    "batch_indices",
    "sgd_update",
    "updates",
    "train_pair",
    "run",
]
