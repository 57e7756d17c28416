"""Figures of "Optimizer race": each optimizer's colour, paths thinned, outcome marks."""

import pytest

from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.race.figures import COLORS, MAX_POINTS, race_figures
from bnviz.lessons.race.runs import run_race
from bnviz.lessons.race.settings import RaceSpec


@pytest.fixture(scope="module")
def field():
    return run_race(two_features(DataSpec()), RaceSpec(), DescentSpec()).raw


def test_every_optimizer_has_a_colour_of_its_own(field):
    figs = race_figures(field, tol=1e-6)
    trails = figs["contour"]["data"][1:2 * len(field.runs):2]
    assert [t["line"]["color"] for t in trails] == [COLORS[r.key] for r in field.runs]
    assert len(set(COLORS.values())) == len(COLORS)


def test_paths_are_thinned_and_cost_marks_say_how_each_run_ended(field):
    figs = race_figures(field, tol=1e-6)
    last = figs["contour"]["frames"][-1]
    assert all(len(t["x"]) <= MAX_POINTS for t in last["data"][:2 * len(field.runs):2])
    marks = {a["text"]: a["x"] for a in figs["cost"]["layout"]["annotations"]}
    for r in field.runs:
        t = r.trajectory
        if t.status == "diverged":
            assert marks[f"{r.name} ✗"] == t.diverged_at
        elif t.steps_to_tol is not None:
            assert marks[f"{r.name} ✓"] == t.steps_to_tol
        else:
            assert not any(k.startswith(r.name + " ") for k in marks)
