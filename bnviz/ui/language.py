"""The visitor's language: chosen in the sidebar, carried in the URL (``lang=it``).

With no choice made (no ``lang`` in the URL, nothing chosen in this session) the browser's
preferred language decides (``st.context.locale``: ``it-IT`` gives Italian), English
otherwise. Every page run starts by setting its language (:func:`use_visitor_language`), so
words and numbers (:mod:`bnviz.i18n`, :mod:`bnviz.numbers`) follow it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

import streamlit as st

from bnviz.i18n import LANGUAGES, _, choose, current, set_language

P = ParamSpec("P")
T = TypeVar("T")

KEY = "lang"


def use_visitor_language() -> str:
    """Set this run's language from the session, else the URL, else the browser; return it."""
    ss = st.session_state
    if KEY not in ss:
        ss[KEY] = choose(st.query_params.get(KEY) or st.context.locale)
    else:
        ss[KEY] = ss[KEY]  # keep it on a page that does not draw its widget
    set_language(ss[KEY])
    return str(ss[KEY])


def language_control() -> None:
    """The sidebar's language menu; the choice goes into the URL like every setting."""
    st.sidebar.selectbox("Language · Lingua", tuple(LANGUAGES), format_func=LANGUAGES.__getitem__,
                         key=KEY)
    if st.query_params.get(KEY) != st.session_state[KEY]:
        st.query_params[KEY] = st.session_state[KEY]


def per_language(cached: Callable[Concatenate[str, P], T]) -> Callable[P, T]:
    """``cached(lang, *args)``, called as ``f(*args)`` with this run's language.

    A cached view's sentences and numbers are written in one language, so the language is
    part of its cache key: an Italian visitor's 0,5 is never served to an English one.
    """
    @functools.wraps(cached)
    def in_language(*args: P.args, **kwargs: P.kwargs) -> T:
        return cached(current(), *args, **kwargs)

    return in_language


def with_spinner(message: str) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Show ``message`` (marked with ``N_``), in the visitor's language, while a call runs.

    A cached function's own ``show_spinner`` text is fixed when it is defined, at import, in
    no visitor's language. Streamlit shows a spinner only after half a second, so a cache hit
    shows none.
    """
    def decorate(call: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(call)
        def spinning(*args: P.args, **kwargs: P.kwargs) -> T:
            with st.spinner(_(message)):
                return call(*args, **kwargs)

        return spinning

    return decorate
