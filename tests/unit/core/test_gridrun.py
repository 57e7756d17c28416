"""The vectorized grid runner and the map built on it."""

import dataclasses
import math

import numpy as np
import pytest

from bnviz.core import descent, quadratic
from bnviz.core.gridrun import CONVERGED, DIVERGED, STALLED, STATUS_NAMES, run_grid
from bnviz.core.preprocessing import standardize
from bnviz.core.theory import conditioning
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.where.convergence import (
    axis,
    cell_query,
    convergence_map,
    divergence_edge,
    edge_offsets,
    nearest,
)
from bnviz.lessons.where.settings import MapSpec
from bnviz.settings import from_query


def _loop_matches(q, lr, res, i, j, steps, tol, w0):
    t = descent.run(q, descent.GradientDescent(float(lr)), w0=w0, steps=steps, tol=tol)
    assert t.status == STATUS_NAMES[res.status[i, j]]
    assert (t.steps_to_tol if t.steps_to_tol is not None else -1) == res.steps_to_tol[i, j]
    assert (t.diverged_at if t.diverged_at is not None else -1) == res.diverged_at[i, j]
    # Bit for bit: the same arithmetic in the same order.
    assert np.array_equal(t.weights[-1], res.final_weights[i, j])
    if t.status != "diverged":
        assert res.final_relative[i, j] == pytest.approx(t.excess[-1] / t.excess[0], rel=1e-12)


def test_vectorized_equals_plain_loop_exactly_on_every_cell_of_a_small_grid():
    qs = [quadratic.from_data(d.X, d.y) for d in
          (two_features(DataSpec(b_hi=b, seed=3)) for b in (2.0, 30.0, 500.0, 9000.0))]
    lr = np.geomspace(1e-9, 3.0, 13)
    w0 = np.array([1.5, -2.0])
    res = run_grid(np.stack([q.G for q in qs]), np.stack([q.w_star for q in qs]), lr, w0=w0,
                   steps=250, tol=1e-6)
    assert {CONVERGED, STALLED, DIVERGED} <= set(np.unique(res.status))  # all three occur
    for i, q in enumerate(qs):
        for j in range(len(lr)):
            _loop_matches(q, lr[j], res, i, j, 250, 1e-6, w0)


def test_map_cells_equal_descent_run_on_the_map_quadratics():
    cmap = convergence_map(DataSpec(), MapSpec(cells=12, steps=200))
    for side in (cmap.raw, cmap.std):
        for i in (0, 5, 11):
            for j in range(0, 12, 3):
                _loop_matches(side.quadratics[i], cmap.lr[j], side.grid, i, j, 200, 1e-6,
                              np.zeros(2))


def test_start_at_the_optimum_counts_as_converged_at_step_zero():
    q = quadratic.from_data(*(lambda d: (d.X, d.y))(two_features(DataSpec())))
    res = run_grid(q.G[None], q.w_star[None], np.array([1e-5, 1.0]), w0=q.w_star, steps=5,
                   tol=1e-6)
    assert res.status.tolist() == [[CONVERGED, CONVERGED]]
    assert res.steps_to_tol.tolist() == [[0, 0]]


def test_map_rows_are_the_data_sets_make_two_features_draws():
    spec = DataSpec(seed=7, noise=2.0, n=300)
    cmap = convergence_map(spec, MapSpec(cells=6))
    for r in (0, 3, 5):
        d = two_features(dataclasses.replace(spec, b_hi=float(cmap.b_hi[r])))
        q = quadratic.from_data(d.X, d.y)
        mq = cmap.raw.quadratics[r]
        np.testing.assert_allclose(mq.G, q.G, rtol=1e-12)
        np.testing.assert_allclose(mq.w_star, q.w_star, rtol=1e-9)
        assert mq.f_star == pytest.approx(q.f_star, rel=1e-9)
        s = standardize(d.X)
        qs = quadratic.from_data(s.Z, d.y - d.y.mean())
        np.testing.assert_allclose(cmap.std.quadratics[r].G, qs.G, atol=1e-12)
        np.testing.assert_allclose(cmap.std.quadratics[r].w_star, qs.w_star, rtol=1e-9)
        # The row's ratio is the ratio of the two ranges.
        assert (cmap.b_hi[r] - 1) / (spec.a_hi - 1) == pytest.approx(cmap.ratio[r])


@pytest.mark.parametrize("data", [DataSpec(), DataSpec(a_hi=3.0, seed=11, noise=5.0),
                                  DataSpec(a_hi=1.0, n=50)])
def test_measured_divergence_edge_lies_within_one_cell_of_two_over_lambda_max(data):
    spec = MapSpec(cells=40, lr_lo=1e-9, lr_hi=10.0, r_lo=0.1, r_hi=1000.0)
    cmap = convergence_map(data, spec)
    cell = math.log(cmap.lr[1] / cmap.lr[0])
    for side in (cmap.raw, cmap.std):
        conds = [conditioning(q) for q in side.quadratics]
        np.testing.assert_allclose(side.lr_stable, [c.lr_stable for c in conds])
        st = side.grid.status
        for r in range(len(cmap.ratio)):
            edge = side.lr_stable[r]
            # Theory: below 2/λmax every error contracts, so nothing diverges...
            assert not np.any(st[r, cmap.lr < edge] == DIVERGED)
            # ...and a cell above it by more than a cell blows up fast (|1 - lr λ| > 2.3).
            assert np.all(st[r, cmap.lr > edge * math.exp(cell)] == DIVERGED)
        off = edge_offsets(side, cmap.lr)
        assert np.all(np.isfinite(off))  # the default grid holds every row's edge
        assert np.max(np.abs(off)) <= 1.0
        first = divergence_edge(side, cmap.lr)
        assert np.all(first > side.lr_stable)


def test_standardized_edge_is_the_same_on_every_row():
    cmap = convergence_map(DataSpec(), MapSpec(cells=10))
    np.testing.assert_allclose(cmap.std.lr_stable, cmap.std.lr_stable[0], rtol=1e-9)
    # ...while the raw edge moves by decades.
    assert cmap.raw.lr_stable[0] / cmap.raw.lr_stable[-1] > 1e4


def test_axis_orders_and_widens_degenerate_ranges():
    np.testing.assert_allclose(axis(10.0, 1.0, 3), [1.0, math.sqrt(10.0), 10.0])
    a = axis(2.0, 2.0, 4)
    assert a[0] == 2.0 and a[-1] == pytest.approx(20.0) and len(a) == 4
    assert nearest(np.array([1e-3, 1e-2, 1e-1]), 0.02) == 1


def test_cell_query_reproduces_the_cell_on_valley_vs_bowl():
    cmap = convergence_map(DataSpec(seed=5), MapSpec(cells=8, steps=123, tol=1e-5))
    q = cell_query(cmap, 3, 2)
    data, notes = from_query(DataSpec, q)
    desc, notes2 = from_query(DescentSpec, q)
    assert not notes and not notes2
    assert data == dataclasses.replace(DataSpec(seed=5), b_hi=float(cmap.b_hi[3]))
    assert (desc.rate_raw, desc.rate_std) == ("custom", "custom")
    assert desc.lr_raw == desc.lr_std == float(cmap.lr[2])
    assert (desc.steps, desc.tol) == (123, 1e-5)


def test_cell_query_refuses_cells_valley_vs_bowl_cannot_show():
    cmap = convergence_map(DataSpec(a_hi=100.0), MapSpec(cells=4, r_lo=1.0, r_hi=1e4))
    assert cmap.b_hi[-1] > 1e5
    assert cell_query(cmap, 3, 0) is None
    assert cell_query(cmap, 0, 0) is not None
