"""Optimizer race in one call: the settings in, everything the page shows out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bnviz.core.data import Regression
from bnviz.lessons.common.settings import DescentSpec
from bnviz.lessons.common.text import TableRow
from bnviz.lessons.race.figures import race_figures
from bnviz.lessons.race.runs import live_inputs, rate_marks, run_race
from bnviz.lessons.race.settings import RaceSpec
from bnviz.lessons.race.text import results_table, units_sentence, verdict


@dataclass(frozen=True)
class RaceView:
    """What the page shows.

    Attributes
    ----------
    figures : dict
        ``contour``, ``surface`` and ``cost`` of the side chosen in the settings.
    verdict, units : str
        Who won, and how the rate sliders translate into absolute rates.
    table : tuple of dict
        One row per optimizer.
    marks : dict
        ``{rate setting name: {value: word}}`` for the rate sliders.
    live : dict or None
        What the browser needs to rerun the shown side's race while a rate or a beta is
        dragged (:func:`~bnviz.lessons.race.runs.live_inputs`; ``bnviz/ui/race.py``).
    """

    figures: dict[str, Any]
    verdict: str
    units: str
    table: tuple[TableRow, ...]
    marks: dict[str, dict[float, str]]
    live: dict[str, Any] | None = None


def race_view(data: Regression, descent: DescentSpec, spec: RaceSpec) -> RaceView:
    """Race the chosen optimizers on both sides of ``data``; draw the side ``spec`` shows."""
    race = run_race(data, spec, descent)
    field = race.field(spec.space)
    return RaceView(figures=race_figures(field, tol=descent.tol, budget=race.budget),
                    verdict=verdict(race), units=units_sentence(race),
                    table=results_table(race), marks=rate_marks(field, spec),
                    live=live_inputs(field, spec, descent))
