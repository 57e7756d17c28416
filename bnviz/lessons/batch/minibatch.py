"""Descent on mini-batches, three ways, drawn in one coordinate system.

The model is a line with an intercept, ``y ~ w1 A + w2 B + c``, fitted by least squares.
Three runs, with the same learning rate and the same starting model:

- ``raw``: full-batch gradient descent on the raw features ``[A, B, 1]``;
- ``standardized``: mini-batch SGD on ``z = (x - mu) / sigma`` with the population's
  statistics (computed once), parameters ``(v, c)`` of ``v . z + c``;
- ``batchnorm``: mini-batch SGD where each batch is standardized with its own statistics
  (the layer of :mod:`bnviz.batchnorm`, gamma = 1 and beta = 0: the next layer's weights
  ``v`` and bias ``c`` do their job), ``v . x_hat_B + c``.

Common coordinates: every model is mapped to the raw model it predicts with, slopes ``w``
and intercept ``c0``: ``v . (x - mu) / s + c = (v / s) . x + (c - (v / s) . mu)``. For the
batch-normalized model that is its inference mode, with the running statistics
(``mu = running mean``, ``s = sqrt(running var + eps)``). Each run's cost is then the exact
mean squared error of that raw model on the full data, and the map under the paths is the
cost with the best intercept for the slopes ``(w1, w2)``: no path can lie below it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bnviz.core import batchnorm, descent, quadratic, theory
from bnviz.core.batches import stream
from bnviz.core.preprocessing import standardize
from bnviz.plotting.window import square_window, surfaces


@dataclass(frozen=True)
class MiniRuns:
    """The three runs, each with weights ``(w1, w2, c0)`` of the raw model, shape (k + 1, 3).

    Attributes
    ----------
    full : Quadratic
        The cost on ``[A, B, 1]`` (3 parameters): what each trajectory's cost is.
    profile : Quadratic
        The cost with the intercept at its best for the slopes: centred features and target
        (2 parameters, the map). Its minimum equals ``full``'s.
    """

    raw: descent.Trajectory
    standardized: descent.Trajectory
    batchnorm: descent.Trajectory
    full: quadratic.Quadratic
    profile: quadratic.Quadratic
    lr: float
    size: int

    @property
    def runs(self) -> dict[str, descent.Trajectory]:
        return {"raw": self.raw, "standardized": self.standardized, "batchnorm": self.batchnorm}


def _limit(full: quadratic.Quadratic, w0: np.ndarray, y: np.ndarray) -> float:
    # A model a million times worse than both the start and predicting zero has left for
    # infinity (as in bnviz.descent). The floor keeps a start at the optimum from calling
    # the noise of SGD a divergence.
    return descent.DIVERGED_GROWTH * max(float(full.excess(w0)), float(np.mean(y * y)),
                                         math.ulp(1.0))


def _finish(full: quadratic.Quadratic, path: list[np.ndarray], limit: float,
            tol: float) -> descent.Trajectory:
    weights = np.array(path)
    with np.errstate(all="ignore"):
        ex = full.excess(weights)
    bad = np.flatnonzero(~(ex <= limit))
    diverged_at = int(bad[0]) if bad.size else None
    if diverged_at is not None:
        weights = weights[: diverged_at + 1]
    return descent.finish(full, weights, tol=tol, diverged_at=diverged_at)


def _sgd(X, y, rows_stream, theta0, lr, steps, features, to_raw, full, limit, tol):
    """Mini-batch SGD on ``mean((F v + c - y_B)^2)``, ``F = features(x_B, state)``."""
    theta = theta0.copy()
    state = None
    path = [to_raw(theta, state)]
    with np.errstate(all="ignore"):
        for _ in range(steps):
            _, _, rows = next(rows_stream)
            F, state = features(X[rows], state)
            r = F @ theta[:-1] + theta[-1] - y[rows]
            grad = 2.0 * np.append(F.T @ r, r.sum()) / len(rows)
            theta = theta - lr * grad
            path.append(to_raw(theta, state))
            if not np.isfinite(theta).all() or full.excess(path[-1]) > limit:
                break
    return _finish(full, path, limit, tol)


def run_all(X: np.ndarray, y: np.ndarray, *, size: int, seed: int, last: str, lr: float,
            steps: int, w0: np.ndarray, tol: float, eps: float, momentum: float) -> MiniRuns:
    """Run the three descents from the raw model ``w0`` (slopes) with intercept 0.

    The two mini-batch runs draw the same batches (same seed), epoch after epoch.
    """
    X, y = np.asarray(X, float), np.asarray(y, float)
    n, d = X.shape
    full = quadratic.from_data(np.column_stack([X, np.ones(n)]), y)
    profile = quadratic.from_data(X - X.mean(axis=0), y - y.mean())
    start = np.append(np.asarray(w0, float), 0.0)
    limit = _limit(full, start, y)

    raw = descent.run(full, descent.GradientDescent(lr), w0=start, steps=steps, tol=tol)

    st = standardize(X)

    def z_features(x, state):
        return (x - st.mean_) / st.scale_, state

    def z_to_raw(theta, state):
        w = theta[:-1] / st.scale_
        return np.append(w, theta[-1] - w @ st.mean_)

    theta0 = np.append(start[:-1] * st.scale_, start[-1] + start[:-1] @ st.mean_)
    std_run = _sgd(X, y, stream(n, size, seed=seed, last=last), theta0, lr, steps,
                   z_features, z_to_raw, full, limit, tol)

    ones, zeros = np.ones(d), np.zeros(d)
    init = batchnorm.RunningStats.initial(d)

    def bn_features(x, state):
        out, _, new = batchnorm.forward(x, ones, zeros, state or init, training=True, eps=eps,
                                        momentum=momentum)
        return out, new

    def bn_to_raw(theta, state):
        s = state or init
        w = theta[:-1] / np.sqrt(s.var_ + eps)
        return np.append(w, theta[-1] - w @ s.mean_)

    # Start at the same raw model at inference: v = w0 * sqrt(var0 + eps), c = c0 + w0 . mean0.
    bn0 = np.append(start[:-1] * np.sqrt(init.var_ + eps), start[-1] + start[:-1] @ init.mean_)
    bn_run = _sgd(X, y, stream(n, size, seed=seed, last=last), bn0, lr, steps,
                  bn_features, bn_to_raw, full, limit, tol)
    return MiniRuns(raw=raw, standardized=std_run, batchnorm=bn_run, full=full,
                    profile=profile, lr=lr, size=min(max(int(size), 1), n))


def cost_maps(runs: MiniRuns, w0: np.ndarray) -> tuple[quadratic.Surface, quadratic.Surface]:
    """The best-intercept cost on a square window around its optimum that holds the start:
    a fine grid for the contour map and a coarse one for the 3D view."""
    coarse, fine = surfaces(runs.profile, *square_window(runs.profile.w_star, np.asarray(w0, float)))
    return fine, coarse


def _floor3(x: float) -> float:
    """``x`` rounded down to 3 significant digits: a short number still inside a limit."""
    e = math.floor(math.log10(x)) - 2
    return math.floor(x / 10.0**e) * 10.0**e


def rate_marks(X: np.ndarray) -> dict[float, str]:
    """Full-batch stability limits 2/lambda_max on raw ``[A, B, 1]`` and on standardized
    ``[zA, zB, 1]`` features (rounded down): landmarks for the shared learning rate."""
    n = len(X)
    ones = np.ones((n, 1))
    raw = theory.conditioning(quadratic.from_data(np.hstack([X, ones]), np.zeros(n)))
    std = theory.conditioning(quadratic.from_data(np.hstack([standardize(X).Z, ones]), np.zeros(n)))
    return {_floor3(raw.lr_stable): "2/λmax raw", _floor3(std.lr_stable): "2/λmax standardized"}
