"""The sentences and the table of "Valley vs bowl", against numpy's own numbers."""

import dataclasses

import numpy as np
import pytest

from bnviz.core.data import Regression
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.valley.experiment import compare
from bnviz.lessons.valley.text import (
    explain_valley,
    intercept_sentence,
    numbers_table,
    speed_sentence,
)
from bnviz.numbers import fmt


def hessian_eigenvalues(X):
    return np.linalg.eigvalsh(2 * X.T @ X / len(X))


def standardized(X):
    sd = X.std(axis=0)
    return (X - X.mean(axis=0)) / np.where(sd > 0, sd, 1.0)


def least_squares_cost(X, y):
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    return float(np.mean((X @ w - y) ** 2))


@pytest.mark.parametrize("spec", [DataSpec(), DataSpec(a_hi=500.0, b_hi=20.0, seed=5, n=60)])
def test_spread_and_condition_numbers_are_the_datas(spec):
    data = two_features(spec)
    text = explain_valley(compare(data, DescentSpec()))
    sd = dict(zip("AB", data.X.std(axis=0), strict=True))
    wide, narrow = ("B", "A") if sd["B"] > sd["A"] else ("A", "B")
    assert text.startswith(f"Feature {wide} spreads {fmt(sd[wide] / sd[narrow])}× as widely as "
                           f"{narrow} (standard deviations {fmt(sd[wide])} and {fmt(sd[narrow])})")
    raw, std = hessian_eigenvalues(data.X), hessian_eigenvalues(standardized(data.X))
    assert f"The raw cost is {fmt(raw[-1] / raw[0])} times more curved" in text
    assert f"standardized, the ratio is {fmt(std[-1] / std[0])}." in text


def test_a_constant_feature_is_named():
    one = explain_valley(compare(two_features(DataSpec(a_hi=1.0)), DescentSpec()))
    assert one.startswith("Feature A is constant, so standardizing sets it to zero.")
    other = explain_valley(compare(two_features(DataSpec(b_hi=1.0)), DescentSpec()))
    assert other.startswith("Feature B is constant")
    both = explain_valley(compare(two_features(DataSpec(a_hi=1.0, b_hi=1.0)), DescentSpec()))
    assert both.startswith("Both features are constant")


def test_the_runs_are_told_with_their_rates_and_bounds():
    data = two_features(DataSpec())
    comparison = compare(data, DescentSpec(rate_raw="optimal"))  # both sides at their optimum
    text = explain_valley(comparison)
    raw, std = hessian_eigenvalues(data.X), hessian_eigenvalues(standardized(data.X))
    # The optimal rates 2/(λmin+λmax), computed from numpy's eigenvalues.
    assert f"At a learning rate of {fmt(2 / (raw[0] + raw[-1]))}, descent on raw" in text
    assert f"on standardized features, at {fmt(2 / (std[0] + std[-1]))}, it " in text
    steps = comparison.std.trajectory.steps_to_tol
    assert f"it reached the tolerance in {steps} steps" in text
    assert "overshoots" not in text  # nothing diverged


@pytest.mark.parametrize("side", ["raw", "std"])
def test_a_rate_past_the_edge_is_said_to_overshoot(side):
    data = two_features(DataSpec())
    X = data.X if side == "raw" else standardized(data.X)
    edge = 2 / hessian_eigenvalues(X)[-1]
    custom = (DescentSpec(rate_raw="custom", lr_raw=1.5 * edge) if side == "raw"
              else DescentSpec(rate_std="custom", lr_std=1.5 * edge))
    comparison = compare(data, custom)
    text = explain_valley(comparison)
    label = "raw" if side == "raw" else "standardized"
    assert (f"The {label} rate {fmt(1.5 * edge)} is above the stability limit 2/λmax = "
            f"{fmt(edge)}") in text
    assert text.count("overshoots") == 1
    at = getattr(comparison, side).trajectory.diverged_at
    assert f"diverged at step {at}" in text


def test_the_intercept_sentence_reads_the_two_minima():
    data = two_features(DataSpec())
    raw_min = least_squares_cost(data.X, data.y)
    std_min = least_squares_cost(standardized(data.X), data.y - data.y.mean())
    text = intercept_sentence(compare(data, DescentSpec()))
    assert f"the raw cost bottoms out at {fmt(raw_min)} and the standardized one at {fmt(std_min)}" in text
    assert f"lowers the minimum by {fmt(100 * (raw_min - std_min) / raw_min)}%" in text
    # A target with a large offset needs the intercept far more: the sentence follows.
    shifted = Regression(X=data.X, y=data.y + 500.0)
    far = intercept_sentence(compare(shifted, DescentSpec()))
    gap = 100 * (1 - std_min / least_squares_cost(data.X, shifted.y))
    assert f"lowers the minimum by {fmt(gap)}%" in far and gap > 50


def test_a_line_through_the_origin_bottoms_out_at_the_same_height():
    # Centred features and target: the best line needs no intercept.
    X = standardized(two_features(DataSpec(n=40)).X)
    y = X @ np.array([2.0, -1.0]) + 0.01 * np.random.default_rng(1).standard_normal(40)
    y = y - y.mean()
    text = intercept_sentence(compare(Regression(X=X, y=y), DescentSpec()))
    assert "the same height" in text and "lowers" not in text


def test_the_speed_sentence_names_the_rate_it_ran_at():
    data = two_features(DataSpec())
    optimal = compare(data, DescentSpec(rate_raw="optimal"))
    text = speed_sentence(optimal)
    assert text.count("at its optimal rate") == 2
    assert text.endswith(f"it reached the tolerance in {optimal.std.trajectory.steps_to_tol} steps.")
    custom = compare(data, DescentSpec(rate_std="custom", lr_std=0.01))
    assert "on standardized features, at a rate of 0.01, it" in speed_sentence(custom)


def test_the_table_is_numpys_spectrum_and_the_runs_outcome():
    data = two_features(DataSpec(seed=8))
    comparison = compare(data, DescentSpec(steps=40))
    rows = {row[""]: row for row in numbers_table(comparison)}
    raw = hessian_eigenvalues(data.X)
    assert rows["Hessian eigenvalues λ"]["raw"] == ", ".join(fmt(v) for v in raw)
    assert rows["largest stable rate 2/λmax"]["raw"] == fmt(2 / raw[-1])
    assert rows["minimum cost"]["raw"] == fmt(least_squares_cost(data.X, data.y))
    assert rows["status"]["raw"] == "not within 40 steps"
    assert rows["steps taken to tolerance"]["raw"] == "—"
    std = comparison.std.trajectory
    assert rows["steps taken to tolerance"]["standardized"] == str(std.steps_to_tol)
    assert {len(row) for row in rows.values()} == {3}


def test_an_unbounded_prediction_is_said_in_words():
    data = two_features(DataSpec())
    comparison = compare(data, DescentSpec(rate_raw="custom", lr_raw=1.0))
    flat = dataclasses.replace(comparison.raw, predicted_steps=float("inf"))
    rows = {row[""]: row for row in numbers_table(dataclasses.replace(comparison, raw=flat))}
    assert rows["steps predicted (bound)"]["raw"] == "never (the rate does not contract)"
