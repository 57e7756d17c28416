"""The Streamlit glue every page shares: settings <-> widgets <-> URL, cached core calls,
and the persistent Plotly chart.

The only module of the package that imports Streamlit. Session state holds user choices
only, under each setting's URL key, so ``st.session_state["b_hi"]`` is the value of the
``b_hi`` query parameter and of the widget that shows it.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from bnviz import assets
from bnviz.figures.encode import to_json
from bnviz.settings import Param, coerce, fmt, log_grid, params_of, to_query

S = TypeVar("S")

_JS = (Path(__file__).parent / "plotly_component.js").read_text()
_chart = st.components.v2.component("bnviz.plotly", js=_JS, isolate_styles=False)


# --------------------------------------------------------------------------- URL state

def _seed(cls: type) -> None:
    """Give every setting of ``cls`` a session value: the URL's on first sight, else default.

    Re-assigning a present value keeps it when its widget is not drawn on this page:
    Streamlit drops the state of widgets a run does not draw.
    """
    default = cls()
    ss = st.session_state
    for name, p in params_of(cls):
        if p.key in ss:
            ss[p.key] = ss[p.key]
            continue
        value = getattr(default, name)
        if p.key in st.query_params:
            raw = st.query_params.get_all(p.key)
            try:
                value = coerce(p, raw)
            except ValueError as err:
                st.toast(f"URL parameter {p.key}={str(raw[-1])[:40]!r} was ignored ({err}); "
                         f"using {fmt(value) if p.kind != 'choice' else value}.", icon="⚠️")
        ss[p.key] = value


def setup(*classes: type) -> None:
    """Start a page: give each setting of ``classes`` its value for this run.

    Call once at the top of a page, before any widget is drawn.
    """
    for cls in classes:
        _seed(cls)


def current(cls: type[S]) -> S:
    """The spec of ``cls`` as the session holds it now (after :func:`setup`)."""
    return cls(**{name: st.session_state[p.key] for name, p in params_of(cls)})


def sync_url(*specs: Any) -> None:
    """Write the non-default settings of ``specs`` to the address bar, and nothing else."""
    wanted: dict[str, str] = {}
    for spec in specs:
        wanted.update(to_query(spec))
    if dict(st.query_params.to_dict()) != wanted:
        st.query_params.from_dict(wanted)


def reset(cls: type) -> None:
    """Callback: put every setting of ``cls`` back to its default."""
    default = cls()
    for name, p in params_of(cls):
        st.session_state[p.key] = getattr(default, name)


# ------------------------------------------------------------------------------ widgets

def widget(p: Param, *, container: Any = st, marks: dict[float, str] | None = None,
           disabled: bool = False) -> Any:
    """Draw the widget of one setting, bound to its session key.

    ``marks`` are extra selectable values of a log slider with a word beside them
    (an optimal rate, a stability limit).
    """
    value = st.session_state[p.key]
    common = {"key": p.key, "help": p.help or None, "disabled": disabled}
    if p.kind == "choice":
        return container.radio(p.label, p.choices, horizontal=True, **common)
    if p.log:
        marks = marks or {}
        grid = log_grid(p.lo, p.hi, integer=p.kind == "int", include=(value, *marks))

        def label(v: float) -> str:
            return f"{fmt(v)} ({marks[v]})" if v in marks else fmt(v)

        return container.select_slider(p.label, options=grid, format_func=label, **common)
    if p.kind == "int":
        return container.number_input(p.label, min_value=int(p.lo), max_value=int(p.hi),
                                      step=1, **common)
    step = float(p.step or (p.hi - p.lo) / 100)
    # As many decimals as the step has, so 0.999 does not read "1.00".
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    return container.slider(p.label, min_value=float(p.lo), max_value=float(p.hi), step=step,
                            format=f"%.{decimals}f", **common)


def controls(cls: type[S], names: tuple[str, ...] | None = None, *, container: Any = st) -> S:
    """Draw the widgets of ``cls`` (all, or only ``names``) and return the current spec."""
    for name, p in params_of(cls):
        if names is None or name in names:
            widget(p, container=container)
    return current(cls)


def data_controls(cls: type[S], *, container: Any = st.sidebar) -> S:
    """The shared data controls with a reset to the seed article's example."""
    container.button("Reset to the article's example", on_click=reset, args=(cls,),
                     help="A ~ U(1, 10), B ~ U(1, 200), n = 100, y = 2A + 3B + 0.1·N(0, 1), seed 42",
                     width="stretch")
    return controls(cls, container=container)


# ------------------------------------------------------------------------------- charts

@st.cache_resource
def _plotly_src() -> str:
    return "app/static/" + assets.ensure_plotly_js().name


def chart(fig: dict | str, *, key: str, height: int | None = None) -> None:
    """Show a figure in a chart that keeps its camera and zoom across reruns.

    ``fig`` is a figure dict or its JSON (see :func:`bnviz.figures.encode.to_json`).
    """
    text = fig if isinstance(fig, str) else to_json(fig)
    if height is None:
        height = int((fig if isinstance(fig, dict) else {}).get("layout", {}).get("height", 450))
    digest = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
    # One JSON document as raw bytes: a dict would be JSON-encoded again, escaping every
    # quote of the figure (5-10 % more bytes on the wire).
    head = json.dumps({"hash": digest, "height": height, "src": _plotly_src()})
    _chart(key=key, data=f'{{"meta":{head},"figure":{text}}}'.encode(), height=height)


# ------------------------------------------------------------------ cached core calls
# The cache key of a computation is its frozen settings dataclasses. Datasets are kept as
# resources (not copied on each hit: at n = 1e6 a copy costs more than the page).

@st.cache_resource(max_entries=8, show_spinner=False)
def dataset(spec):
    from bnviz.data import make_two_features

    return make_two_features(spec)


@st.cache_data(max_entries=32, show_spinner="Computing the surfaces and descent paths…")
def valley(data_spec, descent_spec):
    """The comparison and the JSON of its figures, cached together."""
    from bnviz.figures.valley import cost_figure, side_figures
    from bnviz.narrative import explain_valley, numbers_table
    from bnviz.valley import compare

    cmp = compare(dataset(data_spec), descent_spec)
    figures = {f"{side.label}_{k}": to_json(v)
               for side in (cmp.raw, cmp.std) for k, v in side_figures(side).items()}
    figures["cost"] = to_json(cost_figure(cmp))
    return cmp, figures, explain_valley(cmp), numbers_table(cmp)


# ---------------------------------------------------------------- Inside a batch
# Settings whose bounds depend on the data (batch size 1..n, batch 1..k) are clamped in
# session state before their widget is drawn, so a value left over from a larger setting
# lands on the nearest valid one instead of raising.

def clamp_setting(p: Param, lo: int, hi: int) -> int:
    """Clamp the session value of ``p`` to ``lo..hi``; call before drawing its widget."""
    value = int(min(max(int(st.session_state[p.key]), lo), hi))
    st.session_state[p.key] = value
    return value


def option_widget(p: Param, options: list[int], *, container: Any = st) -> int:
    """A select-slider over ``options`` (known only at run time, e.g. recorded steps); the
    session value is first put on the nearest option, so a value from the URL or from a larger
    setting lands on a valid one."""
    value = int(st.session_state[p.key])
    st.session_state[p.key] = min(options, key=lambda o: (abs(o - value), o))
    if len(options) == 1:  # a select-slider needs two options
        container.caption(f"{p.label}: {options[0]}")
        return options[0]
    return container.select_slider(p.label, options=options, key=p.key, help=p.help or None)


def int_log_widget(p: Param, hi: int, *, container: Any = st) -> int:
    """A log select-slider over the integers ``p.lo..hi`` (``hi`` from the data)."""
    value = clamp_setting(p, int(p.lo), max(int(hi), int(p.lo)))
    grid = log_grid(int(p.lo), max(int(hi), int(p.lo)), integer=True, include=(value,))
    return container.select_slider(p.label, options=grid, format_func=fmt, key=p.key,
                                   help=p.help or None)


def number_widget(p: Param, *, container: Any = st, disabled: bool = False) -> float:
    """A free number box (γ and β can be anything a feature's scale calls for)."""
    return container.number_input(p.label, min_value=float(p.lo), max_value=float(p.hi),
                                  step=0.1, format="%g", key=p.key, disabled=disabled,
                                  help=p.help or None)


def batch_count(n: int, split_spec) -> int:
    from bnviz.batches import count

    return count(n, split_spec.size, last=split_spec.last)


@st.cache_data(max_entries=16, show_spinner=False)
def batch_running(data_spec, split_spec, running_spec):
    """Running statistics over epochs: the result, its chart's JSON, and its sentence."""
    from bnviz.batch_narrative import running_sentence
    from bnviz.figures.batch import running_figure
    from bnviz.running import running

    run = running(dataset(data_spec).X, size=split_spec.size, seed=split_spec.seed,
                  last=split_spec.last, momentum=running_spec.momentum,
                  epochs=running_spec.epochs)
    return run, to_json(running_figure(run)), running_sentence(run)


@st.cache_data(max_entries=32, show_spinner=False)
def batch_look(data_spec, split_spec, look_spec, running_spec):
    """The batch panels' JSON and the sentences about the shown batch (small values only:
    a cache hit unpickles what is returned)."""
    import numpy as np

    from bnviz import batch_narrative as words
    from bnviz.batches import split
    from bnviz.figures.batch import batch_panels
    from bnviz.inside import frames
    from bnviz.running import row_modes

    X = dataset(data_spec).X
    s = split(len(X), split_spec.size, seed=split_spec.seed, last=split_spec.last)
    fr = frames(X, s, look_spec.index - 1, gamma=np.array([look_spec.g1, look_spec.g2]),
                beta=np.array([look_spec.b1, look_spec.b2]), eps=look_spec.eps,
                undo=look_spec.undo == "on")
    lk = fr.looks[int(np.flatnonzero(fr.indices == fr.selected)[0])]
    run = batch_running(data_spec, split_spec, running_spec)[0]
    modes = row_modes(X, int(lk.rows[0]), lk.x_hat[0], run.final, eps=look_spec.eps)
    table = [{"": f"{what} of {f}", "this batch": fmt(float(b[j])), "population": fmt(float(p[j]))}
             for what, b, p in (("mean", lk.mean_, lk.pop_mean), ("std", lk.std_, lk.pop_std))
             for j, f in enumerate(("A", "B"))]
    texts = {"split": words.split_sentence(s, seed=split_spec.seed),
             "batch": words.batch_sentence(lk), "undo": words.undo_sentence(lk),
             "row": words.row_sentence(modes)}
    return to_json(batch_panels(fr, X[:2000])), texts, table


@st.cache_data(max_entries=16, show_spinner=False)
def _batch_spread(data_spec, seed, eps):
    from bnviz.running import spread

    return spread(dataset(data_spec).X, seed=seed, eps=eps)


@st.cache_data(max_entries=32, show_spinner=False)
def batch_spread(data_spec, seed, eps, size):
    """The spread-against-batch-size chart's JSON and its sentence, at the chosen size."""
    from bnviz.batch_narrative import spread_sentence
    from bnviz.batches import clamp_size
    from bnviz.figures.batch import spread_figure

    sp = _batch_spread(data_spec, seed, eps)
    size = clamp_size(size, data_spec.n)
    return to_json(spread_figure(sp, selected=size)), spread_sentence(sp, size)


@st.cache_data(max_entries=32, show_spinner="Running the three descents…")
def batch_descent(data_spec, split_spec, eps, momentum, mini_spec):
    """The three descents: figures' JSON, sentence, table and the learning rates worth
    marking on the slider."""
    import numpy as np

    from bnviz import batch_narrative as words
    from bnviz.figures.minibatch import descent_figures
    from bnviz.minibatch import cost_maps, rate_marks, run_all

    d = dataset(data_spec)
    w0 = np.array([mini_spec.w1_0, mini_spec.w2_0])
    runs = run_all(d.X, d.y, size=split_spec.size, seed=split_spec.seed, last=split_spec.last,
                   lr=mini_spec.lr, steps=mini_spec.steps, w0=w0, tol=mini_spec.tol, eps=eps,
                   momentum=momentum)
    fine, coarse = cost_maps(runs, w0)
    figs = {k: to_json(v) for k, v in descent_figures(runs, fine, coarse).items()}
    return figs, words.descent_sentence(runs), words.descent_table(runs), rate_marks(d.X)


@st.cache_data(max_entries=32, show_spinner="Racing the optimizers…")
def race(data_spec, descent_spec, race_spec):
    """The optimizer race on both sides, the JSON of the chosen side's figures, the verdict,
    the sentence on rate units, the results table and the rate sliders' marks, cached
    together."""
    from bnviz.figures.race import race_figures
    from bnviz.narrative_race import results_table, units_sentence, verdict
    from bnviz.race import rate_marks, run_race

    result = run_race(dataset(data_spec), race_spec, descent_spec)
    field = result.field(race_spec.space)
    figs = race_figures(field, tol=descent_spec.tol)
    return (result, {k: to_json(v) for k, v in figs.items()},
            verdict(result, budget=descent_spec.steps), units_sentence(result),
            results_table(result), rate_marks(field, race_spec))


# ------------------------------------------------------- Where normalization matters

def pick_value(p: Param, options: tuple[float, ...], *, container: Any = st) -> float:
    """A select-slider over ``options`` (a grid's values) for setting ``p``; the session
    value is first snapped to the nearest option (log scale), so a grid that changed, or a
    value from the URL between cells, lands on a cell."""
    import math

    value = float(st.session_state[p.key])
    best = min(options, key=lambda o: abs(math.log(o) - math.log(max(value, 1e-300))))
    st.session_state[p.key] = best
    return container.select_slider(p.label, options=options, format_func=fmt, key=p.key,
                                   help=p.help or None)


def apply_query(query: dict[str, str], *classes: type) -> None:
    """Callback: set every setting of ``classes`` from ``query`` (absent keys: default),
    so the next page opened in this session shows exactly that setting."""
    for cls in classes:
        default = cls()
        for name, p in params_of(cls):
            st.session_state[p.key] = (coerce(p, query[p.key]) if p.key in query
                                       else getattr(default, name))


@st.cache_data(max_entries=16, show_spinner="Running every cell of the map…")
def _convergence_map(data_spec, grid_spec):
    from bnviz.map import convergence_map

    return convergence_map(data_spec, grid_spec)


def map_grid(data_spec, map_spec):
    """The map for the grid settings of ``map_spec`` (the chosen cell, the colour metric and
    the sidebar's b_hi are not part of its cache key: they do not rerun 1600 descents)."""
    import dataclasses

    from bnviz.map import with_data

    default = type(map_spec)()
    key = dataclasses.replace(map_spec, pick_lr=default.pick_lr, pick_r=default.pick_r,
                              metric=default.metric)
    # Rows set their own b_hi: the sidebar's only marks a row, so it is not in the key.
    grid_data = dataclasses.replace(data_spec, b_hi=type(data_spec)().b_hi)
    return with_data(_convergence_map(grid_data, key), data_spec)


@st.cache_data(max_entries=32, show_spinner=False)
def map_view(data_spec, map_spec):
    """The heatmaps' JSON, the sentence, the chosen cell and its "Valley vs bowl" query."""
    from bnviz.figures.heatmap import convergence_heatmaps
    from bnviz.lessons import explain_map
    from bnviz.map import cell_query, nearest

    cmap = map_grid(data_spec, map_spec)
    row, col = nearest(cmap.ratio, map_spec.pick_r), nearest(cmap.lr, map_spec.pick_lr)
    fig = to_json(convergence_heatmaps(cmap, metric=map_spec.metric, pick=(row, col)))
    return fig, explain_map(cmap, row, col), cell_query(cmap, row, col), cmap.a_constant


@st.cache_data(max_entries=16, show_spinner="Running descent on the four versions of the data…")
def ladder_view(data_spec, ladder_spec):
    """The ladder's figures' JSON, its sentence, and a table of its numbers."""
    from bnviz.figures.ladder import eigen_errors, eigenvalue_ladder, rung_contour, status_phrase
    from bnviz.ladder import ladder
    from bnviz.lessons import explain_ladder

    lad = ladder(data_spec, ladder_spec)
    figs = {f"rung{i}": to_json(rung_contour(r)) for i, r in enumerate(lad.rungs)}
    figs["eigenvalues"] = to_json(eigenvalue_ladder(lad))
    figs["errors"] = to_json(eigen_errors(lad))
    table = [{"": r.label, "condition number κ": fmt(r.conditioning.condition_number),
              "λmin": fmt(float(r.conditioning.lam_min)), "λmax": fmt(float(r.conditioning.lam_max)),
              "learning rate": fmt(r.lr), "descent": status_phrase(r)} for r in lad.rungs]
    return figs, explain_ladder(lad), table


# ------------------------------------------------------------------ Deep networks
# Training runs live across reruns: the runs (with their suspended generators) live in a
# process-wide store keyed by the frozen training settings, never in session state. The
# figures' JSON is cached on (settings, recorded step, chart option); the run itself is
# passed as ``_run`` (not hashed: its step identifies it).

@st.cache_resource(show_spinner=False)
def deep_store():
    from bnviz.deep_view import Store, pair_run

    return Store(pair_run, max_entries=8)


@st.cache_resource(show_spinner=False)
def deep_sweep_store():
    from bnviz.deep_view import Store, sweep_run

    return Store(sweep_run, max_entries=8)


def _time_left(start: float, frac0: float, frac: float) -> str:
    """", about N s left", extrapolated from the progress since this run started at ``frac0``
    (a resumed run starts part way), once 5 % more is done."""
    if not (frac - frac0 >= 0.05 and frac < 1):
        return ""
    left = (time.perf_counter() - start) * (1 - frac) / (frac - frac0)
    return f", about {left:.0f} s left" if left < 120 else f", about {left / 60:.0f} min left"


def run_live(store, key, *, store_name: str, label: str, stop_label: str):
    """Advance the run of ``key`` in ``store`` to its end, with a progress bar and a stop
    button; return its latest value (partial if stopped, None if another session runs it)."""
    bar = st.progress(0.0, text=label)
    stop = st.empty()
    stop.button(stop_label, key=f"dn_stop_{store_name}", on_click=deep_stop,
                args=(store_name, key), icon=":material/stop:")
    start, frac0 = time.perf_counter(), None
    value = store.advance(key)
    while value is not None and store.get(key).generator is not None:
        done = getattr(value, "step", None)
        frac = done / value.n_steps if done is not None else value.progress.fraction
        frac0 = frac if frac0 is None else frac0
        bar.progress(min(frac, 1.0), text=f"{label} {frac:.0%}{_time_left(start, frac0, frac)}")
        value = store.advance(key)
    bar.empty()
    stop.empty()
    return value


def deep_stop(store_name: str, key) -> None:
    """Callback of a stop button: stop the run of ``key`` in the named store."""
    (deep_store() if store_name == "train" else deep_sweep_store()).stop(key)


@st.cache_data(max_entries=32, show_spinner=False)
def deep_main(spec, step, _run):
    """Loss/accuracy and landscape charts' JSON of the run of ``spec`` at ``step``."""
    from bnviz.figures.deep import curves_figure, smoothness_figure

    return to_json(curves_figure(_run)), to_json(smoothness_figure(_run))


@st.cache_data(max_entries=64, show_spinner=False)
def deep_unit(spec, step, layer, unit, _run):
    """The chosen unit's percentile chart JSON and the run's sentence (0-based layer, unit)."""
    from bnviz.deep_narrative import training_sentence
    from bnviz.figures.deep import percentile_figure

    return (to_json(percentile_figure(_run, layer=layer, unit=unit)),
            training_sentence(_run, layer=layer, unit=unit))


@st.cache_data(max_entries=64, show_spinner=False)
def deep_hist(spec, step, index, _run):
    from bnviz.figures.deep import histogram_figure

    return to_json(histogram_figure(_run, index=index))


@st.cache_data(max_entries=32, show_spinner=False)
def deep_sweep_view(key, done, _sweep):
    """The depth sweep's chart JSON and sentence, after ``done`` runs."""
    from bnviz.deep_narrative import sweep_sentence
    from bnviz.figures.deep import sweep_figure

    return to_json(sweep_figure(_sweep)), sweep_sentence(_sweep)

