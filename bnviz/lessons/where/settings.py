"""Settings of the page "Where normalization matters": the map (``mp_``) and the ladder (``ld_``).

The data itself comes from the shared :class:`~bnviz.settings.DataSpec` (same URL keys as
"Valley vs bowl", so a link carries over); the map replaces feature B's upper bound by
each row's, and the ladder draws the two features with a chosen correlation.
"""

from __future__ import annotations

from dataclasses import dataclass

from bnviz.i18n import N_
from bnviz.settings import param

METRICS = (N_("steps"), N_("excess"))
LADDER_RATES = (N_("half"), N_("optimal"))


@dataclass(frozen=True)
class MapSpec:
    """A grid of learning rate (columns, log) x ratio of the features' scales (rows, log)."""

    lr_lo: float = param(1e-9, key="mp_lr_lo", label=N_("Smallest learning rate"), lo=1e-9, hi=10.0,
                         log=True)
    lr_hi: float = param(10.0, key="mp_lr_hi", label=N_("Largest learning rate"), lo=1e-9, hi=10.0,
                         log=True)
    r_lo: float = param(0.1, key="mp_r_lo", label=N_("Smallest scale ratio B : A"), lo=1e-3, hi=1e4,
                        log=True, help=N_("Range of B over range of A: (b_hi − 1) / (a_hi − 1)."))
    r_hi: float = param(1000.0, key="mp_r_hi", label=N_("Largest scale ratio B : A"), lo=1e-3,
                        hi=1e4, log=True)
    cells: int = param(40, key="mp_cells", label=N_("Cells per axis"), lo=4, hi=80, log=True)
    steps: int = param(300, key="mp_steps", label=N_("Step budget"), lo=1, hi=5000, log=True)
    tol: float = param(1e-6, key="mp_tol", label=N_("Tolerance (relative excess cost)"), lo=1e-12,
                       hi=0.1, log=True)
    metric: str = param("steps", key="mp_metric", label=N_("Colour shows"), choices=METRICS,
                        help=N_("steps: steps to reach the tolerance; excess: relative excess "
                                "cost left after the step budget."))
    pick_lr: float = param(0.1, key="mp_lr", label=N_("Chosen cell: learning rate"), lo=1e-9,
                           hi=10.0, log=True)
    pick_r: float = param(20.0, key="mp_r", label=N_("Chosen cell: scale ratio"), lo=1e-3, hi=1e4,
                          log=True)


@dataclass(frozen=True)
class LadderSpec:
    """Raw, scaled, standardized and whitened versions of the same correlated data."""

    corr: float = param(0.9, key="ld_corr", label=N_("Correlation of A and B"), lo=-0.99, hi=0.99,
                        step=0.01, help=N_("Pearson correlation of the two features; each keeps "
                                           "its uniform range."))
    rate: str = param("half", key="ld_rate", label=N_("Learning rate on each rung"),
                      choices=LADDER_RATES,
                      help=N_("half: 1/λmax, half the stability limit (the steep direction is "
                              "solved in one step, the flat one crawls); optimal: 2/(λmin+λmax), "
                              "where both directions shrink by the same factor."))
    steps: int = param(200, key="ld_steps", label=N_("Steps"), lo=1, hi=5000, log=True)
