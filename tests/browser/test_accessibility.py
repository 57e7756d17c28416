"""Every page, at its defaults, as axe-core sees it: no critical or serious violation.

axe-core (through ``axe-playwright-python``, which carries its own copy of axe.min.js) runs
inside the page once its script has finished and its charts are drawn, in both of
Streamlit's themes: colour contrast differs between them.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page, wait_for_charts, wait_for_script

pytestmark = pytest.mark.browser

PAGES = ("/", "/valley_vs_bowl", "/inside_a_batch", "/optimizer_race", "/where_it_matters",
         "/deep_networks")
BLOCKING = ("critical", "serious")


def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _settled(page, path: str) -> None:
    """The script has finished (Deep networks: its training too) and every chart is drawn:
    elements fade while a run is going, which would read as low contrast."""
    wait_for_script(page)
    if path != "/":
        wait_for_charts(page, 1)  # every page but Home has charts
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('div.bnviz-plot'))
                    .every(e => e.dataset.rendered && e.dataset.rendered === e.dataset.figure)""",
        timeout=120_000)


def _violations(page) -> list[str]:
    found = _axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']}; first at "
            f"{v['nodes'][0]['target']}" for v in found if v["impact"] in BLOCKING]


@pytest.mark.parametrize("path", PAGES)
def test_no_critical_or_serious_violation_in_the_light_theme(page, app_url, path):
    page.emulate_media(color_scheme="light")
    open_page(page, app_url, path)
    _settled(page, path)
    assert _violations(page) == []


@pytest.mark.parametrize("path", PAGES)
def test_no_critical_or_serious_violation_in_the_dark_theme(page, app_url, path):
    page.emulate_media(color_scheme="dark")
    open_page(page, app_url, path)
    _settled(page, path)
    assert page.evaluate("getComputedStyle(document.querySelector('[data-testid=stApp]'))"
                         ".backgroundColor") != "rgb(255, 255, 255)"  # dark indeed
    assert _violations(page) == []


def test_headings_do_not_skip_a_level(page, app_url):
    bad = {}
    for path in PAGES:
        open_page(page, app_url, path)
        levels = page.eval_on_selector_all('[data-testid="stMain"] :is(h1,h2,h3,h4,h5,h6)',
                                           "hs => hs.map(h => Number(h.tagName[1]))")
        skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        if skips:
            bad[path] = skips
    assert bad == {}


def _luminance(color: str) -> float:
    """Of ``#rrggbb`` or ``rgb(r, g, b)`` (plotly keeps a colour as it was given)."""
    import re

    if color.startswith("#"):
        r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    else:
        r, g, b = (int(x) / 255 for x in re.findall(r"\d+", color)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_charts_follow_the_theme_and_are_named_by_their_headline(page, app_url, scheme):
    page.emulate_media(color_scheme=scheme)
    open_page(page, app_url, "/valley_vs_bowl")
    wait_for_charts(page, 5)
    _settled(page, "/valley_vs_bowl")
    charts = page.eval_on_selector_all("div.bnviz-plot", """els => els.map(e => ({
        paper: e._fullLayout.paper_bgcolor, font: e._fullLayout.font.color,
        name: e.getAttribute('aria-label'), role: e.getAttribute('role'),
        title: (e._fullLayout.title && e._fullLayout.title.text) || ''}))""")
    app = page.evaluate("getComputedStyle(document.querySelector('[data-testid=stApp]'))"
                        ".backgroundColor")
    assert len(charts) >= 3
    for c in charts:
        assert (_luminance(c["paper"]) < 0.3) == (scheme == "dark"), c
        assert abs(_luminance(c["paper"]) - _luminance(app)) < 0.05  # the page's background
        assert (_luminance(c["font"]) > 0.5) == (scheme == "dark"), c  # readable text on it
        assert c["role"] == "figure" and c["name"] and "<" not in c["name"]
