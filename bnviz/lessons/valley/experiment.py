"""The seed article's experiment: descent on raw features against standardized ones.

Raw side: ``y ~ w1 A + w2 B`` with no intercept, as in the article. Standardized side:
``y - mean(y) ~ v1 zA + v2 zB`` with ``z = (x - mean) / std``; centring the target is the
same as an intercept held at its optimum. The standardized side starts at the same slopes
(``v0 = w0 * std``), so both runs start from the same fitted line, up to the intercept.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bnviz.core import descent, quadratic, theory
from bnviz.core.data import Regression
from bnviz.core.preprocessing import Standardized, standardize
from bnviz.lessons.common.settings import DescentSpec
from bnviz.plotting.window import square_window, surfaces

# "Largest stable" stays just inside 2 / lambda_max: at the edge itself the steep direction
# neither grows nor shrinks.
STABLE_FRACTION = 0.99


@dataclass(frozen=True)
class Side:
    """One of the two runs, with everything the page shows about it."""

    label: str
    quadratic: quadratic.Quadratic
    conditioning: theory.Conditioning
    lr: float
    w0: np.ndarray
    trajectory: descent.Trajectory
    predicted_steps: float
    surface_3d: quadratic.Surface
    surface_2d: quadratic.Surface


@dataclass(frozen=True)
class Comparison:
    raw: Side
    std: Side
    stats: Standardized


def resolve_lr(mode: str, custom: float, cond: theory.Conditioning) -> float:
    """The learning rate a mode names on a given surface."""
    if mode == "optimal":
        return cond.lr_optimal
    if mode == "stable":
        return STABLE_FRACTION * cond.lr_stable
    return custom


def _side(label: str, X: np.ndarray, y: np.ndarray, w0: np.ndarray, mode: str,
          custom_lr: float, spec: DescentSpec) -> Side:
    q = quadratic.from_data(X, y)
    cond = theory.conditioning(q)
    lr = resolve_lr(mode, custom_lr, cond)
    if not math.isfinite(lr):  # a flat cost (every feature constant): nothing to descend
        lr = custom_lr
    traj = descent.run(q, descent.GradientDescent(lr), w0=w0, steps=spec.steps, tol=spec.tol)
    s3, s2 = surfaces(q, *square_window(q.w_star, w0))
    return Side(label=label, quadratic=q, conditioning=cond, lr=lr, w0=w0, trajectory=traj,
                predicted_steps=cond.predicted_steps(lr, spec.tol), surface_3d=s3, surface_2d=s2)


def compare(data: Regression, spec: DescentSpec) -> Comparison:
    """Run both sides of the experiment on ``data`` with the settings of ``spec``."""
    stats = standardize(data.X)
    w0 = np.array([spec.w1_0, spec.w2_0])
    raw = _side("raw", data.X, data.y, w0, spec.rate_raw, spec.lr_raw, spec)
    std = _side("standardized", stats.Z, data.y - data.y.mean(), w0 * stats.std_,
                spec.rate_std, spec.lr_std, spec)
    return Comparison(raw=raw, std=std, stats=stats)
