"""Optimizer race with runs that diverge, on raw and on standardized features: every chart
draws every run and says which diverged, at the step its excess first passed the bound."""

from __future__ import annotations

import numpy as np
import pytest

from bnviz.core.descent import DIVERGED_GROWTH
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.race.figures import race_figures
from bnviz.lessons.race.runs import run_race
from bnviz.lessons.race.settings import RaceSpec

DATA = two_features(DataSpec())
# Four times plain descent's optimal rate: past the stability edge 2/λmax for plain descent
# (at most twice the optimal rate) on either side; the adaptive rules keep going.
WILD = RaceSpec(gd_lr=4.0, mom_lr=4.0, nag_lr=4.0)


def _blow_up(field, t) -> int | None:
    """The first step whose excess is not finite or past DIVERGED_GROWTH times the start's,
    from the run's recorded weights on the side's own quadratic."""
    e = t.weights - field.quadratic.w_star
    excess = np.einsum("ki,ij,kj->k", e, field.quadratic.G, e)
    bad = np.flatnonzero(~(excess[1:] <= DIVERGED_GROWTH * excess[0]))
    return int(bad[0]) + 1 if bad.size else None


def _flat(fig) -> str:
    return fig["layout"]["title"]["text"].replace("<br>", " ")


@pytest.mark.parametrize("space", ["raw", "standardized"])
def test_diverged_runs_are_drawn_and_said_on_every_chart(space):
    race = run_race(DATA, WILD, DescentSpec())
    field = race.field(space)
    gone = [r for r in field.runs if r.trajectory.status == "diverged"]
    assert {r.key for r in gone} >= {"gd"}  # plain descent at 4x its optimal rate
    figs = race_figures(field, tol=1e-6, budget=race.budget)
    marks = {a["text"]: a["x"] for a in figs["cost"]["layout"]["annotations"]}
    for r in field.runs:
        assert r.trajectory.diverged_at == _blow_up(field, r.trajectory)
        if r in gone:
            assert marks[f"{r.name} ✗"] == r.trajectory.diverged_at
    surface = _flat(figs["surface"])
    names = [r.name for r in gone]
    verb = "diverges and leaves" if len(names) == 1 else "diverge and leave"
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    assert surface.endswith(f"; {listed} {verb} the surface")
    assert "diverge" in _flat(figs["cost"])
    gd = next(r for r in gone if r.key == "gd")
    assert f"diverges at step {gd.trajectory.diverged_at}" in _flat(figs["contour"])
    for fig in (figs["contour"], figs["surface"]):  # every run is drawn
        assert len(fig["frames"][-1]["data"]) >= len(field.runs)


def test_a_race_without_divergence_says_nothing_of_it():
    race = run_race(DATA, RaceSpec(), DescentSpec())
    for space in ("raw", "standardized"):  # the default rates: every run stays on its surface
        field = race.field(space)
        assert all(r.trajectory.status != "diverged" for r in field.runs)
        assert "diverge" not in _flat(race_figures(field, tol=1e-6)["surface"])
