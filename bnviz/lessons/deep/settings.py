"""Settings of the page "Deep networks": what is trained, what is shown, what is swept.

Three specs, because they have three different costs when they change:

- :class:`DeepTrainSpec` retrains both networks (it maps onto the core's
  :class:`~bnviz.core.mlp.NetConfig` and :class:`~bnviz.core.training.TrainConfig`);
- :class:`DeepViewSpec` only picks what the charts show from a finished run (never retrains);
- :class:`DeepSweepSpec` reruns the depth sweep, which starts only on its button.

The defaults are the core's (Ioffe & Szegedy's Fig. 1, scaled down); the slider bounds live
here and nowhere else. Every URL key starts with ``dn_``.
"""

from __future__ import annotations

from dataclasses import dataclass

from bnviz.core import datasets, layers, mlp, training
from bnviz.i18n import N_
from bnviz.settings import param, param_of

_NET = mlp.NetConfig()
_TRAIN = training.TrainConfig()
# The page always trains a BN network next to the plain one: "off" is not a choice.
BN_PLACEMENTS = tuple(p for p in mlp.BN_PLACEMENTS if p != "off")
# The choice words of the core's options (data sets, activations, initial weights, BN's
# place, optimizers), marked here for translation: the widgets show each in the visitor's
# language, and its value stays the English word the URL carries.
CHOICE_WORDS = (N_("digits"), N_("spirals"), N_("circles"), N_("sigmoid"), N_("tanh"),
                N_("relu"), N_("small"), N_("xavier"), N_("he"), N_("before"), N_("after"),
                N_("sgd"), N_("momentum"))


@dataclass(frozen=True)
class DeepTrainSpec:
    """The networks and their training; defaults are Ioffe & Szegedy's Fig. 1, scaled down."""

    dataset: str = param(_TRAIN.dataset, key="dn_data", label=N_("Data set"),
                         choices=datasets.DATASET_NAMES,
                         help=N_("digits: 8x8 images of 10 classes (1,797 samples); spirals "
                                 "and circles: two classes in the plane, as in TensorFlow "
                                 "Playground."))
    depth: int = param(_NET.depth, key="dn_depth", label=N_("Hidden layers"), lo=1, hi=10)
    width: int = param(_NET.width, key="dn_width", label=N_("Units per layer"), lo=8, hi=256,
                       log=True)
    activation: str = param(_NET.activation, key="dn_act", label=N_("Activation"),
                            choices=layers.ACTIVATIONS)
    # The numbers in these two help texts are the core's (mlp.SMALL_INIT_STD, the momentum
    # coefficient): written out, so that the text is one message for the translator
    # (tests/unit/lessons/deep/test_settings.py checks they still are the core's).
    init: str = param(_NET.init, key="dn_init", label=N_("Initial weights"), choices=mlp.INITS,
                      help=N_("small: Gaussian with standard deviation 0.01, as in the paper; "
                              "xavier: variance 2/(fan-in + fan-out); he: variance 2/fan-in."))
    bn: str = param(BN_PLACEMENTS[0], key="dn_bn", label=N_("Batch norm goes"),
                    choices=BN_PLACEMENTS,
                    help=N_("before the activation (Ioffe & Szegedy) or after it (as the seed "
                            "article describes)."))
    optimizer: str = param(_TRAIN.optimizer, key="dn_opt", label=N_("Optimizer"),
                           choices=training.OPTIMIZERS,
                           help=N_("momentum: heavy ball with coefficient 0.9."))
    lr: float = param(_TRAIN.lr, key="dn_lr", label=N_("Learning rate"), lo=0.001, hi=5.0,
                      log=True)
    batch_size: int = param(_TRAIN.batch_size, key="dn_batch", label=N_("Batch size"), lo=2,
                            hi=512, log=True)
    steps: int = param(_TRAIN.steps, key="dn_steps", label=N_("Training steps"), lo=10, hi=5000,
                       log=True)
    seed: int = param(_TRAIN.seed, key="dn_seed", label=N_("Seed"), lo=0, hi=2**31 - 1,
                      help=N_("Sets the train/test split, the initial weights and the batches."))

    def configs(self) -> tuple[mlp.NetConfig, training.TrainConfig]:
        """The core's architecture (``bn``: the BN network's placement) and training
        (momentum coefficient, records and step sizes at the core's defaults)."""
        net = mlp.NetConfig(depth=self.depth, width=self.width, activation=self.activation,
                            init=self.init, bn=self.bn)
        train = training.TrainConfig(dataset=self.dataset, optimizer=self.optimizer, lr=self.lr,
                                     batch_size=self.batch_size, steps=self.steps, seed=self.seed)
        return net, train


_DEFAULT = DeepTrainSpec()


def _hi(name: str) -> int:
    """The upper bound of a :class:`DeepTrainSpec` slider, for the specs that follow it."""
    hi = param_of(DeepTrainSpec, name).hi
    assert hi is not None  # every numeric training setting is bounded above
    return int(hi)


@dataclass(frozen=True)
class DeepViewSpec:
    """What the charts show of a finished run: changing these never retrains.

    ``layer`` and ``unit`` count from 1 and are clamped to the network's depth and width;
    ``at`` is snapped to the nearest recorded step.
    """

    layer: int = param(_DEFAULT.depth, key="dn_layer", label=N_("Layer of the unit"), lo=1,
                       hi=_hi("depth"),
                       help=N_("Hidden layer whose unit's input distribution is shown "
                               "(counted from the input; clamped to the number of layers)."))
    unit: int = param(1, key="dn_unit", label=N_("Unit"), lo=1, hi=_hi("width"))
    at: int = param(_DEFAULT.steps, key="dn_at", label=N_("Histograms at step"), lo=0,
                    hi=_hi("steps"))


@dataclass(frozen=True)
class DeepSweepSpec:
    """The depth sweep: steps to reach a test accuracy, for each depth, with and without BN."""

    depth_lo: int = param(1, key="dn_sw_lo", label=N_("From depth"), lo=1, hi=_hi("depth"))
    depth_hi: int = param(6, key="dn_sw_hi", label=N_("To depth"), lo=1, hi=_hi("depth"))
    target: float = param(0.9, key="dn_sw_target", label=N_("Target test accuracy"), lo=0.2,
                          hi=0.99, step=0.01)
    max_steps: int = param(300, key="dn_sw_steps", label=N_("Step budget per network"), lo=20,
                           hi=2000, log=True)

    EVAL_EVERY = 10  # not a field: accuracy is checked every 10 steps

    @property
    def depths(self) -> tuple[int, ...]:
        """The swept depths, whichever way round the two ends were set."""
        lo, hi = sorted((self.depth_lo, self.depth_hi))
        return tuple(range(lo, hi + 1))
