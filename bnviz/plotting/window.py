"""The square view of a cost surface around its minimum, and the grids drawn over it.

Every lesson that draws a two-weight cost (the valley, the race, the mini-batch descents,
the ladder) draws it on a square window centred on the optimum, at two resolutions: a coarse
grid for the 3D surface (a WebGL surface drawn in software is slow) and a finer one for the
contour map.
"""

from __future__ import annotations

import numpy as np

from bnviz.core.quadratic import Quadratic, Surface, surface
from bnviz.i18n import N_

GRID_3D = 41  # as coarse as still looks smooth
GRID_2D = 81
# How much wider than the start's distance from the optimum the view reaches.
PAD = 1.15

Range = tuple[float, float]
# The two weights' names, by what the features were: raw, or standardized (z-scores). Marked
# for translation: the contour map and the 3D surface show them translated (``_``).
AXIS_TITLES = {"raw": (N_("w1 (weight of A)"), N_("w2 (weight of B)")),
               "standardized": (N_("v1 (weight of zA)"), N_("v2 (weight of zB)"))}


def square_window(center: np.ndarray, start: np.ndarray, *, pad: float = PAD) -> tuple[Range, Range]:
    """A square view centred on the optimum that holds every point of a stable run.

    Stable descent never moves further from the optimum than its start along any
    eigendirection, so a disc of radius ``|start - center|`` holds the whole path.
    """
    r = float(np.linalg.norm(np.asarray(start, float) - center)) * pad
    if not r > 0:
        r = max(1.0, 0.5 * float(np.max(np.abs(center))))
    return window(center, r)


def window(center: np.ndarray, radius: float) -> tuple[Range, Range]:
    """``((x0, x1), (y0, y1))``: the square of half-width ``radius`` around ``center``."""
    cx, cy = float(center[0]), float(center[1])
    return (cx - radius, cx + radius), (cy - radius, cy + radius)


def surfaces(q: Quadratic, x_range: Range, y_range: Range) -> tuple[Surface, Surface]:
    """The cost of ``q`` on the window: ``(coarse grid for 3D, fine grid for the contour map)``."""
    return tuple(surface(q, np.linspace(*x_range, n), np.linspace(*y_range, n))  # type: ignore[return-value]
                 for n in (GRID_3D, GRID_2D))


def bounds(surf: Surface) -> tuple[Range, Range]:
    """``((x0, x1), (y0, y1))``: the window ``surf`` was computed on."""
    return (float(surf.w1[0]), float(surf.w1[-1])), (float(surf.w2[0]), float(surf.w2[-1]))
