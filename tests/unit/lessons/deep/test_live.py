"""The live-training store, every unit's percentiles, and the sentences of "Deep networks"."""

from dataclasses import dataclass, replace

import numpy as np
import pytest

from bnviz.core import datasets, mlp, training
from bnviz.lessons.deep import live
from bnviz.lessons.deep import text as deep_text
from bnviz.lessons.deep.settings import DeepSweepSpec, DeepTrainSpec, DeepViewSpec

SPEC = training.DeepSpec(depth=2, width=16, steps=30, n_records=4, n_etas=3)


@dataclass(frozen=True)
class Tick:
    step: int
    n_steps: int = 3

    @property
    def complete(self):
        return self.step >= self.n_steps


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


def test_pair_run_matches_the_cores_run_and_ends_complete():
    runs = list(live.pair_run(SPEC))
    ref = training.run(SPEC)
    last = runs[-1]
    assert last.complete and not runs[0].complete
    assert [r.step for r in runs] == list(ref.plain.steps)
    for mine, theirs in ((last.pair.plain, ref.plain), (last.pair.bn, ref.bn)):
        np.testing.assert_array_equal(mine.test_accuracy, theirs.test_accuracy)
        np.testing.assert_array_equal(mine.train_loss, theirs.train_loss)
    assert last.percentiles_plain.shape == (len(runs), SPEC.depth, 3, SPEC.width)


def test_unit_percentiles_equal_numpy_on_the_forward_pass():
    data = datasets.load("circles", seed=0)
    config = mlp.NetConfig(depth=2, width=8, activation="tanh", init="xavier", bn="before")
    params, states = mlp.init_params(config, n_inputs=2, n_outputs=2, seed=3, dtype=np.float64)
    got = live.unit_percentiles(data.x_test, params, states, config)
    # Direct: layer 1's BN-normalized input, by hand (gamma 1, beta 0, batch statistics).
    z = data.x_test @ params[0].W + params[0].b
    z = (z - z.mean(0)) / np.sqrt(z.var(0) + config.eps)
    for j in range(8):
        np.testing.assert_allclose(got[0, :, j], np.percentile(z[:, j], [15, 50, 85]), rtol=1e-5,
                                   atol=1e-6)


@pytest.mark.parametrize("at, want", [(0, 0), (9, 0), (10, 1), (29, 2), (30, 3), (10_000, 3)])
def test_record_index_is_the_last_record_at_or_before(at, want):
    assert live.record_index(np.array([0, 10, 20, 30]), at) == want


def test_sweep_key_ignores_the_single_runs_depth_and_steps():
    a = live.sweep_key(SPEC, depths=(1, 2), target=0.9, max_steps=300, eval_every=10)
    b = live.sweep_key(replace(SPEC, depth=7, steps=50), depths=[1, 2], target=0.9,
                            max_steps=300, eval_every=10)
    c = live.sweep_key(replace(SPEC, lr=0.5), depths=(1, 2), target=0.9, max_steps=300,
                            eval_every=10)
    assert a == b and a != c and hash(a) == hash(b)


def test_sweep_run_reports_every_network_and_completes():
    key = live.sweep_key(SPEC, depths=(1, 2), target=0.5, max_steps=30, eval_every=10)
    runs = list(live.sweep_run(key))
    assert [r.progress.done for r in runs] == [1, 2, 3, 4]
    assert runs[-1].complete and not runs[-2].complete


def test_settings_map_onto_the_cores_spec_and_defaults_agree():
    assert DeepTrainSpec().deep_spec() == training.DeepSpec()
    s = DeepTrainSpec(depth=7, width=32, activation="relu", init="he", bn="after",
                      optimizer="momentum", lr=0.1, batch_size=8, steps=20, seed=5).deep_spec()
    assert (s.depth, s.width, s.activation, s.init, s.bn, s.optimizer, s.lr, s.batch_size,
            s.steps, s.seed) == (7, 32, "relu", "he", "after", "momentum", 0.1, 8, 20, 5)
    assert DeepSweepSpec(depth_lo=4, depth_hi=2).depths == (2, 3, 4)
    from bnviz.core.recording import record_steps

    assert DeepViewSpec().at in record_steps(SPEC.__class__().steps, SPEC.__class__().n_records)


def test_every_key_is_prefixed_and_unique():
    from bnviz.settings import params_of

    keys = [p.key for cls in (DeepTrainSpec, DeepViewSpec, DeepSweepSpec)
            for _, p in params_of(cls)]
    assert all(k.startswith("dn_") for k in keys) and len(set(keys)) == len(keys)


def test_training_sentence_states_the_measured_numbers():
    run = list(live.pair_run(SPEC))[-1]
    text = deep_text.training_sentence(run, layer=1, unit=3)
    plain, bn = run.pair.plain, run.pair.bn
    assert f"{plain.test_accuracy[-1]:.1%}" in text and f"{bn.test_accuracy[-1]:.1%}" in text
    assert f"After {SPEC.steps} steps" in text and "unit 4 of layer 2" in text
    m0, m1, _, _ = deep_text.unit_change(run.percentiles_bn[:, 1, :, 3])
    assert m0 == pytest.approx(float(np.median(run.percentiles_bn[0, 1, 1, 3])))
    partial = list(live.pair_run(SPEC))[1]
    assert deep_text.training_sentence(partial, layer=0, unit=0).startswith("So far")


def test_first_reach_and_band_width():
    steps, acc = np.array([0, 10, 20]), np.array([0.1, 0.5, 0.9])
    assert deep_text.first_reach(steps, acc, 0.5) == 10
    assert deep_text.first_reach(steps, acc, 0.95) is None
    assert deep_text.band_width(np.array([[1.0, 3.0], [2.0, 2.5]])) == pytest.approx(1.25)


def test_sweep_sentence_counts_depths_from_the_result():
    from bnviz.core.sweep import DepthSweep

    sw = DepthSweep(np.array([1, 2, 3]), np.array([50.0, np.nan, np.nan]),
                    np.array([20.0, 40.0, np.nan]), np.array([0.95, 0.3, 0.2]),
                    np.array([0.95, 0.92, 0.5]), 0.9, 300)
    text = deep_text.sweep_sentence(sw)
    assert "Without BN 1 of 3 depths reached 90% (the slowest in 50 steps)" in text
    assert "with BN 2 of 3 depths" in text and "slowest in 40 steps" in text
    assert "BN was faster at 1 of 1 depths" in text
    nobody = DepthSweep(np.array([1, 2]), np.array([np.nan, np.nan]), np.array([np.nan, np.nan]),
                        np.array([0.2, 0.1]), np.array([0.5, np.nan]), 0.9, 300)
    assert deep_text.sweep_sentence(nobody) == (
        "Without BN none of 1 depth reached 90% within 300 steps; with BN none of 1 depth "
        "reached 90% within 300 steps.")
    none = DepthSweep(np.array([1]), np.array([np.nan]), np.array([np.nan]), np.array([np.nan]),
                      np.array([np.nan]), 0.9, 300)
    assert "not finished" in deep_text.sweep_sentence(none)


def test_stuck_is_a_plateau_of_the_held_out_loss():
    assert deep_text.stuck(np.array([2.30, 2.29, 2.25]))
    assert not deep_text.stuck(np.array([2.30, 1.2, 0.3]))
    assert not deep_text.stuck(np.array([np.nan]))


def test_smoothness_reading_follows_the_numbers():
    assert "2× narrower" in deep_text.smoothness_reading(1.0, 0.5, stuck=False)
    assert "plateau" in deep_text.smoothness_reading(0.5, 1.0, stuck=True)
    assert "2× wider" in deep_text.smoothness_reading(0.5, 1.0, stuck=False)


def test_training_sentence_reads_the_bands_of_a_stuck_network():
    run = list(live.pair_run(SPEC))[-1]
    text = deep_text.training_sentence(run, layer=0, unit=0)
    plain, bn = run.pair.plain, run.pair.bn
    wp, wb = deep_text.band_width(plain.loss_band), deep_text.band_width(bn.loss_band)
    want = deep_text.smoothness_reading(wp, wb, stuck=deep_text.stuck(plain.test_loss))
    assert text.endswith(want)
