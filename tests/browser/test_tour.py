"""The guided tour in a real browser: from Home, "Start the tour", then "Next" through every
step of the tour file; each step opens its page with its settings in the URL and draws its
charts, and the banner names the step."""

from urllib.parse import parse_qs, urlparse

import pytest

from bnviz import tour
from tests.browser.conftest import assert_no_exception, open_page, wait_for_charts, wait_for_script

pytestmark = pytest.mark.browser

ARTICLE = tour.tours()["article"]


def _query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def _same(shown: str | None, wanted: str) -> bool:
    """The URL writes a number its own way (b_hi=10 comes back as 10.0)."""
    try:
        return shown is not None and float(shown) == float(wanted)
    except ValueError:
        return shown == wanted


def test_the_whole_tour_with_next(page, app_url):
    open_page(page, app_url, "/")
    page.locator(".st-key-tour_start button").click()
    for number, step in enumerate(ARTICLE.steps, start=1):
        page.wait_for_function(
            "([path, n]) => location.pathname.endsWith(path) && location.search.includes('step=' + n)",
            arg=[f"/{step.page}", number], timeout=90_000)
        wait_for_script(page)
        query = _query(page)
        assert query["tour"] == ARTICLE.name and query["step"] == str(number)
        for key, value in step.query.items():  # the step's own settings, in the URL
            assert _same(query.get(key), value), (number, key, query)
        banner = page.locator(".st-key-tour_banner").inner_text()
        assert step.titles["en"] in banner, (number, banner)
        assert wait_for_charts(page, 1), number  # the step's page drew its charts
        assert_no_exception(page)
        if number < len(ARTICLE.steps):
            page.locator(".st-key-tour_next button").click()
    assert "Finish" in page.locator(".st-key-tour_next button").inner_text()
