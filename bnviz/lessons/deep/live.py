"""Live training for the page "Deep networks": every unit's input percentiles, and a store
of runs that a page can stop, leave and resume.

:func:`bnviz.training.train_pair` records the 15/50/85th percentiles of ONE unit, chosen
before training. The page lets the user pick any unit of any layer after training, so
:func:`pair_run` trains the same pair in the same lockstep (the same
:func:`bnviz.training.updates` and :class:`bnviz.recording.Recorder`) and also records the
percentiles of every unit of every hidden layer: ``R x L x 3 x W`` numbers, at most
201 x 10 x 3 x 256 float32 = 6 MB a network.

:class:`Store` keeps one :class:`StoreEntry` per training spec: the latest result and, while
unfinished, the suspended generator, so a rerun of the page (a chart option changed, the
stop button pressed) continues where the last one left off instead of starting again.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field, replace

import numpy as np

from bnviz.core import blas, datasets, mlp, recording, smoothness, sweep, training


@dataclass(frozen=True)
class DeepRun:
    """A (partial) run: the core's result and every unit's percentiles.

    Attributes
    ----------
    pair : PairResult
    percentiles_plain, percentiles_bn : ndarray, shape (R, L, 3, W), float32
        15/50/85th percentiles of the input to each unit's nonlinearity on the held-out
        batch (training mode, as :class:`bnviz.recording.Recorder` measures its one unit).
    step, n_steps : int
        Updates done when this was recorded, out of the spec's ``steps``.
    """

    pair: training.PairResult
    percentiles_plain: np.ndarray
    percentiles_bn: np.ndarray
    step: int
    n_steps: int

    @property
    def complete(self) -> bool:
        return self.step >= self.n_steps

    @property
    def fraction(self) -> float:
        return self.step / self.n_steps


def record_index(steps, at: int) -> int:
    """Index of the last recorded step at or before ``at`` (0 if ``at`` precedes them all):
    a partial run shows its latest histogram for a step it has not reached yet."""
    return max(int(np.searchsorted(np.asarray(steps), at, side="right")) - 1, 0)


def unit_percentiles(x_held, params, states, config: mlp.NetConfig) -> np.ndarray:
    """(L, 3, W): the percentiles of every hidden unit's nonlinearity input on ``x_held``."""
    _, cache, _ = mlp.forward(x_held, params, states, config, training=True)
    return np.stack([np.percentile(z, recording.PERCENTILES, axis=0) for z in cache.act_inputs]
                    ).astype(np.float32)


def pair_run(spec: training.DeepSpec, data: datasets.Dataset | None = None, *, dtype=np.float32):
    """Train the plain and the BN network in lockstep; yield a :class:`DeepRun` at each
    recording step. Unlike :func:`bnviz.training.train_pair` it does not hold numpy's BLAS
    at one thread while suspended: the caller wraps each ``next`` (see :meth:`Store.advance`).
    """
    data = data if data is not None else datasets.load(spec.dataset, seed=spec.seed)
    schedule = set(int(s) for s in recording.record_steps(spec.steps, spec.n_records))
    etas = smoothness.default_etas(spec.lr, n=spec.n_etas)
    configs = (spec.net_config("off"), spec.net_config(spec.bn))
    recorders = [recording.Recorder(c, data, n_steps=spec.steps, etas=etas, unit=0)
                 for c in configs]
    pcts: tuple[list, list] = ([], [])
    runs = [training.updates(c, spec, data, n_steps=spec.steps, dtype=dtype) for c in configs]
    start = time.perf_counter()
    for pair in zip(*runs, strict=True):
        step = pair[0][0]
        for i, (_, params, states, xb, yb, loss) in enumerate(pair):
            if step > 0:
                recorders[i].log_loss(step - 1, loss)
            if step in schedule:
                recorders[i].record(step, params, states, xb, yb)
                pcts[i].append(unit_percentiles(recorders[i].x_held, params, states, configs[i]))
        if step in schedule:
            result = training.PairResult(spec, recorders[0].result(), recorders[1].result(),
                                         time.perf_counter() - start)
            yield DeepRun(result, np.stack(pcts[0]), np.stack(pcts[1]), step, spec.steps)


@dataclass
class StoreEntry:
    """One spec's run in the store: the latest result, and the generator while unfinished."""

    latest: object | None = None
    generator: object | None = None
    stopped: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def complete(self) -> bool:
        return self.latest is not None and self.generator is None and not self.stopped


class Store:
    """Runs keyed by their frozen settings, oldest dropped beyond ``max_entries``.

    ``make(key)`` builds the generator of a key's run; each yielded value must have a
    ``complete`` property. A page calls :meth:`advance` in a loop and draws a progress bar
    between calls; if the page's script is interrupted between two calls, the generator
    stays suspended and the next :meth:`advance` resumes it.
    """

    def __init__(self, make, *, max_entries: int = 8):
        self.make, self.max_entries = make, max_entries
        self.runs: dict = {}
        self._lock = threading.Lock()

    def get(self, key) -> StoreEntry:
        with self._lock:
            run = self.runs.pop(key, None) or StoreEntry()
            self.runs[key] = run  # most recently used last
            while len(self.runs) > self.max_entries:
                old = self.runs.pop(next(iter(self.runs)))
                if old.generator is not None:
                    old.generator.close()
            return run

    def advance(self, key):
        """StoreEntry ``key`` to its next report and return it (None if another thread is running
        it). Starts the run if needed, restarts one that was stopped."""
        run = self.get(key)
        if not run.lock.acquire(blocking=False):
            return None
        try:
            if run.complete:
                return run.latest
            if run.generator is None:
                run.generator, run.stopped = self.make(key), False
            with blas.threads(1):  # tiny matrices: see bnviz.blas
                value = next(run.generator, None)
            if value is None or value.complete:
                run.generator.close()
                run.generator = None
            if value is not None:
                run.latest = value
            return run.latest
        finally:
            run.lock.release()

    def stop(self, key) -> None:
        """Stop ``key``'s run, keeping its partial result (a later advance starts afresh)."""
        run = self.get(key)
        with run.lock:
            if run.generator is not None:
                run.generator.close()
                run.generator = None
                run.stopped = run.latest is None or not run.latest.complete


@dataclass(frozen=True)
class SweepRun:
    """A (partial) depth sweep, as :class:`Store` wants it (with ``complete``)."""

    progress: object  # bnviz.sweep.SweepProgress

    @property
    def result(self):
        return self.progress.result

    @property
    def complete(self) -> bool:
        return self.progress.done >= self.progress.total

    @property
    def fraction(self) -> float:
        return float(self.progress.fraction)


def sweep_key(spec: training.DeepSpec, *, depths, target: float, max_steps: int,
              eval_every: int) -> tuple:
    """The store key of a depth sweep: the settings it depends on and nothing else (the
    spec's own depth and step count do not enter a sweep, so they are set to defaults)."""
    base = training.DeepSpec()
    spec = replace(spec, depth=base.depth, steps=base.steps)
    return (spec, tuple(int(d) for d in depths), float(target), int(max_steps), int(eval_every))


def sweep_run(key: tuple):
    """Generator of :class:`SweepRun` for a :func:`sweep_key`."""
    spec, depths, target, max_steps, eval_every = key
    gen = sweep.depth_sweep(spec, depths=depths, target_accuracy=target, max_steps=max_steps,
                            eval_every=eval_every)
    for progress in gen:
        yield SweepRun(progress)
