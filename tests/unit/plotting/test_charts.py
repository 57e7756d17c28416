"""The contour map and the 3D surface with their paths."""

import numpy as np
import pytest

from bnviz.plotting.contour import contour
from bnviz.plotting.paths import PathArt
from bnviz.plotting.surface import surface3d


def test_surface3d_sends_surface_once_with_fixed_ranges(valley):
    s = valley.s3
    w = np.array([valley.w0, valley.q.w_star])
    fig = surface3d(s, [PathArt("raw", w, valley.q.cost(w), "red")], title="T")
    assert fig["data"][0]["type"] == "surface" and fig["data"][0]["z"].shape == (41, 41)
    assert all(0 not in f["traces"] for f in fig["frames"])
    scene = fig["layout"]["scene"]
    assert scene["xaxis"]["range"] == [s.w1[0], s.w1[-1]] and scene["zaxis"]["autorange"] is False
    assert scene["zaxis"]["range"][0] == pytest.approx(s.cost.min())
    assert fig["layout"]["title"]["text"] == "T"


def test_contour_has_equal_aspect_and_log_excess(valley):
    s = valley.s2
    fig = contour(s, [], f_star=valley.q.f_star)
    assert fig["layout"]["yaxis"]["scaleanchor"] == "x"
    assert fig["layout"]["xaxis"]["range"] == [s.w1[0], s.w1[-1]]
    z = fig["data"][0]["z"]
    assert np.isfinite(z).all()
    i, j = np.unravel_index(np.argmin(s.cost), s.cost.shape)
    assert np.argmin(z) == np.ravel_multi_index((i, j), z.shape)
