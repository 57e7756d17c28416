"""The headlines of the race's charts: computed from the side shown, they change with the
runs, and the steps they state are the runs' own."""

import dataclasses

import pytest

from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.race.figures import race_figures
from bnviz.lessons.race.runs import run_race
from bnviz.lessons.race.settings import RaceSpec
from bnviz.lessons.race.text import cost_headline, map_headline, surface_headline
from bnviz.numbers import fmt

DATA = two_features(DataSpec())


@pytest.fixture(scope="module")
def race():
    return run_race(DATA, RaceSpec(), DescentSpec())


def with_steps(field, steps):
    """``field`` with its runs converged at the given steps (None: stalled), by key."""
    runs = []
    for run in field.runs:
        n = steps.get(run.key)
        t = dataclasses.replace(run.trajectory, status="converged" if n else "stalled",
                                steps_to_tol=n, diverged_at=None)
        runs.append(dataclasses.replace(run, trajectory=t))
    return dataclasses.replace(field, runs=tuple(runs))


def test_the_map_headline_is_the_fastest_run_with_its_steps(race):
    converged = [r for r in race.raw.runs if r.trajectory.status == "converged"]
    first = min(converged, key=lambda r: r.trajectory.steps_to_tol)
    headline = map_headline(race.raw, race.budget)
    assert headline.startswith(f"Raw: {first.name} reaches the tolerance first, in "
                               f"{first.trajectory.steps_to_tol} steps")
    figs = race_figures(race.raw, tol=1e-6, budget=race.budget)
    assert figs["contour"]["layout"]["title"]["text"].replace("<br>", " ") == headline


def test_the_map_headline_follows_the_runs(race):
    raw = with_steps(race.raw, {"adam": 25, "mom": 40, "gd": 90})
    assert map_headline(raw, 300) == ("Raw: Adam reaches the tolerance first, in 25 steps; "
                                      "plain descent needs 90 steps")
    tie = with_steps(race.raw, {"adam": 25, "nag": 25})
    assert map_headline(tie, 300) == ("Raw: Nesterov and Adam tie for first, in 25 steps; "
                                      "plain descent does not")
    assert map_headline(with_steps(race.raw, {}), 300) == (
        "Raw: no optimizer reaches the tolerance in 300 steps")
    assert map_headline(with_steps(race.std, {"gd": 4}), 300) == (
        "Standardized: GD reaches the tolerance first, in 4 steps")


def test_the_surface_headline_is_the_condition_number(race):
    for field in (race.raw, race.std):
        kappa = field.conditioning.eigenvalues.max() / field.conditioning.eigenvalues.min()
        headline = surface_headline(field)
        if kappa < 1.5:
            assert "round bowl" in headline
        else:
            assert f"a valley {fmt(kappa)} times as curved across as along" in headline
    assert surface_headline(race.raw) != surface_headline(race.std)


def test_the_cost_headline_counts_the_runs_that_got_there(race):
    field = with_steps(race.raw, {"adam": 25, "mom": 40})
    assert cost_headline(field, 300) == "Raw: 2 of 5 reach the tolerance within 300 steps"
    run = field.runs[0]
    blown = dataclasses.replace(run, trajectory=dataclasses.replace(
        run.trajectory, status="diverged", diverged_at=7, steps_to_tol=None))
    field = dataclasses.replace(field, runs=(blown, *field.runs[1:]))
    assert cost_headline(field, 300) == ("Raw: 2 of 5 reach the tolerance within 300 steps, "
                                         "1 diverges")
