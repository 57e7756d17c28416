"""Whether a network's training diverged, and the words every chart of the page leads with.

A rate too large for a network (a deep ReLU net at rate 5 with momentum, say) blows its loss
up to infinity and then NaN; its activations, percentiles and bands follow. That is a result
to show, as on the other pages: each chart's headline then starts by saying which network
diverged and at which step, since the numbers it would otherwise quote are no longer numbers.
"""

from __future__ import annotations

import numpy as np

from bnviz.core.recording import NetRecord
from bnviz.core.training import PairProgress
from bnviz.i18n import _
from bnviz.numbers import whole


def diverged_at(rec: NetRecord, done: int) -> int | None:
    """The first of the ``done`` steps trained (counting from 1, as the loss chart does)
    whose mini-batch loss is not finite; None if there is none. Steps not yet trained are
    NaN in the record too, hence ``done``."""
    bad = np.flatnonzero(~np.isfinite(rec.train_loss[:done]))
    return int(bad[0]) + 1 if bad.size else None


def divergence_sentence(run: PairProgress) -> str:
    """``Without BN the loss diverged at step 7``, for either network or both; "" when
    neither diverged."""
    plain = diverged_at(run.result.plain, run.step)
    bn = diverged_at(run.result.bn, run.step)
    if plain is not None and bn is not None:
        return _("Both networks diverged: without BN at step {plain}, with BN at step "
                 "{bn}").format(plain=whole(plain), bn=whole(bn))
    if plain is not None:
        return _("Without BN the loss diverged at step {step}").format(step=whole(plain))
    if bn is not None:
        return _("With BN the loss diverged at step {step}").format(step=whole(bn))
    return ""


def lead_with_divergence(run: PairProgress, headline: str, *, keep: bool = True) -> str:
    """``headline``, led by :func:`divergence_sentence` when a network diverged; with
    ``keep=False`` the sentence alone (for a chart whose numbers the divergence made NaN)."""
    said = divergence_sentence(run)
    if not said:
        return headline
    return f"{said}. {headline}" if keep else said
