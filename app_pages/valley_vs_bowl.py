"""Valley vs bowl: the seed article's experiment, live."""

import streamlit as st

from bnviz import ui
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.settings import param_of

ui.setup(DataSpec, DescentSpec)
st.title("Valley vs bowl")
st.caption("Fit y ≈ w1·A + w2·B by gradient descent on the mean squared error, once on the raw "
           "features and once on standardized ones.")

with st.sidebar:
    st.header("Data")
    data_spec = ui.data_controls(DataSpec)

with st.expander("Descent settings: steps, tolerance, start", expanded=False):
    spec = ui.controls_in_columns(DescentSpec, (("steps",), ("tol",), ("w1_0",), ("w2_0",)))

view = ui.valley(data_spec, spec)
cmp, figs = view.comparison, view.figures

left, right = st.columns(2)
for col, side, mode, custom in ((left, cmp.raw, "rate_raw", "lr_raw"),
                                (right, cmp.std, "rate_std", "lr_std")):
    with col:
        ui.widget(param_of(DescentSpec, mode))
        cond = side.conditioning
        ui.widget(param_of(DescentSpec, custom), disabled=st.session_state[mode] != "custom",
                  marks={cond.lr_optimal: "optimal", cond.lr_stable: "2/λmax"})

ui.sync_url(data_spec, spec)

left, right = st.columns(2)
for col, side in ((left, "raw"), (right, "standardized")):
    with col:
        ui.chart(figs[f"{side}_surface"], key=f"{side}_surface", height=460)
        ui.chart(figs[f"{side}_contour"], key=f"{side}_contour", height=460)

st.markdown(view.explanation)
ui.chart(figs["cost"], key="cost", height=320)
st.dataframe(view.table, hide_index=True, width="stretch")
st.caption("The standardized target is centred (y − mean y): the same as an intercept held at "
           "its optimum, which is why the two surfaces bottom out at different heights when the "
           "data needs an intercept.")
