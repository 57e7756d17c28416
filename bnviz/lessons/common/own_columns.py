"""The cells of one column read as numbers or text, and the problems a column can have.

A column is numbers when more of its cells are numbers than text (missing cells do not
count); then its first cell of text is a problem, named by row and column and quoted. A
column where text is as common as numbers or more is text (a label, say), and one with no
value at all is empty.
"""

from __future__ import annotations

import re

import numpy as np

from bnviz.i18n import _, ngettext
from bnviz.lessons.common.own_detect import MISSING, NUMBER, as_float_text
from bnviz.lessons.common.own_messages import DataProblem, quote
from bnviz.numbers import joined, whole

MIN_ROWS = 3


# Cells that can only be plain numbers or fail ``float``: digits, the decimal mark, signs and
# exponents (``float`` alone would also take ``inf``, ``1_000`` and spaces, excluded here).
_PLAIN = {".": re.compile(r"[0-9.eE+\-\n]*"), ",": re.compile(r"[0-9,eE+\-\n]*")}


def _plain(cells: tuple[str, ...], decimal: str) -> np.ndarray | None:
    """The column's values when every cell is a number with no thousands groups, converted in
    one call (several times quicker than cell by cell); None for any other column."""
    joined = "\n".join(cells)
    if not _PLAIN[decimal].fullmatch(joined):
        return None
    spelled = (joined.replace(",", ".") if decimal == "," else joined).split("\n")
    if len(spelled) != len(cells):  # a quoted cell held a line break
        return None
    try:
        return np.array(spelled, dtype=np.float64)
    except ValueError:  # an empty cell, a lone sign, ...: read cell by cell
        return None


def parse_column(cells: tuple[str, ...], decimal: str, *, where: str, name: str,
                 row_of: np.ndarray) -> np.ndarray | tuple[str, ...] | DataProblem | None:
    """Float64 values (NaN where missing) when most of the cells are numbers, the stripped
    cells when most are text, None when all are missing; or the first text among numbers."""
    values = _plain(cells, decimal)
    if values is None:
        parsed = _cell_by_cell(cells, decimal, where=where, name=name, row_of=row_of)
        if not isinstance(parsed, np.ndarray):
            return parsed
        values = parsed
    infinite = np.flatnonzero(np.isinf(values))
    if infinite.size:
        i = int(infinite[0])
        return DataProblem(kind="out_of_range", row=int(row_of[i]), column=name,
                           what=_("Row {row}, {column}: {value} is too large to be a number "
                                  "here.").format(row=int(row_of[i]), column=where,
                                                  value=quote(cells[i])),
                           fix=_("Use smaller units, or correct the value."))
    return values


def _cell_by_cell(cells: tuple[str, ...], decimal: str, *, where: str, name: str,
                  row_of: np.ndarray) -> np.ndarray | tuple[str, ...] | DataProblem | None:
    spelled: list[str] = []
    n_text = n_missing = 0
    first_text = -1
    number = NUMBER[decimal]
    for i, raw in enumerate(cells):
        c = raw.strip()
        if number.fullmatch(c):
            spelled.append(as_float_text(c, decimal))
            continue
        spelled.append("nan")
        if c.casefold() in MISSING:
            n_missing += 1
        else:
            n_text += 1
            first_text = i if first_text < 0 else first_text
    n_numbers = len(cells) - n_text - n_missing
    if n_numbers == 0 and n_text == 0:
        return None
    if n_text >= n_numbers:
        return tuple(c.strip() for c in cells)
    if n_text:
        return _not_a_number(cells[first_text], decimal, int(row_of[first_text]), where, name)
    return np.array(spelled, dtype=np.float64)


def _not_a_number(cell: str, decimal: str, row: int, where: str, name: str) -> DataProblem:
    other = "," if decimal == "." else "."
    if NUMBER[other].fullmatch(cell.strip()):
        fix = (_("The file's other numbers use a decimal comma: write this one the same way.")
               if decimal == "," else
               _("The file's other numbers use a decimal point: write this one the same way."))
    else:
        fix = _("Correct the value, or empty the cell to mark it missing.")
    return DataProblem(kind="text_in_numbers", row=row, column=name,
                       what=_("Row {row}, {column}: {value} is not a number, but the column's "
                              "other values are.").format(row=row, column=where, value=quote(cell)),
                       fix=fix)


def missing_problem(names: tuple[str, ...], missing: dict[str, np.ndarray], row_of: np.ndarray,
                    rows: int) -> DataProblem:
    """How many values are missing, in which columns, and where the first is; ``rows`` have
    at least one (``missing``: each column's mask)."""
    counts = [(name, int(missing[name].sum())) for name in names if name in missing]
    counts = [(name, k) for name, k in counts if k]
    total = sum(k for _, k in counts)
    first, column = min(((int(np.argmax(missing[name])), j), name)
                        for j, (name, _) in enumerate(counts))
    row = int(row_of[first[0]])
    where = joined(_("{count} in {name}").format(count=whole(k), name=quote(name))
                      for name, k in counts)
    return DataProblem(kind="missing", count=rows, row=row, column=column,
                       what=ngettext("{count} value is missing: {where} (the first in row {row}).",
                                     "{count} values are missing: {where} (the first in row "
                                     "{row}).", total).format(count=whole(total), where=where,
                                                              row=row),
                       fix=ngettext("Drop the {count} row that has them, or fill them in.",
                                    "Drop the {count} rows that have them, or fill them in.",
                                    rows).format(count=whole(rows)))


def too_few(n: int, dropped: int) -> DataProblem:
    if dropped:
        what = ngettext("Only {count} row of data is left after dropping those with missing "
                        "values; at least {least} are needed.",
                        "Only {count} rows of data are left after dropping those with missing "
                        "values; at least {least} are needed.", n)
    else:
        what = ngettext("The file has {count} row of data; at least {least} are needed.",
                        "The file has {count} rows of data; at least {least} are needed.", n)
    return DataProblem(kind="too_few_rows", count=n, what=what.format(count=whole(n), least=MIN_ROWS),
                       fix=_("Add rows: a mean and a spread need a few values to mean anything."))
