"""Deep networks when a network diverges: every chart draws, and its headline says which
network diverged and at which step, never "nan"."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from bnviz.core import mlp, training
from bnviz.lessons.deep import figures
from bnviz.lessons.deep.diverged import diverged_at, divergence_sentence
from bnviz.plotting.encode import to_json


@pytest.fixture(scope="module")
def blown():
    """A deep ReLU net with He weights at rate 5 with momentum: without BN it blows up."""
    net = mlp.NetConfig(depth=6, width=64, activation="relu", init="he", bn="before")
    train = training.TrainConfig(optimizer="momentum", lr=5.0, steps=40, n_records=5, n_etas=3)
    with np.errstate(all="ignore"):
        (*_, last) = training.train_pair(net, train, every_unit=True)
    return last


@pytest.fixture(scope="module")
def calm():
    net = mlp.NetConfig(depth=2, width=16, bn="before")
    (*_, last) = training.train_pair(net, training.TrainConfig(steps=30, n_records=4, n_etas=3),
                                     every_unit=True)
    return last


def _headlines(run) -> list[str]:
    figs = [figures.curves_figure(run), figures.percentile_figure(run, layer=0, unit=0),
            figures.histogram_figure(run, index=len(run.result.plain.steps) - 1),
            figures.smoothness_figure(run)]
    for fig in figs:
        json.loads(to_json(fig))  # draws: the browser receives it
    return [fig["layout"]["title"]["text"].replace("<br>", " ") for fig in figs]


def _first_blow_up(loss: np.ndarray) -> int:
    """The step (from 1) after the last finite loss of the run's finite beginning."""
    k = 0
    while k < len(loss) and np.isfinite(loss[k]):
        k += 1
    return k + 1


def test_a_network_that_blew_up_is_named_on_every_chart(blown):
    loss = blown.result.plain.train_loss
    assert not np.isfinite(loss).all() and np.isfinite(blown.result.bn.train_loss).all()
    step = _first_blow_up(loss)
    assert np.isfinite(loss[step - 2]) and not np.isfinite(loss[step - 1])
    for text in _headlines(blown):
        assert text.startswith(f"Without BN the loss diverged at step {step}"), text
        assert "nan" not in text.lower().split()


def _with_loss(run, key: str, step: int):
    """``run`` with network ``key``'s loss made NaN from ``step`` on (counted from 1)."""
    rec = getattr(run.result, key)
    loss = rec.train_loss.copy()
    loss[step - 1:] = np.nan
    result = dataclasses.replace(run.result, **{key: dataclasses.replace(rec, train_loss=loss)})
    return dataclasses.replace(run, result=result)


def test_each_network_or_both_is_said_to_diverge(calm):
    assert divergence_sentence(calm) == ""
    assert all("diverged" not in t for t in _headlines(calm))
    bn = _with_loss(calm, "bn", 12)
    assert divergence_sentence(bn) == "With BN the loss diverged at step 12"
    assert all(t.startswith("With BN the loss diverged at step 12") for t in _headlines(bn))
    both = _with_loss(_with_loss(calm, "bn", 12), "plain", 5)
    assert divergence_sentence(both) == ("Both networks diverged: without BN at step 5, with BN "
                                         "at step 12")


def test_steps_not_yet_trained_are_not_a_divergence(calm):
    # A run in progress: the loss of steps still to come is NaN in the record.
    early = dataclasses.replace(calm, step=10)
    later = _with_loss(early, "plain", 11)
    assert diverged_at(later.result.plain, later.step) is None
    assert divergence_sentence(later) == ""
    assert diverged_at(later.result.plain, 11) == 11
