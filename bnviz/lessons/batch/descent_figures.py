"""The three descents of "Inside a batch" on the cost map, in 3D, and cost per step."""

from __future__ import annotations

import numpy as np

from bnviz.core.descent import Trajectory
from bnviz.core.quadratic import Surface
from bnviz.lessons.batch.minibatch import MiniRuns
from bnviz.lessons.batch.text import LABELS
from bnviz.plotting.animate import PALETTE, PathArt
from bnviz.plotting.contour import contour
from bnviz.plotting.lines import cost_curves
from bnviz.plotting.paths import inside
from bnviz.plotting.surface import surface3d

COLORS = {"raw": PALETTE["raw"], "standardized": PALETTE["standardized"],
          "batchnorm": PALETTE["batchnorm"]}
# Points per drawn path: frames carry paths, so three noisy paths must be thinned harder
# than the single smooth path per chart of "Valley vs bowl" (bytes = frames x points).
MAX_POINTS = 90
_AXES = ("w1 (slope of A)", "w2 (slope of B)")


def _art(name: str, t: Trajectory, surf: Surface | None) -> PathArt:
    keep = len(t.cost)
    if surf is not None and t.status == "diverged":
        # A diverging path leaves every window: draw it while it is near enough to see.
        keep = max(inside(t.weights[:, :2], (surf.w1[0], surf.w1[-1]),
                          (surf.w2[0], surf.w2[-1]), margin=0.5), 1)
    idx = np.unique(np.linspace(0, keep - 1, min(keep, MAX_POINTS)).round().astype(int))
    return PathArt(name=LABELS[name], weights=t.weights[idx, :2], cost=t.cost[idx],
                   color=COLORS[name], steps=idx)


def descent_figures(runs: MiniRuns, map2d: Surface, map3d: Surface) -> dict[str, dict]:
    """Contour map and 3D surface of the best-intercept cost with the three paths, and the
    cost of each run per step."""
    f_star = runs.profile.f_star
    return {
        "map": contour(map2d, [_art(k, t, map2d) for k, t in runs.runs.items()], f_star=f_star,
                       title="Top view: cost with the best intercept for each (w1, w2)",
                       axis_titles=_AXES, height=480),
        "surface": surface3d(map3d, [_art(k, t, map3d) for k, t in runs.runs.items()],
                             title="The same in 3D (a path above the surface: its intercept "
                                   "is not yet the best)", axis_titles=_AXES, height=480),
        "cost": cost_figure(runs),
    }


def cost_figure(runs: MiniRuns) -> dict:
    marks = []
    for k, t in runs.runs.items():
        if t.status == "diverged":
            marks.append((f"{k} diverged", t.diverged_at, COLORS[k]))
        elif t.steps_to_tol is not None:
            marks.append((f"{k} at tolerance", t.steps_to_tol, COLORS[k]))
    paths = [PathArt(name=LABELS[k], weights=t.weights, cost=t.cost, color=COLORS[k])
             for k, t in runs.runs.items()]
    return cost_curves(paths, title="Cost of each run's model on all rows, per step",
                       marks=marks)
