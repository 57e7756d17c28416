"""Figures of "What standardization does not fix", from a :class:`~bnviz.lessons.where.ladder.Ladder`."""

from __future__ import annotations

import numpy as np

from bnviz.i18n import N_, _
from bnviz.lessons.where.ladder import Ladder, Rung
from bnviz.lessons.where.text import eigenvalue_headline, errors_headline, rung_headline
from bnviz.numbers import fmt
from bnviz.plotting import style
from bnviz.plotting.contour import contour
from bnviz.plotting.grid import axis_name, axis_ref, subplots
from bnviz.plotting.paths import evenly, path_art

COLORS = {"raw": style.CYCLE[0], "scaled only": style.CYCLE[2], "standardized": style.CYCLE[3],
          "whitened": style.CYCLE[1]}
DIRECTION = (N_("slow direction (λmin)"), N_("fast direction (λmax)"))
# Pixels of one row of the error panels' names (two lines of 11 px type).
_NOTE_ROW = 30
# Points per error line at most: a panel is a quarter of the chart's width, and on its log
# axis an error shrinking by a constant factor per step is a straight line, which 400 evenly
# spaced steps draw as well as 5000 (8 lines x 4 rungs of 5000 steps were 1 MB a rerun).
MAX_ERROR_POINTS = 400


def rung_contour(r: Rung, *, height: int = 460) -> dict:
    """Contour map of one rung's cost with its descent path (animated)."""
    s, t = r.surface, r.trajectory
    art = path_art(_(r.label), t.weights, t.cost, color=COLORS[r.label], view=s, margin=0.5)
    fig = contour(s, [art], f_star=r.quadratic.f_star, height=height)
    fig["layout"]["margin"] = {"l": 45, "r": 5, "t": 40, "b": 130}
    return style.dress(fig, rung_headline(r))


def eigen_errors(L: Ladder, *, height: int = 500) -> dict:
    """Error along each eigenvector of the Hessian against the step, one panel per rung.

    Solid: measured ``|v_i . (w_k - w*)|``; dashed: theory ``|1 - lr λ_i|^k |v_i . e_0|``.
    """
    data = []
    layout = subplots(1, len(L.rungs), horizontal_spacing=0.07)  # room for the step labels
    notes = []
    for i, r in enumerate(L.rungs, start=1):
        x, y = axis_ref("x", i), axis_ref("y", i)
        k = evenly(len(r.trajectory.cost), MAX_ERROR_POINTS)
        for j in (0, 1):
            lam = r.conditioning.eigenvalues[j]
            e = r.errors[k, j]
            meas = np.where(e > 0, e, np.nan).astype(np.float32)
            p = r.predicted_errors[k, j]
            pred = np.where(np.isfinite(p) & (p > 0), p, np.nan).astype(np.float32)
            data.append({"type": "scatter", "mode": "lines", "x": k, "y": meas,
                         "xaxis": x, "yaxis": y, "name": _(DIRECTION[j]),
                         "legendgroup": DIRECTION[j], "showlegend": i == 1,
                         "line": {"color": style.PAIR[j], "width": 2},
                         "hovertemplate": _("{rung}, λ = {lam}<br>step {step}: error {error}").format(
                             rung=_(r.label), lam=fmt(lam), step="%{x}", error="%{y:.3g}")
                         + "<extra></extra>"})
            data.append({"type": "scatter", "mode": "lines", "x": k, "y": pred,
                         "xaxis": x, "yaxis": y, "name": _("theory |1 − lr·λ|^k"),
                         "legendgroup": "theory", "showlegend": i == 1 and j == 0,
                         "line": {"color": "black", "width": 1, "dash": "dash"},
                         "hoverinfo": "skip"})
        xaxis = layout[axis_name("x", i)]
        # Three ticks at most: a quarter of a phone's width holds no more side by side.
        xaxis.update({"title": {"text": _("step")}, "nticks": 3, "tickangle": 0})
        layout[axis_name("y", i)].update(
            {"type": "log", "exponentformat": "power", "nticks": 5,
             **({"title": {"text": _("error along eigenvector")}} if i == 1
                # one scale for all: labelled once, not over the panel to the left
                else {"matches": "y", "showticklabels": False})})
        # Every other panel's name one row up: four names side by side collide on a phone.
        notes.append({"text": f"<b>{_(r.label)}</b><br>lr {fmt(r.lr)}", "xref": "paper",
                      "yref": "paper", "x": xaxis["domain"][0], "y": 1.0, "xanchor": "left",
                      "yanchor": "bottom", "align": "left", "showarrow": False,
                      "yshift": 4 + _NOTE_ROW * ((i - 1) % 2), "font": {"size": 11}})
    layout.update({"annotations": notes, "height": height, "uirevision": "keep",
                   "margin": {"l": 60, "r": 10, "t": 40, "b": 50}})
    # Three entries: three rows on a phone.
    fig = style.dress({"data": data, "layout": layout}, errors_headline(L), legend_rows=3)
    layout["margin"]["t"] += 2 * _NOTE_ROW + 8  # the panels' names, in two rows
    return fig


def eigenvalue_ladder(L: Ladder, *, height: int = 300) -> dict:
    """The two Hessian eigenvalues of each rung on a log axis, joined: normalizing pulls
    them together (whitened: both equal, κ = 1)."""
    data, notes = [], []
    for r in L.rungs:
        lam = r.conditioning.eigenvalues
        shown = np.where(lam > 0, lam, np.nan)
        label = _(r.label)
        data.append({"type": "scatter", "mode": "lines+markers", "x": shown,
                     "y": [label, label], "name": label, "showlegend": False,
                     "marker": {"size": 11, "color": COLORS[r.label]},
                     "line": {"color": COLORS[r.label], "width": 3},
                     "hovertemplate": f"{label}: λ = %{{x:.4g}}<extra></extra>"})
        # κ in a column of its own at the right, where no marker can cover it.
        notes.append({"xref": "paper", "yref": "y", "x": 1.01, "y": label, "xanchor": "left",
                      "showarrow": False, "text": f"κ = {fmt(r.conditioning.condition_number)}",
                      "font": {"color": COLORS[r.label]}})
    layout = {"height": height, "uirevision": "keep", "annotations": notes,
              "margin": {"l": 110, "r": 110, "t": 40, "b": 56},
              "xaxis": {"type": "log", "exponentformat": "power", "automargin": True,
                        "title": {"text": _("eigenvalues λ of the Hessian")}},
              "yaxis": {"autorange": "reversed", "automargin": True}}
    return style.dress({"data": data, "layout": layout}, eigenvalue_headline(L))
