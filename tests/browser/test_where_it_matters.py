"""The page "Where normalization matters" in a real browser: the map and the ladder paint,
choosing a cell redraws the map only, the correlation slider redraws the ladder only, both
reach the URL, and the chosen cell opens on "Valley vs bowl"."""

import pytest

from tests.browser.conftest import (
    assert_no_exception,
    changed,
    chart,
    contour_paths,
    move_slider,
    open_page,
    wait_for_charts,
    wait_for_query,
    wait_for_redraw,
)

pytestmark = pytest.mark.browser

PATH = "/where_it_matters"
KEYS = {"map", "ladder_eigenvalues", "ladder_rung0", "ladder_rung1", "ladder_rung2",
        "ladder_rung3", "ladder_errors"}
LADDER = KEYS - {"map"}


def test_map_and_ladder_paint_and_their_controls_redraw_only_their_charts(page, app_url):
    open_page(page, app_url, PATH)
    before = wait_for_charts(page, len(KEYS))
    assert set(before) == KEYS
    # Two heatmaps are drawn as images inside the SVG; each rung has its contour lines.
    assert chart(page, "map").locator("g.hm image").count() == 2
    for i in range(4):
        assert contour_paths(page, f"ladder_rung{i}") > 5
    assert_no_exception(page)

    move_slider(page, "Chosen cell: scale ratio", "ArrowRight")
    after = wait_for_redraw(page, before, keys=("map",))
    assert changed(before, after) == {"map"}
    assert "mp_r=" in wait_for_query(page, "mp_r=")

    assert move_slider(page, "Correlation of A and B", "ArrowLeft") == "0.89"
    later = wait_for_redraw(page, after, keys=tuple(sorted(LADDER)))
    assert changed(after, later) == LADDER
    assert "ld_corr=0.89" in wait_for_query(page, "ld_corr=")
    assert_no_exception(page)


def test_chosen_cell_opens_on_valley_vs_bowl(page, app_url):
    open_page(page, app_url, PATH, "mp_lr=0.1&mp_r=20")
    wait_for_charts(page, len(KEYS))
    page.get_by_role("button", name="Open the chosen cell in “Valley vs bowl”").click()
    # The query string can change a moment before the path does: wait for both.
    page.wait_for_function("() => location.pathname.endsWith('/valley_vs_bowl')"
                           " && location.search.includes('rate_raw=custom')")
    url = page.url
    assert "/valley_vs_bowl" in url and "lr_raw=" in url and "b_hi=" in url
    wait_for_charts(page, 5)
    assert page.get_by_text("diverged").count() > 0  # lr 0.1 is far past the raw edge
    assert_no_exception(page)
