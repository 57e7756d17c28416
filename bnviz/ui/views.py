"""Each lesson's view, cached: the frozen settings (and the language) are the cache key.

Figures are encoded to JSON inside the cache, so a cache hit costs neither the numerics nor
the encoding. Datasets are kept as resources (not copied on each hit: at n = 1e6 a copy
costs more than the page).
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

import streamlit as st

from bnviz.core.data import Regression
from bnviz.i18n import N_
from bnviz.lessons.batch import view as batch
from bnviz.lessons.batch.statistics import spread
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.own_source import OwnRegression, rows_of
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.race.settings import RaceSpec
from bnviz.lessons.race.view import RaceView, race_view
from bnviz.lessons.valley.view import ValleyView, valley_view
from bnviz.lessons.where import view as where
from bnviz.lessons.where.convergence import ConvergenceMap, convergence_map, with_data
from bnviz.lessons.where.settings import LadderSpec, MapSpec
from bnviz.plotting.encode import to_json
from bnviz.ui.language import per_language, with_spinner

V = TypeVar("V")
# Where a two-feature lesson's data comes from: the generated data's settings, or a visitor's
# file (hashed by Streamlit's caches on its digest, columns and rows).
Source = DataSpec | OwnRegression


def _encoded(result: V) -> V:
    """``result`` with its figure dicts (``figure``, ``figures``) as JSON text."""
    changes: dict[str, Any] = {}
    if hasattr(result, "figures"):
        changes["figures"] = {k: to_json(v) for k, v in result.figures.items()}
    if hasattr(result, "figure"):
        changes["figure"] = to_json(result.figure)
    return dataclasses.replace(result, **changes)  # type: ignore[type-var]


@st.cache_resource(max_entries=8, show_spinner=False)
def _drawn(spec: DataSpec) -> Regression:
    return two_features(spec)


def dataset(source: Source) -> Regression:
    """The rows of ``source``: drawn from a data spec, or a visitor's own."""
    return source.data if isinstance(source, OwnRegression) else _drawn(source)


@with_spinner(N_("Computing the surfaces and descent paths…"))
@per_language
@st.cache_data(max_entries=32, show_spinner=False)
def valley(lang: str, data_spec: Source, descent_spec: DescentSpec) -> ValleyView:
    # The spec, not its rows: the view computes from the draws' moments, as the browser does.
    return _encoded(valley_view(rows_of(data_spec), descent_spec))


@with_spinner(N_("Racing the optimizers…"))
@per_language
@st.cache_data(max_entries=32, show_spinner=False)
def race(lang: str, data_spec: Source, descent_spec: DescentSpec, race_spec: RaceSpec) -> RaceView:
    return _encoded(race_view(dataset(data_spec), descent_spec, race_spec))


# ---------------------------------------------------------------------- Inside a batch

@per_language
@st.cache_data(max_entries=16, show_spinner=False)
def batch_running(lang: str, data_spec: Source, split_spec: batch.SplitSpec,
                  running_spec: batch.RunningSpec) -> batch.RunningView:
    return _encoded(batch.running_view(dataset(data_spec), split_spec, running_spec))


@per_language
@st.cache_data(max_entries=32, show_spinner=False)
def batch_look(lang: str, data_spec: Source, split_spec: batch.SplitSpec, look_spec: batch.LookSpec,
               running_spec: batch.RunningSpec) -> batch.LookView:
    stats = batch_running(data_spec, split_spec, running_spec).running.final
    return _encoded(batch.look_view(dataset(data_spec), split_spec, look_spec,
                                    running_stats=stats))


@st.cache_data(max_entries=16, show_spinner=False)
def _batch_spread(data_spec: Source, seed: int, eps: float) -> Any:
    return spread(dataset(data_spec).X, seed=seed, eps=eps)


@per_language
@st.cache_data(max_entries=32, show_spinner=False)
def batch_spread(lang: str, data_spec: Source, seed: int, eps: float, size: int) -> batch.SpreadView:
    """The spread chart at the chosen size (the spread itself does not depend on it)."""
    return _encoded(batch.spread_view(_batch_spread(data_spec, seed, eps), size=size,
                                      n=data_spec.n))


@with_spinner(N_("Running the three descents…"))
@per_language
@st.cache_data(max_entries=32, show_spinner=False)
def batch_descent(lang: str, data_spec: Source, split_spec: batch.SplitSpec, eps: float, momentum: float,
                  mini_spec: batch.MiniSpec) -> batch.DescentView:
    return _encoded(batch.descent_view(dataset(data_spec), split_spec, mini_spec, eps=eps,
                                       momentum=momentum))


# ------------------------------------------------------- Where normalization matters

@with_spinner(N_("Running every cell of the map…"))
@st.cache_data(max_entries=16, show_spinner=False)
def _convergence_map(data_spec: DataSpec, grid_spec: MapSpec) -> ConvergenceMap:
    return convergence_map(data_spec, grid_spec)


def map_grid(data_spec: Source, map_spec: MapSpec) -> ConvergenceMap:
    """The map for the grid settings of ``map_spec`` (the chosen cell, the colour metric and
    the sidebar's b_hi are not part of its cache key: they do not rerun 1600 descents)."""
    default = type(map_spec)()
    key = dataclasses.replace(map_spec, pick_lr=default.pick_lr, pick_r=default.pick_r,
                              metric=default.metric)
    # The map sweeps generated data's scales; with a visitor's file it is the default data's.
    spec = data_spec if isinstance(data_spec, DataSpec) else DataSpec()
    # Rows set their own b_hi: the sidebar's only marks a row, so it is not in the key.
    grid_data = dataclasses.replace(spec, b_hi=DataSpec().b_hi)
    return with_data(_convergence_map(grid_data, key), spec)


@per_language
@st.cache_data(max_entries=32, show_spinner=False)
def map_view(lang: str, data_spec: Source, map_spec: MapSpec) -> where.MapView:
    return _encoded(where.map_view(map_grid(data_spec, map_spec), map_spec))


@with_spinner(N_("Running descent on the four versions of the data…"))
@per_language
@st.cache_data(max_entries=16, show_spinner=False)
def ladder_view(lang: str, data_spec: Source, ladder_spec: LadderSpec) -> where.LadderView:
    return _encoded(where.ladder_view(rows_of(data_spec), ladder_spec))
