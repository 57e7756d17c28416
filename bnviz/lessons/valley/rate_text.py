"""Why each side of "Valley vs bowl" runs at its rate, in a sentence the page shows above the
charts, computed from the runs.

Gradient descent at a fixed rate ``lr`` on a quadratic multiplies the distance to the minimum
along each eigenvector of the Hessian by ``1 - lr * lambda`` per step: across the valley
(``lambda_max``) that factor is the size of each swing against the last, along it
(``lambda_min``) ``lr * lambda_min`` is the part of the remaining way covered per step.
"""

from __future__ import annotations

import math

from bnviz.i18n import _
from bnviz.lessons.valley.experiment import STABLE_FRACTION, ZIGZAG_FRACTION, Comparison, Side
from bnviz.numbers import fmt, percent


def swing_ratio(side: Side) -> float:
    """``|1 - lr * lambda_max|``: each swing across the surface against the one before."""
    return abs(1.0 - side.lr * side.conditioning.lam_max)


def crawl_share(side: Side, lr: float | None = None) -> float:
    """``lr * lambda_min``: the part of the way along the surface covered per step."""
    return (side.lr if lr is None else lr) * side.conditioning.lam_min


def _named(side: Side) -> str:
    c = side.conditioning
    edge = _("{fraction} × 2/λmax")
    for lr, name in ((c.lr_optimal, _("its optimal rate 2/(λmin+λmax)")),
                     (ZIGZAG_FRACTION * c.lr_stable, edge.format(fraction=fmt(ZIGZAG_FRACTION))),
                     (STABLE_FRACTION * c.lr_stable, edge.format(fraction=fmt(STABLE_FRACTION)))):
        if math.isfinite(lr) and math.isclose(side.lr, lr, rel_tol=1e-12):
            return _("{name} = {rate}").format(name=name, rate=fmt(side.lr))
    return fmt(side.lr)


def rate_sentence(cmp: Comparison) -> str:
    """Each side's rate, its swing and its crawl; for a raw side that zig-zags visibly, what
    the optimal fixed rate would have done instead (a faster crawl, and swings that overlap
    into a band)."""
    raw, std = cmp.raw, cmp.std
    if raw.trajectory.status == "diverged" or not raw.conditioning.lam_min > 0:
        first = _("Raw runs at {rate}.").format(rate=_named(raw))
    else:
        first = _("Raw runs at {rate}: each swing across the valley is {swing} of the last, and "
                  "each step covers {crawl} of the way left along it.").format(
            rate=_named(raw), swing=percent(swing_ratio(raw)), crawl=percent(crawl_share(raw), 2))
        optimal = raw.conditioning.lr_optimal
        if not math.isclose(raw.lr, optimal, rel_tol=1e-12) and swing_ratio(raw) < 0.95:
            first += " " + _("At its optimal rate it would cover {crawl} per step, but every swing "
                             "would be {swing} of the last: the strokes would overlap into a "
                             "band.").format(crawl=percent(crawl_share(raw, optimal), 2),
                                             swing=percent(abs(1.0 - optimal * raw.conditioning.lam_max)))
    second = _("Standardized runs at {rate}.").format(rate=_named(std))
    return first + " " + second
