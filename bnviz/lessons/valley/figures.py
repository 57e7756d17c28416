"""The figures of the page "Valley vs bowl", from a :class:`~bnviz.valley.Comparison`."""

from __future__ import annotations

from bnviz.core.quadratic import Surface
from bnviz.lessons.common.text import outcome
from bnviz.lessons.valley.experiment import Comparison, Side
from bnviz.plotting.animate import PALETTE, PathArt
from bnviz.plotting.contour import contour
from bnviz.plotting.lines import cost_curves
from bnviz.plotting.paths import inside
from bnviz.plotting.surface import surface3d

_AXES = {"raw": ("w1 (weight of A)", "w2 (weight of B)"),
         "standardized": ("v1 (weight of zA)", "v2 (weight of zB)")}


def _art(side: Side, surf: Surface, *, margin: float) -> PathArt:
    t = side.trajectory
    keep = inside(t.weights, (surf.w1[0], surf.w1[-1]), (surf.w2[0], surf.w2[-1]), margin=margin)
    keep = max(keep, 1)
    return PathArt(name=side.label, weights=t.weights[:keep], cost=t.cost[:keep],
                   color=PALETTE[side.label])


def _title(side: Side) -> str:
    t = side.trajectory
    what = f"<b>{outcome(t)}</b>" if t.status == "diverged" else outcome(t)
    return f"{side.label.capitalize()} features: {what}"


def side_figures(side: Side) -> dict[str, dict]:
    """3D surface and contour map of one side, each with its animated path."""
    s3, s2 = side.surface_3d, side.surface_2d
    return {
        "surface": surface3d(s3, [_art(side, s3, margin=0.0)], title=_title(side),
                             axis_titles=_AXES[side.label]),
        "contour": contour(s2, [_art(side, s2, margin=0.5)], f_star=side.quadratic.f_star,
                           title="Top view", axis_titles=_AXES[side.label]),
    }


def cost_figure(cmp: Comparison) -> dict:
    marks = []
    for side in (cmp.raw, cmp.std):
        t = side.trajectory
        if t.status == "diverged":
            marks.append((f"{side.label} diverged", t.diverged_at, PALETTE[side.label]))
        elif t.steps_to_tol is not None:
            marks.append((f"{side.label} at tolerance", t.steps_to_tol, PALETTE[side.label]))
    paths = [PathArt(name=s.label, weights=s.trajectory.weights, cost=s.trajectory.cost,
                     color=PALETTE[s.label]) for s in (cmp.raw, cmp.std)]
    return cost_curves(paths, title="Cost per step (both start from the same slopes)",
                       marks=marks)
