"""The sentences of "Where normalization matters", against numbers computed here."""

import dataclasses

import numpy as np
import pytest

from bnviz.core import descent, quadratic
from bnviz.lessons.common.data import correlated_features, two_features
from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.where import text
from bnviz.lessons.where.convergence import axis, convergence_map
from bnviz.lessons.where.ladder import build_ladder
from bnviz.lessons.where.settings import LadderSpec, MapSpec
from bnviz.numbers import fmt
from bnviz.settings import param_of

SMALL = MapSpec(cells=5, steps=60, tol=1e-3, lr_lo=1e-6, lr_hi=1.0, r_lo=0.1, r_hi=100.0)


def lam_max(X):
    return np.linalg.eigvalsh(2 * X.T @ X / len(X))[-1]


def row_data(spec, ratio):
    """The row's data drawn from scratch with its own b_hi (A's range is a_hi - 1)."""
    return two_features(dataclasses.replace(spec, b_hi=1.0 + ratio * (spec.a_hi - 1.0)))


def standardized(X):
    return (X - X.mean(0)) / X.std(0)


@pytest.fixture(scope="module")
def small_map():
    return convergence_map(DataSpec(), SMALL)


def test_the_raw_edge_is_two_over_lambda_max_of_the_first_and_last_rows(small_map):
    ratios = axis(SMALL.r_lo, SMALL.r_hi, SMALL.cells)
    first = 2 / lam_max(row_data(DataSpec(), ratios[0]).X)
    last = 2 / lam_max(row_data(DataSpec(), ratios[-1]).X)
    sentence = text.explain_map(small_map, 0, 0)
    assert (f"On raw features the largest stable rate 2/λmax falls from {fmt(first)} at a scale "
            f"ratio of {fmt(ratios[0])} to {fmt(last)} at {fmt(ratios[-1])} "
            f"({fmt(np.log10(first / last))} decades)") in sentence
    std = 2 / lam_max(standardized(two_features(DataSpec()).X))
    assert f"Standardized, the edge is {fmt(std)} on every row" in sentence


def test_counts_and_the_chosen_cell_match_runs_done_here(small_map):
    lrs, ratios = axis(SMALL.lr_lo, SMALL.lr_hi, SMALL.cells), axis(SMALL.r_lo, SMALL.r_hi, SMALL.cells)
    converged = {"raw": 0, "standardized": 0}
    outcomes = {}
    for r, ratio in enumerate(ratios):
        data = row_data(DataSpec(), ratio)
        sides = {"raw": (data.X, data.y),
                 "standardized": (standardized(data.X), data.y - data.y.mean())}
        for name, (X, y) in sides.items():
            cost = quadratic.from_data(X, y)
            for c, lr in enumerate(lrs):
                t = descent.run(cost, descent.GradientDescent(lr), w0=np.zeros(2),
                                steps=SMALL.steps, tol=SMALL.tol)
                converged[name] += t.status == "converged"
                outcomes[name, r, c] = t
    sentence = text.explain_map(small_map, 3, 4)
    cells = SMALL.cells ** 2
    assert (f"Within {SMALL.steps} steps, {converged['raw']} of {cells} raw cells reach the "
            f"tolerance, against {converged['standardized']} of {cells} standardized ones.") in sentence
    for name in ("raw", "standardized"):
        t = outcomes[name, 3, 4]
        if t.status == "diverged":
            assert f"diverges at step {t.diverged_at}" in sentence
        elif t.status == "converged":
            assert f"reaches the tolerance in {t.steps_to_tol} step" in sentence
        else:
            assert f"has not reached the tolerance after {SMALL.steps} steps" in sentence
    assert f"so b_hi = {fmt(1 + ratios[3] * 9)}" in sentence


def test_a_rate_that_serves_every_row_is_named():
    spec = MapSpec(cells=4, steps=2000, tol=0.1, lr_lo=1e-3, lr_hi=4e-3, r_lo=0.1, r_hi=0.2)
    cmap = convergence_map(DataSpec(), spec)
    sentence = text.explain_map(cmap, 0, 0)
    everywhere = np.all(cmap.raw.grid.status == 0, axis=0)
    assert everywhere.any()  # the premise: some column converges in every row
    lrs = axis(spec.lr_lo, spec.lr_hi, spec.cells)
    assert (f"the learning rates from {fmt(lrs[everywhere][0])} to {fmt(lrs[everywhere][-1])} "
            f"reach the tolerance on every row") in sentence
    assert "no learning rate on the grid" in text.explain_map(convergence_map(DataSpec(), SMALL), 0, 0)


def test_the_caption_notice_and_bounds_are_computed():
    cmap = convergence_map(DataSpec(), SMALL)
    assert "from weights (0, 0)" in text.map_caption(cmap) and "(a_hi − 1)" in text.map_caption(cmap)
    assert text.constant_notice(cmap) is None
    flat = convergence_map(DataSpec(a_hi=1.0), SMALL)
    assert text.constant_notice(flat).startswith("Feature A is constant (a_hi = 1)")
    assert "(b_hi − 1)/1" in text.map_caption(flat)
    # A wide A and a large ratio put b_hi past what "Valley vs bowl" accepts.
    wide = convergence_map(DataSpec(a_hi=1000.0), MapSpec(cells=4, steps=5, r_lo=10.0, r_hi=1e3))
    bound = param_of(DataSpec, "b_hi")
    last = 1 + 1e3 * 999.0
    assert last > bound.hi
    assert text.outside_sentence(wide, 3, 0) == (
        f"This cell lies outside what “Valley vs bowl” accepts (b_hi {fmt(last)} is outside "
        f"{fmt(bound.lo)} to {fmt(bound.hi)}), so it cannot be opened there.")
    assert text.outside_sentence(wide, 0, 0) is None  # b_hi = 1 + 10 * 999 is inside


@pytest.mark.parametrize("corr", [0.0, 0.5, 0.9])
@pytest.mark.parametrize("spec", [DataSpec(), DataSpec(b_hi=10.0)])
def test_the_ladder_lesson_is_numpys_spectra_and_follows_them(corr, spec):
    ladder = build_ladder(spec, LadderSpec(corr=corr, rate="optimal"))
    X = correlated_features(spec, corr).X
    scaled = X / X.std(0)
    kappa = {}
    for label, Y in (("raw", X), ("scaled only", scaled), ("standardized", standardized(X))):
        lam = np.linalg.eigvalsh(2 * Y.T @ Y / len(Y))
        kappa[label] = lam[-1] / lam[0]
    r = np.corrcoef(X.T)[0, 1]
    lesson = text.explain_ladder(ladder)
    assert f"(this sample: {r:.3f})" in lesson
    assert (f"Condition numbers: raw {fmt(kappa['raw'])}, scaled only {fmt(kappa['scaled only'])}, "
            f"standardized {fmt(kappa['standardized'])}, whitened 1;") in lesson
    assert f"κ = {fmt((1 + abs(r)) / (1 - abs(r)))} = (1+|r|)/(1−|r|)" in lesson
    assert ("removes the difference of scales" in lesson) == (kappa["scaled only"] < kappa["raw"])
    assert ("does not lower κ here" in lesson) == (kappa["scaled only"] >= kappa["raw"])
    assert ("the valley remains" in lesson) == (kappa["standardized"] > 3)
    # At the optimal rate both directions shrink by (κ - 1) / (κ + 1) per step.
    k = kappa["standardized"]
    assert f"both shrink by the same factor per step, max |1 − lr·λ| = {fmt((k - 1) / (k + 1))}." in lesson


def test_at_half_the_limit_the_small_eigenvalue_is_the_slow_direction():
    ladder = build_ladder(DataSpec(), LadderSpec(corr=0.9, rate="half"))
    X = standardized(correlated_features(DataSpec(), 0.9).X)
    lam = np.linalg.eigvalsh(2 * X.T @ X / len(X))
    slow = abs(1 - lam[0] / lam[-1]) ** 10  # the error's factor after 10 steps at 1/λmax
    lesson = text.explain_ladder(ladder)
    assert f"after 10 steps the error along the small-eigenvalue direction is {fmt(slow)}" in lesson
    assert lesson.endswith("the slow direction is the one with the small eigenvalue.")


def test_a_constant_feature_has_no_correlation_sentence():
    ladder = build_ladder(DataSpec(a_hi=1.0, b_hi=1.0), LadderSpec(corr=0.5))
    lesson = text.explain_ladder(ladder)
    assert lesson.startswith("One feature is constant")
    assert "(1+|r|)" not in lesson


def test_ladder_caption_and_table_read_the_ladder():
    ladder = build_ladder(DataSpec(), LadderSpec(corr=0.3, steps=20))
    assert text.ladder_caption(ladder).endswith("Each descends from weights (0, 0).")
    moved = dataclasses.replace(ladder, w0=np.array([1.5, -2.0]))
    assert text.ladder_caption(moved).endswith("Each descends from weights (1.5, -2).")
    rows = text.ladder_table(ladder)
    assert [row[""] for row in rows] == ["raw", "scaled only", "standardized", "whitened"]
    X = correlated_features(DataSpec(), 0.3).X
    assert rows[0]["λmax"] == fmt(np.linalg.eigvalsh(2 * X.T @ X / len(X))[-1])
    assert rows[3]["condition number κ"] == "1"


def test_an_italian_list_of_condition_numbers_keeps_each_number_whole():
    # κ and the sample's correlation carry a decimal comma in Italian: the list of κ is set
    # apart by ";" so "2,5, 1,3" cannot be read as four numbers.
    from bnviz.i18n import use

    ladder = build_ladder(DataSpec(), LadderSpec(corr=0.5, rate="optimal"))
    kappa = {rung.label: rung.conditioning.condition_number for rung in ladder.rungs}
    with use("it"):
        lesson = text.explain_ladder(ladder)
        spelled = {label: fmt(k) for label, k in kappa.items()}
        r = f"{ladder.corr_sample:.3f}".replace(".", ",")
    assert f"(in questo campione: {r})" in lesson
    kappas = lesson.split("Numeri di condizionamento: ")[1].split(". ")[0]
    parts = kappas.split("; ")
    assert [p.rsplit(" ", 1)[1] for p in parts] == [spelled[label] for label in kappa]
    # Each part reads back as its own κ (to fmt's four significant digits).
    for part, k in zip(parts, kappa.values(), strict=True):
        number = float(part.rsplit(" ", 1)[1].replace(".", "").replace(",", "."))
        assert number == pytest.approx(k, rel=1e-3)
