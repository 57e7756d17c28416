"""The sentence on each side's rate: its numbers are the run's, measured on the run itself."""

from __future__ import annotations

import numpy as np
import pytest

from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.valley.experiment import compare
from bnviz.lessons.valley.rate_text import crawl_share, rate_sentence, swing_ratio
from bnviz.numbers import percent


def _across_and_along(side):
    """The run's distance to the minimum on the Hessian's eigenvectors, step by step."""
    lam, vectors = np.linalg.eigh(side.quadratic.G)
    e = side.trajectory.weights - side.quadratic.w_star
    return e @ vectors[:, 1], e @ vectors[:, 0]


def test_the_default_raw_rate_swings_at_80_percent_and_crawls_as_theory_says():
    cmp = compare(DataSpec(), DescentSpec())
    raw = cmp.raw
    assert swing_ratio(raw) == pytest.approx(0.8, rel=1e-9)
    across, along = _across_and_along(raw)
    # Measured: each swing across is -0.8 times the last, and each step keeps 1 - lr*lam_min
    # of the way along.
    np.testing.assert_allclose(across[1:6] / across[:5], -swing_ratio(raw), rtol=1e-6)
    np.testing.assert_allclose(along[1:50] / along[:49], 1 - crawl_share(raw), rtol=1e-9)
    text = rate_sentence(cmp)
    assert "0.9 × 2/λmax" in text
    assert percent(0.8) in text and percent(crawl_share(raw), 2) in text
    # The optimal rate's swings, from theory: (kappa - 1) / (kappa + 1).
    kappa = raw.conditioning.condition_number
    assert percent((kappa - 1) / (kappa + 1)) in text
    assert "Standardized runs at its optimal rate" in text


def test_a_diverged_raw_run_is_named_without_swing_numbers():
    cmp = compare(DataSpec(), DescentSpec(rate_raw="custom", lr_raw=1e-3))
    assert cmp.raw.trajectory.status == "diverged"
    text = rate_sentence(cmp)
    assert text.startswith("Raw runs at 0.001.") and "swing" not in text
