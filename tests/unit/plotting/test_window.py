"""The square window around the minimum."""

import numpy as np

from bnviz.core import descent, theory
from bnviz.plotting.paths import inside
from bnviz.plotting.window import bounds


def test_stable_path_stays_in_the_square_window(valley):
    lr = 0.99 * theory.conditioning(valley.q).lr_stable
    t = descent.run(valley.q, descent.GradientDescent(lr), w0=valley.w0, steps=500)
    assert t.status != "diverged"
    assert inside(t.weights, *bounds(valley.s2), margin=0.0) == len(t.weights)


def test_bounds_are_the_grid_ends_and_centred_on_the_minimum(valley):
    (x0, x1), (y0, y1) = bounds(valley.s3)
    assert (x0, x1, y0, y1) == (valley.s3.w1[0], valley.s3.w1[-1], valley.s3.w2[0], valley.s3.w2[-1])
    np.testing.assert_allclose([(x0 + x1) / 2, (y0 + y1) / 2], valley.q.w_star)
