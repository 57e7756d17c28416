"""The page's route (the draws' R factor, as the browser computes) against the rows' route,
and what the browser is sent."""

import json

import numpy as np
import pytest

from bnviz.core import moments
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.valley.experiment import compare
from bnviz.lessons.valley.live import CONSTS, live_payload
from bnviz.lessons.valley.text import readout
from bnviz.lessons.valley.view import valley_view

SPECS = [
    (DataSpec(), DescentSpec()),
    (DataSpec(b_hi=1e5, a_hi=1.0), DescentSpec(rate_raw="stable", steps=2000)),
    (DataSpec(a_hi=500.0, n=1000, seed=9), DescentSpec(rate_raw="custom", lr_raw=1e-3)),
    (DataSpec(noise=0.0, w1_true=-4.0), DescentSpec(rate_std="custom", lr_std=1.5, tol=1e-10)),
]


@pytest.mark.parametrize("data,descent", SPECS)
def test_the_spec_and_its_rows_give_the_same_experiment(data, descent):
    by_spec, by_rows = compare(data, descent), compare(two_features(data), descent)
    for a, b in ((by_spec.raw, by_rows.raw), (by_spec.std, by_rows.std)):
        ta, tb = a.trajectory, b.trajectory
        assert (ta.status, ta.steps_to_tol, ta.diverged_at) == (tb.status, tb.steps_to_tol, tb.diverged_at)
        assert a.lr == pytest.approx(b.lr, rel=1e-6)
        np.testing.assert_allclose(a.quadratic.w_star, b.quadratic.w_star, rtol=1e-9)
        np.testing.assert_allclose(ta.cost[: min(len(ta.cost), 50)], tb.cost[: min(len(tb.cost), 50)],
                                   rtol=1e-6)
    np.testing.assert_allclose(by_spec.spreads, by_rows.spreads, rtol=1e-12)


def test_payload_carries_the_draws_settings_and_rules():
    data, descent = DataSpec(b_hi=1000.0), DescentSpec(rate_raw="custom", lr_raw=3e-5)
    payload = json.loads(json.dumps(live_payload(data, descent)))  # JSON as it travels
    assert payload["R"] == [float(x) for x in moments.draws(42, 100).R.ravel()]
    assert payload["data"] == {"a_hi": 10.0, "b_hi": 1000.0, "w1": 2.0, "w2": 3.0, "noise": 0.1}
    assert payload["descent"]["rate_raw"] == "custom" and payload["descent"]["lr_raw"] == 3e-5
    assert payload["consts"] == CONSTS and payload["consts"]["stable_fraction"] == 0.99


def test_view_has_the_readout_of_each_side_and_the_payload():
    view = valley_view(DataSpec(), DescentSpec())
    cmp = compare(DataSpec(), DescentSpec())
    assert view.readout == {"raw": readout(cmp.raw), "standardized": readout(cmp.std)}
    assert view.readout["standardized"].endswith(f"tolerance at step {cmp.std.trajectory.steps_to_tol}")
    assert view.live is not None and view.live["data"]["b_hi"] == 200.0
    assert valley_view(two_features(DataSpec()), DescentSpec()).live is None
