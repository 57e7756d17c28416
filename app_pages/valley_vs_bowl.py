"""Valley vs bowl: the seed article's experiment, live."""

import streamlit as st

from bnviz.ui import page, valley
from bnviz.ui.page import DataSpec, DescentSpec, _, param_of

page.setup(DataSpec, DescentSpec)
st.title(_("Valley vs bowl"))
st.caption(_("Fit y ≈ w1·A + w2·B by gradient descent on the mean squared error, once on the raw "
             "features and once on standardized ones."))

# In the main column, not the sidebar: on a phone the sidebar starts folded away.
data_spec = page.data_source(DataSpec, container=st.expander(_("Data: the features' ranges, or your CSV")))

with st.expander(_("Descent settings: steps, tolerance, start"), expanded=False):
    spec = page.controls_in_columns(DescentSpec, (("steps",), ("tol",), ("w1_0",), ("w2_0",)))

view = valley.view(data_spec, spec)
figures = view.figures

left, right = st.columns(2)
for column, mode, custom in ((left, "rate_raw", "lr_raw"), (right, "rate_std", "lr_std")):
    with column:
        page.widget(param_of(DescentSpec, mode))
        page.widget(param_of(DescentSpec, custom), disabled=st.session_state[mode] != "custom",
                  marks=view.marks[custom])

page.sync_url(data_spec, spec)
# Each side's key numbers; while a range or a custom rate is dragged, the browser redraws them
# and the four charts below itself, and the rerun on release confirms them.
valley.live(view)

left, right = st.columns(2)
for column, label in ((left, "raw"), (right, "standardized")):
    with column:
        page.chart(figures[f"{label}_surface"], key=f"{label}_surface", height=460)
        page.chart(figures[f"{label}_contour"], key=f"{label}_contour", height=460)

# The zig-zag, stroke by stroke: on the top view the raw path's swings overlap.
page.chart(figures["swing"], key="swing", height=400)
page.chart(figures["cost"], key="cost", height=320)
# The charts' headlines carry the lesson; the sentences with every figure are a click away.
with st.expander(_("The numbers: the features' spreads, the curvature, both runs"),
                 icon=":material/table:"):
    st.markdown(view.explanation)
    st.table(view.table, hide_index=True)
    st.caption(view.intercept)
