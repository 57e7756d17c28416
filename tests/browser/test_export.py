"""A figure exported as one HTML file draws and animates in Chromium with no network."""

from __future__ import annotations

import pytest

from bnviz.core.data import make_two_features
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.valley.experiment import compare
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


def _download(page, label: str):
    buttons = page.locator('[data-testid="stSidebar"] [data-testid="stDownloadButton"]')
    if not buttons.first.is_visible():  # the "Download" expander is closed
        page.locator('[data-testid="stSidebar"] summary', has_text="Download").click()
    with page.expect_download(timeout=60_000) as info:
        buttons.filter(has_text=label).first.locator("button").click()
    return info.value


def test_the_page_downloads_its_script_paths_and_charts(page, app_url, tmp_path):
    import csv
    import subprocess
    import sys

    from tests.browser.conftest import open_page, wait_for_charts

    open_page(page, app_url, "/valley_vs_bowl", "b_hi=1000&rate_raw=stable")
    wait_for_charts(page, 5)
    script = tmp_path / "valley.py"
    _download(page, "valley_vs_bowl.py").save_as(script)
    printed = dict(line.split(": ", 1) for line in subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True,
        timeout=120).stdout.splitlines())
    expected = compare(two_features(DataSpec(b_hi=1000.0)),
                       DescentSpec(rate_raw="stable"))
    assert float(printed["raw learning rate used"]) == pytest.approx(expected.raw.lr, rel=1e-9)
    assert printed["standardized steps to tolerance"] == str(expected.std.trajectory.steps_to_tol)
    rows = list(csv.DictReader(_download(page, "paths.csv").path().open()))
    raw = [r for r in rows if r["side"] == "raw"]
    assert len(raw) == len(expected.raw.trajectory.cost)
    assert float(raw[-1]["cost"]) == pytest.approx(expected.raw.trajectory.final_cost, rel=1e-12)
    html = _download(page, "raw surface").path().read_text(encoding="utf-8")
    assert "Plotly.newPlot" in html and '"frames"' in html
