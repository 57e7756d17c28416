"""Train a network with and without batch normalization side by side.

Both networks start from the same weights (same seed; the BN network adds ``gamma = 1``,
``beta = 0``) and see the same mini-batches in the same order, so every difference in
their curves comes from BN. :func:`train_pair` is a generator: a page iterates it to drive
a progress bar and may stop at any time, keeping the partial result it last received.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from bnviz.core import blas, datasets, mlp, recording, smoothness


@dataclass(frozen=True)
class DeepSpec:
    """Settings of the "Deep networks" page; class constants give the slider bounds.

    The defaults follow Ioffe & Szegedy 2015, Fig. 1, scaled down to the digits set:
    3 hidden sigmoid layers, small Gaussian initial weights, batches of 60; the BN network
    normalizes the sigmoid inputs ("before").
    """

    DEPTH_RANGE: ClassVar[tuple] = (1, 10)
    WIDTH_RANGE: ClassVar[tuple] = (8, 256)
    LR_RANGE: ClassVar[tuple] = (0.001, 5.0)
    BATCH_RANGE: ClassVar[tuple] = (2, 512)
    STEPS_RANGE: ClassVar[tuple] = (10, 5000)
    N_RECORDS_RANGE: ClassVar[tuple] = (2, 201)
    N_ETAS_RANGE: ClassVar[tuple] = (2, 12)
    ACTIVATIONS: ClassVar[tuple] = ("sigmoid", "tanh", "relu")
    INITS: ClassVar[tuple] = mlp.INITS
    BN_PLACEMENTS: ClassVar[tuple] = ("before", "after")
    OPTIMIZERS: ClassVar[tuple] = ("sgd", "momentum")
    DATASETS: ClassVar[tuple] = datasets.DATASET_NAMES

    dataset: str = "digits"
    depth: int = 3
    width: int = 100
    activation: str = "sigmoid"
    init: str = "small"
    bn: str = "before"
    optimizer: str = "sgd"
    lr: float = 2.0
    momentum: float = 0.9
    batch_size: int = 60
    steps: int = 600
    seed: int = 0
    n_records: int = 31
    n_etas: int = 6

    def __post_init__(self):
        checks = [
            (self.depth, self.DEPTH_RANGE, "depth"),
            (self.width, self.WIDTH_RANGE, "width"),
            (self.lr, self.LR_RANGE, "lr"),
            (self.batch_size, self.BATCH_RANGE, "batch_size"),
            (self.steps, self.STEPS_RANGE, "steps"),
            (self.n_records, self.N_RECORDS_RANGE, "n_records"),
            (self.n_etas, self.N_ETAS_RANGE, "n_etas"),
        ]
        for value, (lo, hi), name in checks:
            if not lo <= value <= hi:
                raise ValueError(f"{name}={value} outside [{lo}, {hi}]")
        if self.optimizer not in self.OPTIMIZERS:
            raise ValueError(f"optimizer must be one of {self.OPTIMIZERS}")
        if self.bn not in self.BN_PLACEMENTS:
            raise ValueError(f"bn must be one of {self.BN_PLACEMENTS}")

    def net_config(self, bn: str) -> mlp.NetConfig:
        return mlp.NetConfig(
            depth=self.depth, width=self.width, activation=self.activation, init=self.init, bn=bn
        )


@dataclass(frozen=True)
class PairResult:
    """Recorded curves of the plain and the BN network (see :class:`recording.NetRecord`)."""

    spec: DeepSpec
    plain: recording.NetRecord
    bn: recording.NetRecord
    seconds: float


@dataclass(frozen=True)
class Progress:
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


def batch_indices(n: int, batch_size: int, n_batches: int, *, seed: int):
    """``n_batches`` index arrays: reshuffle each epoch, drop the incomplete last batch."""
    rng = np.random.default_rng(seed)
    per_epoch = max(n // batch_size, 1)
    out = []
    while len(out) < n_batches:
        order = rng.permutation(n)
        out.extend(order[i * batch_size : (i + 1) * batch_size] for i in range(per_epoch))
    return out[:n_batches]


def sgd_update(params, grads, velocity, *, lr: float, momentum: float):
    """One step. ``momentum == 0``: ``w - lr g``. Otherwise heavy ball:
    ``v = momentum v - lr g``, ``w + v``. Returns ``(new_params, new_velocity)``."""
    if momentum == 0:
        return mlp.tree_map(lambda w, g: w - lr * g, params, grads), velocity
    new_v = mlp.tree_map(lambda v, g: momentum * v - lr * g, velocity, grads)
    return mlp.tree_map(lambda w, v: w + v, params, new_v), new_v


def updates(config: mlp.NetConfig, spec: DeepSpec, data: datasets.Dataset, *, n_steps: int, dtype=np.float32):
    """Train one network; yield ``(step, params, states, x_next, y_next, loss)``.

    ``step`` counts the updates done, from 0 (initial weights) to ``n_steps``; ``x_next,
    y_next`` is the mini-batch the next update uses and ``loss`` the previous update's
    mini-batch loss (NaN at step 0). The batches depend only on ``spec.seed``, and the
    weights on ``spec.seed`` and the shapes, so networks differing in BN alone see the same
    batches from the same start.
    """
    x_train = data.x_train.astype(dtype, copy=False)
    params, states = mlp.init_params(
        config, n_inputs=data.n_features, n_outputs=data.n_classes, seed=spec.seed, dtype=dtype
    )
    velocity = mlp.tree_map(np.zeros_like, params)
    momentum = spec.momentum if spec.optimizer == "momentum" else 0.0
    loss = float("nan")
    batches = batch_indices(len(x_train), spec.batch_size, n_steps + 1, seed=spec.seed + 1)
    for step, idx in enumerate(batches):
        xb, yb = x_train[idx], data.y_train[idx]
        yield step, params, states, xb, yb, loss
        if step == n_steps:
            return
        loss, grads, states = mlp.loss_and_grads(params, states, xb, yb, config)
        params, velocity = sgd_update(params, grads, velocity, lr=spec.lr, momentum=momentum)


def train_pair(
    spec: DeepSpec | None = None, *, data: datasets.Dataset | None = None, unit: int = 0, dtype=np.float32
):
    """Train the plain and the BN network in lockstep; yield :class:`Progress`.

    Yields at each recording step (``spec.n_records`` of them, from step 0 to
    ``spec.steps``). Recording works on a fixed held-out batch (the first 1,000 test rows)
    and, for the landscape measures, on the mini-batch of the next step. numpy's BLAS runs
    on one thread until the generator finishes or is closed (see :mod:`bnviz.blas`).
    """
    spec = spec if spec is not None else DeepSpec()
    if not 0 <= unit < spec.width:  # checked now, not at the first next()
        raise ValueError(f"unit={unit} outside the {spec.width} units of the last hidden layer")
    data = data if data is not None else datasets.load(spec.dataset, seed=spec.seed)
    return _pair_run(spec, data, unit, dtype)


def _pair_run(spec: DeepSpec, data: datasets.Dataset, unit: int, dtype):
    schedule = set(int(s) for s in recording.record_steps(spec.steps, spec.n_records))
    etas = smoothness.default_etas(spec.lr, n=spec.n_etas)
    configs = (spec.net_config("off"), spec.net_config(spec.bn))
    recorders = [recording.Recorder(c, data, n_steps=spec.steps, etas=etas, unit=unit) for c in configs]
    runs = [updates(c, spec, data, n_steps=spec.steps, dtype=dtype) for c in configs]
    start = time.perf_counter()
    with blas.threads(1):  # tiny matrices: see bnviz.blas; restored when the run ends
        for pair in zip(*runs, strict=True):
            step = pair[0][0]
            for recorder, (_, params, states, xb, yb, loss) in zip(recorders, pair, strict=True):
                if step > 0:
                    recorder.log_loss(step - 1, loss)
                if step in schedule:
                    recorder.record(step, params, states, xb, yb)
            if step in schedule:
                result = PairResult(
                    spec, recorders[0].result(), recorders[1].result(), time.perf_counter() - start
                )
                yield Progress(step, spec.steps, pair[0][5], pair[1][5], result)


def run(spec: DeepSpec | None = None, **kwargs) -> PairResult:
    """Exhaust :func:`train_pair` and return the final result."""
    (last,) = deque(train_pair(spec, **kwargs), maxlen=1)
    return last.result


__all__ = [
    "DeepSpec",
    "PairResult",
    "Progress",
    "batch_indices",
    "sgd_update",
    "updates",
    "train_pair",
    "run",
]
