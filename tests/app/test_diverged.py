"""A diverged run on either side of every page: the page draws every chart, and each chart
that shows the runs says that one diverged (issue 20, part 6).

The unit tests of each lesson check the step they state against theory; this checks the
page as a visitor gets it, through AppTest and the settings' URL keys.
"""

from __future__ import annotations

import json
import os

import pytest

from tests.app.conftest import charts, open_page

DEEP = {"dn_steps": "20", "dn_width": "64", "dn_depth": "6", "dn_sw_hi": "2",
        "dn_sw_steps": "20", "dn_act": "relu", "dn_init": "he", "dn_opt": "momentum",
        "dn_lr": "5"}
# page, the side that diverges, its query, and the charts that must say "diverged" (the
# others show no run: data, batch statistics, the ladder at its safe rates).
CASES = [
    ("valley_vs_bowl", "raw", {"rate_raw": "custom", "lr_raw": "0.001"},
     ("raw_surface", "swing", "cost")),
    ("valley_vs_bowl", "standardized", {"rate_std": "custom", "lr_std": "3"},
     ("standardized_surface", "swing", "cost")),
    ("inside_a_batch", "raw", {}, ("descent_map", "descent_surface", "descent_cost")),
    ("inside_a_batch", "standardized", {"bt_lr": "3"},
     ("descent_map", "descent_surface", "descent_cost")),
    ("optimizer_race", "raw", {"or_space": "raw", "or_gd_lr": "4"},
     ("race_contour", "race_surface", "race_cost")),
    ("optimizer_race", "standardized", {"or_space": "standardized", "or_gd_lr": "4"},
     ("race_contour", "race_surface", "race_cost")),
    ("where_it_matters", "both", {"mp_lr": "10"}, ("map",)),
    ("deep_networks", "without BN", DEEP, ("dn_curves", "dn_unit_chart", "dn_hist", "dn_smooth")),
]


def _says_diverged(fig: dict) -> bool:
    layout = fig.get("layout", {})
    words = [(layout.get("title") or {}).get("text", "")]
    words += [a.get("text", "") for a in layout.get("annotations", [])]
    words += [json.dumps(layout.get("coloraxis", {}))]  # a map's colour bar names its band
    return any("diverg" in w for w in words)


@pytest.mark.parametrize(("page", "side", "query", "saying"), CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_a_diverged_run_is_drawn_and_said_on_every_chart(page, side, query, saying, monkeypatch):
    monkeypatch.setenv("BNVIZ_MAX_TRAIN_STEPS", "60")
    at = open_page(page, query)
    for _ in range(60):  # a deep page follows its worker's run to the end
        if not at.get("progress"):
            break
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    figs = charts(at)
    assert set(saying) <= set(figs), sorted(figs)
    quiet = [key for key in saying if not _says_diverged(figs[key])]
    assert quiet == [], f"{page} ({side} diverged): these charts do not say so: {quiet}"
    assert os.environ["BNVIZ_MAX_TRAIN_STEPS"] == "60"
