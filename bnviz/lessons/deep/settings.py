"""Settings of the page "Deep networks": what is trained, what is shown, what is swept.

Three specs, because they have three different costs when they change:

- :class:`DeepTrainSpec` retrains both networks (it maps onto :class:`bnviz.training.DeepSpec`);
- :class:`DeepViewSpec` only picks what the charts show from a finished run (never retrains);
- :class:`DeepSweepSpec` reruns the depth sweep, which starts only on its button.

Every URL key starts with ``dn_``.
"""

from __future__ import annotations

from dataclasses import dataclass

from bnviz.core.training import DeepSpec
from bnviz.settings import param

_D = DeepSpec


@dataclass(frozen=True)
class DeepTrainSpec:
    """The networks and their training; defaults are Ioffe & Szegedy's Fig. 1, scaled down."""

    dataset: str = param("digits", key="dn_data", label="Data set", choices=_D.DATASETS,
                         help="digits: 8x8 images of 10 classes (1,797 samples); spirals and "
                              "circles: two classes in the plane, as in TensorFlow Playground.")
    depth: int = param(3, key="dn_depth", label="Hidden layers", lo=_D.DEPTH_RANGE[0],
                       hi=_D.DEPTH_RANGE[1])
    width: int = param(100, key="dn_width", label="Units per layer", lo=_D.WIDTH_RANGE[0],
                       hi=_D.WIDTH_RANGE[1], log=True)
    activation: str = param("sigmoid", key="dn_act", label="Activation", choices=_D.ACTIVATIONS)
    init: str = param("small", key="dn_init", label="Initial weights", choices=_D.INITS,
                      help="small: Gaussian with standard deviation 0.01, as in the paper; "
                           "xavier: variance 2/(fan-in + fan-out); he: variance 2/fan-in.")
    bn: str = param("before", key="dn_bn", label="Batch norm goes", choices=_D.BN_PLACEMENTS,
                    help="before the activation (Ioffe & Szegedy) or after it (as the seed "
                         "article describes).")
    optimizer: str = param("sgd", key="dn_opt", label="Optimizer", choices=_D.OPTIMIZERS,
                           help="momentum: heavy ball with coefficient 0.9.")
    lr: float = param(2.0, key="dn_lr", label="Learning rate", lo=_D.LR_RANGE[0],
                      hi=_D.LR_RANGE[1], log=True)
    batch_size: int = param(60, key="dn_batch", label="Batch size", lo=_D.BATCH_RANGE[0],
                            hi=_D.BATCH_RANGE[1], log=True)
    steps: int = param(600, key="dn_steps", label="Training steps", lo=_D.STEPS_RANGE[0],
                       hi=_D.STEPS_RANGE[1], log=True)
    seed: int = param(0, key="dn_seed", label="Seed", lo=0, hi=2**31 - 1,
                      help="Sets the train/test split, the initial weights and the batches.")

    def deep_spec(self) -> DeepSpec:
        """The core's settings (momentum coefficient, records and step sizes at defaults)."""
        return DeepSpec(dataset=self.dataset, depth=self.depth, width=self.width,
                        activation=self.activation, init=self.init, bn=self.bn,
                        optimizer=self.optimizer, lr=self.lr, batch_size=self.batch_size,
                        steps=self.steps, seed=self.seed)


@dataclass(frozen=True)
class DeepViewSpec:
    """What the charts show of a finished run: changing these never retrains.

    ``layer`` and ``unit`` count from 1 and are clamped to the network's depth and width;
    ``at`` is snapped to the nearest recorded step.
    """

    layer: int = param(3, key="dn_layer", label="Layer of the unit", lo=1, hi=_D.DEPTH_RANGE[1],
                       help="Hidden layer whose unit's input distribution is shown "
                            "(counted from the input; clamped to the number of layers).")
    unit: int = param(1, key="dn_unit", label="Unit", lo=1, hi=_D.WIDTH_RANGE[1])
    at: int = param(600, key="dn_at", label="Histograms at step", lo=0,
                    hi=_D.STEPS_RANGE[1])


@dataclass(frozen=True)
class DeepSweepSpec:
    """The depth sweep: steps to reach a test accuracy, for each depth, with and without BN."""

    depth_lo: int = param(1, key="dn_sw_lo", label="From depth", lo=1, hi=_D.DEPTH_RANGE[1])
    depth_hi: int = param(6, key="dn_sw_hi", label="To depth", lo=1, hi=_D.DEPTH_RANGE[1])
    target: float = param(0.9, key="dn_sw_target", label="Target test accuracy", lo=0.2,
                          hi=0.99, step=0.01)
    max_steps: int = param(300, key="dn_sw_steps", label="Step budget per network", lo=20,
                           hi=2000, log=True)

    EVAL_EVERY = 10  # not a field: accuracy is checked every 10 steps

    @property
    def depths(self) -> tuple[int, ...]:
        """The swept depths, whichever way round the two ends were set."""
        lo, hi = sorted((self.depth_lo, self.depth_hi))
        return tuple(range(lo, hi + 1))
