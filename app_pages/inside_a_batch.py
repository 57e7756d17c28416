"""Inside a batch: the seed's three steps on one mini-batch, running statistics, and
descent on normalized mini-batches."""

import streamlit as st

from bnviz import ui
from bnviz.batch_narrative import COORDINATES
from bnviz.settings import DataSpec, param_of
from bnviz.settings_batch import LookSpec, MiniSpec, RunningSpec, SplitSpec

ui.setup(DataSpec, SplitSpec, LookSpec, RunningSpec, MiniSpec)
st.title("Inside a batch")
st.caption("Batch normalization's three steps on a mini-batch of your data: split, standardize "
           "with the batch's own statistics, scale and shift with γ and β. Then what it does to "
           "gradient descent.")

with st.sidebar:
    st.header("Data")
    data_spec = ui.data_controls(DataSpec)

st.subheader("1. Split into mini-batches")
c1, c2, c3 = st.columns([2, 1, 1])
ui.int_log_widget(param_of(SplitSpec, "size"), data_spec.n, container=c1)
ui.widget(param_of(SplitSpec, "seed"), container=c2)
ui.widget(param_of(SplitSpec, "last"), container=c3)
split_spec = ui.current(SplitSpec)

k = ui.batch_count(data_spec.n, split_spec)
index_param = param_of(LookSpec, "index")
ui.clamp_setting(index_param, 1, k)

st.subheader("2. Standardize with the batch's statistics, 3. scale and shift")
c1, c2 = st.columns([3, 2])
if k > 1:
    c1.slider("Batch (▶ in the chart plays them all)", min_value=1, max_value=k,
              key=index_param.key)
else:
    c1.markdown("One batch holds every row.")
ui.widget(param_of(LookSpec, "eps"), container=c2)
undo = st.session_state[param_of(LookSpec, "undo").key] == "on"
cols = st.columns([1, 1, 1, 1, 2])
for col, name in zip(cols[:4], ("g1", "g2", "b1", "b2"), strict=True):
    ui.number_widget(param_of(LookSpec, name), container=col, disabled=undo)
ui.widget(param_of(LookSpec, "undo"), container=cols[4])
look_spec = ui.current(LookSpec)

with st.expander("Running statistics: momentum and epochs", expanded=False):
    c1, c2 = st.columns(2)
    ui.widget(param_of(RunningSpec, "momentum"), container=c1)
    ui.widget(param_of(RunningSpec, "epochs"), container=c2)
running_spec = ui.current(RunningSpec)

panels, texts, stats = ui.batch_look(data_spec, split_spec, look_spec, running_spec)
st.markdown(texts["split"])
ui.chart(panels, key="batch_panels", height=430)
left, right = st.columns([3, 2])
left.markdown(texts["batch"])
left.markdown(texts["undo"])
right.dataframe(stats, hide_index=True, width="stretch")

st.subheader("Running statistics, and training against inference")
run_fig, run_text = ui.batch_running(data_spec, split_spec, running_spec)[1:]
st.markdown(run_text)
ui.chart(run_fig, key="running", height=420)
st.markdown(texts["row"])
spread_fig, spread_text = ui.batch_spread(data_spec, split_spec.seed, look_spec.eps,
                                          split_spec.size)
ui.chart(spread_fig, key="spread", height=440)
st.markdown(spread_text)

st.subheader("Descent on normalized mini-batches")
with st.expander("Descent settings: steps, tolerance, start", expanded=False):
    c1, c2, c3, c4 = st.columns(4)
    for col, name in zip((c1, c2, c3, c4), ("steps", "tol", "w1_0", "w2_0"), strict=True):
        ui.controls(MiniSpec, (name,), container=col)
mini_spec = ui.current(MiniSpec)
figs, descent_text, table, marks = ui.batch_descent(data_spec, split_spec, look_spec.eps,
                                                    running_spec.momentum, mini_spec)
ui.widget(param_of(MiniSpec, "lr"), marks=marks)
ui.sync_url(data_spec, split_spec, look_spec, running_spec, mini_spec)

st.markdown(descent_text)
left, right = st.columns(2)
with left:
    ui.chart(figs["map"], key="descent_map", height=480)
with right:
    ui.chart(figs["surface"], key="descent_surface", height=480)
st.caption(COORDINATES)
ui.chart(figs["cost"], key="descent_cost", height=320)
st.dataframe(table, hide_index=True, width="stretch")
