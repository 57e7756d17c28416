"""The pool of worker processes: jobs run outside the web process, are shared by key, queue
beyond the workers, stop when asked or when their last watcher leaves, and respect a
visitor's budget."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from bnviz.ui.jobs import DONE, FAILED, QUEUED, RUNNING, STOPPED, BudgetExceeded, JobPool


def counting(key: tuple[int, float]) -> Iterator[tuple[int, int]]:
    """Yield (step, pid) ``n`` times, ``pause`` seconds apart (runs in a worker)."""
    n, pause = key
    for step in range(1, n + 1):
        time.sleep(pause)
        yield step, os.getpid()


def failing(key: int) -> Iterator[int]:
    yield 1
    raise ValueError(f"bad key {key}")


def wait_for(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


@pytest.fixture(scope="module")
def pool():
    p = JobPool(counting, workers=1, per_owner=1)
    yield p
    p.shutdown()


def test_a_job_runs_in_another_process_and_reports_every_value(pool):
    job = pool.submit((5, 0.0), owner="a")
    wait_for(lambda: job.state == DONE)
    step, pid = job.latest
    assert step == 5 and pid != os.getpid()


def test_visitors_asking_for_the_same_key_share_one_job(pool):
    first = pool.submit((30, 0.02), owner="a")
    second = pool.submit((30, 0.02), owner="b")
    assert second is first and first.watchers == {"a", "b"}
    wait_for(lambda: first.state == DONE)
    assert first.latest[0] == 30


def test_jobs_beyond_the_workers_wait_in_order_and_know_their_place(pool):
    running = pool.submit((200, 0.01), owner="r")
    wait_for(lambda: running.state == RUNNING)
    queued = [pool.submit((13 + i, 0.0), owner=f"q{i}") for i in range(3)]
    assert [pool.position(j) for j in queued] == [1, 2, 3]
    assert all(j.state == QUEUED for j in queued)
    pool.stop((200, 0.01))
    wait_for(lambda: all(j.state == DONE for j in queued))
    assert running.state == STOPPED and 0 < running.latest[0] < 200


def test_the_last_watcher_leaving_cancels_the_job(pool):
    job = pool.submit((500, 0.01), owner="x")
    pool.submit((500, 0.01), owner="y")
    wait_for(lambda: job.state == RUNNING and job.latest is not None)
    pool.leave((500, 0.01), "x")
    time.sleep(0.1)
    assert job.state == RUNNING  # y still watches
    pool.leave((500, 0.01), "y")
    wait_for(lambda: job.state == STOPPED)
    assert job.latest[0] < 500


def test_a_visitor_has_one_job_at_a_time(pool):
    job = pool.submit((100, 0.01), owner="v")
    with pytest.raises(BudgetExceeded) as err:
        pool.submit((7, 0.0), owner="v")
    assert err.value.job is job
    pool.stop((100, 0.01))
    wait_for(lambda: job.finished)
    done = pool.submit((7, 0.0), owner="v")  # the first one ended: the budget is free again
    wait_for(lambda: done.state == DONE)


def test_a_stopped_job_starts_again_when_asked_again(pool):
    job = pool.submit((300, 0.01), owner="s")
    wait_for(lambda: job.latest is not None)
    pool.stop((300, 0.01))
    wait_for(lambda: job.state == STOPPED)
    again = pool.submit((300, 0.01), owner="s")
    assert again is not job and again.state in (QUEUED, RUNNING)
    pool.stop((300, 0.01))
    wait_for(lambda: again.finished)


def test_a_failing_job_reports_its_error_and_the_worker_survives():
    pool = JobPool(failing, workers=1)
    try:
        job = pool.submit(3, owner="f")
        wait_for(lambda: job.finished)
        assert job.state == FAILED and "bad key 3" in job.error and job.latest == 1
        other = pool.submit(4, owner="g")
        wait_for(lambda: other.finished)
        assert other.state == FAILED and "bad key 4" in other.error
    finally:
        pool.shutdown()
