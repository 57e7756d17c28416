"""What the browser needs to draw "Valley vs bowl" itself while a range or a rate is dragged.

Ten numbers of the draws (the R factor of :mod:`bnviz.core.moments`), the settings, and the
constants of every rule the page's numbers follow (rate modes, divergence, windows, grids,
path cuts). The browser's ``bnviz/ui/js/valley_math.js`` computes from these exactly what
:func:`~bnviz.lessons.valley.experiment.compare` and the figures compute on the server.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from bnviz.core import moments
from bnviz.core.descent import DIVERGED_GROWTH
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.valley.experiment import STABLE_FRACTION, ZIGZAG_FRACTION
from bnviz.lessons.valley.figures import MARGIN_2D, MARGIN_3D
from bnviz.plotting.contour import DEPTH
from bnviz.plotting.paths import EXACT_HEAD, MAX_POINTS
from bnviz.plotting.surface import LIFT
from bnviz.plotting.window import GRID_2D, GRID_3D, PAD

CONSTS: dict[str, float] = {
    "stable_fraction": STABLE_FRACTION, "zigzag_fraction": ZIGZAG_FRACTION,
    "diverged_growth": DIVERGED_GROWTH, "pad": PAD,
    "grid_3d": GRID_3D, "grid_2d": GRID_2D, "max_points": MAX_POINTS, "exact_head": EXACT_HEAD,
    "lift": LIFT, "margin_3d": MARGIN_3D, "margin_2d": MARGIN_2D, "rank_rtol": moments.RANK_RTOL,
    "null_rtol": moments.NULL_RTOL, "depth": DEPTH,
}


def live_payload(data: DataSpec, descent: DescentSpec) -> dict[str, Any]:
    """A JSON-able dict: ``R`` (16 numbers, row by row), ``data`` and ``descent`` (the
    settings, by field name, the data's weights as ``w1``/``w2``) and ``consts``."""
    d = moments.draws(data.seed, data.n)
    return {
        "R": [float(x) for x in d.R.ravel()],
        "data": {"a_hi": data.a_hi, "b_hi": data.b_hi, "w1": data.w1_true, "w2": data.w2_true,
                 "noise": data.noise},
        "descent": dataclasses.asdict(descent),
        "consts": dict(CONSTS),
    }
