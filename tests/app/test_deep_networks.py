"""The page "Deep networks", driven through Streamlit's AppTest, with training kept tiny."""

import time

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
    return charts(at)["dn_hist"]["layout"]["title"]["text"].replace("<br>", " ")


def captions(at):
    return " ".join(c.value for c in at.caption)


def unit_title(at) -> str:
    """The unit chart's headline, on one line."""
    return charts(at)["dn_unit_chart"]["layout"]["title"]["text"].replace("<br>", " ")


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
    assert unit_title(at).startswith("Unit 5 of layer 2:")
    at.select_slider(key="dn_layer").set_value(1).run()
    assert unit_title(at).startswith("Unit 5 of layer 1:")
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
    assert unit_title(at).startswith("Unit 16 of layer 2:")


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


def wait_for(predicate, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def stopped_job(key):
    """The job of ``key`` in the page's worker pool, stopped after its first records (as the
    stop button's callback does)."""
    from bnviz.ui import deep

    pool = deep.pool()
    job = pool.submit(key, owner="another visitor")
    wait_for(lambda: job.latest is not None)
    pool.stop(key)
    wait_for(lambda: job.finished)
    assert job.state == "stopped"
    return job


def test_a_stopped_run_shows_its_partial_result_and_trains_again():
    spec = DeepTrainSpec(steps=3000, width=16, depth=2, seed=11)
    job = stopped_job(spec)
    at = open_page(PAGE, {"dn_steps": "3000", "dn_width": "16", "dn_depth": "2", "dn_seed": "11"})
    assert_clean(at)
    step = job.latest.step
    assert f"Training stopped at step {step:,} of 3,000" in at.info[0].value
    assert f"So far, after {step:,} steps" in text(at)
    at.button(key="dn_train_again").click().run()
    assert_clean(at)
    assert not at.info
    assert "After 3,000 steps" in text(at)  # counts of steps group their thousands, as above


def test_visitors_on_the_same_settings_share_one_run():
    from bnviz.ui import deep

    first = open_page(PAGE, {**TINY, "dn_seed": "31"})
    second = open_page(PAGE, {**TINY, "dn_seed": "31"})
    job = deep.pool().get(DeepTrainSpec(steps=20, width=16, depth=2, seed=31))
    assert job is not None and job.state == "done"
    assert seconds(first) == seconds(second)  # the same run's measured time, not a retrain


def test_a_visitor_with_a_run_going_is_told_to_wait_for_it(monkeypatch):
    from bnviz.ui import deep, runs

    monkeypatch.setattr(runs, "visitor", lambda: "budget-test")  # the page's session
    spec = DeepTrainSpec(steps=5000, width=256, depth=10, seed=41)
    pool = deep.pool()
    long = pool.submit(spec, owner="budget-test")
    try:
        at = open_page(PAGE, {**TINY, "dn_seed": "61"})
        assert_clean(at)
        assert any("one at a time" in w.value for w in at.warning)
        assert "dn_curves" not in charts(at)
    finally:
        pool.stop(spec)
        wait_for(lambda: long.finished)


def test_the_host_caps_training_steps(monkeypatch):
    monkeypatch.setenv("BNVIZ_MAX_TRAIN_STEPS", "10")
    at = open_page(PAGE, {**TINY, "dn_seed": "51"})
    assert_clean(at)
    assert any("at most 10 steps" in w.value and "ask for 20" in w.value for w in at.warning)
    assert "dn_curves" not in charts(at)  # nothing trained


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
    spec = DeepTrainSpec(steps=20, width=16, depth=2, seed=21)
    key = live.sweep_key(spec, DeepSweepSpec(depth_hi=3, max_steps=2000, target=0.99))
    job = stopped_job(key)
    at = open_page(PAGE, {**TINY, "dn_seed": "21", "dn_sw_hi": "3", "dn_sw_steps": "2000",
                          "dn_sw_target": "0.99"})
    assert_clean(at)
    done = job.latest.done
    assert any(f"Sweep stopped after {done} of 6 networks" in i.value for i in at.info)
    assert "dn_sweep" in charts(at)


def test_time_left_extrapolates_the_progress_of_this_run():
    import time

    from bnviz.ui.runs import time_left

    start = time.perf_counter() - 10.0  # 10 s spent going from 20 % to 40 %
    text = time_left(start, 0.2, 0.4)
    seconds = float(text.removeprefix(", about ").removesuffix(" s left"))
    assert seconds == pytest.approx(30.0, abs=0.5)  # 60 % left at 20 % per 10 s
    assert time_left(start, 0.2, 0.22) == "" and time_left(start, 0.0, 1.0) == ""
    assert time_left(time.perf_counter() - 600, 0.0, 0.5).endswith("min left")
