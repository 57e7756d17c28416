import numpy as np
import pytest

from bnviz.core import quadratic
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec


@pytest.fixture(scope="module")
def data():
    return two_features(DataSpec())


def test_cost_from_statistics_equals_pointwise(data):
    q = quadratic.from_data(data.X, data.y)
    rng = np.random.default_rng(0)
    w = rng.normal(scale=5, size=(50, 2))
    np.testing.assert_allclose(q.cost(w), quadratic.pointwise_cost(data.X, data.y, w), rtol=1e-12)


def test_expanded_form_agrees_where_it_is_accurate(data):
    q = quadratic.from_data(data.X, data.y)
    c = data.y @ data.y / data.n
    w = np.array([1.0, 2.0])
    np.testing.assert_allclose(q.cost(w), w @ q.G @ w - 2 * w @ q.b + c, rtol=1e-9)


def test_gradient_equals_finite_differences(data):
    q = quadratic.from_data(data.X, data.y)
    rng = np.random.default_rng(1)
    for w in rng.normal(scale=3, size=(5, 2)):
        h = 1e-6
        fd = [(q.cost(w + h * e) - q.cost(w - h * e)) / (2 * h) for e in np.eye(2)]
        np.testing.assert_allclose(q.gradient(w), fd, rtol=1e-6)


def test_optimum_is_least_squares_and_gradient_vanishes(data):
    q = quadratic.from_data(data.X, data.y)
    np.testing.assert_allclose(q.w_star, np.linalg.lstsq(data.X, data.y, rcond=None)[0])
    np.testing.assert_allclose(q.gradient(q.w_star), 0, atol=1e-9)
    np.testing.assert_allclose(q.w_star, [2, 3], atol=0.01)  # the article's true weights


def test_surface_grid_orientation(data):
    q = quadratic.from_data(data.X, data.y)
    s = quadratic.surface(q, np.linspace(0, 4, 5), np.linspace(1, 5, 3))
    assert s.cost.shape == (3, 5)
    assert s.cost[2, 1] == pytest.approx(float(q.cost(np.array([1.0, 5.0]))))


def test_singular_statistics_give_min_norm_solution():
    X = np.column_stack([np.zeros(10), np.arange(10.0)])
    q = quadratic.from_data(X, 2 * X[:, 1])
    np.testing.assert_allclose(q.w_star, [0, 2], atol=1e-12)
    assert q.f_star == pytest.approx(0, abs=1e-20)


def test_centred_form_keeps_digits_at_a_million_rows():
    d = two_features(DataSpec(n=1_000_000, b_hi=1e4))
    q = quadratic.from_data(d.X, d.y)
    w = np.stack(np.meshgrid(np.linspace(-2, 6, 7), np.linspace(-1, 7, 7)), axis=-1).reshape(-1, 2)
    exact = quadratic.pointwise_cost(d.X, d.y, w)
    np.testing.assert_allclose(q.cost(w), exact, rtol=1e-9)
    # near the optimum the expanded form loses the small excess to cancellation
    near = q.w_star + np.array([1e-5, -1e-6])
    expanded = near @ q.G @ near - 2 * near @ q.b + d.y @ d.y / d.n
    exact_near = quadratic.pointwise_cost(d.X, d.y, near[None])[0]
    assert abs(q.cost(near) - exact_near) <= abs(expanded - exact_near)
