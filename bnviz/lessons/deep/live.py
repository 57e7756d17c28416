"""Live training for the page "Deep networks": a store of runs that a page can stop, leave
and resume, and the two kinds of run it holds.

A training run is the core's :func:`bnviz.core.training.train_pair`, asked to keep every
unit's input percentiles (the page lets the user pick any unit of any layer after training):
``R x L x 3 x W`` float32 numbers a network (records x layers x percentiles x units; see
:func:`bnviz.core.recording.record_nbytes_bound`). A sweep run is
:func:`bnviz.core.sweep.depth_sweep`.

:class:`Store` keeps one :class:`StoreEntry` per key: the latest report and, while
unfinished, the suspended generator, so a rerun of the page (a chart option changed, the
stop button pressed) continues where the last one left off instead of starting again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Hashable, Iterator
from dataclasses import dataclass, field, replace
from typing import Generic, Protocol, TypeVar

import numpy as np

from bnviz.core import blas, mlp, sweep, training
from bnviz.lessons.deep.settings import DeepSweepSpec, DeepTrainSpec


class Report(Protocol):
    """What a run yields: how far it is, and whether it is done."""

    @property
    def complete(self) -> bool: ...

    @property
    def fraction(self) -> float: ...


K = TypeVar("K", bound=Hashable)
R = TypeVar("R", bound=Report)


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


@dataclass
class StoreEntry(Generic[R]):
    """One key's run in the store: the latest report, and the generator while unfinished."""

    latest: R | None = None
    generator: Generator[R, None, None] | None = None
    stopped: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def complete(self) -> bool:
        return self.latest is not None and self.generator is None and not self.stopped


def _as_generator(reports: Iterator[R]) -> Generator[R, None, None]:
    """``reports`` as a generator, which the store can close when it drops or stops a run."""
    yield from reports


class Store(Generic[K, R]):
    """Runs keyed by their frozen settings, oldest dropped beyond ``max_entries``.

    ``make(key)`` builds the iterator of a key's reports. A page calls :meth:`advance` in a
    loop and draws a progress bar between calls; if the page's script is interrupted between
    two calls, the generator stays suspended and the next :meth:`advance` resumes it.
    """

    def __init__(self, make: Callable[[K], Iterator[R]], *, max_entries: int = 8):
        self.make, self.max_entries = make, max_entries
        self.runs: dict[K, StoreEntry[R]] = {}
        self._lock = threading.Lock()

    def get(self, key: K) -> StoreEntry[R]:
        with self._lock:
            run = self.runs.pop(key, None) or StoreEntry[R]()
            self.runs[key] = run  # most recently used last
            while len(self.runs) > self.max_entries:
                old = self.runs.pop(next(iter(self.runs)))
                if old.generator is not None:
                    old.generator.close()
            return run

    def advance(self, key: K) -> R | None:
        """Advance ``key``'s run to its next report and return it (None if another thread is
        running it). Starts the run if needed, restarts one that was stopped."""
        run = self.get(key)
        if not run.lock.acquire(blocking=False):
            return None
        try:
            if run.complete:
                return run.latest
            if run.generator is None:
                run.generator, run.stopped = _as_generator(self.make(key)), False
            with blas.threads(1):  # tiny matrices: see bnviz.core.blas; not held while suspended
                value = next(run.generator, None)
            if value is None or value.complete:
                run.generator.close()
                run.generator = None
            if value is not None:
                run.latest = value
            return run.latest
        finally:
            run.lock.release()

    def stop(self, key: K) -> None:
        """Stop ``key``'s run, keeping its partial result (a later advance starts afresh)."""
        run = self.get(key)
        with run.lock:
            if run.generator is not None:
                run.generator.close()
                run.generator = None
                run.stopped = run.latest is None or not run.latest.complete
