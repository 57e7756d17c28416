"""The glue of "Where normalization matters": the map of convergence (its grid cached apart
from the chosen cell) and the ladder of raw, scaled, standardized and whitened data."""

from __future__ import annotations

import dataclasses
from functools import partial
from urllib.parse import urlencode

import streamlit as st

from bnviz.i18n import N_
from bnviz.lessons.common.own_source import rows_of
from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.where import view as where
from bnviz.lessons.where.convergence import ConvergenceMap, convergence_map, with_data
from bnviz.lessons.where.script import ladder_script
from bnviz.lessons.where.settings import LadderSpec, MapSpec
from bnviz.ui import exports
from bnviz.ui.cached import Source, encoded
from bnviz.ui.language import per_language, with_spinner
from bnviz.ui.state import current

__all__ = ["LadderSpec", "MapSpec", "ladder_view", "map_grid", "map_view", "pick_options",
           "valley_link"]


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


def pick_options(cmap: ConvergenceMap) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The values a cell can be chosen by: the map's ratios of scales and its learning rates."""
    return tuple(float(v) for v in cmap.ratio), tuple(float(v) for v in cmap.lr)


@per_language
@st.cache_data(max_entries=32, show_spinner=False)
def map_view(lang: str, data_spec: Source, map_spec: MapSpec) -> where.MapView:
    """The map's figure (as JSON), the chosen cell's sentence and its "Valley vs bowl" query."""
    return encoded(where.map_view(map_grid(data_spec, map_spec), map_spec))


def valley_link(query: dict[str, str]) -> str:
    """The relative address of "Valley vs bowl" with the chosen cell's settings."""
    return f"./valley_vs_bowl?{urlencode(query)}"


@with_spinner(N_("Running descent on the four versions of the data…"))
@per_language
@st.cache_data(max_entries=16, show_spinner=False)
def ladder_view(lang: str, data_spec: Source, ladder_spec: LadderSpec) -> where.LadderView:
    """The four rungs' figures (as JSON), sentences and table."""
    return encoded(where.ladder_view(rows_of(data_spec), ladder_spec))


# ------------------------------------------------------------------ downloads
def _files() -> exports.Files:
    """The ladder's computation as a script."""
    return {"ladder.py": (partial(ladder_script, current(DataSpec), current(LadderSpec)),
                          "text/x-python")}


exports.offer("where_it_matters", _files)
