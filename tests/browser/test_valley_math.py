"""One truth in two languages: the browser's valley numbers (``bnviz/ui/js/valley_math.js``,
evaluated in Chromium) against the Python core, for a few hundred random settings.

Costs, weights and eigenvalues agree to 1e-9 relative (they follow the same operations, so
in practice to the last bit or nearly), and every run stops at the same step: reaching the
tolerance, diverging, or running out of steps. Ranges include the extremes (1, a constant
feature; 1e5) and rates far past the stability edge. No app server: the script is loaded
into a blank page.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from bnviz import i18n
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.valley.experiment import compare
from bnviz.lessons.valley.live import live_payload
from bnviz.lessons.valley.text import readout, readout_words
from bnviz.numbers import fmt
from bnviz.plotting.window import GRID_2D, GRID_3D
from tests.browser.conftest import module_page

pytestmark = pytest.mark.browser

RTOL = 1e-9
CASES = 300

# What the page evaluates per setting; arrays come back as plain lists.
_EVAL = """(cases) => cases.map((s) => {
  const sides = bnvizValleyMath.compute(s);
  const out = {};
  for (const [k, v] of Object.entries(sides)) {
    out[k] = {G: v.q.G, wStar: v.q.wStar, fStar: v.q.fStar, lam: v.q.lam, lamMin: v.q.lamMin,
              lamMax: v.q.lamMax, lr: v.lr, status: v.traj.status, stepsToTol: v.traj.stepsToTol,
              divergedAt: v.traj.divergedAt, weights: Array.from(v.traj.weights),
              cost: Array.from(v.traj.cost), xr: v.xr, yr: v.yr,
              coarse: Array.from(v.coarse.cost), fine: Array.from(v.fine.cost),
              readout: bnvizValleyMath.readout(v)};
  }
  return out;
})"""


@pytest.fixture(scope="module")
def math_page(browser):
    # valley/math.js as the live view imports it; fmt is common/format.js's.
    context, page = module_page(browser, {"bnvizValleyMath": "valley/math.js",
                                          "bnvizFormat": "common/format.js"})
    yield page
    context.close()


def _log_uniform(rng: np.random.Generator, lo: float, hi: float) -> float:
    return float(10 ** rng.uniform(math.log10(lo), math.log10(hi)))


def random_settings(rng: np.random.Generator) -> tuple[DataSpec, DescentSpec]:
    """Settings anywhere the controls reach, the extremes often."""
    def hi() -> float:
        if rng.random() < 0.4:
            return float(rng.choice([1.0, 1e5, 10.0, 200.0]))
        return _log_uniform(rng, 1.0, 1e5)

    data = DataSpec(a_hi=hi(), b_hi=hi(), w1_true=float(rng.uniform(-10, 10)),
                    w2_true=float(rng.uniform(-10, 10)),
                    noise=float(rng.choice([0.0, 0.1, 1000.0])) if rng.random() < 0.3
                    else _log_uniform(rng, 1e-3, 1e3),
                    n=int(rng.choice([2, 3, 5, 10, 100, 1000, 20_000])),
                    seed=int(rng.integers(0, 2**31 - 1)))
    modes = ("optimal", "stable", "zigzag", "custom")
    descent = DescentSpec(rate_raw=str(rng.choice(modes)), lr_raw=_log_uniform(rng, 1e-9, 10.0),
                          rate_std=str(rng.choice(modes)), lr_std=_log_uniform(rng, 1e-3, 10.0),
                          steps=int(rng.choice([1, 5, 40, 300, 1500])),
                          tol=_log_uniform(rng, 1e-12, 0.1),
                          w1_0=float(rng.uniform(-50, 50)), w2_0=float(rng.uniform(-50, 50)))
    return data, descent


def _close(js: object, py: object, scale: float | None = None) -> None:
    """Equal to RTOL relative (elementwise), or to RTOL of ``scale`` where a value is ~0."""
    a, b = np.asarray(js, dtype=float), np.asarray(py, dtype=float)
    assert a.shape == b.shape
    both_inf = np.isinf(a) & np.isinf(b) & (np.sign(a) == np.sign(b))
    tol = RTOL * np.maximum(np.abs(b), 0.0 if scale is None else scale)
    ok = both_inf | (np.abs(a - b) <= tol) | (np.isnan(a) & np.isnan(b))
    assert ok.all(), (a[~ok][:5], b[~ok][:5])


def test_browser_equals_python_core_on_random_settings(math_page):
    rng = np.random.default_rng(20261129)
    settings = [random_settings(rng) for _ in range(CASES)]
    payloads = [live_payload(d, s) for d, s in settings]
    results = math_page.evaluate(_EVAL, json.loads(json.dumps(payloads)))
    outcomes = {"converged": 0, "stalled": 0, "diverged": 0}
    extremes = 0
    for (data, descent), js in zip(settings, results, strict=True):
        extremes += data.a_hi in (1.0, 1e5) or data.b_hi in (1.0, 1e5)
        cmp = compare(data, descent)
        for side in (cmp.raw, cmp.std):
            b = js[side.label]
            q, c, t = side.quadratic, side.conditioning, side.trajectory
            where = (side.label, data, descent)
            scale = float(np.abs(q.G).max())
            _close(b["G"], q.G, scale)
            _close(b["wStar"], q.w_star, float(np.abs(q.w_star).max()))
            _close(b["fStar"], q.f_star)
            _close(b["lam"], c.eigenvalues, c.lam_max)
            _close([b["lamMin"], b["lamMax"]], [c.lam_min, c.lam_max])
            _close(b["lr"], side.lr)
            assert (b["status"], b["stepsToTol"], b["divergedAt"]) == (
                t.status, t.steps_to_tol, t.diverged_at), where
            weights = np.asarray(b["weights"]).reshape(-1, 2)
            assert weights.shape == t.weights.shape, where
            finite = np.isfinite(t.weights).all(axis=1)
            # A diverging run's last points may overflow; up to there, point for point.
            _close(weights[finite], t.weights[finite], float(np.abs(t.weights[finite]).max()))
            _close(np.asarray(b["cost"])[finite], t.cost[finite])
            _close(b["xr"] + b["yr"], [*side.surface_2d.w1[[0, -1]], *side.surface_2d.w2[[0, -1]]])
            # The grids' points agree to rounding (the window's radius is a BLAS norm in numpy),
            # so costs agree to rounding of the largest cost on the grid.
            for grid, k, surf in (("coarse", GRID_3D, side.surface_3d), ("fine", GRID_2D, side.surface_2d)):
                _close(np.reshape(b[grid], (k, k)), surf.cost, float(np.abs(surf.cost).max()))
            assert b["readout"] == readout(side), where
            outcomes[t.status] += 1
    # The sample reached every outcome, and the extreme ranges often.
    assert min(outcomes.values()) >= 20, outcomes
    assert extremes >= CASES // 4, extremes


FMT_VALUES = [0.0, -0.0, 1.0, 0.5, 2.5, 1.125, 1.0005, 9.9995, 99999.5, 12345.5, 12346.5, -12345.5,
              1e-3, 9.995e-4, 0.00099949, 1e5, 99950.0, 99949.99, 123456.0, 1.5e-7, 7.41e-05,
              float("inf"), float("-inf"), float("nan"), 2.0 ** -11, 3.0, 1 / 3, 2 / 3, 1e300,
              -1e-300, 123.45, 1234.5, 0.0625, 0.1, 42.0]


@pytest.mark.parametrize("lang", ["en", "it"])
def test_browser_formats_numbers_as_python(math_page, lang):
    rng = np.random.default_rng(7)
    values = FMT_VALUES + [float(x) for x in 10 ** rng.uniform(-12, 12, 2000) * rng.choice([-1, 1], 2000)]
    # Exact binary ties (x.5 and friends) are where JavaScript and Python round differently.
    values += [float(k) / 8 for k in rng.integers(1, 800_000, 500)]
    with i18n.use(lang):
        marks = readout_words()["marks"]
        expected = [fmt(x) for x in values]
    # English without marks too (the default of common/format.js's fmt).
    calls = ["(xs) => xs.map((x) => bnvizFormat.fmt(x))"] if lang == "en" else []
    calls += ["([xs, marks]) => xs.map((x) => bnvizFormat.fmt(x, marks))"]
    for call in calls:
        shown = math_page.evaluate(call, [values, marks] if "marks" in call else values)
        wrong = [(x, s, e) for x, s, e in zip(values, shown, expected, strict=True) if s != e]
        assert not wrong, (call, wrong[:10])
    if lang == "it":
        assert marks == {"decimal": ",", "group": "."}


# Each side's readout line, in the words a payload sends (bnviz/ui/valley.py).
_READOUT = """([cases, words]) => cases.map((s) => {
  const sides = bnvizValleyMath.compute(s);
  const out = {};
  for (const [k, v] of Object.entries(sides)) out[k] = bnvizValleyMath.readout(v, words);
  return out;
})"""


@pytest.mark.parametrize("lang", ["en", "it"])
def test_browser_readout_follows_the_language(math_page, lang):
    rng = np.random.default_rng(11)
    settings = [random_settings(rng) for _ in range(60)]
    payloads = [live_payload(d, s) for d, s in settings]
    with i18n.use(lang):
        words = readout_words()
        expected = [{side.label: readout(side) for side in (cmp.raw, cmp.std)}
                    for cmp in (compare(d, s) for d, s in settings)]
    shown = math_page.evaluate(_READOUT, [json.loads(json.dumps(payloads)), words])
    assert shown == expected
