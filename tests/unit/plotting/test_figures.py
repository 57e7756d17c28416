import json

import numpy as np
import pytest

from bnviz.core import descent, quadratic
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.valley.experiment import compare
from bnviz.lessons.valley.figures import cost_figure, side_figures
from bnviz.plotting.animate import PathArt, path_frames
from bnviz.plotting.contour import contour
from bnviz.plotting.encode import decode_array, to_json
from bnviz.plotting.lines import cost_curves
from bnviz.plotting.paths import MAX_FRAMES, MAX_POINTS, drawn_indices, frame_steps, inside
from bnviz.plotting.surface import surface3d


@pytest.fixture(scope="module")
def cmp():
    return compare(two_features(DataSpec()), DescentSpec())


def test_encode_round_trip():
    arrays = [np.arange(6, dtype=np.float64).reshape(2, 3), np.arange(5, dtype=np.float32),
              np.array([1, 2, 300000], dtype=np.int64), np.array([np.nan, 1.0])]
    fig = json.loads(to_json({"data": [{"z": a} for a in arrays]}))
    for a, t in zip(arrays, fig["data"], strict=True):
        np.testing.assert_array_equal(decode_array(t["z"]), a)
    assert fig["data"][0]["z"]["shape"] == "2,3" and fig["data"][0]["z"]["dtype"] == "f8"


def test_encode_refuses_nan_outside_arrays():
    with pytest.raises(ValueError):
        to_json({"x": [float("nan")]})


def test_frame_steps_and_drawn_indices():
    assert frame_steps(5).tolist() == [0, 1, 2, 3, 4, 5]
    s = frame_steps(3000)
    assert len(s) <= MAX_FRAMES and s[0] == 0 and s[-1] == 3000 and np.all(np.diff(s) > 0)
    idx = drawn_indices(5000)
    assert len(idx) <= MAX_POINTS and idx[0] == 0 and idx[-1] == 5000 and np.all(np.diff(idx) > 0)
    assert drawn_indices(10).tolist() == list(range(11))


def test_inside_cuts_a_path_where_it_leaves_the_window():
    w = np.array([[0.0, 0.0], [1.0, 1.0], [10.0, 0.0], [0.0, 0.0]])
    assert inside(w, (-2, 2), (-2, 2), margin=0.0) == 2
    assert inside(w, (-2, 2), (-2, 2), margin=2.0) == 4
    assert inside(np.array([[0.0, np.inf]]), (-1, 1), (-1, 1)) == 0


def test_frames_grow_the_path_and_end_at_the_last_point():
    w = np.cumsum(np.ones((50, 2)), axis=0)
    art = PathArt(name="p", weights=w, cost=np.arange(50.0), color="red")

    def trace_of(p, idx):
        return [{"type": "scatter", "x": p.weights[idx, 0], "y": p.weights[idx, 1], "name": "t"}]

    data, frames, slider, menus = path_frames([art], trace_of, 1, redraw=False)
    lengths = [len(f["data"][0]["x"]) for f in frames]
    assert lengths == sorted(lengths) and lengths[0] == 1 and lengths[-1] == 50
    assert all(set(f["data"][0]) == {"x", "y"} for f in frames)  # coordinates only
    assert all(f["traces"] == [1] for f in frames)
    assert [s["label"] for s in slider["steps"]] == [f["name"] for f in frames]
    assert slider["active"] == len(frames) - 1
    assert data[0]["name"] == "t" and menus[0]["buttons"][0]["method"] == "animate"


def test_surface3d_sends_surface_once_with_fixed_ranges(cmp):
    s = cmp.raw.surface_3d
    fig = surface3d(s, [PathArt("raw", cmp.raw.trajectory.weights, cmp.raw.trajectory.cost, "red")])
    assert fig["data"][0]["type"] == "surface" and fig["data"][0]["z"].shape == (41, 41)
    assert all(0 not in f["traces"] for f in fig["frames"])
    scene = fig["layout"]["scene"]
    assert scene["xaxis"]["range"] == [s.w1[0], s.w1[-1]] and scene["zaxis"]["autorange"] is False
    assert scene["zaxis"]["range"][0] == pytest.approx(s.cost.min())


def test_contour_has_equal_aspect_and_log_excess(cmp):
    s = cmp.std.surface_2d
    fig = contour(s, [], f_star=cmp.std.quadratic.f_star)
    assert fig["layout"]["yaxis"]["scaleanchor"] == "x"
    z = fig["data"][0]["z"]
    assert np.isfinite(z).all()
    i, j = np.unravel_index(np.argmin(s.cost), s.cost.shape)
    assert np.argmin(z) == np.ravel_multi_index((i, j), z.shape)


def test_diverged_path_is_cut_to_the_view(cmp):
    d = two_features(DataSpec())
    res = compare(d, DescentSpec(rate_raw="custom", lr_raw=1e-3))
    assert res.raw.trajectory.status == "diverged"
    figs = side_figures(res.raw)
    xr = figs["contour"]["layout"]["xaxis"]["range"]
    trail = figs["contour"]["frames"][-1]["data"][0]
    width = xr[1] - xr[0]
    assert np.all(np.abs(trail["x"] - np.mean(xr)) <= width)  # within the window + 50 %
    assert "diverged at step" in figs["surface"]["layout"]["title"]["text"]
    cost = cost_figure(res)
    assert any("diverged" in a["text"] for a in cost["layout"]["annotations"])


def test_cost_curves_log_axis_and_no_nonpositive_values():
    art = PathArt("a", np.zeros((3, 2)), np.array([1.0, 0.0, np.inf]), "red")
    fig = cost_curves([art])
    assert fig["layout"]["yaxis"]["type"] == "log"
    y = fig["data"][0]["y"]
    assert y[0] == 1.0 and np.isnan(y[1]) and np.isnan(y[2])


def test_valley_figures_total_bytes_under_budget(cmp):
    total = sum(len(to_json(f)) for s in (cmp.raw, cmp.std) for f in side_figures(s).values())
    total += len(to_json(cost_figure(cmp)))
    assert total < 400_000


def test_stable_path_stays_in_the_square_window(cmp):
    t = descent.run(cmp.raw.quadratic, descent.GradientDescent(0.99 * cmp.raw.conditioning.lr_stable),
                    w0=np.zeros(2), steps=500)
    s = cmp.raw.surface_2d
    assert inside(t.weights, (s.w1[0], s.w1[-1]), (s.w2[0], s.w2[-1]), margin=0.0) == len(t.weights)
    assert isinstance(quadratic.Surface, type)


@pytest.mark.parametrize("max_points", [2, 10, 60, 61, 120])
def test_drawn_indices_always_end_at_the_last_point(max_points):
    idx = drawn_indices(1000, max_points=max_points)
    assert idx[0] == 0 and idx[-1] == 1000 and len(idx) <= max_points


@pytest.mark.parametrize("upto", [200, 999, 1000, 4999])
def test_thinned_tail_uses_one_odd_stride(upto):
    idx = drawn_indices(upto)
    gaps = np.diff(idx[60:-1])
    assert len(set(gaps.tolist())) == 1 and gaps[0] % 2 == 1
    assert len(np.unique(idx)) == len(idx)
