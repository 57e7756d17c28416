"""Gradient descent on many quadratics and many learning rates at once.

A map of convergence is a grid of R problems (rows) x C learning rates (columns). Every
cell is a full-batch run of ``w <- w - lr * 2 G (w - w*)`` on a two-weight quadratic, so
one step of the whole grid is a handful of elementwise operations on arrays of shape
(R, C): no Python loop over cells.

The arithmetic is written out element by element in the same order as
:meth:`bnviz.quadratic.Quadratic.gradient` (``2 * (e @ G)``) and
:meth:`~bnviz.quadratic.Quadratic.excess` (``sum_i sum_j e_i G_ij e_j``, left to right), so
each cell follows bit for bit the path :func:`bnviz.descent.run` would take with
:class:`~bnviz.descent.GradientDescent`, and stops, converges or diverges at the same step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bnviz.core.descent import DIVERGED_GROWTH

CONVERGED, STALLED, DIVERGED = 0, 1, 2
STATUS_NAMES = ("converged", "stalled", "diverged")


@dataclass(frozen=True)
class GridResult:
    """What every cell of the grid did.

    Attributes
    ----------
    status : ndarray of int8, shape (R, C)
        ``CONVERGED``, ``STALLED`` or ``DIVERGED`` (names in ``STATUS_NAMES``).
    steps_to_tol : ndarray of int, shape (R, C)
        First step whose relative excess ``(f_k - f*) / (f_0 - f*)`` is at most ``tol``;
        -1 where the cell did not converge.
    diverged_at : ndarray of int, shape (R, C)
        Step at which the excess left ``DIVERGED_GROWTH`` times the start's; -1 otherwise.
    final_weights : ndarray, shape (R, C, 2)
        Where each run stopped: after ``steps`` steps, or at ``diverged_at``.
    final_relative : ndarray, shape (R, C)
        Relative excess at the last step of a run that did not diverge (NaN where it did).
    steps, tol : int, float
    """

    status: np.ndarray
    steps_to_tol: np.ndarray
    diverged_at: np.ndarray
    final_weights: np.ndarray
    final_relative: np.ndarray
    steps: int
    tol: float


def _excess(e0: np.ndarray, e1: np.ndarray, G: tuple[np.ndarray, ...]) -> np.ndarray:
    g00, g01, g10, g11 = G
    return e0 * g00 * e0 + e0 * g01 * e1 + e1 * g10 * e0 + e1 * g11 * e1


def run_grid(G: np.ndarray, w_star: np.ndarray, lr: np.ndarray, *, w0: np.ndarray,
             steps: int, tol: float) -> GridResult:
    """Run plain gradient descent in every cell of rows x learning rates.

    Parameters
    ----------
    G : ndarray, shape (R, 2, 2)
        ``X^T X / n`` of each row's problem (the Hessian is ``2 G``).
    w_star : ndarray, shape (R, 2)
        Each row's minimiser.
    lr : ndarray, shape (C,)
        The learning rates of the columns.
    w0 : ndarray, shape (R, 2) or (2,)
        The start of every run of a row.
    steps : int
        Step budget of every cell.
    tol : float
        Relative excess cost at which a run counts as converged.

    Returns
    -------
    GridResult
    """
    G = np.asarray(G, dtype=float)
    w_star = np.asarray(w_star, dtype=float)
    lr = np.asarray(lr, dtype=float)[None, :]
    R, C = G.shape[0], lr.shape[1]
    w0 = np.broadcast_to(np.asarray(w0, dtype=float), (R, 2))
    # Per-row constants broadcast over the columns: shape (R, 1).
    g = tuple(G[:, i, j][:, None] for i in (0, 1) for j in (0, 1))
    s0, s1 = w_star[:, 0][:, None], w_star[:, 1][:, None]
    w_a = np.repeat(w0[:, 0][:, None], C, axis=1)
    w_b = np.repeat(w0[:, 1][:, None], C, axis=1)

    ex0 = _excess(w_a - s0, w_b - s1, g)
    limit = DIVERGED_GROWTH * np.maximum(ex0, math.ulp(1.0))
    # A start at the optimum has nothing to descend: every step is "converged" (as in finish).
    safe_ex0 = np.where(ex0 > 0, ex0, 1.0)
    flat = ex0 <= 0

    hit = np.where(flat | (ex0 / safe_ex0 <= tol), 0, -1)
    div = np.full((R, C), -1)
    end_a, end_b = w_a.copy(), w_b.copy()
    alive = np.ones((R, C), dtype=bool)
    with np.errstate(all="ignore"):
        for k in range(1, steps + 1):
            e_a, e_b = w_a - s0, w_b - s1
            # grad = 2 * (e @ G), summed in the order numpy's matmul uses for 2 x 2
            w_a = w_a - lr * (2.0 * (e_a * g[0] + e_b * g[2]))
            w_b = w_b - lr * (2.0 * (e_a * g[1] + e_b * g[3]))
            ex = _excess(w_a - s0, w_b - s1, g)
            blown = alive & ~(ex <= limit)
            if blown.any():
                div[blown] = k
                end_a[blown], end_b[blown] = w_a[blown], w_b[blown]
                alive &= ~blown
                if not alive.any():
                    break
            rel = np.where(flat, 0.0, ex / safe_ex0)
            hit = np.where((hit < 0) & alive & (rel <= tol), k, hit)

    end_a = np.where(alive, w_a, end_a)
    end_b = np.where(alive, w_b, end_b)
    with np.errstate(all="ignore"):
        final_rel = np.where(flat, 0.0, _excess(end_a - s0, end_b - s1, g) / safe_ex0)
    status = np.where(~alive, DIVERGED, np.where(hit >= 0, CONVERGED, STALLED)).astype(np.int8)
    return GridResult(status=status, steps_to_tol=np.where(alive, hit, -1), diverged_at=div,
                      final_weights=np.stack([end_a, end_b], axis=-1),
                      final_relative=np.where(alive, final_rel, np.nan), steps=int(steps),
                      tol=float(tol))
