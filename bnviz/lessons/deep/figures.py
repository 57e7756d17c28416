"""Figures of the page "Deep networks", as plain figure dicts (see :mod:`bnviz.figures`).

Every figure shows the network without BN and the one with BN in the same two colours.
Arrays go out as numpy (float32 where they are only drawn); a partial run's NaNs become gaps.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bnviz.core.recording import NetRecord
from bnviz.core.sweep import DepthSweep
from bnviz.core.training import PairProgress
from bnviz.i18n import N_, _
from bnviz.lessons.common.text import steps_phrase
from bnviz.lessons.deep.diverged import lead_with_divergence
from bnviz.lessons.deep.text import curves_headline, smoothness_headline, unit_headline
from bnviz.numbers import dotted, percent, whole
from bnviz.plotting import style
from bnviz.plotting.grid import axis_name, axis_ref
from bnviz.plotting.style import PALETTE

COLORS = {"plain": PALETTE["raw"], "bn": PALETTE["batchnorm"]}
NAMES = {"plain": N_("without BN"), "bn": N_("with BN")}  # translated where shown
_PCT_DASH = ("dot", "solid", "dot")


def _layout(height: int, title: str, **extra: Any) -> dict[str, Any]:
    """A chart's layout headed by ``title`` (below the toolbar, wrapped for a phone), with the
    two networks' legend in one row between it and the plot."""
    return {"title": style.headline(title, height=height), "height": height,
            "margin": {"l": 60, "r": 10, "t": style.top_margin(title, legend_rows=1), "b": 45},
            "uirevision": "keep", "legend": style.legend_on_top(title, height=height), **extra}


def _right_hand(layout: dict[str, Any]) -> dict[str, Any]:
    """The right panel's y axis on its right side (changed in place, and returned): between
    two panels its labels and title would run into the left panel on a phone."""
    layout["yaxis2"].update({"side": "right", "automargin": True})
    layout["yaxis"]["automargin"] = True
    layout["margin"]["r"] = 60
    return layout


def _panels(n: int, gap: float = 0.08) -> list[list[float]]:
    """x domains of ``n`` side-by-side panels."""
    w = (1 - gap * (n - 1)) / n
    return [[i * (w + gap), i * (w + gap) + w] for i in range(n)]


def _axis_title(axis: str, text: str, domain: list[float], anchor: str,
                **extra: Any) -> dict[str, Any]:
    return {axis: {"title": {"text": text}, "domain": domain, "anchor": anchor, **extra}}


def _band(x: np.ndarray, lo: np.ndarray, hi: np.ndarray, *, color: str, name: str,
          axes: tuple[str, str], legend: bool) -> list[dict[str, Any]]:
    """A filled band between ``lo`` and ``hi`` (two traces: the lower edge, then the upper
    filled down to it)."""
    common = {"type": "scatter", "mode": "lines", "x": x, "xaxis": axes[0], "yaxis": axes[1],
              "legendgroup": name, "line": {"color": color, "width": 1}}
    return [{**common, "y": lo, "name": name, "showlegend": False, "hoverinfo": "skip"},
            {**common, "y": hi, "name": name, "showlegend": legend, "fill": "tonexty",
             "fillcolor": _rgba(color, 0.25),
             "hovertemplate": name + _("<br>step %{x}<br>%{y:.4g}<extra></extra>")}]


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _nets(run: PairProgress) -> tuple[tuple[str, NetRecord], tuple[str, NetRecord]]:
    return (("plain", run.result.plain), ("bn", run.result.bn))


def _layer_percentiles(rec: NetRecord) -> np.ndarray:
    """(R, L, 3, W): every unit's percentiles, which the page's runs always record."""
    if rec.layer_percentiles is None:
        raise ValueError("this run kept one unit's percentiles: train with every_unit=True")
    return rec.layer_percentiles


def curves_figure(run: PairProgress) -> dict[str, Any]:
    """Mini-batch training loss at every step (left) and test accuracy at the recorded steps
    (right), both networks."""
    data: list[dict[str, Any]] = []
    step, loss, accuracy = _("step"), _("loss"), _("test accuracy")
    for key, rec in _nets(run):
        name, color = _(NAMES[key]), COLORS[key]
        data.append({"type": "scatter", "mode": "lines", "name": name, "legendgroup": key,
                     "x": np.arange(1, len(rec.train_loss) + 1, dtype=np.int32),
                     "y": rec.train_loss.astype(np.float32), "line": {"color": color, "width": 1},
                     "hovertemplate": f"{name}<br>{step} %{{x}}<br>{loss} %{{y:.4g}}"
                                      "<extra></extra>"})
        data.append({"type": "scatter", "mode": "lines+markers", "name": name, "legendgroup": key,
                     "showlegend": False, "x": rec.steps, "y": rec.test_accuracy,
                     "xaxis": "x2", "yaxis": "y2", "line": {"color": color, "width": 2},
                     "marker": {"size": 5},
                     "hovertemplate": f"{name}<br>{step} %{{x}}<br>{accuracy} %{{y:.1%}}"
                                      "<extra></extra>"})
    d = _panels(2)
    layout = _layout(360, lead_with_divergence(run, curves_headline(run)))
    layout.update(_axis_title("xaxis", step, d[0], "y"))
    layout.update(_axis_title("xaxis2", step, d[1], "y2"))
    layout["yaxis"] = {"title": {"text": _("cross-entropy (log)")}, "type": "log", "dtick": 1,
                       "anchor": "x"}
    layout["yaxis2"] = {"title": {"text": accuracy}, "anchor": "x2", "range": [0, 1.02],
                        "tickformat": ".0%"}
    return {"data": data, "layout": _right_hand(layout)}


def percentile_figure(run: PairProgress, *, layer: int, unit: int) -> dict[str, Any]:
    """15/50/85th percentiles of one unit's input to its nonlinearity over training, one panel
    per network (Ioffe & Szegedy 2015, Fig. 1 b, c). ``layer`` and ``unit`` count from 0."""
    data: list[dict[str, Any]] = []
    d = _panels(2)
    for _key, rec in _nets(run):
        _layer_percentiles(rec)  # refuses a run that did not keep every unit's, before the headline
    # A network that diverged has NaN percentiles: the headline says so instead of quoting them.
    layout = _layout(360, lead_with_divergence(run, unit_headline(run, layer=layer, unit=unit),
                                               keep=False))
    for i, (key, rec) in enumerate(_nets(run)):
        pct = _layer_percentiles(rec)[:, layer, :, unit]  # (R, 3)
        steps = rec.steps
        ax = ("x", "y") if i == 0 else ("x2", "y2")
        name = _(NAMES[key])
        data += _band(steps, pct[:, 0], pct[:, 2], color=COLORS[key], name=name,
                      axes=ax, legend=True)
        data.append({"type": "scatter", "mode": "lines", "x": steps, "y": pct[:, 1],
                     "xaxis": ax[0], "yaxis": ax[1], "name": _("{name}: median").format(name=name),
                     "legendgroup": name, "showlegend": False,
                     "line": {"color": COLORS[key], "width": 2.5},
                     "hovertemplate": _("step %{x}<br>median %{y:.4g}") + "<extra></extra>"})
        sfx = "" if i == 0 else "2"
        layout.update(_axis_title(f"xaxis{sfx}", _("step ({name})").format(name=name), d[i],
                                  f"y{sfx}"))
        layout[f"yaxis{sfx}"] = {"anchor": f"x{sfx}", "zeroline": True,
                                 "title": {"text": _("input to the nonlinearity") if i == 0
                                           else ""}}
    return {"data": data, "layout": _right_hand(layout)}


# The histograms' rows: room under the top row for its tick labels (about two lines of 12 px
# type), and the chart's height in pixels, from which that room is a fraction of the plot.
HIST_HEIGHT = 420  # the page gives the chart this height (app_pages/deep_networks.py)
HIST_TICK_ROOM = 34


def _hist_rows(plot_height: float) -> tuple[list[float], list[float]]:
    """y domains of the two rows of histograms (top: without BN, bottom: with BN), apart by
    ``HIST_TICK_ROOM`` pixels of a plot ``plot_height`` pixels tall: the top row's x tick
    labels are drawn in that gap, under its axis, and must not reach the row below."""
    gap = HIST_TICK_ROOM / plot_height
    half = (1 - gap) / 2
    return [1 - half, 1.0], [0.0, half]


def histogram_figure(run: PairProgress, *, index: int) -> dict[str, Any]:
    """Histograms of each hidden layer's outputs at the ``index``-th recorded step: one row
    per network, one column per layer, bars are fractions of the held-out batch."""
    plain = run.result.plain
    depth = plain.hist_counts.shape[1]
    d = _panels(depth, gap=0.03 if depth > 4 else 0.05)
    data: list[dict[str, Any]] = []
    layout = _layout(HIST_HEIGHT, lead_with_divergence(run, _(
        "Outputs of each hidden layer at step {step} ({rows} held-out rows)").format(
        step=int(plain.steps[index]), rows=whole(plain.held_out_rows))))
    margin = layout["margin"]
    rows = _hist_rows(HIST_HEIGHT - margin["t"] - margin["b"])
    for row, (key, rec) in enumerate(_nets(run)):
        name = _(NAMES[key])
        counts = rec.hist_counts[index]
        frac = (counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)).astype(np.float32)
        mids = ((rec.hist_edges[:-1] + rec.hist_edges[1:]) / 2).astype(np.float32)
        for layer in range(depth):
            n = row * depth + layer + 1
            layer_word = _("layer {n}").format(n=layer + 1)
            data.append({"type": "bar", "x": mids, "y": frac[layer], "xaxis": axis_ref("x", n),
                         "yaxis": axis_ref("y", n), "name": name, "legendgroup": key,
                         "showlegend": layer == 0, "marker": {"color": COLORS[key]},
                         "width": float(rec.hist_edges[1] - rec.hist_edges[0]),
                         "hovertemplate": f"{name}, {layer_word}<br>%{{x:.3g}}: "
                                          "%{y:.1%}<extra></extra>"})
            # Plotly names the first axes xaxis and yaxis (not xaxis1): a wrong key leaves
            # that panel on a default axis spanning the whole chart, across the other row.
            layout[axis_name("x", n)] = {"domain": d[layer], "anchor": axis_ref("y", n),
                                         "title": {"text": layer_word if row else ""},
                                         "nticks": 4, "automargin": False}
            # One scale per row, labelled once at its left: panels without tick labels
            # must not each stretch to their own tallest bar.
            share = {} if layer == 0 else {"matches": axis_ref("y", row * depth + 1)}
            layout[axis_name("y", n)] = {
                "domain": rows[row], "anchor": axis_ref("x", n), "tickformat": ".0%",
                "nticks": 4, "showticklabels": layer == 0, "rangemode": "tozero",
                "automargin": False, "title": {"text": name if layer == 0 else ""}, **share}
    layout["bargap"] = 0
    return {"data": data, "layout": layout}


def smoothness_figure(run: PairProgress) -> dict[str, Any]:
    """Santurkar et al.'s bands against step: the range of the loss (left) and of the
    gradient change (right) over the sweep of step sizes along the gradient."""
    data: list[dict[str, Any]] = []
    d = _panels(2)
    for key, rec in _nets(run):
        for j, band in enumerate((rec.loss_band, rec.grad_band)):
            ax = ("x", "y") if j == 0 else ("x2", "y2")
            data += _band(rec.steps, band[:, 0], band[:, 1], color=COLORS[key],
                          name=_(NAMES[key]), axes=ax, legend=j == 0)
    etas = run.result.plain.etas
    layout = _layout(360, lead_with_divergence(run, smoothness_headline(run), keep=False))
    layout.update(_axis_title("xaxis", _("step (η = {low} … {high})").format(
        low=dotted(f"{etas[0]:.3g}"), high=dotted(f"{etas[-1]:.3g}")), d[0], "y"))
    layout.update(_axis_title("xaxis2", _("step"), d[1], "y2"))
    layout["yaxis"] = {"title": {"text": _("loss L(w − η∇L) (log)")}, "type": "log", "dtick": 1,
                       "anchor": "x"}
    layout["yaxis2"] = {"title": {"text": _("‖∇L(w − η∇L) − ∇L(w)‖ (log)")}, "type": "log",
                        "dtick": 1, "anchor": "x2"}
    return {"data": data, "layout": _right_hand(layout)}


def sweep_figure(sweep: DepthSweep) -> dict[str, Any]:
    """Steps to reach the target accuracy against depth; a depth whose run never reached it
    is drawn as an open marker on a dashed "not reached" line above the budget."""
    data: list[dict[str, Any]] = []
    ceiling = sweep.max_steps * 1.08
    depth, steps_word, accuracy = _("depth"), _("steps"), _("test accuracy")
    not_reached = _("not reached in {steps}").format(steps=steps_phrase(sweep.max_steps))
    for key, steps, final in (("plain", sweep.steps_plain, sweep.final_accuracy_plain),
                              ("bn", sweep.steps_bn, sweep.final_accuracy_bn)):
        name, color = _(NAMES[key]), COLORS[key]
        data.append({"type": "scatter", "mode": "lines+markers", "name": name, "legendgroup": key,
                     "x": sweep.depths, "y": steps, "line": {"color": color, "width": 2},
                     "marker": {"size": 9},
                     "hovertemplate": f"{name}<br>{depth} %{{x}}<br>%{{y}} {steps_word}"
                                      "<extra></extra>"})
        missed = np.isnan(steps) & ~np.isnan(final)  # ran, never reached (NaN final: not run)
        data.append({"type": "scatter", "mode": "markers",
                     "name": _("{name}: not reached").format(name=name),
                     "legendgroup": key, "x": sweep.depths[missed],
                     "y": np.full(int(missed.sum()), ceiling), "customdata": final[missed],
                     "marker": {"size": 11, "color": color, "symbol": "x-open"},
                     "showlegend": bool(missed.any()),
                     "hovertemplate": f"{name}<br>{depth} %{{x}}: {not_reached}<br>{accuracy} "
                                      "%{customdata:.1%}<extra></extra>"})
    layout = _layout(360, _("Steps to reach {target} test accuracy").format(
        target=percent(sweep.target_accuracy, 0)))
    layout["xaxis"] = {"title": {"text": _("hidden layers")}, "dtick": 1}
    layout["yaxis"] = {"title": {"text": steps_word}, "range": [0, sweep.max_steps * 1.15]}
    layout["shapes"] = [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": ceiling,
                         "y1": ceiling, "line": {"color": "#888", "dash": "dash", "width": 1}}]
    layout["annotations"] = [{"xref": "paper", "x": 0, "y": ceiling, "yanchor": "bottom",
                              "xanchor": "left", "showarrow": False,
                              "text": not_reached,
                              "font": {"size": 11, "color": "#666"}}]
    return {"data": data, "layout": layout}
