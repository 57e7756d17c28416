"""Settings of the page "Inside a batch", carried in the URL under keys prefixed ``bt_``.

Four groups, so that each cached computation is keyed only by what it depends on: moving
the batch slider must not rerun the descent, and moving the learning rate must not redraw
the batch panels.

- :class:`SplitSpec`: how the rows are cut into mini-batches (every part of the page uses it).
- :class:`LookSpec`: which batch is shown and what the layer does to it (eps, gamma, beta).
- :class:`RunningSpec`: the running statistics (momentum, epochs shown).
- :class:`MiniSpec`: the three descents (learning rate, steps, start, tolerance).

Batch size and batch index have bounds that depend on the data (1..n, 0..batches-1); the
dataclasses hold wide static bounds and :mod:`bnviz.batches` clamps to the data.
"""

from __future__ import annotations

from dataclasses import dataclass

from bnviz.core.batches import LAST_POLICIES
from bnviz.i18n import N_
from bnviz.settings import param

ON_OFF = (N_("off"), N_("on"))
# The words of LAST_POLICIES, marked for translation (the values stay these English words).
LAST_CHOICES = (N_("keep"), N_("drop"))
assert LAST_CHOICES == LAST_POLICIES


@dataclass(frozen=True)
class SplitSpec:
    size: int = param(10, key="bt_size", label=N_("Batch size"), lo=1, hi=1_000_000, log=True,
                      help=N_("Rows per mini-batch, from 1 to n."))
    seed: int = param(0, key="bt_seed", label=N_("Shuffle seed"), lo=0, hi=2**31 - 1,
                      help=N_("Seeds the shuffle; epoch e uses the stream (seed, e)."))
    last: str = param("keep", key="bt_last", label=N_("Last, smaller batch"), choices=LAST_CHOICES,
                      help=N_("When n is not a multiple of the batch size: keep the short batch, "
                              "or drop its rows for this epoch."))


@dataclass(frozen=True)
class LookSpec:
    index: int = param(0, key="bt_index", label=N_("Batch"), lo=0, hi=1_000_000)
    eps: float = param(1e-5, key="bt_eps", label=N_("ε (added to the variance)"), lo=1e-10, hi=1e4,
                       log=True)
    g1: float = param(1.0, key="bt_g1", label=N_("γ of A"), lo=-1e6, hi=1e6)
    g2: float = param(1.0, key="bt_g2", label=N_("γ of B"), lo=-1e6, hi=1e6)
    b1: float = param(0.0, key="bt_b1", label=N_("β of A"), lo=-1e6, hi=1e6)
    b2: float = param(0.0, key="bt_b2", label=N_("β of B"), lo=-1e6, hi=1e6)
    undo: str = param("off", key="bt_undo", label=N_("Undo: γ = √(σ²+ε), β = μ of the batch"),
                      choices=ON_OFF,
                      help=N_("Sets each feature's γ to the batch's standard deviation (with ε) and "
                              "β to the batch's mean, so the output should equal the input."))


@dataclass(frozen=True)
class RunningSpec:
    momentum: float = param(0.1, key="bt_mom", label=N_("Momentum m"), lo=1e-3, hi=1.0, log=True,
                            help=N_("running = (1 − m)·running + m·batch (PyTorch's convention)."))
    epochs: int = param(5, key="bt_epochs", label=N_("Epochs"), lo=1, hi=50, log=True)


@dataclass(frozen=True)
class MiniSpec:
    lr: float = param(0.05, key="bt_lr", label=N_("Learning rate (all three)"), lo=1e-7, hi=10.0,
                      log=True)
    steps: int = param(200, key="bt_steps", label=N_("Steps"), lo=1, hi=5000, log=True)
    w1_0: float = param(0.0, key="bt_w1", label=N_("Start w1"), lo=-50.0, hi=50.0, step=0.5)
    w2_0: float = param(0.0, key="bt_w2", label=N_("Start w2"), lo=-50.0, hi=50.0, step=0.5)
    tol: float = param(1e-3, key="bt_tol", label=N_("Tolerance (relative excess cost)"), lo=1e-12,
                       hi=0.5, log=True)
