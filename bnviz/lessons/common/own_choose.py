"""Columns of a visitor's :class:`~.own_data.Table` chosen for a lesson.

- :func:`to_regression`: two features and a target, the :class:`~bnviz.core.data.Regression`
  the two-feature lessons draw from their settings;
- :func:`to_classification`: features and a label, the :class:`~bnviz.core.datasets.Dataset`
  the deep-network lesson trains on, with the file's label of each class kept for display.

Both return a :class:`~.own_messages.DataProblem` when the choice cannot work, and
:func:`check_features` says it for the features alone: a column of text, an empty one, the
same column twice, or a constant feature (its standard deviation is 0, and standardizing
divides by it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bnviz.core.data import Regression
from bnviz.core.datasets import Dataset, train_test_split
from bnviz.i18n import N_, _, pgettext
from bnviz.lessons.common.own_data import Table
from bnviz.lessons.common.own_messages import DataProblem, quote
from bnviz.numbers import fmt, joined, whole

# Largest magnitude accepted: float32 (the deep lesson's networks) holds 3.4e38, and squares
# summed over every row in float64 (the regression lessons' costs) stay far from overflow.
MAX_ABS = 1e30
# More distinct values than this is a measured quantity, not a class label.
MAX_CLASSES = 50
OWN_DATA = "own data"
# What to do when a column cannot play its role (a whole sentence each, for translation).
ROLE_FIX = {"feature": N_("Choose a column of numbers for the feature."),
            "target": N_("Choose a column of numbers for the target."),
            "label": N_("Choose another column for the label.")}


@dataclass(frozen=True, eq=False)
class Classification:
    """A classification data set from a file: ``data`` (float32 features, int64 classes
    ``0..k-1``, split into train and test), ``classes[k]`` (the file's label of class ``k``),
    ``features`` and ``label`` (the columns chosen)."""

    data: Dataset
    classes: tuple[str, ...]
    features: tuple[str, ...]
    label: str


def _absent(table: Table, name: str, role: str) -> DataProblem:
    """Why ``name``, not a column of numbers, cannot be the ``role``."""
    if name not in table.names:
        listed = joined(quote(n) for n in table.numeric_names) or pgettext("columns", "none")
        return DataProblem(kind="unknown_column", column=name,
                           what=_("There is no column {name}.").format(name=quote(name)),
                           fix=_("Choose one of the columns of numbers: {listed}.").format(
                               listed=listed))
    if name in table.text:
        i = next((i for i, c in enumerate(table.text[name]) if c), 0)
        return DataProblem(kind="not_numeric", column=name, row=int(table.rows[i]),
                           what=_("{column} holds text, such as {value} in row {row}.").format(
                               column=table.where(name, capital=True),
                               value=quote(table.text[name][i]), row=int(table.rows[i])),
                           fix=_(ROLE_FIX[role]))
    return DataProblem(kind="empty_column", column=name,
                       what=_("{column} is empty.").format(column=table.where(name, capital=True)),
                       fix=_(ROLE_FIX[role]))


def _choose(table: Table, name: str, role: str) -> DataProblem | None:
    """The problem with ``name`` as a numeric ``role`` ("feature", "target"), if any."""
    if name not in table.numbers:
        return _absent(table, name, role)
    values = table.numbers[name]
    big = np.flatnonzero(np.abs(values) > MAX_ABS)
    if big.size:
        row = int(table.rows[big[0]])
        return DataProblem(kind="out_of_range", column=name, row=row,
                           what=_("Row {row}, {column}: {value} is larger than the lessons "
                                  "handle ({limit}).").format(
                               row=row, column=table.where(name), value=fmt(float(values[big[0]])),
                               limit=fmt(MAX_ABS)),
                           fix=_("Use smaller units for this column."))
    return None


def _distinct(names: Sequence[str]) -> DataProblem | None:
    repeated = next((n for i, n in enumerate(names) if n in names[:i]), None)
    if repeated is None:
        return None
    return DataProblem(kind="same_column", column=repeated,
                       what=_("Column {name} is chosen twice.").format(name=quote(repeated)),
                       fix=_("Choose a different column for each feature and for the target or "
                             "label."))


def check_features(table: Table, features: Sequence[str]) -> DataProblem | None:
    """The first problem with ``features`` as the lesson's features, or None if they work."""
    problem = _distinct(features)
    for name in features:
        problem = problem or _choose(table, name, "feature")
    if problem:
        return problem
    for name in features:
        values = table.numbers[name]
        if values.min() == values.max():
            return DataProblem(
                kind="constant", column=name,
                what=_("{column} has the same value, {value}, in every row: it cannot be "
                       "standardized (its standard deviation is 0, and standardizing divides by "
                       "it).").format(column=table.where(name, capital=True),
                                      value=fmt(float(values[0]))),
                fix=_("Choose a feature whose values vary."))
    return None


def to_regression(table: Table, *, features: tuple[str, str], target: str) -> Regression | DataProblem:
    """``X`` (n, 2) float64 from ``features`` and ``y`` (n,) from ``target``, in file order."""
    if len(features) != 2:
        raise ValueError(f"the regression lessons take two features, not {len(features)}")
    problem = _distinct((*features, target)) or check_features(table, features)
    problem = problem or _choose(table, target, "target")
    if problem:
        return problem
    X = np.column_stack([table.numbers[name] for name in features])
    return Regression(X=X, y=np.array(table.numbers[target], dtype=np.float64))


def _class_name(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)


def to_classification(table: Table, *, features: Sequence[str], label: str, seed: int = 0,
                      test_fraction: float = 0.2) -> Classification | DataProblem:
    """Features (float32) and a label column (numbers or text) as classes ``0..k-1`` in the
    label's sorted order, split by :func:`bnviz.core.datasets.train_test_split` with ``seed``
    and ``test_fraction`` as the deep lesson splits its own data sets."""
    features = tuple(features)
    if not features:
        raise ValueError("a classification needs at least one feature")
    problem = _distinct((*features, label)) or check_features(table, features)
    if problem:
        return problem
    if label in table.numbers:
        values, inverse = np.unique(table.numbers[label], return_inverse=True)
        classes = tuple(_class_name(float(v)) for v in values)
    elif label in table.text:
        names, inverse = np.unique(np.array(table.text[label], dtype=object), return_inverse=True)
        classes = tuple(str(n) for n in names)
    else:
        return _absent(table, label, "label")
    where = table.where(label, capital=True)
    if len(classes) == 1:
        return DataProblem(kind="one_class", column=label, count=1,
                           what=_("{column} has one class, {value}, in every row.").format(
                               column=where, value=quote(classes[0])),
                           fix=_("A classifier needs two classes or more: choose another label "
                                 "column."))
    if len(classes) > MAX_CLASSES:
        return DataProblem(kind="too_many_classes", column=label, count=len(classes),
                           what=_("{column} has {count} different values; a label has at most "
                                  "{limit} classes.").format(column=where, count=whole(len(classes)),
                                                             limit=MAX_CLASSES),
                           fix=_("Choose a column of class labels (a measured number is a target "
                               "for regression, not a label)."))
    x = np.column_stack([table.numbers[name] for name in features]).astype(np.float32)
    split = train_test_split(x, inverse.astype(np.int64).ravel(), test_fraction=test_fraction, seed=seed)
    data = Dataset(*split, n_classes=len(classes), name=OWN_DATA)
    return Classification(data, classes, features, label)
