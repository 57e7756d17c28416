"""Update rules with explicit state: heavy-ball momentum, Nesterov, RMSProp and Adam.

Each rule is a frozen dataclass of its hyper-parameters with the protocol of
the :class:`Optimizer` protocol:

- ``init(w0) -> state`` gives the state before the first step;
- ``step(w, grad, state) -> (w_new, state_new)`` is one update, ``grad = grad f(w)``;
- ``velocity(state) -> ndarray | None`` is the motion the state carries, in weight units,
  for the arrows of the race (None for rules without momentum).

States are small frozen dataclasses of arrays; nothing is updated in place, so a recorded
state stays what it was. With ``g_k = grad f(w_k)`` the rules are:

Momentum (heavy ball)::

    v_{k+1} = beta v_k - lr g_k,        w_{k+1} = w_k + v_{k+1}

Nesterov, in the form that needs only the gradient at the iterate (Sutskever et al. 2013;
PyTorch's ``nesterov=True``): the iterate is the look-ahead point ``w_k + beta v_k`` of the
classic form, so the update reads::

    v_{k+1} = beta v_k - lr g_k,        w_{k+1} = w_k + beta v_{k+1} - lr g_k

RMSProp (Hinton's lecture 6e; no bias correction, as in PyTorch)::

    s_{k+1} = beta s_k + (1 - beta) g_k^2,   w_{k+1} = w_k - lr g_k / (sqrt(s_{k+1}) + eps)

Adam (Kingma & Ba 2015, with bias correction)::

    m_{t} = beta1 m_{t-1} + (1 - beta1) g,   s_{t} = beta2 s_{t-1} + (1 - beta2) g^2,
    m_hat = m_t / (1 - beta1^t),              s_hat = s_t / (1 - beta2^t),
    w <- w - lr m_hat / (sqrt(s_hat) + eps)

The powers ``beta^t`` are carried in the state as running products (``beta^t = beta^(t-1)
* beta``), not raised with ``**``: libm's ``pow`` and JavaScript's ``Math.pow`` round
differently in about 7 % of cases, while a product rounds the same everywhere, so the
browser's copy of these rules (``bnviz/ui/js/race_numerics.js``) follows the same path bit
for bit. The product's error after t steps is at most t/2 units in the last place (6e-13
relative at 5000 steps).

Without the correction the first steps would be ``(1 - beta1) / sqrt(1 - beta2)`` times too
small or large (0.1 / 0.032 = 3.2x too large at the defaults); with it, the first step moves
each coordinate by ``lr`` (up to eps) whatever the gradient's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np


class Optimizer(Protocol):
    """An update rule with explicit state: ``init(w0) -> state``,
    ``step(w, grad, state) -> (w_new, state_new)``, ``velocity(state) -> ndarray | None``."""

    def init(self, w0: np.ndarray) -> Any: ...

    def step(self, w: np.ndarray, grad: np.ndarray, state: Any) -> tuple[np.ndarray, Any]: ...

    def velocity(self, state: Any) -> np.ndarray | None: ...


@dataclass(frozen=True)
class GradientDescent:
    """``w <- w - lr * grad``."""

    lr: float

    def init(self, w0: np.ndarray) -> None:
        return None

    def step(self, w: np.ndarray, grad: np.ndarray, state: None) -> tuple[np.ndarray, None]:
        return w - self.lr * grad, None

    def velocity(self, state: None) -> None:
        return None


@dataclass(frozen=True)
class VelocityState:
    """``v``, shape (d,): the displacement momentum carries into the next step."""

    v: np.ndarray


@dataclass(frozen=True)
class Momentum:
    """Heavy ball: the step is the last step times ``beta`` plus a gradient step."""

    lr: float
    beta: float = 0.9

    def init(self, w0: np.ndarray) -> VelocityState:
        return VelocityState(v=np.zeros_like(np.asarray(w0, dtype=float)))

    def step(self, w: np.ndarray, grad: np.ndarray,
             state: VelocityState) -> tuple[np.ndarray, VelocityState]:
        v = self.beta * state.v - self.lr * grad
        return w + v, VelocityState(v=v)

    def velocity(self, state: VelocityState) -> np.ndarray:
        return state.v


@dataclass(frozen=True)
class Nesterov(Momentum):
    """Nesterov's accelerated gradient: momentum that corrects with a look-ahead gradient."""

    def step(self, w: np.ndarray, grad: np.ndarray,
             state: VelocityState) -> tuple[np.ndarray, VelocityState]:
        v = self.beta * state.v - self.lr * grad
        return w + self.beta * v - self.lr * grad, VelocityState(v=v)


@dataclass(frozen=True)
class RMSPropState:
    """``s``, shape (d,): running mean of the squared gradient."""

    s: np.ndarray


@dataclass(frozen=True)
class RMSProp:
    """Divide each coordinate's gradient by its running root mean square."""

    lr: float
    beta: float = 0.9
    eps: float = 1e-8

    def init(self, w0: np.ndarray) -> RMSPropState:
        return RMSPropState(s=np.zeros_like(np.asarray(w0, dtype=float)))

    def step(self, w: np.ndarray, grad: np.ndarray,
             state: RMSPropState) -> tuple[np.ndarray, RMSPropState]:
        s = self.beta * state.s + (1.0 - self.beta) * grad * grad
        return w - self.lr * grad / (np.sqrt(s) + self.eps), RMSPropState(s=s)

    def velocity(self, state: RMSPropState) -> None:
        return None


@dataclass(frozen=True)
class AdamState:
    """First and second moment estimates ``m``, ``s`` (shape (d,)) after ``t`` steps,
    ``move``, the last step taken (zeros before the first), and the powers ``beta1^t``,
    ``beta2^t`` of the bias correction, as running products."""

    m: np.ndarray
    s: np.ndarray
    t: int
    move: np.ndarray
    power1: float = 1.0
    power2: float = 1.0


@dataclass(frozen=True)
class Adam:
    """Momentum on the gradient, scaled per coordinate by the gradient's running size."""

    lr: float
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8

    def init(self, w0: np.ndarray) -> AdamState:
        z = np.zeros_like(np.asarray(w0, dtype=float))
        return AdamState(m=z, s=z, t=0, move=z)

    def step(self, w: np.ndarray, grad: np.ndarray,
             state: AdamState) -> tuple[np.ndarray, AdamState]:
        power1, power2 = state.power1 * self.beta1, state.power2 * self.beta2
        m = self.beta1 * state.m + (1.0 - self.beta1) * grad
        s = self.beta2 * state.s + (1.0 - self.beta2) * grad * grad
        m_hat = m / (1.0 - power1)
        s_hat = s / (1.0 - power2)
        move = -self.lr * m_hat / (np.sqrt(s_hat) + self.eps)
        return w + move, AdamState(m=m, s=s, t=state.t + 1, move=move, power1=power1,
                                   power2=power2)

    def velocity(self, state: AdamState) -> np.ndarray:
        """The step the current moments took: Adam's analogue of the heavy ball's ``v``."""
        return state.move
