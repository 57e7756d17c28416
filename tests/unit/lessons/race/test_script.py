"""The exported race script, run as a visitor would run it, prints the page's numbers."""

from __future__ import annotations

import dataclasses
import math
import subprocess
import sys

import pytest

from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.common.text import outcome
from bnviz.lessons.race.runs import Race, run_race
from bnviz.lessons.race.script import race_script
from bnviz.lessons.race.settings import RaceSpec

CASES = [
    (DataSpec(), DescentSpec(), RaceSpec()),
    # Past each rule's edge on both surfaces: GD, momentum and Nesterov diverge.
    (DataSpec(), DescentSpec(steps=500), RaceSpec(gd_lr=3.0, mom_lr=4.0, nag_lr=2.5)),
    # A constant feature, some racers off, other betas and eps, another start.
    (DataSpec(a_hi=1.0, noise=2.0), DescentSpec(steps=1000, tol=1e-9, w1_0=10.0, w2_0=-3.0),
     RaceSpec(gd="off", rms="off", mom_beta=0.5, adam_lr=0.01, adam_beta1=0.5,
              adam_beta2=0.9999, adam_eps=1e-3)),
    # Scales 10^4 apart, no noise, small budget: some stall.
    (DataSpec(b_hi=1e4, n=1000, seed=7, noise=0.0), DescentSpec(steps=40, tol=1e-3),
     RaceSpec(space="standardized", nag="off", rms_lr=0.2, rms_beta=0.5, rms_eps=1e-12)),
]


def _run(script: str) -> dict[str, str]:
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    return dict(line.split(": ", 1) for line in out.splitlines())


def _close(printed: str, value: float) -> bool:
    got = float(printed)
    if math.isnan(value) or math.isnan(got):
        return math.isnan(value) and math.isnan(got)
    return got == value or math.isclose(got, value, rel_tol=1e-9, abs_tol=1e-300)


def _mismatches(printed: dict[str, str], race: Race) -> list[str]:
    """Every line where the script's output differs from the page's race (empty: they agree)."""
    expected: dict[str, tuple[str, float | str]] = {}
    for field in (race.raw, race.std):
        expected[f"{field.label} rate unit 2/(lam_min+lam_max)"] = ("number", field.rate_unit)
        expected[f"{field.label} step unit |w0-w_star|"] = ("number", field.step_unit)
        for run in field.runs:
            expected[f"{field.label} {run.name} learning rate"] = ("number", run.lr)
            expected[f"{field.label} {run.name} result"] = ("words", outcome(run.trajectory))
            expected[f"{field.label} {run.name} final cost"] = ("number",
                                                               run.trajectory.final_cost)
    wrong = [f"{name}: printed but not on the page" for name in printed.keys() - expected.keys()]
    for name, (kind, value) in expected.items():
        got = printed.get(name)
        if got is None or not (got == value if kind == "words" else _close(got, float(value))):
            wrong.append(f"{name}: script {got}, page {value}")
    return wrong


@pytest.mark.parametrize(("data", "descent", "spec"), CASES)
def test_the_script_prints_what_the_page_shows(data, descent, spec):
    race = run_race(two_features(data), spec, descent)
    assert _mismatches(_run(race_script(data, descent, spec)), race) == []


def test_the_cases_cover_every_outcome():
    races = [run_race(two_features(data), spec, descent) for data, descent, spec in CASES]
    outcomes = {run.trajectory.status for race in races for field in (race.raw, race.std)
                for run in field.runs}
    assert outcomes == {"converged", "stalled", "diverged"}


def test_a_changed_setting_fails_the_comparison():
    data, descent, spec = CASES[0]
    race = run_race(two_features(data), spec, descent)
    for changed in (race_script(dataclasses.replace(data, seed=43), descent, spec),
                    race_script(data, descent, dataclasses.replace(spec, adam_beta1=0.8)),
                    race_script(data, descent, dataclasses.replace(spec, mom="off"))):
        assert _mismatches(_run(changed), race)


def test_the_script_carries_every_setting():
    spec = RaceSpec(gd="off", mom="off", nag="off", rms="off", adam_lr=0.03125, adam_eps=1e-6)
    script = race_script(DataSpec(seed=123, n=57), DescentSpec(steps=77), spec)
    assert "default_rng(123)" in script and "n = 57" in script
    assert "steps, tol, start = 77," in script
    assert '"Adam": ("adam", 0.03125, {"beta": 0.9, "beta2": 0.999, "eps": 1e-06})' in script
    assert '"GD"' not in script and '"RMSProp"' not in script
