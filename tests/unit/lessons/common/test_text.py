"""How a run's end is worded, and the data's one-line description."""

import dataclasses

import numpy as np
import pytest

from bnviz.core import descent, quadratic
from bnviz.i18n import use
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.common.text import data_phrase, listed, outcome, outcome_clause, steps_phrase
from bnviz.numbers import fmt

DATA = two_features(DataSpec(n=50, seed=3))
COST = quadratic.from_data(DATA.X, DATA.y)


def lam_max(X):
    """Largest eigenvalue of the Hessian 2 X^T X / n, straight from numpy."""
    return np.linalg.eigvalsh(2 * X.T @ X / len(X))[-1]


def mse(weights):
    """Mean squared error of each row of ``weights`` (k, 2) on the data."""
    return np.mean((DATA.X @ np.atleast_2d(weights).T - DATA.y[:, None]) ** 2, axis=0)


F_STAR = float(mse(np.linalg.lstsq(DATA.X, DATA.y, rcond=None)[0])[0])


def run(lr, steps=400, tol=1e-6):
    return descent.run(COST, descent.GradientDescent(lr), w0=np.zeros(2), steps=steps, tol=tol)


def test_a_converged_run_says_the_first_step_within_the_tolerance():
    t = run(1.0 / lam_max(DATA.X), steps=5000, tol=1e-5)
    # Independent: the relative excess cost of every step, from the data's squared errors.
    costs = mse(t.weights)
    relative = (costs - F_STAR) / (costs[0] - F_STAR)
    first = int(np.flatnonzero(relative <= 1e-5)[0])
    assert first > 1
    assert outcome(t) == f"tolerance at step {first}"
    assert outcome_clause(t) == f"reached the tolerance in {first:,} steps"


def test_a_diverged_run_says_where_it_blew_up():
    t = run(2.5 / lam_max(DATA.X))
    # Independent: the first step whose excess passed a million times the start's.
    excess = mse(t.weights) - F_STAR
    first = int(np.flatnonzero(excess > 1e6 * excess[0])[0])
    assert outcome(t) == outcome_clause(t) == f"diverged at step {first}"


@pytest.mark.parametrize("steps", [1, 7])
def test_a_stalled_run_says_its_budget(steps):
    t = run(1e-9, steps=steps)
    assert t.status == "stalled"
    noun = "step" if steps == 1 else "steps"
    assert outcome(t) == f"not within {steps} {noun}"
    assert outcome_clause(t) == f"had not reached the tolerance after {steps} {noun}"


def test_one_step_is_singular():
    t = run(1.0 / lam_max(DATA.X), steps=30, tol=1e-2)
    one = dataclasses.replace(t, status="converged", steps_to_tol=1)
    assert outcome_clause(one) == "reached the tolerance in 1 step"


@pytest.mark.parametrize("n", [1, 2, 12345])
def test_steps_agree_with_their_count_in_both_languages(n):
    assert steps_phrase(n) == f"{n:,} {'step' if n == 1 else 'steps'}"
    with use("it"):
        assert steps_phrase(n) == f"{n:,}".replace(",", ".") + (" passo" if n == 1 else " passi")


def test_a_list_of_numbers_keeps_each_number_whole():
    rates = [0.012, 0.034, 12.5]
    assert listed([fmt(r) for r in rates]) == "0.012, 0.034 and 12.5"
    with use("it"):
        # "0,012, 0,034 e 12,5" could be read as five numbers: ";" sets them apart.
        assert listed([fmt(r) for r in rates]) == "0,012; 0,034 e 12,5"
        assert listed(["uno"]) == "uno" and listed([]) == ""


@pytest.mark.parametrize("spec", [DataSpec(), DataSpec(a_hi=3.0, b_hi=5e4, w1_true=-1.5,
                                                       w2_true=-2.0, noise=7.0, n=20, seed=9)])
def test_data_phrase_spells_the_spec_it_is_given(spec):
    phrase = data_phrase(spec)
    sign = "−" if spec.w2_true < 0 else "+"
    assert phrase == (f"A ~ U(1, {fmt(spec.a_hi)}), B ~ U(1, {fmt(spec.b_hi)}), n = {spec.n:,}, "
                      f"y = {fmt(spec.w1_true)}A {sign} {fmt(abs(spec.w2_true))}B + "
                      f"{fmt(spec.noise)}·N(0, 1), seed {spec.seed}")
    # and the data it names is the data drawn: A and B stay within their stated ranges
    X = two_features(spec).X
    assert X[:, 0].max() <= spec.a_hi and X[:, 1].max() <= spec.b_hi and X.min() >= 1


def test_an_italian_data_phrase_sets_a_range_apart_from_its_decimal_comma():
    spec = DataSpec(a_hi=12.5, b_hi=200.0)
    with use("it"):
        phrase = data_phrase(spec)
        a_hi = fmt(spec.a_hi)
    assert a_hi == "12,5"
    assert phrase.startswith(f"A ~ U(1; {a_hi}), B ~ U(1; 200), n = ")
    assert "·N(0; 1), seme " in phrase
