"""The zig-zag, step by step: each side's distance to the minimum across its valley and along it.

On the top view the raw path at the optimal fixed rate bounces between the valley's walls
hundreds of times while it crawls along the floor: at the view's scale its strokes overlap
into one shape. Split along the Hessian's eigenvectors the run is two simple sequences: with
``c_k = V^T (w_k - w*)``, gradient descent multiplies each coordinate by ``1 - lr lambda_i``
per step, so across the valley (the steep direction, ``lambda_max``) a factor below zero flips
the side at every step, the zig-zag, and along it (``lambda_min``) a factor near one is the
crawl. Drawn against the step, every stroke of the zig-zag is a point of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bnviz.i18n import _, ngettext
from bnviz.lessons.valley.experiment import Comparison, Side
from bnviz.numbers import percent, whole
from bnviz.plotting import style
from bnviz.plotting.paths import evenly
from bnviz.plotting.style import PALETTE

# The steps the "across" panel shows one by one: enough swings to see the pattern.
ACROSS_STEPS = 30
# Points drawn of the "along" panel's whole run.
ALONG_POINTS = 300
HEIGHT = 400


@dataclass(frozen=True)
class Swing:
    """One side's run in its eigen-coordinates, each relative to its start.

    ``across[k]`` and ``along[k]`` are ``c_k / |c_0|`` along the steep and the flat
    eigenvector (0 where the start is already on the floor); ``factors`` are ``1 - lr
    lambda`` for (across, along); ``diverged_at`` is the step where the run blew up (its
    arrays end there: a diverged side is shorter than the other), None if it did not.
    """

    label: str
    across: np.ndarray
    along: np.ndarray
    factors: tuple[float, float]
    diverged_at: int | None = None


def swing(side: Side) -> Swing:
    """The coordinates of ``side``'s run across and along its valley, relative to the start."""
    c = side.conditioning
    coords = (side.trajectory.weights - side.quadratic.w_star) @ c.eigenvectors
    start = np.abs(coords[0])
    with np.errstate(invalid="ignore", divide="ignore"):
        rel = np.where(start > 0, coords / np.where(start > 0, start, 1.0), 0.0)
    steep = int(np.argmax(c.eigenvalues))
    factors = (1.0 - side.lr * c.lam_max, 1.0 - side.lr * c.lam_min)
    return Swing(side.label, rel[:, steep], rel[:, 1 - steep], factors,
                 side.trajectory.diverged_at)


def flips(values: np.ndarray) -> int:
    """How many times consecutive values change sign (a zero is no side)."""
    signs = np.sign(values[np.isfinite(values)])
    signs = signs[signs != 0]
    return int(np.count_nonzero(signs[1:] != signs[:-1]))


def swing_headline(raw: Swing, std: Swing, *, steps: int) -> str:
    """What the chart shows, from its numbers; ``steps`` is the runs' budget (a side that
    diverged is described by the step where it did)."""
    shown = raw.across[:ACROSS_STEPS + 1]
    if raw.diverged_at is not None:
        across = _("Raw: each swing across the valley is wider than the last, until it "
                   "diverges at step {step}.").format(step=whole(raw.diverged_at))
    elif not np.isfinite(raw.across).all() or abs(raw.factors[0]) > 1:
        across = _("Raw: each swing across the valley is wider than the last.")
    elif flips(shown) >= len(shown) - 2 and len(shown) > 2:
        across = _("Raw: it crosses the valley at every step, each swing {percent} of the "
                   "last.").format(percent=percent(abs(raw.factors[0])))
    else:
        across = _("Raw: it reaches the valley floor without crossing it.")
    return f"{across} {_along_sentence(raw, std, steps=steps)}"


def _left(s: Swing) -> str:
    """How much of the way along the valley is left at the run's last finite point."""
    left = s.along[np.isfinite(s.along)]
    return percent(abs(float(left[-1]))) if left.size else "?"


def _along_sentence(raw: Swing, std: Swing, *, steps: int) -> str:
    if std.diverged_at is not None and raw.diverged_at is not None:
        return _("Standardized: it diverges too, at step {step}.").format(
            step=whole(std.diverged_at))
    if std.diverged_at is not None:
        return ngettext("Along the valley, {left} of the way is left after {steps} step; "
                        "standardized, the run diverges at step {step}.",
                        "Along the valley, {left} of the way is left after {steps} steps; "
                        "standardized, the run diverges at step {step}.", steps).format(
            left=_left(raw), steps=whole(steps), step=whole(std.diverged_at))
    if raw.diverged_at is not None:
        return ngettext("Standardized: {std_left} of the way along the valley is left after "
                        "{steps} step.",
                        "Standardized: {std_left} of the way along the valley is left after "
                        "{steps} steps.", steps).format(std_left=_left(std), steps=whole(steps))
    return ngettext("Along the valley, {left} of the way is left after {steps} step; "
                    "standardized, {std_left}.",
                    "Along the valley, {left} of the way is left after {steps} steps; "
                    "standardized, {std_left}.", steps).format(
        left=_left(raw), steps=whole(steps), std_left=_left(std))


def _trace(s: Swing, steps: np.ndarray, values: np.ndarray, *, axis: str, legend: bool) -> dict:
    y = np.where(np.isfinite(values), values, np.nan).astype(np.float64)
    name = _("raw") if s.label == "raw" else _("standardized")
    # One marker a step where each step is shown; the whole run's crawl is a line.
    return {"type": "scatter", "mode": "lines+markers" if axis == "" else "lines", "name": name,
            "legendgroup": s.label,
            "showlegend": legend, "x": steps, "y": y, "xaxis": f"x{axis}", "yaxis": f"y{axis}",
            "line": {"color": PALETTE[s.label], "width": 1.5,
                     "dash": "solid" if s.label == "raw" else "dash"},
            "marker": {"size": 5, "color": PALETTE[s.label],
                       "symbol": "circle" if s.label == "raw" else "square"},
            "hovertemplate": name + _("<br>step %{x}<br>%{y:.3f} of the start") + "<extra></extra>"}


def _budget(cmp: Comparison) -> int:
    """The steps the runs were given: the longer side's (a side that diverged stopped early)."""
    return max(len(cmp.raw.trajectory.cost), len(cmp.std.trajectory.cost)) - 1


def swing_figure(cmp: Comparison) -> dict:
    """Two panels: across the valley for the first :data:`ACROSS_STEPS` steps, one point a
    step; along it for the whole run. Both sides, relative to their start."""
    raw, std = swing(cmp.raw), swing(cmp.std)
    data = []
    for s in (raw, std):
        # Each side on its own steps: a run that diverged stops there, the other goes on.
        n = len(s.across)
        head = np.arange(min(ACROSS_STEPS, n - 1) + 1)
        every = evenly(n, ALONG_POINTS)
        data.append(_trace(s, head, s.across[head], axis="", legend=True))
        data.append(_trace(s, every, s.along[every], axis="2", legend=False))
    text = swing_headline(raw, std, steps=_budget(cmp))
    fig = {"data": data, "layout": {
        "height": HEIGHT, "uirevision": "keep", "margin": {"l": 55, "r": 15, "b": 45},
        "xaxis": {"domain": [0, 0.46], "title": {"text": _("step")}, "zeroline": False},
        "yaxis": {"title": {"text": _("across the valley")}, "range": [-1.15, 1.15],
                  "zeroline": True},
        "xaxis2": {"domain": [0.56, 1], "title": {"text": _("step")}, "anchor": "y2"},
        "yaxis2": {"title": {"text": _("along the valley")}, "range": [-1.15, 1.15],
                   "anchor": "x2", "zeroline": True},
    }}
    return style.dress(fig, text, legend_rows=1)
