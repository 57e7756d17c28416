"""The glue of "Deep networks": its worker pool and jobs' keys, and its figures drawn from a
run's latest records.

The training and the depth sweep run in the worker pool (:mod:`bnviz.ui.jobs`, followed by
:mod:`bnviz.ui.runs`). The figures' JSON is cached on (settings, recorded step, chart option);
the run itself is passed as ``_run`` (not hashed: its step identifies it). A run on a
visitor's file is cached on the file's digest and columns
(:meth:`~bnviz.lessons.deep.live.OwnRun.ident`), never on its rows.
"""

from __future__ import annotations

import os
from collections.abc import Hashable
from typing import Any

import streamlit as st

from bnviz.core.recording import record_steps
from bnviz.core.sweep import DepthSweep
from bnviz.core.training import PairProgress, TrainConfig
from bnviz.lessons.common.own_source import OwnClassification
from bnviz.lessons.deep import live as jobs
from bnviz.lessons.deep import view as deep
from bnviz.lessons.deep.live import JobKey, OwnRun, on_data, record_index, run_job
from bnviz.lessons.deep.settings import DeepSweepSpec, DeepTrainSpec, DeepViewSpec
from bnviz.lessons.deep.text import (
    own_data_caption,
    setting_summary,
    steps_capped,
    sweep_stopped,
    training_stopped,
)
from bnviz.plotting.encode import to_json
from bnviz.settings import params_of
from bnviz.ui.jobs import JobPool
from bnviz.ui.language import per_language
from bnviz.ui.runs import env_int
from bnviz.ui.widgets import controls

__all__ = ["DeepSweepSpec", "DeepTrainSpec", "DeepViewSpec", "histograms", "own_data_caption",
           "pool", "schedule", "setting_summary", "steps_allowed", "sweep", "sweep_key",
           "sweep_stopped", "training", "training_controls", "training_key", "training_stopped"]


@st.cache_resource(show_spinner=False)
def pool() -> JobPool:
    """The worker processes of this server: ``BNVIZ_WORKERS`` of them, else one per core;
    each visitor runs one job at a time."""
    return JobPool(run_job, workers=env_int("BNVIZ_WORKERS") or os.cpu_count() or 1,
                   per_owner=1)


def steps_allowed(steps: int) -> bool:
    """False, with a message, when ``steps`` exceeds the host's cap (``BNVIZ_MAX_TRAIN_STEPS``,
    for a public demo); True when there is no cap or it is kept."""
    cap = env_int("BNVIZ_MAX_TRAIN_STEPS")
    if cap is None or steps <= cap:
        return True
    st.warning(steps_capped(steps, cap), icon=":material/block:")
    return False


def training_controls(own: OwnClassification | None, *, container: Any = st) -> DeepTrainSpec:
    """The training's widgets; with a visitor's file, all but the built-in data set's."""
    names = None if own is None else tuple(name for name, _p in params_of(DeepTrainSpec)
                                           if name != "dataset")
    return controls(DeepTrainSpec, names, container=container)


def schedule(fit: TrainConfig) -> list[int]:
    """The steps at which a training of ``fit`` records its layers (the histograms' choices)."""
    return [int(s) for s in record_steps(fit.steps, fit.n_records)]


def training_key(train: DeepTrainSpec, own: OwnClassification | None) -> JobKey:
    """The job of a training: its settings, on a visitor's file or not."""
    return on_data(train, own)


def sweep_key(train: DeepTrainSpec, sweep_spec: DeepSweepSpec,
              own: OwnClassification | None) -> JobKey:
    """The job of a depth sweep: its settings and the training's, on a visitor's file or not."""
    return on_data(jobs.sweep_key(train, sweep_spec), own)


def _ident(key: JobKey) -> Hashable:
    """What a cached figure is keyed on: the settings, and a file's digest and columns."""
    return key.ident() if isinstance(key, OwnRun) else key


def training(key: JobKey, step: int, layer: int, unit: int,
             run: PairProgress) -> deep.TrainingView:
    """Curves, bands and the chosen unit's chart (0-based layer, unit) of the run of ``key``
    (a training's spec, on a file or not) at ``step``."""
    return _training(_ident(key), step, layer, unit, run)


def histograms(key: JobKey, run: PairProgress, at: int) -> str:
    """Each layer's outputs at the record of step ``at`` of the run of ``key``, as it stands."""
    index = record_index(run.result.plain.steps, at)
    return _histograms(_ident(key), run.step, index, run)


def sweep(key: JobKey, done: int, result: DepthSweep) -> deep.SweepView:
    """The depth sweep's chart JSON and sentence, after ``done`` runs."""
    return _sweep(_ident(key), done, result)


@per_language
@st.cache_data(max_entries=64, show_spinner=False)
def _training(lang: str, key: Hashable, step: int, layer: int, unit: int,
              _run: PairProgress) -> deep.TrainingView:
    view = deep.training_view(_run, layer=layer, unit=unit)
    return deep.TrainingView(curves=to_json(view.curves), smoothness=to_json(view.smoothness),
                             unit=to_json(view.unit), unit_caption=view.unit_caption,
                             sentence=view.sentence)


@per_language
@st.cache_data(max_entries=64, show_spinner=False)
def _histograms(lang: str, key: Hashable, step: int, index: int, _run: PairProgress) -> str:
    return to_json(deep.histogram_view(_run, index=index))


@per_language
@st.cache_data(max_entries=32, show_spinner=False)
def _sweep(lang: str, key: Hashable, done: int, _sweep: DepthSweep) -> deep.SweepView:
    view = deep.sweep_view(_sweep)
    return deep.SweepView(figure=to_json(view.figure), sentence=view.sentence)
