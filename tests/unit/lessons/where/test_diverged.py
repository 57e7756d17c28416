"""Where normalization matters, where runs diverge: on the raw map and on the standardized one,
a diverged cell is drawn in the "diverged" band, its hover and the chosen cell's sentence say
so, at the step theory gives."""

from __future__ import annotations

import numpy as np
import pytest

from bnviz.core.descent import DIVERGED_GROWTH
from bnviz.core.gridrun import DIVERGED
from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.where.convergence import START, convergence_map
from bnviz.lessons.where.map_figures import convergence_heatmaps
from bnviz.lessons.where.settings import MapSpec
from bnviz.lessons.where.view import map_view

SPEC = MapSpec(cells=10, steps=80)  # rates 1e-9 .. 10: past the edge on both maps


@pytest.fixture(scope="module")
def cmap():
    return convergence_map(DataSpec(), SPEC)


def _blow_up(quad, lr: float) -> int | None:
    """Theory's step of divergence: on G's eigenvectors each coordinate of w - w* shrinks or
    grows by 1 - 2·lr·λ a step (the Hessian is 2G); the excess sum λ c² (1 - 2·lr·λ)^2k
    first passes DIVERGED_GROWTH times the start's."""
    lam, vec = np.linalg.eigh(quad.G)
    c0 = (START - quad.w_star) @ vec
    k = np.arange(1, SPEC.steps + 1)[:, None]
    with np.errstate(over="ignore"):
        excess = (lam * c0 ** 2 * (1 - 2 * lr * lam) ** (2 * k)).sum(axis=1)
    bad = np.flatnonzero(excess > DIVERGED_GROWTH * (lam * c0 ** 2).sum())
    return int(bad[0]) + 1 if bad.size else None


@pytest.mark.parametrize(("side", "panel"), [("raw", 0), ("std", 1)])
def test_a_diverged_cell_is_drawn_and_said_on_either_map(cmap, side, panel):
    grid = getattr(cmap, side).grid
    cells = np.argwhere(grid.status == DIVERGED)
    assert len(cells) > 0
    # The diverged cell nearest the stability edge: the latest to blow up on that map.
    row, col = max(cells, key=lambda rc: grid.diverged_at[rc[0], rc[1]])
    quad, lr = getattr(cmap, side).quadratics[row], float(cmap.lr[col])
    step = _blow_up(quad, lr)
    assert step is not None and grid.diverged_at[row, col] == step
    fig = convergence_heatmaps(cmap, metric="steps", pick=(int(row), int(col)))
    heat = [t for t in fig["data"] if t["type"] == "heatmap"][panel]
    bar = fig["layout"]["coloraxis"]["colorbar"]
    band = bar["tickvals"][bar["ticktext"].index("diverged")]
    assert heat["z"][row, col] == pytest.approx(band)
    assert heat["text"][row][col] == f"diverged at step {step}"
    view = map_view(cmap, MapSpec(cells=SPEC.cells, steps=SPEC.steps, pick_lr=lr,
                                  pick_r=float(cmap.ratio[row])))
    assert f"diverges at step {step}" in view.sentence
