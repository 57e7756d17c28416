"""Deep networks: what the page draws from a (possibly partial) run, one call per part.

Training itself is live (see :mod:`bnviz.lessons.deep.live`); these calls only draw and
describe a run's records, so changing which unit or which step is shown never retrains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bnviz.core.sweep import DepthSweep
from bnviz.core.training import PairProgress
from bnviz.lessons.deep.figures import (
    curves_figure,
    histogram_figure,
    percentile_figure,
    smoothness_figure,
    sweep_figure,
)
from bnviz.lessons.deep.text import sweep_sentence, training_sentence, unit_caption


@dataclass(frozen=True)
class TrainingView:
    """Loss and accuracy curves, the smoothness bands, the chosen unit's chart with its
    caption, and the sentence about the run seen through that unit."""

    curves: Any
    smoothness: Any
    unit: Any
    unit_caption: str
    sentence: str


@dataclass(frozen=True)
class SweepView:
    figure: Any
    sentence: str


def training_view(run: PairProgress, *, layer: int, unit: int) -> TrainingView:
    """``layer`` and ``unit`` count from 0."""
    return TrainingView(curves=curves_figure(run), smoothness=smoothness_figure(run),
                        unit=percentile_figure(run, layer=layer, unit=unit),
                        unit_caption=unit_caption(run.result.plain),
                        sentence=training_sentence(run, layer=layer, unit=unit))


def histogram_view(run: PairProgress, *, index: int) -> Any:
    """Each hidden layer's outputs at the ``index``-th recorded step."""
    return histogram_figure(run, index=index)


def sweep_view(sweep: DepthSweep) -> SweepView:
    return SweepView(figure=sweep_figure(sweep), sentence=sweep_sentence(sweep))
