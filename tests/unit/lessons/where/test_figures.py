"""Figures of "Where normalization matters": the map's two panels and scale, the ladder's panels."""

import numpy as np
import pytest

from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.where.convergence import convergence_map
from bnviz.lessons.where.ladder import build_ladder
from bnviz.lessons.where.ladder_figures import MAX_ERROR_POINTS, eigen_errors
from bnviz.lessons.where.map_figures import convergence_heatmaps
from bnviz.lessons.where.settings import LadderSpec, MapSpec
from bnviz.lessons.where.view import ladder_view, map_view
from bnviz.plotting import style
from bnviz.plotting.encode import to_json


@pytest.fixture(scope="module")
def cmap():
    return convergence_map(DataSpec(), MapSpec(cells=8, steps=50))


@pytest.mark.parametrize("metric", ["steps", "excess"])
def test_map_leaves_room_for_the_colour_bar_and_ends_its_scale_in_bands(cmap, metric):
    lay = convergence_heatmaps(cmap, metric=metric, pick=(0, 0))["layout"]
    assert lay["xaxis"]["domain"] == pytest.approx([0.0, 0.44])
    assert lay["xaxis2"]["domain"] == pytest.approx([0.5, 0.94])
    assert lay["coloraxis"]["colorbar"]["x"] > lay["xaxis2"]["domain"][1]
    assert lay["yaxis2"]["matches"] == "y" and lay["yaxis2"]["anchor"] == "x2"
    assert [a["x"] for a in lay["annotations"]] == [0.0, pytest.approx(0.5)]
    scale = lay["coloraxis"]["colorscale"]
    assert scale[0][1] == style.FEW_TO_MANY[0] and scale[-1] == [1.0, style.DIVERGED]
    assert [c for _, c in scale].count(style.NOT_REACHED) == 2
    assert [s for s, _ in scale] == sorted(s for s, _ in scale)


def test_eigen_errors_one_panel_per_rung_sharing_the_error_axis():
    lad = build_ladder(DataSpec(), LadderSpec())
    lay = eigen_errors(lad)["layout"]
    n = len(lad.rungs)
    starts = [lay["xaxis" if i == 1 else f"xaxis{i}"]["domain"][0] for i in range(1, n + 1)]
    assert [a["x"] for a in lay["annotations"]] == starts
    assert starts == sorted(starts) and lay["xaxis"]["domain"][0] == 0.0
    assert all(lay[f"yaxis{i}"]["matches"] == "y" for i in range(2, n + 1))
    assert lay["yaxis"]["type"] == "log" and "matches" not in lay["yaxis"]


def test_error_lines_of_a_long_run_are_thinned_and_keep_the_measured_errors():
    lad = build_ladder(DataSpec(), LadderSpec(steps=3000))
    fig = eigen_errors(lad)
    lines = [t for t in fig["data"] if t["legendgroup"] != "theory"]
    assert len(lines) == 2 * len(lad.rungs)
    for n, line in enumerate(lines):
        rung, j = lad.rungs[n // 2], n % 2
        k = np.asarray(line["x"])
        assert len(k) <= MAX_ERROR_POINTS
        assert k[0] == 0 and k[-1] == len(rung.trajectory.cost) - 1  # the start and the end
        assert np.all(np.diff(k) > 0)
        want = rung.errors[k, j]
        shown = np.asarray(line["y"], dtype=float)
        drawn = want > 0
        np.testing.assert_allclose(shown[drawn], want[drawn], rtol=1e-6)


def test_a_short_runs_error_lines_keep_every_step():
    lad = build_ladder(DataSpec(), LadderSpec(steps=150))
    line = eigen_errors(lad)["data"][0]
    np.testing.assert_array_equal(np.asarray(line["x"]), np.arange(151))


def test_the_pages_figures_at_the_defaults_stay_under_400_kB():
    # What the page sends per rerun (its figures' JSON), at its defaults: the bound every
    # chart page keeps (issue 20).
    figures = [map_view(convergence_map(DataSpec(), MapSpec()), MapSpec()).figure,
               *ladder_view(DataSpec(), LadderSpec()).figures.values()]
    assert sum(len(to_json(f)) for f in figures) < 400_000
