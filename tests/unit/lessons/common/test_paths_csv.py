"""Paths as CSV read back to the same numbers."""

from __future__ import annotations

import csv
import io

import numpy as np

from bnviz.core import descent
from bnviz.core.data import make_two_features
from bnviz.core.quadratic import from_data
from bnviz.lessons.common.paths_csv import HEADER, paths_csv


def test_every_point_of_every_run_reads_back_exactly():
    data = make_two_features()
    q = from_data(data.X, data.y)
    slow = descent.run(q, descent.GradientDescent(1e-5), w0=np.zeros(2), steps=20)
    wild = descent.run(q, descent.GradientDescent(1e-3), w0=np.zeros(2), steps=50)
    rows = list(csv.reader(io.StringIO(paths_csv([("raw", "slow", slow), ("raw", "wild", wild)]))))
    assert tuple(rows[0]) == HEADER
    body = rows[1:]
    assert len(body) == len(slow.cost) + len(wild.cost)
    mine = [r for r in body if r[1] == "wild"]
    assert [int(r[2]) for r in mine] == list(range(len(wild.cost)))
    assert np.array_equal(np.array([[float(r[3]), float(r[4])] for r in mine]), wild.weights)
    assert np.array_equal(np.array([float(r[5]) for r in mine]), wild.cost)
    assert {r[7] for r in mine} == {"diverged"} and wild.status == "diverged"
