"""The headlines of "Deep networks"' charts, from the run they show: accuracy, the unit's
drift and the loss's range along the gradient, recomputed here from the records."""

import numpy as np
import pytest

from bnviz.core import mlp, training
from bnviz.lessons.deep import figures, text
from bnviz.numbers import fmt

TRAIN = training.TrainConfig(steps=30, n_records=4, n_etas=3)


def train(depth: int):
    net = mlp.NetConfig(depth=depth, width=16, bn="before")
    (*_, last) = training.train_pair(net, TRAIN, every_unit=True)
    return last


@pytest.fixture(scope="module")
def run():
    return train(2)


def flat(fig) -> str:
    return fig["layout"]["title"]["text"].replace("<br>", " ")


def test_the_curves_headline_is_both_final_accuracies(run):
    plain, bn = run.result.plain, run.result.bn
    headline = text.curves_headline(run)
    assert headline == (f"After {int(plain.steps[-1])} steps: {plain.test_accuracy[-1]:.1%} test "
                        f"accuracy without BN, {bn.test_accuracy[-1]:.1%} with BN")
    assert flat(figures.curves_figure(run)) == headline


def test_the_unit_headline_is_each_medians_distance_and_follows_the_unit(run):
    heads = set()
    for layer, unit in ((0, 0), (1, 3)):
        headline = text.unit_headline(run, layer=layer, unit=unit)
        moved = [abs(float(rec.layer_percentiles[-1, layer, 1, unit]
                           - rec.layer_percentiles[0, layer, 1, unit]))
                 for rec in (run.result.plain, run.result.bn)]
        assert headline == (f"Unit {unit + 1} of layer {layer + 1}: its median input moves by "
                            f"{fmt(moved[0])} without BN, by {fmt(moved[1])} with BN")
        assert flat(figures.percentile_figure(run, layer=layer, unit=unit)) == headline
        heads.add(headline)
    assert len(heads) == 2


def test_the_smoothness_headline_is_the_mean_range_of_the_loss(run):
    widths = [float(np.nanmean(rec.loss_band[:, 1] - rec.loss_band[:, 0]))
              for rec in (run.result.plain, run.result.bn)]
    assert text.smoothness_headline(run) == (f"Along −∇L the loss ranges over {fmt(widths[0])} "
                                             f"without BN, {fmt(widths[1])} with BN (mean)")
    assert flat(figures.smoothness_figure(run)) == text.smoothness_headline(run)


def test_a_deeper_network_changes_the_headlines(run):
    deeper = train(4)
    assert text.curves_headline(deeper) != text.curves_headline(run)
    assert text.smoothness_headline(deeper) != text.smoothness_headline(run)
