"""Sentences for the page "Deep networks", written from the measured numbers.

Every number and every conclusion below is read from the run, the sweep or the settings a
sentence describes; nothing restates a default by hand.
"""

from __future__ import annotations

import numpy as np

from bnviz.core import mlp, recording
from bnviz.core.sweep import DepthSweep, SweepProgress
from bnviz.core.training import PairProgress
from bnviz.lessons.deep.settings import DeepTrainSpec
from bnviz.numbers import fmt

# The common target of the speed comparison: this fraction of the better final accuracy.
REACH_FRACTION = 0.9
# A network whose held-out loss fell by less than this fraction has not left its plateau.
STUCK_DROP = 0.2


def ordinal(n: float) -> str:
    """``15`` -> ``"15th"``, ``1`` -> ``"1st"``, ``22`` -> ``"22nd"``, ``50`` -> ``"50th"``."""
    k = int(round(n))
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def _band_ends() -> tuple[float, float]:
    """The outer percentiles the bands show (the middle one is the median line)."""
    return recording.PERCENTILES[0], recording.PERCENTILES[-1]


def first_reach(steps: np.ndarray, accuracy: np.ndarray, target: float) -> int | None:
    """The first recorded step whose test accuracy is at least ``target`` (None if none)."""
    hit = np.flatnonzero(np.asarray(accuracy) >= target)
    return int(steps[hit[0]]) if hit.size else None


def unit_change(percentiles: np.ndarray) -> tuple[float, float, float, float]:
    """``(median_first, median_last, spread_first, spread_last)`` of one unit's (R, 3)
    percentiles; the spread is the outer band's width (last minus first percentile)."""
    p = np.asarray(percentiles, dtype=float)
    return float(p[0, 1]), float(p[-1, 1]), float(p[0, 2] - p[0, 0]), float(p[-1, 2] - p[-1, 0])


def band_width(band: np.ndarray) -> float:
    """Mean over recorded steps of a Santurkar band's width (max - min), shape (R, 2)."""
    b = np.asarray(band, dtype=float)
    return float(np.nanmean(b[:, 1] - b[:, 0]))


def _reach_phrase(step: int | None, n: int) -> str:
    return f"after {step} steps" if step is not None else f"not within the {n} steps recorded"


def stuck(test_loss: np.ndarray) -> bool:
    """True when the held-out loss, shape (R,), fell by less than :data:`STUCK_DROP` of its
    first record."""
    loss = np.asarray(test_loss, dtype=float)
    loss = loss[np.isfinite(loss)]
    return bool(loss.size >= 2 and loss[-1] > (1 - STUCK_DROP) * loss[0])


def training_sentence(run: PairProgress, *, layer: int, unit: int) -> str:
    """What the run shows: accuracy, speed to a common target, the unit's drift, smoothness.
    ``layer`` and ``unit`` count from 0; the run must have kept every unit's percentiles."""
    plain, bn = run.result.plain, run.result.bn
    acc_p, acc_b = float(plain.test_accuracy[-1]), float(bn.test_accuracy[-1])
    step = int(plain.steps[-1])
    head = "So far, after" if not run.complete else "After"
    out = [f"{head} {step} steps the network without BN reaches {acc_p:.1%} test accuracy and "
           f"the one with BN {acc_b:.1%}."]
    target = REACH_FRACTION * max(acc_p, acc_b)
    if target > 0:
        sp = first_reach(plain.steps, plain.test_accuracy, target)
        sb = first_reach(bn.steps, bn.test_accuracy, target)
        out.append(f"To {target:.0%} ({REACH_FRACTION:.0%} of the better one): without BN "
                   f"{_reach_phrase(sp, step)}, with BN {_reach_phrase(sb, step)}.")
    lo, hi = _band_ends()
    moves = []
    for name, rec in (("without BN", plain), ("with BN", bn)):
        assert rec.layer_percentiles is not None  # the page's runs keep every unit's
        m0, m1, s0, s1 = unit_change(rec.layer_percentiles[:, layer, :, unit])
        moves.append(f"from {fmt(m0)} to {fmt(m1)} {name} ({fmt(lo)}–{fmt(hi)} spread "
                     f"{fmt(s0)} → {fmt(s1)})")
    out.append(f"The median input to unit {unit + 1} of layer {layer + 1} went "
               f"{moves[0]}, and {moves[1]}.")
    wp, wb = band_width(plain.loss_band), band_width(bn.loss_band)
    gp, gb = band_width(plain.grad_band), band_width(bn.grad_band)
    if np.isfinite([wp, wb, gp, gb]).all():
        out.append(f"Along the gradient, the loss varied over a range {fmt(wp)} wide on average "
                   f"without BN and {fmt(wb)} with it; the gradient changed by a range "
                   f"{fmt(gp)} against {fmt(gb)}.")
        out.append(smoothness_reading(wp, wb, stuck_plain=stuck(plain.test_loss),
                                      stuck_bn=stuck(bn.test_loss), init=plain.config.init))
    return " ".join(out)


def smoothness_reading(width_plain: float, width_bn: float, *, stuck_plain: bool,
                       stuck_bn: bool, init: str) -> str:
    """How to read the loss bands (Santurkar et al. 2018): narrower means smoother, unless
    the narrow one belongs to a network stuck on a plateau, where the loss is flat anyway.

    Larger initial weights are suggested only when they could help: the plain network is
    the stuck one and started from the "small" weights.
    """
    bn_narrower = width_bn < width_plain
    narrow_stuck = stuck_bn if bn_narrower else stuck_plain
    if narrow_stuck:
        name = "with BN" if bn_narrower else "without BN"
        out = (f"The network {name} has hardly left its starting plateau, where the loss is "
               "flat in every direction, so its narrow band is that of a stuck network, not a "
               "smoother one")
        if not bn_narrower and init == "small":
            others = " or ".join(i for i in mlp.INITS if i != init)
            return (f"{out}. Its small initial weights (standard deviation "
                    f"{fmt(mlp.SMALL_INIT_STD)}) keep every layer's signal tiny; with {others} "
                    "initial weights it may leave the plateau, and then the bands can be "
                    "compared.")
        return f"{out}: the bands compare only once both networks train."
    if bn_narrower:
        return (f"With BN the loss band is {fmt(width_plain / width_bn)}× narrower: a smoother "
                f"loss along the gradient, as Santurkar et al. found.")
    return (f"Here the band with BN is {fmt(width_bn / width_plain)}× wider: at these settings "
            f"BN does not make the loss smoother along the gradient.")


def unit_caption(record: recording.NetRecord) -> str:
    """The caption of the unit's chart: what the band is, on how many rows (from the run)."""
    lo, hi = _band_ends()
    return ("Ioffe & Szegedy found that without BN the distribution of a unit's input drifts "
            "as the layers below change, and that with BN before the activation it stays put "
            f"(internal covariate shift). Band: {ordinal(lo)} to {ordinal(hi)} percentile on "
            f"{record.held_out_rows:,} held-out rows.")


def setting_summary(spec: DeepTrainSpec) -> str:
    """One line saying what ``spec`` trains, e.g. for the button that resets to it."""
    net, train = spec.configs()
    layers = "layer" if net.depth == 1 else "layers"
    optimizer = ("SGD" if train.optimizer == "sgd"
                 else f"SGD with momentum {fmt(train.momentum)}")
    return (f"{net.depth} hidden {net.activation} {layers} of {net.width} units, {net.init} "
            f"initial weights, BN {net.bn} the activation, {optimizer} with rate {fmt(train.lr)} "
            f"and batches of {train.batch_size}, {train.steps} steps on {train.dataset}.")


def _depths(n: int) -> str:
    return f"{n} depth" if n == 1 else f"{n} depths"


def sweep_sentence(sweep: DepthSweep) -> str:
    """Which depths reached the target, and how fast, with and without BN."""
    ran = ~np.isnan(sweep.final_accuracy_plain) & ~np.isnan(sweep.final_accuracy_bn)
    if not ran.any():
        return "The sweep has not finished a depth yet."
    depths = sweep.depths[ran]
    parts = []
    for name, steps in (("Without BN", sweep.steps_plain[ran]), ("with BN", sweep.steps_bn[ran])):
        ok = depths[~np.isnan(steps)]
        if ok.size == 0:
            parts.append(f"{name} none of {_depths(depths.size)} reached "
                         f"{sweep.target_accuracy:.0%} within {sweep.max_steps} steps")
        else:
            worst = int(np.nanmax(steps))
            parts.append(f"{name} {ok.size} of {_depths(depths.size)} reached "
                         f"{sweep.target_accuracy:.0%} (the slowest in {worst} steps)")
    both = ~np.isnan(sweep.steps_plain[ran]) & ~np.isnan(sweep.steps_bn[ran])
    tail = ""
    if both.any():
        faster = int(np.sum(sweep.steps_bn[ran][both] < sweep.steps_plain[ran][both]))
        tail = (f" Where both reached it, BN was faster at {faster} of {int(both.sum())} "
                "depths.")
    return "; ".join(parts) + "." + tail


def training_stopped(progress: PairProgress) -> str:
    """What the page says of a training that was stopped part way."""
    return (f"Training stopped at step {progress.step:,} of {progress.n_steps:,}: the charts "
            "show it so far.")


def sweep_stopped(progress: SweepProgress) -> str:
    """What the page says of a depth sweep that was stopped part way."""
    return (f"Sweep stopped after {progress.done} of {progress.total} networks; run it again "
            "to finish.")


def steps_capped(asked: int, cap: int) -> str:
    """Why a run was not started: the host caps the training steps of one run."""
    return (f"This server trains at most {cap:,} steps per network in one run (its host set "
            f"BNVIZ_MAX_TRAIN_STEPS), and these settings ask for {asked:,}. Choose fewer steps.")


# ------------------------------------------------------------------ the charts' headlines

def curves_headline(run: PairProgress) -> str:
    """The training curves' headline: both networks' test accuracy at the last recorded step."""
    plain, bn = run.result.plain, run.result.bn
    return (f"After {int(plain.steps[-1])} steps: {float(plain.test_accuracy[-1]):.1%} test "
            f"accuracy without BN, {float(bn.test_accuracy[-1]):.1%} with BN")


def unit_headline(run: PairProgress, *, layer: int, unit: int) -> str:
    """The unit chart's headline: how far the unit's median input moved over training in each
    network. ``layer`` and ``unit`` count from 0."""
    moved = []
    for rec in (run.result.plain, run.result.bn):
        assert rec.layer_percentiles is not None  # the page's runs keep every unit's
        m0, m1, _, _ = unit_change(rec.layer_percentiles[:, layer, :, unit])
        moved.append(fmt(abs(m1 - m0)))
    return (f"Unit {unit + 1} of layer {layer + 1}: its median input moves by {moved[0]} "
            f"without BN, by {moved[1]} with BN")


def smoothness_headline(run: PairProgress) -> str:
    """The smoothness chart's headline: the mean range of the loss along the gradient."""
    wp, wb = band_width(run.result.plain.loss_band), band_width(run.result.bn.loss_band)
    if not np.isfinite([wp, wb]).all():
        return "The loss along the gradient, over the sweep of step sizes"
    return f"Along −∇L the loss ranges over {fmt(wp)} without BN, {fmt(wb)} with BN (mean)"
