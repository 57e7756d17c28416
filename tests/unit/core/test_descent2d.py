"""The two-weight fast path of descent.run is the numpy rules, bit for bit."""

import math

import numpy as np
import pytest

from bnviz.core import descent
from bnviz.core.descent2d import stepper
from bnviz.core.optimizers import Adam, GradientDescent, Momentum, Nesterov, RMSProp
from bnviz.core.preprocessing import standardize
from bnviz.core.quadratic import Quadratic, from_data
from bnviz.core.theory import conditioning
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec


def _same(a, b) -> bool:
    return a is None and b is None or a is not None and b is not None and np.array_equal(
        a, b, equal_nan=True)


def _identical(a: descent.Trajectory, b: descent.Trajectory) -> None:
    assert (a.status, a.steps_to_tol, a.diverged_at) == (b.status, b.steps_to_tol, b.diverged_at)
    for name in ("weights", "cost", "excess", "gradients", "velocities"):
        assert _same(getattr(a, name), getattr(b, name)), name


def _problems(rng: np.random.Generator, count: int):
    for _ in range(count):
        spec = DataSpec(a_hi=float(10 ** rng.uniform(0, 5)), b_hi=float(10 ** rng.uniform(0, 5)),
                        n=int(rng.integers(2, 300)), seed=int(rng.integers(0, 1000)),
                        noise=float(10 ** rng.uniform(-3, 2)))
        d = two_features(spec)
        if rng.random() < 0.5:
            yield from_data(d.X, d.y)
        else:
            yield from_data(standardize(d.X).Z, d.y - d.y.mean())


def test_fast_path_equals_the_numpy_rules_bit_for_bit():
    rng = np.random.default_rng(5)
    statuses = set()
    for q in _problems(rng, 60):
        c = conditioning(q)
        unit = c.lr_optimal if math.isfinite(c.lr_optimal) else 1.0
        w0 = rng.uniform(-50, 50, 2)
        dist = max(float(np.linalg.norm(w0 - q.w_star)), 1.0)
        m, b = float(10 ** rng.uniform(-3, 0.7)), float(rng.uniform(0, 0.999))
        rules = (GradientDescent(m * unit), Momentum(m * unit, beta=b), Nesterov(m * unit, beta=b),
                 RMSProp(float(10 ** rng.uniform(-4, 0)) * dist, beta=b,
                         eps=float(10 ** rng.uniform(-12, 0))),
                 Adam(float(10 ** rng.uniform(-4, 0)) * dist, beta1=b,
                      beta2=float(rng.uniform(0, 0.9999)), eps=float(10 ** rng.uniform(-12, 0))))
        for rule in rules:
            steps, tol = int(rng.integers(1, 400)), float(10 ** rng.uniform(-12, -1))
            fast = descent.run(q, rule, w0=w0, steps=steps, tol=tol)
            _identical(fast, descent.run(q, rule, w0=w0, steps=steps, tol=tol, scalar=False))
            statuses.add(fast.status)
    assert statuses == {"converged", "stalled", "diverged"}


@pytest.mark.parametrize("rule", [RMSProp(0.1, eps=0.0), Adam(0.1, eps=0.0),
                                  Adam(0.1, beta1=1.0), RMSProp(0.1, beta=1.5)])
def test_rules_that_could_divide_by_zero_in_python_take_the_numpy_way(rule):
    assert stepper(rule) is None
    q = Quadratic(G=np.eye(2), b=np.zeros(2), w_star=np.zeros(2), f_star=0.0, n=1)
    t = descent.run(q, rule, w0=np.array([1.0, -2.0]), steps=5)
    assert t.steps <= 5


def test_a_subclass_takes_the_numpy_way():
    class Slower(GradientDescent):
        def step(self, w, grad, state):
            return w - 0.5 * self.lr * grad, state

    assert stepper(Slower(0.1)) is None
    assert stepper(GradientDescent(0.1)) is not None


def test_adam_running_powers_stay_within_rounding_of_pow():
    # beta^t as a product of t factors: at most t/2 ulps from the rounded power.
    for beta in (0.9, 0.999, 0.9999, 0.5, 0.123):
        power = 1.0
        for t in range(1, 5001):
            power *= beta
            assert power == pytest.approx(beta ** t, rel=t * 2.3e-16, abs=1e-300)


def test_excess_sums_left_to_right_for_one_point_and_for_a_stack():
    rng = np.random.default_rng(9)
    for _ in range(200):
        A = rng.normal(size=(2, 2)) * 10 ** rng.uniform(-5, 8)
        G = A @ A.T
        q = Quadratic(G=G, b=G @ np.zeros(2), w_star=rng.normal(size=2), f_star=0.0, n=1)
        W = rng.normal(size=(9, 2)) * 10 ** rng.uniform(-3, 5)
        e = W - q.w_star
        by_hand = (e[:, 0] * G[0, 0] * e[:, 0] + e[:, 0] * G[0, 1] * e[:, 1]
                   + e[:, 1] * G[1, 0] * e[:, 0] + e[:, 1] * G[1, 1] * e[:, 1])
        assert np.array_equal(q.excess(W), by_hand)
        assert all(float(q.excess(W[k])) == by_hand[k] for k in range(len(W)))
