"""Inside a batch: the seed's three steps on one mini-batch, running statistics, and
descent on normalized mini-batches."""

import streamlit as st

from bnviz.ui import batch, page
from bnviz.ui.batch import LookSpec, MiniSpec, RunningSpec, SplitSpec
from bnviz.ui.page import DataSpec, _, param_of

page.setup(DataSpec, SplitSpec, LookSpec, RunningSpec, MiniSpec)
st.title(_("Inside a batch"))
st.caption(_("Batch normalization standardizes each mini-batch with that batch's own mean and "
             "spread, then rescales it with γ and β. Watch it on your data, then see what it does "
             "to gradient descent."))

# In the main column, not the sidebar: on a phone the sidebar starts folded away.
data_spec = page.data_source(DataSpec, container=st.expander(_("Data: the features' ranges, or your CSV")))

# ------------------------------------------------------------------ controls
st.header(_("1. Split into mini-batches"))
size_column, seed_column, last_column = st.columns([2, 1, 1])
page.int_log_widget(param_of(SplitSpec, "size"), data_spec.n, container=size_column)
page.widget(param_of(SplitSpec, "seed"), container=seed_column)
page.widget(param_of(SplitSpec, "last"), container=last_column)
split_spec = page.current(SplitSpec)

st.header(_("2. Standardize with the batch's statistics, 3. scale and shift"))
batch_column, eps_column = st.columns([3, 2])
batch.batch_picker(data_spec, split_spec, container=batch_column)
page.widget(param_of(LookSpec, "eps"), container=eps_column)
undo = st.session_state[param_of(LookSpec, "undo").key] == "on"
columns = st.columns([1, 1, 1, 1, 2])
for column, name in zip(columns[:4], ("g1", "g2", "b1", "b2"), strict=True):
    page.number_widget(param_of(LookSpec, name), container=column, disabled=undo)
page.widget(param_of(LookSpec, "undo"), container=columns[4])
look_spec = page.current(LookSpec)

with st.expander(_("Running statistics: momentum and epochs"), expanded=False):
    momentum_column, epochs_column = st.columns(2)
    page.widget(param_of(RunningSpec, "momentum"), container=momentum_column)
    page.widget(param_of(RunningSpec, "epochs"), container=epochs_column)
running_spec = page.current(RunningSpec)

# The batch's panels and the running statistics are drawn here, above the descent's settings,
# once the one call below has every setting.
look_slot = st.container()
st.header(_("Running statistics, and training against inference"))
running_slot = st.container()

st.header(_("Descent on normalized mini-batches"))
with st.expander(_("Descent settings: steps, tolerance, start"), expanded=False):
    page.controls_in_columns(MiniSpec, (("steps",), ("tol",), ("w1_0",), ("w2_0",)))
mini_spec = page.current(MiniSpec)

# ------------------------------------------------------------------ one call
shown = batch.view(data_spec, split_spec, look_spec, running_spec, mini_spec)
look, running, spread, descent = shown.look, shown.running, shown.spread, shown.descent

# ------------------------------------------------------------------ charts and words
with look_slot:
    page.chart(look.figure, key="batch_panels", height=464)
    with st.expander(_("The numbers: this batch against the population"), expanded=False):
        left, right = st.columns([3, 2])
        left.markdown(look.split_sentence)
        left.markdown(look.batch_sentence)
        left.markdown(look.undo_sentence)
        right.table(look.table, hide_index=True)

with running_slot:
    page.chart(running.figure, key="running", height=440)
    page.chart(spread.figure, key="spread", height=460)
    with st.expander(_("The numbers: running statistics, one row, the spread"), expanded=False):
        st.markdown(running.sentence)
        st.markdown(look.row_sentence)
        st.markdown(spread.sentence)

# The rate's slider marks the full-batch stability limits, which the view computed.
page.widget(param_of(MiniSpec, "lr"), marks=descent.marks)
page.sync_url(data_spec, split_spec, look_spec, running_spec, mini_spec)

figures = descent.figures
left, right = st.columns(2)
with left:
    page.chart(figures["map"], key="descent_map", height=560)
with right:
    page.chart(figures["surface"], key="descent_surface", height=560)
page.chart(figures["cost"], key="descent_cost", height=340)
with st.expander(_("The numbers: how each descent ended, and how the paths share one map"),
                 expanded=False):
    st.markdown(descent.sentence)
    st.table(descent.table, hide_index=True)
    st.caption(descent.coordinates)
