"""Inside a batch: the seed's three steps on one mini-batch, running statistics, and
descent on normalized mini-batches."""

import streamlit as st

from bnviz import ui
from bnviz.core.batches import count, split
from bnviz.i18n import _
from bnviz.lessons.batch.settings import LookSpec, MiniSpec, RunningSpec, SplitSpec
from bnviz.lessons.batch.text import only_batch_sentence
from bnviz.lessons.common.settings import DataSpec
from bnviz.settings import param_of

ui.setup(DataSpec, SplitSpec, LookSpec, RunningSpec, MiniSpec)
st.title(_("Inside a batch"))
st.caption(_("Batch normalization standardizes each mini-batch with that batch's own mean and "
             "spread, then rescales it with γ and β. Watch it on your data, then see what it does "
             "to gradient descent."))

# In the main column, not the sidebar: on a phone the sidebar starts folded away.
data_spec = ui.data_source(DataSpec, container=st.expander(_("Data: the features' ranges, or your CSV")))

st.header(_("1. Split into mini-batches"))
size_column, seed_column, last_column = st.columns([2, 1, 1])
ui.int_log_widget(param_of(SplitSpec, "size"), data_spec.n, container=size_column)
ui.widget(param_of(SplitSpec, "seed"), container=seed_column)
ui.widget(param_of(SplitSpec, "last"), container=last_column)
split_spec = ui.current(SplitSpec)

batch_count = count(data_spec.n, split_spec.size, last=split_spec.last)
index_param = param_of(LookSpec, "index")
ui.clamp_setting(index_param, 1, batch_count)

st.header(_("2. Standardize with the batch's statistics, 3. scale and shift"))
batch_column, eps_column = st.columns([3, 2])
if batch_count > 1:
    batch_column.slider(_("Batch (▶ in the chart plays them all)"), min_value=1,
                        max_value=batch_count, key=index_param.key)
else:
    batch_column.markdown(only_batch_sentence(split(data_spec.n, split_spec.size,
                                                    seed=split_spec.seed, last=split_spec.last)))
ui.widget(param_of(LookSpec, "eps"), container=eps_column)
undo = st.session_state[param_of(LookSpec, "undo").key] == "on"
columns = st.columns([1, 1, 1, 1, 2])
for column, name in zip(columns[:4], ("g1", "g2", "b1", "b2"), strict=True):
    ui.number_widget(param_of(LookSpec, name), container=column, disabled=undo)
ui.widget(param_of(LookSpec, "undo"), container=columns[4])
look_spec = ui.current(LookSpec)

with st.expander(_("Running statistics: momentum and epochs"), expanded=False):
    momentum_column, epochs_column = st.columns(2)
    ui.widget(param_of(RunningSpec, "momentum"), container=momentum_column)
    ui.widget(param_of(RunningSpec, "epochs"), container=epochs_column)
running_spec = ui.current(RunningSpec)

look = ui.batch_look(data_spec, split_spec, look_spec, running_spec)
ui.chart(look.figure, key="batch_panels", height=464)
with st.expander(_("The numbers: this batch against the population"), expanded=False):
    left, right = st.columns([3, 2])
    left.markdown(look.split_sentence)
    left.markdown(look.batch_sentence)
    left.markdown(look.undo_sentence)
    right.table(look.table, hide_index=True)

st.header(_("Running statistics, and training against inference"))
running = ui.batch_running(data_spec, split_spec, running_spec)
ui.chart(running.figure, key="running", height=440)
spread = ui.batch_spread(data_spec, split_spec.seed, look_spec.eps, split_spec.size)
ui.chart(spread.figure, key="spread", height=460)
with st.expander(_("The numbers: running statistics, one row, the spread"), expanded=False):
    st.markdown(running.sentence)
    st.markdown(look.row_sentence)
    st.markdown(spread.sentence)

st.header(_("Descent on normalized mini-batches"))
with st.expander(_("Descent settings: steps, tolerance, start"), expanded=False):
    ui.controls_in_columns(MiniSpec, (("steps",), ("tol",), ("w1_0",), ("w2_0",)))
mini_spec = ui.current(MiniSpec)
descent = ui.batch_descent(data_spec, split_spec, look_spec.eps, running_spec.momentum, mini_spec)
figures = descent.figures
ui.widget(param_of(MiniSpec, "lr"), marks=descent.marks)
ui.sync_url(data_spec, split_spec, look_spec, running_spec, mini_spec)

left, right = st.columns(2)
with left:
    ui.chart(figures["map"], key="descent_map", height=560)
with right:
    ui.chart(figures["surface"], key="descent_surface", height=560)
ui.chart(figures["cost"], key="descent_cost", height=340)
with st.expander(_("The numbers: how each descent ended, and how the paths share one map"),
                 expanded=False):
    st.markdown(descent.sentence)
    st.table(descent.table, hide_index=True)
    st.caption(descent.coordinates)
