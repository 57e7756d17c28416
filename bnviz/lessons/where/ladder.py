"""What standardization does not fix: four versions of the same data, rung by rung.

1. raw: ``y ~ w . x`` on the features as drawn;
2. scaled only: each feature divided by its standard deviation, not centred;
3. standardized: centred and scaled, as batch normalization does (target centred too);
4. whitened: centred and ZCA-whitened, which removes the correlation as well.

Each rung is a least-squares quadratic; descent runs on it from zero weights at a rate
set by its own spectrum, either ``1 / lambda_max`` (half the stability limit) or the
optimal ``2 / (lambda_min + lambda_max)``, so the only difference between rungs is the shape
of the cost. Standardized features have covariance equal to their correlation
matrix ``[[1, r], [r, 1]]``: eigenvalues ``1 +- r``, condition number
``(1 + |r|) / (1 - |r|)``, which grows without bound as ``|r| -> 1`` whatever the scales.

The per-eigendirection view (as in Goh, "Why Momentum Really Works", Distill 2017): with
``e_k = w_k - w*`` and ``c_k = V^T e_k`` its coordinates along the Hessian's eigenvectors,
gradient descent multiplies each coordinate by ``(1 - lr lambda_i)`` per step, so
``|c_k,i| = |1 - lr lambda_i|^k |c_0,i|``: the direction with the small eigenvalue is the
slow one. At the optimal rate both factors have the same size ``(kappa - 1) / (kappa + 1)``,
so the two errors shrink together; at ``1 / lambda_max`` the steep direction is solved in
one step and the flat one shrinks by ``1 - 1 / kappa`` per step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bnviz.core import descent, quadratic, theory
from bnviz.core.preprocessing import scale_only, standardize, whiten
from bnviz.lessons.common.data import correlated_features
from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.where.settings import LadderSpec
from bnviz.plotting.window import square_window

GRID = 41  # ellipses need few points; each rung is its own chart
TOL = 1e-6
RUNGS = ("raw", "scaled only", "standardized", "whitened")


@dataclass(frozen=True)
class Rung:
    """One version of the data, its cost and a descent on it.

    Attributes
    ----------
    errors : ndarray, shape (k + 1, 2)
        ``|V^T (w_k - w*)|``: the error along each eigenvector (ascending eigenvalue).
    predicted_errors : ndarray, shape (k + 1, 2)
        ``|1 - lr lambda_i|^k |c_0,i|``, theory's value of the same.
    """

    label: str
    quadratic: quadratic.Quadratic
    conditioning: theory.Conditioning
    lr: float
    trajectory: descent.Trajectory
    surface: quadratic.Surface
    errors: np.ndarray
    predicted_errors: np.ndarray


@dataclass(frozen=True)
class Ladder:
    rungs: tuple[Rung, ...]
    corr_requested: float
    corr_sample: float
    w0: np.ndarray
    rate: str


def rate(cond: theory.Conditioning, mode: str) -> float:
    """The learning rate ``mode`` ("half" or "optimal") names on a cost; 1 on a flat one."""
    lr = cond.lr_optimal if mode == "optimal" else 0.5 * cond.lr_stable
    return lr if math.isfinite(lr) else 1.0  # flat cost: nothing to descend, any rate


def _rung(label: str, X: np.ndarray, y: np.ndarray, w0: np.ndarray, steps: int,
          mode: str) -> Rung:
    q = quadratic.from_data(X, y)
    cond = theory.conditioning(q)
    lr = rate(cond, mode)
    traj = descent.run(q, descent.GradientDescent(lr), w0=w0, steps=steps, tol=TOL)
    xr, yr = square_window(q.w_star, w0)
    surf = quadratic.surface(q, np.linspace(*xr, GRID), np.linspace(*yr, GRID))
    V = cond.eigenvectors
    errors = np.abs((traj.weights - q.w_star) @ V)
    k = np.arange(len(traj.cost))[:, None]
    with np.errstate(over="ignore"):
        predicted = np.abs(1.0 - lr * cond.eigenvalues) ** k * errors[0]
    return Rung(label=label, quadratic=q, conditioning=cond, lr=lr, trajectory=traj,
                surface=surf, errors=errors, predicted_errors=predicted)


def ladder(data: DataSpec, spec: LadderSpec) -> Ladder:
    """The four rungs for correlated data drawn with ``data``'s ranges and ``spec.corr``."""
    d = correlated_features(data, spec.corr)
    X, y = d.X, d.y
    w0 = np.zeros(2)
    yc = y - y.mean()
    scaled, _ = scale_only(X)
    rungs = (
        _rung(RUNGS[0], X, y, w0, spec.steps, spec.rate),
        _rung(RUNGS[1], scaled, y, w0, spec.steps, spec.rate),
        _rung(RUNGS[2], standardize(X).Z, yc, w0, spec.steps, spec.rate),
        _rung(RUNGS[3], whiten(X).Z, yc, w0, spec.steps, spec.rate),
    )
    sd = X.std(axis=0)
    if np.all(sd > 0):
        corr = float(np.mean((X[:, 0] - X[:, 0].mean()) * (X[:, 1] - X[:, 1].mean())) / (sd[0] * sd[1]))
    else:
        corr = float("nan")  # a constant feature has no correlation
    return Ladder(rungs=rungs, corr_requested=spec.corr, corr_sample=corr, w0=w0,
                  rate=spec.rate)


def standardized_kappa(r: float) -> float:
    """Condition number of standardized features with correlation ``r``: (1+|r|)/(1-|r|)."""
    r = abs(r)
    return math.inf if r >= 1.0 else (1.0 + r) / (1.0 - r)
