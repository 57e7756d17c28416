"""The sentences and the table of "Valley vs bowl", written from the comparison they describe."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from bnviz.i18n import N_, _
from bnviz.lessons.common.text import TableRow, outcome, outcome_clause, outcome_words
from bnviz.lessons.valley.experiment import Comparison, Side
from bnviz.numbers import fmt, joined, percent, whole

FEATURES = ("A", "B")


def predicted_phrase(steps: float) -> str:
    """Theory's bound on the steps to the tolerance, or why there is none."""
    return _("never (the rate does not contract)") if math.isinf(steps) else whole(int(steps))


def _spread_clause(spreads: np.ndarray) -> str:
    """Which feature spreads more widely, and by how much; or which is constant."""
    constant = [name for name, sd in zip(FEATURES, spreads, strict=True) if not sd > 0]
    if len(constant) == len(FEATURES):
        return _("Both features are constant, so standardizing sets them to zero.")
    if constant:
        return _("Feature {name} is constant, so standardizing sets it to zero.").format(
            name=constant[0])
    wide, narrow = (1, 0) if spreads[1] >= spreads[0] else (0, 1)
    return _("Feature {wide} spreads {ratio}× as widely as {narrow} (standard deviations "
             "{wide_sd} and {narrow_sd}).").format(
        wide=FEATURES[wide], ratio=fmt(float(spreads[wide] / spreads[narrow])),
        narrow=FEATURES[narrow], wide_sd=fmt(float(spreads[wide])),
        narrow_sd=fmt(float(spreads[narrow])))


def _runs_sentence(comparison: Comparison) -> str:
    raw, std = comparison.raw, comparison.std
    return _("At a learning rate of {raw_rate}, descent on raw features {raw_outcome} (theory's "
             "bound: {raw_bound}); on standardized features, at {std_rate}, it {std_outcome} "
             "(bound: {std_bound}).").format(
        raw_rate=fmt(raw.lr), raw_outcome=outcome_clause(raw.trajectory),
        raw_bound=predicted_phrase(raw.predicted_steps), std_rate=fmt(std.lr),
        std_outcome=outcome_clause(std.trajectory), std_bound=predicted_phrase(std.predicted_steps))


# Why a diverged run diverged, by side (" The raw rate ..."), with {rate} and {limit}.
_OVERSHOOT = {
    "raw": N_("The raw rate {rate} is above the stability limit 2/λmax = {limit}, so each step "
              "overshoots the valley further than the last."),
    "standardized": N_("The standardized rate {rate} is above the stability limit 2/λmax = "
                       "{limit}, so each step overshoots the valley further than the last."),
}


def _overshoot(side: Side) -> str:
    """Why a diverged run diverged, when its rate is past the stability limit."""
    limit = side.conditioning.lr_stable
    if side.trajectory.status != "diverged" or not side.lr > limit:
        return ""
    return " " + _(_OVERSHOOT[side.label]).format(rate=fmt(side.lr), limit=fmt(limit))


def explain_valley(comparison: Comparison) -> str:
    """Two to four sentences on what the two surfaces show, from the numbers of ``comparison``."""
    raw, std = comparison.raw, comparison.std
    curvature = " " + _("The raw cost is {raw_kappa} times more curved across its valley than "
                        "along it (the condition number); standardized, the ratio is "
                        "{std_kappa}.").format(raw_kappa=fmt(raw.conditioning.condition_number),
                                               std_kappa=fmt(std.conditioning.condition_number))
    return (_spread_clause(comparison.spreads) + curvature + " " + _runs_sentence(comparison)
            + _overshoot(raw) + _overshoot(std))


def intercept_sentence(comparison: Comparison) -> str:
    """Why the two surfaces bottom out at the heights they do (the standardized side's
    centred target is an intercept held at its optimum; the raw side has none)."""
    raw_min, std_min = comparison.raw.quadratic.f_star, comparison.std.quadratic.f_star
    # The best line with an intercept fits at least as well as the best without; the two
    # minima agree (to rounding) only when the best line passes through the origin.
    if raw_min - std_min > 1e-9 * max(raw_min, std_min, 1e-300):
        return _("The standardized target is centred (y − mean y): the same as an intercept "
                 "held at its optimum. Here the raw cost bottoms out at {raw_min} and the "
                 "standardized one at {std_min}: the intercept, which only the standardized "
                 "side has, lowers the minimum by {percent}.").format(
            raw_min=fmt(raw_min), std_min=fmt(std_min),
            percent=percent((raw_min - std_min) / raw_min, None))
    return _("The standardized target is centred (y − mean y): the same as an intercept held "
             "at its optimum. Here the raw cost bottoms out at {raw_min} and the standardized "
             "one at {std_min}: the same height, since this data's best line passes through "
             "the origin.").format(raw_min=fmt(raw_min), std_min=fmt(std_min))


def _rate_phrase(side: Side) -> str:
    optimal = side.conditioning.lr_optimal
    return (_("its optimal rate") if math.isclose(side.lr, optimal, rel_tol=1e-12)
            else _("a rate of {rate}").format(rate=fmt(side.lr)))


def speed_sentence(comparison: Comparison) -> str:
    """How fast each side descends, for the home page's claim: measured, not promised."""
    raw, std = comparison.raw, comparison.std
    return _("descent on raw features, at {raw_rate}, {raw_outcome}; on standardized features, "
             "at {std_rate}, it {std_outcome}.").format(
        raw_rate=_rate_phrase(raw), raw_outcome=outcome_clause(raw.trajectory),
        std_rate=_rate_phrase(std), std_outcome=outcome_clause(std.trajectory))


def _readout_template() -> str:
    return _("κ = {kappa} · 2/λmax = {stable} · rate {rate} · {outcome}")


def readout(side: Side) -> str:
    """The key numbers of one side in a line: ``κ = 2,089 · 2/λmax = 7.41e-05 · rate 3.7e-05 ·
    not within 300 steps``. The browser writes the same line while a control is dragged
    (``valley_math.js``, with :func:`readout_words`), so the server's line on release must
    read the same."""
    c = side.conditioning
    return _readout_template().format(kappa=fmt(c.condition_number), stable=fmt(c.lr_stable),
                                      rate=fmt(side.lr), outcome=outcome(side.trajectory))


def readout_words() -> dict[str, object]:
    """The words ``valley_math.js`` writes :func:`readout` with, in this run's language:
    ``readout`` (the line's template), the outcome's templates and the number marks
    (:func:`~bnviz.lessons.common.text.outcome_words`)."""
    return {"readout": _readout_template(), **outcome_words()}


def _eigenvalues(values: np.ndarray) -> str:
    """The eigenvalues in a cell: ``29.37, 2.7e+04`` (in Italian a semicolon apart: a comma is
    its decimal mark)."""
    return joined(fmt(float(v)) for v in values)


def numbers_table(comparison: Comparison) -> tuple[TableRow, ...]:
    """Rows of (quantity, raw, standardized) for the page's table (its column names in the
    visitor's language)."""
    raw_col, std_col = _("raw"), _("standardized")

    def row(name: str, cell: Callable[[Side], str]) -> TableRow:
        return {"": name, raw_col: cell(comparison.raw), std_col: cell(comparison.std)}

    return (
        row(_("Hessian eigenvalues λ"), lambda side: _eigenvalues(side.conditioning.eigenvalues)),
        row(_("condition number λmax/λmin"), lambda side: fmt(side.conditioning.condition_number)),
        row(_("largest stable rate 2/λmax"), lambda side: fmt(side.conditioning.lr_stable)),
        row(_("optimal rate 2/(λmin+λmax)"), lambda side: fmt(side.conditioning.lr_optimal)),
        row(_("learning rate used"), lambda side: fmt(side.lr)),
        row(_("steps predicted (bound)"), lambda side: predicted_phrase(side.predicted_steps)),
        row(_("steps taken to tolerance"),
            lambda side: "—" if side.trajectory.steps_to_tol is None
            else whole(side.trajectory.steps_to_tol)),
        row(_("final cost"), lambda side: fmt(side.trajectory.final_cost)),
        row(_("minimum cost"), lambda side: fmt(side.quadratic.f_star)),
        row(_("status"), lambda side: outcome(side.trajectory)),
    )
