"""Live training for the page "Deep networks": the two kinds of run the page asks the worker
pool for (:mod:`bnviz.ui.jobs`), and how a run's records are looked up.

A training run is the core's :func:`bnviz.core.training.train_pair`, asked to keep every
unit's input percentiles (the page lets the user pick any unit of any layer after training):
``R x L x 3 x W`` float32 numbers a network (records x layers x percentiles x units; see
:func:`bnviz.core.recording.record_nbytes_bound`). A sweep run is
:func:`bnviz.core.sweep.depth_sweep`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Protocol

import numpy as np

from bnviz.core import blas, mlp, sweep, training
from bnviz.lessons.deep.settings import DeepSweepSpec, DeepTrainSpec


class Report(Protocol):
    """What a run yields: how far it is, and whether it is done."""

    @property
    def complete(self) -> bool: ...

    @property
    def fraction(self) -> float: ...




def train_run(spec: DeepTrainSpec) -> Iterator[training.PairProgress]:
    """The page's training: both networks, every unit's percentiles recorded."""
    net, train = spec.configs()
    return training.train_pair(net, train, every_unit=True)


# A depth sweep's settings: architecture, training, depths, target, step budget, eval_every.
SweepKey = tuple[mlp.NetConfig, training.TrainConfig, tuple[int, ...], float, int, int]


def sweep_key(train_spec: DeepTrainSpec, sweep_spec: DeepSweepSpec) -> SweepKey:
    """The store key of a depth sweep: the settings it depends on and nothing else (the
    single run's depth and step count do not enter a sweep, so they are set to defaults)."""
    net, train = train_spec.configs()
    return (replace(net, depth=mlp.NetConfig().depth),
            replace(train, steps=training.TrainConfig().steps), sweep_spec.depths,
            float(sweep_spec.target), int(sweep_spec.max_steps), DeepSweepSpec.EVAL_EVERY)


def sweep_run(key: SweepKey) -> Iterator[sweep.SweepProgress]:
    """The depth sweep of a :func:`sweep_key`."""
    net, train, depths, target, max_steps, eval_every = key
    return sweep.depth_sweep(net, train, depths=depths, target_accuracy=target,
                             max_steps=max_steps, eval_every=eval_every)


def record_index(steps: np.ndarray, at: int) -> int:
    """Index of the last recorded step at or before ``at`` (0 if ``at`` precedes them all):
    a partial run shows its latest histogram for a step it has not reached yet."""
    return max(int(np.searchsorted(np.asarray(steps), at, side="right")) - 1, 0)


JobKey = DeepTrainSpec | SweepKey


def run_job(key: JobKey) -> Iterator[Report]:
    """What a worker process runs for the page: the training of a :class:`DeepTrainSpec`, or
    the depth sweep of a :func:`sweep_key`, with numpy's BLAS on one thread.

    One thread, because the matrices are tiny (see :mod:`bnviz.core.blas`); for the whole
    job, because a worker process runs nothing else. A module-level generator function, so
    that a spawned worker can import it by name.
    """
    with blas.threads(1):
        if isinstance(key, DeepTrainSpec):
            yield from train_run(key)
        else:
            yield from sweep_run(key)
