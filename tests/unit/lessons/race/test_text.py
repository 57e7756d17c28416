"""The race's verdict, units and table, against numbers computed here."""

import dataclasses

import numpy as np
import pytest

from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.race.runs import run_race
from bnviz.lessons.race.settings import RaceSpec
from bnviz.lessons.race.text import hyper_phrase, results_table, units_sentence, verdict
from bnviz.numbers import fmt

DATA = two_features(DataSpec())


@pytest.fixture(scope="module")
def race():
    return run_race(DATA, RaceSpec(), DescentSpec())


def with_steps(field, steps):
    """``field`` with its runs converged at the given steps (None: stalled), by key."""
    runs = []
    for run in field.runs:
        t = run.trajectory
        n = steps.get(run.key)
        t = (dataclasses.replace(t, status="converged", steps_to_tol=n, diverged_at=None)
             if n is not None else dataclasses.replace(t, status="stalled", steps_to_tol=None,
                                                       diverged_at=None))
        runs.append(dataclasses.replace(run, trajectory=t))
    return dataclasses.replace(field, runs=tuple(runs))


def test_the_winner_and_the_rest_come_in_order_of_steps(race):
    raw = with_steps(race.raw, {"mom": 40, "adam": 25, "nag": 90})
    text = verdict(dataclasses.replace(race, raw=raw))
    assert text.startswith("On raw features Adam reached the tolerance first, in 25 steps, ahead "
                           "of Momentum (40) and Nesterov (90).")
    left = race.raw.run_of("gd").trajectory
    share = 100 * left.excess[-1] / left.excess[0]
    assert f"Plain descent still had {fmt(share)}% of its starting excess cost left after 300 steps." in text


def test_a_tie_is_not_called_a_win(race):
    raw = with_steps(race.raw, {"mom": 40, "nag": 40, "adam": 60})
    text = verdict(dataclasses.replace(race, raw=raw))
    assert text.startswith("On raw features Momentum and Nesterov tied for first, each reaching "
                           "the tolerance in 40 steps, ahead of Adam (60).")
    assert "reached the tolerance first" not in text


def test_the_budget_is_the_races_own():
    short = run_race(DATA, RaceSpec(), DescentSpec(steps=20))
    assert "no optimizer reached the tolerance within 20 steps" in verdict(short)
    lowest = min(short.raw.runs, key=lambda run: run.trajectory.excess[-1])
    if lowest.key != "gd":
        cost = fmt(lowest.trajectory.final_cost)
        assert f"{lowest.name} ended lowest, at a cost of {cost}" in verdict(short)


def test_when_every_optimizer_diverges_none_is_said_to_end_lowest():
    spec = RaceSpec(gd_lr=4.0, mom_lr=4.0, nag_lr=4.0, rms="off", adam="off")
    race = run_race(DATA, spec, DescentSpec())
    assert all(run.trajectory.status == "diverged" for run in race.raw.runs)
    text = verdict(race)
    assert "Every one of them diverged." in text and "ended lowest" not in text
    assert f"Plain descent diverged at step {race.raw.run_of('gd').trajectory.diverged_at}." in text


def test_on_standardized_features_only_strictly_faster_rules_beat_plain_descent(race):
    std = with_steps(race.std, {"gd": 30, "mom": 30, "nag": 12, "rms": 29, "adam": 31})
    text = verdict(dataclasses.replace(race, std=std))
    assert text.endswith("On standardized features plain descent needed 30 steps; "
                         "Nesterov (12) and RMSProp (29) beat it.")
    none = with_steps(race.std, {"gd": 5, "mom": 30})
    assert verdict(dataclasses.replace(race, std=none)).endswith(
        "plain descent needed 5 steps, and none of the other optimizers beat it.")


def test_units_are_the_surfaces_optimal_rate_distance_and_curvature(race):
    sentence = units_sentence(race)
    Z = (DATA.X - DATA.X.mean(0)) / DATA.X.std(0)
    raw = np.linalg.eigvalsh(2 * DATA.X.T @ DATA.X / 100)
    std = np.linalg.eigvalsh(2 * Z.T @ Z / 100)
    assert (f"is {fmt(2 / (raw[0] + raw[-1]))} on raw features and "
            f"{fmt(2 / (std[0] + std[-1]))} on standardized") in sentence
    steeper = "raw" if raw[-1] > std[-1] else "standardized"
    ratio = max(raw[-1], std[-1]) / min(raw[-1], std[-1])
    assert f"the {steeper} surface's steepest curvature λmax is {fmt(ratio)} times the other's" in sentence
    w_raw = np.linalg.lstsq(DATA.X, DATA.y, rcond=None)[0]
    assert f"the start is {fmt(np.hypot(*w_raw))} from the minimum on raw features" in sentence


def test_units_say_when_a_unit_is_a_stand_in():
    flat = run_race(two_features(DataSpec(a_hi=1.0, b_hi=1.0)), RaceSpec(), DescentSpec())
    sentence = units_sentence(flat)
    assert ("undefined on standardized features (the cost is flat there), so their sliders count "
            "in units of 1") in sentence
    race = run_race(DATA, RaceSpec(), DescentSpec())
    at_minimum = dataclasses.replace(race.raw, w0=race.raw.quadratic.w_star.copy())
    sentence = units_sentence(dataclasses.replace(race, raw=at_minimum))
    assert "the start is at the minimum on raw features, so their sliders count in units of" in sentence


def test_the_table_shows_each_runs_absolute_rate_and_hyper_parameters(race):
    rows = {row["optimizer"]: row for row in results_table(race)}
    for raw, std in zip(race.raw.runs, race.std.runs, strict=True):
        assert rows[raw.name]["raw: lr"] == fmt(raw.optimizer.lr)
        assert rows[raw.name]["standardized: final cost"] == fmt(std.trajectory.cost[-1])
    assert rows["Adam"]["hyper-parameters"] == (f"β1 = {fmt(race.spec.adam_beta1)}, β2 = "
                                                f"{fmt(race.spec.adam_beta2)}, ε = {fmt(race.spec.adam_eps)}")
    assert hyper_phrase(race.raw.run_of("gd")) == "—"
