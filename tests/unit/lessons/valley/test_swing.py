"""The zig-zag chart: the run's coordinates across and along its valley follow theory's
(1 - lr·λ)^k, and the headline says what they show, changing with the settings."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from bnviz.core.descent import DIVERGED_GROWTH
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.valley.experiment import compare
from bnviz.lessons.valley.swing import ACROSS_STEPS, flips, swing, swing_figure, swing_headline


def _cmp(**descent):
    return compare(DataSpec(), dataclasses.replace(DescentSpec(), **descent))


@pytest.mark.parametrize("descent", [{}, {"rate_raw": "custom", "lr_raw": 1e-5},
                                     {"rate_raw": "stable"}, {"rate_std": "custom", "lr_std": 0.3}])
def test_each_coordinate_is_theorys_geometric_sequence(descent):
    for side in (lambda c: c.raw, lambda c: c.std):
        s = side(_cmp(**descent))
        k = np.arange(len(s.trajectory.cost))
        across0, along0 = swing(s).across[0], swing(s).along[0]
        f_across, f_along = swing(s).factors
        # Theory: each step multiplies a coordinate along eigenvector i by 1 - lr·λ_i.
        eig = s.conditioning.eigenvalues
        assert f_across == pytest.approx(1 - s.lr * eig.max(), rel=1e-12)
        assert f_along == pytest.approx(1 - s.lr * eig.min(), rel=1e-12)
        np.testing.assert_allclose(swing(s).across, across0 * f_across ** k, atol=1e-9)
        np.testing.assert_allclose(swing(s).along, along0 * f_along ** k, atol=1e-9)
        assert abs(across0) == pytest.approx(1) and abs(along0) == pytest.approx(1)


def test_the_coordinates_rebuild_the_path():
    s = _cmp().raw
    sw, c = swing(s), s.conditioning
    start = (s.trajectory.weights[0] - s.quadratic.w_star) @ c.eigenvectors
    steep = int(np.argmax(c.eigenvalues))
    coords = np.empty((len(sw.across), 2))
    coords[:, steep] = sw.across * abs(start[steep])
    coords[:, 1 - steep] = sw.along * abs(start[1 - steep])
    np.testing.assert_allclose(coords @ c.eigenvectors.T + s.quadratic.w_star,
                               s.trajectory.weights, atol=1e-9)


def test_the_headline_follows_the_run():
    default = _cmp()  # the raw side at 0.9 x 2/lambda_max: each swing 1 - 1.8 = -0.8 of the last
    text = swing_headline(swing(default.raw), swing(default.std), steps=300)
    assert "crosses the valley at every step, each swing 80.0% of the last" in text
    left = abs(swing(default.raw).along[-1])
    assert f"{left:.1%} of the way is left after 300 steps" in text
    optimal = _cmp(rate_raw="optimal")  # swings (kappa - 1) / (kappa + 1) = 99.8% of the last
    text = swing_headline(swing(optimal.raw), swing(optimal.std), steps=300)
    assert "crosses the valley at every step, each swing 99.8% of the last" in text
    slow = _cmp(rate_raw="custom", lr_raw=1e-5)
    assert "reaches the valley floor without crossing it" in swing_headline(
        swing(slow.raw), swing(slow.std), steps=300)
    wild = _cmp(rate_raw="custom", lr_raw=1e-4)  # past 2/λmax = 7.41e-05
    assert "wider than the last" in swing_headline(swing(wild.raw), swing(wild.std), steps=300)


def test_the_figure_shows_every_step_across_and_the_whole_run_along():
    fig = swing_figure(_cmp())
    across = [t for t in fig["data"] if t["xaxis"] == "x"]
    along = [t for t in fig["data"] if t["xaxis"] == "x2"]
    assert [t["name"] for t in across] == ["raw", "standardized"]
    assert all(list(t["x"]) == list(range(ACROSS_STEPS + 1)) for t in across)
    assert flips(np.asarray(across[0]["y"])) == ACROSS_STEPS  # one stroke per step
    assert all(t["x"][-1] == 300 for t in along)
    assert across[0]["line"]["dash"] != across[1]["line"]["dash"]  # not by colour alone
    assert "crosses the valley" in fig["layout"]["title"]["text"].replace("<br>", " ")


# Rates past each side's stability edge 2/λmax: the standardized side's as issue 20 tried them
# (its edge is 0.88 on the default data), the raw side's (7.41e-05) by one to five decades.
DIVERGED = [("std", {"rate_std": "custom", "lr_std": lr}) for lr in (1.5, 2, 2.5, 3, 4, 5, 6, 8)]
DIVERGED += [("raw", {"rate_raw": "custom", "lr_raw": lr}) for lr in (1e-3, 1e-1, 10.0)]
DIVERGED += [("both", {"rate_raw": "custom", "lr_raw": 1e-3, "rate_std": "custom", "lr_std": 3})]


def _blows_up_at(side) -> int:
    """Theory's step of divergence: the excess is e·Ge (e = w - w*) and its Hessian 2G, so on
    G's eigenvectors each coordinate of e is multiplied by 1 - 2·lr·λ per step and the excess
    is sum λ c0² (1 - 2·lr·λ)^2k; the run stops at the first step where it passes
    DIVERGED_GROWTH times the start's."""
    lam, vec = np.linalg.eigh(side.quadratic.G)
    c0 = (side.trajectory.weights[0] - side.quadratic.w_star) @ vec
    k = np.arange(1, 10_001)[:, None]
    with np.errstate(over="ignore"):
        excess = (lam * c0 ** 2 * (1 - 2 * side.lr * lam) ** (2 * k)).sum(axis=1)
    return int(np.argmax(excess > DIVERGED_GROWTH * (lam * c0 ** 2).sum())) + 1


@pytest.mark.parametrize(("which", "descent"), DIVERGED)
def test_a_diverged_side_is_drawn_to_its_last_step_and_said(which, descent):
    cmp = _cmp(**descent)
    sides = {"raw": [cmp.raw], "std": [cmp.std], "both": [cmp.raw, cmp.std]}[which]
    fig = swing_figure(cmp)  # the page's IndexError came from here
    text = fig["layout"]["title"]["text"].replace("<br>", " ")
    for side in (cmp.raw, cmp.std):
        sw = swing(side)
        expected = _blows_up_at(side) if any(side is s for s in sides) else None
        assert sw.diverged_at == expected
        traces = [t for t in fig["data"] if t["legendgroup"] == side.label]
        last = expected if expected is not None else 300
        across, along = traces
        assert list(across["x"]) == list(range(min(ACROSS_STEPS, last) + 1))
        assert along["x"][-1] == last and len(along["x"]) == len(along["y"])
        if expected is not None:
            assert f"diverges at step {expected}" in text or (
                side is cmp.std and f"diverges too, at step {expected}" in text)
    if which == "std":
        # The raw side is described as before: each swing 1 - lr·λmax of the last (λmax of its
        # Hessian 2G, from numpy), and what is left along.
        lam = np.linalg.eigvalsh(2 * cmp.raw.quadratic.G)[-1]
        assert f"each swing {abs(1 - cmp.raw.lr * lam):.1%} of the last" in text
        assert f"{abs(swing(cmp.raw).along[-1]):.1%} of the way is left after 300 steps" in text
    if which == "raw":
        assert f"{abs(swing(cmp.std).along[-1]):.1%} of the way along the valley is left " \
               "after 300 steps" in text
