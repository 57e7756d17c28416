"""Classification data sets for the deep-network pages.

- ``"digits"``: 1,797 8x8 handwritten digits, 10 classes (UCI, CC BY 4.0; see
  ``data_files/DIGITS_LICENSE.txt``), pixels scaled from 0..16 to [0, 1].
- ``"spirals"`` and ``"circles"``: seeded 2-D sets of the TensorFlow-Playground kind,
  coordinates roughly in [-1, 1].
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "data_files"
DATASET_NAMES = ("digits", "spirals", "circles")

# x (n, d) float32 and y (n,) int64: a data set before it is split.
Arrays = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class Dataset:
    """Train and test split: ``x_*`` (n, d) float32, ``y_*`` (n,) int64 labels."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    n_classes: int
    name: str

    @property
    def n_features(self) -> int:
        return int(self.x_train.shape[1])


def train_test_split(
    x: np.ndarray, y: np.ndarray, *, test_fraction: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle with ``seed``, then hold out ``round(test_fraction * n)`` rows.

    Returns ``(x_train, y_train, x_test, y_test)``.
    """
    n = x.shape[0]
    order = np.random.default_rng(seed).permutation(n)
    n_test = int(round(test_fraction * n))
    test, train = order[:n_test], order[n_test:]
    return x[train], y[train], x[test], y[test]


def load_digits_arrays() -> Arrays:
    """All 1,797 digits: ``x`` (1797, 64) float32 in [0, 1] and ``y`` (1797,) int64."""
    raw = np.loadtxt(DATA_DIR / "digits.csv.gz", delimiter=",", dtype=np.int64)
    return (raw[:, :-1] / 16.0).astype(np.float32), raw[:, -1]


def make_spirals(n: int = 1000, *, noise: float = 0.05, seed: int = 0) -> Arrays:
    """Two interleaved spirals: ``x`` (n, 2), ``y`` (n,) in {0, 1}.

    Point ``i`` of arm ``k`` sits at radius ``r`` in (0, 1] and angle ``3.5 pi r + k pi``,
    plus Gaussian noise of std ``noise``.
    """
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    r = rng.uniform(0.05, 1.0, n)
    angle = 3.5 * np.pi * r + np.pi * y
    x = np.stack([r * np.cos(angle), r * np.sin(angle)], axis=1)
    x += noise * rng.standard_normal(x.shape)
    return x.astype(np.float32), y.astype(np.int64)


def make_circles(n: int = 1000, *, noise: float = 0.05, seed: int = 0) -> Arrays:
    """A disc (class 0, radius < 0.5) inside a ring (class 1, radius 0.7..1)."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    r = np.where(y == 0, rng.uniform(0.0, 0.5, n), rng.uniform(0.7, 1.0, n))
    angle = rng.uniform(0, 2 * np.pi, n)
    x = np.stack([r * np.cos(angle), r * np.sin(angle)], axis=1)
    x += noise * rng.standard_normal(x.shape)
    return x.astype(np.float32), y.astype(np.int64)


def load(name: str, *, seed: int = 0, test_fraction: float = 0.2) -> Dataset:
    """Load ``name`` in :data:`DATASET_NAMES`, split with ``seed``."""
    if name == "digits":
        x, y = load_digits_arrays()
        n_classes = 10
    elif name == "spirals":
        x, y = make_spirals(seed=seed)
        n_classes = 2
    elif name == "circles":
        x, y = make_circles(seed=seed)
        n_classes = 2
    else:
        raise ValueError(f"unknown data set {name!r}; expected one of {DATASET_NAMES}")
    x_train, y_train, x_test, y_test = train_test_split(x, y, test_fraction=test_fraction, seed=seed)
    return Dataset(x_train, y_train, x_test, y_test, n_classes=n_classes, name=name)
