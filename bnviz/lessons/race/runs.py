"""The optimizer race: the chosen optimizers on raw and on standardized features of one data set.

Both sides are the ones of "Valley vs bowl": raw ``y ~ w1 A + w2 B``; standardized
``y - mean(y) ~ v1 zA + v2 zB``, started from the same slopes (``v0 = w0 * std``).

Learning rates come in units of each surface (see :mod:`bnviz.lessons.race.settings`): a rate
multiple for the gradient-proportional rules, a fraction of the start's distance to the
minimum for the adaptive ones. :class:`Field` records both units and the rates they gave.

Besides the weights, each run records what the arrows of the race draw: the gradient at
every point and, for rules with momentum, the velocity their state carries there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from bnviz.core import descent, theory
from bnviz.core.data import Regression
from bnviz.core.optimizers import Adam, GradientDescent, Momentum, Nesterov, RMSProp
from bnviz.core.preprocessing import Standardized, standardize
from bnviz.core.quadratic import Quadratic, Surface, from_data
from bnviz.i18n import _
from bnviz.lessons.common.settings import DescentSpec
from bnviz.lessons.race.settings import HYPER, OPTIMIZERS, RaceSpec
from bnviz.plotting.window import surfaces, window
from bnviz.settings import param_of

NAMES = dict(OPTIMIZERS)
# Momentum can swing past the start's distance to the minimum; the view grows to hold a
# stable run's path, but not beyond this multiple of that distance (a path about to diverge
# would otherwise shrink the valley to a line).
MAX_VIEW = 3.0


@dataclass(frozen=True)
class OptimizerRun:
    """One optimizer's race.

    Attributes
    ----------
    key : str
        Field prefix of the settings (``"gd"``, ``"mom"``, ...); ``name`` its display name.
    optimizer : object
        The update rule, with the absolute hyper-parameters it ran with.
    trajectory : descent.Trajectory
        With the gradient and (for rules with momentum) the velocity at every point.
    """

    key: str
    name: str
    optimizer: Any
    trajectory: descent.Trajectory

    @property
    def gradients(self) -> np.ndarray:
        return self.trajectory.gradients

    @property
    def velocities(self) -> np.ndarray | None:
        return self.trajectory.velocities

    @property
    def lr(self) -> float:
        return float(self.optimizer.lr)


@dataclass(frozen=True)
class Field:
    """All runs on one side (raw or standardized), with the surface they ran on.

    ``rate_unit`` is ``2 / (lambda_min + lambda_max)`` and ``step_unit`` is ``|w0 - w*|``,
    each 1 where it is 0 or undefined (see :func:`units`).
    """

    label: str
    quadratic: Quadratic
    conditioning: theory.Conditioning
    w0: np.ndarray
    rate_unit: float
    step_unit: float
    runs: tuple[OptimizerRun, ...]
    surface_3d: Surface
    surface_2d: Surface

    def run_of(self, key: str) -> OptimizerRun | None:
        """The run of optimizer ``key``, or None when it was switched off."""
        return next((run for run in self.runs if run.key == key), None)

    @property
    def distance(self) -> float:
        """``|w0 - w*|``: how far the start is from the minimum (0 when it is there)."""
        return float(np.linalg.norm(self.w0 - self.quadratic.w_star))


@dataclass(frozen=True)
class Race:
    """Every chosen optimizer on both sides; ``budget`` is the step budget each run had."""

    raw: Field
    std: Field
    stats: Standardized
    spec: RaceSpec
    budget: int

    def field(self, space: str) -> Field:
        """The side named ``space`` (``"raw"`` or ``"standardized"``)."""
        return self.raw if space == "raw" else self.std


def build(key: str, spec: RaceSpec, *, rate_unit: float, step_unit: float) -> Any:
    """The optimizer ``key`` with the hyper-parameters of ``spec`` made absolute."""
    if key == "gd":
        return GradientDescent(spec.gd_lr * rate_unit)
    if key == "mom":
        return Momentum(spec.mom_lr * rate_unit, beta=spec.mom_beta)
    if key == "nag":
        return Nesterov(spec.nag_lr * rate_unit, beta=spec.nag_beta)
    if key == "rms":
        return RMSProp(spec.rms_lr * step_unit, beta=spec.rms_beta, eps=spec.rms_eps)
    if key == "adam":
        return Adam(spec.adam_lr * step_unit, beta1=spec.adam_beta1, beta2=spec.adam_beta2,
                    eps=spec.adam_eps)
    raise ValueError(f"unknown optimizer {key!r}")


def units(cost: Quadratic, conditioning: theory.Conditioning,
          start: np.ndarray) -> tuple[float, float]:
    """``(2 / (lambda_min + lambda_max), |w0 - w*|)``, each 1 where it is 0 or undefined.

    A flat cost (every feature constant) has no optimal rate, and a start at the minimum
    has no distance to travel; any unit then gives the same (motionless) race.
    """
    rate = conditioning.lr_optimal
    distance = float(np.linalg.norm(np.asarray(start, float) - cost.w_star))
    return (rate if math.isfinite(rate) and rate > 0 else 1.0,
            distance if math.isfinite(distance) and distance > 0 else 1.0)


def stable_limit(key: str, beta: float, conditioning: theory.Conditioning,
                 rate_unit: float) -> float | None:
    """The rate multiple above which ``key`` diverges on a surface (None: no fixed edge).

    Along an eigendirection with ``h = lr * lambda`` the error evolves linearly; the edge
    is where its largest root reaches modulus 1 (Jury's test on the 2x2 recurrence):

    - plain descent, ``e' = (1 - h) e``: ``h < 2``;
    - heavy ball, roots of ``z^2 - (1 + beta - h) z + beta``: ``h < 2 (1 + beta)``;
    - Nesterov, roots of ``z^2 - (1 + beta - h (1 + beta)) z + beta (1 - h)``:
      ``h < 2 (1 + beta) / (1 + 2 beta)``.

    The steep direction ``lambda_max`` reaches its edge first, so the multiple is
    ``h_edge / (lambda_max * rate_unit)``. RMSProp and Adam normalise the gradient, so
    no fixed rate makes them grow without bound: None.
    """
    edge = {"gd": 2.0, "mom": 2.0 * (1.0 + beta),
            "nag": 2.0 * (1.0 + beta) / (1.0 + 2.0 * beta)}.get(key)
    if edge is None or not conditioning.lam_max > 0:
        return None
    return edge / (conditioning.lam_max * rate_unit)


def rate_marks(field: Field, spec: RaceSpec) -> dict[str, dict[float, str]]:
    """Words for special values of each rate slider on ``field``: ``{param name: {value: word}}``
    (in this run's language).

    Each gradient-proportional rule gets its divergence edge (when inside the slider's
    range); plain descent's slider also names its optimal rate, the unit itself.
    """
    marks: dict[str, dict[float, str]] = {}
    for key, beta in (("gd", 0.0), ("mom", spec.mom_beta), ("nag", spec.nag_beta)):
        slider = param_of(RaceSpec, f"{key}_lr")
        edge = stable_limit(key, beta, field.conditioning, field.rate_unit)
        words = {1.0: _("optimal")} if key == "gd" else {}
        if edge is not None and slider.contains(edge):
            words[float(f"{edge:.4g}")] = _("edge")
        marks[f"{key}_lr"] = words
    return marks


def live_inputs(field: Field, spec: RaceSpec, descent_spec: DescentSpec) -> dict[str, Any]:
    """What the browser needs to rerun ``field``'s race while a rate or a beta is dragged.

    The argument of ``bnvizRaceNumerics.raceSide`` (``bnviz/ui/js/race_numerics.js``), as
    plain JSON values: the quadratic ``q`` (``G``, ``wStar``, ``fStar``), the start ``w0``,
    the chosen optimizers ``keys``, the settings ``spec`` by field name, the server's
    ``units`` (``rateUnit``, ``stepUnit``, and ``lamMax`` for the sliders' edges), and the
    budget ``steps`` and ``tol``. Dragging a rate or a beta changes none of these but
    ``spec``, so the browser's runs are the server's bit for bit.
    """
    q = field.quadratic
    hyper = {name: float(getattr(spec, name)) for names in HYPER.values() for name in names}
    return {"q": {"G": q.G.tolist(), "wStar": q.w_star.tolist(), "fStar": float(q.f_star)},
            "w0": field.w0.tolist(), "keys": list(spec.chosen()), "spec": hyper,
            "units": {"rateUnit": field.rate_unit, "stepUnit": field.step_unit,
                      "lamMax": field.conditioning.lam_max},
            "steps": int(descent_spec.steps), "tol": float(descent_spec.tol)}


def view_radius(center: np.ndarray, w0: np.ndarray, runs: tuple[OptimizerRun, ...], *,
                pad: float = 1.15) -> float:
    """Radius of the square view around the minimum that holds the stable runs' paths."""
    start_distance = float(np.linalg.norm(w0 - center))
    if not start_distance > 0:
        return max(1.0, 0.5 * float(np.max(np.abs(center))))
    reach = start_distance
    for run in runs:
        if run.trajectory.status != "diverged":
            distances = np.linalg.norm(run.trajectory.weights - center, axis=1)
            reach = max(reach, float(np.max(distances[np.isfinite(distances)],
                                            initial=start_distance)))
    return pad * min(reach, MAX_VIEW * start_distance)


def _run(key: str, cost: Quadratic, spec: RaceSpec, descent_spec: DescentSpec, *,
         start: np.ndarray, rate_unit: float, step_unit: float) -> OptimizerRun:
    optimizer = build(key, spec, rate_unit=rate_unit, step_unit=step_unit)
    trajectory = descent.run(cost, optimizer, w0=start, steps=descent_spec.steps,
                             tol=descent_spec.tol)
    return OptimizerRun(key=key, name=NAMES[key], optimizer=optimizer, trajectory=trajectory)


def _field(label: str, features: np.ndarray, target: np.ndarray, start: np.ndarray,
           spec: RaceSpec, descent_spec: DescentSpec) -> Field:
    cost = from_data(features, target)
    conditioning = theory.conditioning(cost)
    rate_unit, step_unit = units(cost, conditioning, start)
    runs = tuple(_run(key, cost, spec, descent_spec, start=start, rate_unit=rate_unit,
                      step_unit=step_unit) for key in spec.chosen())
    coarse, fine = surfaces(cost, *window(cost.w_star, view_radius(cost.w_star, start, runs)))
    return Field(label=label, quadratic=cost, conditioning=conditioning, w0=start,
                 rate_unit=rate_unit, step_unit=step_unit, runs=runs, surface_3d=coarse,
                 surface_2d=fine)


def run_race(data: Regression, spec: RaceSpec, descent_spec: DescentSpec) -> Race:
    """Race the optimizers chosen in ``spec`` on both sides of ``data``.

    The step budget, tolerance and start (raw weights) are those of ``descent_spec``.
    """
    stats = standardize(data.X)
    start = np.array([descent_spec.w1_0, descent_spec.w2_0], dtype=float)
    raw = _field("raw", data.X, data.y, start, spec, descent_spec)
    std = _field("standardized", stats.Z, data.y - data.y.mean(), start * stats.std_, spec,
                 descent_spec)
    return Race(raw=raw, std=std, stats=stats, spec=spec, budget=descent_spec.steps)
