"""The page "Deep networks" in a real browser: live training shows a progress bar and a
stop button, stopping keeps the partial charts, a chart option redraws only its chart."""

import pytest

from tests.browser.conftest import (
    assert_no_exception,
    changed,
    move_slider,
    open_page,
    wait_for_charts,
    wait_for_query,
    wait_for_redraw,
    wait_for_script,
)

pytestmark = pytest.mark.browser

PATH = "/deep_networks"
KEYS = {"dn_curves", "dn_unit_chart", "dn_hist", "dn_smooth"}


def test_live_training_shows_progress_and_stops_with_a_partial_result(page, app_url):
    # Long enough (5000 steps) to be caught running; a seed of its own so no cache serves it.
    page.goto(f"{app_url}{PATH}?dn_steps=5000&dn_seed=4242")
    bar = page.locator('[data-testid="stProgress"]')
    bar.wait_for(state="visible")
    assert "Training both networks" in bar.inner_text()
    # Stop once the worker process has sent its first records (the bar shows a percentage):
    # a run stopped while still queued has no partial result to keep.
    page.wait_for_function(
        r"""() => /\d+%/.test(document.querySelector('[data-testid="stProgress"]')?.innerText || "")""")
    page.get_by_role("button", name="Stop training").click()
    page.get_by_text("Training stopped at step").wait_for()
    wait_for_script(page)
    states = wait_for_charts(page, len(KEYS))
    assert set(states) == KEYS
    assert page.get_by_text("So far, after").count() == 1
    assert page.get_by_role("button", name="Train again").count() == 1
    assert bar.count() == 0
    assert_no_exception(page)


def test_short_training_draws_the_charts_and_a_chart_option_redraws_only_its_chart(page, app_url):
    open_page(page, app_url, PATH, "dn_steps=60&dn_width=32")
    before = wait_for_charts(page, len(KEYS))
    assert set(before) == KEYS
    assert page.get_by_text("The numbers: what the run shows").count() == 1
    move_slider(page, "Histograms at step", "ArrowLeft", presses=3)
    after = wait_for_redraw(page, before, keys=("dn_hist",))
    assert changed(before, after) == {"dn_hist"}
    wait_for_query(page, "dn_at=")
    assert page.locator('[data-testid="stProgress"]').count() == 0  # not retrained
    assert_no_exception(page)


def test_depth_sweep_runs_on_its_button(page, app_url):
    open_page(page, app_url, PATH, "dn_steps=20&dn_width=16&dn_sw_hi=3&dn_sw_steps=40")
    wait_for_charts(page, len(KEYS))
    page.get_by_role("button", name="Run the depth sweep").click()
    page.get_by_text("Depth sweep.", exact=False).first.wait_for()
    states = wait_for_charts(page, len(KEYS) + 1)
    assert "dn_sweep" in states
    assert_no_exception(page)
