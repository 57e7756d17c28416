"""The page "Inside a batch" in a real browser: every chart paints, the play button steps the
batch panels through the batches client-side (no rerun), and the batch slider reruns the page
and reaches the URL, with no exception."""

import pytest

from tests.browser.conftest import (
    assert_no_exception,
    chart,
    chart_states,
    contour_paths,
    move_slider,
    open_page,
    wait_for_charts,
    wait_for_query,
    wait_for_redraw,
)

pytestmark = pytest.mark.browser

PATH = "/inside_a_batch"
KEYS = {"batch_panels", "running", "spread", "descent_map", "descent_surface", "descent_cost"}
NOTE_JS = "el => el._fullLayout.annotations[0].text"


def test_play_steps_through_the_batches_without_a_rerun(page, app_url):
    open_page(page, app_url, PATH)
    before = wait_for_charts(page, len(KEYS))
    assert set(before) == KEYS
    assert contour_paths(page, "descent_map") > 5
    panels = chart(page, "batch_panels")
    assert "batch 1 of 10" in panels.evaluate(NOTE_JS)
    colour = panels.evaluate("el => el._fullLayout.annotations && el.data[2].marker.color")

    panels.locator("g.updatemenu-button").first.click()  # ▶
    # the play button walks the frames: the slider's active step and the panel notes advance
    page.wait_for_function("el => el._fullLayout.sliders[0].active >= 3",
                           arg=panels.element_handle(), timeout=60_000)
    active, note = panels.evaluate("el => [el._fullLayout.sliders[0].active, "
                                   "el._fullLayout.annotations[0].text]")
    assert f"batch {active + 1} of 10" in note
    # frames carry only x and y: the look of each trace is kept while it moves
    assert panels.evaluate("el => el.data[2].marker.color") == colour
    assert panels.evaluate("el => el.data[3].type") == "histogram"
    # played in the browser: no chart was sent again
    assert {k: s["renders"] for k, s in chart_states(page).items()} == \
        {k: s["renders"] for k, s in before.items()}
    assert_no_exception(page)


def test_batch_slider_reruns_and_reaches_the_url(page, app_url):
    open_page(page, app_url, PATH)
    before = wait_for_charts(page, len(KEYS))
    assert move_slider(page, "Batch (▶ in the chart plays them all)", "ArrowRight") == "2"
    wait_for_redraw(page, before, keys=("batch_panels",))
    assert "bt_index=2" in wait_for_query(page, "bt_index=2")
    assert "batch 2 of 10" in chart(page, "batch_panels").evaluate(NOTE_JS)
    assert_no_exception(page)
