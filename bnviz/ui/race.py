"""The glue of "Optimizer race": its cached view, and its live race, which the browser reruns
while a rate or a β is dragged.

The live component (``js/race_numerics.js`` + ``js/race_live.js``) draws nothing of its own:
it watches the page's own sliders for every optimizer's learning rate and β. While a thumb is
dragged it reruns the shown side's race in the browser, from the quadratic, the start and
the settings the server sent (:func:`~bnviz.lessons.race.runs.live_inputs`), and redraws
each path, its head, its arrows and its cost curve in the three race charts in place. On
release Streamlit's rerun brings the server's figures, which hold the same numbers: the
runs are bit for bit the server's (``tests/browser/test_race_numerics.py``), and so are the
view's window, the cuts and the thinning of each path (``tests/browser/test_race_live.py``).
"""

from __future__ import annotations

import inspect
import json
from functools import partial

import streamlit as st
from babel.numbers import get_decimal_symbol, get_group_symbol

from bnviz.i18n import N_, _, current
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.paths_csv import paths_csv
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.race import figures as race_figures
from bnviz.lessons.race.runs import MAX_VIEW, NAMES, run_race, view_radius
from bnviz.lessons.race.script import race_script
from bnviz.lessons.race.settings import HYPER, OPTIMIZERS, RaceSpec
from bnviz.lessons.race.view import RaceView, race_view
from bnviz.plotting import lines
from bnviz.plotting.contour import DEPTH
from bnviz.plotting.paths import EXACT_HEAD, MAX_POINTS
from bnviz.plotting.surface import LIFT
from bnviz.plotting.window import GRID_2D, GRID_3D
from bnviz.settings import param_of
from bnviz.ui import exports, state
from bnviz.ui.bundles import bundle
from bnviz.ui.cached import Source, dataset, encoded
from bnviz.ui.language import per_language, with_spinner
from bnviz.ui.widgets import thumb

__all__ = ["HYPER", "OPTIMIZERS", "RaceSpec", "RaceView", "live", "view"]


@with_spinner(N_("Racing the optimizers…"))
@per_language
@st.cache_data(max_entries=32, show_spinner=False)
def view(lang: str, data_spec: Source, descent_spec: DescentSpec, race_spec: RaceSpec) -> RaceView:
    """The race on ``data_spec``'s rows: figures (as JSON), verdict, table and the sliders'
    marks, cached per language."""
    return encoded(race_view(dataset(data_spec), descent_spec, race_spec))


# ------------------------------------------------------------------ the browser's part

# The component's code (js/race/live.js and what it imports, bundled), registered at import.
_live = st.components.v2.component("bnviz.race_live", js=bundle("race_live"), isolate_styles=False)

# The settings a drag reruns live: every optimizer's rate and β (not ε: a log slider over
# twelve decades that nobody drags to watch).
LIVE_SETTINGS = tuple(name for names in HYPER.values() for name in names
                      if not name.endswith("_eps"))

# The rules the race's figures follow, for the browser to follow them too.
CONSTS: dict[str, float] = {
    "max_view": MAX_VIEW,
    "view_pad": inspect.signature(view_radius).parameters["pad"].default,
    "grid_3d": GRID_3D, "grid_2d": GRID_2D, "lift": LIFT, "depth": DEPTH,
    # race.figures._art's cuts: half the view's size around the top view, none on the surface.
    "margin_2d": 0.5, "margin_3d": 0.0,
    "thin_points": race_figures.MAX_POINTS, "thin_exact": race_figures._EXACT,
    "max_points": MAX_POINTS, "exact_head": EXACT_HEAD,
    "curve_points": race_figures.CURVE_POINTS,
    "gradient_arrow": race_figures.GRADIENT_ARROW, "velocity_arrow": race_figures.VELOCITY_ARROW,
    # plotting.lines.mark_rows: where the cost chart's marks go.
    "mark_row": lines.MARK_ROW, "char_px": lines._CHAR_PX, "narrow_px": lines._NARROW_PX,
}


def live(view: RaceView, *, charts: tuple[str, str, str] = ("race_contour", "race_surface",
                                                                  "race_cost"),
              key: str = "race_live") -> None:
    """Redraw the race charts (keys ``charts``: contour map, 3D surface, cost) live while a
    rate or β slider of ``view``'s page is dragged.

    Call after the sliders are drawn (their options must be this run's).
    """
    if view.live is None or not view.live["keys"]:
        return
    sliders = {param_of(RaceSpec, name).key: thumb(RaceSpec, name, view.marks.get(name))
               for name in LIVE_SETTINGS}
    # The words the browser writes, in the visitor's language: the racers' names (which also
    # find their traces), the arrows' note (found by its words) and the decimal mark of its
    # scale.
    lang = current()
    payload = {"live": view.live, "names": {key: _(name) for key, name in NAMES.items()},
               "note": _(race_figures.ARROWS_NOTE),
               "marks": {"decimal": get_decimal_symbol(lang), "group": get_group_symbol(lang)},
               "consts": CONSTS, "sliders": sliders,
               "charts": dict(zip(("contour", "surface", "cost"), charts, strict=True))}
    try:
        # JSON has no NaN or infinity: a surface that degenerate is left to the server.
        text = json.dumps(payload, separators=(",", ":"), allow_nan=False)
    except ValueError:
        return
    _live(key=key, data=text.encode())


# ------------------------------------------------------------------ downloads
def _files() -> exports.Files:
    """The race's paths as CSV and its computation as a script."""
    # state.current: the settings as the page run left them (i18n's current is the language).
    data, descent = state.current(DataSpec), state.current(DescentSpec)
    spec = state.current(RaceSpec)

    def paths() -> str:
        race = run_race(two_features(data), spec, descent)
        return paths_csv((field.label, run.name, run.trajectory)
                         for field in (race.raw, race.std) for run in field.runs)

    return {"paths.csv": (paths, "text/csv"),
            "race.py": (partial(race_script, data, descent, spec), "text/x-python")}


exports.offer("optimizer_race", _files)
