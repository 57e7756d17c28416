"""The update rules of bnviz.optimizers against hand-computed steps and theory."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bnviz.core import descent, quadratic, theory
from bnviz.core.optimizers import Adam, GradientDescent, Momentum, Nesterov, RMSProp
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec

# f(w) = 0.5 (w1 - 1)^2 + 2 (w2 + 1)^2, so grad f = (w1 - 1, 4 (w2 + 1)); from w0 = 0 the
# first gradient is (-1, 4).
TINY = quadratic.Quadratic(G=np.diag([0.5, 2.0]), b=np.array([0.5, -2.0]),
                           w_star=np.array([1.0, -1.0]), f_star=0.0, n=1)
W0 = np.zeros(2)


def grad(w1, w2):
    return w1 - 1.0, 4.0 * (w2 + 1.0)


def two_steps(opt):
    w, state = W0, opt.init(W0)
    out = []
    for _ in range(2):
        w, state = opt.step(w, TINY.gradient(w), state)
        out.append(w)
    return out, state


def test_tiny_quadratic_gradient_is_what_the_hand_computation_assumes():
    np.testing.assert_allclose(TINY.gradient(W0), [-1.0, 4.0])
    np.testing.assert_allclose(TINY.gradient(np.array([0.1, -0.4])), grad(0.1, -0.4))


def test_momentum_first_two_steps_by_hand():
    # v1 = -0.1 * (-1, 4) = (0.1, -0.4);  w1 = (0.1, -0.4);  g1 = (-0.9, 2.4)
    # v2 = 0.5 v1 - 0.1 g1 = (0.05 + 0.09, -0.2 - 0.24) = (0.14, -0.44);  w2 = (0.24, -0.84)
    (w1, w2), state = two_steps(Momentum(0.1, beta=0.5))
    np.testing.assert_allclose(w1, [0.1, -0.4], rtol=1e-14)
    np.testing.assert_allclose(w2, [0.24, -0.84], rtol=1e-14)
    np.testing.assert_allclose(state.v, [0.14, -0.44], rtol=1e-14)


def test_nesterov_first_two_steps_by_hand():
    # v1 = (0.1, -0.4);  w1 = 0 + 0.5 v1 - 0.1 g0 = (0.05 + 0.1, -0.2 - 0.4) = (0.15, -0.6)
    # g1 = (-0.85, 1.6);  v2 = 0.5 v1 - 0.1 g1 = (0.135, -0.36)
    # w2 = w1 + 0.5 v2 - 0.1 g1 = (0.15 + 0.0675 + 0.085, -0.6 - 0.18 - 0.16) = (0.3025, -0.94)
    (w1, w2), state = two_steps(Nesterov(0.1, beta=0.5))
    np.testing.assert_allclose(w1, [0.15, -0.6], rtol=1e-14)
    np.testing.assert_allclose(w2, [0.3025, -0.94], rtol=1e-14)
    np.testing.assert_allclose(state.v, [0.135, -0.36], rtol=1e-14)


def test_nesterov_iterates_are_the_look_ahead_points_of_the_classic_form():
    # Classic: v' = beta v - lr grad(w + beta v), w' = w + v'. Our iterate is w + beta v.
    lr, beta = 0.07, 0.8
    opt = Nesterov(lr, beta=beta)
    y, state = W0, opt.init(W0)
    w, v = W0.copy(), np.zeros(2)
    for _ in range(25):
        v = beta * v - lr * TINY.gradient(w + beta * v)
        w = w + v
        y, state = opt.step(y, TINY.gradient(y), state)
        np.testing.assert_allclose(y, w + beta * v, rtol=1e-12, atol=1e-15)


def test_rmsprop_first_two_steps_by_hand():
    lr, beta = 0.1, 0.5
    g0 = (-1.0, 4.0)
    s1 = [(1 - beta) * g * g for g in g0]                        # (0.5, 8)
    w1 = [0.0 - lr * g / math.sqrt(s) for g, s in zip(g0, s1, strict=True)]
    g1 = grad(*w1)
    s2 = [beta * s + (1 - beta) * g * g for s, g in zip(s1, g1, strict=True)]
    w2 = [w - lr * g / math.sqrt(s) for w, g, s in zip(w1, g1, s2, strict=True)]
    (a, b), state = two_steps(RMSProp(lr, beta=beta, eps=0.0))
    np.testing.assert_allclose(a, [lr * math.sqrt(2), -lr * math.sqrt(2)], rtol=1e-14)
    np.testing.assert_allclose(a, w1, rtol=1e-14)
    np.testing.assert_allclose(b, w2, rtol=1e-14)
    np.testing.assert_allclose(state.s, s2, rtol=1e-14)


def test_adam_first_two_steps_by_hand():
    lr, b1, b2 = 0.1, 0.5, 0.75
    # Step 1: m = 0.5 g0, s = 0.25 g0^2; corrected m_hat = g0, s_hat = g0^2: a step of lr * sign.
    # Step 2 at w1 = (0.1, -0.1): g1 = (-0.9, 3.6);
    # m = 0.25 g0 + 0.5 g1 = (-0.7, 2.8), m_hat = m / 0.75;
    # s = 0.1875 g0^2 + 0.25 g1^2 = (0.39, 6.24), s_hat = s / 0.4375.
    m_hat = np.array([-0.7, 2.8]) / 0.75
    s_hat = np.array([0.39, 6.24]) / 0.4375
    w2 = np.array([0.1, -0.1]) - lr * m_hat / np.sqrt(s_hat)
    (a, b), state = two_steps(Adam(lr, beta1=b1, beta2=b2, eps=0.0))
    np.testing.assert_allclose(a, [0.1, -0.1], rtol=1e-14)
    np.testing.assert_allclose(b, w2, rtol=1e-13)
    np.testing.assert_allclose(b, [0.1988538, -0.1988538], rtol=1e-6)
    assert state.t == 2


@settings(max_examples=60, deadline=None)
@given(st.floats(1e-6, 1e6), st.floats(-1e6, 1e6).filter(lambda x: abs(x) > 1e-6),
       st.floats(0.0, 0.99), st.floats(0.5, 0.9999), st.floats(1e-4, 1.0))
def test_adam_bias_correction_makes_every_step_lr_on_a_constant_gradient(g1, g2, b1, b2, lr):
    # With a constant gradient g, the corrected moments are exactly g and g^2 at every t, so
    # each step is lr * sign(g). Without the correction the first would be
    # lr (1 - b1) / sqrt(1 - b2) long.
    opt = Adam(lr, beta1=b1, beta2=b2, eps=0.0)
    g = np.array([g1, g2])
    w, state = np.zeros(2), opt.init(np.zeros(2))
    for _ in range(30):
        w_new, state = opt.step(w, g, state)
        np.testing.assert_allclose(w_new - w, -lr * np.sign(g), rtol=1e-9)
        w = w_new
    uncorrected = lr * (1 - b1) / math.sqrt(1 - b2)
    if abs(uncorrected - lr) > 1e-6 * lr:
        assert not np.allclose(np.abs(opt.step(np.zeros(2), g, opt.init(np.zeros(2)))[0]),
                               uncorrected, rtol=1e-9)


def test_adam_velocity_is_its_last_step_and_rmsprop_has_none():
    opt = Adam(0.05)
    w, state = W0, opt.init(W0)
    np.testing.assert_array_equal(opt.velocity(state), [0.0, 0.0])
    for _ in range(5):
        w_new, state = opt.step(w, TINY.gradient(w), state)
        np.testing.assert_allclose(opt.velocity(state), w_new - w, rtol=1e-12)
        w = w_new
    rms = RMSProp(0.1)
    assert rms.velocity(rms.init(W0)) is None


def test_states_are_not_changed_in_place():
    for opt in (Momentum(0.1), Nesterov(0.1), RMSProp(0.1), Adam(0.1)):
        state = opt.init(W0)
        before = [np.copy(v) for v in vars(state).values() if isinstance(v, np.ndarray)]
        opt.step(W0, TINY.gradient(W0), state)
        after = [v for v in vars(state).values() if isinstance(v, np.ndarray)]
        for x, y in zip(before, after, strict=True):
            np.testing.assert_array_equal(x, y)


WELL = quadratic.Quadratic(G=np.array([[1.0, 0.2], [0.2, 1.4]]), b=np.zeros(2),
                           w_star=np.array([2.0, -3.0]), f_star=0.5, n=1)


@pytest.mark.parametrize("opt", [GradientDescent(0.4), Momentum(0.3, beta=0.5),
                                 Nesterov(0.3, beta=0.5), RMSProp(0.02, beta=0.99),
                                 Adam(0.1)], ids=lambda o: type(o).__name__)
def test_each_converges_on_a_well_conditioned_quadratic(opt):
    assert theory.conditioning(WELL).condition_number < 2
    t = descent.run(WELL, opt, w0=np.zeros(2), steps=3000, tol=1e-8)
    assert t.status == "converged"
    best = np.argmin(t.excess)
    np.testing.assert_allclose(t.weights[best], WELL.w_star, atol=1e-3)


def test_momentum_beats_plain_descent_at_the_same_rate_on_the_raw_seed_data():
    d = two_features(DataSpec())
    q = quadratic.from_data(d.X, d.y)
    cond = theory.conditioning(q)
    assert cond.condition_number > 900  # the valley
    lr = cond.lr_optimal
    gd = descent.run(q, GradientDescent(lr), w0=np.zeros(2), steps=500, tol=1e-6)
    mom = descent.run(q, Momentum(lr, beta=0.9), w0=np.zeros(2), steps=500, tol=1e-6)
    assert gd.status == "stalled" and mom.status == "converged"
    assert mom.excess[-1] < 1e-6 * gd.excess[-1]
    # Theory: descent's slow direction shrinks by (1 - lr lambda_min) per step, so its excess
    # after 500 steps is at least that factor^1000 times its start along that direction.
    v = cond.eigenvectors[:, 0]
    floor = (cond.lam_min / 2) * (v @ (np.zeros(2) - q.w_star)) ** 2 \
        * (1 - lr * cond.lam_min) ** 1000
    assert gd.excess[-1] >= floor * (1 - 1e-9)
