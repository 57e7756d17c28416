"""The stage (issue 19): each live control and the charts it moves fit one screen, read from the
boxes the browser rendered, at a laptop's two window sizes and on a phone.

For every live control the test looks for a scroll position where the control is wholly in
view (below Streamlit's header) together with, on a desktop, both sides' top views or both
sides' 3D views (each at least 80 % visible), and on a phone at least one of them. Valley vs
bowl's ranges of A and B are in the first screen, with no click and no scroll, on a desktop.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page, reveal, wait_for_charts

pytestmark = pytest.mark.browser

SIZES = {"1280x720": (1280, 720), "1440x900": (1440, 900), "390x844": (390, 844)}
MIN_SHOWN = 0.8
# A control wholly in view, but for a fraction of a pixel (a box's edges are not whole pixels).
WHOLE = 0.98

# Each page: its path, its charts, its live controls, and the groups of charts a control must
# be seen with (all of one group).
VALLEY = ("/valley_vs_bowl", 6, ("a_hi", "b_hi", "rate_raw", "lr_raw", "rate_std", "lr_std"),
          (("raw_contour", "standardized_contour"), ("raw_surface", "standardized_surface")))
RACE = ("/optimizer_race", 3, ("or_space", "or_gd_lr", "or_mom_lr", "or_mom_beta", "or_nag_lr",
                               "or_nag_beta", "or_rms_lr", "or_rms_beta", "or_adam_lr",
                               "or_adam_b1", "or_adam_b2"),
        (("race_contour",), ("race_surface",)))

# The fraction of each element shown in the window below the header, after scrolling the
# element `key` to `block` (start: just under the header).
_SHOWN = """([key, block, keys]) => {
  const el = document.querySelector('.st-key-' + key);
  const header = document.querySelector('[data-testid="stHeader"]');
  const top = header ? header.getBoundingClientRect().bottom : 0;
  let scroller = el.parentElement;
  while (scroller && !(scroller.scrollHeight > scroller.clientHeight
                       && /(auto|scroll)/.test(getComputedStyle(scroller).overflowY))) {
    scroller = scroller.parentElement;
  }
  scroller = scroller || document.scrollingElement;
  el.scrollIntoView({block});
  if (block === 'start') scroller.scrollTop -= top;
  const shown = (e) => { const r = e.getBoundingClientRect();
    const seen = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, top));
    return r.height > 0 ? seen / r.height : 0; };
  const out = {};
  for (const k of keys) out[k] = shown(document.querySelector('.st-key-' + k));
  return out;
}"""


def _fits(page, key: str, groups: tuple[tuple[str, ...], ...], phone: bool) -> dict | None:
    """A scroll position where ``key`` is wholly shown with a group of charts; its fractions."""
    keys = [key, *{k for g in groups for k in g}]
    best = None
    for block in ("start", "center", "end"):
        shown = page.evaluate(_SHOWN, [key, block, keys])
        if shown[key] < WHOLE:
            continue
        charts = [k for g in groups for k in g]
        ok = (any(shown[k] >= MIN_SHOWN for k in charts) if phone
              else any(all(shown[k] >= MIN_SHOWN for k in g) for g in groups))
        if ok:
            return shown
        best = shown
    pytest.fail(f"{key} and its charts do not fit one screen: {best}")
    return None


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("stage", [VALLEY, RACE], ids=["valley", "race"])
def test_every_live_control_fits_one_screen_with_the_charts_it_moves(browser, app_url, size, stage):
    path, charts, controls, groups = stage
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        open_page(page, app_url, path)
        wait_for_charts(page, charts)
        for key in controls:
            reveal(page, key)
            assert _fits(page, key, groups, phone=width < 600), key
    finally:
        context.close()


@pytest.mark.parametrize("size", ["1280x720", "1440x900"])
def test_valleys_ranges_are_in_the_first_screen(browser, app_url, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        open_page(page, app_url, "/valley_vs_bowl")
        wait_for_charts(page, VALLEY[1])
        for key in ("a_hi", "b_hi"):
            box = page.locator(f".st-key-{key}").bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, (key, box)
            # In the open, not in a folded expander.
            assert page.locator(f".st-key-{key} input[type=range]").is_visible(), key
    finally:
        context.close()
