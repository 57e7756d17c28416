"""The sentences of "Where normalization matters", written from computed numbers."""

from __future__ import annotations

import math

import numpy as np

from bnviz.core.gridrun import CONVERGED, DIVERGED
from bnviz.lessons.common.text import outcome
from bnviz.lessons.where.convergence import ConvergenceMap, MapSide, edge_offsets
from bnviz.lessons.where.ladder import Ladder, standardized_kappa
from bnviz.numbers import fmt


def cell_phrase(side: MapSide, row: int, col: int) -> str:
    g = side.grid
    s = g.status[row, col]
    if s == CONVERGED:
        return f"reaches the tolerance in {g.steps_to_tol[row, col]} steps"
    if s == DIVERGED:
        return f"diverges at step {g.diverged_at[row, col]}"
    return (f"has not reached the tolerance after {g.steps} steps "
            f"(excess left: {fmt(float(g.final_relative[row, col]))} of the start's)")


def _converged_share(side: MapSide) -> tuple[int, int]:
    st = side.grid.status
    return int(np.sum(st == CONVERGED)), st.size


def explain_map(cmap: ConvergenceMap, row: int, col: int) -> str:
    """What the two maps show, then what the chosen cell does on each side."""
    raw, std = cmap.raw, cmap.std
    parts = []
    lo, hi = raw.lr_stable[0], raw.lr_stable[-1]
    decades = abs(math.log10(lo / hi)) if lo > 0 and hi > 0 else math.nan
    parts.append(
        f"On raw features the largest stable rate 2/λmax falls from {fmt(lo)} at a scale "
        f"ratio of {fmt(cmap.ratio[0])} to {fmt(hi)} at {fmt(cmap.ratio[-1])}: "
        f"{fmt(decades)} decades, so no single learning rate serves every row.")
    s_lo, s_hi = float(np.min(std.lr_stable)), float(np.max(std.lr_stable))
    where = (f"{fmt(s_lo)} on every row" if s_hi <= 1.001 * s_lo
             else f"between {fmt(s_lo)} and {fmt(s_hi)}")
    parts.append(f"Standardized, the edge is {where}: standardizing erases the difference of "
                 "scales, so the map is the same band from top to bottom.")
    (cr, n), (cs, _) = _converged_share(raw), _converged_share(std)
    parts.append(f"Within {cmap.spec.steps} steps, {cr} of {n} raw cells reach the tolerance, "
                 f"against {cs} of {n} standardized ones.")
    off = np.concatenate([edge_offsets(s, cmap.lr) for s in (raw, std)])
    seen = off[np.isfinite(off)]
    if seen.size:
        parts.append(f"Where the map shows an edge of divergence ({seen.size} of {off.size} rows "
                     f"over both maps), it lies within {fmt(float(np.max(np.abs(seen))))} "
                     f"grid cells of the theory line 2/λmax.")
    parts.append(f"The chosen cell (learning rate {fmt(float(cmap.lr[col]))}, scale ratio "
                 f"{fmt(float(cmap.ratio[row]))}, so b_hi = {fmt(float(cmap.b_hi[row]))}): raw "
                 f"descent {cell_phrase(raw, row, col)}; standardized, it "
                 f"{cell_phrase(std, row, col)}.")
    return " ".join(parts)


def explain_ladder(L: Ladder) -> str:
    """The lesson of the four rungs, from their condition numbers and runs."""
    raw, scaled, std, white = L.rungs
    k = [r.conditioning.condition_number for r in L.rungs]
    parts = []
    if math.isnan(L.corr_sample):
        parts.append("One feature is constant, so the features have no correlation to speak of.")
    else:
        parts.append(f"The features were drawn with correlation {fmt(L.corr_requested)} "
                     f"(this sample: {L.corr_sample:.3f}).")
    how = "optimal rate" if L.rate == "optimal" else "rate 1/λmax"
    parts.append(f"Condition numbers: raw {fmt(k[0])}, scaled only {fmt(k[1])}, standardized "
                 f"{fmt(k[2])}, whitened {fmt(k[3])}; steps to the tolerance at each one's "
                 f"{how}: " + ", ".join(outcome(r.trajectory) for r in L.rungs) + ".")
    if k[1] < k[0]:
        parts.append("Dividing by the standard deviations removes the difference of scales"
                     + (", and centring removes the offset the means add." if k[2] < k[1] else
                        "; here centring does not round the bowl further: the offset the means "
                        "add happens to fill the direction the correlation flattens."))
    if not math.isnan(L.corr_sample):
        expected = standardized_kappa(L.corr_sample)
        parts.append(f"Standardized features still have κ = (1+|r|)/(1−|r|) = {fmt(expected)}: "
                     "standardizing, like batch normalization, scales each feature on its own "
                     "and leaves the correlation"
                     + (", so with strongly correlated features the valley remains"
                        if expected > 3 else ", which is mild here")
                     + f"; whitening removes it too (κ = {fmt(k[3])}).")
    # Compare the two directions early, before either error reaches the rounding floor.
    at = min(10, std.trajectory.steps)
    e = std.errors
    if at > 0 and e[0, 0] > 0 and e[0, 1] > 0 and std.conditioning.lam_min > 0:
        slow, fast = e[at, 0] / e[0, 0], e[at, 1] / e[0, 1]
        lam = std.conditioning.eigenvalues
        head = (f"On the standardized rung (λ = {fmt(float(lam[0]))} and {fmt(float(lam[1]))}), "
                f"after {at} steps the error along the small-eigenvalue direction is "
                f"{fmt(float(slow))} of its start, along the large one {fmt(float(fast))}")
        if slow > 1.01 * fast:
            parts.append(head + ": the slow direction is the one with the small eigenvalue.")
        elif L.rate == "optimal":
            parts.append(head + ": at the optimal rate both shrink by the same factor per step, "
                         "and the small eigenvalue sets that factor.")
        else:
            parts.append(head + ".")
    return " ".join(parts)


def ladder_table(L: Ladder) -> list[dict[str, str]]:
    """One row per rung: condition number, eigenvalues, learning rate and the run's outcome."""
    return [{"": r.label, "condition number κ": fmt(r.conditioning.condition_number),
             "λmin": fmt(float(r.conditioning.lam_min)), "λmax": fmt(float(r.conditioning.lam_max)),
             "learning rate": fmt(r.lr), "descent": outcome(r.trajectory)} for r in L.rungs]
