"""The exported script, run as a visitor would run it, prints the page's numbers."""

from __future__ import annotations

import dataclasses
import math
import subprocess
import sys

import pytest

from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.valley.experiment import compare
from bnviz.lessons.valley.script import valley_script

CASES = [
    (DataSpec(), DescentSpec()),
    (DataSpec(), DescentSpec(rate_raw="custom", lr_raw=2e-4, rate_std="stable")),  # diverges
    (DataSpec(a_hi=1.0), DescentSpec(rate_raw="stable")),  # A constant: zero once standardized
    (DataSpec(b_hi=1e4, n=1000, seed=7, noise=0.0), DescentSpec(tol=1e-9, steps=2000)),
    (DataSpec(w1_true=-4.0, noise=30.0), DescentSpec(w1_0=10.0, w2_0=-3.0, rate_std="custom",
                                                     lr_std=0.05)),
]


def _run(script: str) -> dict[str, str]:
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    return dict(line.split(": ", 1) for line in out.splitlines())


def _close(printed: str, value: float) -> bool:
    return math.isclose(float(printed), value, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize(("data", "descent"), CASES)
def test_the_script_prints_what_the_page_shows(data, descent):
    printed = _run(valley_script(data, descent))
    cmp = compare(two_features(data), descent)
    for side in (cmp.raw, cmp.std):
        got = {k.removeprefix(side.label + " "): v for k, v in printed.items()
               if k.startswith(side.label + " ")}
        eig = [float(x) for x in got["eigenvalues"].split()]
        assert all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12 * max(eig))
                   for a, b in zip(eig, side.conditioning.eigenvalues, strict=True))
        for name, value in (("condition number", side.conditioning.condition_number),
                            ("largest stable rate", side.conditioning.lr_stable),
                            ("optimal rate", side.conditioning.lr_optimal),
                            ("learning rate used", side.lr),
                            ("final cost", side.trajectory.final_cost)):
            assert _close(got[name], value), (side.label, name, got[name], value)
        t = side.trajectory
        assert got["steps to tolerance"] == str(t.steps_to_tol)
        assert got["diverged at step"] == str(t.diverged_at)


def test_the_cases_cover_a_divergence_and_a_constant_feature():
    outcomes = {compare(two_features(d), s).raw.trajectory.status for d, s in CASES}
    assert {"diverged", "converged"} <= outcomes | {
        compare(two_features(d), s).std.trajectory.status for d, s in CASES}
    assert any(d.a_hi == 1.0 for d, _ in CASES)


def test_the_script_carries_every_setting():
    data = dataclasses.replace(DataSpec(), seed=123, n=57)
    script = valley_script(data, DescentSpec(steps=77))
    assert "default_rng(123)" in script and "n = 57" in script and "steps, tol, start = 77," in script
