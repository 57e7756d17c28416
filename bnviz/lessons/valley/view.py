"""Valley vs bowl in one call: the settings in, everything the page shows out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bnviz.core.data import Regression
from bnviz.lessons.common.settings import DescentSpec
from bnviz.lessons.valley.experiment import Comparison, compare
from bnviz.lessons.valley.figures import cost_figure, side_figures
from bnviz.lessons.valley.text import explain_valley, numbers_table


@dataclass(frozen=True)
class ValleyView:
    """What the page shows.

    Attributes
    ----------
    comparison : Comparison
        Both runs, their surfaces and their theory.
    figures : dict
        ``raw_surface``, ``raw_contour``, ``standardized_surface``, ``standardized_contour``
        and ``cost``: figure dicts (or their JSON, once :mod:`bnviz.ui` has encoded them).
    explanation : str
    table : tuple of dict
        Rows of (quantity, raw, standardized).
    """

    comparison: Comparison
    figures: dict[str, Any]
    explanation: str
    table: tuple[dict[str, str], ...]


def valley_view(data: Regression, descent: DescentSpec) -> ValleyView:
    """Run both sides of the experiment on ``data`` and draw and describe them."""
    cmp = compare(data, descent)
    figures: dict[str, Any] = {f"{side.label}_{kind}": fig for side in (cmp.raw, cmp.std)
                               for kind, fig in side_figures(side).items()}
    figures["cost"] = cost_figure(cmp)
    return ValleyView(comparison=cmp, figures=figures, explanation=explain_valley(cmp),
                      table=tuple(numbers_table(cmp)))
