"""One truth in two languages: the browser's optimizer race (bnviz/ui/js/race_numerics.js),
run in Chromium, against the Python core on a few hundred random races.

Each case draws data (seed, n, noise, and feature ranges from 1, a constant feature, to
1e5), a side (raw or standardized), a start, a step budget, a tolerance and every
optimizer's settings in the race's units (rate multiples up to 4, past every stability edge,
so that some runs diverge; betas up to 0.999; eps from 1e-12 to 1). Python runs the race with
:func:`bnviz.lessons.race.runs.run_race`, exactly as the page does; the browser gets the
quadratic, the start, the settings and the server's units
(:func:`~bnviz.lessons.race.runs.live_inputs`, what a page would send), and runs the same
optimizers.

What must agree:

- the outcome: status, the step that reached the tolerance, the step that diverged, the
  number of points;
- the numbers, to the contract of issue 12: weights, gradients and velocities to
  ``|js - py| <= 1e-9 |py| + 1e-12 S``, with S the largest finite magnitude of that quantity
  along the run (a coordinate passing near zero carries the absolute rounding error of the
  larger numbers it was computed from, not a relative one); costs and excess costs to
  ``1e-9 |py| + 1e-15 E``, with E the run's largest finite excess (its start's, unless it
  diverged). Near the minimum the excess is set by ``e = w - w*``, which the weights only
  know to their last bit: weights one unit in the last place apart give excesses of 1e-28
  and 5e-29 where the start's was 1e2. The tolerance, at least 1e-12, is relative to the
  start's excess, so an error a thousandth of that cannot move an outcome, and a relative
  criterion alone would fail on rounding;
- and, because both sides do the same IEEE operations in the same order, the bits: every
  weight, gradient, velocity and cost identical. This is what makes the outcome robust: a
  relative excess equal to the tolerance up to rounding would otherwise decide a step either
  way.

The race's units computed in the browser (eigenvalues of the 2x2 Hessian in closed form, the
start's distance) agree with the server's to 1e-12 relative; the page itself takes the
server's units, since dragging a rate or a beta does not change the data.
"""

from __future__ import annotations

import base64
import math

import numpy as np
import pytest

from bnviz.core.data import make_two_features
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.race.runs import Field, live_inputs, run_race, stable_limit
from bnviz.lessons.race.settings import OPTIMIZERS, RaceSpec
from tests.browser.conftest import module_page

pytestmark = pytest.mark.browser

KEYS = tuple(k for k, _ in OPTIMIZERS)
CASES = 240
BATCH = 40
# |js - py| <= RTOL |py| + atol, atol a fraction of the run's own scale (see the docstring).
RTOL, RUN_ATOL, EXCESS_ATOL = 1e-9, 1e-12, 1e-15
# Feature ranges at the ends of the sliders, and a few between.
EXTREME_RANGES = ((1.0, 1.0), (1.0, 1e5), (1e5, 1.0), (1e5, 1e5), (1.0, 200.0), (10.0, 1e5),
                  (1.0001, 1e5))

# Runs a batch of cases in a blank page holding the script (no server needed); arrays come
# back as base64 of their Float64 bytes, so every bit survives.
_RUN_BATCH = """
(cases) => {
  const m = bnvizRaceNumerics;
  const b64 = (a) => {
    if (a === null) return null;
    const u8 = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    let s = "";
    for (let i = 0; i < u8.length; i += 0x8000)
      s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000));
    return btoa(s);
  };
  return cases.map((c) => {
    const units = m.raceUnits(c.q, c.w0);
    const runs = m.raceSide(c.q, c.keys, c.spec, c.units, c.w0, c.steps, c.tol);
    const out = {units: [units.rateUnit, units.stepUnit, units.lamMin, units.lamMax],
                 edges: {}, runs: {}};
    for (const key of ["gd", "mom", "nag"]) {
      const beta = key === "gd" ? 0.0 : c.spec[key + "_beta"];
      out.edges[key] = m.stableLimit(key, beta, c.units.lamMax, c.units.rateUnit);
    }
    for (const [key, r] of Object.entries(runs)) {
      out.runs[key] = {status: r.status, stepsToTol: r.stepsToTol, divergedAt: r.divergedAt,
                       steps: r.steps, lr: r.rule.lr, weights: b64(r.weights),
                       gradients: b64(r.gradients), velocities: b64(r.velocities),
                       cost: b64(r.cost), excess: b64(r.excess)};
    }
    return out;
  });
}
"""


def _log_uniform(rng: np.random.Generator, lo: float, hi: float) -> float:
    return float(math.exp(rng.uniform(math.log(lo), math.log(hi))))


def _random_case(rng: np.random.Generator, i: int) -> tuple[DataSpec, DescentSpec, RaceSpec,
                                                          str]:
    """The settings of case ``i``: the first few at the sliders' extreme ranges."""
    if i < 2 * len(EXTREME_RANGES):
        a_hi, b_hi = EXTREME_RANGES[i // 2]
    else:
        a_hi, b_hi = _log_uniform(rng, 1.0, 1e5), _log_uniform(rng, 1.0, 1e5)
    data = DataSpec(a_hi=a_hi, b_hi=b_hi, w1_true=float(rng.uniform(-10, 10)),
                    w2_true=float(rng.uniform(-10, 10)),
                    noise=0.0 if i % 11 == 0 else _log_uniform(rng, 1e-3, 1e3),
                    n=int(_log_uniform(rng, 2, 2000)), seed=int(rng.integers(0, 2**31 - 1)))
    descent = DescentSpec(steps=int(_log_uniform(rng, 1, 1200)),
                          w1_0=float(rng.uniform(-50, 50)), w2_0=float(rng.uniform(-50, 50)),
                          tol=_log_uniform(rng, 1e-12, 0.1))

    def beta(top: float = 0.999) -> float:
        return 0.0 if rng.random() < 0.05 else float(rng.uniform(0.0, top))

    race = RaceSpec(
        gd_lr=_log_uniform(rng, 1e-3, 4.0), mom_lr=_log_uniform(rng, 1e-3, 4.0),
        mom_beta=beta(), nag_lr=_log_uniform(rng, 1e-3, 4.0), nag_beta=beta(),
        rms_lr=_log_uniform(rng, 1e-4, 1.0), rms_beta=beta(),
        rms_eps=_log_uniform(rng, 1e-12, 1.0), adam_lr=_log_uniform(rng, 1e-4, 1.0),
        adam_beta1=beta(), adam_beta2=beta(0.9999), adam_eps=_log_uniform(rng, 1e-12, 1.0))
    return data, descent, race, ("raw", "standardized")[i % 2]


def _floats(b64: str | None, cols: int = 1) -> np.ndarray | None:
    if b64 is None:
        return None
    a = np.frombuffer(base64.b64decode(b64), dtype=np.float64)
    return a.reshape(-1, cols) if cols > 1 else a


def _close(js: np.ndarray, py: np.ndarray, atol: float, what: str) -> None:
    """``|js - py| <= RTOL |py| + atol`` where finite; the same inf and NaN elsewhere."""
    assert js.shape == py.shape, what
    finite = np.isfinite(py)
    assert np.array_equal(np.isfinite(js), finite), f"{what}: finite at other points"
    assert np.array_equal(js[~finite], py[~finite], equal_nan=True), f"{what}: other inf/NaN"
    err = np.abs(js[finite] - py[finite])
    bound = RTOL * np.abs(py[finite]) + atol
    worst = int(np.argmax(err - bound)) if err.size else 0
    assert np.all(err <= bound), (f"{what}: |js - py| = {err[worst]:.3g} > {bound[worst]:.3g} "
                                  f"(py {py[finite][worst]!r}, js {js[finite][worst]!r})")


def _run_scale(values: np.ndarray) -> float:
    finite = np.abs(values[np.isfinite(values)])
    return float(finite.max()) if finite.size else 0.0


def _check_run(field: Field, key: str, js: dict, where: str) -> dict[str, int]:
    """Compare one run; return counts of identical bits per quantity (for the bit test)."""
    run = field.run_of(key)
    assert run is not None
    t = run.trajectory
    what = f"{where} {key}"
    assert js["lr"] == run.lr, f"{what}: absolute rate"
    assert (js["status"], js["stepsToTol"], js["divergedAt"], js["steps"]) == (
        t.status, t.steps_to_tol, t.diverged_at, t.steps), what
    weights, gradients = _floats(js["weights"], 2), _floats(js["gradients"], 2)
    velocities = _floats(js["velocities"], 2)
    assert (velocities is None) == (t.velocities is None), f"{what}: velocities"
    _close(weights, t.weights, RUN_ATOL * _run_scale(t.weights), f"{what} weights")
    _close(gradients, t.gradients, RUN_ATOL * _run_scale(t.gradients), f"{what} gradients")
    if velocities is not None and t.velocities is not None:
        _close(velocities, t.velocities, RUN_ATOL * _run_scale(t.velocities),
               f"{what} velocities")
    atol = EXCESS_ATOL * _run_scale(t.excess)
    _close(_floats(js["excess"]), t.excess, atol, f"{what} excess")
    _close(_floats(js["cost"]), t.cost, atol, f"{what} cost")
    pairs = {"weights": (weights, t.weights), "gradients": (gradients, t.gradients),
             "cost": (_floats(js["cost"]), t.cost), "excess": (_floats(js["excess"]), t.excess)}
    if velocities is not None:
        pairs["velocities"] = (velocities, t.velocities)
    return {name: int(not np.array_equal(a, b, equal_nan=True)) for name, (a, b) in
            pairs.items()}


def _check_units(field: Field, spec: RaceSpec, js: dict, where: str) -> None:
    rate, step, lam_min, lam_max = js["units"]
    assert rate == pytest.approx(field.rate_unit, rel=1e-12, abs=0), f"{where} rate unit"
    assert step == pytest.approx(field.step_unit, rel=1e-12, abs=0), f"{where} step unit"
    c = field.conditioning
    assert lam_max == pytest.approx(c.lam_max, rel=1e-12, abs=1e-300), f"{where} lam_max"
    # The small eigenvalue is known to lam_max x rounding, by LAPACK and by the closed form.
    assert abs(lam_min - c.lam_min) <= 1e-12 * c.lam_max + 1e-300, f"{where} lam_min"
    for key in ("gd", "mom", "nag"):
        beta = 0.0 if key == "gd" else getattr(spec, f"{key}_beta")
        want = stable_limit(key, beta, c, field.rate_unit)
        got = js["edges"][key]
        assert (got is None) == (want is None), f"{where} {key} edge"
        if want is not None:
            assert got == pytest.approx(want, rel=1e-15), f"{where} {key} edge"


@pytest.fixture(scope="module")
def races():
    """``CASES`` random races: (settings, the Python race, the side the browser ran)."""
    rng = np.random.default_rng(20261129)
    out = []
    for i in range(CASES):
        data, descent, race_spec, side = _random_case(rng, i)
        race = run_race(two_features(data), race_spec, descent)
        out.append((data, descent, race_spec, race.field(side)))
    return out


@pytest.fixture(scope="module")
def numerics_page(browser):
    """A blank page with race/numerics.js imported from its file, as the live view imports it."""
    context, page = module_page(browser, {"bnvizRaceNumerics": "race/numerics.js"})
    yield page
    context.close()


@pytest.fixture(scope="module")
def browser_results(numerics_page, races):
    """What the browser computed for every race, in order."""
    results: list[dict] = []
    for start in range(0, len(races), BATCH):
        batch = [live_inputs(field, spec, descent)
                 for _, descent, spec, field in races[start:start + BATCH]]
        results += numerics_page.evaluate(_RUN_BATCH, batch)
    return results


def test_the_cases_cover_every_outcome_and_the_extremes(races):
    statuses = {(k, f.run_of(k).trajectory.status) for _, _, _, f in races for k in KEYS}
    for key in KEYS:
        assert {(key, "converged"), (key, "stalled")} <= statuses, key
    assert {(k, "diverged") for k in ("gd", "mom", "nag")} <= statuses
    kappas = [f.conditioning.condition_number for _, _, _, f in races]
    assert max(k for k in kappas if math.isfinite(k)) > 1e8
    assert any(not math.isfinite(k) or k > 1e12 for k in kappas)  # a constant feature


def test_browser_race_equals_the_core_on_random_races(races, browser_results):
    assert len(browser_results) == len(races)
    for n, ((data, descent, spec, field), js) in enumerate(zip(races, browser_results,
                                                               strict=True)):
        where = f"case {n} ({field.label}, {data}, {descent}, {spec})"
        _check_units(field, spec, js, where)
        assert set(js["runs"]) == set(KEYS)
        for key in KEYS:
            _check_run(field, key, js["runs"][key], where)


def test_browser_race_is_the_core_bit_for_bit(races, browser_results):
    differing: dict[str, int] = {}
    runs = 0
    for (_, _, _, field), js in zip(races, browser_results, strict=True):
        for key in KEYS:
            runs += 1
            for name, n in _check_run(field, key, js["runs"][key], field.label).items():
                differing[name] = differing.get(name, 0) + n
    assert runs == CASES * len(KEYS)
    assert not any(differing.values()), f"runs whose bits differ, of {runs}: {differing}"


def test_a_start_at_the_minimum_is_converged_at_step_zero(numerics_page):
    """The core's rule for a start with nothing to descend (zero excess), in the browser."""
    from bnviz.core import descent
    from bnviz.core.optimizers import Adam
    from bnviz.core.quadratic import from_data

    d = make_two_features(n=50, seed=7)
    q = from_data(d.X, d.y)
    want = descent.run(q, Adam(0.1), w0=q.w_star, steps=20, tol=1e-6)
    got = numerics_page.evaluate("""(c) => {
        const r = bnvizRaceNumerics.runOptimizer(c.q, {kind: "adam", lr: 0.1}, c.w0, 20, 1e-6);
        return [r.status, r.stepsToTol, r.divergedAt, r.steps, Array.from(r.weights)];
    }""", {"q": {"G": q.G.tolist(), "wStar": q.w_star.tolist(), "fStar": q.f_star},
           "w0": q.w_star.tolist()})
    assert got[:4] == [want.status, want.steps_to_tol, want.diverged_at, want.steps]
    assert got[:2] == ["converged", 0]
    assert np.array_equal(np.reshape(got[4], (-1, 2)), want.weights)
