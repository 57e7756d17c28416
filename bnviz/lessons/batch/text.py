"""Sentences and tables of the page "Inside a batch", written from the results they describe."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bnviz.core.batches import Split
from bnviz.i18n import N_, _, ngettext
from bnviz.lessons.batch.layer import BatchLook
from bnviz.lessons.batch.minibatch import MiniRuns
from bnviz.lessons.batch.statistics import RowModes, Running, Spread
from bnviz.lessons.common.text import TableRow, listed, outcome, outcome_clause, steps_phrase
from bnviz.numbers import fmt, joined, pair, percent, whole

FEATURES = ("A", "B")
# The three descents, as the legend, the table and the sentences name them.
LABELS = {"raw": N_("full batch, raw features"), "standardized": N_("mini-batch, standardized"),
          "batchnorm": N_("mini-batch, per-batch normalized")}
# The standardized feature's standard deviation below which eps is worth a sentence.
_SHRINK_NOTICED = 0.99
# How much worse than the better of its rivals the per-batch-normalized run must end for the
# page to call it out.
_PLATEAU_FACTOR = 10.0


def _rows(n: int) -> str:
    """``1 row``, ``12 rows``."""
    return ngettext("{n} row", "{n} rows", n).format(n=whole(n))


def _batches(n: int) -> str:
    """``1 batch``, ``12 batches``."""
    return ngettext("{n} batch", "{n} batches", n).format(n=whole(n))


def _epochs(n: int) -> str:
    """``1 epoch``, ``12 epochs``."""
    return ngettext("{n} epoch", "{n} epochs", n).format(n=whole(n))


def split_sentence(batches: Split, *, seed: int) -> str:
    """How the rows were cut, and what happened to the short last batch."""
    sizes = batches.sizes
    full = int(np.sum(sizes == batches.size))
    n_batches = batches.n_batches
    head = ngettext("The {n} rows, shuffled with seed {seed}, make {count} batch",
                    "The {n} rows, shuffled with seed {seed}, make {count} batches",
                    n_batches).format(n=whole(batches.n), seed=seed, count=whole(n_batches))
    left_over = len(batches.dropped)
    if full == n_batches and not left_over:
        return _("{head} of {rows} each: {n} is a multiple of {size}, so no batch is short.").format(
            head=head, rows=_rows(batches.size), n=whole(batches.n), size=whole(batches.size))
    if full < n_batches:
        return _("{head}: {full} of {rows} and a last, short one of {last} (kept, as PyTorch "
                 "does by default).").format(head=head, full=whole(full), rows=_rows(batches.size),
                                             last=_rows(int(sizes[-1])))
    return ngettext("{head} of {rows}; the {left} left over sits this epoch out (dropped); the "
                    "next epoch's shuffle gives it another chance.",
                    "{head} of {rows}; the {left} left over sit this epoch out (dropped); the "
                    "next epoch's shuffle gives them another chance.",
                    left_over).format(head=head, rows=_rows(batches.size), left=_rows(left_over))


def only_batch_sentence(batches: Split) -> str:
    """What the one batch of a split holds, when there is only one."""
    left_over = len(batches.dropped)
    if not left_over:
        return _("One batch holds every row ({n}).").format(n=whole(batches.n))
    return ngettext("One batch of {rows}; the other {left} sits this epoch out (dropped).",
                    "One batch of {rows}; the other {left} sit this epoch out (dropped).",
                    left_over).format(rows=_rows(batches.size), left=_rows(left_over))


def batch_sentence(batch: BatchLook) -> str:
    """The batch's statistics against the population's, and what eps does to this batch."""
    root_eps = fmt(float(np.sqrt(batch.eps)))
    parts = [_("Batch {index} has mean {mean} against the population's {pop_mean}, and standard "
               "deviation {std} against {pop_std}.").format(
        index=batch.index + 1, mean=pair(batch.mean_), pop_mean=pair(batch.pop_mean),
        std=pair(batch.std_), pop_std=pair(batch.pop_std))]
    if batch.m == 1:
        parts.append(_("A batch of one row has no spread: x − μ_B = 0 for both features, so x̂ = 0 "
                       "and the output collapses to β = {beta} whatever the row was. ε = {eps} is "
                       "what keeps the denominator √(0 + ε) = {root} from being zero.").format(
            beta=pair(batch.beta), eps=fmt(batch.eps), root=root_eps))
    else:
        for j in np.flatnonzero(batch.collapsed):
            parts.append(_("Feature {feature} is constant in this batch (variance 0): x − μ_B = 0, "
                           "so its x̂ is 0 and its output collapses to β = {beta}; ε = {eps} keeps "
                           "√(σ² + ε) = {root} from being zero.").format(
                feature=FEATURES[j], beta=fmt(float(batch.beta[j])), eps=fmt(batch.eps),
                root=root_eps))
    for j in np.flatnonzero(~batch.collapsed & (batch.shrink < _SHRINK_NOTICED)):
        parts.append(_("ε = {eps} is not small against {feature}'s batch variance {variance}: the "
                       "standardized {feature} has standard deviation {std}, not 1.").format(
            eps=fmt(batch.eps), feature=FEATURES[j], variance=fmt(float(batch.var_[j])),
            std=fmt(float(batch.shrink[j]))))
    return " ".join(parts)


def _rounding(batch: BatchLook) -> float:
    """The largest difference between output and input that is still rounding."""
    return 1e-9 * max(float(np.max(np.abs(batch.x))), float(np.max(np.abs(batch.out))), 1e-300)


def undo_sentence(batch: BatchLook) -> str:
    """What gamma and beta did: the input given back (undo), or how far the output moved."""
    same = batch.residual <= _rounding(batch)
    if batch.undo:
        verdict = (_("The output equals the input: the largest difference over the batch is "
                     "{residual}, rounding.") if same else
                   _("The output still differs from the input by up to {residual}.")
                   ).format(residual=fmt(batch.residual))
        return _("Undo: γ = √(σ²_B + ε) = {gamma} and β = μ_B = {beta}. {verdict} Had γ been the "
                 "plain standard deviation {std}, ε would leave a difference of up to "
                 "{effect}.").format(gamma=pair(batch.gamma), beta=pair(batch.beta),
                                     verdict=verdict, std=pair(batch.std_),
                                     effect=fmt(batch.eps_effect))
    if same:
        return _("With γ = {gamma} and β = {beta} the output equals the input (largest "
                 "difference {residual}, rounding).").format(
            gamma=pair(batch.gamma), beta=pair(batch.beta), residual=fmt(batch.residual))
    return _("With γ = {gamma} and β = {beta} the output differs from the input by up to "
             "{residual}. Turn on undo to give the layer back what standardizing took "
             "away.").format(gamma=pair(batch.gamma), beta=pair(batch.beta),
                             residual=fmt(batch.residual))


def _percent_off(estimate: np.ndarray, truth: np.ndarray) -> str:
    error = np.abs(estimate - truth) / np.maximum(np.abs(truth), 1e-300)
    return listed([percent(float(e), None) for e in error])


def running_sentence(run: Running) -> str:
    """The running statistics after the epochs shown, against the population's."""
    start_mean, start_var = run.mean_[0], run.var_[0]
    frozen = ("" if np.isfinite(run.batch_var).any()
              else " " + _("Batches of one row have no unbiased variance (÷ 0), so the running "
                           "variance never moves from its initial {variance}.").format(
                  variance=pair(start_var)))
    cut = ("" if run.complete
           else " " + _("(the first batches of the first epoch: an epoch has more than the chart "
                        "shows)"))
    return _("PyTorch's convention: running = (1 − m)·running + m·batch, here with m = "
             "{momentum}, starting from mean {mean0} and variance {variance0}; the variance fed "
             "in is the batch's unbiased one (÷ (|B| − 1)). After {epochs} ({batches}{cut}) the "
             "running mean is {mean} against the population's {pop_mean} (off by {mean_off}), "
             "the running variance {variance} against {pop_variance} (off by {variance_off}). A "
             "larger m follows recent batches faster and keeps more of their noise.{frozen}").format(
        momentum=fmt(run.momentum), mean0=pair(start_mean), variance0=pair(start_var),
        epochs=_epochs(run.epochs), batches=_batches(len(run.epoch)), cut=cut,
        mean=pair(run.mean_[-1]), pop_mean=pair(run.pop_mean),
        mean_off=_percent_off(run.mean_[-1], run.pop_mean), variance=pair(run.var_[-1]),
        pop_variance=pair(run.pop_var), variance_off=_percent_off(run.var_[-1], run.pop_var),
        frozen=frozen)


def row_sentence(modes: RowModes) -> str:
    """One row standardized in training mode, in inference mode and with the population's
    statistics."""
    gap = np.abs(modes.train - modes.inference)
    return _("Row {row} of the data, (A, B) = {x}, is in this batch. Standardized with the "
             "batch's statistics (training mode) it becomes {train}; with the running statistics "
             "(inference mode) {inference}, a difference of {gap}; with the population's own, "
             "{population}.").format(row=modes.row, x=pair(modes.x), train=pair(modes.train),
                                     inference=pair(modes.inference), gap=pair(gap),
                                     population=pair(modes.population))


def spread_sentence(spread: Spread, size: int) -> str:
    """How far a batch's statistics stray at the chosen size, against a smaller (or, at the
    smallest size, a larger) batch."""
    chosen = int(np.argmin(np.abs(spread.sizes - size)))
    other = 0 if chosen > 0 else min(1, len(spread.sizes) - 1)
    count = int(spread.batches[chosen])
    head = _("At batch size {size} a batch's mean misses the population's by {miss} σ on average "
             "(rms over {batches}; sampling theory says {theory}), and a row's training-mode "
             "value differs from its inference-mode one by {gap}.").format(
        size=whole(int(spread.sizes[chosen])), miss=pair(spread.mean_sd[chosen]),
        batches=ngettext("{n} random batch", "{n} random batches", count).format(n=whole(count)),
        theory=fmt(float(spread.mean_sd_theory[chosen].max())), gap=pair(spread.gap_rms[chosen]))
    if other == chosen:
        return head
    small, large = sorted((chosen, other))
    gap_small, gap_large = spread.gap_rms[small], spread.gap_rms[large]
    verdict = (_("the smaller the batch, the more training and inference disagree")
               if np.all(gap_small >= gap_large) and np.any(gap_small > gap_large)
               else _("here the smaller batch does not make them disagree more"))
    return _("{head} At batch size {size} the gap is {gap}: {verdict}.").format(
        head=head, size=whole(int(spread.sizes[other])), gap=pair(spread.gap_rms[other]),
        verdict=verdict)


def coordinates_sentence(runs: MiniRuns) -> str:
    """How the three paths share one map, and why no run's cost lies below it."""
    return _(
        "All three paths are drawn in the raw slopes (w1, w2): a model on standardized features, "
        "v·(x − μ)/s + c, predicts exactly as the raw line with slopes w = v/s and intercept "
        "c − w·μ, so each step's model is mapped to those slopes. The per-batch-normalized model "
        "is mapped as it predicts at inference, with the running statistics (which start at mean "
        "{mean}, variance {variance} and lag in the first steps). The map is the cost with the "
        "best intercept for each (w1, w2); every run learns its intercept too, so its cost is at "
        "or above the map.").format(mean=pair(runs.initial.mean_), variance=pair(runs.initial.var_))


def descent_sentence(runs: MiniRuns) -> str:
    """How each of the three descents ended, and their final costs."""
    return _("At learning rate {lr} and batch size {size}: full-batch descent on raw features "
             "{raw}; mini-batch SGD on globally standardized features {standardized}; with each "
             "batch standardized by its own statistics, {batchnorm}. Final costs: {raw_cost}, "
             "{standardized_cost} and {batchnorm_cost} (least possible {least}).{plateau}").format(
        lr=fmt(runs.lr), size=whole(runs.size), raw=outcome_clause(runs.raw),
        standardized=outcome_clause(runs.standardized), batchnorm=outcome_clause(runs.batchnorm),
        raw_cost=fmt(runs.raw.final_cost), standardized_cost=fmt(runs.standardized.final_cost),
        batchnorm_cost=fmt(runs.batchnorm.final_cost), least=fmt(runs.full.f_star),
        plateau=_plateau(runs))


def _plateau(runs: MiniRuns) -> str:
    """Why the per-batch-normalized model can end well above the minimum, when it does."""
    normalized, standardized = runs.batchnorm, runs.standardized
    reference = max(standardized.final_cost, runs.full.f_star)
    if ("diverged" in (normalized.status, standardized.status)
            or not normalized.final_cost > _PLATEAU_FACTOR * reference):
        return ""
    return " " + _("The per-batch-normalized model ends {factor} times higher than the globally "
                   "standardized one: at inference it normalizes with the running statistics, "
                   "which are themselves noisy averages of batch statistics, and in training each "
                   "step fits a batch normalized by its own noisy statistics.").format(
        factor=fmt(normalized.final_cost / reference))


def descent_table(runs: MiniRuns) -> tuple[TableRow, ...]:
    """One row per descent: how it ended, its final cost and its final raw model."""
    return tuple(
        {_("run"): _(LABELS[name]), _("status"): outcome(trajectory),
         _("steps to tolerance"): "—" if trajectory.steps_to_tol is None
         else whole(trajectory.steps_to_tol),
         _("final cost"): fmt(trajectory.final_cost),
         _("final (w1, w2, intercept)"): joined(fmt(float(v)) for v in trajectory.weights[-1])}
        for name, trajectory in runs.runs.items())


# What a row of the statistics table shows, by the statistic.
_STATISTICS = {"mean": N_("mean of {feature}"), "std": N_("std of {feature}")}


def statistics_table(batch: BatchLook) -> tuple[TableRow, ...]:
    """Mean and standard deviation of each feature: this batch against the population."""
    return tuple({"": _(_STATISTICS[what]).format(feature=feature),
                  _("this batch"): fmt(float(mine[j])), _("population"): fmt(float(theirs[j]))}
                 for what, mine, theirs in (("mean", batch.mean_, batch.pop_mean),
                                            ("std", batch.std_, batch.pop_std))
                 for j, feature in enumerate(FEATURES))


# ------------------------------------------------------------------ the charts' headlines

# The three descents in a headline's few words.
SHORT = {"raw": N_("Raw full-batch descent"), "standardized": N_("Standardized mini-batch SGD"),
         "batchnorm": N_("Per-batch normalized SGD")}


def panels_headline(looks: Sequence[BatchLook]) -> str:
    """The batch panels' headline: what standardizing did to every batch shown (their
    standardized means and spreads, at their worst), then what γ and β do."""
    means = np.array([np.abs(look.hat_moments[0]).max() for look in looks])
    stds = np.array([look.hat_moments[1] for look in looks if look.m > 1]).ravel()
    if stds.size and float(means.max()) < 1e-9 and np.allclose(stds, 1.0, atol=5e-3):
        return ngettext("Each of the {n} batch shown lands on mean 0, std 1; then γ and β set its "
                        "scale and shift",
                        "Each of the {n} batches shown lands on mean 0, std 1; then γ and β set "
                        "its scale and shift", len(looks)).format(n=whole(len(looks)))
    return _("Standardized, the batches shown have mean 0 and std {low} to {high}; then γ and "
             "β").format(low=fmt(float(stds.min())) if stds.size else "0",
                         high=fmt(float(stds.max())) if stds.size else "0")


def running_headline(run: Running) -> str:
    """The running statistics' headline: how far from the population's they end, at worst."""
    mean_off = np.abs(run.mean_[-1] - run.pop_mean) / np.maximum(np.abs(run.pop_mean), 1e-300)
    var_off = np.abs(run.var_[-1] - run.pop_var) / np.maximum(np.abs(run.pop_var), 1e-300)
    mean, variance = (percent(float(off.max()), None) for off in (mean_off, var_off))
    return _("After {epochs} the running mean is within {mean} of the population's, the "
             "variance within {variance}").format(epochs=_epochs(run.epochs), mean=mean,
                                                  variance=variance)


def spread_headline(spread: Spread, size: int) -> str:
    """The spread chart's headline: at the chosen batch size, how far a batch's mean strays
    (in population standard deviations, the worse feature), against the smallest size (or,
    when that is the one chosen, the largest)."""
    chosen = int(np.argmin(np.abs(spread.sizes - size)))
    other = 0 if chosen > 0 else len(spread.sizes) - 1

    def miss(i: int) -> str:
        return fmt(float(spread.mean_sd[i].max()))

    size_ = whole(int(spread.sizes[chosen]))
    if other == chosen:
        return _("Batches of {size} miss the population's mean by {miss} σ").format(
            size=size_, miss=miss(chosen))
    return _("Batches of {size} miss the population's mean by {miss} σ; batches of {other}, by "
             "{other_miss} σ").format(size=size_, miss=miss(chosen),
                                      other=whole(int(spread.sizes[other])),
                                      other_miss=miss(other))


def descent_headline(runs: MiniRuns) -> str:
    """The descent map's headline: which run reaches the tolerance first, in how many steps,
    and how the raw full-batch descent ends."""
    done = sorted(((t.steps_to_tol, name) for name, t in runs.runs.items()
                   if t.status == "converged" and t.steps_to_tol is not None))
    raw = runs.raw
    if not done:
        if all(t.status == "diverged" for t in runs.runs.values()):
            return _("Every run diverges")
        # The budget is the longest run's: a run that diverged stopped early.
        budget = max(t.steps for t in runs.runs.values())
        return _("No run reaches the tolerance in {steps}").format(steps=steps_phrase(budget))
    steps, first = done[0]
    words = {"run": _(SHORT[first]), "steps": steps_phrase(steps)}
    if first == "raw":
        return _("{run} reaches the tolerance first, in {steps}").format(**words)
    if raw.status == "diverged":
        return _("{run} reaches the tolerance first, in {steps}; raw descent diverges at step "
                 "{step}").format(step=raw.diverged_at, **words)
    if raw.status == "converged":
        return _("{run} reaches the tolerance first, in {steps}; raw descent needs "
                 "{raw_steps}").format(raw_steps=steps_phrase(raw.steps_to_tol or 0), **words)
    return _("{run} reaches the tolerance first, in {steps}; raw descent not in "
             "{budget}").format(budget=steps_phrase(raw.steps), **words)


def cost_headline(runs: MiniRuns) -> str:
    """The cost chart's headline: which run ends lowest, and the least possible cost."""
    alive = {name: t for name, t in runs.runs.items() if t.status != "diverged"}
    if not alive:
        return _("Every run diverges")
    name = min(alive, key=lambda k: alive[k].final_cost)
    return _("{run} ends lowest, at cost {cost} (least possible {least})").format(
        run=_(SHORT[name]), cost=fmt(alive[name].final_cost), least=fmt(runs.full.f_star))
