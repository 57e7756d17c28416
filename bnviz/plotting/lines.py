"""Line charts: cost against step for several runs."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bnviz.plotting.animate import PathArt


def cost_curves(paths: Sequence[PathArt], *, title: str = "Cost per step",
                y_title: str = "cost (log scale)", height: int = 320,
                marks: Sequence[tuple[str, int, str]] = ()) -> dict:
    """Cost against step, log y, one line per path.

    ``marks`` are ``(text, step, color)`` vertical markers (e.g. where a run diverged or
    reached the tolerance).
    """
    data = []
    for p in paths:
        c = np.where(np.isfinite(p.cost) & (p.cost > 0), p.cost, np.nan)
        data.append({"type": "scatter", "mode": "lines", "name": p.name, "x": p.step_of,
                     "y": c, "line": {"color": p.color, "width": 2},
                     "hovertemplate": f"{p.name}<br>step %{{x}}<br>cost %{{y:.6g}}<extra></extra>"})
    shapes = [{"type": "line", "xref": "x", "yref": "paper", "x0": s, "x1": s, "y0": 0,
               "y1": 1, "line": {"color": col, "dash": "dot", "width": 1}} for _, s, col in marks]
    notes = [{"xref": "x", "yref": "paper", "x": s, "y": 1, "text": t, "showarrow": False,
              "yanchor": "bottom", "font": {"color": col, "size": 11}} for t, s, col in marks]
    layout = {"title": {"text": title, "x": 0.02, "font": {"size": 14}}, "height": height,
              "margin": {"l": 60, "r": 10, "t": 50, "b": 40}, "uirevision": "keep",
              "xaxis": {"title": {"text": "step"}},
              "yaxis": {"title": {"text": y_title}, "type": "log", "exponentformat": "power"},
              "legend": {"orientation": "h", "y": -0.2}, "shapes": shapes, "annotations": notes}
    return {"data": data, "layout": layout}
