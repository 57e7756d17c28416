"""How many steps a network needs to reach a target test accuracy, against depth.

For each depth the plain and the BN network train from the same weights on the same
batches (see :func:`bnviz.training.updates`) until the test accuracy, checked every
``eval_every`` steps in inference mode, reaches the target or ``max_steps`` run out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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


def steps_to_target(
    config: mlp.NetConfig,
    spec: training.DeepSpec,
    data: datasets.Dataset,
    *,
    target_accuracy: float,
    max_steps: int,
    eval_every: int,
    dtype=np.float32,
):
    """``(steps, accuracy)``: the first checked step with test accuracy >= target (NaN if
    none) and the accuracy there (or at ``max_steps``)."""
    acc = 0.0
    run = training.updates(config, spec, data, n_steps=max_steps, dtype=dtype)
    with blas.threads(1):  # tiny matrices: see bnviz.blas
        for step, params, states, _, _, _ in run:
            if step % eval_every == 0 or step == max_steps:
                acc = mlp.accuracy(data.x_test, data.y_test, params, states, config)
                if acc >= target_accuracy:
                    return float(step), acc
    return float("nan"), acc


def depth_sweep(
    spec: training.DeepSpec | None = None,
    *,
    depths=range(1, 11),
    target_accuracy: float = 0.9,
    max_steps: int = 1000,
    eval_every: int = 10,
    data: datasets.Dataset | None = None,
    dtype=np.float32,
):
    """Yield a :class:`SweepProgress` after each of the ``2 * len(depths)`` runs.

    Every other setting (width, activation, init, optimizer, learning rate, batch size,
    seed, BN placement) comes from ``spec``; ``spec.depth`` is ignored.
    """
    spec = spec if spec is not None else training.DeepSpec()
    data = data if data is not None else datasets.load(spec.dataset, seed=spec.seed)
    depths = np.asarray(list(depths), dtype=np.int64)
    steps = {b: np.full(len(depths), np.nan) for b in ("off", spec.bn)}
    finals = {b: np.full(len(depths), np.nan) for b in ("off", spec.bn)}
    done = 0
    for i, depth in enumerate(depths):
        for bn in ("off", spec.bn):
            config = replace(spec, depth=int(depth)).net_config(bn)
            steps[bn][i], finals[bn][i] = steps_to_target(
                config,
                spec,
                data,
                target_accuracy=target_accuracy,
                max_steps=max_steps,
                eval_every=eval_every,
                dtype=dtype,
            )
            done += 1
            result = DepthSweep(
                depths,
                steps["off"].copy(),
                steps[spec.bn].copy(),
                finals["off"].copy(),
                finals[spec.bn].copy(),
                target_accuracy,
                max_steps,
            )
            yield SweepProgress(done, 2 * len(depths), int(depth), bn, result)
