"""The seed article's experiment: descent on raw features against standardized ones.

Raw side: ``y ~ w1 A + w2 B`` with no intercept, as in the article. Standardized side:
``y - mean(y) ~ v1 zA + v2 zB`` with ``z = (x - mean) / std``; centring the target is the
same as an intercept held at its optimum. The standardized side starts at the same slopes
(``v0 = w0 * std``), so both runs start from the same fitted line, up to the intercept.

The page passes its :class:`~bnviz.lessons.common.settings.DataSpec`, and both problems come
from :mod:`bnviz.core.moments`: the same numbers the browser computes while a range or a rate
is dragged, so the server's rerun on release confirms them instead of moving them. Any other
:class:`~bnviz.core.data.Regression` goes through :func:`~bnviz.core.quadratic.from_data`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bnviz.core import descent, moments, theory
from bnviz.core.data import Regression
from bnviz.core.preprocessing import standardize
from bnviz.core.quadratic import Quadratic, Surface, from_data
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.plotting.window import square_window, surfaces

# "Largest stable" stays just inside 2 / lambda_max: at the edge itself the steep direction
# neither grows nor shrinks.
STABLE_FRACTION = 0.99
# "Zig-zag" is 0.9 x 2 / lambda_max: the steep direction is multiplied by 1 - 1.8 = -0.8 per
# step, so each swing across the valley is 80 % of the last and the strokes can be followed.
ZIGZAG_FRACTION = 0.9


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
    """Both sides of the experiment on one data set.

    ``spreads`` (shape (2,)) are the population standard deviations of A and B, 0 for a
    constant feature: what standardizing divided by.
    """

    raw: Side
    std: Side
    spreads: np.ndarray


def resolve_lr(mode: str, custom: float, conditioning: theory.Conditioning) -> float:
    """The learning rate a mode names on a given surface."""
    if mode == "optimal":
        return conditioning.lr_optimal
    if mode == "stable":
        return STABLE_FRACTION * conditioning.lr_stable
    if mode == "zigzag":
        return ZIGZAG_FRACTION * conditioning.lr_stable
    return custom


def _side(label: str, fit: moments.Fit, start: np.ndarray, *, mode: str, custom_lr: float,
          spec: DescentSpec) -> Side:
    cost, conditioning = fit.quadratic, fit.conditioning
    lr = resolve_lr(mode, custom_lr, conditioning)
    if not math.isfinite(lr):  # a flat cost (every feature constant): nothing to descend
        lr = custom_lr
    trajectory = descent.run(cost, descent.GradientDescent(lr), w0=start, steps=spec.steps,
                             tol=spec.tol)
    coarse, fine = surfaces(cost, *square_window(cost.w_star, start))
    return Side(label=label, quadratic=cost, conditioning=conditioning, lr=lr, w0=start,
                trajectory=trajectory, predicted_steps=conditioning.predicted_steps(lr, spec.tol),
                surface_3d=coarse, surface_2d=fine)


def fits(data: Regression | DataSpec) -> tuple[moments.Fit, moments.Fit]:
    """The raw and the standardized problem of ``data``: from the draws' R factor for a
    :class:`DataSpec` (as the browser computes them), from the rows for any other data."""
    if isinstance(data, DataSpec):
        d = moments.draws(data.seed, data.n)
        kw = {"a_hi": data.a_hi, "b_hi": data.b_hi, "w1": data.w1_true, "w2": data.w2_true,
              "noise": data.noise}
        return moments.raw(d, **kw), moments.standardized(d, **kw)
    stats = standardize(data.X)
    raw_q = from_data(data.X, data.y)
    std_q = from_data(stats.Z, data.y - data.y.mean())
    return (moments.Fit(quadratic=raw_q, conditioning=theory.conditioning(raw_q), spreads=stats.std_),
            moments.Fit(quadratic=std_q, conditioning=theory.conditioning(std_q), spreads=stats.std_))


def compare(data: Regression | DataSpec, spec: DescentSpec) -> Comparison:
    """Run both sides of the experiment on ``data`` with the settings of ``spec``."""
    raw_fit, std_fit = fits(data)
    start = np.array([spec.w1_0, spec.w2_0])
    raw = _side("raw", raw_fit, start, mode=spec.rate_raw, custom_lr=spec.lr_raw, spec=spec)
    std = _side("standardized", std_fit, start * std_fit.spreads, mode=spec.rate_std,
                custom_lr=spec.lr_std, spec=spec)
    return Comparison(raw=raw, std=std, spreads=std_fit.spreads)
