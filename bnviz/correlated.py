"""Two uniform features with a chosen correlation (a Gaussian copula).

Each feature keeps the range of the shared data controls (A on [1, a_hi], B on [1, b_hi])
and the pair gets the requested Pearson correlation ``r``. Draw two standard normals with
correlation ``rho`` and push each through the normal CDF: the results are uniform on (0, 1)
with Pearson correlation

    r = (6 / pi) * arcsin(rho / 2)          (Pearson, 1907; Kruskal, 1958),

so ``rho = 2 sin(pi r / 6)`` gives the requested ``r``. Stretching a uniform to [1, hi]
does not change a correlation. Draws, in order from ``default_rng(seed)``: z1, z2
(n each), then the noise, so the data is reproducible from the seed.
"""

from __future__ import annotations

import math

import numpy as np

from bnviz.data import Dataset
from bnviz.settings import DataSpec

_erf = np.frompyfunc(math.erf, 1, 1)


def normal_cdf(z: np.ndarray) -> np.ndarray:
    """Phi(z) = (1 + erf(z / sqrt 2)) / 2, elementwise (libm's erf: no SciPy needed)."""
    return 0.5 * (1.0 + _erf(np.asarray(z, dtype=float) / math.sqrt(2.0)).astype(float))


def gaussian_rho(r: float) -> float:
    """The normal correlation whose copula gives uniforms with Pearson correlation ``r``."""
    return 2.0 * math.sin(math.pi * r / 6.0)


def uniform_corr(rho: float) -> float:
    """Pearson correlation of Phi(Z1), Phi(Z2) for normals with correlation ``rho``."""
    return 6.0 / math.pi * math.asin(rho / 2.0)


def make_correlated(spec: DataSpec, corr: float) -> Dataset:
    """A ~ U(1, a_hi), B ~ U(1, b_hi) with Pearson correlation ``corr``; y as in
    :func:`bnviz.data.make_two_features`.

    Parameters
    ----------
    spec : DataSpec
    corr : float
        In [-1, 1].

    Returns
    -------
    Dataset
        ``X`` of shape (n, 2) inside [1, a_hi] x [1, b_hi].
    """
    rho = gaussian_rho(float(np.clip(corr, -1.0, 1.0)))
    rng = np.random.default_rng(spec.seed)
    z1 = rng.standard_normal(spec.n)
    z2 = rho * z1 + math.sqrt(max(1.0 - rho * rho, 0.0)) * rng.standard_normal(spec.n)
    noise = rng.normal(size=spec.n) * spec.noise
    # Clipping only matters at |z| > 8, where the CDF rounds to 0 or 1 exactly.
    a = 1.0 + (spec.a_hi - 1.0) * np.clip(normal_cdf(z1), 0.0, 1.0)
    b = 1.0 + (spec.b_hi - 1.0) * np.clip(normal_cdf(z2), 0.0, 1.0)
    y = spec.w1_true * a + spec.w2_true * b + noise
    return Dataset(X=np.column_stack([a, b]), y=y, spec=spec)
