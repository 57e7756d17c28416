"""Every chart page at a desktop's and a phone's size: titles, legends, colour bars, toolbars,
sliders and tick labels each in a place of their own inside their chart, no sideways scroll,
and the controls the page is about in its main column (the sidebar folds away on a phone)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_no_exception, open_page, wait_for_charts
from tests.browser.layout import SIZES, in_main_column, problems, sized_page
from tests.browser.test_deep_networks import KEYS as DEEP_KEYS
from tests.browser.test_inside_a_batch import KEYS as BATCH_KEYS
from tests.browser.test_optimizer_race import KEYS as RACE_KEYS
from tests.browser.test_valley_vs_bowl import KEYS as VALLEY_KEYS
from tests.browser.test_where_it_matters import KEYS as WHERE_KEYS

pytestmark = pytest.mark.browser

B_HI = "Upper bound of feature B"
# (page, how many charts it draws, the control it is about: None where that stays in the sidebar)
PAGES = [("/valley_vs_bowl", len(VALLEY_KEYS), B_HI),
         ("/inside_a_batch", len(BATCH_KEYS), B_HI),
         ("/optimizer_race", len(RACE_KEYS), B_HI),
         ("/where_it_matters", len(WHERE_KEYS), B_HI),
         ("/deep_networks", len(DEEP_KEYS), "Hidden layers")]


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize(("path", "charts", "control"), PAGES)
def test_no_overlap_or_clipping_and_the_controls_in_reach(browser, app_url, path, charts, control,
                                                          size):
    with sized_page(browser, size) as page:
        open_page(page, app_url, path)
        wait_for_charts(page, charts)
        assert problems(page) == []
        if control is not None:
            assert in_main_column(page, control)
        assert_no_exception(page)
