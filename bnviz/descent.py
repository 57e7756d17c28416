"""Run an optimizer on a quadratic cost and record what happened.

The result is a :class:`Trajectory`: the weights and cost at every step, and a status. A
learning rate too large is a result, not an error: the run stops at the first step whose
cost is not finite or has grown past ``DIVERGED_GROWTH`` times the starting excess, and the
trajectory says ``diverged`` with that step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from bnviz.quadratic import Quadratic

# An excess cost this many times the starting one means the run has left for infinity:
# on a quadratic, an unstable eigendirection grows geometrically and never comes back.
DIVERGED_GROWTH = 1e6
_CHUNK = 64


class Optimizer(Protocol):
    """An update rule with explicit state: ``init(w0) -> state``,
    ``step(w, grad, state) -> (w_new, state_new)``."""

    def init(self, w0: np.ndarray) -> Any: ...

    def step(self, w: np.ndarray, grad: np.ndarray, state: Any) -> tuple[np.ndarray, Any]: ...


@dataclass(frozen=True)
class GradientDescent:
    """``w <- w - lr * grad``."""

    lr: float

    def init(self, w0: np.ndarray) -> None:
        return None

    def step(self, w: np.ndarray, grad: np.ndarray, state: None) -> tuple[np.ndarray, None]:
        return w - self.lr * grad, None


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
    """

    weights: np.ndarray
    cost: np.ndarray
    excess: np.ndarray
    status: str
    steps_to_tol: int | None
    diverged_at: int | None
    tol: float

    @property
    def steps(self) -> int:
        return len(self.cost) - 1

    @property
    def final_cost(self) -> float:
        return float(self.cost[-1])

    @property
    def outcome(self) -> str:
        """What the run did, in a few words, for titles, tables and sentences."""
        if self.status == "converged":
            return f"tolerance at step {self.steps_to_tol}"
        if self.status == "diverged":
            return f"diverged at step {self.diverged_at}"
        return f"not within {self.steps} steps"


def first_below(relative: np.ndarray, tol: float) -> int | None:
    """Index of the first entry ``<= tol``, or None."""
    hits = np.flatnonzero(relative <= tol)
    return int(hits[0]) if hits.size else None


def finish(q: Quadratic, weights: np.ndarray, *, tol: float,
           diverged_at: int | None) -> Trajectory:
    """Wrap recorded weights into a Trajectory (shared by every runner)."""
    excess = q.excess(weights)
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
                      diverged_at=diverged_at, tol=tol)


def run(q: Quadratic, optimizer: Optimizer, *, w0: np.ndarray, steps: int,
        tol: float = 1e-6) -> Trajectory:
    """Full-batch descent: ``steps`` updates of ``optimizer`` on ``q`` from ``w0``."""
    w = np.asarray(w0, dtype=float)
    limit = DIVERGED_GROWTH * max(float(q.excess(w)), math.ulp(1.0))
    state = optimizer.init(w)
    path = np.empty((steps + 1, w.size))
    path[0] = w
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
            ex = q.excess(path[k + 1:end + 1])
            bad = np.flatnonzero(~(ex <= limit))
            if bad.size:
                diverged_at = k + 1 + int(bad[0])
            k = end
    return finish(q, path[: (diverged_at or steps) + 1], tol=tol, diverged_at=diverged_at)
