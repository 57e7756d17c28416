"""The figures of the page "Optimizer race", from one :class:`~bnviz.lessons.race.runs.Field`.

The contour map and the 3D surface are the shared builders with one path per optimizer;
the contour map also gets two arrows per optimizer at the head of its path, updated by
every frame: the direction of steepest descent ``-grad f`` (dotted, a fixed length: its
size spans orders of magnitude along a run) and, for rules with momentum, the velocity
(solid, to one scale for the whole figure). In the valley the first points across it and
the second along it: momentum keeps going where the gradient barely pushes.
"""

from __future__ import annotations

import math

import numpy as np

from bnviz.core.quadratic import Surface
from bnviz.i18n import N_, _, ngettext
from bnviz.lessons.common.text import listed
from bnviz.lessons.race.runs import Field, OptimizerRun
from bnviz.lessons.race.text import cost_headline, map_headline, surface_headline
from bnviz.numbers import dotted
from bnviz.plotting import style
from bnviz.plotting.contour import contour
from bnviz.plotting.lines import Run, cost_curves, outcome_marks
from bnviz.plotting.paths import PathArt, path_art
from bnviz.plotting.style import CYCLE
from bnviz.plotting.surface import surface3d
from bnviz.plotting.window import AXIS_TITLES

# Plain descent in grey, so the rules that add to it stand out.
COLORS = {"gd": CYCLE[6], "mom": CYCLE[0], "nag": CYCLE[3], "rms": CYCLE[1], "adam": CYCLE[2]}
# Arrow lengths as fractions of the view's width.
GRADIENT_ARROW = 0.12
VELOCITY_ARROW = 0.3
# Bytes grow with frames x paths x points, and five paths race: each is thinned to this
# many points, every step of the first _EXACT kept (where momentum zig-zags), then spaced
# uniformly in sqrt(step) (the slow crawl along the valley floor).
MAX_POINTS = 48
CURVE_POINTS = 600
_EXACT = 16


def thin(last: int, *, max_points: int = MAX_POINTS) -> np.ndarray:
    """Sorted step indices 0..last to draw, at most ``max_points`` of them, ``last`` kept."""
    if last + 1 <= max_points:
        return np.arange(last + 1)
    head = np.arange(_EXACT)
    tail = np.round(np.linspace(0.0, math.sqrt(last), max_points - _EXACT) ** 2).astype(int)
    idx = np.unique(np.concatenate([head, tail, [last]]))
    return idx


def _art(run: OptimizerRun, surf: Surface, *, margin: float) -> PathArt:
    """The part of ``run`` that stays near the view (a diverging path leaves it)."""
    t = run.trajectory
    return path_art(_(run.name), t.weights, t.cost, color=COLORS[run.key], view=surf,
                    margin=margin, thin=thin)


def _curve(run: OptimizerRun) -> PathArt:
    """The excess cost of ``run`` for the line chart: every step up to ``CURVE_POINTS``, then
    every ``ceil(steps / CURVE_POINTS)``-th one and the last; float32 (display only)."""
    t = run.trajectory
    idx = np.arange(0, len(t.cost), max(1, math.ceil(len(t.cost) / CURVE_POINTS)))
    if idx[-1] != len(t.cost) - 1:
        idx = np.append(idx, len(t.cost) - 1)
    return PathArt(name=_(run.name), weights=t.weights[idx], color=COLORS[run.key], steps=idx,
                   cost=t.excess[idx].astype(np.float32))


def round_scale(largest: float, room: float) -> float:
    """The largest of 1, 2, 5 x 10^k that draws ``largest`` no longer than ``room``."""
    if not (largest > 0 and math.isfinite(largest)):
        return 1.0
    k = math.floor(math.log10(room / largest))
    best = 10.0 ** k
    for m in (2.0, 5.0):
        if m * 10.0 ** k * largest <= room:
            best = m * 10.0 ** k
    return best


def _arrow(color: str, dash: str, width: float) -> dict:
    return {"type": "scatter", "mode": "lines+markers", "showlegend": False,
            "hoverinfo": "skip", "line": {"color": color, "width": width, "dash": dash},
            "marker": {"symbol": "arrow", "angleref": "previous", "size": [0, 11],
                       "color": color}}


def _tips(starts: np.ndarray, vecs: np.ndarray) -> list[dict]:
    """Arrows from ``starts`` along ``vecs`` (both shape (F, 2)), one ``{"x", "y"}`` per row;
    an arrow whose vector is not finite shrinks to its start."""
    ends = np.where(np.isfinite(vecs).all(axis=1)[:, None], starts + vecs, starts)
    return [{"x": [s[0], e[0]], "y": [s[1], e[1]]}
            for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]


def add_arrows(fig: dict, runs: list[OptimizerRun], arts: list[PathArt], *, width: float) -> float:
    """Append gradient and velocity arrows at each path's head to every frame of ``fig``.

    ``fig`` is a :func:`~bnviz.plotting.contour.contour` figure of ``arts`` (changed in
    place, before it is encoded). Returns the scale the velocities are drawn at.
    """
    vmax = max((float(np.max(np.linalg.norm(r.velocities[a.step_of], axis=1)))
                for r, a in zip(runs, arts, strict=True) if r.velocities is not None), default=0.0)
    scale = round_scale(vmax, VELOCITY_ARROW * width)
    glen = GRADIENT_ARROW * width
    first = len(fig["data"])
    for r, a in zip(runs, arts, strict=True):
        fig["data"].append(_arrow(a.color, "dot", 2) | {"legendgroup": a.name})
        if r.velocities is not None:
            fig["data"].append(_arrow(a.color, "solid", 3) | {"legendgroup": a.name})

    # Every frame at once: per arrow trace, one arrow per frame, at the head the frame shows
    # (the last drawn point at or before the frame's step).
    steps = np.array([int(frame["name"]) for frame in fig["frames"]], dtype=int)
    arrows: list[list[dict]] = []
    for r, a in zip(runs, arts, strict=True):
        i = np.maximum(np.searchsorted(a.step_of, steps, side="right") - 1, 0)
        k = a.step_of[i]
        heads, g = a.weights[i], r.gradients[k]
        norm = np.linalg.norm(g, axis=1)[:, None]
        with np.errstate(all="ignore"):
            down = np.where(norm > 0, -glen * g / norm, 0.0)  # fixed length: direction only
        arrows.append(_tips(heads, down))
        if r.velocities is not None:
            arrows.append(_tips(heads, scale * r.velocities[k]))

    traces = list(range(first, first + len(arrows)))
    for f, frame in enumerate(fig["frames"]):
        frame["data"] += [column[f] for column in arrows]
        frame["traces"] += traces
    if fig["frames"]:
        for trace, column in zip(fig["data"][first:], arrows, strict=True):
            trace.update(column[-1])
    return scale


# The note on the top view's arrows; " ×0.5" follows it when the velocities are scaled
# (bnviz/ui/race.py sends it to the browser, which finds the note by it).
ARROWS_NOTE = N_("··· direction of −∇f, — velocity")
_COST_Y = {"raw": N_("raw: cost − minimum (log)"),
           "standardized": N_("standardized: cost − minimum (log)")}


def scale_text(scale: float) -> str:
    """`` ×0.5``: the factor the velocity arrows are drawn at (nothing at 1)."""
    return "" if scale == 1 else " ×" + dotted(f"{scale:g}")


# The racers' legend above the top view: five names take two rows in a half-width column,
# three on a phone.
LEGEND_ROWS = 3
# The top view and the surface side by side, tall enough for the headline and legend above,
# and short enough that the racers' controls fit one laptop screen with them (1280 x 720).
HEIGHT = 480


def _left_the_surface(field: Field) -> str:
    """``; Gradient descent and Momentum diverge and leave the surface``, for the surface's
    headline (whose own words are about the valley's shape); "" when no run diverged."""
    gone = [_(r.name) for r in field.runs if r.trajectory.status == "diverged"]
    if not gone:
        return ""
    return ngettext("; {runs} diverges and leaves the surface",
                    "; {runs} diverge and leave the surface", len(gone)).format(runs=listed(gone))


def race_figures(field: Field, *, tol: float, budget: int | None = None) -> dict[str, dict]:
    """Contour map with arrows, 3D surface and cost chart of every run on ``field``, each
    headed by what it shows (``budget``: the steps each run had, by default the longest
    run's)."""
    if budget is None:
        budget = max((r.trajectory.steps for r in field.runs), default=0)
    runs = list(field.runs)
    s2, s3 = field.surface_2d, field.surface_3d
    axes = AXIS_TITLES[field.label]
    arts2 = [_art(r, s2, margin=0.5) for r in runs]
    cmap = contour(s2, arts2, f_star=field.quadratic.f_star, axis_titles=axes)
    cmap["layout"]["height"] = HEIGHT
    style.dress(cmap, map_headline(field, budget), legend_rows=LEGEND_ROWS)
    cmap["layout"]["legend"]["font"] = {"size": 11}
    scale = add_arrows(cmap, runs, arts2, width=float(s2.w1[-1] - s2.w1[0]))
    note = _(ARROWS_NOTE) + scale_text(scale)
    # Inside the plot's bottom left corner: the top margin holds the headline and legend.
    cmap["layout"]["annotations"] = [{"xref": "paper", "yref": "paper", "x": 0, "y": 0,
                                      "xanchor": "left", "yanchor": "bottom",
                                      "showarrow": False, "text": note,
                                      "bgcolor": "rgba(255,255,255,0.75)",
                                      "font": {"size": 11}}]
    # The 3D axes are named by symbol only: a scene draws its axis titles along the axes,
    # where a long one is cut off on a phone; the top view spells them out.
    short = (axes[0].split(" ")[0], axes[1].split(" ")[0])
    surf = surface3d(s3, [_art(r, s3, margin=0.0) for r in runs], axis_titles=short,
                     height=HEIGHT)
    style.dress(surf, surface_headline(field) + _left_the_surface(field))
    style.below_scene(surf)
    surf["layout"]["showlegend"] = False  # the top view's legend names the same colours
    marks = outcome_marks([Run(_(r.name), r.trajectory, COLORS[r.key]) for r in runs],
                          diverged="✗", reached="✓")
    excess = [_curve(r) for r in runs]
    cost = cost_curves(excess, y_title=_(_COST_Y[field.label]), marks=marks,
                       height=340)
    style.dress(cost, cost_headline(field, budget)
                + _(" (✓ excess below {tol}, ✗ diverged)").format(tol=dotted(f"{tol:g}")))
    return {"contour": cmap, "surface": surf, "cost": cost}
