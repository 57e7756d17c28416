"""The map of convergence: raw and standardized heatmaps side by side, one colour scale.

Axes are linear in log10 of the learning rate (x) and of the scale ratio (y), labelled in
the values themselves: a heatmap's cells are then exact bricks around each grid point.
Cells that did not reach the tolerance and cells that diverged get colour bands of their
own at the top of the one shared colour scale, so the colour bar is also the legend.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bnviz.core.gridrun import CONVERGED, DIVERGED, STALLED
from bnviz.i18n import N_, _
from bnviz.lessons.where.convergence import ConvergenceMap, MapSide
from bnviz.lessons.where.text import map_headline
from bnviz.numbers import fmt
from bnviz.plotting import style
from bnviz.plotting.grid import subplots

# The theory lines on each map (their legend names; the English words are their legend groups).
LINES = (N_("2/λmax (stability edge)"), N_("2/(λmin+λmax) (optimal)"))
# Ticks per axis at most: a heatmap is a third of a phone's width, about 110 px.
MAX_TICKS = 4


def _decade_label(v: int) -> str:
    """``10**v`` in at most five characters: ``0.01``, ``1000``, ``1e-5``, ``1e6``."""
    return fmt(10.0**v) if -2 <= v <= 3 else f"1e{v}"


def _decade_ticks(lo: float, hi: float, *, most: int = MAX_TICKS) -> tuple[list[float], list[str]]:
    vals = list(range(math.ceil(lo - 1e-9), math.floor(hi + 1e-9) + 1))
    step = max(1, math.ceil(len(vals) / most))
    vals = vals[::step]
    return [float(v) for v in vals], [_decade_label(v) for v in vals]


def _values(side: MapSide, metric: str) -> np.ndarray:
    """log10 of what the colour shows; NaN where a reserved band is used instead."""
    g = side.grid
    with np.errstate(divide="ignore", invalid="ignore"):
        if metric == "steps":
            return np.where(g.status == CONVERGED, np.log10(np.maximum(g.steps_to_tol, 1)), np.nan)
        return np.where(g.status != DIVERGED, np.log10(np.maximum(g.final_relative, 1e-300)), np.nan)


def _hover(side: MapSide) -> list[list[str]]:
    """Each cell's line of hover text: how its run ended."""
    g = side.grid
    # Translated once, not per cell: 1600 cells a side made the lookups a visible part of a
    # rerun under load.
    reached, diverged = _("tolerance at step {step}").format, _("diverged at step {step}").format
    left = _("excess left {excess}×").format
    out = []
    for status, to_tol, at, excess in zip(g.status.tolist(), g.steps_to_tol.tolist(),
                                           g.diverged_at.tolist(), g.final_relative.tolist(),
                                           strict=True):
        out.append([reached(step=t) if s == CONVERGED else diverged(step=d) if s == DIVERGED
                    else left(excess=fmt(e))
                    for s, t, d, e in zip(status, to_tol, at, excess, strict=True)])
    return out


@dataclass(frozen=True)
class _Scale:
    """The one colour scale of both maps: shades over ``lo..hi`` (log10 of what the colour
    shows), then a band for cells that did not reach the tolerance and one for diverged cells.
    """

    lo: float
    hi: float
    band: float
    colorscale: list
    ticks: list[float]
    texts: list[str]
    title: str

    @property
    def stalled(self) -> float:
        """The value a cell that did not reach the tolerance is drawn at (steps only)."""
        return self.hi + 0.5 * self.band

    @property
    def diverged(self) -> float:
        return self.hi + 1.5 * self.band


def _scale(vals: list[np.ndarray], *, metric: str, budget: int) -> _Scale:
    """The colour scale that holds both maps' values ``vals`` (NaN: a band's cell)."""
    finite = np.concatenate([v[np.isfinite(v)] for v in vals])
    if metric == "steps":
        lo, hi = 0.0, max(math.log10(max(budget, 1)), 0.5)
    else:
        lo = max(float(finite.min()), -16.0) if finite.size else -1.0
        hi = max(float(finite.max()), lo + 1.0) if finite.size else 0.0
    band = 0.07 * (hi - lo)
    f1, f2 = (hi - lo) / (hi - lo + 2 * band), (hi - lo + band) / (hi - lo + 2 * band)
    shades = style.FEW_TO_MANY
    colorscale = [[f1 * i / (len(shades) - 1), c] for i, c in enumerate(shades)]
    colorscale += [[f1, style.NOT_REACHED], [f2, style.NOT_REACHED], [f2, style.DIVERGED],
                   [1.0, style.DIVERGED]]
    ticks, texts = _decade_ticks(lo, hi)
    if metric == "steps":
        ticks, texts = ticks + [hi + 0.5 * band, hi + 1.5 * band], texts + [_("not reached"),
                                                                            _("diverged")]
        title = _("steps to tolerance")
    else:
        ticks, texts = ticks + [hi + 1.5 * band], texts + [_("diverged")]
        title = _("excess left (× start)")
    return _Scale(lo, hi, band, colorscale, ticks, texts, title)


def _side_traces(side: MapSide, v: np.ndarray, *, panel: int, scale: _Scale, metric: str,
                 x: np.ndarray, y: np.ndarray, custom: np.ndarray,
                 pick: tuple[int, int]) -> list[dict]:
    """One side's heatmap, its two theory lines and the chosen cell, on panel 0 or 1."""
    ax = "" if panel == 0 else "2"
    label = _(side.label)
    z = np.clip(v, scale.lo, scale.hi)
    st = side.grid.status
    if metric == "steps":
        z = np.where(st == STALLED, scale.stalled, z)
    z = np.where(st == DIVERGED, scale.diverged, z).astype(np.float32)
    data = [{
        "type": "heatmap", "x": x, "y": y, "z": z, "coloraxis": "coloraxis",
        "xaxis": f"x{ax}", "yaxis": f"y{ax}", "name": label, "customdata": custom,
        "text": _hover(side), "hoverongaps": False,
        "hovertemplate": "lr %{customdata[0]:.3g} · B:A %{customdata[1]:.3g}<br>%{text}"
                         "<extra>" + label + "</extra>"}]
    ok = np.isfinite(side.lr_stable) & (side.lr_stable > 0)
    for what, lr_line, dash in ((LINES[0], side.lr_stable, "solid"),
                                (LINES[1], side.lr_optimal, "dot")):
        data.append({"type": "scatter", "mode": "lines", "x": np.log10(lr_line[ok]),
                     "y": y[ok], "xaxis": f"x{ax}", "yaxis": f"y{ax}", "name": _(what),
                     "legendgroup": what, "showlegend": panel == 0,
                     "line": {"color": "black", "width": 2, "dash": dash},
                     "hovertemplate": _(what) + " = %{customdata:.3g}<extra></extra>",
                     "customdata": lr_line[ok]})
    r, c = pick
    data.append({"type": "scatter", "mode": "markers", "x": [float(x[c])], "y": [float(y[r])],
                 "xaxis": f"x{ax}", "yaxis": f"y{ax}", "name": _("chosen cell"),
                 "legendgroup": "pick", "showlegend": panel == 0, "hoverinfo": "skip",
                 "marker": {"symbol": "square-open", "size": 14, "color": "white",
                            "line": {"width": 3, "color": "white"}}})
    return data


def _layout(cmap: ConvergenceMap, x: np.ndarray, y: np.ndarray, scale: _Scale, *,
            height: int) -> dict:
    """Two equal maps sharing one y axis, the data's own ratio marked across both, the
    colour bar to the right, and each map's name above it."""
    xr = [float(x[0] - (x[1] - x[0]) / 2), float(x[-1] + (x[1] - x[0]) / 2)]
    yr = [float(y[0] - (y[1] - y[0]) / 2), float(y[-1] + (y[1] - y[0]) / 2)]
    shapes = []
    if yr[0] <= math.log10(max(cmap.ratio_now, 1e-300)) <= yr[1]:
        for ax in ("", "2"):
            shapes.append({"type": "line", "xref": f"x{ax}", "yref": f"y{ax}", "x0": xr[0],
                           "x1": xr[1], "y0": math.log10(cmap.ratio_now),
                           "y1": math.log10(cmap.ratio_now),
                           "line": {"color": "white", "dash": "dash", "width": 1}})
    xt, xtt = _decade_ticks(*xr, most=3)  # a heatmap is about 80 px wide on a phone
    yt, ytt = _decade_ticks(*yr)

    # Two equal maps, and to their right a column of no width after the same gap: the
    # colour bar's room.
    layout = subplots(1, 3, horizontal_spacing=0.06, column_widths=(1.0, 1.0, 0.0),
                      empty=((1, 3),))
    # One axis title for both maps: two side by side run into each other on a phone.
    for key in ("xaxis", "xaxis2"):
        layout[key].update({"range": xr, "tickvals": xt, "ticktext": xtt, "tickangle": 0})
    layout["xaxis"]["title"] = {"text": _("learning rate (both maps)")}
    layout["yaxis"].update({"range": yr, "tickvals": yt, "ticktext": ytt,
                            "title": {"text": _("scale ratio B : A (log)")}})
    layout["yaxis2"].update({"range": yr, "tickvals": yt, "ticktext": ytt, "matches": "y"})
    layout.update({
        "height": height, "uirevision": "keep", "margin": {"l": 70, "r": 20, "t": 50, "b": 50},
        "coloraxis": {"colorscale": scale.colorscale, "cmin": scale.lo,
                      "cmax": scale.hi + 2 * scale.band,
                      "colorbar": {"title": {"text": scale.title, "side": "right"},
                                   "tickvals": scale.ticks, "ticktext": scale.texts,
                                   "thickness": 14, "x": 0.96}},
        "shapes": shapes,
        "annotations": [{"text": "<b>" + _("{side} features").format(side=_(side.label)) + "</b>",
                         "xref": "paper",
                         "yref": "paper", "x": layout[key]["domain"][0], "y": 1.02,
                         "xanchor": "left", "yanchor": "bottom", "showarrow": False}
                        for key, side in (("xaxis", cmap.raw), ("xaxis2", cmap.std))],
    })
    return layout


def convergence_heatmaps(cmap: ConvergenceMap, *, metric: str, pick: tuple[int, int],
                         height: int = 560) -> dict:
    """Two heatmaps (raw, standardized) with theory lines and the chosen cell marked.

    Trace order: per side (raw first) the heatmap, the line lr = 2/λmax, the line
    lr = 2/(λmin+λmax), the chosen cell; then the marker of the page's own data ratio.
    """
    x = np.log10(cmap.lr)
    y = np.log10(cmap.ratio)
    vals = [_values(s, metric) for s in (cmap.raw, cmap.std)]
    scale = _scale(vals, metric=metric, budget=cmap.spec.steps)
    custom = np.empty((len(y), len(x), 2), dtype=np.float32)  # display only: float32 is plenty
    custom[..., 0] = cmap.lr[None, :]
    custom[..., 1] = cmap.ratio[:, None]
    data = []
    for i, (side, v) in enumerate(zip((cmap.raw, cmap.std), vals, strict=True)):
        data += _side_traces(side, v, panel=i, scale=scale, metric=metric, x=x, y=y,
                             custom=custom, pick=pick)
    layout = _layout(cmap, x, y, scale, height=height)
    # Three long entries: three rows on a phone.
    fig = style.dress({"data": data, "layout": layout}, map_headline(cmap), legend_rows=3)
    layout["margin"]["t"] += 24  # the two sides' names, above each heatmap
    return fig
