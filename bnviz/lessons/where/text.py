"""The sentences of "Where normalization matters", written from the map and the ladder."""

from __future__ import annotations

import math

import numpy as np

from bnviz.core.gridrun import CONVERGED, DIVERGED
from bnviz.i18n import _, ngettext, pgettext
from bnviz.lessons.common.text import TableRow, outcome, steps_phrase
from bnviz.lessons.where.convergence import START, ConvergenceMap, MapSide, edge_offsets, out_of_bounds
from bnviz.lessons.where.ladder import Ladder, Rung, standardized_kappa
from bnviz.numbers import dotted, fmt, joined, pair, percent, whole

# Two edges this close (relative) are the same edge.
_SAME_EDGE = 1e-3
# A standardized condition number above this is still a valley worth naming.
_VALLEY_KAPPA = 3.0
# Errors whose shrink factors are this close (relative) shrink together.
_TOGETHER = 0.01
# The step at which the ladder compares its two directions: early, before either error
# reaches the rounding floor.
_COMPARE_AT = 10


def cell_phrase(side: MapSide, row: int, col: int) -> str:
    """What the run of cell (row, col) did, as a verb phrase."""
    grid = side.grid
    status = grid.status[row, col]
    if status == CONVERGED:
        return _("reaches the tolerance in {steps}").format(
            steps=steps_phrase(int(grid.steps_to_tol[row, col])))
    if status == DIVERGED:
        return _("diverges at step {step}").format(step=grid.diverged_at[row, col])
    return _("has not reached the tolerance after {steps} (excess left: {excess} of the "
             "start's)").format(steps=steps_phrase(grid.steps),
                                excess=fmt(float(grid.final_relative[row, col])))


def map_caption(cmap: ConvergenceMap) -> str:
    """What a cell of the map is, and what the lines on it are."""
    return _("Every cell is a full run of gradient descent from weights {start}: its learning "
             "rate across, the ratio of the two features' ranges, (b_hi − 1)/{range_a}, up. Raw "
             "features on the left, standardized on the right, one colour scale; the black "
             "lines are theory's stability edge 2/λmax (solid) and optimal rate 2/(λmin+λmax) "
             "(dotted).").format(start=pair(START),
                                 range_a="1" if cmap.a_constant else "(a_hi − 1)")


def constant_notice(cmap: ConvergenceMap) -> str | None:
    """Why the map's ratio is taken against a unit range, when feature A is constant."""
    if not cmap.a_constant:
        return None
    return _("Feature A is constant (a_hi = {a_hi}), so its range is 0: the map measures B's "
             "range against a range of {range_a} instead, b_hi = 1 + {range_a} × ratio.").format(
        a_hi=fmt(cmap.data.a_hi), range_a=fmt(cmap.range_a))


def outside_sentence(cmap: ConvergenceMap, row: int, col: int) -> str | None:
    """Why the chosen cell cannot be opened on "Valley vs bowl", or None when it can."""
    reasons = [_("{name} {value} is outside {lo} to {hi}").format(
        name=_(bound.name), value=fmt(bound.value), lo=fmt(bound.setting.lo),
        hi=fmt(bound.setting.hi)) for bound in out_of_bounds(cmap, row, col)]
    if not reasons:
        return None
    return _("This cell lies outside what “Valley vs bowl” accepts ({reasons}), so it cannot be "
             "opened there.").format(reasons="; ".join(reasons))


def _raw_edge_sentence(cmap: ConvergenceMap) -> str:
    edge = cmap.raw.lr_stable
    first, last = float(edge[0]), float(edge[-1])
    decades = abs(math.log10(first / last)) if first > 0 and last > 0 else math.nan
    everywhere = np.all(cmap.raw.grid.status == CONVERGED, axis=0)
    if everywhere.any():
        serves = _("the learning rates from {low} to {high} reach the tolerance on every "
                   "row").format(low=fmt(float(cmap.lr[everywhere][0])),
                                 high=fmt(float(cmap.lr[everywhere][-1])))
    else:
        serves = _("no learning rate on the grid reaches the tolerance on every row")
    if first == last:
        return _("On raw features the largest stable rate 2/λmax is {edge} on every row: "
                 "{serves}.").format(edge=fmt(first), serves=serves)
    words = {"first": fmt(first), "first_ratio": fmt(float(cmap.ratio[0])), "last": fmt(last),
             "last_ratio": fmt(float(cmap.ratio[-1])), "decades": fmt(decades), "serves": serves}
    if last < first:
        return _("On raw features the largest stable rate 2/λmax falls from {first} at a scale "
                 "ratio of {first_ratio} to {last} at {last_ratio} ({decades} decades): "
                 "{serves}.").format(**words)
    return _("On raw features the largest stable rate 2/λmax rises from {first} at a scale "
             "ratio of {first_ratio} to {last} at {last_ratio} ({decades} decades): "
             "{serves}.").format(**words)


def _std_edge_sentence(cmap: ConvergenceMap) -> str:
    edge = cmap.std.lr_stable
    low, high = float(np.min(edge)), float(np.max(edge))
    status = cmap.std.grid.status
    if high > (1 + _SAME_EDGE) * low:
        return _("Standardized, the edge lies between {low} and {high}.").format(
            low=fmt(low), high=fmt(high))
    if np.all(status == status[0]):
        return _("Standardized, the edge is {edge} on every row: standardizing erases the "
                 "difference of scales, so every row of the map ends the same way.").format(
            edge=fmt(low))
    rows = int(np.sum(np.any(status != status[0], axis=1)))
    return ngettext("Standardized, the edge is {edge} on every row: standardizing erases the "
                    "difference of scales; in {rows} row some cells still end differently from "
                    "the first row's (the target still depends on B's range).",
                    "Standardized, the edge is {edge} on every row: standardizing erases the "
                    "difference of scales; in {rows} rows some cells still end differently from "
                    "the first row's (the target still depends on B's range).",
                    rows).format(edge=fmt(low), rows=whole(rows))


def explain_map(cmap: ConvergenceMap, row: int, col: int) -> str:
    """What the two maps show, then what the chosen cell does on each side."""
    raw, std = cmap.raw, cmap.std
    cells = raw.grid.status.size
    parts = [_raw_edge_sentence(cmap), _std_edge_sentence(cmap),
             _("Within {steps}, {raw} of {cells} raw cells reach the tolerance, against {std} of "
               "{cells} standardized ones.").format(
                 steps=steps_phrase(raw.grid.steps),
                 raw=whole(int(np.sum(raw.grid.status == CONVERGED))), cells=whole(cells),
                 std=whole(int(np.sum(std.grid.status == CONVERGED))))]
    offsets = np.concatenate([edge_offsets(side, cmap.lr) for side in (raw, std)])
    seen = offsets[np.isfinite(offsets)]
    if seen.size:
        parts.append(_("Where the map shows an edge of divergence ({seen} of {rows} rows over both "
                       "maps), it lies within {cells} grid cells of the theory line "
                       "2/λmax.").format(seen=seen.size, rows=offsets.size,
                                         cells=fmt(float(np.max(np.abs(seen))))))
    parts.append(_("The chosen cell (learning rate {lr}, scale ratio {ratio}, so b_hi = {b_hi}): "
                   "raw descent {raw}; standardized, it {std}.").format(
        lr=fmt(float(cmap.lr[col])), ratio=fmt(float(cmap.ratio[row])),
        b_hi=fmt(float(cmap.b_hi[row])), raw=cell_phrase(raw, row, col),
        std=cell_phrase(std, row, col)))
    return " ".join(parts)


def ladder_caption(ladder: Ladder) -> str:
    """The four versions of the data, and where their descents start."""
    if math.isnan(ladder.corr_requested):
        return _("Your two features, in four versions: raw; scaled only (divided by the standard "
                 "deviation, not centred); standardized (centred and scaled, as batch "
                 "normalization does); whitened (ZCA, which removes the correlation too). Each "
                 "descends from weights {start}.").format(start=pair(ladder.w0))
    return _("The same two features, drawn with a chosen correlation (each keeps its uniform "
             "range), in four versions: raw; scaled only (divided by the standard deviation, not "
             "centred); standardized (centred and scaled, as batch normalization does); whitened "
             "(ZCA, which removes the correlation too). Each descends from weights "
             "{start}.").format(start=pair(ladder.w0))


def _scaling_sentence(kappa: dict[str, float]) -> str:
    raw, scaled, std = kappa["raw"], kappa["scaled only"], kappa["standardized"]
    if not scaled < raw:
        return _("Dividing by the standard deviations does not lower κ here ({scaled} against "
                 "{raw} raw).").format(scaled=fmt(scaled), raw=fmt(raw))
    if std < scaled:
        return _("Dividing by the standard deviations removes the difference of scales, and "
                 "centring removes the offset the means add.")
    return _("Dividing by the standard deviations removes the difference of scales; here "
             "centring does not round the bowl further (κ {std} against {scaled}).").format(
        std=fmt(std), scaled=fmt(scaled))


def _correlation_sentence(ladder: Ladder, kappa: dict[str, float]) -> str:
    std, white = kappa["standardized"], kappa["whitened"]
    expected = standardized_kappa(ladder.corr_sample)
    formula = ("= (1+|r|)/(1−|r|)" if math.isclose(std, expected, rel_tol=1e-6)
               else _("(the formula (1+|r|)/(1−|r|) gives {expected})").format(
                   expected=fmt(expected)))
    text = (_("Standardized features still have κ = {kappa} {formula}: standardizing, like batch "
              "normalization, scales each feature on its own and leaves the correlation, so with "
              "strongly correlated features the valley remains") if std > _VALLEY_KAPPA
            else _("Standardized features still have κ = {kappa} {formula}: standardizing, like "
                   "batch normalization, scales each feature on its own and leaves the "
                   "correlation, which is mild here")).format(kappa=fmt(std), formula=formula)
    if white < std:
        return _("{text}; whitening removes it too (κ = {kappa}).").format(text=text,
                                                                          kappa=fmt(white))
    return _("{text}; whitening leaves κ at {kappa}.").format(text=text, kappa=fmt(white))


def _directions_sentence(rung: Rung) -> str:
    """How the error along each eigendirection of ``rung`` shrank in the first steps."""
    at = min(_COMPARE_AT, rung.trajectory.steps)
    errors = rung.errors
    if not (at > 0 and errors[0, 0] > 0 and errors[0, 1] > 0 and rung.conditioning.lam_min > 0):
        return ""
    slow, fast = errors[at, 0] / errors[0, 0], errors[at, 1] / errors[0, 1]
    eigenvalues = rung.conditioning.eigenvalues
    head = _("On the {rung} rung (λ = {small} and {large}), after {steps} the error along the "
             "small-eigenvalue direction is {slow} of its start, along the large one "
             "{fast}").format(rung=_(rung.label), small=fmt(float(eigenvalues[0])),
                              large=fmt(float(eigenvalues[1])), steps=steps_phrase(at),
                              slow=fmt(float(slow)), fast=fmt(float(fast)))
    if slow > (1 + _TOGETHER) * fast:
        return _("{head}: the slow direction is the one with the small eigenvalue.").format(
            head=head)
    if abs(slow - fast) <= _TOGETHER * max(slow, fast):
        return _("{head}: both shrink by the same factor per step, max |1 − lr·λ| = "
                 "{rate}.").format(head=head, rate=fmt(rung.conditioning.rate(rung.lr)))
    return head + "."


def explain_ladder(ladder: Ladder) -> str:
    """The lesson of the four rungs, from their condition numbers and runs."""
    kappa = {rung.label: rung.conditioning.condition_number for rung in ladder.rungs}
    parts = []
    if math.isnan(ladder.corr_sample):
        parts.append(_("One feature is constant, so the features have no correlation to speak "
                       "of."))
    elif math.isnan(ladder.corr_requested):  # a visitor's own rows: no correlation was asked
        parts.append(_("Your features' correlation is {sample}.").format(
            sample=dotted(f"{ladder.corr_sample:.3f}")))
    else:
        parts.append(_("The features were drawn with correlation {requested} (this sample: "
                       "{sample}).").format(requested=fmt(ladder.corr_requested),
                                            sample=dotted(f"{ladder.corr_sample:.3f}")))
    how = _("optimal rate") if ladder.rate == "optimal" else _("rate 1/λmax")
    parts.append(_("Condition numbers: {kappas}; steps to the tolerance at each one's {how}: "
                   "{outcomes}.").format(
        kappas=joined(f"{_(label)} {fmt(value)}" for label, value in kappa.items()), how=how,
        outcomes=joined(outcome(rung.trajectory) for rung in ladder.rungs)))
    parts.append(_scaling_sentence(kappa))
    if not math.isnan(ladder.corr_sample):
        parts.append(_correlation_sentence(ladder, kappa))
    parts.append(_directions_sentence(ladder.rung("standardized")))
    return " ".join(part for part in parts if part)


def ladder_table(ladder: Ladder) -> tuple[TableRow, ...]:
    """One row per rung: condition number, eigenvalues, learning rate and the run's outcome."""
    return tuple({"": _(rung.label), _("condition number κ"): fmt(rung.conditioning.condition_number),
                  "λmin": fmt(float(rung.conditioning.lam_min)),
                  "λmax": fmt(float(rung.conditioning.lam_max)),
                  _("learning rate"): fmt(rung.lr), _("descent"): outcome(rung.trajectory)}
                 for rung in ladder.rungs)


# ------------------------------------------------------------------ the charts' headlines

def reached_share(side: MapSide) -> float:
    """The share of the map's cells (each a learning rate and a scale ratio) whose run reached
    the tolerance within the step budget."""
    return float(np.mean(side.grid.status == CONVERGED))


def map_headline(cmap: ConvergenceMap) -> str:
    """The map's headline: in what share of the cells each side reaches the tolerance."""
    std_share, raw_share = (percent(reached_share(s), None) for s in (cmap.std, cmap.raw))
    return _("Standardized features reach the tolerance in {std} of the cells, raw ones in "
             "{raw}").format(std=std_share, raw=raw_share)


def eigenvalue_headline(ladder: Ladder) -> str:
    """The eigenvalue chart's headline: the condition number rung by rung."""
    kappa = {r.label: fmt(r.conditioning.condition_number) for r in ladder.rungs}
    return _("Condition number κ: raw {raw}, standardized {standardized}, whitened "
             "{whitened}").format(raw=kappa["raw"], standardized=kappa["standardized"],
                                  whitened=kappa["whitened"])


def rung_headline(rung: Rung) -> str:
    """A rung's headline: its condition number and how its descent ended."""
    return _("{rung}: κ = {kappa}, {outcome}").format(
        rung=_(rung.label), kappa=fmt(rung.conditioning.condition_number),
        outcome=outcome(rung.trajectory))


def errors_headline(ladder: Ladder) -> str:
    """The error chart's headline: the share of the slow direction's starting error left at the
    end, on raw and on standardized data."""
    def left(rung: Rung) -> str:
        e = rung.errors[:, 0]
        # "none" of an error: Italian "nulla" (a list of columns that is empty says
        # "nessuna", hence the context).
        return percent(float(e[-1] / e[0]), None) if e[0] > 0 else pgettext("error left", "none")

    by = {r.label: r for r in ladder.rungs}
    return _("After {steps} the slow direction keeps {raw} of its error raw, {standardized} "
             "standardized").format(steps=steps_phrase(len(by["raw"].errors) - 1), raw=left(by["raw"]),
                                    standardized=left(by["standardized"]))
