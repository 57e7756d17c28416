"""Feature normalization that returns the statistics it used.

Standardization uses the population standard deviation (``ddof=0``), as batch
normalization does: ``z = (x - mean_) / scale_``.

Zero variance: a constant column has ``std = 0``. Like scikit-learn's ``StandardScaler``,
its ``scale_`` is set to 1, so the column becomes all zeros instead of NaN; ``constant_``
records which columns those were so a page can say so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# A column whose std is below this fraction of its mean magnitude is treated as constant:
# float rounding leaves std ~ 1e-16 * |mean| on truly constant data.
_CONSTANT_RTOL = 1e-12


@dataclass(frozen=True)
class Standardized:
    """Standardized features and the statistics that produced them.

    Attributes
    ----------
    Z : ndarray, shape (n, d)
        ``(X - mean_) / scale_``.
    mean_ : ndarray, shape (d,)
    std_ : ndarray, shape (d,)
        Population standard deviation of each column (0 for a constant column).
    scale_ : ndarray, shape (d,)
        ``std_`` with zeros replaced by 1.
    constant_ : ndarray of bool, shape (d,)
    """

    Z: np.ndarray
    mean_: np.ndarray
    std_: np.ndarray
    scale_: np.ndarray
    constant_: np.ndarray


def standardize(X: np.ndarray) -> Standardized:
    """Center each column and divide by its population standard deviation.

    Parameters
    ----------
    X : ndarray, shape (n, d)

    Returns
    -------
    Standardized
    """
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    constant = std <= _CONSTANT_RTOL * np.maximum(np.abs(mean), 1.0)
    std = np.where(constant, 0.0, std)
    scale = np.where(constant, 1.0, std)
    return Standardized(Z=(X - mean) / scale, mean_=mean, std_=std, scale_=scale, constant_=constant)
