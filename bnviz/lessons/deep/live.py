"""Live training for the page "Deep networks": the two kinds of run the page asks the worker
pool for (:mod:`bnviz.ui.jobs`), and how a run's records are looked up.

A training run is the core's :func:`bnviz.core.training.train_pair`, asked to keep every
unit's input percentiles (the page lets the user pick any unit of any layer after training):
``R x L x 3 x W`` float32 numbers a network (records x layers x percentiles x units; see
:func:`bnviz.core.recording.record_nbytes_bound`). A sweep run is
:func:`bnviz.core.sweep.depth_sweep`.

Either kind runs on the built-in data set its settings name, or on a visitor's file: then the
key is an :class:`OwnRun`, the run's settings with the file's columns
(:class:`~bnviz.lessons.common.own_source.OwnClassification`), whose rows travel with the key
to the worker process (a job's key is pickled there). Visitors with the same file, columns
and settings share one run, as they share a run on a built-in set.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Protocol

import numpy as np

from bnviz.core import blas, datasets, mlp, sweep, training
from bnviz.lessons.common.own_source import OwnClassification
from bnviz.lessons.deep.settings import DeepSweepSpec, DeepTrainSpec


class Report(Protocol):
    """What a run yields: how far it is, and whether it is done."""

    @property
    def complete(self) -> bool: ...

    @property
    def fraction(self) -> float: ...


def train_run(spec: DeepTrainSpec, data: datasets.Dataset | None = None
              ) -> Iterator[training.PairProgress]:
    """The page's training: both networks, every unit's percentiles recorded; on ``data``
    (a visitor's file) or else on the data set ``spec`` names."""
    net, train = spec.configs()
    return training.train_pair(net, train, data=data, every_unit=True)


# A depth sweep's settings: architecture, training, depths, target, step budget, eval_every.
SweepKey = tuple[mlp.NetConfig, training.TrainConfig, tuple[int, ...], float, int, int]


def sweep_key(train_spec: DeepTrainSpec, sweep_spec: DeepSweepSpec) -> SweepKey:
    """The store key of a depth sweep: the settings it depends on and nothing else (the
    single run's depth and step count do not enter a sweep, so they are set to defaults)."""
    net, train = train_spec.configs()
    return (replace(net, depth=mlp.NetConfig().depth),
            replace(train, steps=training.TrainConfig().steps), sweep_spec.depths,
            float(sweep_spec.target), int(sweep_spec.max_steps), DeepSweepSpec.EVAL_EVERY)


def sweep_run(key: SweepKey, data: datasets.Dataset | None = None
              ) -> Iterator[sweep.SweepProgress]:
    """The depth sweep of a :func:`sweep_key`, on ``data`` or else the key's data set."""
    net, train, depths, target, max_steps, eval_every = key
    return sweep.depth_sweep(net, train, depths=depths, target_accuracy=target,
                             max_steps=max_steps, eval_every=eval_every, data=data)


@dataclass(frozen=True)
class OwnRun:
    """A run on a visitor's file: ``run`` (a training's spec or a sweep's key, with the
    built-in data set's name at its default: it is not used) on the rows of ``own``."""

    run: DeepTrainSpec | SweepKey
    own: OwnClassification

    def ident(self) -> tuple[Any, ...]:
        """Which run this is, without the rows: a cheap cache key."""
        return self.run, self.own.ident()


JobKey = DeepTrainSpec | SweepKey | OwnRun


def on_data(key: DeepTrainSpec | SweepKey, own: OwnClassification | None) -> JobKey:
    """The job key of ``key`` on ``own`` (None: the built-in data set ``key`` names).

    The data-set setting is not used with a file, so it is put at its default: visitors
    whose hidden data-set choices differ still share the run on the same file.
    """
    if own is None:
        return key
    default = training.TrainConfig().dataset
    if isinstance(key, DeepTrainSpec):
        return OwnRun(replace(key, dataset=default), own)
    net, train, depths, target, max_steps, eval_every = key
    return OwnRun((net, replace(train, dataset=default), depths, target, max_steps, eval_every),
                  own)


def record_index(steps: np.ndarray, at: int) -> int:
    """Index of the last recorded step at or before ``at`` (0 if ``at`` precedes them all):
    a partial run shows its latest histogram for a step it has not reached yet."""
    return max(int(np.searchsorted(np.asarray(steps), at, side="right")) - 1, 0)


def run_job(key: JobKey) -> Iterator[Report]:
    """What a worker process runs for the page: the training of a :class:`DeepTrainSpec`, or
    the depth sweep of a :func:`sweep_key`, on a visitor's file when ``key`` is an
    :class:`OwnRun`, with numpy's BLAS on one thread.

    One thread, because the matrices are tiny (see :mod:`bnviz.core.blas`); for the whole
    job, because a worker process runs nothing else. A module-level generator function, so
    that a spawned worker can import it by name.
    """
    data = key.own.data if isinstance(key, OwnRun) else None
    run = key.run if isinstance(key, OwnRun) else key
    with blas.threads(1):
        if isinstance(run, DeepTrainSpec):
            yield from train_run(run, data)
        else:
            yield from sweep_run(run, data)
