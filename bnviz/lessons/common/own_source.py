"""A visitor's own data as the lessons take it: in place of a :class:`DataSpec` (regression)
or of a built-in data set (classification, the deep-network lesson).

The two-feature lessons are computed from a data spec (cached on it, drawn by
:func:`~bnviz.lessons.common.data.two_features`). A visitor's file takes its place as an
:class:`OwnRegression`: the file's digest and the chosen columns say *which* data it is, and
the rows ride along. Everything that describes data (``n``, the features' names) answers the
same questions a :class:`DataSpec` does, so a view takes either.

The deep-network lesson trains on a built-in data set named by its settings; a visitor's file
takes its place as an :class:`OwnClassification`: again the digest and the columns (and the
seed of the train/test split) say which data it is, and the split rows ride along, outside
equality, so that it is a small, hashable key that still carries (and pickles) its rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from bnviz.core.data import Regression
from bnviz.core.datasets import Dataset
from bnviz.lessons.common.own_choose import to_classification, to_regression
from bnviz.lessons.common.own_data import Table
from bnviz.lessons.common.own_messages import DataProblem
from bnviz.lessons.common.settings import DataSpec


@dataclass(frozen=True)
class OwnRegression:
    """Two feature columns and a target column of a visitor's file.

    Attributes
    ----------
    digest : str
        SHA-256 of the file's bytes (with ``dropped``, the rows used).
    features : tuple of str
        The columns used as feature A and feature B.
    target : str
        The column used as the target y.
    dropped : int
        Rows left out for missing values.
    data : Regression
        ``X`` (n, 2) float64 from ``features``, ``y`` (n,) from ``target``. Not part of
        equality: the digest and the columns already say which rows these are.
    """

    digest: str
    features: tuple[str, str]
    target: str
    dropped: int
    data: Regression = field(compare=False, repr=False)

    @property
    def n(self) -> int:
        return self.data.n


def own_regression(table: Table, *, features: tuple[str, str], target: str) -> OwnRegression | DataProblem:
    """The columns ``features`` and ``target`` of ``table``, or why they cannot be used."""
    data = to_regression(table, features=features, target=target)
    if isinstance(data, DataProblem):
        return data
    return OwnRegression(digest=table.digest, features=features, target=target,
                         dropped=table.dropped, data=data)


def rows_of(source: DataSpec | OwnRegression) -> Regression | DataSpec:
    """What a view computes from: the rows of own data, or the spec (which the views draw
    from, or reduce to moments: see :mod:`bnviz.core.moments`)."""
    return source.data if isinstance(source, OwnRegression) else source


@dataclass(frozen=True)
class OwnClassification:
    """Feature columns and a label column of a visitor's file, split for training.

    Attributes
    ----------
    digest : str
        SHA-256 of the file's bytes (with ``dropped``, the rows used).
    features : tuple of str
        The feature columns, in the order chosen.
    label : str
        The label column (numbers or text).
    dropped : int
        Rows left out for missing values.
    seed : int
        The seed of the train/test split (the training's seed, as for the built-in sets).
    classes : tuple of str
        The file's label of class ``k``, for ``k = 0..n_classes-1``. Not part of equality
        (the label column says it).
    data : Dataset
        The split rows, each feature standardized with the training rows' mean and standard
        deviation (see :func:`standardized`). Not part of equality.
    """

    digest: str
    features: tuple[str, ...]
    label: str
    dropped: int
    seed: int
    classes: tuple[str, ...] = field(compare=False)
    data: Dataset = field(compare=False, repr=False)

    @property
    def n(self) -> int:
        """Rows of data, train and test."""
        return int(len(self.data.y_train) + len(self.data.y_test))

    @property
    def n_classes(self) -> int:
        return len(self.classes)

    def ident(self) -> tuple[str, tuple[str, ...], str, int, int]:
        """The fields that say which data this is: a cheap cache key (no rows)."""
        return self.digest, self.features, self.label, self.dropped, self.seed


def standardized(data: Dataset) -> Dataset:
    """``data`` with each feature centred and scaled by the training rows' mean and standard
    deviation (1 where the training rows hold one value): a file's features come in any
    units, the built-in sets' within about [-1, 1]."""
    x = data.x_train.astype(np.float64)
    mean = x.mean(axis=0) if len(x) else np.zeros(x.shape[1])
    std = x.std(axis=0) if len(x) else np.ones(x.shape[1])
    std = np.where(std > 0, std, 1.0)

    def scale(v: np.ndarray) -> np.ndarray:
        return ((v.astype(np.float64) - mean) / std).astype(np.float32)

    return replace(data, x_train=scale(data.x_train), x_test=scale(data.x_test))


def own_classification(table: Table, *, features: tuple[str, ...], label: str,
                       seed: int) -> OwnClassification | DataProblem:
    """The columns ``features`` and ``label`` of ``table``, split with ``seed`` and
    standardized, or why they cannot be used."""
    found = to_classification(table, features=features, label=label, seed=seed)
    if isinstance(found, DataProblem):
        return found
    return OwnClassification(digest=table.digest, features=tuple(features), label=label,
                             dropped=table.dropped, seed=seed, classes=found.classes,
                             data=standardized(found.data))
