"""Inside a batch in four calls, one per part of the page, each keyed by what it depends on:
moving the batch slider must not rerun the descent, and moving the learning rate must not
redraw the batch panels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bnviz.core.batches import clamp_size, split
from bnviz.core.batchnorm import RunningStats
from bnviz.core.data import Regression
from bnviz.i18n import _
from bnviz.lessons.batch import text
from bnviz.lessons.batch.descent_figures import descent_figures
from bnviz.lessons.batch.figures import batch_panels, running_figure, spread_figure
from bnviz.lessons.batch.layer import frames
from bnviz.lessons.batch.minibatch import cost_maps, rate_marks, run_all, start_of
from bnviz.lessons.batch.settings import LookSpec, MiniSpec, RunningSpec, SplitSpec
from bnviz.lessons.batch.statistics import Running, Spread, row_modes, running
from bnviz.lessons.common.text import TableRow


@dataclass(frozen=True)
class RunningView:
    """Running statistics over epochs, their chart and their sentence."""

    running: Running
    figure: Any
    sentence: str


@dataclass(frozen=True)
class LookView:
    """The batch panels (one animation frame per batch), the sentences about the batch
    shown, and a table of its statistics against the population's."""

    figure: Any
    split_sentence: str
    batch_sentence: str
    undo_sentence: str
    row_sentence: str
    table: tuple[TableRow, ...]


@dataclass(frozen=True)
class SpreadView:
    """The spread of batch statistics against batch size, at the chosen size."""

    figure: Any
    sentence: str


@dataclass(frozen=True)
class DescentView:
    """The three descents: ``figures`` (``map``, ``surface``, ``cost``), a sentence, how the
    paths share one map (``coordinates``), a table, and the learning rates worth marking on
    the slider."""

    figures: dict[str, Any]
    sentence: str
    coordinates: str
    table: tuple[TableRow, ...]
    marks: dict[float, str]


def running_view(data: Regression, split_spec: SplitSpec, spec: RunningSpec) -> RunningView:
    """The running statistics of ``spec.epochs`` epochs of batches of ``data``."""
    run = running(data.X, size=split_spec.size, seed=split_spec.seed, last=split_spec.last,
                  momentum=spec.momentum, epochs=spec.epochs)
    return RunningView(running=run, figure=running_figure(run), sentence=text.running_sentence(run))


def look_view(data: Regression, split_spec: SplitSpec, spec: LookSpec, *,
              running_stats: RunningStats) -> LookView:
    """The batch ``spec.index`` (counted from 1) through the layer; ``running_stats`` are the
    running statistics a row is standardized with at inference."""
    features = data.X
    batches = split(len(features), split_spec.size, seed=split_spec.seed, last=split_spec.last)
    animation = frames(features, batches, spec.index - 1, gamma=np.array([spec.g1, spec.g2]),
                       beta=np.array([spec.b1, spec.b2]), eps=spec.eps, undo=spec.undo == "on")
    shown = animation.looks[int(np.flatnonzero(animation.indices == animation.selected)[0])]
    modes = row_modes(features, int(shown.rows[0]), shown.x_hat[0], running_stats, eps=spec.eps)
    return LookView(figure=batch_panels(animation, features[:2000]),
                    split_sentence=text.split_sentence(batches, seed=split_spec.seed),
                    batch_sentence=text.batch_sentence(shown),
                    undo_sentence=text.undo_sentence(shown),
                    row_sentence=text.row_sentence(modes), table=text.statistics_table(shown))


def spread_view(spread: Spread, *, size: int, n: int) -> SpreadView:
    """The spread chart and sentence at batch size ``size`` (clamped to ``1..n``)."""
    size = clamp_size(size, n)
    return SpreadView(figure=spread_figure(spread, selected=size),
                      sentence=text.spread_sentence(spread, size))


def descent_view(data: Regression, split_spec: SplitSpec, spec: MiniSpec, *, eps: float,
                 momentum: float) -> DescentView:
    """The three descents of ``spec`` on the batches of ``split_spec``."""
    runs = run_all(data.X, data.y, split_spec, spec, eps=eps, momentum=momentum)
    fine, coarse = cost_maps(runs, start_of(spec))
    return DescentView(figures=descent_figures(runs, fine, coarse),
                       sentence=text.descent_sentence(runs),
                       coordinates=text.coordinates_sentence(runs),
                       table=text.descent_table(runs),
                       marks={lr: _(word) for lr, word in rate_marks(data.X).items()})
