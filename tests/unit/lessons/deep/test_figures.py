"""Figures of "Deep networks": what they draw equals the recorded arrays."""

import json

import numpy as np
import pytest

from bnviz.core import mlp, sweep, training
from bnviz.lessons.deep import figures
from bnviz.numbers import fmt
from bnviz.plotting.encode import decode_array, to_json

NET = mlp.NetConfig(depth=2, width=16, bn="before")
TRAIN = training.TrainConfig(steps=30, n_records=4, n_etas=3)


@pytest.fixture(scope="module")
def run():
    (*_, last) = training.train_pair(NET, TRAIN, every_unit=True)
    return last


@pytest.fixture(scope="module")
def depth_sweep():
    return list(sweep.depth_sweep(NET, TRAIN, depths=(1, 2), target_accuracy=0.5, max_steps=40,
                                  eval_every=10))[-1].result


def roundtrip(fig):
    """The figure as the browser receives it (typed arrays decoded)."""
    return json.loads(to_json(fig))


def arr(trace, axis):
    return decode_array(trace[axis]).astype(float)


def test_curves_are_the_recorded_loss_and_accuracy(run):
    fig = roundtrip(figures.curves_figure(run))
    for k, rec in enumerate((run.result.plain, run.result.bn)):
        loss, acc = fig["data"][2 * k], fig["data"][2 * k + 1]
        np.testing.assert_allclose(arr(loss, "y"), rec.train_loss, rtol=1e-6)
        np.testing.assert_array_equal(arr(loss, "x"), np.arange(1, TRAIN.steps + 1))
        np.testing.assert_array_equal(arr(acc, "x"), rec.steps)
        np.testing.assert_array_equal(arr(acc, "y"), rec.test_accuracy)
        assert acc["xaxis"] == "x2"
    assert fig["layout"]["uirevision"]


@pytest.mark.parametrize("layer, unit", [(0, 0), (1, 15)])
def test_percentile_bands_are_the_chosen_units(run, layer, unit):
    fig = roundtrip(figures.percentile_figure(run, layer=layer, unit=unit))
    for k, pct in enumerate((run.result.plain.layer_percentiles, run.result.bn.layer_percentiles)):
        lo, hi, med = fig["data"][3 * k: 3 * k + 3]
        want = pct[:, layer, :, unit]
        np.testing.assert_allclose(arr(lo, "y"), want[:, 0], rtol=1e-6)
        np.testing.assert_allclose(arr(hi, "y"), want[:, 2], rtol=1e-6)
        np.testing.assert_allclose(arr(med, "y"), want[:, 1], rtol=1e-6)
        assert hi["fill"] == "tonexty"
    title = fig["layout"]["title"]["text"].replace("<br>", " ")
    assert title.startswith(f"Unit {unit + 1} of layer {layer + 1}: ")
    # the headline's distances, computed here from the medians themselves
    for pct, name in ((run.result.plain.layer_percentiles, "without BN"),
                      (run.result.bn.layer_percentiles, "with BN")):
        median = pct[:, layer, 1, unit]
        assert f"by {fmt(abs(float(median[-1] - median[0])))} {name}" in title


def test_a_run_without_every_units_percentiles_is_refused():
    (*_, one_unit) = training.train_pair(NET, TRAIN)
    with pytest.raises(ValueError, match="every_unit"):
        figures.percentile_figure(one_unit, layer=0, unit=0)


@pytest.mark.parametrize("index", [0, 3])
def test_histograms_are_fractions_of_the_recorded_counts(run, index):
    fig = roundtrip(figures.histogram_figure(run, index=index))
    bars = fig["data"]
    assert len(bars) == 2 * NET.depth
    for k, rec in enumerate((run.result.plain, run.result.bn)):
        mids = (rec.hist_edges[:-1] + rec.hist_edges[1:]) / 2
        for layer in range(NET.depth):
            bar = bars[k * NET.depth + layer]
            counts = rec.hist_counts[index, layer]
            np.testing.assert_allclose(arr(bar, "y"), counts / counts.sum(), rtol=1e-6)
            np.testing.assert_allclose(arr(bar, "x"), mids, rtol=1e-6)
            assert arr(bar, "y").sum() == pytest.approx(1.0, abs=1e-5)
    title = fig["layout"]["title"]["text"].replace("<br>", " ")
    assert f"at step {run.result.plain.steps[index]}" in title
    assert f"({run.result.plain.held_out_rows:,} held-out rows)" in title


def _axis_key(ref):
    """The layout key of a trace's axis reference: plotly's first axes are ``xaxis``/``yaxis``."""
    letter, k = ref[0], ref[1:]
    return f"{letter}axis{k if k not in ('', '1') else ''}"


def test_histogram_rows_and_panels_do_not_overlap_and_leave_room_for_tick_labels():
    deep = mlp.NetConfig(depth=5, width=16, bn="before")  # five panels a row: the tightest
    (*_, last) = training.train_pair(deep, TRAIN, every_unit=True)
    layout = figures.histogram_figure(last, index=1)["layout"]
    bars = figures.histogram_figure(last, index=1)["data"]
    plot_px = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    rows = {}
    for bar in bars:
        # Every trace's axes are in the layout (an axis missing there spans the whole chart).
        xa, ya = layout[_axis_key(bar["xaxis"])], layout[_axis_key(bar["yaxis"])]
        assert xa["anchor"] == bar["yaxis"] and ya["anchor"] == bar["xaxis"]
        rows.setdefault(bar["name"], []).append((xa["domain"], ya["domain"]))
    assert list(rows) == ["without BN", "with BN"]
    (top, bottom) = ({tuple(y) for _, y in panels} for panels in rows.values())
    assert len(top) == 1 and len(bottom) == 1  # one band per row
    (top_lo, top_hi), (bot_lo, bot_hi) = top.pop(), bottom.pop()
    assert 0 <= bot_lo < bot_hi < top_lo < top_hi <= 1
    # The top row's x tick labels hang under it: two lines of 12 px type at least, in pixels.
    assert (top_lo - bot_hi) * plot_px >= 24
    for k, panels in enumerate(rows.values()):
        # One y scale per row, labelled on its first panel only.
        first = k * deep.depth + 1
        for layer in range(1, deep.depth):
            y = layout[_axis_key(f"y{first + layer}")]
            assert y["matches"] == ("y" if first == 1 else f"y{first}")
            assert not y["showticklabels"]
        xs = sorted(x for x, _ in panels)
        assert all(a[1] < b[0] for a, b in zip(xs, xs[1:], strict=False))
        assert xs[0][0] >= 0 and xs[-1][1] <= 1


def test_smoothness_bands_are_min_and_max_over_the_step_sizes(run):
    fig = roundtrip(figures.smoothness_figure(run))
    traces = fig["data"]
    for k, rec in enumerate((run.result.plain, run.result.bn)):
        loss_lo, loss_hi, grad_lo, grad_hi = traces[4 * k: 4 * k + 4]
        np.testing.assert_allclose(arr(loss_lo, "y"), rec.landscape_losses.min(1))
        np.testing.assert_allclose(arr(loss_hi, "y"), rec.landscape_losses.max(1))
        np.testing.assert_allclose(arr(grad_lo, "y"), rec.grad_changes.min(1))
        np.testing.assert_allclose(arr(grad_hi, "y"), rec.grad_changes.max(1))
        assert grad_hi["xaxis"] == "x2"


def test_sweep_shows_reached_steps_and_marks_never_reached(depth_sweep):
    fig = roundtrip(figures.sweep_figure(depth_sweep))
    for k, (steps, final) in enumerate(((depth_sweep.steps_plain, depth_sweep.final_accuracy_plain),
                                        (depth_sweep.steps_bn, depth_sweep.final_accuracy_bn))):
        line, missed = fig["data"][2 * k: 2 * k + 2]
        np.testing.assert_array_equal(arr(line, "y"), steps)  # NaN: a gap in the line
        miss = np.isnan(steps)
        np.testing.assert_array_equal(arr(missed, "x"), depth_sweep.depths[miss])
        assert np.all(arr(missed, "y") > depth_sweep.max_steps)
        np.testing.assert_allclose(arr(missed, "customdata"), final[miss])


def test_sweep_with_a_target_nobody_reaches_is_all_marks():
    sw = sweep.DepthSweep(np.array([1, 2]), np.array([np.nan, np.nan]), np.array([20.0, np.nan]),
                          np.array([0.3, 0.2]), np.array([0.99, 0.4]), 0.95, 100)
    fig = roundtrip(figures.sweep_figure(sw))
    assert list(arr(fig["data"][1], "x")) == [1, 2]
    assert list(arr(fig["data"][3], "x")) == [2]
    assert "not reached in 100 steps" in fig["layout"]["annotations"][0]["text"]


def test_a_partial_sweep_marks_only_the_runs_made():
    sw = sweep.DepthSweep(np.array([1, 2]), np.array([np.nan, np.nan]), np.array([np.nan, np.nan]),
                          np.array([0.3, np.nan]), np.array([np.nan, np.nan]), 0.9, 100)
    fig = roundtrip(figures.sweep_figure(sw))
    assert list(arr(fig["data"][1], "x")) == [1]
    assert len(arr(fig["data"][3], "x")) == 0

