"""Recording a network that diverges: its NaN activations are a result, not a crash."""

from __future__ import annotations

import numpy as np
import pytest

from bnviz.core import mlp, recording, training


def test_bin_counts_leave_nan_out_and_put_the_rest_where_numpy_does():
    edges = np.linspace(-1.0, 1.0, 5)
    values = np.array([[-3.0, -0.9, np.nan], [0.1, 0.6, np.inf], [np.nan, -np.inf, 0.99]])
    counts = recording._bin_counts(values, edges)
    # numpy's histogram of the finite values, those outside counted in the end bins.
    finite = values[np.isfinite(values)]
    expected, _ = np.histogram(np.clip(finite, edges[0], edges[-1]), bins=edges)
    expected[0] += np.count_nonzero(values == -np.inf)
    expected[-1] += np.count_nonzero(values == np.inf)
    assert counts.tolist() == expected.tolist()
    assert counts.sum() == np.count_nonzero(~np.isnan(values))


@pytest.fixture(scope="module")
def diverged():
    # Deep ReLU networks, He weights, heavy ball at rate 5: the plain network's loss blows up
    # within a few steps (the page's controls reach all of these).
    net = mlp.NetConfig(depth=6, width=128, activation="relu", init="he", bn="before")
    train = training.TrainConfig(optimizer="momentum", lr=5.0, steps=40, n_records=5)
    with np.errstate(all="ignore"):
        return training.run(net, train, every_unit=True)


def test_a_diverging_network_is_recorded_to_the_end(diverged):
    plain = diverged.plain
    assert not np.isfinite(plain.train_loss).all()  # it did diverge
    assert plain.steps.tolist() == recording.record_steps(40, 5).tolist()  # every record kept
    rows, width = plain.held_out_rows, plain.config.width
    totals = plain.hist_counts.sum(axis=2)  # (records, layers)
    assert (totals <= rows * width).all()
    # Records before the blow-up count every unit's output; NaN outputs are left out after.
    first = int(np.argmax(~np.isfinite(plain.test_loss)))
    assert first > 0 and (totals[:first] == rows * width).all()
