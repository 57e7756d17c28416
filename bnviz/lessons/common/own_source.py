"""A visitor's own regression data as the lessons take it: in place of a :class:`DataSpec`.

The two-feature lessons are computed from a data spec (cached on it, drawn by
:func:`~bnviz.lessons.common.data.two_features`). A visitor's file takes its place as an
:class:`OwnRegression`: the file's digest and the chosen columns say *which* data it is, and
the rows ride along. Everything that describes data (``n``, the features' names) answers the
same questions a :class:`DataSpec` does, so a view takes either.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bnviz.core.data import Regression
from bnviz.lessons.common.own_choose import to_regression
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
