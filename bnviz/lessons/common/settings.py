"""Settings more than one lesson shares: the two-feature data and full-batch descent.

The data controls keep their URL keys (``a_hi``, ``b_hi``, ``w1``, ``w2``, ``noise``, ``n``,
``seed``) on every page, so a link carries the same data from one page to the next.
"""

from __future__ import annotations

from dataclasses import dataclass

from bnviz.i18n import N_
from bnviz.settings import param


@dataclass(frozen=True)
class DataSpec:
    """Two uniform features and a linear target; the defaults are the seed article's data."""

    a_hi: float = param(10.0, key="a_hi", label=N_("Upper bound of feature A"), lo=1.0, hi=1e5,
                        log=True, help=N_("A is drawn uniform on [1, upper]."))
    b_hi: float = param(200.0, key="b_hi", label=N_("Upper bound of feature B"), lo=1.0, hi=1e5,
                        log=True, help=N_("B is drawn uniform on [1, upper]."))
    w1_true: float = param(2.0, key="w1", label=N_("True weight of A"), lo=-10.0, hi=10.0, step=0.5)
    w2_true: float = param(3.0, key="w2", label=N_("True weight of B"), lo=-10.0, hi=10.0, step=0.5)
    noise: float = param(0.1, key="noise", label=N_("Noise level"), lo=0.0, hi=1000.0, log=True,
                         help=N_("Standard deviation of the Gaussian noise added to y."))
    n: int = param(100, key="n", label=N_("Samples"), lo=2, hi=1_000_000, log=True)
    seed: int = param(42, key="seed", label=N_("Random seed"), lo=0, hi=2**31 - 1)


# zigzag: 0.9 x 2/lambda_max, where each swing across a valley is 0.8 times the last (the
# optimal fixed rate swings 1 - 2/(kappa + 1) times the last: on a long valley a solid band).
RATE_MODES = (N_("optimal"), N_("stable"), N_("zigzag"), N_("custom"))

RATE_HELP = N_("optimal: 2/(λmin+λmax), the fastest fixed rate; stable: just under 2/λmax; "
                "zigzag: 0.9 × 2/λmax, where each swing across the valley is 0.8 times the last; "
                "custom: the rate of the slider below.")


@dataclass(frozen=True)
class DescentSpec:
    """Full-batch gradient descent on both surfaces.

    The learning rate of each side is either the optimal fixed rate of that side's surface,
    the largest stable one (just under 2/lambda_max), 0.9 x 2/lambda_max (each swing across
    the surface 0.8 times the last: the zig-zag shows), or a number the user picks. The raw
    side starts at the zig-zag, so the first picture shows the article's story: swings across
    the valley dying out, then a crawl along it.
    The start is given in raw weights; the standardized side starts at the same model.
    """

    rate_raw: str = param("zigzag", key="rate_raw", label=N_("Learning rate (raw)"),
                          choices=RATE_MODES, help=RATE_HELP)
    lr_raw: float = param(1e-4, key="lr_raw", label=N_("Custom learning rate (raw)"), lo=1e-9,
                          hi=10.0, log=True)
    rate_std: str = param("optimal", key="rate_std", label=N_("Learning rate (standardized)"),
                          choices=RATE_MODES, help=RATE_HELP)
    lr_std: float = param(0.1, key="lr_std", label=N_("Custom learning rate (standardized)"),
                          lo=1e-9, hi=10.0, log=True)
    steps: int = param(300, key="steps", label=N_("Steps"), lo=1, hi=5000, log=True)
    w1_0: float = param(0.0, key="w1_0", label=N_("Start w1"), lo=-50.0, hi=50.0, step=0.5)
    w2_0: float = param(0.0, key="w2_0", label=N_("Start w2"), lo=-50.0, hi=50.0, step=0.5)
    tol: float = param(1e-6, key="tol", label=N_("Tolerance (relative excess cost)"), lo=1e-12,
                       hi=0.1, log=True,
                       help=N_("Converged when (cost - min) / (start cost - min) falls below this."))
