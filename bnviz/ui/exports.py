"""Downloads on every chart page: each chart as one HTML file that works offline, and where
the page has them, its descent paths as CSV and its computation as a numpy script (each
lesson's ui module offers its page's files: :func:`offer`).

The files are made when their button is pressed (Streamlit calls the function then, on a
thread of its own), so a page that nobody downloads from costs nothing: a chart's HTML
carries plotly.js (4.9 MB). :func:`begin` starts a page run's list of charts and
:func:`bnviz.ui.chart.chart` adds to it; :func:`menu` draws the sidebar's "Download" after
the page has run.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import streamlit as st

from bnviz.i18n import N_, _
from bnviz.plotting.export import standalone_html
from bnviz.ui.own_data import own_data_in_use

_run = threading.local()  # a page run happens in one thread: its charts, in order


# The download buttons' names of the charts, by chart key (marked here, shown translated).
CHART_NAMES = {
    "raw_surface": N_("raw surface"), "raw_contour": N_("raw contour map"),
    "standardized_surface": N_("standardized surface"),
    "standardized_contour": N_("standardized contour map"), "cost": N_("cost"),
    "batch_panels": N_("batch panels"), "running": N_("running statistics"),
    "spread": N_("spread of the batch means"), "descent_map": N_("descent map"),
    "descent_surface": N_("descent surface"), "descent_cost": N_("descent cost"),
    "race_contour": N_("race contour map"), "race_surface": N_("race surface"),
    "race_cost": N_("race cost"), "map": N_("convergence map"),
    "ladder_eigenvalues": N_("ladder eigenvalues"), "ladder_rung0": N_("ladder rung 1"),
    "ladder_rung1": N_("ladder rung 2"), "ladder_rung2": N_("ladder rung 3"),
    "ladder_rung3": N_("ladder rung 4"), "ladder_errors": N_("error along each eigenvector"),
    "dn_curves": N_("training curves"), "dn_unit_chart": N_("one unit's input"),
    "dn_sweep": N_("depth sweep"), "dn_hist": N_("each layer's outputs"),
    "dn_smooth": N_("smoothness of the loss"),
}


def begin() -> None:
    """A page run starts: no chart drawn yet."""
    _run.charts = {}


def record(key: str, text: str) -> None:
    """The chart ``key`` was drawn with figure JSON ``text``."""
    charts = getattr(_run, "charts", None)
    if charts is not None:
        charts[key] = text


def _chart_html(text: str, page: str) -> str:
    title = json.loads(text).get("layout", {}).get("title", {})
    name = re.sub(r"<[^>]+>", "", title.get("text", "") if isinstance(title, dict) else "")
    return standalone_html(text, title=name or page, caption=f"bnviz · {page}")


# A page's files by name: a function that makes the file's text, and its MIME type.
Files = dict[str, tuple[Callable[[], str], str]]
# The files each page offers, by its URL path: each lesson's ui module offers its own
# (:func:`offer`), from its settings as the page run left them.
_FILES: dict[str, Callable[[], Files]] = {}


def offer(page: str, files: Callable[[], Files]) -> None:
    """The page of URL path ``page`` offers the files ``files()`` lists beside its charts."""
    _FILES[page] = files


def menu(page: Any) -> None:
    """The sidebar's downloads for the page that just ran (nothing on a page without charts)."""
    charts = getattr(_run, "charts", None) or {}
    name = page.url_path
    if not charts:
        return
    with st.sidebar.expander(_("Download"), icon=":material/download:"):
        st.caption(_("Each chart as a web page that works offline (with plotly.js inside)."))
        for key, text in charts.items():
            st.download_button(_(CHART_NAMES[key]) if key in CHART_NAMES else key.replace("_", " "),
                               data=partial(_chart_html, text, name),
                               file_name=f"{name}-{key}.html", mime="text/html",
                               on_click="ignore", key=f"download_{key}", width="stretch")
        files = _FILES[name]() if name in _FILES else {}
        if files and own_data_in_use():
            # The files recompute the page from the generated data's settings.
            st.caption(_("The scripts and the paths are written for the generated data, not "
                         "for your CSV: choose “Generated” under Data to download them."))
            files = {}
        elif files:
            st.caption(_("The page's computation as a Python script (numpy only) that prints "
                         "its numbers, and its descent paths as CSV where it draws them."))
        for file_name, (make, mime) in files.items():
            st.download_button(file_name, data=make, file_name=f"{name}-{file_name}", mime=mime,
                               on_click="ignore", key=f"download_{file_name}", width="stretch")
