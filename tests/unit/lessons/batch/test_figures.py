"""Figures of "Inside a batch": the panels' axes, the running-statistics grid, the descents."""

import numpy as np
import pytest

from bnviz.core.batches import split
from bnviz.lessons.batch import minibatch
from bnviz.lessons.batch.descent_figures import MAX_POINTS, descent_figures
from bnviz.lessons.batch.figures import batch_panels, running_figure
from bnviz.lessons.batch.layer import frames
from bnviz.lessons.batch.settings import MiniSpec, SplitSpec
from bnviz.lessons.batch.statistics import running
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec
from bnviz.plotting.style import PALETTE


def _run_all(features, target, *, size, seed, last, lr, steps, w0, tol, eps, momentum):
    """``run_all`` from the settings spelled out (the tests vary them one at a time)."""
    return minibatch.run_all(features, target, SplitSpec(size=size, seed=seed, last=last),
                             MiniSpec(lr=lr, steps=steps, w1_0=float(w0[0]), w2_0=float(w0[1]),
                                      tol=tol), eps=eps, momentum=momentum)


@pytest.fixture(scope="module")
def data():
    return two_features(DataSpec())


def test_panels_sit_side_by_side_each_with_its_two_histograms(data):
    batches = split(len(data.X), 10, seed=0, last="keep")
    fr = frames(data.X, batches, 2, gamma=np.ones(2), beta=np.zeros(2), eps=1e-5, undo=False)
    fig = batch_panels(fr, data.X)
    lay = fig["layout"]
    for p in range(3):
        main, top, right = (lay["xaxis" if 3 * p + k == 1 else f"xaxis{3 * p + k}"] for k in (1, 2, 3))
        assert main["domain"][0] == pytest.approx(0.35 * p)
        assert top["domain"] == main["domain"] and top["matches"] == ("x" if p == 0 else f"x{3 * p + 1}")
        assert main["domain"][1] < right["domain"][0] < right["domain"][1] == pytest.approx(0.35 * p + 0.3)
    assert lay["sliders"][0]["active"] == 2 and lay["sliders"][0]["steps"][2]["label"] == "3"
    assert lay["updatemenus"][0]["buttons"][0]["args"][1]["frame"]["duration"] == 700
    assert len(fig["data"]) == 2 + len(fig["frames"][0]["data"])


def test_running_statistics_in_a_two_by_two_grid(data):
    run = running(data.X, size=10, seed=0, last="keep", momentum=0.1, epochs=2)
    lay = running_figure(run)["layout"]
    assert lay["xaxis"]["domain"] == pytest.approx([0.0, 0.47])
    assert lay["yaxis4"]["domain"] == pytest.approx([0.0, 0.44])
    assert [lay[f"yaxis{s}"]["title"]["text"] for s in ("", "2", "3", "4")] == [
        "mean of A", "mean of B", "variance of A", "variance of B"]
    assert lay["xaxis3"]["title"]["text"] == "batches seen" and lay["xaxis"]["title"]["text"] == ""


def test_a_diverging_descent_is_cut_to_the_view_and_marked(data):
    runs = _run_all(data.X, data.y, size=10, seed=0, last="keep", lr=5.0, steps=150,
                             w0=np.array([1.0, -2.0]), tol=1e-3, eps=1e-5, momentum=0.0)
    raw = runs.runs["raw"]
    assert raw.status == "diverged"
    map2d, map3d = minibatch.cost_maps(runs, np.array([1.0, -2.0]))
    figs = descent_figures(runs, map2d, map3d)
    xr = figs["map"]["layout"]["xaxis"]["range"]
    trail = figs["map"]["frames"][-1]["data"][0]
    assert np.all(np.abs(trail["x"] - np.mean(xr)) <= xr[1] - xr[0])
    assert len(trail["x"]) <= MAX_POINTS
    notes = {a["text"]: a for a in figs["cost"]["layout"]["annotations"]}
    assert notes["raw diverged"]["x"] == raw.diverged_at
    assert notes["raw diverged"]["font"]["color"] == PALETTE["raw"]
