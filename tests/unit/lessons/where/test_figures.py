"""Figures of "Where normalization matters": the map's two panels and scale, the ladder's panels."""

import pytest

from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.where.convergence import convergence_map
from bnviz.lessons.where.ladder import build_ladder
from bnviz.lessons.where.ladder_figures import eigen_errors
from bnviz.lessons.where.map_figures import convergence_heatmaps
from bnviz.lessons.where.settings import LadderSpec, MapSpec
from bnviz.plotting import style


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
