"""Two-feature regression data: the seed article's example, and a correlated variant.

The seed article's example is two features of very different scales and a linear target::

    rng = np.random.default_rng(42)
    A = rng.uniform(1, 10, 100)
    B = rng.uniform(1, 200, 100)
    y = 2*A + 3*B + rng.normal(size=100) * 0.1

:func:`make_two_features` draws exactly that, in that order, so that its defaults reproduce
the article's numbers to the last bit.

:func:`make_correlated` gives the pair a chosen Pearson correlation ``r`` while each feature
keeps its uniform range (a Gaussian copula): two standard normals with correlation ``rho``
pushed through the normal CDF are uniform on (0, 1) with Pearson correlation

    r = (6 / pi) * arcsin(rho / 2)          (Pearson, 1907; Kruskal, 1958),

so ``rho = 2 sin(pi r / 6)`` gives the requested ``r``. Stretching a uniform to [1, hi]
does not change a correlation. Draws, in order from ``default_rng(seed)``: z1, z2 (n each),
then the noise, so the data is reproducible from the seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Regression:
    """Features and target of a linear regression problem.

    Attributes
    ----------
    X : ndarray, shape (n, 2)
        Columns are feature A and feature B.
    y : ndarray, shape (n,)
        Target ``X @ w_true + noise * N(0, 1)``.
    """

    X: np.ndarray
    y: np.ndarray

    @property
    def n(self) -> int:
        return int(self.X.shape[0])


def make_two_features(*, a_hi: float = 10.0, b_hi: float = 200.0, w1: float = 2.0,
                      w2: float = 3.0, noise: float = 0.1, n: int = 100,
                      seed: int = 42) -> Regression:
    """Draw A ~ U(1, a_hi), B ~ U(1, b_hi), y = w1*A + w2*B + noise*N(0, 1).

    The draws happen in the article's order (A, then B, then the noise) from
    ``numpy.random.default_rng(seed)``. ``a_hi == 1`` gives a constant feature (all ones),
    which is allowed.
    """
    rng = np.random.default_rng(seed)
    a = rng.uniform(1.0, a_hi, n)
    b = rng.uniform(1.0, b_hi, n)
    e = rng.normal(size=n) * noise
    return Regression(X=np.column_stack([a, b]), y=w1 * a + w2 * b + e)


_erf = np.vectorize(math.erf, otypes=[float])


def normal_cdf(z: np.ndarray) -> np.ndarray:
    """Phi(z) = (1 + erf(z / sqrt 2)) / 2, elementwise (libm's erf: no SciPy needed)."""
    return np.asarray(0.5 * (1.0 + _erf(np.asarray(z, dtype=float) / math.sqrt(2.0))), dtype=float)


def gaussian_rho(r: float) -> float:
    """The normal correlation whose copula gives uniforms with Pearson correlation ``r``."""
    return 2.0 * math.sin(math.pi * r / 6.0)


def uniform_corr(rho: float) -> float:
    """Pearson correlation of Phi(Z1), Phi(Z2) for normals with correlation ``rho``."""
    return 6.0 / math.pi * math.asin(rho / 2.0)


def make_correlated(*, corr: float, a_hi: float = 10.0, b_hi: float = 200.0, w1: float = 2.0,
                    w2: float = 3.0, noise: float = 0.1, n: int = 100,
                    seed: int = 42) -> Regression:
    """A ~ U(1, a_hi), B ~ U(1, b_hi) with Pearson correlation ``corr`` in [-1, 1]; y as in
    :func:`make_two_features`. ``X`` has shape (n, 2), inside [1, a_hi] x [1, b_hi]."""
    rho = gaussian_rho(float(np.clip(corr, -1.0, 1.0)))
    rng = np.random.default_rng(seed)
    z1 = rng.standard_normal(n)
    z2 = rho * z1 + math.sqrt(max(1.0 - rho * rho, 0.0)) * rng.standard_normal(n)
    e = rng.normal(size=n) * noise
    # Clipping only matters at |z| > 8, where the CDF rounds to 0 or 1 exactly.
    a = 1.0 + (a_hi - 1.0) * np.clip(normal_cdf(z1), 0.0, 1.0)
    b = 1.0 + (b_hi - 1.0) * np.clip(normal_cdf(z2), 0.0, 1.0)
    return Regression(X=np.column_stack([a, b]), y=w1 * a + w2 * b + e)
