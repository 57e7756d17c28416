"""Mini-batches: a shuffled split of the rows without replacement, one epoch at a time.

Epoch ``e`` shuffles with the random stream ``default_rng([seed, e])``: the same seed gives
the same splits, and each epoch is an independent shuffle. When ``n`` is not a multiple of
the batch size the last batch is short, and the policy says what happens to it:

- ``"keep"`` (PyTorch's ``drop_last=False``): it is a batch of its own, of ``n mod size`` rows;
- ``"drop"`` (``drop_last=True``): its rows sit this epoch out; the next shuffle gives them
  another chance.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

LAST_POLICIES = ("keep", "drop")


@dataclass(frozen=True)
class Split:
    """One epoch's split.

    Attributes
    ----------
    order : ndarray of int, shape (n,)
        A permutation of ``0..n-1``; batch ``i`` is ``order[starts[i]:starts[i + 1]]``.
    starts : ndarray of int, shape (k + 1,)
        Batch boundaries; ``starts[-1]`` is the number of rows used (``n`` minus dropped).
    size : int
        The batch size after clamping to ``1..n``.
    """

    order: np.ndarray
    starts: np.ndarray
    size: int
    last: str

    @property
    def n(self) -> int:
        return len(self.order)

    @property
    def n_batches(self) -> int:
        return len(self.starts) - 1

    @property
    def sizes(self) -> np.ndarray:
        return np.diff(self.starts)

    @property
    def used(self) -> np.ndarray:
        """Rows in batch order, ``(starts[-1],)``."""
        return self.order[: self.starts[-1]]

    @property
    def dropped(self) -> np.ndarray:
        """Rows left out this epoch (only under ``"drop"``)."""
        return self.order[self.starts[-1]:]

    def batch(self, i: int) -> np.ndarray:
        """Row indices of batch ``i`` (clamped to a valid index)."""
        i = clamp_index(i, self.n_batches)
        return self.order[self.starts[i]:self.starts[i + 1]]


def clamp_size(size: int, n: int) -> int:
    return int(min(max(int(size), 1), max(int(n), 1)))


def clamp_index(index: int, n_batches: int) -> int:
    """A batch index that exists: a slider left past the end after the size grew lands on
    the last batch instead of failing."""
    return int(min(max(int(index), 0), max(n_batches - 1, 0)))


def count(n: int, size: int, *, last: str = "keep") -> int:
    """Batches per epoch, without shuffling (what a batch slider needs)."""
    size = clamp_size(size, n)
    full, rest = divmod(int(n), size)
    return full + (1 if rest and last == "keep" else 0)


def split(n: int, size: int, *, seed: int, last: str = "keep", epoch: int = 0) -> Split:
    """Shuffle ``0..n-1`` and cut it into batches of ``size`` (clamped to ``1..n``).

    Raises
    ------
    ValueError
        If ``last`` is not one of :data:`LAST_POLICIES` or ``n < 1``.
    """
    if last not in LAST_POLICIES:
        raise ValueError(f"last must be one of {LAST_POLICIES}, not {last!r}")
    if n < 1:
        raise ValueError("need at least one row")
    size = clamp_size(size, n)
    order = np.random.default_rng([int(seed), int(epoch)]).permutation(n)
    k = count(n, size, last=last)
    starts = np.minimum(np.arange(k + 1) * size, n)
    return Split(order=order, starts=starts, size=size, last=last)


def stream(n: int, size: int, *, seed: int, last: str = "keep") -> Iterator[tuple[int, int, np.ndarray]]:
    """Batches epoch after epoch, forever: ``(epoch, index within epoch, rows)``."""
    epoch = 0
    while True:
        s = split(n, size, seed=seed, last=last, epoch=epoch)
        for i in range(s.n_batches):
            yield epoch, i, s.order[s.starts[i]:s.starts[i + 1]]
        epoch += 1


def batch_moments(X: np.ndarray, s: Split) -> tuple[np.ndarray, np.ndarray]:
    """Mean and biased variance of every batch of ``s``, vectorized over batches.

    Returns
    -------
    mean, var : ndarray, shape (k, d)
        ``var`` divides by the batch's own size (what batch normalization normalizes with).
        Two passes (mean first, then squared deviations) so a large mean does not eat the
        digits of a small variance.
    """
    Xu = np.asarray(X, float)[s.used]
    sizes = s.sizes[:, None]
    mean = np.add.reduceat(Xu, s.starts[:-1], axis=0) / sizes
    dev = Xu - np.repeat(mean, s.sizes, axis=0)
    var = np.add.reduceat(dev * dev, s.starts[:-1], axis=0) / sizes
    return mean, var
