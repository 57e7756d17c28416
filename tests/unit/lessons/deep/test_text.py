"""Sentences of "Deep networks": every number and conclusion follows the run it describes.

The runs here are built by hand (results are values), so each test changes one input and
sees the sentence change with it.
"""

from dataclasses import replace

import numpy as np
import pytest

from bnviz.core import mlp, recording, training
from bnviz.core.sweep import DepthSweep
from bnviz.lessons.deep import text as deep_text
from bnviz.lessons.deep.settings import DeepTrainSpec

DEPTH, WIDTH = 2, 4


def record(*, accuracy, test_loss=None, loss_width=1.0, grad_width=2.0, init="small", bn="off",
           rows=359, percentiles=None, steps=None):
    """A NetRecord of ``len(accuracy)`` records; the loss band is ``loss_width`` wide at every
    step and the gradient band ``grad_width``."""
    r = len(accuracy)
    steps = np.arange(r) * 10 if steps is None else np.asarray(steps)
    loss = np.linspace(2.3, 0.3, r) if test_loss is None else np.asarray(test_loss, float)
    if percentiles is None:
        percentiles = np.zeros((r, DEPTH, 3, WIDTH), np.float32)
        percentiles[:, :, 0], percentiles[:, :, 2] = -1.0, 1.0
    return recording.NetRecord(
        config=mlp.NetConfig(depth=DEPTH, width=WIDTH, init=init, bn=bn),
        steps=steps, train_loss=np.ones(int(steps[-1])), test_loss=loss,
        test_accuracy=np.asarray(accuracy, float), unit_percentiles=np.asarray(percentiles)[:, -1, :, 0],
        held_out_rows=rows, layer_percentiles=np.asarray(percentiles, np.float32),
        hist_edges=np.linspace(0, 1, recording.N_BINS + 1),
        hist_counts=np.zeros((r, DEPTH, recording.N_BINS), np.int64), etas=np.array([0.5, 2.0]),
        landscape_losses=np.stack([np.ones(r), np.ones(r) + loss_width], axis=1),
        grad_changes=np.stack([np.ones(r), np.ones(r) + grad_width], axis=1),
        grad_norm=np.ones(r), beta_smoothness=np.ones(r))


def pair(plain, bn, *, n_steps=None):
    step = int(plain.steps[-1])
    result = training.PairResult(training.TrainConfig(), plain, bn, 1.0)
    return training.PairProgress(step, step if n_steps is None else n_steps, 0.0, 0.0, result)


PLAIN = record(accuracy=[0.1, 0.5, 0.8])
BN = record(accuracy=[0.1, 0.9, 0.95], bn="before", loss_width=0.5, grad_width=1.0)


def sentence(plain=PLAIN, bn=BN, **kw):
    return deep_text.training_sentence(pair(plain, bn, **kw), layer=1, unit=2)


def test_accuracies_and_steps_are_the_runs():
    assert "After 20 steps the network without BN reaches 80.0% test accuracy and the one with " \
           "BN 95.0%." in sentence()
    other = sentence(record(accuracy=[0.1, 0.2, 0.3, 0.4]), record(accuracy=[0.2, 0.3, 0.4, 0.6],
                                                                   bn="before"))
    assert "After 30 steps" in other and "40.0%" in other and "60.0%" in other


def test_a_partial_run_says_so_far():
    assert sentence(n_steps=600).startswith("So far, after 20 steps")
    assert sentence().startswith("After 20 steps")


def test_the_common_target_and_when_each_network_reached_it():
    target = deep_text.REACH_FRACTION * 0.95  # of the better final accuracy, by hand
    text = sentence()
    assert f"To {target:.0%} ({deep_text.REACH_FRACTION:.0%} of the better one)" in text
    # without BN 0.8 < 85.5% never; with BN 0.9 at step 10
    assert "without BN not within the 20 steps recorded, with BN after 10 steps" in text
    slow = record(accuracy=[0.1, 0.2, 0.95], bn="before")
    assert "with BN after 20 steps" in sentence(bn=slow)


def test_the_reach_fraction_is_the_one_stated(monkeypatch):
    monkeypatch.setattr(deep_text, "REACH_FRACTION", 0.5)
    text = sentence()
    assert f"To {0.5 * 0.95:.0%} (50% of the better one): without BN after 10 steps" in text


def test_the_units_median_and_spread_are_its_percentiles():
    pct = np.zeros((3, DEPTH, 3, WIDTH), np.float32)
    pct[0, 1, :, 2] = [-2.0, 0.25, 3.0]  # first record, layer 2, unit 3
    pct[-1, 1, :, 2] = [1.0, 1.5, 1.75]
    text = sentence(plain=record(accuracy=[0.1, 0.5, 0.8], percentiles=pct))
    assert "The median input to unit 3 of layer 2 went from 0.25 to 1.5 without BN " \
           "(15–85 spread 5 → 0.75)" in text
    m0, m1, s0, s1 = deep_text.unit_change(pct[:, 1, :, 2])
    assert (m0, m1, s0, s1) == (0.25, 1.5, 5.0, 0.75)


def test_the_spread_names_the_recorded_percentiles(monkeypatch):
    monkeypatch.setattr(recording, "PERCENTILES", (10.0, 50.0, 90.0))
    assert "(10–90 spread" in sentence()


def test_band_widths_are_the_records():
    text = sentence()
    assert "the loss varied over a range 1 wide on average without BN and 0.5 with it" in text
    assert "the gradient changed by a range 2 against 1." in text
    wider = record(accuracy=[0.1, 0.9, 0.95], bn="before", loss_width=3.0)
    assert "range 1 wide on average without BN and 3 with it" in sentence(bn=wider)


def test_smoothness_reading_follows_which_band_is_narrower():
    assert sentence().endswith(deep_text.smoothness_reading(1.0, 0.5, stuck_plain=False,
                                                            stuck_bn=False, init="small"))
    assert "With BN the loss band is 2× narrower" in sentence()
    wider = record(accuracy=[0.1, 0.9, 0.95], bn="before", loss_width=4.0)
    assert "Here the band with BN is 4× wider" in sentence(bn=wider)


STUCK_LOSS = [2.3, 2.29, 2.28]


def test_a_stuck_plain_network_with_small_weights_is_told_about_larger_ones():
    plain = record(accuracy=[0.1, 0.1, 0.1], test_loss=STUCK_LOSS, loss_width=0.1)
    text = sentence(plain=plain)
    others = " or ".join(i for i in mlp.INITS if i != "small")
    assert "The network without BN has hardly left its starting plateau" in text
    assert f"standard deviation {mlp.SMALL_INIT_STD:g}" in text and f"with {others} initial" in text


@pytest.mark.parametrize("init", [i for i in mlp.INITS if i != "small"])
def test_a_stuck_plain_network_with_larger_weights_is_not_told_to_use_them(init):
    plain = record(accuracy=[0.1, 0.1, 0.1], test_loss=STUCK_LOSS, loss_width=0.1, init=init)
    text = sentence(plain=plain)
    assert "hardly left its starting plateau" in text
    assert "initial weights" not in text and "only once both networks train" in text


def test_a_stuck_bn_network_with_the_narrow_band_is_named():
    bn = record(accuracy=[0.1, 0.1, 0.1], test_loss=STUCK_LOSS, bn="before", loss_width=0.1)
    text = sentence(bn=bn)
    assert "The network with BN has hardly left its starting plateau" in text
    assert "narrower" not in text and "initial weights" not in text
    # Stuck but with the wider band: the narrow band is the plain network's and it trains.
    wide = record(accuracy=[0.1, 0.1, 0.1], test_loss=STUCK_LOSS, bn="before", loss_width=5.0)
    assert "Here the band with BN is 5× wider" in sentence(bn=wide)


def test_a_stuck_network_with_the_wider_band_does_not_change_the_reading():
    plain = record(accuracy=[0.1, 0.1, 0.1], test_loss=STUCK_LOSS, loss_width=3.0)
    assert "With BN the loss band is 6× narrower" in sentence(plain=plain)


def test_stuck_is_a_plateau_of_the_held_out_loss(monkeypatch):
    assert deep_text.stuck(np.array([2.30, 2.29, 2.25]))
    assert not deep_text.stuck(np.array([2.30, 1.2, 0.3]))
    assert not deep_text.stuck(np.array([np.nan]))
    drop = 1 - 2.0 / 2.3  # a 13 % fall: stuck at a 20 % threshold, not at a 10 % one
    assert deep_text.stuck(np.array([2.3, 2.0]))
    monkeypatch.setattr(deep_text, "STUCK_DROP", drop / 2)
    assert not deep_text.stuck(np.array([2.3, 2.0]))


@pytest.mark.parametrize("rows", [200, 359, 1000])
def test_unit_caption_states_the_held_out_rows_of_the_run(rows):
    caption = deep_text.unit_caption(record(accuracy=[0.5], rows=rows))
    assert caption.endswith(f"Band: 15th to 85th percentile on {rows:,} held-out rows.")


def test_unit_caption_names_the_recorded_percentiles(monkeypatch):
    monkeypatch.setattr(recording, "PERCENTILES", (2.0, 50.0, 98.0))
    assert "Band: 2nd to 98th percentile" in deep_text.unit_caption(record(accuracy=[0.5]))


@pytest.mark.parametrize("n, want", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                     (12, "12th"), (13, "13th"), (15, "15th"), (21, "21st"),
                                     (85, "85th"), (102, "102nd"), (111, "111th")])
def test_ordinal(n, want):
    assert deep_text.ordinal(n) == want


def test_setting_summary_says_what_the_spec_trains():
    spec = DeepTrainSpec()
    net, train = spec.configs()
    text = deep_text.setting_summary(spec)
    assert text.startswith(f"{net.depth} hidden {net.activation} layers of {net.width} units")
    for part in (f"{net.init} initial weights", f"BN {net.bn} the activation",
                 f"rate {train.lr:g}", f"batches of {train.batch_size}",
                 f"{train.steps} steps on {train.dataset}"):
        assert part in text
    other = deep_text.setting_summary(DeepTrainSpec(depth=1, width=32, activation="relu",
                                                    init="he", bn="after", optimizer="momentum",
                                                    lr=0.1, batch_size=8, steps=50,
                                                    dataset="spirals"))
    assert other == ("1 hidden relu layer of 32 units, he initial weights, BN after the "
                     f"activation, SGD with momentum {train.momentum:g} with rate 0.1 and "
                     "batches of 8, 50 steps on spirals.")


def test_sweep_sentence_counts_depths_from_the_result():
    sw = DepthSweep(np.array([1, 2, 3]), np.array([50.0, np.nan, np.nan]),
                    np.array([20.0, 40.0, np.nan]), np.array([0.95, 0.3, 0.2]),
                    np.array([0.95, 0.92, 0.5]), 0.9, 300)
    text = deep_text.sweep_sentence(sw)
    assert "Without BN 1 of 3 depths reached 90% (the slowest in 50 steps)" in text
    assert "with BN 2 of 3 depths" in text and "slowest in 40 steps" in text
    assert "BN was faster at 1 of 1 depth." in text  # the plural form agrees with the count
    assert "reached 75%" in deep_text.sweep_sentence(replace(sw, target_accuracy=0.75))
    nobody = DepthSweep(np.array([1, 2]), np.array([np.nan, np.nan]), np.array([np.nan, np.nan]),
                        np.array([0.2, 0.1]), np.array([0.5, np.nan]), 0.9, 300)
    assert deep_text.sweep_sentence(nobody) == (
        "Without BN none of 1 depth reached 90% within 300 steps; with BN none of 1 depth "
        "reached 90% within 300 steps.")
    assert "within 120 steps" in deep_text.sweep_sentence(replace(nobody, max_steps=120))
    none = DepthSweep(np.array([1]), np.array([np.nan]), np.array([np.nan]), np.array([np.nan]),
                      np.array([np.nan]), 0.9, 300)
    assert "not finished" in deep_text.sweep_sentence(none)


def test_first_reach_and_band_width():
    steps, acc = np.array([0, 10, 20]), np.array([0.1, 0.5, 0.9])
    assert deep_text.first_reach(steps, acc, 0.5) == 10
    assert deep_text.first_reach(steps, acc, 0.95) is None
    assert deep_text.band_width(np.array([[1.0, 3.0], [2.0, 2.5]])) == pytest.approx(1.25)
