"""Training loop, recording, depth sweep and the Santurkar et al. measures."""

from dataclasses import replace

import numpy as np
import pytest

from bnviz.core import datasets, mlp, recording, smoothness, sweep, training


@pytest.fixture(scope="module")
def digits():
    return datasets.load("digits", seed=0)


def test_bn_reaches_target_accuracy_in_fewer_steps(digits):
    # 3 hidden sigmoid layers on digits; plain SGD needs hundreds of steps, BN tens.
    spec = training.DeepSpec(
        depth=3, width=100, activation="sigmoid", init="xavier", lr=1.0, bn="before", seed=0
    )
    kw = dict(target_accuracy=0.85, max_steps=1000, eval_every=10)
    plain, _ = sweep.steps_to_target(spec.net_config("off"), spec, digits, **kw)
    with_bn, acc = sweep.steps_to_target(spec.net_config("before"), spec, digits, **kw)
    assert acc >= 0.85
    assert np.isfinite(plain) and np.isfinite(with_bn)
    assert 5 * with_bn < plain


def test_both_networks_start_from_same_weights_and_batches(digits):
    spec = training.DeepSpec(depth=2, width=16)
    runs = [training.updates(spec.net_config(bn), spec, digits, n_steps=3) for bn in ("off", "before")]
    for (s0, p0, _, x0, y0, _), (s1, p1, _, x1, y1, _) in zip(*runs, strict=True):
        assert s0 == s1 and np.array_equal(x0, x1) and np.array_equal(y0, y1)
        if s0 == 0:
            assert all(np.array_equal(a.W, b.W) for a, b in zip(p0, p1, strict=True))


def test_sgd_update_is_pure_and_momentum_accumulates():
    p = (mlp.LayerParams(np.ones((2, 2)), np.zeros(2)),)
    g = (mlp.LayerParams(np.full((2, 2), 0.5), np.ones(2)),)
    v = mlp.tree_map(np.zeros_like, p)
    p1, v1 = training.sgd_update(p, g, v, lr=0.1, momentum=0.9)
    p2, _ = training.sgd_update(p1, g, v1, lr=0.1, momentum=0.9)
    assert np.array_equal(p[0].W, np.ones((2, 2)))
    assert np.allclose(p1[0].W, 0.95) and np.allclose(p2[0].W, 0.95 - 0.045 - 0.05)


def test_train_pair_yields_progress_on_schedule(digits):
    spec = training.DeepSpec(depth=2, width=16, steps=40, n_records=5)
    reports = list(training.train_pair(spec, data=digits))
    assert [r.step for r in reports] == [0, 10, 20, 30, 40]
    final = reports[-1].result
    assert reports[-1].fraction == 1.0
    for rec, bn in [(final.plain, "off"), (final.bn, "before")]:
        assert rec.config.bn == bn
        assert rec.steps.tolist() == [0, 10, 20, 30, 40]
        assert rec.train_loss.shape == (40,) and np.all(np.isfinite(rec.train_loss))
        assert rec.unit_percentiles.shape == (5, 3)
        assert np.all(np.diff(rec.unit_percentiles, axis=1) >= 0)
        assert rec.hist_counts.shape == (5, 2, recording.N_BINS)
        held = min(len(digits.x_test), recording.HELD_OUT_ROWS)
        assert np.all(rec.hist_counts.sum(axis=2) == held * 16)
        assert rec.loss_band.shape == (5, 2) and np.all(rec.loss_band[:, 0] <= rec.loss_band[:, 1])
    # Partial results grow with the run.
    assert len(reports[1].result.plain.steps) == 2


def test_percentiles_are_those_of_the_unit_input_on_held_out_batch(digits):
    spec = training.DeepSpec(depth=2, width=16, steps=10, n_records=2)
    rec = training.run(spec, data=digits, unit=3).bn
    config = spec.net_config("before")
    params, states = mlp.init_params(config, n_inputs=64, n_outputs=10, seed=spec.seed)
    _, cache, _ = mlp.forward(digits.x_test, params, states, config, training=True)
    expected = np.percentile(cache.act_inputs[-1][:, 3], [15, 50, 85])
    assert np.allclose(rec.unit_percentiles[0], expected, rtol=1e-6)


def test_recorded_memory_is_bounded_by_schedule():
    data = datasets.load("circles", seed=1)
    sizes = {}
    for steps in (50, 800):
        spec = training.DeepSpec(
            dataset="circles", depth=2, width=8, steps=steps, n_records=6, batch_size=32, lr=0.5
        )
        result = training.run(spec, data=data)
        bound = recording.record_nbytes_bound(steps, 6, depth=2, n_etas=spec.n_etas)
        for rec in (result.plain, result.bn):
            assert rec.nbytes <= bound
            assert len(rec.steps) == 6
        sizes[steps] = result.bn.nbytes - result.bn.train_loss.nbytes
    # Beyond the per-step loss, a 16x longer run records exactly as much.
    assert sizes[50] == sizes[800]
    # The largest allowed setting stays far below 200 MB.
    largest = recording.record_nbytes_bound(training.DeepSpec.STEPS_RANGE[1], 201, depth=10, n_etas=12)
    assert 2 * largest < 200e6


def _direct_loss(w, x, y):
    """Independent tiny net: x (N,3) -> dense -> BN -> tanh -> dense -> softmax CE."""
    W1, b1, gamma, beta, W2, b2 = w
    z = x @ W1 + b1
    zn = (z - z.mean(0)) / np.sqrt(z.var(0) + 1e-5) * gamma + beta
    logits = np.tanh(zn) @ W2 + b2
    logp = logits - np.log(np.exp(logits).sum(1, keepdims=True))
    return -np.mean(logp[np.arange(len(y)), y])


def _direct_grad(w, x, y, h=1e-6):
    grads = []
    for a in w:
        g = np.zeros_like(a)
        for i in np.ndindex(a.shape):
            old = a[i]
            a[i] = old + h
            fp = _direct_loss(w, x, y)
            a[i] = old - h
            fm = _direct_loss(w, x, y)
            a[i] = old
            g[i] = (fp - fm) / (2 * h)
        grads.append(g)
    return grads


def test_santurkar_measures_match_direct_computation():
    config = mlp.NetConfig(depth=1, width=4, activation="tanh", init="xavier", bn="before")
    params, states = mlp.init_params(config, n_inputs=3, n_outputs=3, seed=2, dtype=np.float64)
    rng = np.random.default_rng(3)
    params = mlp.tree_map(lambda a: a + rng.normal(0, 0.3, a.shape), params)
    x, y = rng.normal(size=(10, 3)), rng.integers(0, 3, 10)
    etas = np.array([0.01, 0.1, 1.0])
    land = smoothness.measure(params, states, x, y, config, etas=etas)

    w = [params[0].W, params[0].b, params[0].gamma, params[0].beta, params[1].W, params[1].b]
    w = [a.copy() for a in w]
    g = _direct_grad(w, x, y)
    assert np.isclose(land.loss, _direct_loss(w, x, y), rtol=1e-12)
    assert np.isclose(land.grad_norm, np.sqrt(sum(np.sum(a * a) for a in g)), rtol=1e-6)
    for k, eta in enumerate(etas):
        moved = [a - eta * ga for a, ga in zip(w, g, strict=True)]
        assert np.isclose(land.losses[k], _direct_loss(moved, x, y), rtol=1e-8)
        g_moved = _direct_grad(moved, x, y)
        change = np.sqrt(sum(np.sum((a - b) ** 2) for a, b in zip(g_moved, g, strict=True)))
        assert np.isclose(land.grad_changes[k], change, rtol=1e-5)
    assert land.loss_band == (land.losses.min(), land.losses.max())


def test_depth_sweep_reports_each_run():
    data = datasets.load("circles", seed=0)
    spec = training.DeepSpec(dataset="circles", width=16, activation="tanh", init="xavier", lr=0.5)
    reports = list(
        sweep.depth_sweep(spec, depths=[1, 2], target_accuracy=0.8, max_steps=300, eval_every=20, data=data)
    )
    assert [(r.depth, r.bn) for r in reports] == [(1, "off"), (1, "before"), (2, "off"), (2, "before")]
    assert np.isnan(reports[0].result.steps_bn[0]) and np.isnan(reports[0].result.steps_plain[1])
    final = reports[-1].result
    for steps, acc in [
        (final.steps_plain, final.final_accuracy_plain),
        (final.steps_bn, final.final_accuracy_bn),
    ]:
        reached = np.isfinite(steps)
        assert np.all(acc[reached] >= 0.8) and np.all(acc[~reached] < 0.8)
        assert np.all(steps[reached] % 20 == 0)


def test_unreachable_target_gives_nan(digits):
    spec = training.DeepSpec(depth=1, width=8)
    steps, acc = sweep.steps_to_target(
        spec.net_config("off"), spec, digits, target_accuracy=1.01, max_steps=20, eval_every=10
    )
    assert np.isnan(steps) and 0 <= acc <= 1


def test_spec_validates_bounds():
    with pytest.raises(ValueError):
        training.DeepSpec(depth=11)
    with pytest.raises(ValueError):
        replace(training.DeepSpec(), optimizer="adam")
    with pytest.raises(ValueError):
        training.train_pair(training.DeepSpec(width=8), unit=8)


def test_blas_thread_count_is_restored_after_a_run(digits):
    from bnviz.core import blas

    before = blas.get_threads()
    run = training.train_pair(training.DeepSpec(depth=1, width=8, steps=20), data=digits)
    next(run)
    if before is not None:
        assert blas.get_threads() == 1
    run.close()  # a page that stops early
    assert blas.get_threads() == before
