"""Long runs that a page follows live: training and depth sweeps of "Deep networks".

The runs (with their suspended generators) live in a process-wide store keyed by the frozen
training settings, never in session state. The figures' JSON is cached on (settings,
recorded step, chart option); the run itself is passed as ``_run`` (not hashed: its step
identifies it).
"""

from __future__ import annotations

import time
from typing import Any

import streamlit as st

from bnviz.core.sweep import DepthSweep, SweepProgress
from bnviz.core.training import PairProgress
from bnviz.lessons.deep import view as deep
from bnviz.lessons.deep.live import Store, SweepKey, sweep_run, train_run
from bnviz.lessons.deep.settings import DeepTrainSpec
from bnviz.plotting.encode import to_json


@st.cache_resource(show_spinner=False)
def deep_store() -> Store[DeepTrainSpec, PairProgress]:
    return Store(train_run, max_entries=8)


@st.cache_resource(show_spinner=False)
def deep_sweep_store() -> Store[SweepKey, SweepProgress]:
    return Store(sweep_run, max_entries=8)


def time_left(start: float, frac0: float, frac: float) -> str:
    """", about N s left", extrapolated from the progress since this run started at ``frac0``
    (a resumed run starts part way), once 5 % more is done."""
    if not (frac - frac0 >= 0.05 and frac < 1):
        return ""
    left = (time.perf_counter() - start) * (1 - frac) / (frac - frac0)
    return f", about {left:.0f} s left" if left < 120 else f", about {left / 60:.0f} min left"


def run_live(store: Store[Any, Any], key: Any, *, store_name: str, label: str, stop_label: str) -> Any:
    """Advance the run of ``key`` in ``store`` to its end, with a progress bar and a stop
    button; return its latest value (partial if stopped, None if another session runs it)."""
    bar = st.progress(0.0, text=label)
    stop = st.empty()
    stop.button(stop_label, key=f"dn_stop_{store_name}", on_click=deep_stop,
                args=(store_name, key), icon=":material/stop:")
    start, frac0 = time.perf_counter(), None
    value = store.advance(key)
    while value is not None and store.get(key).generator is not None:
        frac = value.fraction
        frac0 = frac if frac0 is None else frac0
        bar.progress(min(frac, 1.0), text=f"{label} {frac:.0%}{time_left(start, frac0, frac)}")
        value = store.advance(key)
    bar.empty()
    stop.empty()
    return value


def deep_stop(store_name: str, key: Any) -> None:
    """Callback of a stop button: stop the run of ``key`` in the named store."""
    (deep_store() if store_name == "train" else deep_sweep_store()).stop(key)


@st.cache_data(max_entries=64, show_spinner=False)
def deep_training(spec: DeepTrainSpec, step: int, layer: int, unit: int,
                  _run: PairProgress) -> deep.TrainingView:
    """Curves, bands and the chosen unit's chart (0-based layer, unit) of the run of ``spec``
    at ``step``."""
    view = deep.training_view(_run, layer=layer, unit=unit)
    return deep.TrainingView(curves=to_json(view.curves), smoothness=to_json(view.smoothness),
                             unit=to_json(view.unit), unit_caption=view.unit_caption,
                             sentence=view.sentence)


@st.cache_data(max_entries=64, show_spinner=False)
def deep_hist(spec: DeepTrainSpec, step: int, index: int, _run: PairProgress) -> str:
    return to_json(deep.histogram_view(_run, index=index))


@st.cache_data(max_entries=32, show_spinner=False)
def deep_sweep(key: SweepKey, done: int, _sweep: DepthSweep) -> deep.SweepView:
    """The depth sweep's chart JSON and sentence, after ``done`` runs."""
    view = deep.sweep_view(_sweep)
    return deep.SweepView(figure=to_json(view.figure), sentence=view.sentence)
