"""A visitor's own CSV as a classification data set (the deep-network lesson): the file or
paste of :mod:`bnviz.ui.own_data`, then feature columns and a label column.

The features travel in the URL as one JSON list (``own_x``: a name may hold a comma, or
anything) and the label as it is (``own_label``); the rows never do.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import streamlit as st

from bnviz.i18n import _
from bnviz.lessons.common.own_data import Table
from bnviz.lessons.common.own_messages import DataProblem
from bnviz.lessons.common.own_source import OwnClassification, own_classification
from bnviz.ui.own_data import (
    BUILT,
    CLASS_COLUMNS,
    FEATURES,
    GENERATED,
    GOOD_CLASSES,
    LABEL,
    OWN,
    SOURCE,
    SOURCES,
    TABLE,
    _describe,
    _inputs,
    _say,
    _source_label,
    _start,
    _write_url,
)


def encode_names(names: Sequence[str]) -> str:
    """Column names as one URL value: a JSON list (a name may hold a comma, or anything)."""
    return json.dumps(list(names), ensure_ascii=False, separators=(",", ":"))


def decode_names(value: str) -> list[str] | None:
    """The names of :func:`encode_names`, or None for a value that is not such a list."""
    try:
        names = json.loads(value)
    except ValueError:
        return None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return None
    return names


def _start_classification() -> None:
    """The session's source, features and label from the URL, on first sight."""
    _start()
    ss = st.session_state
    if FEATURES not in ss and FEATURES in st.query_params:
        names = decode_names(st.query_params[FEATURES])
        if names is not None:
            ss[FEATURES] = names
    if LABEL not in ss and LABEL in st.query_params:
        ss[LABEL] = st.query_params[LABEL]


def _class_url(features: Sequence[str], label: str) -> dict[str, str]:
    return {FEATURES: encode_names(features), LABEL: label}


def _classification(table: Table, features: tuple[str, ...], label: str,
                    seed: int) -> OwnClassification | DataProblem:
    """:func:`own_classification`, the last data set built kept in the session: a rerun (a
    chart option, another unit) neither splits the rows again nor makes a new job key."""
    ss = st.session_state
    key = (table.digest, table.dropped, features, label, seed)
    built = ss.get(BUILT)
    if built is not None and built[0] == key:
        return built[1]
    found = own_classification(table, features=features, label=label, seed=seed)
    if not isinstance(found, DataProblem):
        ss[BUILT] = (key, found)
    return found


def classification_source(*, container: Any = st.sidebar, notice: Any = st,
                          seed: int = 0) -> OwnClassification | None:
    """The visitor's own data for a classification lesson, or None for the built-in data.

    Draws in ``container`` the choice of source and, for a CSV, the file or paste, the
    feature columns (columns of numbers; at first every one but the label) and the label
    column (any column; at first the last). The rows are split with ``seed``. A choice that
    does not work is said, and the last one that did is used meanwhile. ``notice``: where a
    link's visitor, who has the choice but not the file, is told so.
    """
    _start_classification()
    ss = st.session_state
    box = container
    box.radio(_("Data"), SOURCES, key=SOURCE, format_func=_source_label, horizontal=True)
    if ss[SOURCE] != OWN:
        _write_url(GENERATED, {}, CLASS_COLUMNS)
        return None
    _inputs(box)
    table: Table | None = ss.get(TABLE)
    if table is None:
        chosen = {FEATURES: encode_names(ss[FEATURES])} if isinstance(ss.get(FEATURES), list) \
            else {}
        if isinstance(ss.get(LABEL), str):
            chosen[LABEL] = ss[LABEL]
        _write_url(OWN, chosen, CLASS_COLUMNS)
        notice.info(_("This view uses a visitor's own data, which cannot travel in a link: "
                      "load the CSV under “Network and training” to see it. Until then the "
                      "networks train on the built-in data set."),
                    icon=":material/upload_file:")
        return None
    _describe(table, box)
    numeric = table.numeric_names
    if not numeric:
        box.error(_("The file has no column of numbers; the lesson needs at least one "
                    "feature."), icon=":material/error:")
        return _kept_classes(table, seed, box)
    # The features first, then the label (as X before y); the label's value is settled first,
    # since the features' first choice is every column of numbers but the label.
    if ss.get(LABEL) not in table.names:
        ss[LABEL] = table.names[-1]
    chosen_features = ss.get(FEATURES)
    if isinstance(chosen_features, list | tuple):
        kept = [n for n in chosen_features if n in numeric]
        ss[FEATURES] = (kept if kept or not chosen_features
                        else _default_features(numeric, ss[LABEL]))
    else:
        ss[FEATURES] = _default_features(numeric, ss[LABEL])
    features = tuple(box.multiselect(_("Features"), numeric, key=FEATURES))
    label = box.selectbox(_("Label"), table.names, key=LABEL)
    if not features:
        box.error(_("No feature is chosen. Choose at least one column of numbers as a "
                    "feature."), icon=":material/error:")
        return _kept_classes(table, seed, box)
    found = _classification(table, features, label, seed)
    if isinstance(found, DataProblem):
        _say(found, box)
        return _kept_classes(table, seed, box)
    ss[GOOD_CLASSES] = (table, features, label)
    _write_url(OWN, _class_url(features, label), CLASS_COLUMNS)
    return found


def _default_features(numeric: Sequence[str], label: str) -> list[str]:
    """Every column of numbers but the label (the label alone: it is said as chosen twice)."""
    return [n for n in numeric if n != label] or list(numeric)


def _kept_classes(table: Table, seed: int, box: Any) -> OwnClassification | None:
    """The last choice that worked, said as kept: on this file, or on the one read before
    (a new file whose columns do not work leaves the page on the data it had)."""
    kept = _last_good_classes(seed)
    if kept is not None:
        same = kept.digest == table.digest
        box.caption(_("The columns chosen before are still in use.") if same
                    else _("The data read before is still in use."))
    return kept


def _last_good_classes(seed: int) -> OwnClassification | None:
    """The last choice of columns that worked (on the table it worked on), split with
    ``seed``; None if none did."""
    good = st.session_state.get(GOOD_CLASSES)
    if not good:
        return None
    kept, features, label = good
    found = _classification(kept, features, label, seed)
    return None if isinstance(found, DataProblem) else found
