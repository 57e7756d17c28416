"""What a training run keeps: small summaries at scheduled steps, never raw tensors.

Memory is bounded by the schedule: with ``R`` recording steps, ``S`` training steps, depth
``L``, ``B`` histogram bins and ``K`` step sizes, a :class:`NetRecord` holds
``S + R * (3 + 3 + L * B + 2 K + 2) + B + 1 + K`` numbers, plus ``R * L * 3 * W`` when every
unit's percentiles are kept (:func:`record_nbytes_bound`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from bnviz.core import datasets, layers, mlp, smoothness

N_BINS = 30
PERCENTILES = (15.0, 50.0, 85.0)
# The held-out batch is the first test rows, at most this many (fewer when the test set is
# smaller): enough for stable percentiles, bounded so recording stays cheap.
HELD_OUT_ROWS = 1000


def record_steps(n_steps: int, n_records: int) -> np.ndarray:
    """Up to ``n_records`` evenly spaced steps from 0 to ``n_steps`` inclusive."""
    return np.unique(np.linspace(0, n_steps, max(n_records, 2)).round().astype(np.int64))


def hist_edges(config: mlp.NetConfig) -> np.ndarray:
    """Fixed bins for the hidden outputs; values outside fall into the end bins."""
    if config.bn == "after":
        lo, hi = -4.0, 4.0  # normalized outputs: a few standard deviations
    else:
        lo, hi = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": (0.0, 4.0)}[config.activation]
    return np.linspace(lo, hi, N_BINS + 1)


@dataclass(frozen=True)
class NetRecord:
    """Recorded curves of one network; ``R`` recording steps, ``K`` step sizes.

    Attributes
    ----------
    config : NetConfig
    steps : ndarray of int, shape (R,)
        Number of updates done when each record was taken (0 = initial weights).
    train_loss : ndarray, shape (S,)
        Mini-batch loss of every update (cheap, so kept for every step).
    test_loss, test_accuracy : ndarray, shape (R,)
        Inference mode (BN with running statistics), on the whole test set.
    unit_percentiles : ndarray, shape (R, 3)
        15/50/85th percentiles of the input to the nonlinearity of one unit of the last
        hidden layer on the held-out batch (Ioffe & Szegedy Fig. 1 b, c). Measured with
        batch statistics of that batch: what the nonlinearity sees in training.
    held_out_rows : int
        Rows in the held-out batch: the test set's first ``HELD_OUT_ROWS`` at most.
    layer_percentiles : ndarray, shape (R, L, 3, W), float32, or None
        The same percentiles for every unit of every hidden layer (None unless asked for).
    hist_edges : ndarray, shape (B + 1,)
    hist_counts : ndarray of int, shape (R, L, B)
        Histogram of each hidden layer's outputs on the held-out batch.
    etas : ndarray, shape (K,)
    landscape_losses, grad_changes : ndarray, shape (R, K)
        Santurkar et al. measures (see :mod:`bnviz.core.smoothness`) on the next mini-batch.
    grad_norm, beta_smoothness : ndarray, shape (R,)
    """

    config: mlp.NetConfig
    steps: np.ndarray
    train_loss: np.ndarray
    test_loss: np.ndarray
    test_accuracy: np.ndarray
    unit_percentiles: np.ndarray
    held_out_rows: int
    layer_percentiles: np.ndarray | None
    hist_edges: np.ndarray
    hist_counts: np.ndarray
    etas: np.ndarray
    landscape_losses: np.ndarray
    grad_changes: np.ndarray
    grad_norm: np.ndarray
    beta_smoothness: np.ndarray

    @property
    def loss_band(self) -> np.ndarray:
        """(R, 2): min and max of the loss over the step-size sweep."""
        return np.stack([self.landscape_losses.min(1), self.landscape_losses.max(1)], axis=1)

    @property
    def grad_band(self) -> np.ndarray:
        """(R, 2): min and max of the gradient change over the sweep."""
        return np.stack([self.grad_changes.min(1), self.grad_changes.max(1)], axis=1)

    @property
    def nbytes(self) -> int:
        return sum(
            getattr(self, f.name).nbytes
            for f in fields(self)
            if isinstance(getattr(self, f.name), np.ndarray)
        )


def record_nbytes_bound(
    n_steps: int, n_records: int, *, depth: int, n_etas: int, every_unit_width: int = 0
) -> int:
    """Upper bound on :attr:`NetRecord.nbytes`, 8 bytes a number; ``every_unit_width`` is the
    width when every unit's percentiles are kept (0 when they are not)."""
    r = len(record_steps(n_steps, n_records))
    per_record = 3 + 3 + depth * N_BINS + 2 * n_etas + 2 + depth * 3 * every_unit_width
    return 8 * (n_steps + r * per_record + N_BINS + 1 + n_etas)


def layer_percentiles(act_inputs: tuple[np.ndarray, ...]) -> np.ndarray:
    """(L, 3, W) float32: the :data:`PERCENTILES` of every unit's input to its nonlinearity,
    from each hidden layer's (N, W) inputs."""
    return np.stack([np.percentile(z, PERCENTILES, axis=0) for z in act_inputs]).astype(np.float32)


def _bin_counts(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Counts over equal-width ``edges``; values outside fall into the end bins, and NaN (a
    network that diverged) in none: it has no place on the axis (and would cast to a negative
    index)."""
    lo, width = edges[0], edges[1] - edges[0]
    v = values.ravel()
    v = v[~np.isnan(v)]
    idx = np.clip(np.floor((v - lo) / width), 0, len(edges) - 2).astype(np.int64)
    return np.bincount(idx, minlength=len(edges) - 1)


class Recorder:
    """Accumulates one network's records during a run (internal to :mod:`bnviz.core.training`).

    ``unit`` is the unit of the last hidden layer whose percentiles are always kept;
    ``every_unit`` also keeps every unit's (see :attr:`NetRecord.layer_percentiles`).
    """

    def __init__(self, config: mlp.NetConfig, data: datasets.Dataset, *, n_steps: int,
                 etas: np.ndarray, unit: int = 0, every_unit: bool = False):
        self.config, self.etas, self.unit = config, np.asarray(etas, float), unit
        self.every_unit = every_unit
        self.x_test, self.y_test = data.x_test, data.y_test
        self.x_held = data.x_test[:HELD_OUT_ROWS]
        self.edges = hist_edges(config)
        self.train_loss = np.full(n_steps, np.nan, dtype=np.float32)
        self.rows: list[tuple[Any, ...]] = []
        self.all_units: list[np.ndarray] = []

    def log_loss(self, step: int, loss: float) -> None:
        self.train_loss[step] = loss

    def record(self, step: int, params: mlp.Params, states: mlp.States, x_batch: np.ndarray,
               y_batch: np.ndarray) -> None:
        config = self.config
        logits, _, _ = mlp.forward(self.x_test, params, states, config, training=False)
        test_loss, _ = layers.softmax_cross_entropy(logits, self.y_test)
        acc = float(np.mean(np.argmax(logits, axis=1) == self.y_test))
        _, cache, _ = mlp.forward(self.x_held, params, states, config, training=True)
        pct = np.percentile(cache.act_inputs[-1][:, self.unit], PERCENTILES)
        if self.every_unit:
            self.all_units.append(layer_percentiles(cache.act_inputs))
        counts = np.stack([_bin_counts(h, self.edges) for h in cache.hidden])
        land = smoothness.measure(params, states, x_batch, y_batch, config, etas=self.etas)
        self.rows.append((step, test_loss, acc, pct, counts, land))

    def result(self) -> NetRecord:
        rows = self.rows
        return NetRecord(
            config=self.config,
            steps=np.array([r[0] for r in rows], dtype=np.int64),
            train_loss=self.train_loss.copy(),
            test_loss=np.array([r[1] for r in rows]),
            test_accuracy=np.array([r[2] for r in rows]),
            unit_percentiles=np.array([r[3] for r in rows]).reshape(len(rows), 3),
            held_out_rows=len(self.x_held),
            layer_percentiles=np.stack(self.all_units) if self.every_unit else None,
            hist_edges=self.edges,
            hist_counts=np.array([r[4] for r in rows], dtype=np.int64).reshape(
                len(rows), self.config.depth, N_BINS
            ),
            etas=self.etas,
            landscape_losses=np.array([r[5].losses for r in rows]).reshape(len(rows), -1),
            grad_changes=np.array([r[5].grad_changes for r in rows]).reshape(len(rows), -1),
            grad_norm=np.array([r[5].grad_norm for r in rows]),
            beta_smoothness=np.array([r[5].beta_smoothness for r in rows]),
        )
