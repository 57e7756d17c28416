"""Descent paths as CSV, for a spreadsheet: one row a point of one run.

Columns: ``side`` (raw or standardized), ``run`` (the optimizer), ``step``, ``w1``, ``w2``,
``cost``, ``excess`` (cost minus the minimum) and ``status`` (the run's outcome, on each of its
rows, so a filter on one run keeps it). Floats are written with ``repr``: read back, they are
the same numbers to the last bit.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from bnviz.core.descent import Trajectory

HEADER = ("side", "run", "step", "w1", "w2", "cost", "excess", "status")


def paths_csv(runs: Iterable[tuple[str, str, Trajectory]]) -> str:
    """``runs`` as ``(side, run name, trajectory)``; returns the CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for side, name, t in runs:
        for step, ((w1, w2), cost, excess) in enumerate(zip(t.weights, t.cost, t.excess,
                                                            strict=True)):
            writer.writerow((side, name, step, repr(float(w1)), repr(float(w2)),
                             repr(float(cost)), repr(float(excess)), t.status))
    return out.getvalue()
