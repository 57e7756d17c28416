"""The exported batch script, run as a visitor would run it, prints the page's numbers."""

from __future__ import annotations

import dataclasses
import math
import subprocess
import sys

import numpy as np
import pytest

from bnviz.core.batches import Split, split
from bnviz.core.batchnorm import RunningStats
from bnviz.lessons.batch.layer import BatchLook, frames
from bnviz.lessons.batch.script import batch_script
from bnviz.lessons.batch.settings import LookSpec, SplitSpec
from bnviz.lessons.batch.view import look_view
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec
from bnviz.numbers import fmt

CASES = [
    (DataSpec(), SplitSpec(), LookSpec()),
    # A short rest dropped, a large eps (the standardized std is not 1), other gamma and beta.
    (DataSpec(), SplitSpec(size=33, seed=5, last="drop"),
     LookSpec(index=3, eps=1e3, g1=-2.0, g2=0.5, b1=5.0, b2=-1.0)),
    # A batch of one row: x_hat = 0, the output collapses to beta.
    (DataSpec(seed=9), SplitSpec(size=1, seed=2), LookSpec(index=57, undo="on")),
    # A constant feature, the last, short batch kept, undo.
    (DataSpec(a_hi=1.0), SplitSpec(size=7, seed=11), LookSpec(index=15, undo="on")),
    # A batch index past the end lands on the last batch; one batch of every row.
    (DataSpec(), SplitSpec(size=40, seed=1), LookSpec(index=999, b1=3.0)),
    (DataSpec(n=1000, seed=3, b_hi=1e4), SplitSpec(size=1000, last="drop"), LookSpec(eps=1e-10)),
]


def _run(script: str) -> dict[str, str]:
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    return dict(line.split(": ", 1) for line in out.splitlines())


def _page(data: DataSpec, split_spec: SplitSpec, spec: LookSpec) -> tuple[Split, BatchLook]:
    """The split and the batch shown, computed as :func:`look_view` computes them."""
    features = two_features(data).X
    batches = split(len(features), split_spec.size, seed=split_spec.seed, last=split_spec.last)
    animation = frames(features, batches, spec.index - 1, gamma=np.array([spec.g1, spec.g2]),
                       beta=np.array([spec.b1, spec.b2]), eps=spec.eps, undo=spec.undo == "on")
    return batches, animation.looks[int(np.flatnonzero(animation.indices == animation.selected)[0])]


def _mismatches(printed: dict[str, str], batches: Split, shown: BatchLook) -> list[str]:
    """Every line where the script's output differs from the page's batch (empty: they agree)."""
    x_size = float(np.max(np.abs(shown.x)))
    out_size = max(float(np.max(np.abs(shown.gamma))), float(np.max(np.abs(shown.beta))), 1.0)
    exact = {"batches": str(batches.n_batches), "rows sitting out": str(len(batches.dropped)),
             "batch": str(shown.index + 1), "rows in the batch": str(shown.m),
             "first rows": " ".join(str(r) for r in shown.rows[:10])}
    # (values, absolute tolerance): quantities that are zero up to rounding (the mean of
    # x_hat, a constant feature's std) are compared on the scale of what they came from.
    numbers = {"batch mean": (shown.mean_, 0.0), "batch std": (shown.std_, 1e-12 * x_size),
               "population mean": (shown.pop_mean, 0.0),
               "population std": (shown.pop_std, 1e-12 * x_size),
               "x_hat mean": (shown.hat_moments[0], 1e-9), "x_hat std": (shown.hat_moments[1], 1e-12),
               "gamma": (shown.gamma, 0.0), "beta": (shown.beta, 0.0),
               "output mean": (shown.out_moments[0], 1e-9 * out_size),
               "output std": (shown.out_moments[1], 1e-12 * out_size),
               "largest |output - input|": (np.array([shown.residual]), 1e-9 * max(x_size, out_size))}
    wrong = [f"{name}: printed but not on the page"
             for name in printed.keys() - exact.keys() - numbers.keys()]
    wrong += [f"{name}: script {printed.get(name)}, page {value}"
              for name, value in exact.items() if printed.get(name) != value]
    for name, (values, abs_tol) in numbers.items():
        got = [float(v) for v in printed.get(name, "").split()]
        if len(got) != len(values) or not all(
                math.isclose(a, b, rel_tol=1e-9, abs_tol=abs_tol) for a, b in zip(got, values, strict=True)):
            wrong.append(f"{name}: script {got}, page {list(values)}")
    return wrong


@pytest.mark.parametrize(("data", "split_spec", "spec"), CASES)
def test_the_script_prints_what_the_page_shows(data, split_spec, spec):
    printed = _run(batch_script(data, split_spec, spec))
    assert _mismatches(printed, *_page(data, split_spec, spec)) == []
    # The page's own table of the batch says the same, to the digits it shows.
    view = look_view(two_features(data), split_spec, spec, running_stats=RunningStats.initial(2))
    cells = [row["this batch"] for row in view.table] + [row["population"] for row in view.table]
    shown = [float(v) for name in ("batch mean", "batch std", "population mean",
                                   "population std") for v in printed[name].split()]
    assert cells == [fmt(v) for v in shown]


def test_the_cases_cover_short_single_and_collapsed_batches():
    looks = [_page(*case)[1] for case in CASES]
    assert any(look.m == 1 for look in looks) and any(look.collapsed.any() for look in looks)
    assert any(look.undo for look in looks) and any(look.shrink.min() < 0.99 for look in looks)
    assert any(_page(*case)[0].dropped.size for case in CASES)


def test_a_changed_setting_fails_the_comparison():
    data, split_spec, spec = CASES[1]
    page = _page(data, split_spec, spec)
    for changed in (batch_script(data, dataclasses.replace(split_spec, seed=6), spec),
                    batch_script(data, split_spec, dataclasses.replace(spec, eps=1e2)),
                    batch_script(data, split_spec, dataclasses.replace(spec, index=2))):
        assert _mismatches(_run(changed), *page)


def test_the_script_carries_every_setting():
    script = batch_script(DataSpec(seed=123, n=57), SplitSpec(size=8, seed=4, last="drop"),
                          LookSpec(index=3, eps=0.5, g1=2.0, b2=-1.5))
    assert "default_rng(123)" in script and "n = 57" in script
    assert "size, seed, last = 8, 4, 'drop'" in script and "batch = 3 " in script
    assert "eps, gamma, beta = 0.5, np.array([2.0, 1.0]), np.array([0.0, -1.5])" in script
