"""A visitor's own data: the bytes of an uploaded or pasted CSV, read into a :class:`Table`.

:func:`read` returns a :class:`Table` or a :class:`~.own_messages.DataProblem` for every kind
of bad input; no exception reaches the caller for what is in the file. It works on the bytes
in memory: nothing is written to disk. How the encoding, delimiter and decimal mark are found
is in :mod:`.own_detect`; the header and the rows in :mod:`.own_rows`; choosing columns for a
lesson in :mod:`.own_choose`.

The machinery is the standard library's :mod:`csv`, with the detection written here, because:

- an error must name the row as a spreadsheet counts it. ``csv.reader`` yields one record per
  spreadsheet row (a quoted value spanning lines included), so the record count is the row;
  pandas and pyarrow report the parser's line or stop with a message of their own;
- the decimal mark is decided from the cells, each cell is checked against one strict
  spelling of a number (:data:`.own_detect.NUMBER`) and the first that fails is quoted with
  its row and column; pandas' ``decimal=","`` and ``thousands="."`` must be chosen before
  reading and turn a bad cell into a whole column of text, and ``float`` alone accepts
  ``inf`` and ``1_000``;
- ``csv.Sniffer`` guesses a delimiter from characters it finds in consistent counts and
  picks ``,`` in ``1,5;2,75``: the sniffing here also asks which cut gives numbers.

Speed: a 5 MB file of three float columns (about 95,000 rows) reads in about 0.5 s on the
development machine, with a peak of about 55 MB (``benchmarks/bench_own_data.py``); pandas'
C parser takes about 0.02 s but would still need the checks above, cell by cell, to say
where a problem is. Half a second, once per upload, was judged worth the exact messages.

Bounds: :data:`MAX_BYTES` is the server's upload cap (``maxUploadSize = 5`` in
``.streamlit/config.toml``, in MB of 2**20 bytes), applied to pasted text too.
:data:`~.own_rows.MAX_ROWS` = 100,000 rows: the lessons show the same with fewer; it keeps a
read near half a second and its memory near 50 MB; and a chart of every point stays quick.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any

import numpy as np

from bnviz.i18n import N_, _
from bnviz.lessons.common.own_columns import MIN_ROWS, missing_problem, parse_column, too_few
from bnviz.lessons.common.own_detect import MISSING, SAMPLE_CHARS, Detected, decode, sniff_delimiter
from bnviz.lessons.common.own_messages import DataProblem, column_phrase, size_phrase
from bnviz.lessons.common.own_rows import MAX_ROWS, Layout, layout, split_rows
from bnviz.numbers import whole

MAX_BYTES = 5 * 2**20
_ANY_CSV = N_("Choose a CSV file with a header row and at least 3 rows of numbers.")


@dataclass(frozen=True, kw_only=True, eq=False)
class Table:
    """The columns of a CSV file, read.

    Attributes
    ----------
    names : tuple of str
        Every column, in the file's order (the header's names, or ``column 1``, ...).
    numbers : mapping of str to ndarray
        The columns that hold numbers: float64, shape (n_rows,), read-only, no NaN.
    text : mapping of str to tuple of str
        The columns that hold text (a label column, say), each cell stripped.
    rows : ndarray of int
        The spreadsheet row of each row of data, shape (n_rows,).
    detected : Detected
        The encoding, delimiter, decimal mark and header the file was read with.
    dropped : int
        Rows left out for their missing values (``read(..., drop_missing=True)``).
    digest : str
        SHA-256 of the file's bytes: a short key for caches and for "the same file".
    """

    names: tuple[str, ...]
    numbers: Mapping[str, np.ndarray]
    text: Mapping[str, tuple[str, ...]]
    rows: np.ndarray
    detected: Detected
    dropped: int
    digest: str

    def __post_init__(self) -> None:
        # Read-only: one table is shared by every page's cached views in a session.
        numbers = {name: _read_only(values) for name, values in self.numbers.items()}
        object.__setattr__(self, "numbers", MappingProxyType(numbers))
        object.__setattr__(self, "text", MappingProxyType(dict(self.text)))
        object.__setattr__(self, "rows", _read_only(self.rows))

    def __reduce__(self) -> tuple[Any, ...]:
        # A mapping proxy does not pickle, and Streamlit's caches pickle what they keep.
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        return _unpickle, ({**state, "numbers": dict(self.numbers), "text": dict(self.text)},)

    @property
    def n_rows(self) -> int:
        return int(self.rows.shape[0])

    @property
    def numeric_names(self) -> tuple[str, ...]:
        """The columns of numbers, in the file's order: the choices for a feature or target."""
        return tuple(name for name in self.names if name in self.numbers)

    def where(self, name: str, *, capital: bool = False) -> str:
        """``column “price” (C)`` (``Column ...`` to start a sentence)."""
        phrase = column_phrase(name, self.names.index(name))
        return phrase[0].upper() + phrase[1:] if capital else phrase


def _read_only(values: np.ndarray) -> np.ndarray:
    view = np.asarray(values).view()
    view.setflags(write=False)
    return view


def _unpickle(state: dict[str, Any]) -> Table:
    return Table(**state)


def read(data: bytes | str, *, drop_missing: bool = False) -> Table | DataProblem:
    """Read a CSV from its bytes (pasted text is taken as UTF-8).

    Parameters
    ----------
    data : bytes or str
        The whole file, as uploaded or pasted.
    drop_missing : bool
        Leave out the rows with a missing value (their count is :attr:`Table.dropped`);
        otherwise missing values are a problem that says how many and where.

    Returns
    -------
    Table or DataProblem
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > MAX_BYTES:
        return DataProblem(kind="too_large", count=len(raw),
                           what=_("The file is {size}, over the limit of {limit} MB.").format(
                               size=size_phrase(len(raw)), limit=MAX_BYTES // 2**20),
                           fix=_("Keep fewer rows, or only the columns you need."))
    decoded = decode(raw)
    if isinstance(decoded, DataProblem):
        return decoded
    text, encoding = decoded
    if not text.strip(" \t\r\n,;|"):  # nothing but white space and separators
        return DataProblem(kind="empty", what=_("The file is empty."), fix=_(_ANY_CSV))
    delimiter = sniff_delimiter(text[:SAMPLE_CHARS])
    if delimiter is None:
        return DataProblem(kind="one_column", what=_("The file has only one column: no comma, "
                                                     "semicolon, tab or | separates its values."),
                           fix=_("The lessons need two or more columns: features and a target."))
    rows = split_rows(text, delimiter)
    if isinstance(rows, DataProblem):
        return rows
    if not rows.records:  # only blank rows: the sniffing found a delimiter in none
        return DataProblem(kind="empty", what=_("The file has only empty rows."), fix=_(_ANY_CSV))
    found = layout(rows, delimiter=delimiter)
    if isinstance(found, DataProblem):
        return found
    detected = Detected(encoding, delimiter, found.decimal, found.header)
    return _table(found, detected, drop_missing=drop_missing, digest=hashlib.sha256(raw).hexdigest())


def _table(found: Layout, detected: Detected, *, drop_missing: bool, digest: str) -> Table | DataProblem:
    n, row_of = len(found.data.records), np.asarray(found.data.numbers, dtype=np.int64)
    if n > MAX_ROWS:
        return DataProblem(kind="too_many_rows", count=n,
                           what=_("The file has more than {limit} rows of data.").format(
                               limit=whole(MAX_ROWS)),
                           fix=_("Use a sample of at most {limit} rows: the lessons show the "
                                 "same with fewer, and the pages stay quick.").format(
                               limit=whole(MAX_ROWS)))
    if n < MIN_ROWS:
        return too_few(n, 0)
    width = len(found.names)
    records = found.data.records
    if min(map(len, records)) < width:  # rows that end early: their last cells are missing
        records = [r + [""] * (width - len(r)) for r in records]
    columns = list(zip(*records, strict=True))
    numbers: dict[str, np.ndarray] = {}
    text: dict[str, tuple[str, ...]] = {}
    bad: list[tuple[int, int, DataProblem]] = []
    for j, (name, cells) in enumerate(zip(found.names, columns, strict=True)):
        column = parse_column(cells, found.decimal, where=column_phrase(name, j), name=name,
                              row_of=row_of)
        if isinstance(column, DataProblem):
            bad.append((column.row or 0, j, column))
        elif isinstance(column, tuple):
            text[name] = column
        elif column is not None:
            numbers[name] = column
    if bad:
        return min(bad, key=lambda b: b[:2])[2]  # the first in reading order
    missing = {name: np.isnan(v) for name, v in numbers.items()}
    missing |= {name: np.array([c.casefold() in MISSING for c in v]) for name, v in text.items()}
    gaps = np.zeros(n, dtype=bool)
    for mask in missing.values():
        gaps |= mask
    dropped = int(gaps.sum())
    if dropped and not drop_missing:
        return missing_problem(found.names, missing, row_of, dropped)
    keep = ~gaps
    numbers = {name: values[keep] for name, values in numbers.items()}
    text = {name: tuple(c for c, k in zip(v, keep, strict=True) if k) for name, v in text.items()}
    if n - dropped < MIN_ROWS:
        return too_few(n - dropped, dropped)
    return Table(names=found.names, numbers=numbers, text=text,
                 rows=row_of[keep], detected=detected, dropped=dropped, digest=digest)
