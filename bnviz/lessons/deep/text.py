"""Sentences for the page "Deep networks", written from the measured numbers."""

from __future__ import annotations

import numpy as np

from bnviz.numbers import fmt


def first_reach(steps: np.ndarray, accuracy: np.ndarray, target: float) -> int | None:
    """The first recorded step whose test accuracy is at least ``target`` (None if none)."""
    hit = np.flatnonzero(np.asarray(accuracy) >= target)
    return int(steps[hit[0]]) if hit.size else None


def unit_change(percentiles: np.ndarray) -> tuple[float, float, float, float]:
    """``(median_first, median_last, spread_first, spread_last)`` of one unit's (R, 3)
    percentiles; the spread is the 85th minus the 15th percentile."""
    p = np.asarray(percentiles, dtype=float)
    return float(p[0, 1]), float(p[-1, 1]), float(p[0, 2] - p[0, 0]), float(p[-1, 2] - p[-1, 0])


def band_width(band: np.ndarray) -> float:
    """Mean over recorded steps of a Santurkar band's width (max - min)."""
    b = np.asarray(band, dtype=float)
    return float(np.nanmean(b[:, 1] - b[:, 0]))


def _reach_phrase(step: int | None, n: int) -> str:
    return f"after {step} steps" if step is not None else f"not within the {n} steps recorded"


def training_sentence(run, *, layer: int, unit: int) -> str:
    """What the run shows: accuracy, speed to a common target, the unit's drift, smoothness.
    ``layer`` and ``unit`` count from 0."""
    plain, bn = run.pair.plain, run.pair.bn
    acc_p, acc_b = float(plain.test_accuracy[-1]), float(bn.test_accuracy[-1])
    step = int(plain.steps[-1])
    head = "So far, after" if not run.complete else "After"
    out = [f"{head} {step} steps the network without BN reaches {acc_p:.1%} test accuracy and "
           f"the one with BN {acc_b:.1%}."]
    target = 0.9 * max(acc_p, acc_b)
    if target > 0:
        sp = first_reach(plain.steps, plain.test_accuracy, target)
        sb = first_reach(bn.steps, bn.test_accuracy, target)
        out.append(f"To {target:.0%} (90% of the better one): without BN "
                   f"{_reach_phrase(sp, step)}, with BN {_reach_phrase(sb, step)}.")
    moves = []
    for name, key in (("without BN", "plain"), ("with BN", "bn")):
        m0, m1, s0, s1 = unit_change(getattr(run, f"percentiles_{key}")[:, layer, :, unit])
        moves.append(f"from {fmt(m0)} to {fmt(m1)} {name} (15–85 spread {fmt(s0)} → {fmt(s1)})")
    out.append(f"The median input to unit {unit + 1} of layer {layer + 1} went "
               f"{moves[0]}, and {moves[1]}.")
    wp, wb = band_width(plain.loss_band), band_width(bn.loss_band)
    gp, gb = band_width(plain.grad_band), band_width(bn.grad_band)
    if np.isfinite([wp, wb, gp, gb]).all():
        out.append(f"Along the gradient, the loss varied over a range {fmt(wp)} wide on average "
                   f"without BN and {fmt(wb)} with it; the gradient changed by a range "
                   f"{fmt(gp)} against {fmt(gb)}.")
        out.append(smoothness_reading(wp, wb, stuck=stuck(plain.test_loss)))
    return " ".join(out)


# A network whose held-out loss fell by less than this fraction has not left its plateau.
_STUCK_DROP = 0.2


def stuck(test_loss: np.ndarray) -> bool:
    """True when the held-out loss fell by less than 20 % from its first record."""
    loss = np.asarray(test_loss, dtype=float)
    loss = loss[np.isfinite(loss)]
    return loss.size >= 2 and loss[-1] > (1 - _STUCK_DROP) * loss[0]


def smoothness_reading(width_plain: float, width_bn: float, *, stuck: bool) -> str:
    """How to read the loss bands (Santurkar et al. 2018): narrower means smoother, unless
    the narrow one belongs to a network stuck on a plateau, where the loss is flat anyway."""
    if width_bn < width_plain:
        return (f"With BN the loss band is {fmt(width_plain / width_bn)}× narrower: a smoother "
                f"loss along the gradient, as Santurkar et al. found.")
    if stuck:
        return ("The network without BN has hardly left its starting plateau, where the loss is "
                "flat in every direction, so its narrow band is that of a stuck network, not a "
                "smoother one; with Xavier initial weights both networks train and the bands "
                "can be compared.")
    return (f"Here the band with BN is {fmt(width_bn / width_plain)}× wider: at these settings "
            f"BN does not make the loss smoother along the gradient.")


def _depths(n: int) -> str:
    return f"{n} depth" if n == 1 else f"{n} depths"


def sweep_sentence(sweep) -> str:
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
