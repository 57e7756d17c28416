"""Sentences and tables written from computed numbers, never typed in."""

from __future__ import annotations

import math

from bnviz.lessons.common.text import outcome, outcome_clause
from bnviz.lessons.valley.experiment import Comparison
from bnviz.numbers import fmt


def predicted_phrase(steps: float) -> str:
    return "never (the rate does not contract)" if math.isinf(steps) else f"{int(steps):,}"


def explain_valley(cmp: Comparison) -> str:
    """Two or three sentences on what the two surfaces show, from the numbers of ``cmp``."""
    std_a, std_b = cmp.stats.std_
    raw, std = cmp.raw, cmp.std
    parts = []
    if std_a > 0 and std_b > 0:
        big, small, ratio = ("B", "A", std_b / std_a) if std_b >= std_a else ("A", "B", std_a / std_b)
        parts.append(f"Feature {big} spreads {fmt(ratio)}× as widely as {small} "
                     f"(standard deviations {fmt(max(std_a, std_b))} and {fmt(min(std_a, std_b))}),")
    else:
        parts.append("One feature is constant, so standardizing sets it to zero,")
    kappa = raw.conditioning.condition_number
    parts.append(f"so the raw cost is {fmt(kappa)} times more curved across its valley than along "
                 f"it (the condition number); standardized, the ratio is "
                 f"{fmt(std.conditioning.condition_number)}.")
    parts.append(f"At a learning rate of {fmt(raw.lr)}, descent on raw features "
                 f"{outcome_clause(raw.trajectory)} "
                 f"(theory's bound: {predicted_phrase(raw.predicted_steps)}); on standardized "
                 f"features, at {fmt(std.lr)}, it {outcome_clause(std.trajectory)} "
                 f"(bound: {predicted_phrase(std.predicted_steps)}).")
    if raw.trajectory.status == "diverged":
        parts.append(f"The raw rate is above the stability limit 2/λmax = "
                     f"{fmt(raw.conditioning.lr_stable)}, so each step overshoots the valley "
                     f"further than the last.")
    return " ".join(parts)


def numbers_table(cmp: Comparison) -> list[dict[str, str]]:
    """Rows of (quantity, raw, standardized) for the page's table."""

    def row(name, f):
        return {"": name, "raw": f(cmp.raw), "standardized": f(cmp.std)}

    return [
        row("Hessian eigenvalues λ", lambda s: ", ".join(fmt(v) for v in s.conditioning.eigenvalues)),
        row("condition number λmax/λmin", lambda s: fmt(s.conditioning.condition_number)),
        row("largest stable rate 2/λmax", lambda s: fmt(s.conditioning.lr_stable)),
        row("optimal rate 2/(λmin+λmax)", lambda s: fmt(s.conditioning.lr_optimal)),
        row("learning rate used", lambda s: fmt(s.lr)),
        row("steps predicted (bound)", lambda s: predicted_phrase(s.predicted_steps)),
        row("steps taken to tolerance", lambda s: str(s.trajectory.steps_to_tol)
            if s.trajectory.steps_to_tol is not None else "—"),
        row("final cost", lambda s: fmt(s.trajectory.final_cost)),
        row("minimum cost", lambda s: fmt(s.quadratic.f_star)),
        row("status", lambda s: outcome(s.trajectory)),
    ]
