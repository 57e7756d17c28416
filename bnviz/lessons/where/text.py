"""The sentences of "Where normalization matters", written from the map and the ladder."""

from __future__ import annotations

import math

import numpy as np

from bnviz.core.gridrun import CONVERGED, DIVERGED
from bnviz.lessons.common.text import TableRow, counted, outcome
from bnviz.lessons.where.convergence import START, ConvergenceMap, MapSide, edge_offsets, out_of_bounds
from bnviz.lessons.where.ladder import Ladder, Rung, standardized_kappa
from bnviz.numbers import fmt

# Two edges this close (relative) are the same edge.
_SAME_EDGE = 1e-3
# A standardized condition number above this is still a valley worth naming.
_VALLEY_KAPPA = 3.0
# Errors whose shrink factors are this close (relative) shrink together.
_TOGETHER = 0.01
# The step at which the ladder compares its two directions: early, before either error
# reaches the rounding floor.
_COMPARE_AT = 10


def pair(values: np.ndarray) -> str:
    """``(a, b)``: two numbers."""
    return f"({fmt(float(values[0]))}, {fmt(float(values[1]))})"


def cell_phrase(side: MapSide, row: int, col: int) -> str:
    """What the run of cell (row, col) did, as a verb phrase."""
    grid = side.grid
    status = grid.status[row, col]
    if status == CONVERGED:
        return f"reaches the tolerance in {counted(int(grid.steps_to_tol[row, col]), 'step')}"
    if status == DIVERGED:
        return f"diverges at step {grid.diverged_at[row, col]}"
    return (f"has not reached the tolerance after {counted(grid.steps, 'step')} "
            f"(excess left: {fmt(float(grid.final_relative[row, col]))} of the start's)")


def map_caption(cmap: ConvergenceMap) -> str:
    """What a cell of the map is, and what the lines on it are."""
    return (f"Every cell is a full run of gradient descent from weights {pair(START)}: its "
            f"learning rate across, the ratio of the two features' ranges, "
            f"(b_hi − 1)/{'1' if cmap.a_constant else '(a_hi − 1)'}, up. Raw features on the "
            f"left, standardized on the right, one colour scale; the black lines are theory's "
            f"stability edge 2/λmax (solid) and optimal rate 2/(λmin+λmax) (dotted).")


def constant_notice(cmap: ConvergenceMap) -> str | None:
    """Why the map's ratio is taken against a unit range, when feature A is constant."""
    if not cmap.a_constant:
        return None
    return (f"Feature A is constant (a_hi = {fmt(cmap.data.a_hi)}), so its range is 0: the map "
            f"measures B's range against a range of {fmt(cmap.range_a)} instead, "
            f"b_hi = 1 + {fmt(cmap.range_a)} × ratio.")


def outside_sentence(cmap: ConvergenceMap, row: int, col: int) -> str | None:
    """Why the chosen cell cannot be opened on "Valley vs bowl", or None when it can."""
    reasons = [f"{bound.name} {fmt(bound.value)} is outside {fmt(bound.setting.lo)} to "
               f"{fmt(bound.setting.hi)}" for bound in out_of_bounds(cmap, row, col)]
    if not reasons:
        return None
    return (f"This cell lies outside what “Valley vs bowl” accepts ({'; '.join(reasons)}), so it "
            f"cannot be opened there.")


def _raw_edge_sentence(cmap: ConvergenceMap) -> str:
    edge = cmap.raw.lr_stable
    first, last = float(edge[0]), float(edge[-1])
    decades = abs(math.log10(first / last)) if first > 0 and last > 0 else math.nan
    everywhere = np.all(cmap.raw.grid.status == CONVERGED, axis=0)
    if everywhere.any():
        serves = (f"the learning rates from {fmt(float(cmap.lr[everywhere][0]))} to "
                  f"{fmt(float(cmap.lr[everywhere][-1]))} reach the tolerance on every row")
    else:
        serves = "no learning rate on the grid reaches the tolerance on every row"
    if first == last:
        return f"On raw features the largest stable rate 2/λmax is {fmt(first)} on every row: {serves}."
    moves = "falls" if last < first else "rises"
    return (f"On raw features the largest stable rate 2/λmax {moves} from {fmt(first)} at a scale "
            f"ratio of {fmt(float(cmap.ratio[0]))} to {fmt(last)} at "
            f"{fmt(float(cmap.ratio[-1]))} ({fmt(decades)} decades): {serves}.")


def _std_edge_sentence(cmap: ConvergenceMap) -> str:
    edge = cmap.std.lr_stable
    low, high = float(np.min(edge)), float(np.max(edge))
    status = cmap.std.grid.status
    if high > (1 + _SAME_EDGE) * low:
        return f"Standardized, the edge lies between {fmt(low)} and {fmt(high)}."
    text = (f"Standardized, the edge is {fmt(low)} on every row: standardizing erases the "
            f"difference of scales")
    if np.all(status == status[0]):
        return text + ", so every row of the map ends the same way."
    rows = int(np.sum(np.any(status != status[0], axis=1)))
    return (text + f"; in {counted(rows, 'row')} some cells still end differently from the "
            f"first row's (the target still depends on B's range).")


def explain_map(cmap: ConvergenceMap, row: int, col: int) -> str:
    """What the two maps show, then what the chosen cell does on each side."""
    raw, std = cmap.raw, cmap.std
    cells = raw.grid.status.size
    parts = [_raw_edge_sentence(cmap), _std_edge_sentence(cmap),
             f"Within {counted(raw.grid.steps, 'step')}, "
             f"{int(np.sum(raw.grid.status == CONVERGED))} of {cells} raw cells reach the "
             f"tolerance, against {int(np.sum(std.grid.status == CONVERGED))} of {cells} "
             f"standardized ones."]
    offsets = np.concatenate([edge_offsets(side, cmap.lr) for side in (raw, std)])
    seen = offsets[np.isfinite(offsets)]
    if seen.size:
        parts.append(f"Where the map shows an edge of divergence ({seen.size} of {offsets.size} "
                     f"rows over both maps), it lies within {fmt(float(np.max(np.abs(seen))))} "
                     f"grid cells of the theory line 2/λmax.")
    parts.append(f"The chosen cell (learning rate {fmt(float(cmap.lr[col]))}, scale ratio "
                 f"{fmt(float(cmap.ratio[row]))}, so b_hi = {fmt(float(cmap.b_hi[row]))}): raw "
                 f"descent {cell_phrase(raw, row, col)}; standardized, it "
                 f"{cell_phrase(std, row, col)}.")
    return " ".join(parts)


def ladder_caption(ladder: Ladder) -> str:
    """The four versions of the data, and where their descents start."""
    return ("The same two features, drawn with a chosen correlation (each keeps its uniform "
            "range), in four versions: raw; scaled only (divided by the standard deviation, not "
            "centred); standardized (centred and scaled, as batch normalization does); whitened "
            f"(ZCA, which removes the correlation too). Each descends from weights "
            f"{pair(ladder.w0)}.")


def _scaling_sentence(kappa: dict[str, float]) -> str:
    raw, scaled, std = kappa["raw"], kappa["scaled only"], kappa["standardized"]
    if not scaled < raw:
        return (f"Dividing by the standard deviations does not lower κ here ({fmt(scaled)} "
                f"against {fmt(raw)} raw).")
    text = "Dividing by the standard deviations removes the difference of scales"
    if std < scaled:
        return text + ", and centring removes the offset the means add."
    return text + (f"; here centring does not round the bowl further (κ {fmt(std)} against "
                   f"{fmt(scaled)}).")


def _correlation_sentence(ladder: Ladder, kappa: dict[str, float]) -> str:
    std, white = kappa["standardized"], kappa["whitened"]
    expected = standardized_kappa(ladder.corr_sample)
    formula = ("= (1+|r|)/(1−|r|)" if math.isclose(std, expected, rel_tol=1e-6)
               else f"(the formula (1+|r|)/(1−|r|) gives {fmt(expected)})")
    text = (f"Standardized features still have κ = {fmt(std)} {formula}: standardizing, like "
            f"batch normalization, scales each feature on its own and leaves the correlation"
            + (", so with strongly correlated features the valley remains" if std > _VALLEY_KAPPA
               else ", which is mild here"))
    if white < std:
        return text + f"; whitening removes it too (κ = {fmt(white)})."
    return text + f"; whitening leaves κ at {fmt(white)}."


def _directions_sentence(rung: Rung) -> str:
    """How the error along each eigendirection of ``rung`` shrank in the first steps."""
    at = min(_COMPARE_AT, rung.trajectory.steps)
    errors = rung.errors
    if not (at > 0 and errors[0, 0] > 0 and errors[0, 1] > 0 and rung.conditioning.lam_min > 0):
        return ""
    slow, fast = errors[at, 0] / errors[0, 0], errors[at, 1] / errors[0, 1]
    eigenvalues = rung.conditioning.eigenvalues
    head = (f"On the {rung.label} rung (λ = {fmt(float(eigenvalues[0]))} and "
            f"{fmt(float(eigenvalues[1]))}), after {counted(at, 'step')} the error along the "
            f"small-eigenvalue direction is {fmt(float(slow))} of its start, along the large one "
            f"{fmt(float(fast))}")
    if slow > (1 + _TOGETHER) * fast:
        return head + ": the slow direction is the one with the small eigenvalue."
    if abs(slow - fast) <= _TOGETHER * max(slow, fast):
        return (head + f": both shrink by the same factor per step, "
                f"max |1 − lr·λ| = {fmt(rung.conditioning.rate(rung.lr))}.")
    return head + "."


def explain_ladder(ladder: Ladder) -> str:
    """The lesson of the four rungs, from their condition numbers and runs."""
    kappa = {rung.label: rung.conditioning.condition_number for rung in ladder.rungs}
    parts = []
    if math.isnan(ladder.corr_sample):
        parts.append("One feature is constant, so the features have no correlation to speak of.")
    else:
        parts.append(f"The features were drawn with correlation {fmt(ladder.corr_requested)} "
                     f"(this sample: {ladder.corr_sample:.3f}).")
    how = "optimal rate" if ladder.rate == "optimal" else "rate 1/λmax"
    parts.append("Condition numbers: " + ", ".join(f"{label} {fmt(value)}"
                                                   for label, value in kappa.items())
                 + f"; steps to the tolerance at each one's {how}: "
                 + ", ".join(outcome(rung.trajectory) for rung in ladder.rungs) + ".")
    parts.append(_scaling_sentence(kappa))
    if not math.isnan(ladder.corr_sample):
        parts.append(_correlation_sentence(ladder, kappa))
    parts.append(_directions_sentence(ladder.rung("standardized")))
    return " ".join(part for part in parts if part)


def ladder_table(ladder: Ladder) -> tuple[TableRow, ...]:
    """One row per rung: condition number, eigenvalues, learning rate and the run's outcome."""
    return tuple({"": rung.label, "condition number κ": fmt(rung.conditioning.condition_number),
                  "λmin": fmt(float(rung.conditioning.lam_min)),
                  "λmax": fmt(float(rung.conditioning.lam_max)),
                  "learning rate": fmt(rung.lr), "descent": outcome(rung.trajectory)}
                 for rung in ladder.rungs)


# ------------------------------------------------------------------ the charts' headlines

def reached_share(side: MapSide) -> float:
    """The share of the map's cells (each a learning rate and a scale ratio) whose run reached
    the tolerance within the step budget."""
    return float(np.mean(side.grid.status == CONVERGED))


def map_headline(cmap: ConvergenceMap) -> str:
    """The map's headline: in what share of the cells each side reaches the tolerance."""
    raw, std = (100 * reached_share(s) for s in (cmap.raw, cmap.std))
    return (f"Standardized features reach the tolerance in {fmt(std)}% of the cells, raw "
            f"ones in {fmt(raw)}%")


def eigenvalue_headline(ladder: Ladder) -> str:
    """The eigenvalue chart's headline: the condition number rung by rung."""
    kappa = {r.label: fmt(r.conditioning.condition_number) for r in ladder.rungs}
    return (f"Condition number κ: raw {kappa['raw']}, standardized {kappa['standardized']}, "
            f"whitened {kappa['whitened']}")


def rung_headline(rung: Rung) -> str:
    """A rung's headline: its condition number and how its descent ended."""
    return f"{rung.label}: κ = {fmt(rung.conditioning.condition_number)}, {outcome(rung.trajectory)}"


def errors_headline(ladder: Ladder) -> str:
    """The error chart's headline: the share of the slow direction's starting error left at the
    end, on raw and on standardized data."""
    def left(rung: Rung) -> str:
        e = rung.errors[:, 0]
        return fmt(100 * float(e[-1] / e[0])) + "%" if e[0] > 0 else "none"

    by = {r.label: r for r in ladder.rungs}
    steps = counted(len(by["raw"].errors) - 1, "step")
    return (f"After {steps} the slow direction keeps {left(by['raw'])} of its error raw, "
            f"{left(by['standardized'])} standardized")
