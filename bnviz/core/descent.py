"""Run an optimizer on a quadratic cost and record what happened.

The result is a :class:`Trajectory`: the weights and cost at every step, and a status. A
learning rate too large is a result, not an error: the run stops at the first step whose
cost is not finite or has grown past ``DIVERGED_GROWTH`` times the starting excess, and the
trajectory says ``diverged`` with that step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bnviz.core.descent2d import run2d, stepper
from bnviz.core.optimizers import GradientDescent, Optimizer
from bnviz.core.quadratic import Quadratic

__all__ = ["DIVERGED_GROWTH", "GradientDescent", "Trajectory", "finish", "first_below", "run"]

# An excess cost this many times the starting one means the run has left for infinity:
# on a quadratic, an unstable eigendirection grows geometrically and never comes back.
DIVERGED_GROWTH = 1e6
_CHUNK = 64


@dataclass(frozen=True)
class Trajectory:
    """What one run did.

    Attributes
    ----------
    weights : ndarray, shape (k + 1, d)
        ``weights[0]`` is the start; the last row is where the run stopped.
    cost : ndarray, shape (k + 1,)
    excess : ndarray, shape (k + 1,)
        ``cost - f*``, computed without cancellation.
    status : {"converged", "stalled", "diverged"}
        converged: the relative excess reached ``tol`` within the budget; diverged: the run
        blew up at step ``diverged_at``; stalled: neither, within the budget.
    steps_to_tol : int or None
        First step whose relative excess is at most ``tol``.
    diverged_at : int or None
    gradients : ndarray, shape (k + 1, d)
        ``grad f`` at each point (what the optimizer stepped with, and at the last point).
    velocities : ndarray, shape (k + 1, d), or None
        The motion the optimizer's state carries at each point (weight units; zero at the
        start); None for a rule without momentum.
    """

    weights: np.ndarray
    cost: np.ndarray
    excess: np.ndarray
    status: str
    steps_to_tol: int | None
    diverged_at: int | None
    tol: float
    gradients: np.ndarray
    velocities: np.ndarray | None = None

    @property
    def steps(self) -> int:
        return len(self.cost) - 1

    @property
    def final_cost(self) -> float:
        return float(self.cost[-1])



def first_below(relative: np.ndarray, tol: float) -> int | None:
    """Index of the first entry ``<= tol``, or None."""
    hits = np.flatnonzero(relative <= tol)
    return int(hits[0]) if hits.size else None


def finish(q: Quadratic, weights: np.ndarray, *, tol: float, diverged_at: int | None,
           velocities: np.ndarray | None = None) -> Trajectory:
    """Wrap recorded weights into a Trajectory (shared by every runner)."""
    with np.errstate(all="ignore"):
        excess = q.excess(weights)
        gradients = q.gradient(weights)
    e0 = excess[0]
    relative = excess / e0 if e0 > 0 else np.zeros_like(excess)
    hit = first_below(relative, tol)
    if diverged_at is not None:
        status = "diverged"
    elif hit is not None:
        status = "converged"
    else:
        status = "stalled"
    return Trajectory(weights=weights, cost=q.f_star + excess, excess=excess, status=status,
                      steps_to_tol=hit if status == "converged" else None,
                      diverged_at=diverged_at, tol=tol, gradients=gradients,
                      velocities=velocities)


def run(q: Quadratic, optimizer: Optimizer, *, w0: np.ndarray, steps: int,
        tol: float = 1e-6, scalar: bool = True) -> Trajectory:
    """Full-batch descent: ``steps`` updates of ``optimizer`` on ``q`` from ``w0``.

    Records the weights, the gradient and (for rules with momentum) the velocity at every
    point. Stops at the first step whose excess cost is not finite or has grown past
    ``DIVERGED_GROWTH`` times the start's.

    On two weights the known rules run on Python floats (:mod:`bnviz.core.descent2d`): the
    same arithmetic in the same order, bit for bit, several times faster. ``scalar=False``
    runs the numpy rules of :mod:`bnviz.core.optimizers` instead (what tests hold it to).
    """
    w = np.asarray(w0, dtype=float)
    limit = DIVERGED_GROWTH * max(float(q.excess(w)), math.ulp(1.0))
    fast = stepper(optimizer) if scalar and w.shape == (2,) and q.G.shape == (2, 2) else None
    if fast is not None:
        weights, velocities, stopped = run2d(q, fast[0], w0=w, steps=steps, limit=limit,
                                             velocity=fast[1])
        return finish(q, weights, tol=tol, diverged_at=stopped, velocities=velocities)
    state = optimizer.init(w)
    path = np.empty((steps + 1, w.size))
    path[0] = w
    vel = np.zeros_like(path) if optimizer.velocity(state) is not None else None
    diverged_at = None
    k = 0
    with np.errstate(all="ignore"):
        while k < steps and diverged_at is None:
            # Check for divergence once per chunk, vectorized: per-step checks cost more
            # than the updates themselves.
            end = min(k + _CHUNK, steps)
            for j in range(k + 1, end + 1):
                w, state = optimizer.step(w, q.gradient(w), state)
                path[j] = w
                if vel is not None:
                    vel[j] = optimizer.velocity(state)
            ex = q.excess(path[k + 1:end + 1])
            bad = np.flatnonzero(~(ex <= limit))
            if bad.size:
                diverged_at = k + 1 + int(bad[0])
            k = end
    last = (diverged_at or steps) + 1
    return finish(q, path[:last], tol=tol, diverged_at=diverged_at,
                  velocities=None if vel is None else vel[:last])
