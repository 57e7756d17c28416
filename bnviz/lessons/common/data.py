"""The two-feature data a page's settings describe (see :mod:`bnviz.core.data`)."""

from __future__ import annotations

from bnviz.core.data import Regression, make_correlated, make_two_features
from bnviz.lessons.common.settings import DataSpec


def _draw(spec: DataSpec) -> dict[str, float | int]:
    return {"a_hi": spec.a_hi, "b_hi": spec.b_hi, "w1": spec.w1_true, "w2": spec.w2_true,
            "noise": spec.noise, "n": spec.n, "seed": spec.seed}


def two_features(spec: DataSpec) -> Regression:
    """The seed article's data with the ranges, weights, noise, size and seed of ``spec``."""
    return make_two_features(**_draw(spec))  # type: ignore[arg-type]


def correlated_features(spec: DataSpec, corr: float) -> Regression:
    """The same ranges and target as :func:`two_features`, with features correlated ``corr``."""
    return make_correlated(corr=corr, **_draw(spec))  # type: ignore[arg-type]
