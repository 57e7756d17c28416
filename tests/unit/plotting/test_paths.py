"""Which steps become frames, which points get drawn, and the art of a path."""

import numpy as np
import pytest

from bnviz.plotting.paths import (
    MAX_FRAMES,
    MAX_POINTS,
    drawn_indices,
    evenly,
    frame_steps,
    inside,
    path_art,
)


def test_frame_steps_and_drawn_indices():
    assert frame_steps(5).tolist() == [0, 1, 2, 3, 4, 5]
    s = frame_steps(3000)
    assert len(s) <= MAX_FRAMES and s[0] == 0 and s[-1] == 3000 and np.all(np.diff(s) > 0)
    idx = drawn_indices(5000)
    assert len(idx) <= MAX_POINTS and idx[0] == 0 and idx[-1] == 5000 and np.all(np.diff(idx) > 0)
    assert drawn_indices(10).tolist() == list(range(11))


def test_inside_cuts_a_path_where_it_leaves_the_window():
    w = np.array([[0.0, 0.0], [1.0, 1.0], [10.0, 0.0], [0.0, 0.0]])
    assert inside(w, (-2, 2), (-2, 2), margin=0.0) == 2
    assert inside(w, (-2, 2), (-2, 2), margin=2.0) == 4
    assert inside(np.array([[0.0, np.inf]]), (-1, 1), (-1, 1)) == 0


@pytest.mark.parametrize("max_points", [2, 10, 60, 61, 120])
def test_drawn_indices_always_end_at_the_last_point(max_points):
    idx = drawn_indices(1000, max_points=max_points)
    assert idx[0] == 0 and idx[-1] == 1000 and len(idx) <= max_points


@pytest.mark.parametrize("upto", [200, 999, 1000, 4999])
def test_thinned_tail_uses_one_odd_stride(upto):
    idx = drawn_indices(upto)
    gaps = np.diff(idx[60:-1])
    assert len(set(gaps.tolist())) == 1 and gaps[0] % 2 == 1
    assert len(np.unique(idx)) == len(idx)


@pytest.mark.parametrize("n,most", [(1, 5), (5, 5), (6, 5), (1000, 7), (10_001, 600)])
def test_evenly_keeps_both_ends_and_at_most_most(n, most):
    idx = evenly(n, most)
    assert idx[0] == 0 and idx[-1] == n - 1 and len(idx) == min(n, most)
    assert np.all(np.diff(idx) > 0)


def test_path_art_cuts_where_the_path_leaves_the_view(valley):
    s = valley.s2
    far = np.array([10 * s.w1[-1], 10 * s.w2[-1]])
    w = np.array([valley.q.w_star, valley.q.w_star, far, valley.q.w_star])
    art = path_art("p", w, np.arange(4.0), color="red", view=s)
    assert len(art.weights) == 2 and art.cost.tolist() == [0.0, 1.0] and art.steps is None
    everything = path_art("p", w, np.arange(4.0), color="red")
    assert len(everything.weights) == 4


def test_path_art_keeps_the_start_of_a_path_that_leaves_at_once(valley):
    w = np.array([[1e9, 1e9], [2e9, 2e9]])
    art = path_art("p", w, np.array([1.0, 2.0]), color="red", view=valley.s2)
    assert len(art.weights) == 1 and art.step_of.tolist() == [0]


def test_path_art_thins_what_it_keeps_and_records_the_steps():
    w = np.zeros((101, 2))
    art = path_art("p", w, np.arange(101.0), color="red", thin=lambda last: evenly(last + 1, 11))
    assert art.step_of.tolist() == list(range(0, 101, 10))
    np.testing.assert_array_equal(art.cost, art.step_of)
