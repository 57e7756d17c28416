"""Sentences and tables of the page "Inside a batch", written from computed numbers."""

from __future__ import annotations

import numpy as np

from bnviz.core.batches import Split
from bnviz.lessons.batch.layer import BatchLook
from bnviz.lessons.batch.minibatch import MiniRuns
from bnviz.lessons.batch.statistics import RowModes, Running, Spread
from bnviz.lessons.common.text import outcome, outcome_clause
from bnviz.numbers import fmt

FEATURES = ("A", "B")
# The three descents, as the legend, the table and the sentences name them.
LABELS = {"raw": "full batch, raw features", "standardized": "mini-batch, standardized",
          "batchnorm": "mini-batch, per-batch normalized"}


def pair(v) -> str:
    return f"({fmt(float(v[0]))}, {fmt(float(v[1]))})"


def split_sentence(s: Split, *, seed: int) -> str:
    """How the rows were cut, and what happened to the short last batch."""
    n, size, k = s.n, s.size, s.n_batches
    head = f"The {n:,} rows, shuffled with seed {seed}, make {k:,} batch{'es' if k != 1 else ''}"
    rest = n % size
    if rest == 0:
        return f"{head} of {size:,} rows each: {n:,} is a multiple of {size:,}, so no batch is short."
    if s.last == "keep":
        return (f"{head}: {k - 1:,} of {size:,} rows and a last, short one of {rest:,} "
                f"row{'s' if rest != 1 else ''} (kept, as PyTorch does by default).")
    return (f"{head} of {size:,} rows; the {rest:,} row{'s' if rest != 1 else ''} left over "
            f"sit{'s' if rest == 1 else ''} this epoch out (dropped); the next epoch's shuffle "
            f"gives {'them' if rest != 1 else 'it'} another chance.")


def batch_sentence(lk: BatchLook) -> str:
    """The batch's statistics against the population's, and what eps does to this batch."""
    parts = [f"Batch {lk.index + 1} has mean {pair(lk.mean_)} against the population's "
             f"{pair(lk.pop_mean)}, and standard deviation {pair(lk.std_)} against "
             f"{pair(lk.pop_std)}."]
    if lk.m == 1:
        parts.append(f"A batch of one row has no spread: x − μ_B = 0 for both features, so x̂ = 0 "
                     f"and the output collapses to β = {pair(lk.beta)} whatever the row was. "
                     f"ε = {fmt(lk.eps)} is what keeps the denominator √(0 + ε) = "
                     f"{fmt(float(np.sqrt(lk.eps)))} from being zero.")
    else:
        for j in np.flatnonzero(lk.collapsed):
            parts.append(f"Feature {FEATURES[j]} is constant in this batch (variance 0): x − μ_B = 0, "
                         f"so its x̂ is 0 and its output collapses to β = {fmt(float(lk.beta[j]))}; "
                         f"ε = {fmt(lk.eps)} keeps √(σ² + ε) = {fmt(float(np.sqrt(lk.eps)))} "
                         f"from being zero.")
    for j in np.flatnonzero(~lk.collapsed & (lk.shrink < 0.99)):
        parts.append(f"ε = {fmt(lk.eps)} is not small against {FEATURES[j]}'s batch variance "
                     f"{fmt(float(lk.var_[j]))}: the standardized {FEATURES[j]} has standard deviation "
                     f"{fmt(float(lk.shrink[j]))}, not 1.")
    return " ".join(parts)


def undo_sentence(lk: BatchLook) -> str:
    if lk.undo:
        return (f"Undo: γ = √(σ²_B + ε) = {pair(lk.gamma)} and β = μ_B = {pair(lk.beta)}. The output "
                f"equals the input: the largest difference over the batch is "
                f"{fmt(lk.residual)}, rounding. Had γ been the plain standard deviation "
                f"{pair(lk.std_)}, ε would leave a difference of up to {fmt(lk.eps_effect)}.")
    return (f"With γ = {pair(lk.gamma)} and β = {pair(lk.beta)} the output differs from the input "
            f"by up to {fmt(lk.residual)}. Turn on undo to give the layer back what "
            f"standardizing took away.")


def running_sentence(run: Running) -> str:
    t = len(run.epoch)
    mean_err = np.abs(run.mean_[-1] - run.pop_mean) / np.maximum(np.abs(run.pop_mean), 1e-300)
    var_err = np.abs(run.var_[-1] - run.pop_var) / np.maximum(np.abs(run.pop_var), 1e-300)
    frozen = ("" if np.isfinite(run.batch_var).any()
              else " Batches of one row have no unbiased variance (÷ 0), so the running variance "
                   "never moves from its initial 1.")
    cut = ("" if run.complete
           else " (the first batches of the first epoch: an epoch has more than the chart shows)")
    return (f"PyTorch's convention: running = (1 − m)·running + m·batch, here with m = "
            f"{fmt(run.momentum)}, starting from mean 0 and variance 1; the variance fed in is "
            f"the batch's unbiased one (÷ (|B| − 1)). After {run.epochs} epoch"
            f"{'s' if run.epochs != 1 else ''} ({t:,} batches{cut}) the running mean is "
            f"{pair(run.mean_[-1])} against the population's {pair(run.pop_mean)} (off by "
            f"{fmt(100 * float(mean_err[0]))}% and {fmt(100 * float(mean_err[1]))}%), the running "
            f"variance {pair(run.var_[-1])} against {pair(run.pop_var)} (off by "
            f"{fmt(100 * float(var_err[0]))}% and {fmt(100 * float(var_err[1]))}%). A larger m "
            f"follows recent batches faster and keeps more of their noise.{frozen}")


def row_sentence(rm: RowModes) -> str:
    gap = np.abs(rm.train - rm.inference)
    return (f"Row {rm.row} of the data, (A, B) = {pair(rm.x)}, is in this batch. Standardized with "
            f"the batch's statistics (training mode) it becomes {pair(rm.train)}; with the "
            f"running statistics (inference mode) {pair(rm.inference)}, a difference of "
            f"{pair(gap)}; with the population's own, {pair(rm.population)}.")


def spread_sentence(sp: Spread, size: int) -> str:
    j = int(np.argmin(np.abs(sp.sizes - size)))
    m = int(sp.sizes[j])
    small = 1 if sp.sizes[0] == 1 else int(sp.sizes[0])
    return (f"At batch size {m:,} a batch's mean misses the population's by "
            f"{pair(sp.mean_sd[j])} σ on average (rms over {sp.batches[j]} random batches; "
            f"sampling theory says {fmt(float(sp.mean_sd_theory[j].max()))}), and a row's "
            f"training-mode value differs from its inference-mode one by {pair(sp.gap_rms[j])}. "
            f"At batch size {small} the gap is {pair(sp.gap_rms[0])}: the smaller the batch, the "
            f"more training and inference disagree.")


COORDINATES = (
    "All three paths are drawn in the raw slopes (w1, w2): a model on standardized features, "
    "v·(x − μ)/s + c, predicts exactly as the raw line with slopes w = v/s and intercept "
    "c − w·μ, so each step's model is mapped to those slopes. The per-batch-normalized model "
    "is mapped as it predicts at inference, with the running statistics (which start at mean 0, "
    "variance 1 and lag in the first steps). The map is the cost with the best intercept for "
    "each (w1, w2); every run learns its intercept too, so its cost is at or above the map.")


def descent_sentence(runs: MiniRuns) -> str:
    r = runs.runs
    return (f"At learning rate {fmt(runs.lr)} and batch size {runs.size:,}: full-batch descent on "
            f"raw features {outcome_clause(r['raw'])}; mini-batch SGD on globally standardized features "
            f"{outcome_clause(r['standardized'])}; with each batch standardized by its own statistics, "
            f"{outcome_clause(r['batchnorm'])}. Final costs: {fmt(r['raw'].final_cost)}, "
            f"{fmt(r['standardized'].final_cost)} and {fmt(r['batchnorm'].final_cost)} "
            f"(least possible {fmt(runs.full.f_star)}).{_plateau(runs)}")


def _plateau(runs: MiniRuns) -> str:
    """Why the per-batch-normalized model can level off above the minimum, when it does."""
    bn, std = runs.batchnorm, runs.standardized
    if "diverged" in (bn.status, std.status) or not bn.final_cost > 10 * max(std.final_cost,
                                                                              runs.full.f_star):
        return ""
    return (" The per-batch-normalized model levels off well above the minimum: at inference "
            "it normalizes with the running "
            "statistics, which are themselves noisy averages of batch statistics, and in "
            "training each step fits a batch normalized by its own noisy statistics.")


def descent_table(runs: MiniRuns) -> list[dict[str, str]]:
    rows = []
    for k, t in runs.runs.items():
        rows.append({"run": LABELS[k], "status": outcome(t),
                     "steps to tolerance": "—" if t.steps_to_tol is None else str(t.steps_to_tol),
                     "final cost": fmt(t.final_cost),
                     "final (w1, w2, intercept)": ", ".join(fmt(float(v)) for v in t.weights[-1])})
    return rows


def statistics_table(lk: BatchLook) -> list[dict[str, str]]:
    """Mean and standard deviation of each feature: this batch against the population."""
    return [{"": f"{what} of {f}", "this batch": fmt(float(b[j])), "population": fmt(float(p[j]))}
            for what, b, p in (("mean", lk.mean_, lk.pop_mean), ("std", lk.std_, lk.pop_std))
            for j, f in enumerate(FEATURES)]
