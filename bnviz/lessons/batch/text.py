"""Sentences and tables of the page "Inside a batch", written from the results they describe."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bnviz.core.batches import Split
from bnviz.lessons.batch.layer import BatchLook
from bnviz.lessons.batch.minibatch import MiniRuns
from bnviz.lessons.batch.statistics import RowModes, Running, Spread
from bnviz.lessons.common.text import TableRow, counted, outcome, outcome_clause
from bnviz.numbers import fmt

FEATURES = ("A", "B")
# The three descents, as the legend, the table and the sentences name them.
LABELS = {"raw": "full batch, raw features", "standardized": "mini-batch, standardized",
          "batchnorm": "mini-batch, per-batch normalized"}
# The standardized feature's standard deviation below which eps is worth a sentence.
_SHRINK_NOTICED = 0.99
# How much worse than the better of its rivals the per-batch-normalized run must end for the
# page to call it out.
_PLATEAU_FACTOR = 10.0


def pair(values: np.ndarray) -> str:
    """``(a, b)``: one number per feature."""
    return f"({fmt(float(values[0]))}, {fmt(float(values[1]))})"


def split_sentence(batches: Split, *, seed: int) -> str:
    """How the rows were cut, and what happened to the short last batch."""
    sizes = batches.sizes
    full = int(np.sum(sizes == batches.size))
    head = (f"The {batches.n:,} rows, shuffled with seed {seed}, make "
            f"{counted(batches.n_batches, 'batch', 'batches')}")
    left_over = len(batches.dropped)
    if full == batches.n_batches and not left_over:
        return (f"{head} of {counted(batches.size, 'row')} each: {batches.n:,} is a multiple of "
                f"{batches.size:,}, so no batch is short.")
    if full < batches.n_batches:
        return (f"{head}: {full:,} of {counted(batches.size, 'row')} and a last, short one of "
                f"{counted(int(sizes[-1]), 'row')} (kept, as PyTorch does by default).")
    them = "them" if left_over != 1 else "it"
    return (f"{head} of {counted(batches.size, 'row')}; the {counted(left_over, 'row')} left "
            f"over sit{'s' if left_over == 1 else ''} this epoch out (dropped); the next "
            f"epoch's shuffle gives {them} another chance.")


def only_batch_sentence(batches: Split) -> str:
    """What the one batch of a split holds, when there is only one."""
    left_over = len(batches.dropped)
    if not left_over:
        return f"One batch holds every row ({batches.n:,})."
    return (f"One batch of {counted(batches.size, 'row')}; the other {counted(left_over, 'row')} "
            f"sit{'s' if left_over == 1 else ''} this epoch out (dropped).")


def batch_sentence(batch: BatchLook) -> str:
    """The batch's statistics against the population's, and what eps does to this batch."""
    root_eps = fmt(float(np.sqrt(batch.eps)))
    parts = [f"Batch {batch.index + 1} has mean {pair(batch.mean_)} against the population's "
             f"{pair(batch.pop_mean)}, and standard deviation {pair(batch.std_)} against "
             f"{pair(batch.pop_std)}."]
    if batch.m == 1:
        parts.append(f"A batch of one row has no spread: x − μ_B = 0 for both features, so x̂ = 0 "
                     f"and the output collapses to β = {pair(batch.beta)} whatever the row was. "
                     f"ε = {fmt(batch.eps)} is what keeps the denominator √(0 + ε) = {root_eps} "
                     f"from being zero.")
    else:
        for j in np.flatnonzero(batch.collapsed):
            parts.append(f"Feature {FEATURES[j]} is constant in this batch (variance 0): "
                         f"x − μ_B = 0, so its x̂ is 0 and its output collapses to β = "
                         f"{fmt(float(batch.beta[j]))}; ε = {fmt(batch.eps)} keeps √(σ² + ε) = "
                         f"{root_eps} from being zero.")
    for j in np.flatnonzero(~batch.collapsed & (batch.shrink < _SHRINK_NOTICED)):
        parts.append(f"ε = {fmt(batch.eps)} is not small against {FEATURES[j]}'s batch variance "
                     f"{fmt(float(batch.var_[j]))}: the standardized {FEATURES[j]} has standard "
                     f"deviation {fmt(float(batch.shrink[j]))}, not 1.")
    return " ".join(parts)


def _rounding(batch: BatchLook) -> float:
    """The largest difference between output and input that is still rounding."""
    return 1e-9 * max(float(np.max(np.abs(batch.x))), float(np.max(np.abs(batch.out))), 1e-300)


def undo_sentence(batch: BatchLook) -> str:
    """What gamma and beta did: the input given back (undo), or how far the output moved."""
    same = batch.residual <= _rounding(batch)
    if batch.undo:
        verdict = (f"The output equals the input: the largest difference over the batch is "
                   f"{fmt(batch.residual)}, rounding." if same else
                   f"The output still differs from the input by up to {fmt(batch.residual)}.")
        return (f"Undo: γ = √(σ²_B + ε) = {pair(batch.gamma)} and β = μ_B = {pair(batch.beta)}. "
                f"{verdict} Had γ been the plain standard deviation {pair(batch.std_)}, ε would "
                f"leave a difference of up to {fmt(batch.eps_effect)}.")
    if same:
        return (f"With γ = {pair(batch.gamma)} and β = {pair(batch.beta)} the output equals the "
                f"input (largest difference {fmt(batch.residual)}, rounding).")
    return (f"With γ = {pair(batch.gamma)} and β = {pair(batch.beta)} the output differs from the "
            f"input by up to {fmt(batch.residual)}. Turn on undo to give the layer back what "
            f"standardizing took away.")


def _percent_off(estimate: np.ndarray, truth: np.ndarray) -> str:
    error = np.abs(estimate - truth) / np.maximum(np.abs(truth), 1e-300)
    return f"{fmt(100 * float(error[0]))}% and {fmt(100 * float(error[1]))}%"


def running_sentence(run: Running) -> str:
    """The running statistics after the epochs shown, against the population's."""
    start_mean, start_var = run.mean_[0], run.var_[0]
    frozen = ("" if np.isfinite(run.batch_var).any()
              else f" Batches of one row have no unbiased variance (÷ 0), so the running "
                   f"variance never moves from its initial {pair(start_var)}.")
    cut = ("" if run.complete
           else " (the first batches of the first epoch: an epoch has more than the chart shows)")
    return (f"PyTorch's convention: running = (1 − m)·running + m·batch, here with m = "
            f"{fmt(run.momentum)}, starting from mean {pair(start_mean)} and variance "
            f"{pair(start_var)}; the variance fed in is the batch's unbiased one (÷ (|B| − 1)). "
            f"After {counted(run.epochs, 'epoch')} ({counted(len(run.epoch), 'batch', 'batches')}"
            f"{cut}) the running mean is {pair(run.mean_[-1])} against the population's "
            f"{pair(run.pop_mean)} (off by {_percent_off(run.mean_[-1], run.pop_mean)}), the "
            f"running variance {pair(run.var_[-1])} against {pair(run.pop_var)} (off by "
            f"{_percent_off(run.var_[-1], run.pop_var)}). A larger m follows recent batches "
            f"faster and keeps more of their noise.{frozen}")


def row_sentence(modes: RowModes) -> str:
    """One row standardized in training mode, in inference mode and with the population's
    statistics."""
    gap = np.abs(modes.train - modes.inference)
    return (f"Row {modes.row} of the data, (A, B) = {pair(modes.x)}, is in this batch. "
            f"Standardized with the batch's statistics (training mode) it becomes "
            f"{pair(modes.train)}; with the running statistics (inference mode) "
            f"{pair(modes.inference)}, a difference of {pair(gap)}; with the population's own, "
            f"{pair(modes.population)}.")


def spread_sentence(spread: Spread, size: int) -> str:
    """How far a batch's statistics stray at the chosen size, against a smaller (or, at the
    smallest size, a larger) batch."""
    chosen = int(np.argmin(np.abs(spread.sizes - size)))
    other = 0 if chosen > 0 else min(1, len(spread.sizes) - 1)
    head = (f"At batch size {int(spread.sizes[chosen]):,} a batch's mean misses the population's "
            f"by {pair(spread.mean_sd[chosen])} σ on average (rms over "
            f"{counted(int(spread.batches[chosen]), 'random batch', 'random batches')}; sampling "
            f"theory says {fmt(float(spread.mean_sd_theory[chosen].max()))}), and a row's "
            f"training-mode value differs from its inference-mode one by "
            f"{pair(spread.gap_rms[chosen])}.")
    if other == chosen:
        return head
    small, large = sorted((chosen, other))
    gap_small, gap_large = spread.gap_rms[small], spread.gap_rms[large]
    verdict = ("the smaller the batch, the more training and inference disagree"
               if np.all(gap_small >= gap_large) and np.any(gap_small > gap_large)
               else "here the smaller batch does not make them disagree more")
    return (f"{head} At batch size {int(spread.sizes[other]):,} the gap is "
            f"{pair(spread.gap_rms[other])}: {verdict}.")


def coordinates_sentence(runs: MiniRuns) -> str:
    """How the three paths share one map, and why no run's cost lies below it."""
    return (
        "All three paths are drawn in the raw slopes (w1, w2): a model on standardized features, "
        "v·(x − μ)/s + c, predicts exactly as the raw line with slopes w = v/s and intercept "
        "c − w·μ, so each step's model is mapped to those slopes. The per-batch-normalized model "
        "is mapped as it predicts at inference, with the running statistics (which start at mean "
        f"{pair(runs.initial.mean_)}, variance {pair(runs.initial.var_)} and lag in the first "
        "steps). The map is the cost with the best intercept for each (w1, w2); every run learns "
        "its intercept too, so its cost is at or above the map.")


def descent_sentence(runs: MiniRuns) -> str:
    """How each of the three descents ended, and their final costs."""
    return (f"At learning rate {fmt(runs.lr)} and batch size {runs.size:,}: full-batch descent on "
            f"raw features {outcome_clause(runs.raw)}; mini-batch SGD on globally standardized "
            f"features {outcome_clause(runs.standardized)}; with each batch standardized by its "
            f"own statistics, {outcome_clause(runs.batchnorm)}. Final costs: "
            f"{fmt(runs.raw.final_cost)}, {fmt(runs.standardized.final_cost)} and "
            f"{fmt(runs.batchnorm.final_cost)} (least possible {fmt(runs.full.f_star)})."
            f"{_plateau(runs)}")


def _plateau(runs: MiniRuns) -> str:
    """Why the per-batch-normalized model can end well above the minimum, when it does."""
    normalized, standardized = runs.batchnorm, runs.standardized
    reference = max(standardized.final_cost, runs.full.f_star)
    if ("diverged" in (normalized.status, standardized.status)
            or not normalized.final_cost > _PLATEAU_FACTOR * reference):
        return ""
    return (f" The per-batch-normalized model ends {fmt(normalized.final_cost / reference)} times "
            f"higher than the globally standardized one: at inference it normalizes with the "
            f"running statistics, which are themselves noisy averages of batch statistics, and in "
            f"training each step fits a batch normalized by its own noisy statistics.")


def descent_table(runs: MiniRuns) -> tuple[TableRow, ...]:
    """One row per descent: how it ended, its final cost and its final raw model."""
    return tuple(
        {"run": LABELS[name], "status": outcome(trajectory),
         "steps to tolerance": "—" if trajectory.steps_to_tol is None
         else str(trajectory.steps_to_tol),
         "final cost": fmt(trajectory.final_cost),
         "final (w1, w2, intercept)": ", ".join(fmt(float(v)) for v in trajectory.weights[-1])}
        for name, trajectory in runs.runs.items())


def statistics_table(batch: BatchLook) -> tuple[TableRow, ...]:
    """Mean and standard deviation of each feature: this batch against the population."""
    return tuple({"": f"{what} of {feature}", "this batch": fmt(float(mine[j])),
                  "population": fmt(float(theirs[j]))}
                 for what, mine, theirs in (("mean", batch.mean_, batch.pop_mean),
                                            ("std", batch.std_, batch.pop_std))
                 for j, feature in enumerate(FEATURES))


# ------------------------------------------------------------------ the charts' headlines

# The three descents in a headline's few words.
SHORT = {"raw": "Raw full-batch descent", "standardized": "Standardized mini-batch SGD",
         "batchnorm": "Per-batch normalized SGD"}


def panels_headline(looks: Sequence[BatchLook]) -> str:
    """The batch panels' headline: what standardizing did to every batch shown (their
    standardized means and spreads, at their worst), then what γ and β do."""
    means = np.array([np.abs(look.hat_moments[0]).max() for look in looks])
    stds = np.array([look.hat_moments[1] for look in looks if look.m > 1]).ravel()
    if stds.size and float(means.max()) < 1e-9 and np.allclose(stds, 1.0, atol=5e-3):
        return (f"Each of the {counted(len(looks), 'batch', 'batches')} shown lands on mean 0, "
                f"std 1; then γ and β set its scale and shift")
    low = fmt(float(stds.min())) if stds.size else "0"
    return (f"Standardized, the batches shown have mean 0 and std {low} to "
            f"{fmt(float(stds.max())) if stds.size else '0'}; then γ and β")


def running_headline(run: Running) -> str:
    """The running statistics' headline: how far from the population's they end, at worst."""
    mean_off = np.abs(run.mean_[-1] - run.pop_mean) / np.maximum(np.abs(run.pop_mean), 1e-300)
    var_off = np.abs(run.var_[-1] - run.pop_var) / np.maximum(np.abs(run.pop_var), 1e-300)
    return (f"After {counted(run.epochs, 'epoch')} the running mean is within "
            f"{fmt(100 * float(mean_off.max()))}% of the population's, the variance within "
            f"{fmt(100 * float(var_off.max()))}%")


def spread_headline(spread: Spread, size: int) -> str:
    """The spread chart's headline: at the chosen batch size, how far a batch's mean strays
    (in population standard deviations, the worse feature), against the smallest size (or,
    when that is the one chosen, the largest)."""
    chosen = int(np.argmin(np.abs(spread.sizes - size)))
    other = 0 if chosen > 0 else len(spread.sizes) - 1

    def miss(i: int) -> str:
        return fmt(float(spread.mean_sd[i].max()))

    text = (f"Batches of {int(spread.sizes[chosen]):,} miss the population's mean by "
            f"{miss(chosen)} σ")
    if other == chosen:
        return text
    return text + f"; batches of {int(spread.sizes[other]):,}, by {miss(other)} σ"


def descent_headline(runs: MiniRuns) -> str:
    """The descent map's headline: which run reaches the tolerance first, in how many steps,
    and how the raw full-batch descent ends."""
    done = sorted(((t.steps_to_tol, name) for name, t in runs.runs.items()
                   if t.status == "converged" and t.steps_to_tol is not None))
    raw = runs.raw
    if not done:
        return f"No run reaches the tolerance in {counted(raw.steps, 'step')}"
    steps, first = done[0]
    text = f"{SHORT[first]} reaches the tolerance first, in {counted(steps, 'step')}"
    if first == "raw":
        return text
    if raw.status == "diverged":
        return text + f"; raw descent diverges at step {raw.diverged_at}"
    if raw.status == "converged":
        return text + f"; raw descent needs {raw.steps_to_tol}"
    return text + f"; raw descent not in {counted(raw.steps, 'step')}"


def cost_headline(runs: MiniRuns) -> str:
    """The cost chart's headline: which run ends lowest, and the least possible cost."""
    alive = {name: t for name, t in runs.runs.items() if t.status != "diverged"}
    if not alive:
        return "Every run diverges"
    name = min(alive, key=lambda k: alive[k].final_cost)
    return (f"{SHORT[name]} ends lowest, at cost {fmt(alive[name].final_cost)} "
            f"(least possible {fmt(runs.full.f_star)})")
