"""Optimizer race: would a better optimizer fix the valley without normalizing?"""

import streamlit as st

from bnviz.ui import page, race
from bnviz.ui.page import DataSpec, DescentSpec, _, param_of
from bnviz.ui.race import HYPER, OPTIMIZERS, RaceSpec

page.setup(DataSpec, DescentSpec, RaceSpec)
st.title(_("Optimizer race"))
st.caption(_("Would a cleverer optimizer fix the valley without normalizing the features? Five "
             "optimizers race from the same start, on raw features or on standardized ones."))

# The stage: the racers' controls (one tab each: on or off, the rate, β) above the two race
# charts they move and the features' space below them, each on one screen with the charts, on
# a laptop and on a phone; the data below, folded.
racers, charts, top, notes, data = (st.container() for _i in range(5))
data_spec = page.data_source(DataSpec, container=data.expander(_("Data: the features' ranges, or your CSV")))
space, steps = top.columns([2, 3])
page.widget(param_of(RaceSpec, "space"), container=space)
with steps.expander(_("Steps, tolerance, start (shared with Valley vs bowl)"), expanded=False):
    descent_spec = page.controls_in_columns(DescentSpec, (("steps",), ("tol",), ("w1_0",), ("w2_0",)))

spec = page.current(RaceSpec)
view = race.view(data_spec, descent_spec, spec)
figures = view.figures

racers.caption(_("The racers: switch them on and off, set their rates"))
for tab, (key, _name) in zip(racers.tabs([_(name) for _key, name in OPTIMIZERS]), OPTIMIZERS, strict=True):
    columns = tab.columns(1 + len(HYPER[key]))
    page.widget(param_of(RaceSpec, key), container=columns[0])
    off = st.session_state[param_of(RaceSpec, key).key] == "off"
    for column, name in zip(columns[1:], HYPER[key], strict=True):
        page.widget(param_of(RaceSpec, name), marks=view.marks.get(name), disabled=off, container=column)
# While a rate or a β is dragged, the browser reruns the race and paints the charts.
race.live(view)
page.sync_url(data_spec, descent_spec, spec)

left, right = charts.columns(2)
with left:
    page.chart(figures["contour"], key="race_contour", height=480)
with right:
    page.chart(figures["surface"], key="race_surface", height=480)
notes.caption(_("Press ▶ to watch the race, or drag the step slider. At each path's head the dotted "
                "arrow points down the steepest slope (−∇f, drawn at a fixed length) and the solid "
                "one is the velocity that momentum, Nesterov and Adam carry into the next step: in "
                "a valley the slope points across it, while the velocity builds up along its "
                "floor."))
with notes:
    page.chart(figures["cost"], key="race_cost", height=340)

with st.expander(_("The numbers: who won, each rate and result"), expanded=False):
    st.markdown(_("**Verdict.** {verdict}").format(verdict=view.verdict))
    if view.table:
        st.table(view.table, hide_index=True)

with st.expander(_("How the learning rates are set"), expanded=False):
    st.markdown(
        _("Gradient descent, momentum and Nesterov move by *lr × gradient*, so a good rate "
          "depends on the curvature of the surface, which can differ by orders of magnitude "
          "between raw and standardized features. Their sliders set the rate as a multiple of "
          "plain descent's optimal rate 2/(λmin+λmax) on each surface, so one slider position "
          "is an equally fair setting on both sides; the slider marks the multiple at which "
          "that optimizer diverges on the surface shown. RMSProp and Adam divide the gradient "
          "by its own running size, so each coordinate moves by about *lr* per step whatever "
          "the curvature: their sliders set the rate as a fraction of the distance from the "
          "start to the minimum.") + " " + view.units)
