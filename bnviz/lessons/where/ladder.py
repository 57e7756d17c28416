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

from bnviz.core import descent, theory
from bnviz.core.data import Regression
from bnviz.core.preprocessing import scale_only, standardize, whiten
from bnviz.core.quadratic import Quadratic, Surface, from_data, surface
from bnviz.i18n import N_
from bnviz.lessons.common.data import correlated_features
from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.where.settings import LadderSpec
from bnviz.plotting.window import square_window

GRID = 41  # ellipses need few points; each rung is its own chart
TOL = 1e-6
# Each rung's label names it in code and, translated, on the page.
RUNGS = (N_("raw"), N_("scaled only"), N_("standardized"), N_("whitened"))


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
    quadratic: Quadratic
    conditioning: theory.Conditioning
    lr: float
    trajectory: descent.Trajectory
    surface: Surface
    errors: np.ndarray
    predicted_errors: np.ndarray


@dataclass(frozen=True)
class Ladder:
    """The four rungs (in the order of :data:`RUNGS`) of one correlated data set.

    Attributes
    ----------
    corr_requested : float
        The correlation the features were drawn with.
    corr_sample : float
        Pearson's correlation of the sample drawn (NaN when a feature is constant).
    w0 : ndarray, shape (2,)
        Where every rung's descent starts.
    rate : {"half", "optimal"}
        How each rung's learning rate was set from its spectrum.
    """

    rungs: tuple[Rung, ...]
    corr_requested: float
    corr_sample: float
    w0: np.ndarray
    rate: str

    def rung(self, label: str) -> Rung:
        """The rung called ``label`` (one of :data:`RUNGS`)."""
        return self.rungs[RUNGS.index(label)]


def rate(conditioning: theory.Conditioning, mode: str) -> float:
    """The learning rate ``mode`` ("half" or "optimal") names on a cost; 1 on a flat one."""
    lr = conditioning.lr_optimal if mode == "optimal" else 0.5 * conditioning.lr_stable
    return lr if math.isfinite(lr) else 1.0  # flat cost: nothing to descend, any rate


def _rung(label: str, features: np.ndarray, target: np.ndarray, start: np.ndarray, *,
          steps: int, mode: str) -> Rung:
    cost = from_data(features, target)
    conditioning = theory.conditioning(cost)
    lr = rate(conditioning, mode)
    trajectory = descent.run(cost, descent.GradientDescent(lr), w0=start, steps=steps, tol=TOL)
    across, along = square_window(cost.w_star, start)
    drawn = surface(cost, np.linspace(*across, GRID), np.linspace(*along, GRID))
    errors = np.abs((trajectory.weights - cost.w_star) @ conditioning.eigenvectors)
    step = np.arange(len(trajectory.cost))[:, None]
    with np.errstate(over="ignore"):
        predicted = np.abs(1.0 - lr * conditioning.eigenvalues) ** step * errors[0]
    return Rung(label=label, quadratic=cost, conditioning=conditioning, lr=lr,
                trajectory=trajectory, surface=drawn, errors=errors, predicted_errors=predicted)


def sample_correlation(features: np.ndarray) -> float:
    """Pearson's correlation of the two columns of ``features``; NaN when one is constant."""
    if not np.all(features.std(axis=0) > 0):
        return math.nan  # a constant feature has no correlation
    return float(np.corrcoef(features, rowvar=False)[0, 1])


def build_ladder(data: DataSpec | Regression, spec: LadderSpec) -> Ladder:
    """The four rungs for correlated data drawn with ``data``'s ranges and ``spec.corr``, or
    for a visitor's rows as they are (their own correlation; ``corr_requested`` is NaN)."""
    drawn = data if isinstance(data, Regression) else correlated_features(data, spec.corr)
    features, target = drawn.X, drawn.y
    start = np.zeros(2)
    centred = target - target.mean()
    scaled, _ = scale_only(features)
    versions = ((features, target), (scaled, target), (standardize(features).Z, centred),
                (whiten(features).Z, centred))
    rungs = tuple(_rung(label, version, goal, start, steps=spec.steps, mode=spec.rate)
                  for label, (version, goal) in zip(RUNGS, versions, strict=True))
    requested = math.nan if isinstance(data, Regression) else spec.corr
    return Ladder(rungs=rungs, corr_requested=requested,
                  corr_sample=sample_correlation(features), w0=start, rate=spec.rate)


def standardized_kappa(corr: float) -> float:
    """Condition number of standardized features with correlation ``corr``: (1+|r|)/(1-|r|)."""
    size = abs(corr)
    return math.inf if size >= 1.0 else (1.0 + size) / (1.0 - size)
