"""Settings of "Deep networks": one declaration per field, mapped onto the core's configs."""

from dataclasses import fields

import pytest

from bnviz.core import mlp, recording, training
from bnviz.lessons.deep.settings import DeepSweepSpec, DeepTrainSpec, DeepViewSpec
from bnviz.settings import param_of, params_of


def test_defaults_are_the_cores():
    net, train = DeepTrainSpec().configs()
    core_net, core_train = mlp.NetConfig(), training.TrainConfig()
    assert net == mlp.with_bn(core_net, DeepTrainSpec().bn) and train == core_train


def test_every_field_reaches_the_core():
    spec = DeepTrainSpec(dataset="circles", depth=7, width=32, activation="relu", init="he",
                         bn="after", optimizer="momentum", lr=0.1, batch_size=8, steps=20, seed=5)
    net, train = spec.configs()
    core = {**{f.name: getattr(net, f.name) for f in fields(net)},
            **{f.name: getattr(train, f.name) for f in fields(train)}}
    for f in fields(spec):
        assert core[f.name] == getattr(spec, f.name), f.name


def test_every_slider_bound_is_a_valid_core_config():
    low = {name: p.lo for name, p in params_of(DeepTrainSpec) if p.lo is not None}
    high = {name: p.hi for name, p in params_of(DeepTrainSpec) if p.hi is not None}
    for ends in (low, high):
        DeepTrainSpec(**ends).configs()  # the core accepts every corner the sliders reach


def test_view_and_sweep_bounds_follow_the_training_sliders():
    assert param_of(DeepViewSpec, "layer").hi == param_of(DeepTrainSpec, "depth").hi
    assert param_of(DeepViewSpec, "unit").hi == param_of(DeepTrainSpec, "width").hi
    assert param_of(DeepViewSpec, "at").hi == param_of(DeepTrainSpec, "steps").hi
    assert param_of(DeepSweepSpec, "depth_hi").hi == param_of(DeepTrainSpec, "depth").hi
    _, train = DeepTrainSpec().configs()
    assert DeepViewSpec().at in recording.record_steps(train.steps, train.n_records)
    assert DeepViewSpec().layer == DeepTrainSpec().depth


def test_help_states_the_cores_numbers():
    assert f"{mlp.SMALL_INIT_STD:g}" in param_of(DeepTrainSpec, "init").help
    assert f"{training.TrainConfig().momentum:g}" in param_of(DeepTrainSpec, "optimizer").help


def test_swept_depths_in_either_order():
    assert DeepSweepSpec(depth_lo=4, depth_hi=2).depths == (2, 3, 4)


def test_every_key_is_prefixed_and_unique():
    keys = [p.key for cls in (DeepTrainSpec, DeepViewSpec, DeepSweepSpec)
            for _, p in params_of(cls)]
    assert all(k.startswith("dn_") for k in keys) and len(set(keys)) == len(keys)


@pytest.mark.parametrize("every_unit", [False, True])
def test_the_largest_setting_records_far_below_200_mb(every_unit):
    hi = {name: int(p.hi) for name, p in params_of(DeepTrainSpec) if p.hi is not None}
    _, train = DeepTrainSpec().configs()
    bound = recording.record_nbytes_bound(hi["steps"], train.n_records, depth=hi["depth"],
                                          n_etas=train.n_etas,
                                          every_unit_width=hi["width"] if every_unit else 0)
    assert 2 * bound < 200e6
