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
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from bnviz.core import batchnorm, descent, quadratic, theory
from bnviz.core.batches import stream
from bnviz.core.batchnorm import RunningStats
from bnviz.core.preprocessing import standardize
from bnviz.i18n import N_
from bnviz.lessons.batch.settings import MiniSpec, SplitSpec
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
    lr : float
    size : int
        The batch size after clamping to ``1..n``.
    initial : RunningStats
        The running statistics the per-batch-normalized run starts from.
    """

    raw: descent.Trajectory
    standardized: descent.Trajectory
    batchnorm: descent.Trajectory
    full: quadratic.Quadratic
    profile: quadratic.Quadratic
    lr: float
    size: int
    initial: RunningStats

    @property
    def runs(self) -> dict[str, descent.Trajectory]:
        return {"raw": self.raw, "standardized": self.standardized, "batchnorm": self.batchnorm}


def _limit(full: quadratic.Quadratic, w0: np.ndarray, target: np.ndarray) -> float:
    # A model a million times worse than both the start and predicting zero has left for
    # infinity (as in bnviz.descent). The floor keeps a start at the optimum from calling
    # the noise of SGD a divergence.
    return descent.DIVERGED_GROWTH * max(float(full.excess(w0)), float(np.mean(target * target)),
                                         math.ulp(1.0))


def _finish(full: quadratic.Quadratic, path: list[np.ndarray], limit: float,
            tol: float) -> descent.Trajectory:
    weights = np.array(path)
    with np.errstate(all="ignore"):
        excess = full.excess(weights)
    bad = np.flatnonzero(~(excess <= limit))
    diverged_at = int(bad[0]) if bad.size else None
    if diverged_at is not None:
        weights = weights[: diverged_at + 1]
    return descent.finish(full, weights, tol=tol, diverged_at=diverged_at)


# What the two mini-batch runs plug into the same loop: the features a batch is fitted on
# (and the running state they update), and the raw models ``(w, c0)`` a run's parameter
# vectors are, all at once (rows of ``thetas``, with the state after each step).
State = RunningStats | None
Features = Callable[[np.ndarray, State], tuple[np.ndarray, State]]
ToRaw = Callable[[np.ndarray, list[State]], np.ndarray]
# Steps between two looks at whether a run has left for infinity. Looking costs as much as a
# step; a run past the limit only carries on a few steps, which _finish cuts off again, so
# the trajectory is the same as with a look after every step.
_LOOK_EVERY = 16


@dataclass(frozen=True)
class _Loop:
    """What every step of a mini-batch run needs besides its own rule."""

    features: np.ndarray
    target: np.ndarray
    full: quadratic.Quadratic
    lr: float
    steps: int
    limit: float
    tol: float


def _sgd(loop: _Loop, batches: Iterator[tuple[int, int, np.ndarray]], theta0: np.ndarray,
         featurize: Features, to_raw: ToRaw) -> descent.Trajectory:
    """Mini-batch SGD on ``mean((F v + c - y_B)^2)``, ``F = featurize(x_B, state)``."""
    theta = theta0.copy()
    state: State = None
    thetas, states = [theta], [state]
    with np.errstate(all="ignore"):
        for k in range(1, loop.steps + 1):
            _, _, rows = next(batches)
            fitted_on, state = featurize(loop.features[rows], state)
            residual = fitted_on @ theta[:-1] + theta[-1] - loop.target[rows]
            grad = 2.0 * np.append(fitted_on.T @ residual, residual.sum()) / len(rows)
            theta = theta - loop.lr * grad
            thetas.append(theta)
            states.append(state)
            if k % _LOOK_EVERY == 0 and not (
                    np.isfinite(theta).all()
                    and loop.full.excess(to_raw(theta[None, :], [state])[0]) <= loop.limit):
                break
        path = to_raw(np.array(thetas), states)
    return _finish(loop.full, list(path), loop.limit, loop.tol)


def start_of(spec: MiniSpec) -> np.ndarray:
    """The raw model's slopes every run starts from, ``(w1, w2)``."""
    return np.array([spec.w1_0, spec.w2_0], dtype=float)


def run_all(features: np.ndarray, target: np.ndarray, split: SplitSpec, spec: MiniSpec, *,
            eps: float, momentum: float) -> MiniRuns:
    """Run the three descents of ``spec`` (rate, steps, start, tolerance) on the batches of
    ``split``, from the raw model with slopes :func:`start_of` ``(spec)`` and intercept 0.

    Parameters
    ----------
    features, target : ndarray
        The data, ``(n, 2)`` and ``(n,)``.
    split : SplitSpec
        How the rows are cut into batches; the two mini-batch runs draw the same batches
        (same seed), epoch after epoch.
    spec : MiniSpec
        The descents' settings, shared by the three runs.
    eps, momentum : float, keyword-only
        The batch normalization layer's ε (the page's look at a batch sets it) and its running
        statistics' momentum (the page's running statistics set it): one layer on the page.
    """
    size, seed, last = split.size, split.seed, split.last
    lr, steps, tol, w0 = spec.lr, spec.steps, spec.tol, start_of(spec)
    features, target = np.asarray(features, float), np.asarray(target, float)
    rows, width = features.shape
    full = quadratic.from_data(np.column_stack([features, np.ones(rows)]), target)
    profile = quadratic.from_data(features - features.mean(axis=0), target - target.mean())
    start = np.append(np.asarray(w0, float), 0.0)
    loop = _Loop(features=features, target=target, full=full, lr=lr, steps=steps,
                 limit=_limit(full, start, target), tol=tol)

    raw = descent.run(full, descent.GradientDescent(lr), w0=start, steps=steps, tol=tol)

    stats = standardize(features)

    def z_features(batch: np.ndarray, state: State) -> tuple[np.ndarray, State]:
        return (batch - stats.mean_) / stats.scale_, state

    def z_to_raw(thetas: np.ndarray, states: list[State]) -> np.ndarray:
        slopes = thetas[:, :-1] / stats.scale_
        return np.column_stack([slopes, thetas[:, -1] - slopes @ stats.mean_])

    theta0 = np.append(start[:-1] * stats.scale_, start[-1] + start[:-1] @ stats.mean_)
    std_run = _sgd(loop, stream(rows, size, seed=seed, last=last), theta0, z_features, z_to_raw)

    ones, zeros = np.ones(width), np.zeros(width)
    initial = RunningStats.initial(width)

    def bn_features(batch: np.ndarray, state: State) -> tuple[np.ndarray, State]:
        out, _, new = batchnorm.forward(batch, ones, zeros, state or initial, training=True,
                                        eps=eps, momentum=momentum)
        return out, new

    def bn_to_raw(thetas: np.ndarray, states: list[State]) -> np.ndarray:
        # Each step's model at inference: its own running statistics (the start's: initial).
        means = np.array([(st or initial).mean_ for st in states])
        variances = np.array([(st or initial).var_ for st in states])
        slopes = thetas[:, :-1] / np.sqrt(variances + eps)
        return np.column_stack([slopes, thetas[:, -1] - np.sum(slopes * means, axis=1)])

    # Start at the same raw model at inference: v = w0 * sqrt(var0 + eps), c = c0 + w0 . mean0.
    bn0 = np.append(start[:-1] * np.sqrt(initial.var_ + eps),
                    start[-1] + start[:-1] @ initial.mean_)
    bn_run = _sgd(loop, stream(rows, size, seed=seed, last=last), bn0, bn_features, bn_to_raw)
    return MiniRuns(raw=raw, standardized=std_run, batchnorm=bn_run, full=full,
                    profile=profile, lr=lr, size=min(max(int(size), 1), rows), initial=initial)


def cost_maps(runs: MiniRuns, w0: np.ndarray) -> tuple[quadratic.Surface, quadratic.Surface]:
    """The best-intercept cost on a square window around its optimum that holds the start:
    a fine grid for the contour map and a coarse one for the 3D view."""
    coarse, fine = surfaces(runs.profile, *square_window(runs.profile.w_star, np.asarray(w0, float)))
    return fine, coarse


def _floor3(value: float) -> float:
    """``value`` rounded down to 3 significant digits: a short number still inside a limit."""
    exponent = math.floor(math.log10(value)) - 2
    return math.floor(value / 10.0**exponent) * 10.0**exponent


def rate_marks(features: np.ndarray) -> dict[float, str]:
    """Full-batch stability limits 2/lambda_max on raw ``[A, B, 1]`` and on standardized
    ``[zA, zB, 1]`` features (rounded down): landmarks for the shared learning rate, named in
    words marked for translation (the caller shows `_(word)`)."""
    rows = len(features)
    ones = np.ones((rows, 1))
    raw = theory.conditioning(quadratic.from_data(np.hstack([features, ones]), np.zeros(rows)))
    std = theory.conditioning(quadratic.from_data(np.hstack([standardize(features).Z, ones]),
                                                  np.zeros(rows)))
    return {_floor3(raw.lr_stable): N_("2/λmax raw"),
            _floor3(std.lr_stable): N_("2/λmax standardized")}
