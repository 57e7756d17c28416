"""Descent on a two-weight quadratic in Python floats: the fast path of :func:`descent.run`.

A step on two weights is about twenty floating-point operations; done with numpy on arrays
of two, each costs a ufunc call of about a microsecond, so a run of 300 steps took a few
milliseconds and the optimizer race (ten runs) tens of them. Here each rule of
:mod:`bnviz.core.optimizers` is written out on scalars, with the same IEEE operations in the
same order as its numpy form, so a run is the same bit for bit, five to ten times faster.
The browser's copy (``bnviz/ui/js/race_numerics.js``) is this module line for line.

With ``e = w - w*`` and ``g = grad f(w)``, one step computes, in this order::

    g_j = 2 (e_0 G_0j + e_1 G_1j)                      (Quadratic.gradient)
    w   <- rule(w, g, state)                            (optimizers.py, per coordinate)
    f - f* = e_0 G_00 e_0 + e_0 G_01 e_1 + e_1 G_10 e_0 + e_1 G_11 e_1
                                                        (Quadratic.excess, left to right)

and stops at the first step whose excess is not ``<= limit``, as :func:`descent.run` does.

Only rules whose arithmetic cannot raise in Python are taken (Python raises on a division by
zero or the square root of a negative, where numpy returns inf or NaN): a positive ``eps``,
RMSProp's beta in [0, 1] and Adam's in [0, 1). Overflow is no concern: a float product or
sum that overflows is inf in Python as in numpy. Any other rule, a subclass, or another
dimension goes the numpy way.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from bnviz.core.optimizers import Adam, GradientDescent, Momentum, Nesterov, RMSProp
from bnviz.core.quadratic import Quadratic

# One step of a rule on scalars: (w0, w1, g0, g1) -> (w0', w1', v0', v1'), with the rule's
# state kept in the closure; v is the velocity the state carries after the step (0 if none).
Step = Callable[[float, float, float, float], tuple[float, float, float, float]]


def _gd(lr: float) -> Step:
    def step(w0: float, w1: float, g0: float, g1: float) -> tuple[float, float, float, float]:
        return w0 - lr * g0, w1 - lr * g1, 0.0, 0.0
    return step


def _momentum(lr: float, beta: float) -> Step:
    v0 = v1 = 0.0

    def step(w0: float, w1: float, g0: float, g1: float) -> tuple[float, float, float, float]:
        nonlocal v0, v1
        v0 = beta * v0 - lr * g0
        v1 = beta * v1 - lr * g1
        return w0 + v0, w1 + v1, v0, v1
    return step


def _nesterov(lr: float, beta: float) -> Step:
    v0 = v1 = 0.0

    def step(w0: float, w1: float, g0: float, g1: float) -> tuple[float, float, float, float]:
        nonlocal v0, v1
        v0 = beta * v0 - lr * g0
        v1 = beta * v1 - lr * g1
        return w0 + beta * v0 - lr * g0, w1 + beta * v1 - lr * g1, v0, v1
    return step


def _rmsprop(lr: float, beta: float, eps: float) -> Step:
    s0 = s1 = 0.0
    keep = 1.0 - beta

    def step(w0: float, w1: float, g0: float, g1: float) -> tuple[float, float, float, float]:
        nonlocal s0, s1
        s0 = beta * s0 + keep * g0 * g0
        s1 = beta * s1 + keep * g1 * g1
        return (w0 - lr * g0 / (math.sqrt(s0) + eps), w1 - lr * g1 / (math.sqrt(s1) + eps),
                0.0, 0.0)
    return step


def _adam(lr: float, beta1: float, beta2: float, eps: float) -> Step:
    m0 = m1 = s0 = s1 = 0.0
    power1 = power2 = 1.0
    keep1, keep2, neg_lr = 1.0 - beta1, 1.0 - beta2, -lr

    def step(w0: float, w1: float, g0: float, g1: float) -> tuple[float, float, float, float]:
        nonlocal m0, m1, s0, s1, power1, power2
        power1 *= beta1
        power2 *= beta2
        m0 = beta1 * m0 + keep1 * g0
        m1 = beta1 * m1 + keep1 * g1
        s0 = beta2 * s0 + keep2 * g0 * g0
        s1 = beta2 * s1 + keep2 * g1 * g1
        c1, c2 = 1.0 - power1, 1.0 - power2
        move0 = neg_lr * (m0 / c1) / (math.sqrt(s0 / c2) + eps)
        move1 = neg_lr * (m1 / c1) / (math.sqrt(s1 / c2) + eps)
        return w0 + move0, w1 + move1, move0, move1
    return step


def _unit(beta: float) -> bool:
    return 0.0 <= beta < 1.0


def stepper(optimizer: object) -> tuple[Step, bool] | None:
    """The scalar step of ``optimizer`` and whether it carries a velocity, or None when the
    rule (an unknown class, or hyper-parameters that could divide by zero) must go the numpy
    way. Classes are matched exactly: a subclass may change the rule."""
    if type(optimizer) is GradientDescent:
        return _gd(float(optimizer.lr)), False
    if type(optimizer) is Momentum:
        return _momentum(float(optimizer.lr), float(optimizer.beta)), True
    if type(optimizer) is Nesterov:
        return _nesterov(float(optimizer.lr), float(optimizer.beta)), True
    if type(optimizer) is RMSProp:
        if not (optimizer.eps > 0 and 0.0 <= optimizer.beta <= 1.0):
            return None
        return _rmsprop(float(optimizer.lr), float(optimizer.beta), float(optimizer.eps)), False
    if type(optimizer) is Adam:
        a = optimizer
        if not (a.eps > 0 and _unit(a.beta1) and _unit(a.beta2)):
            return None
        return _adam(float(a.lr), float(a.beta1), float(a.beta2), float(a.eps)), True
    return None


def run2d(q: Quadratic, step: Step, *, w0: np.ndarray, steps: int, limit: float,
          velocity: bool) -> tuple[np.ndarray, np.ndarray | None, int | None]:
    """``steps`` updates of ``step`` on the two-weight ``q`` from ``w0``.

    Returns the weights, shape (k + 1, 2), the velocities (same shape, zero at the start;
    None unless ``velocity``) and the first step whose excess was not ``<= limit`` (where
    the run stopped, k), or None (k = steps).
    """
    (g00, g01), (g10, g11) = (float(x) for x in q.G[0]), (float(x) for x in q.G[1])
    s0, s1 = float(q.w_star[0]), float(q.w_star[1])
    w0_, w1_ = float(w0[0]), float(w0[1])
    path = [w0_, w1_]
    vel = [0.0, 0.0]
    diverged_at = None
    for k in range(1, steps + 1):
        e0, e1 = w0_ - s0, w1_ - s1
        w0_, w1_, v0, v1 = step(w0_, w1_, 2.0 * (e0 * g00 + e1 * g10),
                                2.0 * (e0 * g01 + e1 * g11))
        path += (w0_, w1_)
        vel += (v0, v1)
        e0, e1 = w0_ - s0, w1_ - s1
        # Zero plus the first term, as Quadratic.excess starts from zeros (only -0.0 differs).
        ex = 0.0 + e0 * g00 * e0 + e0 * g01 * e1 + e1 * g10 * e0 + e1 * g11 * e1
        if not ex <= limit:
            diverged_at = k
            break
    weights = np.array(path).reshape(-1, 2)
    return weights, np.array(vel).reshape(-1, 2) if velocity else None, diverged_at
