"""The guided tour on the page: a banner over every page while a visitor is on a tour.

The banner reads where the visitor is from the URL (``tour``, ``step``), says the step's
sentences, and moves: "Next" and "Back" open the step's page with exactly its settings
(those it names; every other setting of that page back to its default), "Leave the tour"
drops the banner and keeps the page as it is, to play with.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from bnviz import tour
from bnviz.i18n import _
from bnviz.ui.state import apply_query

TOUR_KEYS = ("tour", "step")


@st.cache_resource(show_spinner=False)
def _tours() -> dict[str, tour.Tour]:
    return tour.tours()


def position() -> tuple[tour.Tour, int] | None:
    """The tour and the 0-based step the URL names, or None (no tour, or a bad one)."""
    name = st.query_params.get("tour")
    if not name or name not in _tours():
        return None
    found = _tours()[name]
    try:
        index = int(st.query_params.get("step", "1")) - 1
    except ValueError:
        index = 0
    return found, min(max(index, 0), len(found.steps) - 1)


def go(found: tour.Tour, index: int) -> None:
    """Open step ``index`` of ``found`` with its settings (never returns)."""
    step = found.steps[index]
    apply_query(step.query, *tour.PAGE_SETTINGS[step.page])
    st.switch_page(f"app_pages/{step.page}.py",
                   query_params={**step.query, "tour": found.name, "step": str(index + 1)})


def leave() -> None:
    """Callback: off the tour; the page keeps its settings."""
    for key in TOUR_KEYS:
        st.query_params.pop(key, None)


def banner(page: Any) -> None:
    """Over the page (``page``: the one ``st.navigation`` chose): the tour's step and its
    buttons, when the URL says the visitor is on a tour."""
    where = position()
    if where is None:
        return
    found, index = where
    step = found.steps[index]
    with st.container(border=True, key="tour_banner"):
        st.markdown(_("**{tour}**, step {number} of {count}: **{title}**").format(
            tour=found.title, number=index + 1, count=len(found.steps), title=step.title))
        st.markdown(step.text)
        if page.url_path != step.page:
            st.caption(_("This step is on another page: press Next or Back to go there."))
        back, forward, off = st.columns(3)
        if back.button(_("Back"), icon=":material/arrow_back:", disabled=index == 0,
                       key="tour_back", width="stretch"):
            go(found, index - 1)
        last = index + 1 == len(found.steps)
        if forward.button(_("Finish") if last else _("Next"),
                          icon=":material/check:" if last else ":material/arrow_forward:",
                          key="tour_next", width="stretch"):
            if last:
                leave()
                st.rerun()
            go(found, index + 1)
        off.button(_("Leave the tour"), icon=":material/close:", key="tour_leave", on_click=leave,
                   width="stretch")


def start_button(name: str = "article") -> None:
    """Home's "Start the tour" button (a secondary one: white on the dark theme's light
    primary blue would fall under WCAG's contrast)."""
    found = _tours()[name]
    if st.button(_("Start the tour: {title}").format(title=found.title),
                 icon=":material/tour:", key="tour_start"):
        go(found, 0)
