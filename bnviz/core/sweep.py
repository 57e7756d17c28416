"""How many steps a network needs to reach a target test accuracy, against depth.

For each depth the plain and the BN network train from the same weights on the same
batches (see :func:`bnviz.core.training.updates`) until the test accuracy, checked every
``eval_every`` steps in inference mode, reaches the target or ``max_steps`` run out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from bnviz.core import blas, datasets, mlp, training


@dataclass(frozen=True)
class DepthSweep:
    """Steps to target per depth; NaN where the target was not reached in ``max_steps``.

    Attributes
    ----------
    depths : ndarray of int, shape (n,)
    steps_plain, steps_bn : ndarray of float, shape (n,)
    final_accuracy_plain, final_accuracy_bn : ndarray, shape (n,)
        Test accuracy when each run stopped.
    target_accuracy : float
    max_steps : int
    """

    depths: np.ndarray
    steps_plain: np.ndarray
    steps_bn: np.ndarray
    final_accuracy_plain: np.ndarray
    final_accuracy_bn: np.ndarray
    target_accuracy: float
    max_steps: int


@dataclass(frozen=True)
class SweepProgress:
    """Report after each finished run: ``done`` of ``total`` runs, partial result (NaN for
    runs not yet made)."""

    done: int
    total: int
    depth: int
    bn: str
    result: DepthSweep

    @property
    def fraction(self) -> float:
        return self.done / self.total

    @property
    def complete(self) -> bool:
        return self.done >= self.total


def steps_to_target(
    net: mlp.NetConfig,
    train: training.TrainConfig,
    data: datasets.Dataset,
    *,
    target_accuracy: float,
    max_steps: int,
    eval_every: int,
    dtype: Any = np.float32,
) -> tuple[float, float]:
    """``(steps, accuracy)``: the first checked step with test accuracy >= target (NaN if
    none) and the accuracy there (or at ``max_steps``)."""
    acc = 0.0
    run = training.updates(net, train, data, n_steps=max_steps, dtype=dtype)
    with blas.threads(1):  # tiny matrices: see bnviz.core.blas
        for step, params, states, _, _, _ in run:
            if step % eval_every == 0 or step == max_steps:
                acc = mlp.accuracy(data.x_test, data.y_test, params, states, net)
                if acc >= target_accuracy:
                    return float(step), acc
    return float("nan"), acc


def depth_sweep(
    net: mlp.NetConfig,
    train: training.TrainConfig,
    *,
    depths: Iterable[int],
    target_accuracy: float,
    max_steps: int,
    eval_every: int,
    data: datasets.Dataset | None = None,
    dtype: Any = np.float32,
) -> Iterator[SweepProgress]:
    """Yield a :class:`SweepProgress` after each of the ``2 * len(depths)`` runs.

    Each depth trains ``net`` without BN and with BN at ``net.bn``; every other setting
    comes from ``net`` and ``train``; ``net.depth`` and ``train.steps`` are not used (each
    depth in turn trains for ``max_steps`` at most).
    """
    if net.bn == "off":
        raise ValueError("the BN network needs a placement: bn='before' or 'after'")
    data = data if data is not None else datasets.load(train.dataset, seed=train.seed)
    depth_array = np.asarray(list(depths), dtype=np.int64)
    steps = {b: np.full(len(depth_array), np.nan) for b in ("off", net.bn)}
    finals = {b: np.full(len(depth_array), np.nan) for b in ("off", net.bn)}
    done = 0
    for i, depth in enumerate(depth_array):
        for bn in ("off", net.bn):
            steps[bn][i], finals[bn][i] = steps_to_target(
                replace(net, depth=int(depth), bn=bn),
                train,
                data,
                target_accuracy=target_accuracy,
                max_steps=max_steps,
                eval_every=eval_every,
                dtype=dtype,
            )
            done += 1
            result = DepthSweep(
                depth_array,
                steps["off"].copy(),
                steps[net.bn].copy(),
                finals["off"].copy(),
                finals[net.bn].copy(),
                target_accuracy,
                max_steps,
            )
            yield SweepProgress(done, 2 * len(depth_array), int(depth), bn, result)
