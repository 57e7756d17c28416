"""Where normalization matters: the map at a chosen cell, and the ladder, one call each.

The map itself (every cell a full run) is computed by
:func:`bnviz.lessons.where.convergence.convergence_map`; :func:`map_view` only picks a cell
and draws, so moving the cell or the colour metric reruns no descent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bnviz.core.data import Regression
from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.common.text import TableRow
from bnviz.lessons.where.convergence import ConvergenceMap, cell_query, nearest
from bnviz.lessons.where.ladder import build_ladder
from bnviz.lessons.where.ladder_figures import eigen_errors, eigenvalue_ladder, rung_contour
from bnviz.lessons.where.map_figures import convergence_heatmaps
from bnviz.lessons.where.settings import LadderSpec, MapSpec
from bnviz.lessons.where.text import (
    constant_notice,
    explain_ladder,
    explain_map,
    ladder_caption,
    ladder_table,
    map_caption,
    outside_sentence,
)


@dataclass(frozen=True)
class MapView:
    """The heatmaps and their words.

    Attributes
    ----------
    figure : dict
    caption : str
        What a cell is and what the lines are.
    sentence : str
        What the maps show, and what the chosen cell does.
    query : dict or None
        The chosen cell's query for "Valley vs bowl" (None when that page cannot open it).
    outside : str or None
        Why it cannot (None when it can).
    notice : str or None
        Why the ratio is taken against a unit range (None unless feature A is constant).
    """

    figure: Any
    caption: str
    sentence: str
    query: dict[str, str] | None
    outside: str | None
    notice: str | None


@dataclass(frozen=True)
class LadderView:
    """The ladder's figures (``rung0`` .. ``rung3``, ``eigenvalues``, ``errors``), a caption,
    its lesson and a table of its numbers."""

    figures: dict[str, Any]
    caption: str
    lesson: str
    table: tuple[TableRow, ...]


def map_view(cmap: ConvergenceMap, spec: MapSpec) -> MapView:
    """The map with the cell nearest ``spec``'s pick marked and described."""
    row, col = nearest(cmap.ratio, spec.pick_r), nearest(cmap.lr, spec.pick_lr)
    return MapView(figure=convergence_heatmaps(cmap, metric=spec.metric, pick=(row, col)),
                   caption=map_caption(cmap), sentence=explain_map(cmap, row, col),
                   query=cell_query(cmap, row, col), outside=outside_sentence(cmap, row, col),
                   notice=constant_notice(cmap))


def ladder_view(data: DataSpec | Regression, spec: LadderSpec) -> LadderView:
    """The four rungs of correlated data drawn with ``data``'s ranges (or of a visitor's
    rows), drawn and explained."""
    ladder = build_ladder(data, spec)
    figures: dict[str, Any] = {f"rung{i}": rung_contour(rung) for i, rung in enumerate(ladder.rungs)}
    figures["eigenvalues"] = eigenvalue_ladder(ladder)
    figures["errors"] = eigen_errors(ladder)
    return LadderView(figures=figures, caption=ladder_caption(ladder),
                      lesson=explain_ladder(ladder), table=ladder_table(ladder))
