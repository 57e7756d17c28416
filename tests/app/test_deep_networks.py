"""The page "Deep networks", driven through Streamlit's AppTest, with training kept tiny."""

import numpy as np
import pytest

from bnviz.core import recording, sweep
from bnviz.lessons.deep import live
from bnviz.lessons.deep import text as deep_text
from bnviz.lessons.deep.settings import DeepSweepSpec, DeepTrainSpec, DeepViewSpec
from bnviz.settings import params_of
from tests.app.conftest import assert_clean, charts, open_page

PAGE = "deep_networks"
KEYS = {"dn_curves", "dn_unit_chart", "dn_hist", "dn_smooth"}
TINY = {"dn_steps": "20", "dn_width": "16", "dn_depth": "2"}
TINY_SPEC = DeepTrainSpec(steps=20, width=16, depth=2)


@pytest.fixture(scope="module")
def at():
    return open_page(PAGE, TINY)


def text(at):
    return " ".join(m.value for m in at.markdown)


def seconds(at):
    """The "trained in … s" figure: a retrain would measure a new time."""
    line = next(m.value for m in at.markdown if "trained in" in m.value)
    return line.rsplit("trained in", 1)[1]


def qp(at, key):
    """A query parameter's value as a string (AppTest keeps a single value or a list)."""
    value = at.query_params[key]
    return value if isinstance(value, str) else value[-1]


def hist_title(at):
    return charts(at)["dn_hist"]["layout"]["title"]["text"]


def captions(at):
    return " ".join(c.value for c in at.caption)


def test_tiny_training_shows_every_chart_and_the_measured_sentence(at):
    assert_clean(at)
    assert set(charts(at)) == KEYS  # no sweep chart before its button
    run = list(live.train_run(TINY_SPEC))[-1]
    # Trained by the page, recomputed here: the sentence is the same numbers.
    assert deep_text.training_sentence(run, layer=1, unit=0) in text(at)
    fig = charts(at)["dn_curves"]
    assert len(fig["data"]) == 4
    assert qp(at, "dn_steps") == "20"


@pytest.mark.parametrize("dataset", ["digits", "circles"])
def test_the_band_caption_counts_the_held_out_rows_of_the_data_set(dataset):
    from bnviz.core import datasets

    at = open_page(PAGE, {**TINY, "dn_data": dataset})
    assert_clean(at)
    rows = min(len(datasets.load(dataset, seed=0).x_test), recording.HELD_OUT_ROWS)
    assert f"percentile on {rows:,} held-out rows." in captions(at)


def test_the_reset_button_describes_the_setting_it_resets_to(at):
    help_text = next(b.help for b in at.button if b.label.startswith("Reset"))
    assert help_text == deep_text.setting_summary(DeepTrainSpec())


def test_chart_options_redraw_without_retraining(at):
    before = seconds(at)
    assert "at step 20" in hist_title(at)
    at.select_slider(key="dn_at").set_value(0).run()
    assert_clean(at)
    assert "at step 0" in hist_title(at)
    at.number_input(key="dn_unit").set_value(5).run()
    assert "unit 5 in hidden layer 2" in charts(at)["dn_unit_chart"]["layout"]["title"]["text"]
    at.select_slider(key="dn_layer").set_value(1).run()
    assert "unit 5 in hidden layer 1" in charts(at)["dn_unit_chart"]["layout"]["title"]["text"]
    assert "unit 5 of layer 1" in text(at)
    assert seconds(at) == before  # the same run: not retrained
    assert qp(at, "dn_unit") == "5" and qp(at, "dn_layer") == "1"


@pytest.mark.parametrize("key, widget, value", [
    ("dn_data", "radio", "spirals"), ("dn_data", "radio", "circles"),
    ("dn_act", "radio", "relu"), ("dn_act", "radio", "tanh"), ("dn_init", "radio", "he"),
    ("dn_init", "radio", "xavier"), ("dn_bn", "radio", "after"), ("dn_opt", "radio", "momentum"),
    ("dn_lr", "select_slider", 5.0), ("dn_lr", "select_slider", 0.001),
    ("dn_batch", "select_slider", 2), ("dn_batch", "select_slider", 512),
    ("dn_width", "select_slider", 8), ("dn_seed", "number_input", 7),
    ("dn_steps", "select_slider", 10), ("dn_depth", "number_input", 4),
])
def test_every_training_control_retrains_cleanly(key, widget, value):
    at = open_page(PAGE, TINY)
    getattr(at, widget)(key=key).set_value(value).run()
    assert_clean(at)
    figs = charts(at)
    assert set(figs) == KEYS
    depth = 4 if key == "dn_depth" else 2
    assert len(figs["dn_hist"]["data"]) == 2 * depth
    assert qp(at, key) == str(value)


def test_extremes_diverge_or_not_without_an_error():
    # Largest rate, ReLU, He weights, momentum: the plain network may blow up; a result shows.
    at = open_page(PAGE, {**TINY, "dn_lr": "5.0", "dn_act": "relu", "dn_init": "he",
                          "dn_opt": "momentum", "dn_batch": "2"})
    assert_clean(at)
    assert set(charts(at)) == KEYS
    assert "test accuracy" in text(at)


def test_unit_and_layer_from_the_url_are_clamped_to_the_network():
    at = open_page(PAGE, {**TINY, "dn_unit": "200", "dn_layer": "9", "dn_at": "13"})
    assert_clean(at)
    assert at.number_input(key="dn_unit").value == 16
    assert at.select_slider(key="dn_layer").value == 2
    # 13 lies between recorded steps: it snaps to the nearest one.
    assert at.select_slider(key="dn_at").value in (12, 13, 14)
    assert "unit 16 in hidden layer 2" in charts(at)["dn_unit_chart"]["layout"]["title"]["text"]


def test_the_depth_sweep_runs_on_its_button_and_reports_measured_steps():
    at = open_page(PAGE, {**TINY, "dn_sw_hi": "2", "dn_sw_steps": "20", "dn_sw_target": "0.3"})
    assert "dn_sweep" not in charts(at)
    at.button(key="dn_sweep_go").click().run()
    assert_clean(at)
    fig = charts(at)["dn_sweep"]
    net, train = TINY_SPEC.configs()
    want = list(sweep.depth_sweep(net, train, depths=(1, 2), target_accuracy=0.3, max_steps=20,
                                  eval_every=DeepSweepSpec.EVAL_EVERY))[-1].result
    assert deep_text.sweep_sentence(want) in text(at)
    y = fig["data"][2]["y"]
    from bnviz.plotting.encode import decode_array

    np.testing.assert_array_equal(decode_array(y), want.steps_bn)
    # A chart option rerun keeps the finished sweep on the page without running it again.
    at.select_slider(key="dn_at").set_value(0).run()
    assert "dn_sweep" in charts(at)


def test_a_stopped_run_shows_its_partial_result_and_trains_again():
    from bnviz import ui

    spec = DeepTrainSpec(steps=30, width=16, depth=2, seed=11)
    store = ui.deep_store()
    store.advance(spec)
    store.advance(spec)  # two records made, then the stop button's callback:
    ui.deep_stop("train", spec)
    at = open_page(PAGE, {"dn_steps": "30", "dn_width": "16", "dn_depth": "2", "dn_seed": "11"})
    assert_clean(at)
    assert "Training stopped at step 1 of 30" in at.info[0].value
    assert "So far, after 1 steps" in text(at)
    at.button(key="dn_train_again").click().run()
    assert_clean(at)
    assert not at.info
    assert "After 30 steps" in text(at)


def test_garbage_url_loads_with_defaults():
    query = {p.key: "garbage" for cls in (DeepTrainSpec, DeepViewSpec, DeepSweepSpec)
             for _, p in params_of(cls)}
    at = open_page(PAGE, query)
    assert_clean(at)
    for cls in (DeepTrainSpec, DeepViewSpec, DeepSweepSpec):
        default = cls()
        for name, p in params_of(cls):
            assert at.session_state[p.key] == getattr(default, name), p.key
    assert "dn_data='garbage' was ignored" in " ".join(t.value for t in at.toast)
    assert set(charts(at)) == KEYS


def test_a_stopped_sweep_says_so_and_shows_the_networks_it_trained():
    from bnviz import ui

    spec = DeepTrainSpec(steps=20, width=16, depth=2, seed=21)
    key = live.sweep_key(spec, DeepSweepSpec(depth_hi=2, max_steps=20))
    ui.deep_sweep_store().advance(key)  # one network of four trained, then stopped:
    ui.deep_stop("sweep", key)
    at = open_page(PAGE, {**TINY, "dn_seed": "21", "dn_sw_hi": "2", "dn_sw_steps": "20"})
    assert_clean(at)
    assert any("Sweep stopped after 1 of 4 networks" in i.value for i in at.info)
    assert "dn_sweep" in charts(at)
    at.button(key="dn_sweep_go").click().run()
    assert not any("Sweep stopped" in i.value for i in at.info)
    assert "with BN" in text(at) and "of 2 depths" in text(at)



def test_time_left_extrapolates_the_progress_of_this_run():
    import time

    from bnviz.ui.live import time_left

    start = time.perf_counter() - 10.0  # 10 s spent going from 20 % to 40 %
    text = time_left(start, 0.2, 0.4)
    seconds = float(text.removeprefix(", about ").removesuffix(" s left"))
    assert seconds == pytest.approx(30.0, abs=0.5)  # 60 % left at 20 % per 10 s
    assert time_left(start, 0.2, 0.22) == "" and time_left(start, 0.0, 1.0) == ""
    assert time_left(time.perf_counter() - 600, 0.0, 0.5).endswith("min left")
