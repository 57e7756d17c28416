"""Training loop, recording, depth sweep and the Santurkar et al. measures."""

from dataclasses import replace

import numpy as np
import pytest

from bnviz.core import blas, datasets, mlp, recording, smoothness, sweep, training

NET = mlp.NetConfig(bn="before")
TRAIN = training.TrainConfig()


def small(*, depth=2, width=16, **train):
    """A small pair to train: the architecture (BN before) and its training."""
    return replace(NET, depth=depth, width=width), replace(TRAIN, **train)


@pytest.fixture(scope="module")
def digits():
    return datasets.load("digits", seed=0)


def test_bn_reaches_target_accuracy_in_fewer_steps(digits):
    # 3 hidden sigmoid layers on digits; plain SGD needs hundreds of steps, BN tens.
    net = mlp.NetConfig(depth=3, width=100, activation="sigmoid", init="xavier", bn="before")
    train = training.TrainConfig(lr=1.0, seed=0)
    kw = dict(target_accuracy=0.85, max_steps=1000, eval_every=10)
    plain, _ = sweep.steps_to_target(mlp.with_bn(net, "off"), train, digits, **kw)
    with_bn, acc = sweep.steps_to_target(net, train, digits, **kw)
    assert acc >= 0.85
    assert np.isfinite(plain) and np.isfinite(with_bn)
    assert 5 * with_bn < plain


def test_both_networks_start_from_same_weights_and_batches(digits):
    net, train = small()
    runs = [training.updates(mlp.with_bn(net, bn), train, digits, n_steps=3) for bn in ("off", "before")]
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
    net, train = small(steps=40, n_records=5)
    reports = list(training.train_pair(net, train, data=digits))
    assert [r.step for r in reports] == [0, 10, 20, 30, 40]
    final = reports[-1].result
    assert reports[-1].fraction == 1.0 and reports[-1].complete and not reports[-2].complete
    for rec, bn in [(final.plain, "off"), (final.bn, "before")]:
        assert rec.config.bn == bn
        assert rec.steps.tolist() == [0, 10, 20, 30, 40]
        assert rec.train_loss.shape == (40,) and np.all(np.isfinite(rec.train_loss))
        assert rec.unit_percentiles.shape == (5, 3)
        assert np.all(np.diff(rec.unit_percentiles, axis=1) >= 0)
        assert rec.hist_counts.shape == (5, 2, recording.N_BINS)
        held = min(len(digits.x_test), recording.HELD_OUT_ROWS)
        assert rec.held_out_rows == held
        assert np.all(rec.hist_counts.sum(axis=2) == held * 16)
        assert rec.layer_percentiles is None  # not asked for
        assert rec.loss_band.shape == (5, 2) and np.all(rec.loss_band[:, 0] <= rec.loss_band[:, 1])
    # Partial results grow with the run.
    assert len(reports[1].result.plain.steps) == 2


def test_percentiles_are_those_of_the_unit_input_on_held_out_batch(digits):
    net, train = small(steps=10, n_records=2)
    rec = training.run(net, train, data=digits, unit=3).bn
    config = net
    params, states = mlp.init_params(config, n_inputs=64, n_outputs=10, seed=train.seed)
    _, cache, _ = mlp.forward(digits.x_test, params, states, config, training=True)
    expected = np.percentile(cache.act_inputs[-1][:, 3], [15, 50, 85])
    assert np.allclose(rec.unit_percentiles[0], expected, rtol=1e-6)


def test_recorded_memory_is_bounded_by_schedule():
    data = datasets.load("circles", seed=1)
    sizes = {}
    for steps in (50, 800):
        net, train = small(width=8, dataset="circles", steps=steps, n_records=6, batch_size=32, lr=0.5)
        result = training.run(net, train, data=data, every_unit=True)
        bound = recording.record_nbytes_bound(steps, 6, depth=2, n_etas=train.n_etas, every_unit_width=8)
        for rec in (result.plain, result.bn):
            assert rec.nbytes <= bound
            assert len(rec.steps) == 6
        sizes[steps] = result.bn.nbytes - result.bn.train_loss.nbytes
        without = training.run(net, train, data=data).bn
        # Every unit's percentiles: R x L x 3 x W float32 more, nothing else.
        assert result.bn.nbytes - without.nbytes == 6 * 2 * 3 * 8 * 4
    # Beyond the per-step loss, a 16x longer run records exactly as much.
    assert sizes[50] == sizes[800]


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
    net = mlp.NetConfig(width=16, activation="tanh", init="xavier", bn="before")
    train = training.TrainConfig(dataset="circles", lr=0.5)
    reports = list(
        sweep.depth_sweep(
            net, train, depths=[1, 2], target_accuracy=0.8, max_steps=300, eval_every=20, data=data
        )
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
    steps, acc = sweep.steps_to_target(
        mlp.NetConfig(depth=1, width=8), TRAIN, digits, target_accuracy=1.01, max_steps=20, eval_every=10
    )
    assert np.isnan(steps) and 0 <= acc <= 1


@pytest.mark.parametrize("bad", [
    dict(optimizer="adam"), dict(lr=0.0), dict(momentum=1.0), dict(batch_size=0), dict(steps=0),
    dict(n_records=1), dict(n_etas=0), dict(seed=-1), dict(dataset="mnist"),
])
def test_train_config_rejects_what_the_mathematics_cannot_run(bad):
    with pytest.raises(ValueError):
        replace(TRAIN, **bad)


def test_train_config_has_no_slider_bounds():
    # Far beyond any slider, still a valid training: the page's sliders bound it, not the core.
    net = mlp.NetConfig(depth=40, width=3, bn="after")
    train = replace(TRAIN, lr=50.0, steps=10**6, batch_size=10**4)
    assert net.depth == 40 and train.steps == 10**6


def test_heavy_ball_is_the_momentum_only_when_chosen():
    assert replace(TRAIN, optimizer="sgd", momentum=0.5).heavy_ball == 0.0
    assert replace(TRAIN, optimizer="momentum", momentum=0.5).heavy_ball == 0.5


def test_train_pair_rejects_a_unit_outside_the_layer_or_a_pair_without_bn():
    net, train = small(width=8)
    with pytest.raises(ValueError):
        training.train_pair(net, train, unit=8)
    with pytest.raises(ValueError):
        training.train_pair(mlp.with_bn(net, "off"), train)


def test_train_pair_leaves_blas_threads_alone_while_suspended(digits):
    before = blas.get_threads()
    run = training.train_pair(*small(depth=1, width=8, steps=20), data=digits)
    next(run)
    assert blas.get_threads() == before  # a suspended run holds nothing for other threads
    run.close()
    assert blas.get_threads() == before


def test_run_trains_on_one_blas_thread_and_restores_the_count(digits, monkeypatch):
    seen = []
    pairs = training.train_pair

    def spy(*args, **kwargs):
        for report in pairs(*args, **kwargs):
            seen.append(blas.get_threads())
            yield report

    monkeypatch.setattr(training, "train_pair", spy)
    before = blas.get_threads()
    training.run(*small(depth=1, width=8, steps=20, n_records=3), data=digits)
    assert len(seen) == 3
    if before is not None:  # without a recognizable OpenBLAS there is no count to hold
        assert set(seen) == {1}
    assert blas.get_threads() == before


def test_every_unit_percentiles_are_numpys_on_the_forward_pass():
    data = datasets.load("circles", seed=0)
    net, train = small(width=8, dataset="circles", steps=10, n_records=2, seed=3)
    rec = training.run(replace(net, activation="tanh", init="xavier"), train, data=data,
                       every_unit=True).bn
    assert rec.layer_percentiles.shape == (2, 2, 3, 8) and rec.layer_percentiles.dtype == np.float32
    # Direct: layer 1's BN-normalized input at the initial weights, by hand (gamma 1, beta 0,
    # batch statistics of the held-out rows).
    config = replace(net, activation="tanh", init="xavier")
    params, _ = mlp.init_params(config, n_inputs=2, n_outputs=2, seed=3, dtype=np.float64)
    x = data.x_test[: recording.HELD_OUT_ROWS].astype(np.float64)
    z = x @ params[0].W + params[0].b
    z = (z - z.mean(0)) / np.sqrt(z.var(0) + config.eps)
    for j in range(8):
        np.testing.assert_allclose(rec.layer_percentiles[0, 0, :, j],
                                   np.percentile(z[:, j], recording.PERCENTILES), rtol=1e-4, atol=1e-5)
    # The one unit the core always keeps is the last layer's column of the same numbers.
    np.testing.assert_allclose(rec.layer_percentiles[:, -1, :, 0], rec.unit_percentiles,
                               rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", ["digits", "circles"])
def test_held_out_rows_are_the_test_sets_first_rows_at_most(name):
    data = datasets.load(name, seed=0)
    assert len(data.x_test) < recording.HELD_OUT_ROWS  # the cap is not what the page shows
    net, train = small(width=8, dataset=name, steps=10, n_records=2)
    rec = training.run(net, train, data=data).plain
    assert rec.held_out_rows == len(data.x_test)
    big = datasets.Dataset(np.tile(data.x_train, (8, 1))[:2000], np.tile(data.y_train, 8)[:2000],
                           np.tile(data.x_test, (8, 1))[:1500], np.tile(data.y_test, 8)[:1500],
                           data.n_classes, name)
    assert training.run(net, train, data=big).plain.held_out_rows == recording.HELD_OUT_ROWS
