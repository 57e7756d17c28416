import warnings

import numpy as np
import pytest

from bnviz.core import quadratic
from bnviz.core.batches import stream
from bnviz.lessons.batch import minibatch
from bnviz.lessons.batch.settings import MiniSpec, SplitSpec
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec


def _run_all(features, target, *, size, seed, last, lr, steps, w0, tol, eps, momentum):
    """``run_all`` from the settings spelled out (the tests vary them one at a time)."""
    return minibatch.run_all(features, target, SplitSpec(size=size, seed=seed, last=last),
                             MiniSpec(lr=lr, steps=steps, w1_0=float(w0[0]), w2_0=float(w0[1]),
                                      tol=tol), eps=eps, momentum=momentum)


@pytest.fixture(scope="module")
def data():
    return two_features(DataSpec())


def runs(d, **kw):
    opts = dict(size=10, seed=0, last="keep", lr=0.05, steps=150, w0=np.array([1.0, -2.0]),
                tol=1e-3, eps=1e-5, momentum=0.1)
    opts.update(kw)
    return _run_all(d.X, d.y, **opts)


def test_all_start_from_the_same_model_and_costs_are_true_errors(data):
    r = runs(data)
    A1 = np.column_stack([data.X, np.ones(len(data.y))])
    for t in r.runs.values():
        np.testing.assert_allclose(t.weights[0], [1.0, -2.0, 0.0], atol=1e-12)
        idx = np.arange(0, len(t.cost), 7)
        np.testing.assert_allclose(t.cost[idx], quadratic.pointwise_cost(A1, data.y, t.weights[idx]),
                                   rtol=1e-9)


def test_the_map_is_the_best_intercept_cost(data):
    r = runs(data)
    assert r.profile.f_star == pytest.approx(r.full.f_star, rel=1e-9)
    np.testing.assert_allclose(r.profile.w_star, r.full.w_star[:2], rtol=1e-9)
    # no model lies below the map at its slopes
    for t in r.runs.values():
        assert (t.cost >= r.profile.cost(t.weights[:, :2]) * (1 - 1e-12)).all()


def test_batchnorm_run_matches_a_reference_written_from_the_formulas(data):
    eps, m, lr = 1e-3, 0.3, 0.05
    r = runs(data, eps=eps, momentum=m, lr=lr, steps=40, size=7)
    X, y = data.X, data.y
    v, c = np.array([1.0, -2.0]) * np.sqrt(1 + eps), 0.0
    rm, rv = np.zeros(2), np.ones(2)
    it = stream(100, 7, seed=0, last="keep")
    for k in range(40):
        rows = next(it)[2]
        x = X[rows]
        mu, var = x.mean(0), x.var(0)
        xh = (x - mu) / np.sqrt(var + eps)
        res = xh @ v + c - y[rows]
        v, c = v - lr * 2 * xh.T @ res / len(rows), c - lr * 2 * res.mean()
        rm = (1 - m) * rm + m * mu
        if len(rows) > 1:
            rv = (1 - m) * rv + m * x.var(0, ddof=1)
        w = v / np.sqrt(rv + eps)
        np.testing.assert_allclose(r.batchnorm.weights[k + 1], [*w, c - w @ rm], rtol=1e-9, atol=1e-9)


def test_one_batch_of_everything_is_full_batch_descent_on_standardized_features(data):
    r = runs(data, size=100, steps=60)
    X, y = data.X, data.y
    mu, sd = X.mean(0), X.std(0)
    Z1 = np.column_stack([(X - mu) / sd, np.ones(100)])
    theta = np.array([1.0 * sd[0], -2.0 * sd[1], 1.0 * mu[0] - 2.0 * mu[1]])
    for k in range(60):
        theta = theta - 0.05 * 2 * Z1.T @ (Z1 @ theta - y) / 100
        w = theta[:2] / sd
        np.testing.assert_allclose(r.standardized.weights[k + 1], [*w, theta[2] - w @ mu], rtol=1e-9)
    assert (np.diff(r.standardized.cost) <= 1e-9).all()  # no noise: cost never rises


def test_smaller_batches_make_noisier_paths(data):
    def wobble(size):
        t = runs(data, size=size, steps=400, lr=0.02).standardized
        return np.std(np.diff(t.weights[200:, :2], axis=0))
    assert wobble(2) > 3 * wobble(50) > 0


def test_divergence_is_a_result_not_a_warning(data):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = runs(data, lr=5.0, steps=300)
    for t in r.runs.values():
        assert t.status == "diverged" and t.diverged_at is not None
        assert len(t.cost) == t.diverged_at + 1
    assert runs(data).raw.status == "diverged"  # 0.05 is far above raw's 2/lambda_max


def test_rate_marks_sit_just_inside_the_stability_limits(data):
    marks = minibatch.rate_marks(data.X)
    A1 = np.column_stack([data.X, np.ones(100)])
    Z = (data.X - data.X.mean(0)) / data.X.std(0)
    limits = {"2/λmax raw": 2 / np.linalg.eigvalsh(2 * A1.T @ A1 / 100)[-1],
              "2/λmax standardized": 2 / np.linalg.eigvalsh(2 * np.cov(Z.T, bias=True))[-1]}
    limits["2/λmax standardized"] = min(limits["2/λmax standardized"], 1.0)  # intercept: λ = 2
    for value, label in marks.items():
        assert 0.99 * limits[label] <= value <= limits[label]


def test_stable_raw_rate_descends_and_batch_size_one_freezes_batchnorm_slopes(data):
    r = runs(data, lr=5e-5, size=1)
    assert r.raw.status != "diverged" and r.raw.cost[-1] < r.raw.cost[0]
    # batch of one: x_hat = 0, so v never moves; the running variance never updates
    np.testing.assert_allclose(r.batchnorm.weights[:, :2], [[1.0, -2.0]] * len(r.batchnorm.cost),
                               rtol=1e-12)
