"""The two kinds of run "Deep networks" asks the worker pool for, and record lookup."""

from dataclasses import replace

import numpy as np
import pytest

from bnviz.core import blas, training
from bnviz.lessons.deep import live
from bnviz.lessons.deep.settings import DeepSweepSpec, DeepTrainSpec

SPEC = DeepTrainSpec(depth=2, width=16, steps=30)


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


def test_a_job_runs_the_training_or_the_sweep_of_its_key_with_blas_on_one_thread():
    before = blas.get_threads()
    job = live.run_job(SPEC)
    first = next(job)
    if before is not None:
        assert blas.get_threads() == 1  # inside the job (a worker runs nothing else)
    rest = list(job)
    assert blas.get_threads() == before  # restored when the job ends
    ref = list(live.train_run(SPEC))
    assert [r.step for r in [first, *rest]] == [r.step for r in ref]
    key = live.sweep_key(SPEC, DeepSweepSpec(depth_lo=1, depth_hi=1, max_steps=20))
    sweep_reports = list(live.run_job(key))
    assert [r.done for r in sweep_reports] == [1, 2] and sweep_reports[-1].complete


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
