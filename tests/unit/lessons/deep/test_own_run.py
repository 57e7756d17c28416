"""A visitor's classification file as the deep page's job key: small, hashable, pickled to the
worker with its rows, shared by equal choices, and trained on in place of the built-in set."""

from __future__ import annotations

import pickle
from dataclasses import replace

import numpy as np

from bnviz.core import training
from bnviz.lessons.common.own_data import Table, read
from bnviz.lessons.common.own_messages import DataProblem
from bnviz.lessons.common.own_source import OwnClassification, own_classification, standardized
from bnviz.lessons.deep import live
from bnviz.lessons.deep.settings import DeepSweepSpec, DeepTrainSpec

SPEC = DeepTrainSpec(depth=2, width=16, steps=20)


def blobs(n: int = 40, *, scale: float = 100.0) -> Table:
    rng = np.random.default_rng(1)
    y = np.arange(n) % 3
    x = rng.normal(size=(n, 2)) * scale + y[:, None] * 4 * scale
    lines = ["a,b,kind"] + [f"{p!r},{q!r},k{c}" for (p, q), c in zip(x.tolist(), y, strict=True)]
    found = read("\n".join(lines) + "\n")
    assert isinstance(found, Table)
    return found


def own(seed: int = 0) -> OwnClassification:
    found = own_classification(blobs(), features=("a", "b"), label="kind", seed=seed)
    assert isinstance(found, OwnClassification)
    return found


def test_the_key_is_the_file_and_the_columns_and_the_rows_ride_along():
    a, b = own(), own()
    assert a == b and hash(a) == hash(b) and a.data is not b.data
    assert a != own(seed=1)  # another split
    assert a.classes == ("k0", "k1", "k2") and a.n_classes == 3 and a.n == 40
    assert a.data.n_features == 2 and a.data.n_classes == 3
    assert a.ident() == (a.digest, ("a", "b"), "kind", 0, 0)


def test_features_are_standardized_on_the_training_rows():
    data = own().data
    np.testing.assert_allclose(data.x_train.mean(axis=0), 0, atol=1e-5)
    np.testing.assert_allclose(data.x_train.std(axis=0), 1, atol=1e-5)
    assert data.x_train.dtype == np.float32 and data.x_test.dtype == np.float32
    # One value in the training rows: centred, not divided by 0.
    flat = replace(data, x_train=np.ones_like(data.x_train))
    assert np.isfinite(standardized(flat).x_test).all()


def test_a_choice_that_cannot_work_is_a_problem():
    found = own_classification(blobs(), features=("a",), label="a", seed=0)
    assert isinstance(found, DataProblem) and found.kind == "same_column"


def test_the_job_key_pickles_with_its_rows_and_ignores_the_hidden_data_set_choice():
    key = live.on_data(SPEC, own())
    assert isinstance(key, live.OwnRun)
    back = pickle.loads(pickle.dumps(key))
    assert back == key and hash(back) == hash(key)
    np.testing.assert_array_equal(back.own.data.x_train, key.own.data.x_train)
    assert live.on_data(replace(SPEC, dataset="circles"), own()) == key
    assert live.on_data(SPEC, None) is SPEC
    skey = live.sweep_key(SPEC, DeepSweepSpec())
    own_sweep = live.on_data(skey, own())
    assert isinstance(own_sweep, live.OwnRun) and own_sweep != skey
    assert live.on_data(live.sweep_key(replace(SPEC, dataset="spirals"), DeepSweepSpec()),
                        own()) == own_sweep


def test_a_job_on_a_file_trains_on_its_rows():
    data = own()
    reports = list(live.run_job(live.on_data(SPEC, data)))
    net, train = SPEC.configs()
    ref = list(training.train_pair(net, train, data=data.data, every_unit=True))
    assert reports[-1].complete
    np.testing.assert_array_equal(reports[-1].result.bn.test_accuracy,
                                  ref[-1].result.bn.test_accuracy)
    assert reports[-1].result.plain.held_out_rows == len(data.data.x_test)
    sweep = live.on_data(live.sweep_key(SPEC, DeepSweepSpec(depth_lo=1, depth_hi=1,
                                                            max_steps=20)), data)
    assert list(live.run_job(sweep))[-1].complete
