"""The optimizer race: the chosen optimizers on raw and on standardized features of one data set.

Both sides are the ones of :mod:`bnviz.valley`: raw ``y ~ w1 A + w2 B``; standardized
``y - mean(y) ~ v1 zA + v2 zB``, started from the same slopes (``v0 = w0 * std``).

Learning rates come in units of each surface (see :mod:`bnviz.settings_race`): a rate
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

from bnviz.core import descent, quadratic, theory
from bnviz.core.data import Regression
from bnviz.core.optimizers import Adam, GradientDescent, Momentum, Nesterov, RMSProp
from bnviz.core.preprocessing import Standardized, standardize
from bnviz.lessons.common.settings import DescentSpec
from bnviz.lessons.race.settings import OPTIMIZERS, RaceSpec
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

    ``rate_unit`` is ``2 / (lambda_min + lambda_max)``; ``step_unit`` is ``|w0 - w*|``.
    """

    label: str
    quadratic: quadratic.Quadratic
    conditioning: theory.Conditioning
    w0: np.ndarray
    rate_unit: float
    step_unit: float
    runs: tuple[OptimizerRun, ...]
    surface_3d: quadratic.Surface
    surface_2d: quadratic.Surface

    def run_of(self, key: str) -> OptimizerRun | None:
        return next((r for r in self.runs if r.key == key), None)


@dataclass(frozen=True)
class Race:
    raw: Field
    std: Field
    stats: Standardized
    spec: RaceSpec

    def field(self, space: str) -> Field:
        return self.raw if space == "raw" else self.std


def build(key: str, spec: RaceSpec, *, rate_unit: float, step_unit: float) -> Any:
    """The optimizer ``key`` with the hyper-parameters of ``spec`` made absolute."""
    s = spec
    if key == "gd":
        return GradientDescent(s.gd_lr * rate_unit)
    if key == "mom":
        return Momentum(s.mom_lr * rate_unit, beta=s.mom_beta)
    if key == "nag":
        return Nesterov(s.nag_lr * rate_unit, beta=s.nag_beta)
    if key == "rms":
        return RMSProp(s.rms_lr * step_unit, beta=s.rms_beta, eps=s.rms_eps)
    if key == "adam":
        return Adam(s.adam_lr * step_unit, beta1=s.adam_beta1, beta2=s.adam_beta2,
                    eps=s.adam_eps)
    raise ValueError(f"unknown optimizer {key!r}")


def units(q: quadratic.Quadratic, cond: theory.Conditioning,
          w0: np.ndarray) -> tuple[float, float]:
    """``(2 / (lambda_min + lambda_max), |w0 - w*|)``, each 1 where it is 0 or undefined.

    A flat cost (every feature constant) has no optimal rate, and a start at the minimum
    has no distance to travel; any unit then gives the same (motionless) race.
    """
    rate = cond.lr_optimal
    dist = float(np.linalg.norm(np.asarray(w0, float) - q.w_star))
    return (rate if math.isfinite(rate) and rate > 0 else 1.0,
            dist if math.isfinite(dist) and dist > 0 else 1.0)


def stable_limit(key: str, beta: float, cond: theory.Conditioning,
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
    h = {"gd": 2.0, "mom": 2.0 * (1.0 + beta),
         "nag": 2.0 * (1.0 + beta) / (1.0 + 2.0 * beta)}.get(key)
    if h is None or not cond.lam_max > 0:
        return None
    return h / (cond.lam_max * rate_unit)


def rate_marks(field: Field, spec: RaceSpec) -> dict[str, dict[float, str]]:
    """Words for special values of each rate slider on ``field``: ``{param name: {value: word}}``.

    Each gradient-proportional rule gets its divergence edge (when inside the slider's
    range); plain descent's slider also names its optimal rate, the unit itself.
    """
    marks: dict[str, dict[float, str]] = {}
    for key, beta in (("gd", 0.0), ("mom", spec.mom_beta), ("nag", spec.nag_beta)):
        p = param_of(RaceSpec, f"{key}_lr")
        edge = stable_limit(key, beta, field.conditioning, field.rate_unit)
        m = {1.0: "optimal"} if key == "gd" else {}
        if edge is not None and p.lo <= edge <= p.hi:
            m[float(f"{edge:.4g}")] = "edge"
        marks[f"{key}_lr"] = m
    return marks


def view_radius(center: np.ndarray, w0: np.ndarray, runs: tuple[OptimizerRun, ...], *,
                pad: float = 1.15) -> float:
    """Radius of the square view around the minimum that holds the stable runs' paths."""
    r0 = float(np.linalg.norm(w0 - center))
    if not r0 > 0:
        return max(1.0, 0.5 * float(np.max(np.abs(center))))
    reach = r0
    for r in runs:
        if r.trajectory.status != "diverged":
            d = np.linalg.norm(r.trajectory.weights - center, axis=1)
            reach = max(reach, float(np.max(d[np.isfinite(d)], initial=r0)))
    return pad * min(reach, MAX_VIEW * r0)


def _field(label: str, X: np.ndarray, y: np.ndarray, w0: np.ndarray, spec: RaceSpec,
           descent_spec: DescentSpec) -> Field:
    q = quadratic.from_data(X, y)
    cond = theory.conditioning(q)
    rate_unit, step_unit = units(q, cond, w0)
    runs = []
    for key in spec.chosen():
        opt = build(key, spec, rate_unit=rate_unit, step_unit=step_unit)
        traj = descent.run(q, opt, w0=w0, steps=descent_spec.steps, tol=descent_spec.tol)
        runs.append(OptimizerRun(key=key, name=NAMES[key], optimizer=opt, trajectory=traj))
    runs = tuple(runs)
    s3, s2 = surfaces(q, *window(q.w_star, view_radius(q.w_star, w0, runs)))
    return Field(label=label, quadratic=q, conditioning=cond, w0=w0, rate_unit=rate_unit,
                 step_unit=step_unit, runs=runs, surface_3d=s3, surface_2d=s2)


def run_race(data: Regression, spec: RaceSpec, descent_spec: DescentSpec) -> Race:
    """Race the optimizers chosen in ``spec`` on both sides of ``data``.

    The step budget, tolerance and start (raw weights) are those of ``descent_spec``.
    """
    stats = standardize(data.X)
    w0 = np.array([descent_spec.w1_0, descent_spec.w2_0], dtype=float)
    raw = _field("raw", data.X, data.y, w0, spec, descent_spec)
    std = _field("standardized", stats.Z, data.y - data.y.mean(), w0 * stats.std_, spec,
                 descent_spec)
    return Race(raw=raw, std=std, stats=stats, spec=spec)
