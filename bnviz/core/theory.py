"""What theory says about gradient descent on a quadratic.

With Hessian H = 2G having eigenvalues lambda_i and eigenvectors v_i, one step of
``w <- w - eta * grad f(w)`` multiplies the error along v_i by ``(1 - eta * lambda_i)``:

- it is stable iff ``|1 - eta * lambda_i| < 1`` for all i, i.e. ``eta < 2 / lambda_max``;
- the slowest factor ``rho(eta) = max_i |1 - eta * lambda_i|`` is smallest at
  ``eta_opt = 2 / (lambda_min + lambda_max)``, where ``rho = (kappa - 1) / (kappa + 1)``;
- the excess cost ``f_k - f*`` shrinks at least as fast as ``rho^(2k)``, so the relative
  excess falls below ``tol`` within ``ceil(ln(tol) / (2 ln rho))`` steps.

Zero eigenvalues (a constant feature after standardization) are directions the cost does
not depend on: descent never moves along them and they never slow it, so they are left out
of lambda_min, the condition number and the rates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bnviz.core.quadratic import Quadratic

# Eigenvalues below this fraction of the largest are numerically zero.
_NULL_RTOL = 1e-12


@dataclass(frozen=True)
class Conditioning:
    """Spectral facts of a quadratic cost.

    Attributes
    ----------
    eigenvalues : ndarray, shape (d,)
        Of the Hessian ``2G``, ascending.
    eigenvectors : ndarray, shape (d, d)
        Columns match ``eigenvalues``.
    lam_min, lam_max : float
        Smallest non-zero and largest eigenvalue.
    """

    eigenvalues: np.ndarray
    eigenvectors: np.ndarray
    lam_min: float
    lam_max: float

    @property
    def condition_number(self) -> float:
        return self.lam_max / self.lam_min if self.lam_min > 0 else math.inf

    @property
    def lr_stable(self) -> float:
        """``2 / lambda_max``: any larger fixed rate diverges."""
        return 2.0 / self.lam_max if self.lam_max > 0 else math.inf

    @property
    def lr_optimal(self) -> float:
        """``2 / (lambda_min + lambda_max)``: the fixed rate with the fastest worst case."""
        total = self.lam_min + self.lam_max
        return 2.0 / total if total > 0 else math.inf

    def rate(self, lr: float) -> float:
        """``max_i |1 - lr * lambda_i|`` over the non-zero eigenvalues."""
        lam = self.eigenvalues[self.eigenvalues > _NULL_RTOL * max(self.lam_max, 0.0)]
        return float(np.max(np.abs(1.0 - lr * lam))) if lam.size else 0.0

    def predicted_steps(self, lr: float, tol: float) -> float:
        """Steps after which the relative excess cost is at most ``tol`` (an upper bound).

        ``inf`` when the rate does not contract (``rho >= 1``).
        """
        rho = self.rate(lr)
        if rho >= 1.0:
            return math.inf
        if rho == 0.0:
            return 1.0
        return float(max(1, math.ceil(math.log(tol) / (2.0 * math.log(rho)))))

    def predicted_excess(self, lr: float, e0: np.ndarray, steps: int) -> np.ndarray:
        """The exact excess cost ``f_k - f*`` for k = 0..steps from error ``e0 = w0 - w*``.

        ``f_k - f* = sum_i (lambda_i / 2) (1 - lr lambda_i)^(2k) (v_i . e0)^2``.
        """
        c = self.eigenvectors.T @ np.asarray(e0, float)
        k = np.arange(steps + 1)[:, None]
        with np.errstate(over="ignore", invalid="ignore"):
            terms = (self.eigenvalues / 2.0) * c**2 * (1.0 - lr * self.eigenvalues) ** (2 * k)
        return terms.sum(axis=1)


def conditioning(q: Quadratic) -> Conditioning:
    """Eigen-decompose the Hessian of ``q``."""
    lam, vec = np.linalg.eigh(q.hessian)
    lam = np.clip(lam, 0.0, None)  # G is PSD; negatives are rounding
    lam_max = float(lam[-1])
    nonzero = lam[lam > _NULL_RTOL * lam_max] if lam_max > 0 else lam[:0]
    lam_min = float(nonzero[0]) if nonzero.size else 0.0
    return Conditioning(eigenvalues=lam, eigenvectors=vec, lam_min=lam_min, lam_max=lam_max)
