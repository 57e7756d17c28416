"""Loss-landscape measures of Santurkar et al. 2018, "How does batch normalization help
optimization?" (Sec. 3.1, Fig. 4).

At weights ``w`` with gradient ``g = grad L(w)`` on a batch, step along ``-g`` by each
``eta`` of a sweep and measure

- the loss ``L(w - eta g)`` -- its spread over the sweep is the "loss landscape" band;
- the gradient change ``||grad L(w - eta g) - grad L(w)||`` -- the "gradient predictiveness"
  band (small = the gradient stays a good guide along the step);
- the effective beta-smoothness ``max_eta ||grad L(w - eta g) - grad L(w)|| / ||eta g||``.

Everything is evaluated on the same batch in training mode (BN with that batch's
statistics), as during the step itself; running statistics are not touched.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bnviz.core import mlp


@dataclass(frozen=True)
class Landscape:
    """Measures along the gradient direction at one point.

    Attributes
    ----------
    etas : ndarray, shape (K,)
    losses : ndarray, shape (K,)
        ``L(w - eta_k g)``.
    grad_changes : ndarray, shape (K,)
        ``||grad L(w - eta_k g) - g||``.
    loss : float
        ``L(w)``.
    grad_norm : float
        ``||g||``.
    """

    etas: np.ndarray
    losses: np.ndarray
    grad_changes: np.ndarray
    loss: float
    grad_norm: float

    @property
    def loss_band(self) -> tuple[float, float]:
        return float(self.losses.min()), float(self.losses.max())

    @property
    def grad_band(self) -> tuple[float, float]:
        return float(self.grad_changes.min()), float(self.grad_changes.max())

    @property
    def beta_smoothness(self) -> float:
        return float(np.max(self.grad_changes / (self.etas * max(self.grad_norm, 1e-300))))


def default_etas(lr: float, *, n: int = 6, low: float = 0.25, high: float = 4.0) -> np.ndarray:
    """Step sizes ``lr * geomspace(low, high, n)``: around the training step, in a log range."""
    return lr * np.geomspace(low, high, n)


def measure(
    params: mlp.Params,
    states: mlp.States,
    x: np.ndarray,
    y: np.ndarray,
    config: mlp.NetConfig,
    *,
    etas: np.ndarray,
) -> Landscape:
    """Santurkar et al.'s measures at ``params`` on the batch ``(x, y)``.

    Costs ``len(etas) + 1`` forward-backward passes.
    """
    loss0, g, _ = mlp.loss_and_grads(params, states, x, y, config)
    etas = np.asarray(etas, dtype=float)
    losses = np.empty(etas.shape)
    changes = np.empty(etas.shape)
    dtype = params[0].W.dtype
    for k, eta in enumerate(etas):
        step = dtype.type(eta)  # a float64 scalar would promote float32 weights
        moved = mlp.tree_map(lambda w, gw, step=step: w - step * gw, params, g)
        loss_k, g_k, _ = mlp.loss_and_grads(moved, states, x, y, config)
        losses[k] = loss_k
        changes[k] = mlp.tree_norm(mlp.tree_map(lambda a, b: a - b, g_k, g))
    return Landscape(etas, losses, changes, float(loss0), mlp.tree_norm(g))
