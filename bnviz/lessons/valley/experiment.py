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

from bnviz.core import descent, theory
from bnviz.core.data import Regression
from bnviz.core.preprocessing import Standardized, standardize
from bnviz.core.quadratic import Quadratic, Surface, from_data
from bnviz.lessons.common.settings import DescentSpec
from bnviz.plotting.window import square_window, surfaces

# "Largest stable" stays just inside 2 / lambda_max: at the edge itself the steep direction
# neither grows nor shrinks.
STABLE_FRACTION = 0.99


@dataclass(frozen=True)
class Side:
    """One of the two runs, with everything the page shows about it.

    Attributes
    ----------
    label : {"raw", "standardized"}
    lr : float
        The rate the run used (its mode resolved on this surface).
    w0 : ndarray, shape (2,)
        The start, in this side's weights.
    predicted_steps : float
        Theory's bound on the steps to the tolerance at ``lr`` (inf when it does not contract).
    surface_3d, surface_2d : Surface
        The cost on a coarse grid (3D) and a fine one (contour map).
    """

    label: str
    quadratic: Quadratic
    conditioning: theory.Conditioning
    lr: float
    w0: np.ndarray
    trajectory: descent.Trajectory
    predicted_steps: float
    surface_3d: Surface
    surface_2d: Surface


@dataclass(frozen=True)
class Comparison:
    """Both sides of the experiment on one data set; ``stats`` standardized its features."""

    raw: Side
    std: Side
    stats: Standardized


def resolve_lr(mode: str, custom: float, conditioning: theory.Conditioning) -> float:
    """The learning rate a mode names on a given surface."""
    if mode == "optimal":
        return conditioning.lr_optimal
    if mode == "stable":
        return STABLE_FRACTION * conditioning.lr_stable
    return custom


def _side(label: str, features: np.ndarray, target: np.ndarray, start: np.ndarray, *,
          mode: str, custom_lr: float, spec: DescentSpec) -> Side:
    cost = from_data(features, target)
    conditioning = theory.conditioning(cost)
    lr = resolve_lr(mode, custom_lr, conditioning)
    if not math.isfinite(lr):  # a flat cost (every feature constant): nothing to descend
        lr = custom_lr
    trajectory = descent.run(cost, descent.GradientDescent(lr), w0=start, steps=spec.steps,
                             tol=spec.tol)
    coarse, fine = surfaces(cost, *square_window(cost.w_star, start))
    return Side(label=label, quadratic=cost, conditioning=conditioning, lr=lr, w0=start,
                trajectory=trajectory, predicted_steps=conditioning.predicted_steps(lr, spec.tol),
                surface_3d=coarse, surface_2d=fine)


def compare(data: Regression, spec: DescentSpec) -> Comparison:
    """Run both sides of the experiment on ``data`` with the settings of ``spec``."""
    stats = standardize(data.X)
    start = np.array([spec.w1_0, spec.w2_0])
    raw = _side("raw", data.X, data.y, start, mode=spec.rate_raw, custom_lr=spec.lr_raw,
                spec=spec)
    std = _side("standardized", stats.Z, data.y - data.y.mean(), start * stats.std_,
                mode=spec.rate_std, custom_lr=spec.lr_std, spec=spec)
    return Comparison(raw=raw, std=std, stats=stats)
