"""The figures of the page "Valley vs bowl", from a :class:`~bnviz.lessons.valley.experiment.Comparison`."""

from __future__ import annotations

import numpy as np

from bnviz.i18n import N_, _
from bnviz.lessons.common.text import outcome
from bnviz.lessons.valley.experiment import Comparison, Side
from bnviz.plotting import style
from bnviz.plotting.contour import contour
from bnviz.plotting.lines import Run, cost_curves, outcome_marks
from bnviz.plotting.paths import PathArt, path_art
from bnviz.plotting.style import PALETTE
from bnviz.plotting.surface import surface3d
from bnviz.plotting.window import AXIS_TITLES

# How far past its view (a fraction of the view) a path is still drawn: not at all on the 3D
# surface, where it would float in the air; half a view on the top view, so a diverging run
# is seen leaving.
MARGIN_3D, MARGIN_2D = 0.0, 0.5
# Each chart's height: a top view or a 3D view of each side, with a control above them, fits
# one laptop screen (1280 x 720).
HEIGHT = 420


# Each side's chart title, with its run's outcome (bold when it diverged); the browser's live
# view writes the same while a control is dragged (bnviz/ui/valley.py sends them).
TITLES = {"raw": N_("Raw features: {outcome}"),
          "standardized": N_("Standardized features: {outcome}")}
# Each side's name in legends, hover labels and the cost chart's marks.
NAMES = {"raw": N_("raw"), "standardized": N_("standardized")}


def _title(side: Side) -> str:
    t = side.trajectory
    what = f"<b>{outcome(t)}</b>" if t.status == "diverged" else outcome(t)
    return _(TITLES[side.label]).format(outcome=what)


def side_figures(side: Side) -> dict[str, dict]:
    """3D surface and contour map of one side, each with its animated path.

    The 3D view draws the path only while it is over the surface; the top view a little
    beyond, so a path that starts to diverge is seen leaving.
    """
    t, color = side.trajectory, PALETTE[side.label]
    s3, s2 = side.surface_3d, side.surface_2d
    name = _(NAMES[side.label])
    art3 = path_art(name, t.weights, t.cost, color=color, view=s3, margin=MARGIN_3D)
    art2 = path_art(name, t.weights, t.cost, color=color, view=s2, margin=MARGIN_2D)
    # The 3D axes are named by symbol only (a scene draws its titles along the axes, where a
    # long one is cut off on a phone); the top view spells them out.
    short = tuple(t.split(" ")[0] for t in AXIS_TITLES[side.label])
    surface = surface3d(s3, [art3], title=_title(side), axis_titles=(short[0], short[1]), height=HEIGHT)
    top = contour(s2, [art2], f_star=side.quadratic.f_star, title=_("Top view"),
                  axis_titles=AXIS_TITLES[side.label], height=HEIGHT)
    top["data"].append(first_steps(art2.weights, color=color))
    return {"surface": style.below_scene(surface), "contour": top}


# How many of a path's first points the top view numbers: on a long valley each swing across
# lands near the last one's line, and the numbers show the visitor the order (0 below the
# floor, 1 above, 2 below, ...) and the shrinking of the swings.
NUMBERED = 6


def first_steps(weights: np.ndarray, *, color: str, numbered: int = NUMBERED) -> dict:
    """A text trace numbering the first ``numbered`` points of a path ``weights`` (shape
    (k, 2)), each beside its point, on the side away from the previous stroke."""
    w = weights[:numbered]
    return {"type": "scatter", "mode": "text", "x": w[:, 0].astype(np.float32),
            "y": w[:, 1].astype(np.float32), "text": [str(i) for i in range(len(w))],
            "textposition": ["middle left" if i % 2 else "middle right" for i in range(len(w))],
            "textfont": {"color": color, "size": 12}, "showlegend": False, "hoverinfo": "skip",
            "name": _("step")}


def cost_figure(cmp: Comparison) -> dict:
    """Cost per step of both sides, marked where each diverged or reached the tolerance."""
    runs = [Run(_(NAMES[s.label]), s.trajectory, PALETTE[s.label]) for s in (cmp.raw, cmp.std)]
    paths = [PathArt(name=r.name, weights=r.trajectory.weights, cost=r.trajectory.cost,
                     color=r.color) for r in runs]
    return cost_curves(paths, title=_("Cost per step (both start from the same slopes)"),
                       marks=outcome_marks(runs, diverged=_("{name} diverged"),
                                          reached=_("{name} at tolerance")))
