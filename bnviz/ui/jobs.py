"""Heavy work outside the threads that serve pages: a bounded pool of worker processes.

Why: Streamlit runs every visitor's script in a thread of one process, so a long training
run holds the interpreter and stalls every other visitor's charts (measured: one visitor
asking for 2,500 training steps froze the others' pages). A job here runs in a worker
process; the page only polls its progress, which costs the web process nothing.

- A job is a generator function ``make(key)`` (importable, so a spawned worker can run it)
  and a hashable, picklable ``key`` (the frozen settings). Every value it yields travels back
  as the job's ``latest`` value, so a page draws a partial result while the job runs.
- Visitors who ask for the same key share one job: the second sees the first's progress.
- ``workers`` processes run at once (by default the machine's cores); later jobs wait in a
  queue and know their place in it.
- A job whose last watcher has left is cancelled (queued: never started; running: stopped
  at its next yield). A job can also be stopped by a visitor's button: its partial result stays.
- Each visitor (``owner``) may have at most ``per_owner`` jobs queued or running.

Workers are started with ``spawn``: forking a process that runs a web server's threads can
copy a lock that some thread holds, and deadlock the child.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import threading
import traceback
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from bnviz.ui.memory import release_memory

Make = Callable[[Any], Iterator[Any]]

QUEUED, RUNNING, DONE, STOPPED, FAILED = "queued", "running", "done", "stopped", "failed"
# A job id indexes a ring of shared cancel flags; ids are reused after this many jobs, long
# after any job with the same slot has ended.
_SLOTS = 4096

_updates: Any = None  # in a worker: the queue its values go back through
_cancel: Any = None   # in a worker: the shared cancel flags


def _init_worker(updates: Any, cancel: Any) -> None:
    global _updates, _cancel
    _updates, _cancel = updates, cancel


def _work(make: Make, key: Any, job_id: int) -> None:
    """Run one job in a worker: send every value back, stop when its flag is raised; then
    give the memory it used back to the system (a worker idles between classes)."""
    try:
        _run(make, key, job_id)
    finally:
        release_memory(collect=True)


def _run(make: Make, key: Any, job_id: int) -> None:
    slot = job_id % _SLOTS
    if _cancel[slot]:
        _updates.put((job_id, STOPPED, None))
        return
    _updates.put((job_id, RUNNING, None))
    try:
        for value in make(key):
            _updates.put((job_id, "value", value))
            if _cancel[slot]:
                _updates.put((job_id, STOPPED, None))
                return
    except Exception:  # a failed job is a result to show, not a dead worker
        _updates.put((job_id, FAILED, traceback.format_exc(limit=5)))
        return
    _updates.put((job_id, DONE, None))


@dataclass
class Job:
    """One key's job as the web process sees it (updated by the collector thread)."""

    job_id: int
    key: Any
    owner: Hashable
    state: str = QUEUED
    latest: Any = None
    error: str = ""
    watchers: set[Hashable] = field(default_factory=set)

    @property
    def finished(self) -> bool:
        return self.state in (DONE, STOPPED, FAILED)


class JobPool:
    """Jobs keyed by their settings, run by ``workers`` processes (see the module docstring)."""

    def __init__(self, make: Make, *, workers: int | None = None, per_owner: int = 1,
                 max_kept: int = 32):
        self.make, self.per_owner, self.max_kept = make, per_owner, max_kept
        self.workers = max(1, workers or os.cpu_count() or 1)
        ctx = mp.get_context("spawn")
        self._updates = ctx.Queue()
        self._cancel = ctx.Array("b", _SLOTS, lock=False)
        self._executor = ProcessPoolExecutor(self.workers, mp_context=ctx,
                                             initializer=_init_worker,
                                             initargs=(self._updates, self._cancel))
        self._jobs: dict[Any, Job] = {}
        self._by_id: dict[int, Job] = {}
        self._next_id = 0
        self._lock = threading.Lock()
        self._collector = threading.Thread(target=self._collect, daemon=True,
                                           name="bnviz-job-collector")
        self._collector.start()

    # ----------------------------------------------------------------- asked by pages
    def get(self, key: Any) -> Job | None:
        with self._lock:
            return self._jobs.get(key)

    def submit(self, key: Any, *, owner: Hashable) -> Job:
        """The job of ``key``: the running or finished one if there is one (``owner``
        watches it), else a new one. A stopped or failed job is started again.

        Raises
        ------
        BudgetExceeded
            When ``owner`` already has ``per_owner`` jobs queued or running.
        """
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and job.state in (QUEUED, RUNNING, DONE):
                job.watchers.add(owner)
                return job
            mine = [j for j in self._jobs.values() if j.owner == owner and not j.finished]
            if len(mine) >= self.per_owner:
                raise BudgetExceeded(mine[0])
            job = Job(job_id=self._next_id, key=key, owner=owner, watchers={owner})
            self._next_id += 1
            self._cancel[job.job_id % _SLOTS] = 0
            if job.key in self._jobs:
                self._forget(self._jobs.pop(job.key))
            self._jobs[key], self._by_id[job.job_id] = job, job
            self._trim()
        self._executor.submit(_work, self.make, key, job.job_id)
        return job

    def position(self, job: Job) -> int:
        """0 when the job runs or has finished; else its place in the queue, from 1 (the
        pool starts jobs in the order they were asked for)."""
        with self._lock:
            if job.state != QUEUED:
                return 0
            return 1 + sum(1 for j in self._jobs.values()
                           if j.state == QUEUED and j.job_id < job.job_id)

    def stop(self, key: Any) -> None:
        """Stop ``key``'s job (a stop button): its partial result stays."""
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and not job.finished:
                self._cancel[job.job_id % _SLOTS] = 1

    def leave(self, key: Any, owner: Hashable) -> None:
        """``owner`` no longer watches ``key``'s job; the last one to leave cancels it."""
        with self._lock:
            job = self._jobs.get(key)
            if job is None:
                return
            job.watchers.discard(owner)
            if not job.watchers and not job.finished:
                self._cancel[job.job_id % _SLOTS] = 1

    def shutdown(self) -> None:
        with self._lock:
            for job in self._jobs.values():
                if not job.finished:
                    self._cancel[job.job_id % _SLOTS] = 1
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._updates.put(None)
        self._collector.join(timeout=5)

    # ------------------------------------------------------------------ internals
    def _collect(self) -> None:
        while True:
            try:
                message = self._updates.get(timeout=1.0)
            except queue.Empty:
                continue
            except (EOFError, OSError):
                return
            if message is None:
                return
            job_id, what, payload = message
            with self._lock:
                job = self._by_id.get(job_id)
                if job is None:
                    continue
                if what == "value":
                    job.latest = payload
                else:
                    job.state = what
                    if what == FAILED:
                        job.error = str(payload)

    def _trim(self) -> None:
        """Forget the oldest finished jobs beyond ``max_kept`` (their results are the memory)."""
        finished = [j for j in self._jobs.values() if j.finished]
        for job in finished[: max(0, len(self._jobs) - self.max_kept)]:
            self._forget(self._jobs.pop(job.key))

    def _forget(self, job: Job) -> None:
        self._by_id.pop(job.job_id, None)


class BudgetExceeded(Exception):
    """A visitor asked for more jobs at once than the pool allows; ``job`` is theirs."""

    def __init__(self, job: Job):
        super().__init__(f"already running a job for {job.key!r}")
        self.job = job
