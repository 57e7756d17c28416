"""The teacher's projector view and the link to the view, in Chromium."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import open_page, wait_for_charts

pytestmark = pytest.mark.browser


def _visible(page, selector: str) -> bool:
    return page.locator(selector).first.is_visible()


def test_projector_hides_the_sidebar_and_the_chosen_controls(page, app_url):
    open_page(page, app_url, "/valley_vs_bowl",
              "view=projector&hide=rate_raw,lr_raw,%3Cscript%3E&b_hi=400")
    wait_for_charts(page, 5)
    assert not _visible(page, '[data-testid="stSidebar"]')
    assert not _visible(page, ".st-key-rate_raw") and not _visible(page, ".st-key-lr_raw")
    assert _visible(page, ".st-key-rate_std")  # not chosen: still there
    assert _visible(page, ".st-key-raw_surface")  # the charts stay
    query = parse_qs(urlsplit(page.url).query)
    assert query["view"] == ["projector"] and float(query["b_hi"][0]) == 400  # kept
    assert page.locator("style", has_text="script").count() == 0  # not a key: ignored


def test_hide_all_hides_every_control_but_keeps_the_tour_banner(page, app_url):
    open_page(page, app_url, "/valley_vs_bowl", "view=projector&hide=all&tour=article&step=2")
    wait_for_charts(page, 5)
    assert not _visible(page, '[data-testid="stMain"] [data-testid="stSlider"]')
    assert not _visible(page, '[data-testid="stMain"] [data-testid="stRadio"]')
    assert _visible(page, ".st-key-tour_banner")
    assert _visible(page, ".st-key-tour_next")


def test_the_share_link_opens_the_same_view(page, app_url):
    open_page(page, app_url, "/valley_vs_bowl", "b_hi=1000&rate_raw=stable")
    wait_for_charts(page, 5)
    page.get_by_text("Share this view").click()
    link = page.locator('[data-testid="stSidebar"] a', has_text="Link to this view").get_attribute(
        "href")
    assert urlsplit(link).path.endswith("/valley_vs_bowl")
    shared = parse_qs(urlsplit(link).query)
    assert float(shared.pop("b_hi")[0]) == 1000 and shared == {"rate_raw": ["stable"]}
    fresh = page.context.new_page()
    fresh.goto(link)
    fresh.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    # The page wrote back the settings it runs with: the link's, not the defaults.
    assert parse_qs(urlsplit(fresh.url).query)["rate_raw"] == ["stable"]
    fresh.close()
