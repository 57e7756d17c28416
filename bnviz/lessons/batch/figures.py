"""Figures of one batch through the layer, the running statistics and the spread chart."""

from __future__ import annotations

from typing import Any

import numpy as np

from bnviz.i18n import N_, _, ngettext
from bnviz.lessons.batch.layer import BatchFrames, BatchLook
from bnviz.lessons.batch.statistics import Running, Spread
from bnviz.lessons.batch.text import panels_headline, running_headline, spread_headline
from bnviz.numbers import fmt
from bnviz.plotting import style
from bnviz.plotting.animate import controls
from bnviz.plotting.grid import axis_name, axis_ref, subplots
from bnviz.plotting.paths import evenly
from bnviz.plotting.style import PAIR, PALETTE

FEATURE_COLORS = PAIR  # A, B
_PANELS = (N_("1. raw batch"), N_("2. standardized"), N_("3. after γ and β"))
_BINS = 20
# The running-statistics chart's y axis titles, by the statistic.
_STAT_TITLES = {"mean": N_("mean of {feature}"), "variance": N_("variance of {feature}")}
_MOVING = ("type", "x", "y")
# Points per line of the running-statistics chart: 5 epochs of 1,000 batches are a blur
# at any screen width, and every point costs bytes four times over.
MAX_LINE_POINTS = 600
MAX_MEANS = 1000


def _f32(a: np.ndarray) -> np.ndarray:
    return np.asarray(a, np.float32)


def _pair(v: np.ndarray, scale: np.ndarray | None = None) -> str:
    """Two numbers; with ``scale``, a value below 1e-9 of it is rounding and shown as 0."""
    v = np.asarray(v, float)
    if scale is not None:
        v = np.where(np.abs(v) <= 1e-9 * np.abs(scale), 0.0, v)
    return _("({a}, {b})").format(a=fmt(float(v[0])), b=fmt(float(v[1])))


def _x(k: int) -> str:
    return axis_ref("x", k)


def _y(k: int) -> str:
    return axis_ref("y", k)


def _panel_notes(lk: BatchLook, n_batches: int) -> list[dict]:
    hm, hs = lk.hat_moments
    om, os_ = lk.out_moments
    # Short enough for a third of a phone's width; the full statistics are in the table
    # beside the chart and in each note's hover text.
    texts = (ngettext("batch {index} of {count}<br>{m} row", "batch {index} of {count}<br>{m} rows",
                      lk.m).format(index=lk.index + 1, count=n_batches, m=lk.m),
             _("std {std}").format(std=_pair(hs)), "γ·x̂ + β")
    hovers = (ngettext("{m} row<br>mean {mean}<br>std {std}", "{m} rows<br>mean {mean}<br>std {std}",
                       lk.m).format(m=lk.m, mean=_pair(lk.mean_), std=_pair(lk.std_)),
              _("mean {mean}<br>std {std}").format(mean=_pair(hm, hs), std=_pair(hs)),
              _("γ {gamma}, β {beta}<br>mean {mean}<br>std {std}").format(
                  gamma=_pair(lk.gamma), beta=_pair(lk.beta), mean=_pair(om, os_ + np.abs(lk.beta)),
                  std=_pair(os_)))
    return [{"xref": f"{_x(3 * p + 1)} domain", "yref": "paper", "x": 0, "y": 1.0,
             "xanchor": "left", "yanchor": "bottom", "align": "left", "showarrow": False,
             "text": f"<b>{_(_PANELS[p])}</b><br>{texts[p]}", "hovertext": hovers[p],
             "font": {"size": 11}}
            for p in range(3)]


def _animated(lk: BatchLook, points: int) -> list[dict]:
    """The traces that change with the batch: per panel a scatter and two histograms, and
    the batch mean in the raw panel."""
    traces = []
    for p, arr in enumerate((lk.x, lk.x_hat, lk.out)):
        a = _f32(arr[:points])
        ax = 3 * p + 1
        traces += [
            {"type": "scatter", "mode": "markers", "x": a[:, 0], "y": a[:, 1],
             "xaxis": _x(ax), "yaxis": _y(ax), "name": _("batch"), "showlegend": False,
             "marker": {"size": 7, "color": PALETTE["batchnorm"], "opacity": 0.85,
                        "line": {"color": "white", "width": 0.5}},
             "hovertemplate": "A=%{x:.4g}<br>B=%{y:.4g}<extra></extra>"},
            {"type": "histogram", "x": a[:, 0], "xaxis": _x(ax + 1), "yaxis": _y(ax + 1),
             "marker": {"color": FEATURE_COLORS[0]}, "showlegend": False, "name": "A"},
            {"type": "histogram", "y": a[:, 1], "orientation": "h", "xaxis": _x(ax + 2),
             "yaxis": _y(ax + 2), "marker": {"color": FEATURE_COLORS[1]}, "showlegend": False,
             "name": "B"},
        ]
    traces.append({"type": "scatter", "mode": "markers", "x": [float(lk.mean_[0])],
                   "y": [float(lk.mean_[1])], "xaxis": "x", "yaxis": "y", "showlegend": False,
                   "name": _("batch mean"), "marker": {"symbol": "diamond", "size": 13,
                                                       "color": "black"},
                   "hovertemplate": _("batch mean") + "<br>A=%{x:.4g}<br>B=%{y:.4g}<extra></extra>"})
    return traces


def _inset_axes(ranges: tuple, *, height: int) -> dict[str, Any]:
    """The layout of the three panels: per panel a scatter's axes (A, B) with A's histogram
    above it and B's to its right, numbered panel by panel (3p+1: scatter, 3p+2: top,
    3p+3: right).

    Each panel is an inset layout make_subplots has no grid for: its outer box comes from the
    grid. Ranges are fixed across frames, so movement is visible.
    """
    layout: dict[str, Any] = {"height": height, "margin": {"l": 45, "r": 10, "t": 70, "b": 95},
                              "uirevision": "keep", "bargap": 0.05, "showlegend": False}
    outer = subplots(1, 3, horizontal_spacing=0.05)
    for p in range(3):
        x0, x1 = outer[axis_name("x", p + 1)]["domain"]
        width = x1 - x0
        main_x, main_y = [x0, x0 + 0.78 * width], [0.0, 0.76]
        ax = 3 * p + 1
        rx, ry = [float(v) for v in ranges[p][0]], [float(v) for v in ranges[p][1]]
        layout[axis_name("x", ax)] = {"domain": main_x, "range": rx, "autorange": False,
                                      "anchor": _y(ax), "title": {"text": "A", "standoff": 2}}
        layout[axis_name("y", ax)] = {"domain": main_y, "range": ry, "autorange": False,
                                      "anchor": _x(ax), "title": {"text": "B", "standoff": 2}}
        layout[axis_name("x", ax + 1)] = {"domain": main_x, "matches": _x(ax),
                                          "anchor": _y(ax + 1), "showticklabels": False}
        layout[axis_name("y", ax + 1)] = {"domain": [0.8, 0.95], "anchor": _x(ax + 1),
                                          "showticklabels": False, "rangemode": "tozero"}
        layout[axis_name("x", ax + 2)] = {"domain": [x0 + 0.8 * width, x1],
                                          "anchor": _y(ax + 2), "showticklabels": False,
                                          "rangemode": "tozero"}
        layout[axis_name("y", ax + 2)] = {"domain": main_y, "matches": _y(ax),
                                          "anchor": _x(ax + 2), "showticklabels": False}
    return layout


def _static_traces(fr: BatchFrames, background: np.ndarray) -> list[dict]:
    """Traces 0 and 1, the same in every frame: the whole data in grey behind the raw batch,
    and every batch's mean."""
    # Past a few hundred marks the cloud of batch means looks the same; with batches of one
    # row there are n of them, which would cost more bytes than everything else.
    means = fr.moments[0]
    means = means[evenly(len(means), MAX_MEANS)]
    return [
        {"type": "scatter", "mode": "markers", "x": _f32(background[:, 0]),
         "y": _f32(background[:, 1]), "xaxis": "x", "yaxis": "y", "name": _("all rows"),
         "marker": {"size": 4, "color": "#c8c8c8"}, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "markers", "x": _f32(means[:, 0]),
         "y": _f32(means[:, 1]), "xaxis": "x", "yaxis": "y",
         "name": _("every batch's mean"), "marker": {"symbol": "x-thin", "size": 7,
                                                     "line": {"width": 1.5, "color": "#555"}},
         "hovertemplate": _("a batch mean") + "<br>A=%{x:.4g}<br>B=%{y:.4g}<extra></extra>"},
    ]


def _batch_traces(lk: BatchLook, ranges: tuple, points: int) -> list[dict]:
    """The traces of one batch (from trace 2 on), with the histograms' bins fixed: 20 over
    each panel's fixed range, a drawing choice, the same in every frame."""
    data = _animated(lk, points)
    for p, rng in enumerate(ranges):
        data[3 * p + 1]["xbins"] = {"start": float(rng[0][0]), "end": float(rng[0][1]),
                                    "size": float(rng[0][1] - rng[0][0]) / _BINS}
        data[3 * p + 2]["ybins"] = {"start": float(rng[1][0]), "end": float(rng[1][1]),
                                    "size": float(rng[1][1] - rng[1][0]) / _BINS}
    return data


def batch_panels(fr: BatchFrames, background: np.ndarray, *, points: int = 200,
                 height: int = 464) -> dict:
    """Three panels (raw, standardized, after gamma/beta), each A against B with the
    histogram of A on top and of B on the right; one animation frame per batch.

    ``background`` (r, 2) are rows of the whole dataset, drawn grey behind the raw batch;
    traces 0 and 1 are static (background, every batch's mean), the rest change per frame.
    Bins and axis ranges are fixed across frames, so movement is visible.
    """
    ranges = (fr.raw_range, fr.hat_range, fr.out_range)
    layout = _inset_axes(ranges, height=height)
    frames: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    current_data: list[dict] = []
    for lk in fr.looks:
        data = _batch_traces(lk, ranges, points)
        # A frame's traces are merged into the figure's: send only what changes.
        slim = [{k: v for k, v in tr.items() if k in _MOVING} for tr in data]
        frames.append({"name": str(lk.index), "data": slim,
                       "traces": list(range(2, 2 + len(data))),
                       "layout": {"annotations": _panel_notes(lk, fr.n_batches)}})
        if lk.index == fr.selected:
            current, current_data = frames[-1], data
    layout["annotations"] = current["layout"]["annotations"]
    slider, menus = controls(
        [(f["name"], str(int(i) + 1)) for i, f in zip(fr.indices, frames, strict=True)],
        active=int(np.flatnonzero(fr.indices == fr.selected)[0]), prefix=_("batch") + " ", redraw=True,
        frame_ms=700, pad=48, value_anchor=None)
    layout["sliders"], layout["updatemenus"] = [slider], menus
    fig: dict[str, Any] = {"data": [*_static_traces(fr, background), *current_data],
                           "layout": layout, "frames": frames}
    # The headline sits above the panels' notes: their three lines need 50 px more.
    style.dress(fig, panels_headline(fr.looks))
    fig["layout"]["margin"]["t"] += 50
    return fig


def running_figure(run: Running, *, height: int = 440) -> dict:
    """Running mean and variance of each feature after every batch, with the batch values
    and the population's, and a dotted line at each new epoch. A 2 x 2 grid: rows mean and
    variance, columns A and B (their scales differ by orders of magnitude)."""
    t = np.arange(len(run.epoch) + 1)
    keep = evenly(len(t), MAX_LINE_POINTS)
    kb = keep[keep > 0]  # batch values exist from step 1
    data, shapes = [], []
    # Axes 1..4 row by row: mean of A, mean of B, variance of A, variance of B.
    layout = subplots(2, 2, horizontal_spacing=0.06, vertical_spacing=0.12)
    layout.update({"height": height, "margin": {"l": 60, "r": 60, "t": 40, "b": 40},
                   "uirevision": "keep"})
    cells = [(0, 0, "mean", run.batch_mean, run.mean_, run.pop_mean),
             (0, 1, "mean", run.batch_mean, run.mean_, run.pop_mean),
             (1, 0, "variance", run.batch_var, run.var_, run.pop_var),
             (1, 1, "variance", run.batch_var, run.var_, run.pop_var)]
    starts = np.flatnonzero(np.diff(run.epoch)) + 1
    for k, (r, c, what, batch, running_, pop) in enumerate(cells):
        ax = "" if k == 0 else str(k + 1)
        first = k == 0
        layout[f"xaxis{ax}"]["title"] = {"text": _("batches seen") if r == 1 else ""}
        layout[f"yaxis{ax}"]["title"] = {"text": _(_STAT_TITLES[what]).format(feature="AB"[c])}
        if c == 1:  # B's axes on the right: between the columns they would run into A's plots
            layout[f"yaxis{ax}"].update({"side": "right", "automargin": True})
        data += [
            {"type": "scatter", "mode": "markers", "x": t[kb], "y": _f32(batch[kb - 1, c]),
             "xaxis": f"x{ax}", "yaxis": f"y{ax}", "name": _("batch value"),
             "legendgroup": "batch", "showlegend": first,
             "marker": {"size": 3, "color": "#b0b0b0"}},
            {"type": "scatter", "mode": "lines", "x": t[keep], "y": _f32(running_[keep, c]),
             "xaxis": f"x{ax}", "yaxis": f"y{ax}", "name": _("running"), "legendgroup": "run",
             "showlegend": first, "line": {"color": FEATURE_COLORS[c], "width": 2}},
            {"type": "scatter", "mode": "lines", "x": [0, int(t[-1])],
             "y": [float(pop[c])] * 2, "xaxis": f"x{ax}", "yaxis": f"y{ax}",
             "name": _("population (n − 1)") if what == "variance" else _("population"),
             "legendgroup": f"pop{what}", "showlegend": c == 0,
             "line": {"color": "black", "dash": "dash", "width": 1}},
        ]
        shapes += [{"type": "line", "xref": f"x{ax}", "yref": f"y{ax} domain", "x0": int(s),
                    "x1": int(s), "y0": 0, "y1": 1,
                    "line": {"color": "#999", "dash": "dot", "width": 1}} for s in starts[:50]]
    layout["shapes"] = shapes
    # Four legend entries: two rows on a phone.
    return style.dress({"data": data, "layout": layout}, running_headline(run), legend_rows=2)


def _y_ticks(sp: Spread) -> dict:
    """Ticks over every positive value the spread chart draws (none: plotly's own)."""
    values = np.concatenate([a.ravel() for a in (sp.mean_sd, sp.std_sd, sp.gap_rms,
                                                 sp.mean_sd_theory)])
    values = values[np.isfinite(values) & (values > 0)]
    if not values.size:
        return {}
    return style.log_ticks(float(values.min()), float(values.max()))


def spread_figure(sp: Spread, *, selected: int | None = None, height: int = 460) -> dict:
    """Spread of batch statistics against batch size, log-log; theory as a line.

    Zeros (a batch of all rows, a constant feature) have no place on a log axis: not drawn.
    """
    def pos(a: np.ndarray) -> np.ndarray:
        return np.where(a > 0, a, np.nan).astype(np.float32)

    x = sp.sizes.astype(np.int32)
    data = []
    looks = (("mean_sd", _("batch mean: rms(μ_B − μ)/σ"), "circle"),
             ("std_sd", _("batch std: rms(σ_B − σ)/σ"), "square"),
             ("gap_rms", _("train vs inference: rms(x̂ batch − x̂ population)"), "diamond"))
    colors = {"mean_sd": PALETTE["accent"], "std_sd": PALETTE["standardized"],
              "gap_rms": PALETTE["batchnorm"]}
    for name, label, symbol in looks:
        values = getattr(sp, name)
        for c in range(2):
            data.append({"type": "scatter", "mode": "lines+markers", "x": x,
                         "y": pos(values[:, c]), "name": f"{label}, {'AB'[c]}",
                         "line": {"color": colors[name], "dash": "solid" if c else "dot",
                                  "width": 1.5},
                         "marker": {"symbol": symbol, "size": 6, "color": colors[name]}})
    data.append({"type": "scatter", "mode": "lines", "x": x, "y": pos(sp.mean_sd_theory.max(axis=1)),
                 "name": _("theory for the mean: √((n − m)/(m(n − 1)))"),
                 "line": {"color": "black", "dash": "dash", "width": 1}})
    shapes = []
    if selected is not None:
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": selected,
                       "x1": selected, "y0": 0, "y1": 1,
                       "line": {"color": "#777", "dash": "dot", "width": 1}})
    # Log axes labelled at 1, 2 and 5 of each decade: every digit crowds them.
    layout = {"height": height, "margin": {"l": 60, "r": 10, "t": 20, "b": 40},
              "uirevision": "keep", "shapes": shapes,
              "xaxis": {"type": "log", "title": {"text": _("batch size m")}, "automargin": True,
                        **style.log_ticks(float(x.min()), float(x.max()))},
              "yaxis": {"type": "log", "title": {"text": _("in units of the population σ")},
                        "automargin": True, **_y_ticks(sp)},
              "legend": {"font": {"size": 10}, "orientation": "h", "x": 0, "xanchor": "left",
                         "yref": "container", "y": 0, "yanchor": "bottom"}}
    fig: dict[str, Any] = {"data": data, "layout": layout}
    if selected is not None:
        style.dress(fig, spread_headline(sp, selected))
    return fig
