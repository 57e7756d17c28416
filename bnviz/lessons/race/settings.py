"""Settings of the page "Optimizer race", carried in the URL under keys prefixed ``or_``.

Which optimizers race is one on/off choice per optimizer (a choice parameter holds one
string, not a set). The start, step budget and tolerance are the shared
:class:`~bnviz.lessons.common.settings.DescentSpec` ones, so a link from "Valley vs bowl" keeps them.

Learning rates are set in a unit of the chosen surface, so that one setting means the same
on raw and on standardized features (whose good absolute rates differ by 10^4 on the seed
data):

- gradient descent, momentum, Nesterov step by ``lr * gradient``: their rate is a multiple
  of the optimal fixed rate of plain descent on that surface, ``2 / (lambda_min + lambda_max)``;
- RMSProp and Adam step by about ``lr`` in each coordinate whatever the gradient's size:
  their rate is a fraction of the distance from the start to the minimum.
"""

from __future__ import annotations

from dataclasses import dataclass

from bnviz.i18n import N_
from bnviz.settings import param

ON_OFF = (N_("on"), N_("off"))
SPACES = (N_("raw"), N_("standardized"))

# (field prefix, display name) in the order of the page's columns and the table's rows. The
# names stay English in the runs (and the paths' CSV); they are translated where shown.
OPTIMIZERS = (("gd", N_("GD")), ("mom", N_("Momentum")), ("nag", N_("Nesterov")),
              ("rms", N_("RMSProp")), ("adam", N_("Adam")))
# Each optimizer's hyper-parameter settings (field names of RaceSpec), rate first: the
# controls under its on/off switch.
HYPER = {"gd": ("gd_lr",), "mom": ("mom_lr", "mom_beta"), "nag": ("nag_lr", "nag_beta"),
         "rms": ("rms_lr", "rms_beta", "rms_eps"),
         "adam": ("adam_lr", "adam_beta1", "adam_beta2", "adam_eps")}

_RATE_HELP = N_("A multiple of the optimal rate of plain descent on the chosen surface, "
                "2/(λmin+λmax): 1 is plain descent's best fixed rate. The slider marks the "
                "edge above which this optimizer diverges.")
_STEP_HELP = N_("A fraction of the distance from the start to the minimum: each coordinate "
                "moves by about this much per step, whatever the size of the gradient.")
_BETA_HELP = N_("The fraction of the previous step that momentum carries into the next.")


def _rate(default: float, key: str, label: str) -> float:
    return param(default, key=key, label=label, lo=1e-3, hi=4.0, log=True, help=_RATE_HELP)


def _step(default: float, key: str, label: str) -> float:
    return param(default, key=key, label=label, lo=1e-4, hi=1.0, log=True, help=_STEP_HELP)


def _beta(default: float, key: str, label: str, help: str = _BETA_HELP) -> float:
    return param(default, key=key, label=label, lo=0.0, hi=0.999, step=0.001, help=help)


def _eps(key: str) -> float:
    return param(1e-8, key=key, label="ε", lo=1e-12, hi=1.0, log=True,
                 help=N_("Added to the root mean square before dividing: a floor on it."))


@dataclass(frozen=True)
class RaceSpec:
    """Which optimizers race, on which features, with which hyper-parameters."""

    space: str = param("raw", key="or_space", label=N_("Features"), choices=SPACES,
                       help=N_("The map, surface and cost chart show this side; the table "
                               "and the verdict cover both."))
    gd: str = param("on", key="or_gd", label=N_("Gradient descent"), choices=ON_OFF)
    gd_lr: float = _rate(1.0, "or_gd_lr", N_("lr (× optimal rate)"))
    mom: str = param("on", key="or_mom", label=N_("Momentum (heavy ball)"), choices=ON_OFF)
    mom_lr: float = _rate(1.0, "or_mom_lr", N_("lr (× optimal rate)"))
    mom_beta: float = _beta(0.9, "or_mom_beta", "β")
    nag: str = param("on", key="or_nag", label=N_("Nesterov"), choices=ON_OFF)
    nag_lr: float = _rate(0.6, "or_nag_lr", N_("lr (× optimal rate)"))
    nag_beta: float = _beta(0.9, "or_nag_beta", "β")
    rms: str = param("on", key="or_rms", label=N_("RMSProp"), choices=ON_OFF)
    rms_lr: float = _step(0.01, "or_rms_lr", N_("lr (× distance to minimum)"))
    rms_beta: float = _beta(0.99, "or_rms_beta", "β",
                            help=N_("How slowly the running mean of the squared gradient "
                                    "forgets."))
    rms_eps: float = _eps("or_rms_eps")
    adam: str = param("on", key="or_adam", label=N_("Adam"), choices=ON_OFF)
    adam_lr: float = _step(0.1, "or_adam_lr", N_("lr (× distance to minimum)"))
    adam_beta1: float = _beta(0.9, "or_adam_b1", "β1",
                              help=N_("How slowly the running mean of the gradient forgets "
                                      "(Adam's momentum)."))
    adam_beta2: float = param(0.999, key="or_adam_b2", label="β2", lo=0.0, hi=0.9999,
                              step=0.0001, help=N_("How slowly the running mean of the "
                                                   "squared gradient forgets."))
    adam_eps: float = _eps("or_adam_eps")

    def chosen(self) -> tuple[str, ...]:
        """Field prefixes of the optimizers switched on, in display order."""
        return tuple(k for k, _ in OPTIMIZERS if getattr(self, k) == "on")
