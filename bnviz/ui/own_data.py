"""A visitor's own CSV on a page: upload or paste it, pick its columns, and keep what worked.

What lives where:

- the table read from the last good file is the visitor's alone: it is kept in their session
  (:data:`TABLE`), never on disk, never in a URL and never rendered as HTML (messages quote
  the file's cells as escaped text);
- the choices travel in the URL like every setting: ``data=own`` and the columns
  (``own_a``, ``own_b``, ``own_y`` for a regression; ``own_x`` and ``own_label`` for a
  classification, ``own_x`` a JSON list of names, since a column's name may hold any
  character, a comma included); a visitor who opens such a link without the file is told so
  and sees the generated (or built-in) data;
- a bad file or a bad choice of columns is said (what, where, what to do) and the page keeps
  the data it had: the previous table, the previous columns.

The classification lesson's column pickers are in :mod:`bnviz.ui.own_classes`.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from bnviz.i18n import DEFAULT, _, ngettext, use
from bnviz.lessons.common.own_data import MAX_BYTES, Table, read
from bnviz.lessons.common.own_messages import DataProblem
from bnviz.lessons.common.own_source import (
    OwnRegression,
    own_regression,
)
from bnviz.lessons.common.settings import DataSpec
from bnviz.numbers import whole
from bnviz.ui.widgets import data_controls

SOURCE = "data"  # the URL's and the session's key of the data's source
GENERATED, OWN = "generated", "own"
SOURCES = (GENERATED, OWN)
COLUMNS = ("own_a", "own_b", "own_y")  # URL and session keys of the chosen columns
TABLE, PROBLEM, PENDING, GOOD = "own_table", "own_problem", "own_pending", "own_good"
FILE, PASTE = "own_file", "own_paste"
# A classification's choice: the feature columns (a list) and the label column; the last
# choice that worked (with the table it worked on: a new file whose columns do not work
# leaves the page on the data before), and the last data set built (one per session).
FEATURES, LABEL = "own_x", "own_label"
CLASS_COLUMNS = (FEATURES, LABEL)
GOOD_CLASSES, BUILT = "own_good_classes", "own_built"


def plain(text: str) -> str:
    """``text`` with Markdown's special characters escaped: a cell of the file is shown as
    written, never as formatting, a link or HTML."""
    # The characters that start formatting anywhere in a line; a message starts with a
    # capital word, so line-start markers (-, +, 1.) cannot occur.
    return re.sub(r"([\\`*_{}\[\]#|<>$~&])", r"\\\1", text)


def _start() -> None:
    """The session's source and columns from the URL, on first sight."""
    ss = st.session_state
    if SOURCE not in ss:
        ss[SOURCE] = OWN if st.query_params.get(SOURCE) == OWN else GENERATED
    for key in COLUMNS:
        if key not in ss and key in st.query_params:
            ss[key] = st.query_params[key]


def _take(data: bytes | str, *, drop_missing: bool = False) -> None:
    """Read ``data``; a table replaces the one kept, a problem is kept beside it."""
    # A callback runs before the page sets its language: say the problem in the visitor's.
    with use(st.session_state.get("lang", DEFAULT)):
        found = read(data, drop_missing=drop_missing)
    ss = st.session_state
    if isinstance(found, DataProblem):
        ss[PROBLEM] = found
        # Missing values can be dropped on request: keep the bytes until then.
        ss[PENDING] = data if found.kind == "missing" else None
        return
    ss[TABLE], ss[PROBLEM], ss[PENDING] = found, None, None


def _uploaded() -> None:
    upload = st.session_state.get(FILE)
    if upload is not None:
        _take(upload.getvalue())


def _pasted() -> None:
    text = st.session_state.get(PASTE, "")
    if text.strip():
        _take(text)


def _drop_missing() -> None:
    pending = st.session_state.get(PENDING)
    if pending is not None:
        _take(pending, drop_missing=True)


def _say(problem: DataProblem, container: Any) -> None:
    container.error(plain(problem.message), icon=":material/error:")


def _inputs(container: Any) -> None:
    """The file button, the paste box and what went wrong with the last of them."""
    container.file_uploader(_("A CSV file"), type=["csv", "txt", "tsv"], key=FILE,
                            on_change=_uploaded,
                            help=_("Comma, semicolon, tab or | separated; a decimal point or "
                                   "comma; UTF-8 or Latin-1. At most {size} MB.").format(
                                       size=MAX_BYTES // 2**20))
    container.text_area(_("Or paste CSV text"), key=PASTE, height=100,
                        placeholder="A;B;y\n1,5;20;64,1\n…")
    container.button(_("Read the pasted text"), on_click=_pasted, key="own_paste_go")
    problem = st.session_state.get(PROBLEM)
    if problem is None:
        return
    _say(problem, container)
    if problem.kind == "missing" and st.session_state.get(PENDING) is not None:
        container.button(ngettext("Drop the {count} row with missing values",
                                  "Drop the {count} rows with missing values",
                                  problem.count or 0).format(count=whole(problem.count or 0)),
                         on_click=_drop_missing, key="own_drop")
    if st.session_state.get(TABLE) is not None:
        container.caption(_("The data read before is still in use."))


def _pick(container: Any, key: str, label: str, names: tuple[str, ...], default: int) -> str:
    ss = st.session_state
    if ss.get(key) not in names:
        ss[key] = names[min(default, len(names) - 1)]
    return container.selectbox(label, names, key=key)


def _describe(table: Table, container: Any) -> None:
    container.caption(ngettext("{rows} row of data", "{rows} rows of data", table.n_rows).format(
        rows=whole(table.n_rows)) + " · " + plain(table.detected.phrase))
    if table.dropped:
        container.caption(ngettext("{count} row with missing values left out.",
                                   "{count} rows with missing values left out.",
                                   table.dropped).format(count=whole(table.dropped)))


def _write_url(source: str, columns: dict[str, str],
               keys: tuple[str, ...] = COLUMNS) -> None:
    """The choices in the URL (the rows never are: they stay in the session); ``keys``: the
    column keys of the page's kind of lesson."""
    wanted = {SOURCE: OWN, **columns} if source == OWN else {}
    for key in (SOURCE, *keys):
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]


def regression_source(*, container: Any = st.sidebar) -> OwnRegression | None:
    """The visitor's own data for a two-feature lesson, or None for the generated data.

    Draws in ``container`` (where the page keeps its data controls) the choice of source and,
    for a CSV, the file or paste and three column pickers (feature A, feature B, target). A
    choice that does not work is said, and the last one that did is used meanwhile.
    """
    _start()
    ss = st.session_state
    box = container
    box.radio(_("Data"), SOURCES, key=SOURCE, format_func=_source_label, horizontal=True)
    if ss[SOURCE] != OWN:
        _write_url(GENERATED, {})
        return None
    _inputs(box)
    table: Table | None = ss.get(TABLE)
    if table is None:
        chosen = {k: ss[k] for k in COLUMNS if k in ss}
        _write_url(OWN, chosen)
        st.info(_("This view uses a visitor's own data, which cannot travel in a link: load "
                  "the CSV under “Data” to see it. Until then the page shows the generated "
                  "data."), icon=":material/upload_file:")
        return None
    _describe(table, box)
    names = table.numeric_names
    if len(names) < 3:
        box.error(plain(ngettext(
            "The file has {count} column of numbers; the lesson needs three: two features and "
            "a target.",
            "The file has {count} columns of numbers; the lesson needs three: two features and "
            "a target.", len(names)).format(count=len(names))), icon=":material/error:")
        return _last_good(table)
    labels = (_("Feature A"), _("Feature B"), _("Target y"))
    a, b, y = (_pick(box, key, label, names, i)
               for i, (key, label) in enumerate(zip(COLUMNS, labels, strict=True)))
    found = own_regression(table, features=(a, b), target=y)
    if isinstance(found, DataProblem):
        _say(found, box)
        kept = _last_good(table)
        if kept is not None:
            box.caption(_("The columns chosen before are still in use."))
        return kept
    ss[GOOD] = (table.digest, (a, b, y))
    _write_url(OWN, dict(zip(COLUMNS, (a, b, y), strict=True)))
    return found


def _last_good(table: Table) -> OwnRegression | None:
    """The last choice of columns that worked on ``table``, if any."""
    good = st.session_state.get(GOOD)
    if not good or good[0] != table.digest:
        return None
    a, b, y = good[1]
    found = own_regression(table, features=(a, b), target=y)
    return None if isinstance(found, DataProblem) else found


def _source_label(source: str) -> str:
    return _("Generated") if source == GENERATED else _("Your CSV")


def data_source(cls: type[DataSpec], *, container: Any = st.sidebar,
                front: dict[str, Any] | None = None) -> DataSpec | OwnRegression:
    """The page's data: a visitor's CSV when they chose one, else the generated data with
    its controls (drawn in ``container`` either way, but for the ``front`` ones: see
    :func:`~bnviz.ui.widgets.data_controls`)."""
    own = regression_source(container=container)
    if own is not None:
        for box in (front or {}).values():
            box.caption(_("Your CSV's columns are in use (under “Data”)."))
            break
        return own
    return data_controls(cls, container=container, front=front)


def own_data_in_use() -> bool:
    """Whether this visitor's pages show their own CSV (chosen, and a file read)."""
    ss = st.session_state
    return ss.get(SOURCE) == OWN and ss.get(TABLE) is not None
