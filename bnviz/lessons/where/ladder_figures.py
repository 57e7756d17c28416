"""Figures of "What standardization does not fix", from a :class:`~bnviz.lessons.where.ladder.Ladder`."""

from __future__ import annotations

import numpy as np

from bnviz.lessons.common.text import outcome
from bnviz.lessons.where.ladder import Ladder, Rung
from bnviz.numbers import fmt
from bnviz.plotting import style
from bnviz.plotting.contour import contour
from bnviz.plotting.grid import axis_name, axis_ref, subplots
from bnviz.plotting.paths import path_art

COLORS = {"raw": style.CYCLE[0], "scaled only": style.CYCLE[2], "standardized": style.CYCLE[3],
          "whitened": style.CYCLE[1]}
DIRECTION = ("slow direction (λmin)", "fast direction (λmax)")


def rung_contour(r: Rung, *, height: int = 420) -> dict:
    """Contour map of one rung's cost with its descent path (animated)."""
    s, t = r.surface, r.trajectory
    art = path_art(r.label, t.weights, t.cost, color=COLORS[r.label], view=s, margin=0.5)
    title = f"<b>{r.label}</b>: κ = {fmt(r.conditioning.condition_number)}, {outcome(r.trajectory)}"
    fig = contour(s, [art], f_star=r.quadratic.f_star, title=title, height=height)
    fig["layout"]["margin"] = {"l": 45, "r": 5, "t": 40, "b": 100}
    return fig


def eigen_errors(L: Ladder, *, height: int = 340) -> dict:
    """Error along each eigenvector of the Hessian against the step, one panel per rung.

    Solid: measured ``|v_i . (w_k - w*)|``; dashed: theory ``|1 - lr λ_i|^k |v_i . e_0|``.
    """
    data = []
    layout = subplots(1, len(L.rungs), horizontal_spacing=0.04)
    notes = []
    for i, r in enumerate(L.rungs, start=1):
        x, y = axis_ref("x", i), axis_ref("y", i)
        k = np.arange(len(r.trajectory.cost))
        for j in (0, 1):
            lam = r.conditioning.eigenvalues[j]
            meas = np.where(r.errors[:, j] > 0, r.errors[:, j], np.nan).astype(np.float32)
            p = r.predicted_errors[:, j]
            pred = np.where(np.isfinite(p) & (p > 0), p, np.nan).astype(np.float32)
            name = DIRECTION[j]
            data.append({"type": "scatter", "mode": "lines", "x": k, "y": meas,
                         "xaxis": x, "yaxis": y, "name": name, "legendgroup": name,
                         "showlegend": i == 1, "line": {"color": style.PAIR[j], "width": 2},
                         "hovertemplate": f"{r.label}, λ = {fmt(lam)}<br>step %{{x}}: "
                                          "error %{y:.3g}<extra></extra>"})
            data.append({"type": "scatter", "mode": "lines", "x": k, "y": pred,
                         "xaxis": x, "yaxis": y, "name": "theory |1 − lr·λ|^k",
                         "legendgroup": "theory", "showlegend": i == 1 and j == 0,
                         "line": {"color": "black", "width": 1, "dash": "dash"},
                         "hoverinfo": "skip"})
        xaxis = layout[axis_name("x", i)]
        xaxis["title"] = {"text": "step"}
        layout[axis_name("y", i)].update(
            {"type": "log", "exponentformat": "power",
             **({"title": {"text": "error along eigenvector"}} if i == 1 else {"matches": "y"})})
        notes.append({"text": f"<b>{r.label}</b> (lr {fmt(r.lr)})", "xref": "paper",
                      "yref": "paper", "x": xaxis["domain"][0], "y": 1.02, "xanchor": "left",
                      "yanchor": "bottom", "showarrow": False, "font": {"size": 12}})
    layout.update({"annotations": notes, "height": height, "uirevision": "keep",
                   "margin": {"l": 60, "r": 10, "t": 40, "b": 40},
                   "legend": {"orientation": "h", "y": -0.25}})
    return {"data": data, "layout": layout}


def eigenvalue_ladder(L: Ladder, *, height: int = 260) -> dict:
    """The two Hessian eigenvalues of each rung on a log axis, joined: normalizing pulls
    them together (whitened: both equal, κ = 1)."""
    data, notes = [], []
    for r in L.rungs:
        lam = r.conditioning.eigenvalues
        shown = np.where(lam > 0, lam, np.nan)
        data.append({"type": "scatter", "mode": "lines+markers", "x": shown,
                     "y": [r.label, r.label], "name": r.label, "showlegend": False,
                     "marker": {"size": 11, "color": COLORS[r.label]},
                     "line": {"color": COLORS[r.label], "width": 3},
                     "hovertemplate": f"{r.label}: λ = %{{x:.4g}}<extra></extra>"})
        # κ in a column of its own at the right, where no marker can cover it.
        notes.append({"xref": "paper", "yref": "y", "x": 1.01, "y": r.label, "xanchor": "left",
                      "showarrow": False, "text": f"κ = {fmt(r.conditioning.condition_number)}",
                      "font": {"color": COLORS[r.label]}})
    layout = {"height": height, "uirevision": "keep", "annotations": notes,
              "title": style.title("Eigenvalues of the Hessian, rung by rung"),
              "margin": {"l": 110, "r": 110, "t": 40, "b": 40},
              "xaxis": {"type": "log", "exponentformat": "power", "title": {"text": "λ"}},
              "yaxis": {"autorange": "reversed"}}
    return {"data": data, "layout": layout}
