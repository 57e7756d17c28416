"""The valley view keeps what the page shows: its slider marks are theory's rates, computed
here independently from the data's Hessian."""

import numpy as np
import pytest

from bnviz.core.preprocessing import standardize
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.valley.view import valley_view


@pytest.mark.parametrize("b_hi", [200.0, 5000.0])
def test_rate_marks_are_the_optimal_rate_and_the_stability_edge_of_each_side(b_hi):
    data = two_features(DataSpec(b_hi=b_hi))
    view = valley_view(data, DescentSpec())
    for setting, X in (("lr_raw", data.X), ("lr_std", standardize(data.X).Z)):
        lam = np.linalg.eigvalsh(2.0 * X.T @ X / len(X))
        assert set(view.marks[setting].values()) == {"optimal", "2/λmax"}
        marks = {word: rate for rate, word in view.marks[setting].items()}
        assert marks["optimal"] == pytest.approx(2.0 / (lam[0] + lam[-1]), rel=1e-9)
        assert marks["2/λmax"] == pytest.approx(2.0 / lam[-1], rel=1e-9)
