"""Each chart page offers its own files beside its charts: each lesson's ui module offers
them (:func:`bnviz.ui.exports.offer`), so the sidebar's menu holds exactly that page's files,
and one button per chart drawn."""

from __future__ import annotations

import pytest

from tests.app.conftest import assert_clean, charts, open_page

FILES = {
    "valley_vs_bowl": {"paths.csv", "valley_vs_bowl.py"},
    "optimizer_race": {"paths.csv", "race.py"},
    "inside_a_batch": {"batch.py"},
    "where_it_matters": {"ladder.py"},
    "deep_networks": set(),
}


@pytest.mark.parametrize("page", sorted(FILES))
def test_each_page_offers_its_own_files_and_one_per_chart(page):
    at = open_page(page, {"dn_steps": "20", "dn_width": "16", "dn_depth": "2"}
                   if page == "deep_networks" else None)
    assert_clean(at)
    drawn = set(charts(at))
    assert drawn
    # A button's key is download_ and the chart's key or the file's name.
    buttons = {b.key.removeprefix("download_"): b.label for b in at.get("download_button")}
    assert drawn <= set(buttons)
    assert {label for key, label in buttons.items() if key not in drawn} == FILES[page]
