"""Feature preprocessing that returns the statistics it used: standardize, scale only, whiten.

Standardization uses the population standard deviation (``ddof=0``), as batch
normalization does: ``z = (x - mean_) / scale_``. A constant column has ``std = 0``; like
scikit-learn's ``StandardScaler`` its ``scale_`` is set to 1, so the column becomes all zeros
instead of NaN, and ``constant_`` records which columns those were so a page can say so.

ZCA whitening removes the correlation between features, not only their scales.

Standardizing divides each column by its own spread; it leaves the correlation between
columns, so the covariance of the result is the correlation matrix. Whitening multiplies
the centred data by ``W = C^(-1/2) = V diag(1 / sqrt(l)) V^T`` (C the population covariance
with eigenvalues l and eigenvectors V), so the covariance becomes the identity. The "zero
phase" (ZCA) choice of W is the symmetric one: of all whitening matrices it moves the data
least, so whitened A still looks most like A.

Zero variance: directions with eigenvalue below ``_NULL_RTOL`` times the largest carry no
information (a constant column, a column that copies another); they are mapped to zero,
as :func:`standardize` maps a constant column to zeros.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# A column whose std is below this fraction of its mean magnitude is treated as constant:
# float rounding leaves std ~ 1e-16 * |mean| on truly constant data.
_CONSTANT_RTOL = 1e-12
# Whitening: eigen-directions below this fraction of the largest variance carry no information.
_NULL_RTOL = 1e-12


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

@dataclass(frozen=True)
class Whitened:
    """Whitened features and the statistics that produced them.

    Attributes
    ----------
    Z : ndarray, shape (n, d)
        ``(X - mean_) @ W_``; its population covariance is the identity (on the kept
        directions).
    mean_ : ndarray, shape (d,)
    cov_ : ndarray, shape (d, d)
        Population covariance of X (``ddof=0``, as batch normalization).
    eigenvalues_ : ndarray, shape (d,)
        Of ``cov_``, ascending.
    eigenvectors_ : ndarray, shape (d, d)
    W_ : ndarray, shape (d, d)
        The symmetric whitening matrix ``V diag(1/sqrt(l)) V^T`` (0 for dropped directions).
    kept_ : ndarray of bool, shape (d,)
        Which eigen-directions had variance.
    """

    Z: np.ndarray
    mean_: np.ndarray
    cov_: np.ndarray
    eigenvalues_: np.ndarray
    eigenvectors_: np.ndarray
    W_: np.ndarray
    kept_: np.ndarray


def whiten(X: np.ndarray) -> Whitened:
    """ZCA-whiten the columns of ``X`` of shape (n, d)."""
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    Xc = X - mean
    cov = Xc.T @ Xc / X.shape[0]
    lam, V = np.linalg.eigh(cov)
    lam = np.clip(lam, 0.0, None)
    kept = lam > _NULL_RTOL * max(float(lam[-1]), 0.0)
    inv_sqrt = np.where(kept, 1.0 / np.sqrt(np.where(kept, lam, 1.0)), 0.0)
    W = (V * inv_sqrt) @ V.T
    return Whitened(Z=Xc @ W, mean_=mean, cov_=cov, eigenvalues_=lam, eigenvectors_=V, W_=W,
                    kept_=kept)


def scale_only(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each column divided by its population standard deviation, not centred.

    Returns the scaled features and the scales used (1 for a constant column).
    """
    X = np.asarray(X, dtype=float)
    std = X.std(axis=0)
    scale = np.where(std > _NULL_RTOL * np.maximum(np.abs(X.mean(axis=0)), 1.0), std, 1.0)
    return X / scale, scale
