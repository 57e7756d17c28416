"""The glue of "Valley vs bowl": its cached view, and its live view, where the browser redraws
the page while a control is dragged.

The live component (``js/valley_math.js`` + ``js/valley_live.js``) shows each side's key
numbers (κ, 2/λmax, the rate, the steps taken) and watches the page's own sliders for A's and
B's ranges and the two custom learning rates. While a thumb is dragged it computes both sides
from the draws' R factor and redraws the four surface and top-view charts in place; on
release Streamlit's rerun brings the server's figures and numbers, which are the same
(``tests/browser/test_valley_math.py``).
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

import streamlit as st

from bnviz.i18n import N_, _
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.own_source import rows_of
from bnviz.lessons.common.paths_csv import paths_csv
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.common.text import data_phrase
from bnviz.lessons.valley.experiment import compare
from bnviz.lessons.valley.figures import TITLES
from bnviz.lessons.valley.script import valley_script
from bnviz.lessons.valley.text import readout_words
from bnviz.lessons.valley.view import ValleyView, valley_view
from bnviz.settings import param_of
from bnviz.ui import exports
from bnviz.ui.bundles import bundle
from bnviz.ui.cached import Source, encoded
from bnviz.ui.language import per_language, with_spinner
from bnviz.ui.state import current
from bnviz.ui.widgets import thumb

__all__ = ["ValleyView", "data_phrase", "live", "view"]


@with_spinner(N_("Computing the surfaces and descent paths…"))
@per_language
@st.cache_data(max_entries=32, show_spinner=False)
def view(lang: str, data_spec: Source, descent_spec: DescentSpec) -> ValleyView:
    """Both runs, their figures (as JSON), numbers and sentences, cached per language."""
    # The spec, not its rows: the view computes from the draws' moments, as the browser does.
    return encoded(valley_view(rows_of(data_spec), descent_spec))


# ------------------------------------------------------------------ the browser's part
# The component's code (js/valley/live.js and what it imports, bundled), registered at import.
_live = st.components.v2.component("bnviz.valley_live", js=bundle("valley_live"), isolate_styles=False)

# The settings a drag redraws live, and the view's marks each slider's options include.
LIVE_SETTINGS = ((DataSpec, "a_hi", None), (DataSpec, "b_hi", None),
                 (DescentSpec, "lr_raw", "lr_raw"), (DescentSpec, "lr_std", "lr_std"))


def live_words() -> dict[str, Any]:
    """The words and number marks the browser writes with while a control is dragged, in this
    run's language: the readout's and outcomes' templates and the marks
    (:func:`~bnviz.lessons.valley.text.readout_words`), each side's chart title (with
    ``{outcome}``) and its name above its readout."""
    return {**readout_words(), "titles": {label: _(title) for label, title in TITLES.items()},
            "sides": {"raw": _("Raw"), "standardized": _("Standardized")}}


def live(view: ValleyView, *, key: str = "valley_live") -> None:
    """Show the key numbers of ``view`` and redraw the page live while its sliders move.

    Call after the sliders are drawn (their options must be this run's).
    """
    if view.live is None:  # a visitor's own rows: the server's lines, without the live redraw
        for column, (label, name) in zip(st.columns(2), live_words()["sides"].items(), strict=True):
            column.caption(f"**{name}**: {view.readout[label]}")
        return
    sliders: dict[str, Any] = {}
    for cls, name, marks in LIVE_SETTINGS:
        sliders[param_of(cls, name).key] = thumb(cls, name, view.marks[marks] if marks else None)
    payload = {**view.live, "readout": view.readout, "sliders": sliders, "words": live_words()}
    _live(key=key, data=json.dumps(payload, separators=(",", ":")).encode())


# ------------------------------------------------------------------ downloads
def _files() -> exports.Files:
    """The page's descent paths as CSV and its computation as a script."""
    data, descent = current(DataSpec), current(DescentSpec)

    def paths() -> str:
        cmp = compare(two_features(data), descent)
        return paths_csv((side.label, "gradient descent", side.trajectory)
                         for side in (cmp.raw, cmp.std))

    return {"paths.csv": (paths, "text/csv"),
            "valley_vs_bowl.py": (partial(valley_script, data, descent), "text/x-python")}


exports.offer("valley_vs_bowl", _files)
