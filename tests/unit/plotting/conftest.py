"""A two-weight least-squares cost and the square window around its minimum, from core alone."""

from types import SimpleNamespace

import numpy as np
import pytest

from bnviz.core import quadratic
from bnviz.core.data import make_two_features
from bnviz.plotting.window import square_window, surfaces


@pytest.fixture(scope="module")
def valley():
    d = make_two_features()
    q = quadratic.from_data(d.X, d.y)
    w0 = np.zeros(2)
    s3, s2 = surfaces(q, *square_window(q.w_star, w0))
    return SimpleNamespace(q=q, w0=w0, s3=s3, s2=s2)
