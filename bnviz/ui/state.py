"""Settings between the URL, the session and the widgets.

Session state holds a visitor's choices only, under each setting's URL key, so
``st.session_state["b_hi"]`` is the value of the ``b_hi`` query parameter and of the widget
that shows it. A setting travels one way: query string -> :func:`setup` (parsed, clamped,
defaulted) -> session state -> widgets -> :func:`current` (the frozen settings, a cache key)
-> :func:`sync_url`.
"""

from __future__ import annotations

from typing import Any, TypeVar

import streamlit as st

from bnviz.lessons.common.own_source import OwnRegression
from bnviz.lessons.common.settings import DataSpec
from bnviz.settings import Param, coerce, params_of, parse_query, to_query
from bnviz.ui.memory import page_ran, trimmer

S = TypeVar("S")


def _seed(cls: type) -> None:
    """Give every setting of ``cls`` a session value: the URL's on first sight, else default.

    Re-assigning a present value keeps it when its widget is not drawn on this page:
    Streamlit drops the state of widgets a run does not draw.
    """
    ss = st.session_state
    fresh = [(name, p) for name, p in params_of(cls) if p.key not in ss]
    for _, p in params_of(cls):
        if p.key in ss:
            ss[p.key] = ss[p.key]
    if not fresh:
        return
    query = {p.key: st.query_params.get_all(p.key) for _, p in fresh if p.key in st.query_params}
    values, notices = parse_query(cls, query)
    default = cls()
    for name, p in fresh:
        ss[p.key] = values.get(name, getattr(default, name))
    for notice in notices:
        st.toast(notice, icon="⚠️")


def setup(*classes: type) -> None:
    """Start a page: give each setting of ``classes`` its value for this run.

    Call once at the top of a page, before any widget is drawn. The first page to run
    also starts the process's memory trimmer (:mod:`bnviz.ui.memory`), whose clock of quiet
    each page run resets.
    """
    trimmer()
    page_ran()
    for cls in classes:
        _seed(cls)


def current(cls: type[S]) -> S:
    """The spec of ``cls`` as the session holds it now (after :func:`setup`)."""
    return cls(**{name: st.session_state[p.key] for name, p in params_of(cls)})


# Query keys that are not a page's settings but travel with them: where a visitor is in a
# guided tour (bnviz.ui.tour), the teacher's projector view (bnviz.ui.teacher) and the
# language (bnviz.ui.language) and a visitor's own data: its source and columns, never its
# rows (bnviz.ui.own_data).
KEPT_KEYS = ("data", "own_a", "own_b", "own_y", "own_x", "own_label", "tour", "step", "view",
             "hide", "lang")


def sync_url(*specs: Any) -> None:
    """Write the non-default settings of ``specs`` to the address bar, keeping only the
    :data:`KEPT_KEYS` besides (after the settings, in a fixed order: a view has one URL)."""
    wanted: dict[str, str] = {}
    for spec in specs:
        if isinstance(spec, OwnRegression):  # its rows stay in the session (bnviz.ui.own_data)
            spec = current(DataSpec)  # the generated data's settings, kept for later
        wanted.update(to_query(spec))
    wanted.update({k: st.query_params[k] for k in KEPT_KEYS if k in st.query_params})
    if dict(st.query_params.to_dict()) != wanted:
        st.query_params.from_dict(wanted)


def reset(cls: type) -> None:
    """Callback: put every setting of ``cls`` back to its default."""
    default = cls()
    for name, p in params_of(cls):
        st.session_state[p.key] = getattr(default, name)


def apply_query(query: dict[str, str], *classes: type) -> None:
    """Callback: set every setting of ``classes`` from ``query`` (absent keys: default),
    so the next page opened in this session shows exactly that setting."""
    for cls in classes:
        default = cls()
        for name, p in params_of(cls):
            st.session_state[p.key] = (coerce(p, query[p.key]) if p.key in query
                                       else getattr(default, name))


def clamp_setting(p: Param, lo: int, hi: int) -> int:
    """Clamp the session value of ``p`` to ``lo..hi``; call before drawing its widget.

    Settings whose bounds depend on the data (batch size 1..n, batch 1..k) are clamped
    before their widget is drawn, so a value left over from a larger setting lands on the
    nearest valid one instead of raising.
    """
    value = int(min(max(int(st.session_state[p.key]), lo), hi))
    st.session_state[p.key] = value
    return value
