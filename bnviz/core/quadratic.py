"""The least-squares cost of a linear model, from sufficient statistics.

For ``X`` of shape (n, d) and ``y`` of shape (n,), the mean squared error

    f(w) = (1/n) ||X w - y||^2 = w^T G w - 2 w^T b + c,
    G = X^T X / n,  b = X^T y / n,  c = y^T y / n,

depends on the data only through ``(G, b, c)``. Everything here (cost, gradient, surface on
a grid, descent) costs O(d^2) per point whether n is 100 or 10 million.

Accuracy: evaluating the expanded form far from the optimum subtracts numbers of similar
size and loses digits. We store the optimum ``w_star`` and the residual ``f_star`` (computed
once from the data), and evaluate the centred form

    f(w) = f_star + (w - w_star)^T G (w - w_star),

which is a sum of non-negative terms when G is positive semi-definite: no cancellation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Quadratic:
    """Sufficient statistics of a least-squares problem.

    Attributes
    ----------
    G : ndarray, shape (d, d)
        ``X^T X / n``; the Hessian of f is ``2 G``.
    b : ndarray, shape (d,)
        ``X^T y / n``.
    w_star : ndarray, shape (d,)
        A minimiser (the minimum-norm one when G is singular).
    f_star : float
        ``f(w_star)``, the mean squared residual, computed from the data.
    n : int
        Number of rows the statistics summarise.
    """

    G: np.ndarray
    b: np.ndarray
    w_star: np.ndarray
    f_star: float
    n: int

    @property
    def hessian(self) -> np.ndarray:
        return 2.0 * self.G

    def cost(self, w: np.ndarray) -> np.ndarray:
        """f at ``w`` of shape (..., d); returns shape (...)."""
        return self.f_star + self.excess(w)

    def excess(self, w: np.ndarray) -> np.ndarray:
        """``f(w) - f_star`` at ``w`` of shape (..., d), computed without subtracting.

        ``sum_i sum_j e_i G_ij e_j`` with ``e = w - w_star``, each term ``(e_i G_ij) e_j``,
        added left to right with i, then j, ascending. Written out rather than by einsum,
        whose order depends on the shape (numpy 2.x sums one vector as
        ``(t00 + t01) + (t10 + t11)`` and a stack of them left to right): this fixed order
        is the one :mod:`bnviz.core.gridrun` and the browser's ``race_numerics.js`` follow,
        bit for bit.
        """
        e = np.asarray(w, dtype=float) - self.w_star
        d = e.shape[-1]
        total = np.zeros(e.shape[:-1])
        for i in range(d):
            for j in range(d):
                total = total + e[..., i] * self.G[i, j] * e[..., j]
        return total

    def gradient(self, w: np.ndarray) -> np.ndarray:
        """``2 G (w - w_star)`` at ``w`` of shape (..., d); returns shape (..., d).

        Summed term by term (``sum_i e_i G_ij``, i ascending) rather than by ``e @ G``: a
        BLAS matmul may fuse multiply-adds or reorder them by CPU, and the vectorized grid of
        :mod:`bnviz.core.gridrun` must follow every run of :func:`bnviz.core.descent.run`
        bit for bit on any machine.
        """
        e = np.asarray(w, dtype=float) - self.w_star
        return 2.0 * (e[..., :, None] * self.G).sum(axis=-2)


def from_data(X: np.ndarray, y: np.ndarray) -> Quadratic:
    """Sufficient statistics of ``mean((X w - y)^2)``; one O(n d^2) pass over the data."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = X.shape[0]
    G = X.T @ X / n
    b = X.T @ y / n
    # lstsq on the data, not solve on G: it keeps full precision when X is ill-conditioned
    # (G squares the condition number) and gives the minimum-norm solution when singular.
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    f_star = float(np.mean((X @ w_star - y) ** 2))
    return Quadratic(G=G, b=b, w_star=w_star, f_star=f_star, n=n)


def pointwise_cost(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The cost computed row by row over the data, for checks and benchmarks.

    ``w`` has shape (m, d); returns shape (m,). O(n m d) time, chunked to bound memory.
    """
    w = np.atleast_2d(np.asarray(w, dtype=float))
    n = X.shape[0]
    out = np.empty(w.shape[0])
    chunk = max(1, 4_000_000 // max(n, 1))  # residual block of at most 32 MB
    for start in range(0, w.shape[0], chunk):
        r = X @ w[start:start + chunk].T
        r -= y[:, None]
        out[start:start + chunk] = np.einsum("ij,ij->j", r, r) / n
    return out


@dataclass(frozen=True)
class Surface:
    """The cost on a regular grid over (w1, w2).

    Attributes
    ----------
    w1 : ndarray, shape (k1,)
    w2 : ndarray, shape (k2,)
    cost : ndarray, shape (k2, k1)
        ``cost[j, i] = f(w1[i], w2[j])`` (rows follow w2, as Plotly's z does).
    """

    w1: np.ndarray
    w2: np.ndarray
    cost: np.ndarray


def surface(q: Quadratic, w1: np.ndarray, w2: np.ndarray) -> Surface:
    """Evaluate ``q`` on the grid ``w1 x w2`` (two-feature problems only)."""
    W1, W2 = np.meshgrid(w1, w2)
    return Surface(w1=np.asarray(w1, float), w2=np.asarray(w2, float),
                   cost=q.cost(np.stack([W1, W2], axis=-1)))
