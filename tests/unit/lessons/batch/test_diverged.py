"""Inside a batch when runs diverge, raw or standardized: every chart draws its paths and says
which run diverged, at the step where its cost first grew past the bound."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from bnviz.core.descent import DIVERGED_GROWTH
from bnviz.lessons.batch import text
from bnviz.lessons.batch.descent_figures import MARK_NAMES, descent_figures, surface_headline
from bnviz.lessons.batch.minibatch import cost_maps, run_all
from bnviz.lessons.batch.settings import MiniSpec, SplitSpec
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec
from bnviz.plotting.style import PALETTE

DATA = two_features(DataSpec())


def _runs(lr: float):
    return run_all(DATA.X, DATA.y, SplitSpec(size=10, seed=0, last="keep"),
                   MiniSpec(lr=lr, steps=120, tol=1e-3), eps=1e-5, momentum=0.1)


def _blow_up(runs, t) -> int | None:
    """The first step whose excess cost is not finite or past DIVERGED_GROWTH times the
    start's, from the run's recorded costs (on all rows: the full quadratic)."""
    excess = t.cost - runs.full.f_star
    bad = np.flatnonzero(~(excess[1:] <= DIVERGED_GROWTH * excess[0]))
    return int(bad[0]) + 1 if bad.size else None


def _flat(fig) -> str:
    return fig["layout"]["title"]["text"].replace("<br>", " ")


# 0.05: the raw side alone is far past its stability edge; 3: every run, the standardized
# ones too.
@pytest.mark.parametrize(("lr", "gone"), [(0.05, {"raw"}),
                                          (3.0, {"raw", "standardized", "batchnorm"})])
def test_diverged_runs_are_drawn_and_said_on_every_chart(lr, gone):
    runs = _runs(lr)
    assert {k for k, t in runs.runs.items() if t.status == "diverged"} == gone
    figs = descent_figures(runs, *cost_maps(runs, np.zeros(2)))
    notes = {a["text"]: a for a in figs["cost"]["layout"]["annotations"]}
    for key, t in runs.runs.items():
        if key in gone:
            assert t.diverged_at == _blow_up(runs, t)
            mark = notes[f"{MARK_NAMES[key]} diverged"]
            assert mark["x"] == t.diverged_at and mark["font"]["color"] == PALETTE[key]
        else:
            assert _blow_up(runs, t) is None and f"{key} diverged" not in notes
    for fig in (figs["map"], figs["surface"]):  # every path is drawn, up to where it stopped
        assert len(fig["frames"][-1]["data"]) >= len(runs.runs)
    surface, cost, chart_map = _flat(figs["surface"]), _flat(figs["cost"]), _flat(figs["map"])
    if gone == {"raw"}:
        assert surface.startswith("The same paths in 3D: raw diverges and leaves the surface")
        assert chart_map.endswith(f"raw descent diverges at step {runs.raw.diverged_at}")
    else:
        assert surface == "The same paths in 3D: every run diverges and leaves the surface"
        assert cost == chart_map == "Every run diverges"
    assert surface_headline(runs) == surface


def test_the_surface_headline_names_two_diverged_runs_as_a_list():
    runs = _runs(0.05)
    std = dataclasses.replace(runs.standardized, status="diverged", diverged_at=7)
    both = dataclasses.replace(runs, standardized=std)
    assert surface_headline(both).startswith(
        "The same paths in 3D: raw and standardized diverge and leave the surface")
    calm = _runs(1e-7)  # below every run's stability edge
    assert all(t.status != "diverged" for t in calm.runs.values())
    assert "diverge" not in surface_headline(calm)


def test_no_run_at_the_tolerance_counts_the_budget_not_a_diverged_runs_steps():
    runs = _runs(0.05)
    stalled = {k: dataclasses.replace(t, status="stalled", steps_to_tol=None)
               for k, t in runs.runs.items() if k != "raw"}
    none_there = dataclasses.replace(runs, **stalled)
    assert runs.raw.status == "diverged" and runs.raw.steps < 120
    assert text.descent_headline(none_there) == "No run reaches the tolerance in 120 steps"
