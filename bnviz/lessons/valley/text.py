"""The sentences and the table of "Valley vs bowl", written from the comparison they describe."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from bnviz.lessons.common.text import TableRow, outcome, outcome_clause
from bnviz.lessons.valley.experiment import Comparison, Side
from bnviz.numbers import fmt

FEATURES = ("A", "B")


def predicted_phrase(steps: float) -> str:
    """Theory's bound on the steps to the tolerance, or why there is none."""
    return "never (the rate does not contract)" if math.isinf(steps) else f"{int(steps):,}"


def _spread_clause(spreads: np.ndarray) -> str:
    """Which feature spreads more widely, and by how much; or which is constant."""
    constant = [name for name, sd in zip(FEATURES, spreads, strict=True) if not sd > 0]
    if len(constant) == len(FEATURES):
        return "Both features are constant, so standardizing sets them to zero."
    if constant:
        return f"Feature {constant[0]} is constant, so standardizing sets it to zero."
    wide, narrow = (1, 0) if spreads[1] >= spreads[0] else (0, 1)
    return (f"Feature {FEATURES[wide]} spreads {fmt(float(spreads[wide] / spreads[narrow]))}× "
            f"as widely as {FEATURES[narrow]} (standard deviations {fmt(float(spreads[wide]))} "
            f"and {fmt(float(spreads[narrow]))}).")


def _runs_sentence(comparison: Comparison) -> str:
    raw, std = comparison.raw, comparison.std
    return (f"At a learning rate of {fmt(raw.lr)}, descent on raw features "
            f"{outcome_clause(raw.trajectory)} (theory's bound: "
            f"{predicted_phrase(raw.predicted_steps)}); on standardized features, at "
            f"{fmt(std.lr)}, it {outcome_clause(std.trajectory)} (bound: "
            f"{predicted_phrase(std.predicted_steps)}).")


def _overshoot(side: Side) -> str:
    """Why a diverged run diverged, when its rate is past the stability limit."""
    limit = side.conditioning.lr_stable
    if side.trajectory.status != "diverged" or not side.lr > limit:
        return ""
    return (f" The {side.label} rate {fmt(side.lr)} is above the stability limit 2/λmax = "
            f"{fmt(limit)}, so each step overshoots the valley further than the last.")


def explain_valley(comparison: Comparison) -> str:
    """Two to four sentences on what the two surfaces show, from the numbers of ``comparison``."""
    raw, std = comparison.raw, comparison.std
    curvature = (f" The raw cost is {fmt(raw.conditioning.condition_number)} times more curved "
                 f"across its valley than along it (the condition number); standardized, the "
                 f"ratio is {fmt(std.conditioning.condition_number)}.")
    return (_spread_clause(comparison.spreads) + curvature + " " + _runs_sentence(comparison)
            + _overshoot(raw) + _overshoot(std))


def intercept_sentence(comparison: Comparison) -> str:
    """Why the two surfaces bottom out at the heights they do (the standardized side's
    centred target is an intercept held at its optimum; the raw side has none)."""
    raw_min, std_min = comparison.raw.quadratic.f_star, comparison.std.quadratic.f_star
    head = ("The standardized target is centred (y − mean y): the same as an intercept held at "
            f"its optimum. Here the raw cost bottoms out at {fmt(raw_min)} and the standardized "
            f"one at {fmt(std_min)}")
    # The best line with an intercept fits at least as well as the best without; the two
    # minima agree (to rounding) only when the best line passes through the origin.
    if raw_min - std_min > 1e-9 * max(raw_min, std_min, 1e-300):
        return (head + f": the intercept, which only the standardized side has, lowers the "
                f"minimum by {fmt(100 * (raw_min - std_min) / raw_min)}%.")
    return head + ": the same height, since this data's best line passes through the origin."


def _rate_phrase(side: Side) -> str:
    optimal = side.conditioning.lr_optimal
    return ("its optimal rate" if math.isclose(side.lr, optimal, rel_tol=1e-12)
            else f"a rate of {fmt(side.lr)}")


def speed_sentence(comparison: Comparison) -> str:
    """How fast each side descends, for the home page's claim: measured, not promised."""
    raw, std = comparison.raw, comparison.std
    return (f"descent on raw features, at {_rate_phrase(raw)}, {outcome_clause(raw.trajectory)}; "
            f"on standardized features, at {_rate_phrase(std)}, it "
            f"{outcome_clause(std.trajectory)}.")


def readout(side: Side) -> str:
    """The key numbers of one side in a line: ``κ = 2,089 · 2/λmax = 7.41e-05 · rate 3.7e-05 ·
    not within 300 steps``. The browser writes the same line while a control is dragged
    (``valley_math.js``), so the server's line on release must read the same."""
    c = side.conditioning
    return (f"κ = {fmt(c.condition_number)} · 2/λmax = {fmt(c.lr_stable)} · rate {fmt(side.lr)} · "
            f"{outcome(side.trajectory)}")


def numbers_table(comparison: Comparison) -> tuple[TableRow, ...]:
    """Rows of (quantity, raw, standardized) for the page's table."""

    def row(name: str, cell: Callable[[Side], str]) -> TableRow:
        return {"": name, "raw": cell(comparison.raw), "standardized": cell(comparison.std)}

    return (
        row("Hessian eigenvalues λ",
            lambda side: ", ".join(fmt(float(v)) for v in side.conditioning.eigenvalues)),
        row("condition number λmax/λmin", lambda side: fmt(side.conditioning.condition_number)),
        row("largest stable rate 2/λmax", lambda side: fmt(side.conditioning.lr_stable)),
        row("optimal rate 2/(λmin+λmax)", lambda side: fmt(side.conditioning.lr_optimal)),
        row("learning rate used", lambda side: fmt(side.lr)),
        row("steps predicted (bound)", lambda side: predicted_phrase(side.predicted_steps)),
        row("steps taken to tolerance",
            lambda side: "—" if side.trajectory.steps_to_tol is None
            else str(side.trajectory.steps_to_tol)),
        row("final cost", lambda side: fmt(side.trajectory.final_cost)),
        row("minimum cost", lambda side: fmt(side.quadratic.f_star)),
        row("status", lambda side: outcome(side.trajectory)),
    )
