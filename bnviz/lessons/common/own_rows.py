"""A visitor's CSV text cut into rows, its header found, its columns named.

Rows are numbered as a spreadsheet shows them (see :mod:`.own_messages`): the csv reader
yields one record per spreadsheet row, a quoted value spanning lines included, and blank rows
are skipped but keep their numbers.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass

from bnviz.i18n import _, ngettext
from bnviz.lessons.common.own_detect import (
    DELIMITER_NAMES,
    MISSING,
    NUMBER,
    decimal_mark,
    is_blank,
    trimmed,
)
from bnviz.lessons.common.own_messages import DataProblem, letter, quote
from bnviz.numbers import whole

MAX_ROWS = 100_000
# Rows sampled, spread over the file, to find the decimal mark and the header.
SAMPLE_ROWS = 2000


@dataclass(frozen=True)
class Rows:
    """The file's non-blank rows: ``numbers[i]`` is the spreadsheet row of ``records[i]``,
    whose empty last cells are trimmed (so records may be shorter than the widest)."""

    numbers: list[int]
    records: list[list[str]]


@dataclass(frozen=True)
class Layout:
    """Where the data is: ``names`` of the columns, ``decimal`` mark, ``header`` or not;
    ``data`` holds the rows below the header."""

    names: tuple[str, ...]
    decimal: str
    header: bool
    data: Rows


def split_rows(text: str, delimiter: str) -> Rows | DataProblem:
    """Every non-blank row of ``text``; reading stops after :data:`MAX_ROWS` + 2 of them, which
    is too many with a header row or without."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                        skipinitialspace=True, strict=True)
    numbers: list[int] = []
    records: list[list[str]] = []
    row = 0
    try:
        for row, record in enumerate(reader, start=1):
            if not (record and record[-1].strip()):  # most rows end in a value: no work
                if is_blank(record):
                    continue
                record = trimmed(record)
            numbers.append(row)
            records.append(record)
            if len(records) > MAX_ROWS + 1:
                break
    except csv.Error as error:  # strict: a quote out of place is an error, not a guess
        return _malformed(row + 1, str(error), delimiter)
    return Rows(numbers, records)


def _malformed(row: int, error: str, delimiter: str) -> DataProblem:
    if "unexpected end of data" in error:
        what = _("Row {row} opens a quote (\") that is never closed, so the rest of the file "
                 "would read as one value.").format(row=row)
        fix = _("Close the quote, or remove it.")
    elif "expected after" in error:
        what = _("Row {row} has a quoted value followed by more text before the next "
                 "separator ({separators} separate the values).").format(
                     row=row, separators=_(DELIMITER_NAMES[delimiter]))
        fix = _('Put the whole value in quotes, and write a quote inside it twice ("").')
    elif "field larger than field limit" in error:
        what = _("Row {row} has a value longer than {limit} characters.").format(
            row=row, limit=whole(csv.field_size_limit()))
        fix = _("Check the quote marks before it: an unclosed quote swallows the rows after it.")
    else:
        what = _("Row {row} cannot be read as CSV ({error}).").format(row=row, error=error)
        fix = _("Check that row's quote marks.")
    return DataProblem(kind="malformed", what=what, fix=fix, row=row)


def _is_text(cell: str, decimal: str) -> bool:
    c = cell.strip()
    return c.casefold() not in MISSING and NUMBER[decimal].fullmatch(c) is None


def layout(rows: Rows, *, delimiter: str) -> Layout | DataProblem:
    """Find the decimal mark and whether the first row is a header, and name the columns.

    The first row is a header when, in a column whose other values are mostly numbers, it
    holds text; or when no column holds mostly numbers (a file of text only).
    """
    first, rest = rows.records[0], rows.records[1:]
    sample = rest[:: max(1, len(rest) // SAMPLE_ROWS)]
    decimal = decimal_mark((c for r in sample for c in r), delimiter=delimiter)
    width = max(map(len, rows.records))
    numeric = []
    for j in range(width):
        cells = [r[j] for r in sample if j < len(r)]
        n_text = sum(_is_text(c, decimal) for c in cells)
        n_missing = sum(c.strip().casefold() in MISSING for c in cells)
        if len(cells) - n_text - n_missing > n_text:
            numeric.append(j)
    header = not numeric or any(j < len(first) and _is_text(first[j], decimal) for j in numeric)
    if not header:
        names = tuple(f"column {j + 1}" for j in range(width))
        return Layout(names, decimal, False, rows)
    data = Rows(rows.numbers[1:], rest)
    for row, record in zip(data.numbers, data.records, strict=True):
        if len(record) > len(first):
            return DataProblem(
                kind="ragged", row=row, count=len(record),
                # More values than the header's columns, so only the columns can be one.
                what=ngettext("Row {row} has {values} values, but the header names {columns} "
                              "column.",
                              "Row {row} has {values} values, but the header names {columns} "
                              "columns.", len(first)).format(row=row, values=len(record),
                                                             columns=len(first)),
                fix=_("Name every column in the header, and look in that row for a separator "
                      "inside a value (put such a value in quotes)."))
    names = tuple(c.strip() or f"column {j + 1}" for j, c in enumerate(first))
    seen = Counter(names)
    for name in names:
        if seen[name] > 1:
            where = [letter(j) for j, other in enumerate(names) if other == name]
            return DataProblem(
                kind="duplicate_names", column=name, count=len(where),
                what=_("{count} columns are named {name}: {letters} and {last}.").format(
                    count=len(where), name=quote(name), letters=", ".join(where[:-1]),
                    last=where[-1]),
                fix=_("Rename all but one of them: a column is chosen by its name."))
    return Layout(names, decimal, True, data)
