"""Where normalization matters: the map at a chosen cell, and the ladder, one call each.

The map itself (every cell a full run) is computed by
:func:`bnviz.lessons.where.convergence.convergence_map`; :func:`map_view` only picks a cell
and draws, so moving the cell or the colour metric reruns no descent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.where.convergence import ConvergenceMap, cell_query, nearest
from bnviz.lessons.where.ladder import ladder
from bnviz.lessons.where.ladder_figures import eigen_errors, eigenvalue_ladder, rung_contour
from bnviz.lessons.where.map_figures import convergence_heatmaps
from bnviz.lessons.where.settings import LadderSpec, MapSpec
from bnviz.lessons.where.text import explain_ladder, explain_map, ladder_table


@dataclass(frozen=True)
class MapView:
    """The heatmaps, their sentence, and the chosen cell's query for "Valley vs bowl"
    (None when that page cannot open it)."""

    figure: Any
    sentence: str
    query: dict[str, str] | None
    a_constant: bool


@dataclass(frozen=True)
class LadderView:
    """The ladder's figures (``rung0`` .. ``rung3``, ``eigenvalues``, ``errors``), its
    lesson and a table of its numbers."""

    figures: dict[str, Any]
    lesson: str
    table: tuple[dict[str, str], ...]


def map_view(cmap: ConvergenceMap, spec: MapSpec) -> MapView:
    row, col = nearest(cmap.ratio, spec.pick_r), nearest(cmap.lr, spec.pick_lr)
    return MapView(figure=convergence_heatmaps(cmap, metric=spec.metric, pick=(row, col)),
                   sentence=explain_map(cmap, row, col), query=cell_query(cmap, row, col),
                   a_constant=cmap.a_constant)


def ladder_view(data: DataSpec, spec: LadderSpec) -> LadderView:
    lad = ladder(data, spec)
    figures: dict[str, Any] = {f"rung{i}": rung_contour(r) for i, r in enumerate(lad.rungs)}
    figures["eigenvalues"] = eigenvalue_ladder(lad)
    figures["errors"] = eigen_errors(lad)
    return LadderView(figures=figures, lesson=explain_ladder(lad), table=tuple(ladder_table(lad)))
