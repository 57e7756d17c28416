"""The two-feature problem of :func:`bnviz.core.data.make_two_features`, for any ranges, from
ten numbers per (seed, n).

The data are ``A = 1 + alpha uA``, ``B = 1 + beta uB``, ``y = w1 A + w2 B + sigma e`` with
``alpha = a_hi - 1``, ``beta = b_hi - 1`` and fixed draws ``uA, uB ~ U(0, 1)``, ``e ~ N(0, 1)``
(numpy computes ``uniform(1, hi)`` as ``1 + (hi - 1) u``, bit for bit). Let

    K = [1, uA, uB, e] / sqrt(n) = Q R,    R : (4, 4) upper triangular,

be a QR factorization, computed once per (seed, n). Every column of the problem is a fixed
combination of the columns of K, so in the orthonormal basis Q the whole least-squares
problem becomes a 3 x 2 one:

    X / sqrt(n) = Q[:, :3] S,  S = [R00 + alpha R01,  R00 + beta R02]
                                   [alpha R11,         beta R12      ]
                                   [0,                 beta R22      ]
    f(w) = |S (w - w_true) - sigma r|^2 + sigma^2 R33^2,   r = R[:3, 3].

Standardized features do not depend on the ranges at all (``zA = (uA - mean) / sd``); the
centred target moves linearly with them. Their problem is the same with

    S_std = [R11 / sA,  R12 / sB]     sA = |R11|, sB = |(R12, R22)|  (the draws' spreads),
            [0,         R22 / sB]     r = R[1:, 3],  and no fourth term beyond R33,
            [0,         0       ]

(a constant feature, ``alpha = 0``, standardizes to a zero column).

Why this form, and not the sums ``X'X, X'y, y'y``: it is what the browser computes while the
visitor drags a range (``bnviz/ui/js/valley_math.js`` is this module, line for line, in the
same floating-point operations, so the two agree to the last bit or nearly), and it is
accurate where the sums are not. ``y'y - 2 b'w + w'Gw`` cancels near the minimum; eigenvalues of
``X'X`` computed from its entries lose ``kappa(G) eps`` relative (1e-6 at the extreme ranges,
where kappa reaches 1e10). Here the small problem is triangularized by Givens rotations,
``w* = w_true + sigma v`` and ``f* = sigma^2 (...)`` come from the noise part alone, and the
singular values of the 2 x 2 triangle come from a formula with no cancellation, so the
eigenvalues of the Hessian ``2 S'S`` are accurate to ``kappa(X) eps`` (as an SVD of X is).

Scalar arithmetic is plain Python floats, in the order the JavaScript uses: numpy's vector
kernels may fuse or reorder operations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bnviz.core.quadratic import Quadratic
from bnviz.core.theory import Conditioning

# A triangle [[p, q], [0, s]] with s at most this fraction of |(p, q)| has rank one: its
# second direction is rounding (standardized features of two points, or both ranges 1).
RANK_RTOL = 2.0**-40
# As bnviz.core.theory: eigenvalues below this fraction of the largest are zero.
NULL_RTOL = 1e-12


@dataclass(frozen=True)
class Draws:
    """What the data of one (seed, n) contribute, whatever the ranges, weights and noise.

    Attributes
    ----------
    R : ndarray, shape (4, 4)
        Upper triangular; ``[1, uA, uB, e] / sqrt(n) = Q R`` (rows past n are zero).
    n : int
    """

    R: np.ndarray
    n: int


@lru_cache(maxsize=16)
def draws(seed: int, n: int) -> Draws:
    """The R factor of the draws of ``make_two_features(seed=seed, n=n)``; O(n), cached."""
    rng = np.random.default_rng(seed)
    ua, ub = rng.random(n), rng.random(n)
    e = rng.normal(size=n)
    K = np.column_stack([np.ones(n), ua, ub, e]) / math.sqrt(n)
    r = np.asarray(np.linalg.qr(K, mode="r"))  # mode "r": R alone, (min(n, 4), 4)
    R = np.zeros((4, 4))
    R[: r.shape[0]] = r
    R.setflags(write=False)
    return Draws(R=R, n=int(n))


@dataclass(frozen=True)
class Fit:
    """One side's least-squares problem, solved.

    Attributes
    ----------
    quadratic : Quadratic
        ``G = S'S``, ``b = S't``, the minimum-norm ``w_star`` and ``f_star``.
    conditioning : Conditioning
        Of the Hessian ``2 G``, from the singular values of the triangle.
    spreads : ndarray, shape (2,)
        Population standard deviations of A and B (0 for a constant feature).
    """

    quadratic: Quadratic
    conditioning: Conditioning
    spreads: np.ndarray


def _rotate(m: list[list[float]], i: int, j: int, col: int) -> None:
    """Givens rotation of rows i, j of ``m`` (lists of floats) that zeroes ``m[j][col]``."""
    a, b = m[i][col], m[j][col]
    r = math.sqrt(a * a + b * b)
    if r == 0.0:
        return
    c, s = a / r, b / r
    for k in range(len(m[i])):
        x, y = m[i][k], m[j][k]
        m[i][k] = c * x + s * y
        m[j][k] = c * y - s * x


def solve(S: list[list[float]],
          r: list[float]) -> tuple[list[float], float, tuple[float, float, float], bool]:
    """Minimum-norm least squares ``min |S v - r|`` for S of shape (3, 2), and S's triangle.

    Returns
    -------
    v : list of 2 floats
    resid2 : float
        ``|S v - r|^2``.
    triangle : (p, q, s)
        ``S = Q [[p, q], [0, s], [0, 0]]`` after putting a zero first column second.
    swapped : bool
        Whether the columns were swapped for that.
    """
    swapped = S[0][0] == 0.0 and S[1][0] == 0.0 and S[2][0] == 0.0
    m = [[row[1], row[0], x] if swapped else [row[0], row[1], x] for row, x in zip(S, r, strict=True)]
    _rotate(m, 1, 2, 0)
    _rotate(m, 0, 1, 0)
    _rotate(m, 1, 2, 1)
    p, q, s = m[0][0], m[0][1], m[1][1]
    c0, c1, c2 = m[0][2], m[1][2], m[2][2]
    if p == 0.0:  # both columns zero: nothing to fit
        v, resid2 = [0.0, 0.0], c0 * c0 + c1 * c1 + c2 * c2
    elif abs(s) <= RANK_RTOL * math.sqrt(p * p + q * q):
        # Rank one: the row (p, q) fixes one combination; the minimum-norm v is along it.
        k = c0 / (p * p + q * q)
        v, resid2 = [k * p, k * q], c1 * c1 + c2 * c2
    else:
        v1 = c1 / s
        v, resid2 = [(c0 - q * v1) / p, v1], c2 * c2
    if swapped:
        v = [v[1], v[0]]
    return v, resid2, (p, q, s), swapped


def singular_values(p: float, q: float, s: float) -> tuple[float, float]:
    """``(sigma_min, sigma_max)`` of ``[[p, q], [0, s]]``, without cancellation.

    ``sigma_max = (|(p + s, q)| + |(p - s, q)|) / 2`` and ``sigma_min = |p s| / sigma_max``
    (the product of the singular values is the determinant).
    """
    big = (math.sqrt((p + s) * (p + s) + q * q) + math.sqrt((p - s) * (p - s) + q * q)) / 2.0
    small = abs(p * s) / big if big > 0.0 else 0.0
    return small, big


def _gram(S: list[list[float]]) -> np.ndarray:
    """``S'S`` in the order the browser sums it (rows 0, 1, 2)."""
    g = [[S[0][i] * S[0][j] + S[1][i] * S[1][j] + S[2][i] * S[2][j] for j in range(2)]
         for i in range(2)]
    return np.array(g)


def _eigenvectors(G: np.ndarray, lam_max: float) -> np.ndarray:
    """Columns: unit eigenvectors of ``2 G`` for (smaller, larger) eigenvalue."""
    g = lam_max / 2.0
    cands = [np.array([G[0, 1], g - G[0, 0]]), np.array([g - G[1, 1], G[1, 0]])]
    v = max(cands, key=lambda c: float(c @ c))
    norm = float(np.sqrt(v @ v))
    if norm == 0.0:  # G is a multiple of the identity (or zero): any basis will do
        v = np.array([1.0, 0.0]) if G[0, 0] >= G[1, 1] else np.array([0.0, 1.0])
    else:
        v = v / norm
    return np.column_stack([[-v[1], v[0]], v])


def _fit(S: list[list[float]], r: list[float], extra: float, w_base: list[float],
         noise: float, spreads: np.ndarray, target: list[float]) -> Fit:
    v, resid2, (p, q, s), _ = solve(S, r)
    if p != 0.0 and abs(s) > RANK_RTOL * math.sqrt(p * p + q * q):
        w_star = np.array([w_base[0] + noise * v[0], w_base[1] + noise * v[1]])
    else:
        # Rank one: w_base is a solution but not the minimum-norm one; solve the whole target.
        w_star = np.array(solve(S, target)[0])
    f_star = noise * noise * (resid2 + extra * extra)
    small, big = singular_values(p, q, s)
    lam = np.array([2.0 * small * small, 2.0 * big * big])
    lam_max = float(lam[1])
    # The smallest non-zero eigenvalue, as theory.conditioning defines it: a null direction
    # (a constant feature) neither moves nor slows descent.
    lam_min = float(lam[0]) if lam[0] > NULL_RTOL * lam_max else lam_max
    G = _gram(S)
    b = np.array([sum(S[k][i] * target[k] for k in range(3)) for i in range(2)])
    quadratic = Quadratic(G=G, b=b, w_star=w_star, f_star=f_star, n=0)
    cond = Conditioning(eigenvalues=lam, eigenvectors=_eigenvectors(G, lam_max),
                        lam_min=lam_min, lam_max=lam_max)
    return Fit(quadratic=quadratic, conditioning=cond, spreads=spreads)


def raw(d: Draws, *, a_hi: float, b_hi: float, w1: float, w2: float, noise: float) -> Fit:
    """``mean((X w - y)^2)`` on the raw features (no intercept)."""
    R = [[float(x) for x in row] for row in d.R]
    alpha, beta = a_hi - 1.0, b_hi - 1.0
    S = [[R[0][0] + alpha * R[0][1], R[0][0] + beta * R[0][2]],
         [alpha * R[1][1], beta * R[1][2]],
         [0.0, beta * R[2][2]]]
    r = [R[0][3], R[1][3], R[2][3]]
    spreads = np.array([abs(alpha) * abs(R[1][1]),
                        abs(beta) * math.sqrt(R[1][2] * R[1][2] + R[2][2] * R[2][2])])
    target = [S[k][0] * w1 + S[k][1] * w2 + noise * r[k] for k in range(3)]
    fit = _fit(S, r, R[3][3], [w1, w2], noise, spreads, target)
    return _with_n(fit, d.n)


def standardized(d: Draws, *, a_hi: float, b_hi: float, w1: float, w2: float,
                 noise: float) -> Fit:
    """``mean((Z v - (y - mean y))^2)`` on the standardized features ``Z``.

    A feature whose range is a point (``hi == 1``) is constant and standardizes to zero, as
    :func:`bnviz.core.preprocessing.standardize` makes it.
    """
    R = [[float(x) for x in row] for row in d.R]
    alpha, beta = a_hi - 1.0, b_hi - 1.0
    sa, sb = abs(R[1][1]), math.sqrt(R[1][2] * R[1][2] + R[2][2] * R[2][2])
    ka = 1.0 / sa if alpha != 0.0 and sa > 0.0 else 0.0
    kb = 1.0 / sb if beta != 0.0 and sb > 0.0 else 0.0
    S = [[R[1][1] * ka, R[1][2] * kb], [0.0, R[2][2] * kb], [0.0, 0.0]]
    r = [R[1][3], R[2][3], R[3][3]]
    # The signal's exact fit, in z units: w1 alpha (uA - mean) = (w1 alpha sA) zA.
    base = [w1 * alpha * sa if ka else 0.0, w2 * beta * sb if kb else 0.0]
    spreads = np.array([abs(alpha) * sa, abs(beta) * sb])
    target = [S[k][0] * base[0] + S[k][1] * base[1] + noise * r[k] for k in range(3)]
    fit = _fit(S, r, 0.0, base, noise, spreads, target)
    return _with_n(fit, d.n)


def _with_n(fit: Fit, n: int) -> Fit:
    q = fit.quadratic
    return Fit(quadratic=Quadratic(G=q.G, b=q.b, w_star=q.w_star, f_star=q.f_star, n=n),
               conditioning=fit.conditioning, spreads=fit.spreads)
