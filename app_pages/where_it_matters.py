"""Where normalization matters: the map of convergence, and what standardization does not fix."""

import streamlit as st

from bnviz.ui import page, where
from bnviz.ui.page import DataSpec, DescentSpec, _, param_of
from bnviz.ui.where import LadderSpec, MapSpec

page.setup(DataSpec, MapSpec, LadderSpec)
st.title(_("Where normalization matters"))
st.caption(_("The further apart the features' scales, the narrower the range of learning rates "
             "that works on raw features; standardized, almost any scale works. But "
             "standardizing does not undo correlation between the features: whitening does."))

# In the main column, not the sidebar: on a phone the sidebar starts folded away.
with st.expander(_("Data: the features' ranges, or your CSV")):
    data_spec = page.data_source(DataSpec, container=st)
    if isinstance(data_spec, DataSpec):
        st.caption(_("On the map, each row sets its own upper bound of B; b_hi here is the "
                     "dashed line. The ladder below uses both bounds as they are."))
    else:
        st.caption(_("The map sweeps the scales of generated data, so it stays as it is; the "
                     "ladder below uses your file, with the correlation its features have."))

# ------------------------------------------------------------------ the map of convergence
st.header(_("The map of convergence"))

with st.expander(_("Map settings: grid, step budget, tolerance"), expanded=False):
    page.controls_in_columns(MapSpec, (("lr_lo", "lr_hi"), ("r_lo", "r_hi"), ("cells",),
                                     ("steps", "tol")))
page.widget(param_of(MapSpec, "metric"))

ratios, rates = where.pick_options(where.map_grid(data_spec, page.current(MapSpec)))
left, right = st.columns(2)
page.pick_value(param_of(MapSpec, "pick_r"), ratios, container=left)
page.pick_value(param_of(MapSpec, "pick_lr"), rates, container=right)
map_spec = page.current(MapSpec)

view = where.map_view(data_spec, map_spec)
query = view.query
if view.notice:
    st.info(view.notice)
page.chart(view.figure, key="map", height=560)
with st.expander(_("The numbers: what a cell is, the edges, the chosen cell"), expanded=False):
    st.caption(view.caption)
    st.markdown(view.sentence)
if query is None:
    st.caption(view.outside or "")
elif st.button(_("Open the chosen cell in “Valley vs bowl”"), icon=":material/landscape:",
               on_click=page.apply_query, args=(query, DataSpec, DescentSpec)):
    st.switch_page("app_pages/valley_vs_bowl.py")
if query is not None:
    st.caption(_("Or share it: [{link}]({link})").format(link=where.valley_link(query)))

# --------------------------------------------------------- what standardization does not fix
st.header(_("What standardization does not fix"))
# A visitor's rows bring their own correlation: the setting does not apply to them.
ladder_spec = page.controls_in_columns(
    LadderSpec, (("rate",), ("steps",)) if not isinstance(data_spec, DataSpec)
    else (("corr",), ("rate",), ("steps",)))
ladder = where.ladder_view(data_spec, ladder_spec)
figures = ladder.figures

page.chart(figures["eigenvalues"], key="ladder_eigenvalues", height=300)
for pair in ((0, 1), (2, 3)):
    for rung, column in zip(pair, st.columns(2), strict=True):
        with column:
            page.chart(figures[f"rung{rung}"], key=f"ladder_rung{rung}", height=460)
with st.expander(_("The numbers: each rung's data, curvature and descent"), expanded=False):
    st.caption(ladder.caption)
    st.markdown(ladder.lesson)
    st.table(ladder.table, hide_index=True)
st.subheader(_("Error along each eigendirection"))
st.caption(_("As in Goh, “Why Momentum Really Works” (Distill, 2017): each step multiplies the "
             "error along eigenvector i by (1 − lr·λᵢ). Solid: measured; dashed: theory."))
page.chart(figures["errors"], key="ladder_errors", height=500)

page.sync_url(data_spec, map_spec, ladder_spec)
