"""Valley vs bowl: the seed article's experiment, live."""

import streamlit as st

from bnviz.ui import page, valley
from bnviz.ui.page import DataSpec, DescentSpec, _, param_of

page.setup(DataSpec, DescentSpec)
st.title(_("Valley vs bowl"))
st.caption(_("Fit y ≈ w1·A + w2·B by gradient descent on the mean squared error, once on the raw "
             "features and once on standardized ones."))

# The stage: each live control on one screen with the charts it moves, on a laptop and on a
# phone: A's and B's ranges above the top views, the rates between them and the 3D views, why
# the rates are what they are and the folded settings below. (Places first, filled in the
# order the numbers need.)
ranges, readout, tops, rates, surfaces, why, settings = (st.container() for _i in range(7))
front = dict(zip(("a_hi", "b_hi"), ranges.columns(2), strict=True))
data_spec = page.data_source(DataSpec, front=front,
                             container=settings.expander(_("Data: the features' ranges, or your CSV")))
with settings.expander(_("Descent settings: steps, tolerance, start"), expanded=False):
    spec = page.controls_in_columns(DescentSpec, (("steps",), ("tol",), ("w1_0",), ("w2_0",)))

view = valley.view(data_spec, spec)
figures = view.figures

for column, (mode, custom) in zip(rates.columns(2), (("rate_raw", "lr_raw"), ("rate_std", "lr_std")),
                                 strict=True):
    with column:
        page.widget(param_of(DescentSpec, mode))
        page.widget(param_of(DescentSpec, custom), disabled=st.session_state[mode] != "custom",
                    marks=view.marks[custom])
why.caption(view.rates)

page.sync_url(data_spec, spec)
# Each side's key numbers; while a range or a rate is dragged, the browser paints them and the
# four charts itself, and the rerun on release confirms them.
with readout:
    valley.live(view)
for place, kind in ((tops, "contour"), (surfaces, "surface")):
    for column, label in zip(place.columns(2), ("raw", "standardized"), strict=True):
        with column:
            page.chart(figures[f"{label}_{kind}"], key=f"{label}_{kind}", height=420)

# The zig-zag, stroke by stroke, and the cost per step.
page.chart(figures["swing"], key="swing", height=400)
page.chart(figures["cost"], key="cost", height=320)
# The charts' headlines carry the lesson; the sentences with every figure are a click away.
with st.expander(_("The numbers: the features' spreads, the curvature, both runs"),
                 icon=":material/table:"):
    st.markdown(view.explanation)
    st.table(view.table, hide_index=True)
    st.caption(view.intercept)
