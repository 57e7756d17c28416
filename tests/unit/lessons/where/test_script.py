"""The exported ladder script, run as a visitor would run it, prints the page's numbers."""

from __future__ import annotations

import dataclasses
import math
import subprocess
import sys

import pytest

from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.common.text import outcome
from bnviz.lessons.where.ladder import Ladder, build_ladder
from bnviz.lessons.where.script import ladder_script
from bnviz.lessons.where.settings import LadderSpec
from bnviz.lessons.where.text import ladder_table
from bnviz.numbers import fmt

CASES = [
    (DataSpec(), LadderSpec()),
    (DataSpec(), LadderSpec(corr=-0.6, rate="optimal", steps=1000)),
    # A constant feature: no correlation, a flat direction on every centred rung.
    (DataSpec(a_hi=1.0, seed=3), LadderSpec(corr=0.3)),
    # Nearly collinear features, scales 10^4 apart, a budget too small for most rungs.
    (DataSpec(b_hi=1e4, n=1000, seed=7, noise=0.0), LadderSpec(corr=0.99, steps=5)),
]


def _run(script: str) -> dict[str, str]:
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    return dict(line.split(": ", 1) for line in out.splitlines())


def _close(printed: str | None, value: float) -> bool:
    if printed is None:
        return False
    got = float(printed)
    if math.isnan(value) or math.isnan(got):
        return math.isnan(value) and math.isnan(got)
    return got == value or math.isclose(got, value, rel_tol=1e-9, abs_tol=1e-300)


def _mismatches(printed: dict[str, str], ladder: Ladder) -> list[str]:
    """Every line where the script's output differs from the page's ladder (empty: they agree)."""
    numbers = {"sample correlation": ladder.corr_sample}
    words = {}
    for rung in ladder.rungs:
        c = rung.conditioning
        numbers |= {f"{rung.label} condition number": c.condition_number,
                    f"{rung.label} lambda min": c.lam_min, f"{rung.label} lambda max": c.lam_max,
                    f"{rung.label} learning rate": rung.lr}
        words[f"{rung.label} descent"] = outcome(rung.trajectory)
    wrong = [f"{name}: printed but not on the page"
             for name in printed.keys() - numbers.keys() - words.keys()]
    wrong += [f"{name}: script {printed.get(name)}, page {value}"
              for name, value in numbers.items() if not _close(printed.get(name), value)]
    wrong += [f"{name}: script {printed.get(name)}, page {value}"
              for name, value in words.items() if printed.get(name) != value]
    return wrong


@pytest.mark.parametrize(("data", "spec"), CASES)
def test_the_script_prints_what_the_page_shows(data, spec):
    printed = _run(ladder_script(data, spec))
    ladder = build_ladder(data, spec)
    assert _mismatches(printed, ladder) == []
    # The page's table says the same, to the digits it shows.
    for row, rung in zip(ladder_table(ladder), ladder.rungs, strict=True):
        assert [row["condition number κ"], row["λmin"], row["λmax"], row["learning rate"],
                row["descent"]] == [
            *(fmt(float(printed[f"{rung.label} {name}"]))
              for name in ("condition number", "lambda min", "lambda max", "learning rate")),
            printed[f"{rung.label} descent"]]


def test_the_cases_cover_both_outcomes_and_a_constant_feature():
    ladders = [build_ladder(data, spec) for data, spec in CASES]
    statuses = {rung.trajectory.status for ladder in ladders for rung in ladder.rungs}
    assert statuses == {"converged", "stalled"}  # at most 2/(lam_min+lam_max): never diverges
    assert any(math.isnan(ladder.corr_sample) for ladder in ladders)


def test_a_changed_setting_fails_the_comparison():
    data, spec = CASES[0]
    ladder = build_ladder(data, spec)
    for changed in (ladder_script(data, dataclasses.replace(spec, corr=0.8)),
                    ladder_script(data, dataclasses.replace(spec, rate="optimal")),
                    ladder_script(dataclasses.replace(data, b_hi=300.0), spec)):
        assert _mismatches(_run(changed), ladder)


def test_the_script_carries_every_setting():
    script = ladder_script(DataSpec(seed=123, n=57, a_hi=7.5),
                           LadderSpec(corr=-0.25, rate="optimal", steps=77))
    assert "default_rng(123)" in script and "n, r = 57, -0.25" in script
    assert "steps, tol, rate = 77, 1e-06, 'optimal'" in script and "uniform(z1, 7.5)" in script
