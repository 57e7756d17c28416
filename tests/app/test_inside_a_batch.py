"""The page "Inside a batch", driven through Streamlit's AppTest."""

import numpy as np
import pytest

from bnviz.core.batches import split
from bnviz.core.batchnorm import RunningStats
from bnviz.lessons.batch.layer import look
from bnviz.lessons.batch.minibatch import run_all
from bnviz.lessons.batch.settings import LookSpec, MiniSpec, RunningSpec, SplitSpec
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec
from bnviz.numbers import fmt
from bnviz.plotting.encode import decode_array
from tests.app.conftest import assert_clean, chart_bytes, charts, open_page

PAGE = "inside_a_batch"
KEYS = {"batch_panels", "running", "spread", "descent_map", "descent_surface", "descent_cost"}


@pytest.fixture(scope="module")
def at():
    return open_page(PAGE)


def text(at) -> str:
    return " ".join(m.value for m in at.markdown)


def panel_note(at, p: int) -> str:
    return charts(at)["batch_panels"]["layout"]["annotations"][p]["text"]


def panel_hover(at, p: int) -> str:
    """The full statistics a panel's note shows on hover."""
    return charts(at)["batch_panels"]["layout"]["annotations"][p]["hovertext"]


def test_defaults_render_every_chart_and_the_numbers_of_the_core(at):
    assert_clean(at)
    assert set(charts(at)) == KEYS
    assert chart_bytes(at) < 400_000
    words = text(at)
    assert "make 10 batches of 10 rows each" in words
    d = two_features(DataSpec())
    lk = look(d.X, split(100, 10, seed=0), 0, gamma=np.ones(2), beta=np.zeros(2), eps=1e-5,
              undo=False)
    stats = {r[""]: r for r in at.table[0].value.to_dict("records")}
    assert float(stats["mean of B"]["this batch"]) == pytest.approx(lk.mean_[1], rel=1e-3)
    assert float(stats["std of A"]["population"]) == pytest.approx(d.X.std(0)[0], rel=1e-3)
    # the standardized panel of the shown batch is the core's x_hat
    fig = charts(at)["batch_panels"]
    hat = fig["data"][2 + 3]  # two static traces, then the raw panel's three
    np.testing.assert_allclose(decode_array(hat["x"]), lk.x_hat[:, 0], rtol=1e-6)
    assert len(fig["frames"]) == 10 and all(0 not in f["traces"] for f in fig["frames"])
    assert fig["layout"]["xaxis4"]["autorange"] is False


def test_descent_numbers_match_the_core(at):
    d = two_features(DataSpec())
    runs = run_all(d.X, d.y, SplitSpec(), MiniSpec(), eps=LookSpec().eps,
                   momentum=RunningSpec().momentum)  # the page's defaults
    rows = at.table[1].value.to_dict("records")
    assert rows[0]["status"] == f"diverged at step {runs.raw.diverged_at}"
    assert rows[1]["steps to tolerance"] == str(runs.standardized.steps_to_tol)
    assert runs.batchnorm.final_cost > 10 * runs.standardized.final_cost
    ratio = runs.batchnorm.final_cost / max(runs.standardized.final_cost, runs.full.f_star)
    assert f"model ends {fmt(ratio)} times higher than the globally standardized one" in text(at)
    head = charts(at)["descent_map"]["frames"][-1]["data"][3]  # standardized head
    np.testing.assert_allclose([decode_array(head["x"])[0], decode_array(head["y"])[0]],
                               runs.standardized.weights[-1, :2], rtol=1e-5)


def test_batch_size_one_collapses_to_beta_in_words():
    at = open_page(PAGE)
    at.select_slider(key="bt_size").set_value(1).run()
    assert_clean(at)
    assert "collapses to β" in text(at) and "make 100 batches" in text(at)
    initial = RunningStats.initial(2).var_
    assert (f"running variance never moves from its initial ({fmt(initial[0])}, "
            f"{fmt(initial[1])})") in text(at)
    at.number_input(key="bt_b1").set_value(2.5).run()
    assert_clean(at)
    assert "β = (2.5, 0)" in text(at)
    assert at.query_params["bt_size"] == "1" and at.query_params["bt_b1"] == "2.5"


def test_constant_feature_collapses_to_beta_in_words():
    at = open_page(PAGE)
    at.select_slider(key="a_hi").set_value(1.0).run()
    assert_clean(at)
    assert "Feature A is constant in this batch" in text(at)
    assert set(charts(at)) == KEYS


@pytest.mark.parametrize("eps", [1e-10, 1e4])
def test_eps_at_its_extremes(eps):
    at = open_page(PAGE)
    at.select_slider(key="bt_eps").set_value(eps).run()
    assert_clean(at)
    if eps == 1e4:
        assert "is not small against A's batch variance" in text(at)
    else:
        assert "not small" not in text(at)


def test_batch_index_clamps_when_the_batch_size_grows():
    at = open_page(PAGE)
    at.slider(key="bt_index").set_value(10).run()
    assert "batch 10 of 10" in panel_note(at, 0)
    at.select_slider(key="bt_size").set_value(40).run()
    assert_clean(at)
    assert at.slider(key="bt_index").value == 3  # 40 + 40 + 20 rows: the last is batch 3
    assert "batch 3 of 3<br>20 rows" in panel_note(at, 0)
    at.select_slider(key="bt_size").set_value(100).run()
    assert_clean(at)
    assert "One batch holds every row (100)." in text(at)
    at.radio(key="bt_last").set_value("drop").run()
    at.select_slider(key="bt_size").set_value(60).run()
    assert_clean(at)
    # 60 of 100 rows make the only batch; the other 40 sit out: "every row" would be false.
    assert "One batch of 60 rows; the other 40 rows sit this epoch out (dropped)." in text(at)


def test_undo_gives_back_the_input():
    at = open_page(PAGE)
    at.radio(key="bt_undo").set_value("on").run()
    assert_clean(at)
    assert "The output equals the input" in text(at)
    assert at.number_input(key="bt_g1").disabled
    fig = charts(at)["batch_panels"]
    np.testing.assert_allclose(decode_array(fig["data"][8]["x"]), decode_array(fig["data"][2]["x"]),
                               rtol=1e-6)


def test_gamma_moves_the_output_panel():
    at = open_page(PAGE)
    at.number_input(key="bt_g1").set_value(3.0).run()
    assert_clean(at)
    assert "γ (3, 1)" in panel_hover(at, 2)


def test_drop_policy_is_said_and_shown():
    at = open_page(PAGE)
    at.select_slider(key="bt_size").set_value(30).run()
    assert "a last, short one of 10 rows (kept" in text(at)
    at.radio(key="bt_last").set_value("drop").run()
    assert_clean(at)
    assert "sit this epoch out (dropped)" in text(at)
    assert "batch 1 of 3" in panel_note(at, 0)


def test_every_other_control_runs_clean_and_reaches_the_url():
    at = open_page(PAGE)
    before = charts(at)
    steps = [(at.number_input, "bt_seed", 7), (at.select_slider, "bt_mom", 0.5),
             (at.select_slider, "bt_epochs", 20), (at.select_slider, "bt_steps", 50),
             (at.select_slider, "bt_tol", 1e-6), (at.slider, "bt_w1", 5.0),
             (at.slider, "bt_w2", -5.0), (at.select_slider, "bt_lr", 5e-5),
             (at.number_input, "bt_g2", -1.5), (at.number_input, "bt_b2", 4.0)]
    for get, key, value in steps:
        get(key=key).set_value(value).run()
        assert_clean(at)
        assert key in at.query_params, key
    after = charts(at)
    for k in KEYS:
        assert after[k] != before[k], k
    assert "diverged" not in at.table[1].value.to_dict("records")[0]["status"]


def test_big_rate_diverges_as_a_result():
    at = open_page(PAGE)
    at.select_slider(key="bt_lr").set_value(10.0).run()
    assert_clean(at)
    statuses = [r["status"] for r in at.table[1].value.to_dict("records")]
    assert all(s.startswith("diverged at step") for s in statuses)


def test_garbage_url_loads_with_defaults():
    at = open_page(PAGE, {"bt_size": "garbage", "bt_index": "-5", "bt_eps": "nan",
                          "bt_last": "sometimes", "bt_g1": "1e400", "bt_lr": "fast"})
    assert_clean(at)
    assert at.select_slider(key="bt_size").value == 10
    assert at.slider(key="bt_index").value == 1
    assert "make 10 batches of 10 rows each" in text(at)


def test_url_past_the_end_clamps():
    at = open_page(PAGE, {"bt_size": "50", "bt_index": "9"})
    assert_clean(at)
    assert at.slider(key="bt_index").value == 2


def test_chart_bytes_stay_under_budget_with_batches_of_one_row():
    at = open_page(PAGE, {"n": "10000", "bt_size": "1"})
    assert_clean(at)
    assert chart_bytes(at) < 400_000
