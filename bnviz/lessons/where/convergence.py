"""The map of convergence: gradient descent over learning rate x ratio of feature scales.

What "ratio of the two features' scales" means here. The data is the shared two-feature
set: A ~ U(1, a_hi), B ~ U(1, b_hi). The ratio is the range of B over the range of A,

    ratio = (b_hi - 1) / (a_hi - 1),

which is also the ratio of their standard deviations (``(hi - 1) / sqrt(12)`` for each).
Row r of the map is the data set with ``b_hi = 1 + ratio_r * (a_hi - 1)`` and every other
setting (a_hi, weights, noise, n, seed) from the page's data controls. When A is constant
(a_hi = 1) the ratio is taken against a unit range: ``b_hi = 1 + ratio``.

Reproducible from the seed, and cheap for any n. ``rng.uniform(1, h, n)`` is computed as
``1 + (h - 1) * rng.random(n)``, so every row's B is the same standard uniforms ``u``
stretched: ``B_r = 1 + s_r u`` with ``s_r = b_hi_r - 1``, bit for bit the B that
:func:`bnviz.data.make_two_features` draws with that b_hi. Each row's features and target
are then fixed linear combinations of the columns of ``Phi = [A, 1, u, e]`` (e the unit
noise), so one QR factorisation ``Phi = Q R`` (O(n), once) turns every row's least-squares
problem into a 4 x 2 one: ``min |X w - y| = min |R T_r w - R t_r|`` without squaring the
condition number. The standardized rows are the same with ``[zA, zu, e - mean e]``: the
standardized B does not depend on its range at all, only the target does.

Every run starts from :data:`START`, zero weights (raw), and from the same fitted line on the
standardized side (``v0 = w0 * std = 0``), as on "Valley vs bowl" with its default start.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from bnviz.core import theory
from bnviz.core.gridrun import DIVERGED, GridResult, run_grid
from bnviz.core.quadratic import Quadratic
from bnviz.i18n import N_
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.where.settings import MapSpec
from bnviz.settings import Param, param_of, to_query

# Where every run of the map starts, raw and standardized (``v0 = w0 * std = 0``).
START = np.zeros(2)


@dataclass(frozen=True)
class MapSide:
    """One map (raw or standardized): each row's quadratic, theory and the grid's result.

    Attributes
    ----------
    quadratics : tuple of Quadratic, length R
    lam_min, lam_max : ndarray, shape (R,)
        Smallest non-zero and largest eigenvalue of each row's Hessian ``2 G``.
    lr_stable, lr_optimal : ndarray, shape (R,)
        ``2 / lam_max`` and ``2 / (lam_min + lam_max)``.
    grid : GridResult
    """

    label: str
    quadratics: tuple[Quadratic, ...]
    lam_min: np.ndarray
    lam_max: np.ndarray
    lr_stable: np.ndarray
    lr_optimal: np.ndarray
    grid: GridResult


@dataclass(frozen=True)
class ConvergenceMap:
    """Both maps over the same grid.

    Attributes
    ----------
    lr : ndarray, shape (C,)
    ratio : ndarray, shape (R,)
    b_hi : ndarray, shape (R,)
        Upper bound of B that gives each row's ratio.
    range_a : float
        ``a_hi - 1``, or 1 when A is constant.
    ratio_now : float
        The ratio of the page's own data (its b_hi), to mark on the map.
    """

    lr: np.ndarray
    ratio: np.ndarray
    b_hi: np.ndarray
    range_a: float
    ratio_now: float
    a_constant: bool
    raw: MapSide
    std: MapSide
    data: DataSpec
    spec: MapSpec


def axis(lo: float, hi: float, cells: int) -> np.ndarray:
    """``cells`` log-spaced values from lo to hi (swapped if given backwards).

    An empty range (lo == hi) becomes one decade above lo, so a grid always exists.
    """
    lo, hi = sorted((float(lo), float(hi)))
    if not hi > lo:
        hi = lo * 10.0
    return np.geomspace(lo, hi, max(int(cells), 2))


def _base(spec: DataSpec) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A, the standard uniforms u behind B, and the unit noise e, in the article's order."""
    rng = np.random.default_rng(spec.seed)
    feature_a = rng.uniform(1.0, spec.a_hi, spec.n)
    uniforms = rng.random(spec.n)
    noise = rng.normal(size=spec.n)
    return feature_a, uniforms, noise


def _triangle(columns: list[np.ndarray]) -> np.ndarray:
    """``R`` of ``[columns] = Q R``: the few numbers every row's least squares needs."""
    return np.asarray(np.linalg.qr(np.column_stack(columns), mode="r"))


def _side(label: str, triangle: np.ndarray, maps: list[np.ndarray], targets: list[np.ndarray],
          rows: int, lr: np.ndarray, spec: MapSpec) -> MapSide:
    """Each map row's problem ``min |R T_r w - R t_r|`` (over ``rows`` data rows), run on the
    grid."""
    quads = []
    for to_features, to_target in zip(maps, targets, strict=True):
        features, target = triangle @ to_features, triangle @ to_target
        w_star = np.linalg.lstsq(features, target, rcond=None)[0]
        residual = features @ w_star - target
        quads.append(Quadratic(G=features.T @ features / rows, b=features.T @ target / rows,
                               w_star=w_star, f_star=float(residual @ residual / rows), n=rows))
    conds = [theory.conditioning(quad) for quad in quads]
    grid = run_grid(np.stack([quad.G for quad in quads]), np.stack([quad.w_star for quad in quads]),
                    lr, w0=START, steps=spec.steps, tol=spec.tol)
    return MapSide(label=label, quadratics=tuple(quads),
                   lam_min=np.array([c.lam_min for c in conds]),
                   lam_max=np.array([c.lam_max for c in conds]),
                   lr_stable=np.array([c.lr_stable for c in conds]),
                   lr_optimal=np.array([c.lr_optimal for c in conds]), grid=grid)


def convergence_map(data: DataSpec, spec: MapSpec) -> ConvergenceMap:
    """Raw and standardized maps for the data of ``data`` over the grid of ``spec``."""
    lr = axis(spec.lr_lo, spec.lr_hi, spec.cells)
    ratio = axis(spec.r_lo, spec.r_hi, spec.cells)
    a_constant = data.a_hi <= 1.0
    range_a = 1.0 if a_constant else data.a_hi - 1.0
    stretch = ratio * range_a
    feature_a, uniforms, noise = _base(data)
    rows = data.n

    # Raw: X_r = Phi T_r, y_r = Phi t_r with Phi = [A, 1, u, e].
    raw_triangle = _triangle([feature_a, np.ones(rows), uniforms, noise])
    raw_maps = [np.array([[1.0, 0.0], [0.0, 1.0], [0.0, row_stretch], [0.0, 0.0]])
                for row_stretch in stretch]
    raw_targets = [np.array([data.w1_true, data.w2_true, data.w2_true * row_stretch, data.noise])
                   for row_stretch in stretch]

    # Standardized: Z = [zA, zu] for every row (standardizing erases B's range); only the
    # centred target y - mean(y) = w1 sA zA + w2 s sU zu + noise (e - mean e) moves.
    spread_a, spread_u = feature_a.std(), uniforms.std()
    z_a = (feature_a - feature_a.mean()) / spread_a if spread_a > 0 else np.zeros(rows)
    std_triangle = _triangle([z_a, (uniforms - uniforms.mean()) / spread_u, noise - noise.mean()])
    std_maps = [np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])] * len(stretch)
    std_targets = [np.array([data.w1_true * spread_a, data.w2_true * row_stretch * spread_u,
                             data.noise]) for row_stretch in stretch]

    return ConvergenceMap(
        lr=lr, ratio=ratio, b_hi=1.0 + stretch, range_a=range_a,
        ratio_now=(data.b_hi - 1.0) / range_a, a_constant=a_constant,
        raw=_side(N_("raw"), raw_triangle, raw_maps, raw_targets, rows, lr, spec),
        std=_side(N_("standardized"), std_triangle, std_maps, std_targets, rows, lr, spec),
        data=data, spec=spec)


def nearest(values: np.ndarray, value: float) -> int:
    """Index of the entry of ``values`` closest to ``value`` on a log scale."""
    return int(np.argmin(np.abs(np.log(values) - math.log(max(value, 1e-300)))))


def divergence_edge(side: MapSide, lr: np.ndarray) -> np.ndarray:
    """Per row, the smallest learning rate whose run diverged (NaN when none did)."""
    diverged = side.grid.status == DIVERGED
    first = np.where(diverged.any(axis=1), np.argmax(diverged, axis=1), -1)
    return np.where(first >= 0, lr[np.maximum(first, 0)], np.nan)


@dataclass(frozen=True)
class OutOfBounds:
    """A value of the chosen cell that "Valley vs bowl" does not accept."""

    name: str
    value: float
    setting: Param


def out_of_bounds(cmap: ConvergenceMap, row: int, col: int) -> tuple[OutOfBounds, ...]:
    """The cell's b_hi and learning rate, where they lie outside that page's bounds."""
    b_hi, lr = float(cmap.b_hi[row]), float(cmap.lr[col])
    cell = (("b_hi", b_hi, param_of(DataSpec, "b_hi")),
            (N_("learning rate"), lr, param_of(DescentSpec, "lr_raw")))
    return tuple(OutOfBounds(name=name, value=value, setting=setting)
                 for name, value, setting in cell if not setting.contains(value))


def cell_query(cmap: ConvergenceMap, row: int, col: int) -> dict[str, str] | None:
    """URL parameters that open cell (row, col) on "Valley vs bowl", or None if it can't.

    Both sides run at the cell's learning rate, with the map's step budget and tolerance.
    None when the cell lies outside what that page accepts (:func:`out_of_bounds`).
    """
    if out_of_bounds(cmap, row, col):
        return None
    b_hi, lr = float(cmap.b_hi[row]), float(cmap.lr[col])
    data = dataclasses.replace(cmap.data, b_hi=b_hi)
    descent = DescentSpec(rate_raw="custom", lr_raw=lr, rate_std="custom", lr_std=lr,
                          steps=cmap.spec.steps, tol=cmap.spec.tol)
    return {**to_query(data), **to_query(descent)}


def edge_offsets(side: MapSide, lr: np.ndarray) -> np.ndarray:
    """Per row, the measured edge of divergence minus 2/λmax, in grid cells (log scale).

    The measured edge is the geometric midpoint between the first column whose run diverged
    and the column before it. NaN for a row where no column, or every column, diverged
    (the edge is outside the grid).
    """
    diverged = side.grid.status == DIVERGED
    first = np.argmax(diverged, axis=1)
    inside = diverged.any(axis=1) & (first > 0)
    after = np.maximum(first, 1)
    middle = 0.5 * (np.log(lr[after - 1]) + np.log(lr[after]))
    cell = np.log(lr[1]) - np.log(lr[0])
    with np.errstate(divide="ignore", invalid="ignore"):
        offsets = (middle - np.log(side.lr_stable)) / cell
    return np.where(inside, offsets, np.nan)


def with_data(cmap: ConvergenceMap, data: DataSpec) -> ConvergenceMap:
    """The same map marked with ``data``'s own ratio (its b_hi): the grid does not depend
    on b_hi (each row sets its own), so a cache can keep one map for every b_hi."""
    return dataclasses.replace(cmap, data=data, ratio_now=(data.b_hi - 1.0) / cmap.range_a)
