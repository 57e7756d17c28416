"""Valley vs bowl in one call: the settings in, everything the page shows out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bnviz.core.data import Regression
from bnviz.i18n import _
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.common.text import TableRow
from bnviz.lessons.valley.experiment import compare
from bnviz.lessons.valley.figures import cost_figure, side_figures
from bnviz.lessons.valley.live import live_payload
from bnviz.lessons.valley.rate_text import rate_sentence
from bnviz.lessons.valley.swing import swing_figure
from bnviz.lessons.valley.text import (
    explain_valley,
    intercept_sentence,
    numbers_table,
    readout,
    speed_sentence,
)


@dataclass(frozen=True)
class ValleyView:
    """What the page shows.

    Attributes
    ----------
    marks : dict
        ``{custom rate setting: {rate: word}}``: each side's optimal rate and stability edge,
        for the learning-rate sliders. (The runs themselves are not kept: a cached view holds
        only what the page shows.)
    figures : dict
        ``raw_surface``, ``raw_contour``, ``standardized_surface``, ``standardized_contour``
        and ``cost``: figure dicts (or their JSON, once :mod:`bnviz.ui` has encoded them).
    explanation : str
        What the surfaces and the runs show.
    intercept : str
        Why the two surfaces bottom out where they do.
    speed : str
        How fast each side descended (the home page's claim, measured).
    rates : str
        Each side's rate and why: its swing across and its crawl along the surface.
    table : tuple of dict
        Rows of (quantity, raw, standardized).
    readout : dict
        ``{"raw": line, "standardized": line}``: each side's key numbers in one line
        (:func:`~bnviz.lessons.valley.text.readout`), which the browser rewrites while a
        control is dragged.
    live : dict or None
        What the browser needs to compute the page itself
        (:func:`~bnviz.lessons.valley.live.live_payload`); None for data not drawn from a
        :class:`~bnviz.lessons.common.settings.DataSpec`.
    """

    marks: dict[str, dict[float, str]]
    figures: dict[str, Any]
    explanation: str
    intercept: str
    speed: str
    rates: str
    table: tuple[TableRow, ...]
    readout: dict[str, str]
    live: dict[str, Any] | None


def valley_view(data: Regression | DataSpec, descent: DescentSpec) -> ValleyView:
    """Run both sides of the experiment on ``data`` (the page passes its data settings: see
    :func:`~bnviz.lessons.valley.experiment.fits`) and draw and describe them."""
    comparison = compare(data, descent)
    figures: dict[str, Any] = {f"{side.label}_{kind}": figure
                               for side in (comparison.raw, comparison.std)
                               for kind, figure in side_figures(side).items()}
    figures["cost"] = cost_figure(comparison)
    figures["swing"] = swing_figure(comparison)
    marks = {setting: {side.conditioning.lr_optimal: _("optimal"), side.conditioning.lr_stable: "2/λmax"}
             for setting, side in (("lr_raw", comparison.raw), ("lr_std", comparison.std))}
    return ValleyView(marks=marks, figures=figures,
                      explanation=explain_valley(comparison),
                      intercept=intercept_sentence(comparison), speed=speed_sentence(comparison),
                      rates=rate_sentence(comparison),
                      table=numbers_table(comparison),
                      readout={side.label: readout(side) for side in (comparison.raw, comparison.std)},
                      live=live_payload(data, descent) if isinstance(data, DataSpec) else None)
