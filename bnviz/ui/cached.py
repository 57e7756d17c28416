"""What every lesson's cached views share: where a two-feature lesson's data comes from, its
drawn rows, and a result's figures encoded inside the cache.

Each lesson's own cached views live in its module (:mod:`bnviz.ui.valley`,
:mod:`bnviz.ui.batch`, ...); their frozen settings (and the language) are the cache key.
Figures are encoded to JSON inside the cache, so a cache hit costs neither the numerics nor
the encoding. Datasets are kept as resources (not copied on each hit: at n = 1e6 a copy
costs more than the page).
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

import streamlit as st

from bnviz.core.data import Regression
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.own_source import OwnRegression
from bnviz.lessons.common.settings import DataSpec
from bnviz.plotting.encode import to_json

V = TypeVar("V")
# Where a two-feature lesson's data comes from: the generated data's settings, or a visitor's
# file (hashed by Streamlit's caches on its digest, columns and rows).
Source = DataSpec | OwnRegression


def encoded(result: V) -> V:
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
