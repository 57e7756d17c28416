"""The cost surface in 3D with animated descent paths on it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bnviz.core.quadratic import Surface
from bnviz.i18n import _
from bnviz.plotting import style
from bnviz.plotting.animate import path_frames
from bnviz.plotting.paths import PathArt
from bnviz.plotting.window import bounds

# Lift paths a little above the surface so the mesh does not hide them.
LIFT = 0.01


def surface3d(surf: Surface, paths: Sequence[PathArt], *, title: str = "",
              axis_titles: tuple[str, str] = ("w1", "w2"), height: int = 460) -> dict:
    """A 3D surface of ``surf`` with each path drawn on it, animated step by step.

    Trace 0 is the surface; then two traces per path (trail, head). Axis ranges are fixed
    from the grid and the surface's cost range, so they do not move between frames;
    points of a path outside the grid are not drawn. ``axis_titles`` are shown in the
    visitor's language (as the contour map's).
    """
    cost_word = _("cost")
    z = surf.cost.astype(np.float32)
    zmin, zmax = float(np.min(surf.cost)), float(np.max(surf.cost))
    lift = LIFT * (zmax - zmin)
    xr, yr = bounds(surf)

    def trace_of(p: PathArt, idx: np.ndarray) -> list[dict]:
        w, c = p.weights[idx], np.minimum(p.cost[idx], zmax) + lift
        head = idx[-1:]
        return [
            {"type": "scatter3d", "mode": "lines+markers", "name": p.name, "legendgroup": p.name,
             "x": w[:, 0].astype(np.float32), "y": w[:, 1].astype(np.float32),
             "z": c.astype(np.float32), "line": {"color": p.color, "width": 5},
             "marker": {"size": 1.5, "color": p.color}, "hoverinfo": "skip"},
            {"type": "scatter3d", "mode": "markers", "name": p.name, "legendgroup": p.name,
             "showlegend": False, "x": p.weights[head, 0], "y": p.weights[head, 1],
             "z": np.minimum(p.cost[head], zmax) + lift,
             "marker": {"size": 6, "color": p.color, "line": {"color": "white", "width": 1}},
             "hovertemplate": f"{p.name}<br>w1=%{{x:.4g}}<br>w2=%{{y:.4g}}<br>{cost_word}="
                              "%{z:.4g}<extra></extra>"},
        ]

    data, frames, slider, menus = path_frames(paths, trace_of, 1, redraw=True)
    surface = {"type": "surface", "x": surf.w1, "y": surf.w2, "z": z, "colorscale": "Viridis",
               "showscale": False, "opacity": 0.9, "name": cost_word,
               "contours": {"z": {"show": True, "usecolormap": True, "project": {"z": True}}},
               "hovertemplate": "w1=%{x:.4g}<br>w2=%{y:.4g}<br>" + cost_word
                                + "=%{z:.4g}<extra></extra>"}
    layout = {
        "title": style.title(title), "height": height,
        "margin": {"l": 0, "r": 0, "t": 40, "b": 10}, "showlegend": len(paths) > 1,
        "legend": {"x": 0.01, "y": 0.95},
        "uirevision": "keep",
        "scene": {"uirevision": "camera",
                  "xaxis": {"title": {"text": _(axis_titles[0])}, "range": list(xr),
                            "autorange": False},
                  "yaxis": {"title": {"text": _(axis_titles[1])}, "range": list(yr),
                            "autorange": False},
                  "zaxis": {"title": {"text": cost_word}, "range": [zmin, zmax + 2 * lift],
                            "autorange": False},
                  "aspectmode": "cube", "camera": {"eye": {"x": 1.5, "y": -1.5, "z": 1.0}}},
        "sliders": [slider], "updatemenus": menus,
    }
    return {"data": [surface, *data], "layout": layout, "frames": frames}
