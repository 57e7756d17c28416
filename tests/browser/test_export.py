"""A figure exported as one HTML file draws and animates in Chromium with no network."""

from __future__ import annotations

import pytest

from bnviz.core.data import make_two_features
from bnviz.lessons.common.settings import DescentSpec
from bnviz.lessons.valley.view import valley_view
from bnviz.plotting.export import standalone_html

pytestmark = pytest.mark.browser


def test_an_exported_contour_map_draws_and_plays_offline(browser, tmp_path):
    fig = valley_view(make_two_features(), DescentSpec()).figures["raw_contour"]
    path = tmp_path / "raw_contour.html"
    path.write_text(standalone_html(fig, title="Raw features, top view"), encoding="utf-8")
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_function("() => document.getElementById('chart')._fullData !== undefined",
                           timeout=60_000)
    drawn = page.evaluate("""() => { const gd = document.getElementById('chart');
        return {traces: gd._fullData.length, frames: gd._transitionData._frames.length,
                name: gd.getAttribute('aria-label')}; }""")
    assert drawn == {"traces": len(fig["data"]), "frames": len(fig["frames"]),
                     "name": "Raw features, top view"}
    start = page.evaluate("() => document.getElementById('chart').layout.sliders[0].active || 0")
    page.locator(".updatemenu-button").first.click()  # ▶
    page.wait_for_function(
        f"() => (document.getElementById('chart').layout.sliders[0].active || 0) != {start}",
        timeout=30_000)
    assert [u for u in requests if not u.startswith("file://")] == []
    context.close()
