"""Sentences for the page "Deep networks", written from the measured numbers.

Every number and every conclusion below is read from the run, the sweep or the settings a
sentence describes; nothing restates a default by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce

import numpy as np

from bnviz.core import mlp, recording
from bnviz.core.sweep import DepthSweep, SweepProgress
from bnviz.core.training import PairProgress
from bnviz.i18n import N_, _, ngettext
from bnviz.lessons.common.own_messages import quote
from bnviz.lessons.common.text import steps_phrase
from bnviz.lessons.deep.settings import DeepTrainSpec
from bnviz.numbers import fmt, joined, percent, separator, whole

# The common target of the speed comparison: this fraction of the better final accuracy.
REACH_FRACTION = 0.9
# A network whose held-out loss fell by less than this fraction has not left its plateau.
STUCK_DROP = 0.2


# English ordinals by their ending; a language that writes every ordinal alike (15°) gives
# each the same translation.
_ORDINALS = {"st": N_("{n}st"), "nd": N_("{n}nd"), "rd": N_("{n}rd"), "th": N_("{n}th")}


def ordinal(n: float) -> str:
    """``15`` -> ``"15th"``, ``1`` -> ``"1st"``, ``22`` -> ``"22nd"``, ``50`` -> ``"50th"``."""
    k = int(round(n))
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return _(_ORDINALS[suffix]).format(n=k)


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
    if step is not None:
        return _("after {steps}").format(steps=steps_phrase(step))
    return ngettext("not within the {n} step recorded", "not within the {n} steps recorded",
                    n).format(n=whole(n))


# How one unit's median input moved in each network.
_MOVED = {"plain": N_("from {start} to {end} without BN ({lo}–{hi} spread {spread_start} → "
                      "{spread_end})"),
          "bn": N_("from {start} to {end} with BN ({lo}–{hi} spread {spread_start} → "
                   "{spread_end})")}


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
    accuracies = {"steps": steps_phrase(step), "plain": percent(acc_p), "bn": percent(acc_b)}
    if run.complete:
        out = [_("After {steps} the network without BN reaches {plain} test accuracy and "
                 "the one with BN {bn}.").format(**accuracies)]
    else:
        out = [_("So far, after {steps} the network without BN reaches {plain} test "
                 "accuracy and the one with BN {bn}.").format(**accuracies)]
    target = REACH_FRACTION * max(acc_p, acc_b)
    if target > 0:
        sp = first_reach(plain.steps, plain.test_accuracy, target)
        sb = first_reach(bn.steps, bn.test_accuracy, target)
        out.append(_("To {target} ({fraction} of the better one): without BN {plain}, with BN "
                     "{bn}.").format(target=percent(target, 0),
                                     fraction=percent(REACH_FRACTION, 0),
                                     plain=_reach_phrase(sp, step), bn=_reach_phrase(sb, step)))
    lo, hi = _band_ends()
    moves = []
    for key, rec in (("plain", plain), ("bn", bn)):
        assert rec.layer_percentiles is not None  # the page's runs keep every unit's
        m0, m1, s0, s1 = unit_change(rec.layer_percentiles[:, layer, :, unit])
        moves.append(_(_MOVED[key]).format(start=fmt(m0), end=fmt(m1), lo=fmt(lo), hi=fmt(hi),
                                           spread_start=fmt(s0), spread_end=fmt(s1)))
    out.append(_("The median input to unit {unit} of layer {layer} went {plain}, and {bn}.")
               .format(unit=unit + 1, layer=layer + 1, plain=moves[0], bn=moves[1]))
    wp, wb = band_width(plain.loss_band), band_width(bn.loss_band)
    gp, gb = band_width(plain.grad_band), band_width(bn.grad_band)
    if np.isfinite([wp, wb, gp, gb]).all():
        out.append(_("Along the gradient, the loss varied over a range {loss_plain} wide on "
                     "average without BN and {loss_bn} with it; the gradient changed by a range "
                     "{grad_plain} against {grad_bn}.").format(
            loss_plain=fmt(wp), loss_bn=fmt(wb), grad_plain=fmt(gp), grad_bn=fmt(gb)))
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
        if bn_narrower:
            return _("The network with BN has hardly left its starting plateau, where the loss "
                     "is flat in every direction, so its narrow band is that of a stuck "
                     "network, not a smoother one: the bands compare only once both networks "
                     "train.")
        if init == "small":
            others = reduce(lambda a, b: _("{first} or {second}").format(first=a, second=b),
                            (_(i) for i in mlp.INITS if i != init))
            return _("The network without BN has hardly left its starting plateau, where the "
                     "loss is flat in every direction, so its narrow band is that of a stuck "
                     "network, not a smoother one. Its small initial weights (standard "
                     "deviation {std}) keep every layer's signal tiny; with {others} initial "
                     "weights it may leave the plateau, and then the bands can be compared."
                     ).format(std=fmt(mlp.SMALL_INIT_STD), others=others)
        return _("The network without BN has hardly left its starting plateau, where the loss "
                 "is flat in every direction, so its narrow band is that of a stuck network, "
                 "not a smoother one: the bands compare only once both networks train.")
    if bn_narrower:
        return _("With BN the loss band is {ratio}× narrower: a smoother loss along the "
                 "gradient, as Santurkar et al. found.").format(ratio=fmt(width_plain / width_bn))
    return _("Here the band with BN is {ratio}× wider: at these settings BN does not make the "
             "loss smoother along the gradient.").format(ratio=fmt(width_bn / width_plain))


def unit_caption(record: recording.NetRecord) -> str:
    """The caption of the unit's chart: what the band is, on how many rows (from the run)."""
    lo, hi = _band_ends()
    return _("Ioffe & Szegedy found that without BN the distribution of a unit's input drifts "
             "as the layers below change, and that with BN before the activation it stays put "
             "(internal covariate shift). Band: {lo} to {hi} percentile on {rows} held-out "
             "rows.").format(lo=ordinal(lo), hi=ordinal(hi), rows=whole(record.held_out_rows))


def setting_summary(spec: DeepTrainSpec) -> str:
    """One line saying what ``spec`` trains, e.g. for the button that resets to it."""
    net, train = spec.configs()
    optimizer = (_("SGD") if train.optimizer == "sgd"
                 else _("SGD with momentum {momentum}").format(momentum=fmt(train.momentum)))
    return ngettext("{depth} hidden {activation} layer of {width} units, {init} initial weights, "
                    "{bn}, {optimizer} with rate {lr} and batches of {batch}, {steps} on "
                    "{dataset}.",
                    "{depth} hidden {activation} layers of {width} units, {init} initial "
                    "weights, {bn}, {optimizer} with rate {lr} and batches of {batch}, {steps} "
                    "on {dataset}.", net.depth).format(
        depth=whole(net.depth), activation=_(net.activation), width=whole(net.width),
        init=_(net.init), bn=_(_BN_PLACE[net.bn]), optimizer=optimizer, lr=fmt(train.lr),
        batch=whole(train.batch_size), steps=steps_phrase(train.steps),
        dataset=_(train.dataset))


# A file's columns named in a sentence: this many, then "…".
SHOWN_COLUMNS = 8


def own_data_name(n_features: int, n_classes: int) -> str:
    """A visitor's file as a sentence names it: ``your CSV (3 features, 4 classes)``."""
    return _("your CSV ({features}, {classes})").format(
        features=ngettext("{count} feature", "{count} features", n_features).format(
            count=whole(n_features)),
        classes=ngettext("{count} class", "{count} classes", n_classes).format(
            count=whole(n_classes)))


def _names(names: Sequence[str]) -> str:
    shown = joined(quote(n) for n in names[:SHOWN_COLUMNS])
    return shown + (separator() + "…" if len(names) > SHOWN_COLUMNS else "")


def own_data_caption(features: Sequence[str], label: str, classes: Sequence[str],
                     rows: int) -> str:
    """What both networks train on when it is a visitor's file: its columns, its classes."""
    return ngettext(
        "Both networks are trained on {data}, {rows} row. Features: {features} (each "
        "standardized with the training rows' mean and standard deviation); label: {label} "
        "({classes}).",
        "Both networks are trained on {data}, {rows} rows. Features: {features} (each "
        "standardized with the training rows' mean and standard deviation); label: {label} "
        "({classes}).",
        rows).format(
        data=own_data_name(len(features), len(classes)), rows=whole(rows),
        features=_names(features), label=quote(label), classes=_names(classes))


# Where the BN network normalizes, as a setting summary says it.
_BN_PLACE = {"before": N_("BN before the activation"), "after": N_("BN after the activation")}


def _depths(n: int) -> str:
    return ngettext("{n} depth", "{n} depths", n).format(n=whole(n))


def sweep_sentence(sweep: DepthSweep) -> str:
    """Which depths reached the target, and how fast, with and without BN."""
    ran = ~np.isnan(sweep.final_accuracy_plain) & ~np.isnan(sweep.final_accuracy_bn)
    if not ran.any():
        return _("The sweep has not finished a depth yet.")
    depths = sweep.depths[ran]
    target, budget = percent(sweep.target_accuracy, 0), steps_phrase(sweep.max_steps)
    parts = []
    for key, steps in (("plain", sweep.steps_plain[ran]), ("bn", sweep.steps_bn[ran])):
        ok = depths[~np.isnan(steps)]
        words = {"depths": _depths(depths.size), "target": target, "budget": budget}
        if ok.size == 0:
            parts.append(_("Without BN none of {depths} reached {target} within {budget}")
                         .format(**words) if key == "plain" else
                         _("with BN none of {depths} reached {target} within {budget}")
                         .format(**words))
        else:
            words |= {"ok": whole(ok.size), "worst": steps_phrase(int(np.nanmax(steps)))}
            parts.append(ngettext("Without BN {ok} of {depths} reached {target} (the slowest "
                                  "in {worst})",
                                  "Without BN {ok} of {depths} reached {target} (the slowest "
                                  "in {worst})", ok.size).format(**words)
                         if key == "plain" else
                         ngettext("with BN {ok} of {depths} reached {target} (the slowest in "
                                  "{worst})",
                                  "with BN {ok} of {depths} reached {target} (the slowest in "
                                  "{worst})", ok.size).format(**words))
    both = ~np.isnan(sweep.steps_plain[ran]) & ~np.isnan(sweep.steps_bn[ran])
    tail = ""
    if both.any():
        faster = int(np.sum(sweep.steps_bn[ran][both] < sweep.steps_plain[ran][both]))
        n = int(both.sum())
        tail = " " + ngettext("Where both reached it, BN was faster at {faster} of {n} depth.",
                              "Where both reached it, BN was faster at {faster} of {n} depths.",
                              n).format(faster=whole(faster), n=whole(n))
    return "; ".join(parts) + "." + tail


def training_stopped(progress: PairProgress) -> str:
    """What the page says of a training that was stopped part way."""
    return _("Training stopped at step {step} of {steps}: the charts show it so far.").format(
        step=whole(progress.step), steps=whole(progress.n_steps))


def sweep_stopped(progress: SweepProgress) -> str:
    """What the page says of a depth sweep that was stopped part way."""
    return ngettext("Sweep stopped after {done} of {total} network; run it again to finish.",
                    "Sweep stopped after {done} of {total} networks; run it again to finish.",
                    progress.total).format(done=whole(progress.done), total=whole(progress.total))


def steps_capped(asked: int, cap: int) -> str:
    """Why a run was not started: the host caps the training steps of one run."""
    return _("This server trains at most {cap} per network in one run (its host set "
             "BNVIZ_MAX_TRAIN_STEPS), and these settings ask for {asked}. Choose fewer steps."
             ).format(cap=steps_phrase(cap), asked=whole(asked))


# ------------------------------------------------------------------ the charts' headlines

def curves_headline(run: PairProgress) -> str:
    """The training curves' headline: both networks' test accuracy at the last recorded step."""
    plain, bn = run.result.plain, run.result.bn
    return _("After {steps}: {plain} test accuracy without BN, {bn} with BN").format(
        steps=steps_phrase(int(plain.steps[-1])), plain=percent(float(plain.test_accuracy[-1])),
        bn=percent(float(bn.test_accuracy[-1])))


def unit_headline(run: PairProgress, *, layer: int, unit: int) -> str:
    """The unit chart's headline: how far the unit's median input moved over training in each
    network. ``layer`` and ``unit`` count from 0."""
    moved = []
    for rec in (run.result.plain, run.result.bn):
        assert rec.layer_percentiles is not None  # the page's runs keep every unit's
        m0, m1, _s0, _s1 = unit_change(rec.layer_percentiles[:, layer, :, unit])
        moved.append(fmt(abs(m1 - m0)))
    return _("Unit {unit} of layer {layer}: its median input moves by {plain} without BN, by "
             "{bn} with BN").format(unit=unit + 1, layer=layer + 1, plain=moved[0], bn=moved[1])


def smoothness_headline(run: PairProgress) -> str:
    """The smoothness chart's headline: the mean range of the loss along the gradient."""
    wp, wb = band_width(run.result.plain.loss_band), band_width(run.result.bn.loss_band)
    if not np.isfinite([wp, wb]).all():
        return _("The loss along the gradient, over the sweep of step sizes")
    return _("Along −∇L the loss ranges over {plain} without BN, {bn} with BN (mean)").format(
        plain=fmt(wp), bn=fmt(wb))
