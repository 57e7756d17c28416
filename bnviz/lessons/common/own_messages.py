"""What can be wrong with a visitor's CSV, said the way a spreadsheet user counts.

A :class:`DataProblem` is a value, not an exception: the reader (:mod:`.own_data`) and the
column choosers (:mod:`.own_choose`) return one for every kind of bad input, so a page shows
its :attr:`~DataProblem.message` and keeps the data it had.

Rows are numbered as a spreadsheet shows the file: the first line (the header, when there is
one) is row 1, a quoted value that spans lines is one row, and blank lines count. Columns are
named by their header and their letter (A, B, ..., Z, AA, ...).

Messages are plain text: a value from the file is quoted with :func:`quote`, which shortens it
and makes invisible characters visible, and nothing is escaped here. A page that shows a
message through Markdown (``st.error`` does) must escape it or use a plain-text element.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from bnviz.i18n import _, ngettext
from bnviz.numbers import fmt, whole

ProblemKind = Literal[
    "too_large", "empty", "binary", "malformed", "one_column", "duplicate_names", "ragged",
    "text_in_numbers", "missing", "too_few_rows", "too_many_rows",
    "unknown_column", "empty_column", "not_numeric", "same_column", "constant", "out_of_range",
    "one_class", "too_many_classes",
]

# A quoted value longer than this is cut: a message is a sentence, not a copy of the cell.
QUOTE_CHARS = 40


@dataclass(frozen=True, kw_only=True)
class DataProblem:
    """What is wrong with the data, where, and what to do.

    Attributes
    ----------
    kind : ProblemKind
        Which check failed (a page may act on it: ``"missing"`` offers to drop the rows).
    what : str
        One sentence: what is wrong and where.
    fix : str
        One sentence: what the visitor can do.
    row : int or None
        The spreadsheet row the problem is on (1 is the file's first line), if it is on one.
    column : str or None
        The name of the column concerned, if one is.
    count : int or None
        How many: rows with missing values, rows in the file, classes, ...
    """

    kind: ProblemKind
    what: str
    fix: str
    row: int | None = None
    column: str | None = None
    count: int | None = None

    @property
    def message(self) -> str:
        """What is wrong, then what to do."""
        return f"{self.what} {self.fix}"


def quote(value: str, *, limit: int = QUOTE_CHARS) -> str:
    """``“value”``, on one line and at most ``limit`` characters long (cut with ``…``).

    Runs of white space (a value may hold line breaks) become one space and characters that
    do not print become ``�``, so a message never breaks a line or hides what it quotes.
    """
    flat = " ".join(value.split())
    shown = "".join(ch if ch.isprintable() else "\N{REPLACEMENT CHARACTER}" for ch in flat)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f"“{shown}”"


def letter(index: int) -> str:
    """The spreadsheet letter of the column at 0-based ``index``: A, ..., Z, AA, AB, ..."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def column_phrase(name: str, index: int) -> str:
    """``column “price” (C)``: its header and its letter, as the visitor finds it."""
    return _("column {name} ({letter})").format(name=quote(name), letter=letter(index))


def size_phrase(n_bytes: int) -> str:
    """A file size in the units the upload button states: ``5.2 MB`` (MB of 1024 x 1024 bytes,
    as Streamlit's ``maxUploadSize`` counts them), rounded up, so that a file just over a
    limit never reads as the limit itself."""
    tenths = math.ceil(n_bytes * 10 / 2**20)
    if tenths > 1:
        return _("{size} MB").format(size=fmt(tenths / 10))
    return ngettext("{count} byte", "{count} bytes", n_bytes).format(count=whole(n_bytes))
