"""The live-training store and the two kinds of run it holds on "Deep networks"."""

from dataclasses import dataclass, replace

import numpy as np
import pytest

from bnviz.core import blas, training
from bnviz.lessons.deep import live
from bnviz.lessons.deep.settings import DeepSweepSpec, DeepTrainSpec

SPEC = DeepTrainSpec(depth=2, width=16, steps=30)


@dataclass(frozen=True)
class Tick:
    step: int
    n_steps: int = 3

    @property
    def complete(self):
        return self.step >= self.n_steps

    @property
    def fraction(self):
        return self.step / self.n_steps


def counting_store():
    made = []

    def make(key):
        made.append(key)
        return (Tick(s) for s in range(4))

    return live.Store(make, max_entries=2), made


def test_store_resumes_a_run_instead_of_restarting():
    store, made = counting_store()
    assert store.advance("a").step == 0
    assert store.advance("a").step == 1  # a second page run picks up the same generator
    assert made == ["a"]
    while not store.get("a").complete:
        store.advance("a")
    assert store.get("a").latest.step == 3 and store.get("a").generator is None
    assert store.advance("a").step == 3 and made == ["a"]  # done: never retrained


def test_stop_keeps_the_partial_result_and_a_later_advance_starts_afresh():
    store, made = counting_store()
    store.advance("a")
    store.advance("a")
    store.stop("a")
    run = store.get("a")
    assert run.stopped and not run.complete and run.latest.step == 1 and run.generator is None
    assert store.advance("a").step == 0 and made == ["a", "a"]
    assert not store.get("a").stopped


def test_store_evicts_the_oldest_run_and_closes_its_generator():
    store, _ = counting_store()
    store.advance("a")
    gen = store.get("a").generator
    store.advance("b")
    store.advance("c")
    assert list(store.runs) == ["b", "c"]
    with pytest.raises(StopIteration):
        next(gen)  # closed


def test_a_run_busy_in_another_thread_is_not_advanced():
    store, _ = counting_store()
    run = store.get("a")
    with run.lock:
        assert store.advance("a") is None


def test_train_run_is_the_cores_run_with_every_units_percentiles():
    runs = list(live.train_run(SPEC))
    ref = training.run(*SPEC.configs())
    last = runs[-1]
    assert last.complete and not runs[0].complete
    assert [r.step for r in runs] == list(ref.plain.steps)
    for mine, theirs in ((last.result.plain, ref.plain), (last.result.bn, ref.bn)):
        np.testing.assert_array_equal(mine.test_accuracy, theirs.test_accuracy)
        np.testing.assert_array_equal(mine.train_loss, theirs.train_loss)
        np.testing.assert_array_equal(mine.unit_percentiles, theirs.unit_percentiles)
        assert theirs.layer_percentiles is None
        assert mine.layer_percentiles.shape == (len(runs), SPEC.depth, 3, SPEC.width)


def test_the_store_holds_blas_at_one_thread_only_inside_advance():
    seen = []

    def make(key):
        for report in live.train_run(key):
            seen.append(blas.get_threads())
            yield report

    before = blas.get_threads()
    store = live.Store(make)
    store.advance(SPEC)
    assert blas.get_threads() == before  # suspended between advances: the count is restored
    if before is not None:
        assert seen == [1]


@pytest.mark.parametrize("at, want", [(0, 0), (9, 0), (10, 1), (29, 2), (30, 3), (10_000, 3)])
def test_record_index_is_the_last_record_at_or_before(at, want):
    assert live.record_index(np.array([0, 10, 20, 30]), at) == want


SWEEP = DeepSweepSpec(depth_lo=1, depth_hi=2, target=0.5, max_steps=30)


def test_sweep_key_ignores_the_single_runs_depth_and_steps():
    a = live.sweep_key(SPEC, SWEEP)
    b = live.sweep_key(replace(SPEC, depth=7, steps=50), replace(SWEEP, depth_lo=2, depth_hi=1))
    c = live.sweep_key(replace(SPEC, lr=0.5), SWEEP)
    assert a == b and a != c and hash(a) == hash(b)
    assert a[2] == (1, 2) and a[5] == DeepSweepSpec.EVAL_EVERY


def test_sweep_run_reports_every_network_and_completes():
    runs = list(live.sweep_run(live.sweep_key(SPEC, SWEEP)))
    assert [r.done for r in runs] == [1, 2, 3, 4]
    assert runs[-1].complete and not runs[-2].complete
    assert runs[-1].fraction == 1.0
