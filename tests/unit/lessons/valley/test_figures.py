"""Figures of "Valley vs bowl": paths cut to the view, marks, the bytes they cost."""

import numpy as np
import pytest

from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.valley.experiment import compare
from bnviz.lessons.valley.figures import NUMBERED, cost_figure, side_figures
from bnviz.plotting.encode import to_json
from bnviz.plotting.style import PALETTE


@pytest.fixture(scope="module")
def cmp():
    return compare(two_features(DataSpec()), DescentSpec())


@pytest.fixture(scope="module")
def diverged():
    res = compare(two_features(DataSpec()), DescentSpec(rate_raw="custom", lr_raw=1e-3))
    assert res.raw.trajectory.status == "diverged"
    return res


def test_diverged_path_is_cut_to_the_view(diverged):
    figs = side_figures(diverged.raw)
    xr = figs["contour"]["layout"]["xaxis"]["range"]
    trail = figs["contour"]["frames"][-1]["data"][0]
    width = xr[1] - xr[0]
    assert np.all(np.abs(trail["x"] - np.mean(xr)) <= width)  # within the window + 50 %
    assert "diverged at step" in figs["surface"]["layout"]["title"]["text"]
    # The 3D view draws no point off the surface's grid.
    xr3 = figs["surface"]["layout"]["scene"]["xaxis"]["range"]
    trail3 = figs["surface"]["frames"][-1]["data"][0]
    assert np.all((trail3["x"] >= xr3[0]) & (trail3["x"] <= xr3[1]))


def test_cost_chart_marks_where_each_side_ended(diverged):
    notes = cost_figure(diverged)["layout"]["annotations"]
    raw = next(a for a in notes if a["text"] == "raw diverged")
    assert raw["x"] == diverged.raw.trajectory.diverged_at and raw["font"]["color"] == PALETTE["raw"]
    std = diverged.std.trajectory
    if std.steps_to_tol is not None:
        assert {"standardized at tolerance"} <= {a["text"] for a in notes}


def test_axes_name_the_weights_of_their_features(cmp):
    assert side_figures(cmp.raw)["contour"]["layout"]["xaxis"]["title"]["text"] == "w1 (weight of A)"
    assert side_figures(cmp.std)["contour"]["layout"]["yaxis"]["title"]["text"] == (
        "v2 (weight of zB)")
    # A scene draws its titles along the axes, where a long one is cut off on a phone: the
    # 3D views name the weights by symbol, the top views spell them out.
    assert side_figures(cmp.std)["surface"]["layout"]["scene"]["yaxis"]["title"]["text"] == "v2"


def test_valley_figures_total_bytes_under_budget(cmp):
    total = sum(len(to_json(f)) for s in (cmp.raw, cmp.std) for f in side_figures(s).values())
    total += len(to_json(cost_figure(cmp)))
    assert total < 400_000



@pytest.mark.parametrize("side", ["raw", "standardized"])
def test_every_chart_of_a_diverged_side_draws_and_says_so(side):
    # 1.5 times the side's stability edge 2/λmax, from numpy's eigenvalues of its Hessian.
    X = two_features(DataSpec()).X
    if side == "standardized":
        X = (X - X.mean(axis=0)) / X.std(axis=0)
    edge = 2 / np.linalg.eigvalsh(2 * X.T @ X / len(X))[-1]
    spec = (DescentSpec(rate_raw="custom", lr_raw=1.5 * edge) if side == "raw"
            else DescentSpec(rate_std="custom", lr_std=1.5 * edge))
    res = compare(two_features(DataSpec()), spec)
    run = res.raw if side == "raw" else res.std
    other = res.std if side == "raw" else res.raw
    assert run.trajectory.status == "diverged" and other.trajectory.status != "diverged"
    at = run.trajectory.diverged_at
    figs = side_figures(run)
    assert f"diverged at step {at}" in figs["surface"]["layout"]["title"]["text"]
    assert "diverged" not in side_figures(other)["surface"]["layout"]["title"]["text"]
    for fig in figs.values():  # the path is drawn, up to where the run stopped
        assert fig["frames"] and len(fig["frames"][-1]["data"][0]["x"]) >= 1
    notes = cost_figure(res)["layout"]["annotations"]
    mark = next(a for a in notes if a["text"] == f"{side} diverged")
    assert mark["x"] == at and mark["font"]["color"] == PALETTE[side]
    curves = [t for t in cost_figure(res)["data"] if t.get("name") == side]
    assert curves and len(curves[0]["y"]) == at + 1


def test_the_top_view_numbers_the_first_swings_across_the_valley():
    raw = compare(DataSpec(), DescentSpec()).raw
    numbers = side_figures(raw)["contour"]["data"][-1]
    assert numbers["mode"] == "text" and numbers["text"] == [str(i) for i in range(NUMBERED)]
    w = raw.trajectory.weights[:NUMBERED]
    np.testing.assert_allclose(numbers["x"], w[:, 0], rtol=1e-6)
    np.testing.assert_allclose(numbers["y"], w[:, 1], rtol=1e-6)
    # The numbered points swing across the valley's floor: on the steep eigenvector of the
    # Hessian, each lies on the other side of the minimum, 0.8 times as far (the zigzag rate).
    lam, vectors = np.linalg.eigh(raw.quadratic.G)
    across = (w - raw.quadratic.w_star) @ vectors[:, 1]
    np.testing.assert_allclose(across[1:] / across[:-1], -0.8, rtol=1e-6)
    assert numbers["textposition"][0] != numbers["textposition"][1]
