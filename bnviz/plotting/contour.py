"""The top view: contour map of the cost with animated descent paths."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bnviz.core.quadratic import Surface
from bnviz.i18n import _
from bnviz.plotting import style
from bnviz.plotting.animate import path_frames
from bnviz.plotting.paths import PathArt
from bnviz.plotting.window import bounds

# Pixels from the plot's bottom edge to the slider and buttons: room for the tick labels and
# the x axis title.
BELOW_AXIS = 62
# How deep the map looks: excess costs below this fraction of the view's largest are one
# colour. Over twelve decades the 24 levels were half a decade apart and the view showed two
# or three rings, almost one colour; over five, each decade gets about five rings, so the
# valley's length and the bowl's roundness read at a glance. (The live views use it too.)
DEPTH = 1e-5


def contour(surf: Surface, paths: Sequence[PathArt], *, f_star: float, title: str = "",
            axis_titles: tuple[str, str] = ("w1", "w2"), height: int = 460) -> dict:
    """Contours of ``log10(cost - f_star)`` with each path, animated step by step.

    On a log scale of the excess cost the contours of a quadratic are nested ellipses at
    evenly spaced sizes, so the shape of the valley reads the same at every depth; the map
    reaches :data:`DEPTH` below the view's largest excess. Axes
    have equal scale (``scaleanchor``): a round bowl looks round, a valley looks long.
    Trace 0 is the contour; then two traces per path (trail, head). ``axis_titles`` are
    shown in the visitor's language (:data:`~bnviz.plotting.window.AXIS_TITLES` are marked
    messages; words already translated pass unchanged).
    """
    excess = np.maximum(surf.cost - f_star, 0.0)
    floor = max(float(excess.max()), 1e-300) * DEPTH
    z = np.log10(excess + floor).astype(np.float32)
    xr, yr = map(list, bounds(surf))

    def trace_of(p: PathArt, idx: np.ndarray) -> list[dict]:
        w = p.weights[idx].astype(np.float32)
        head = p.weights[idx[-1]]
        return [
            {"type": "scatter", "mode": "lines+markers", "name": p.name, "legendgroup": p.name,
             # See-through: a run that swings across a valley hundreds of times covers a
             # band, and the contours under it still show the valley.
             "opacity": 0.65,
             "x": w[:, 0], "y": w[:, 1], "line": {"color": p.color, "width": 1.5},
             "marker": {"size": 3, "color": p.color}, "hoverinfo": "skip"},
            {"type": "scatter", "mode": "markers", "name": p.name, "legendgroup": p.name,
             "showlegend": False, "x": [float(head[0])], "y": [float(head[1])],
             "marker": {"size": 11, "color": p.color, "line": {"color": "white", "width": 1.5}},
             "hovertemplate": f"{p.name}<br>w1=%{{x:.4g}}<br>w2=%{{y:.4g}}<extra></extra>"},
        ]

    data, frames, slider, menus = path_frames(paths, trace_of, 1, redraw=False)
    # Below the x axis title, not on it: a fixed gap in pixels (a fraction of the plot's
    # height would be too little on a phone, where the plot is short).
    slider["pad"]["t"] = menus[0]["pad"]["t"] = BELOW_AXIS
    background = {"type": "contour", "x": surf.w1, "y": surf.w2, "z": z,
                  "colorscale": "Viridis", "ncontours": 24, "line": {"width": 0.5},
                  # clear of the last x tick label, which reaches past the plot's edge
                  "colorbar": {"title": {"text": _("log10(cost − min)"), "side": "right"},
                               "thickness": 12, "x": 1.04, "xanchor": "left"},
                  "hovertemplate": "w1=%{x:.4g}<br>w2=%{y:.4g}<br>" + _("log10 excess")
                                   + "=%{z:.2f}<extra></extra>"}
    layout = {
        "title": style.title(title), "height": height,
        "margin": {"l": 50, "r": 10, "t": 70 if len(paths) > 1 else 40, "b": 130},
        "showlegend": len(paths) > 1,
        "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom",
                   "bgcolor": "rgba(255,255,255,0)"},
        "uirevision": "keep",
        "xaxis": {"title": {"text": _(axis_titles[0])}, "range": xr, "autorange": False,
                  "constrain": "domain"},
        "yaxis": {"title": {"text": _(axis_titles[1])}, "range": yr, "autorange": False,
                  "scaleanchor": "x", "scaleratio": 1, "constrain": "domain"},
        "sliders": [slider], "updatemenus": menus,
    }
    return {"data": [background, *data], "layout": layout, "frames": frames}
