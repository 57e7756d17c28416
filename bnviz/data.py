"""Datasets for the linear-model pages.

The seed article's example is two features of very different scales and a linear target::

    rng = np.random.default_rng(42)
    A = rng.uniform(1, 10, 100)
    B = rng.uniform(1, 200, 100)
    y = 2*A + 3*B + rng.normal(size=100) * 0.1

:func:`make_two_features` draws exactly that, in that order, so that the default
:class:`~bnviz.settings.DataSpec` reproduces the article's numbers to the last bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bnviz.settings import DataSpec


@dataclass(frozen=True)
class Dataset:
    """Features and target of a linear regression problem.

    Attributes
    ----------
    X : ndarray, shape (n, 2)
        Columns are feature A and feature B.
    y : ndarray, shape (n,)
        Target ``X @ w_true + noise * N(0, 1)``.
    spec : DataSpec
        The settings that drew it.
    """

    X: np.ndarray
    y: np.ndarray
    spec: DataSpec

    @property
    def n(self) -> int:
        return self.X.shape[0]


def make_two_features(spec: DataSpec) -> Dataset:
    """Draw A ~ U(1, a_hi), B ~ U(1, b_hi), y = w1*A + w2*B + noise*N(0, 1).

    The draws happen in the article's order (A, then B, then the noise) from
    ``numpy.random.default_rng(spec.seed)``, so the default spec gives the article's data.
    ``a_hi == 1`` gives a constant feature (all ones), which is allowed.
    """
    rng = np.random.default_rng(spec.seed)
    a = rng.uniform(1.0, spec.a_hi, spec.n)
    b = rng.uniform(1.0, spec.b_hi, spec.n)
    noise = rng.normal(size=spec.n) * spec.noise
    X = np.column_stack([a, b])
    y = spec.w1_true * a + spec.w2_true * b + noise
    return Dataset(X=X, y=y, spec=spec)
