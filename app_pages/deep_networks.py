"""Deep networks: why depth needs batch normalization, trained live."""

import streamlit as st

from bnviz import ui
from bnviz.core.recording import record_steps
from bnviz.i18n import _
from bnviz.lessons.deep.live import on_data, record_index, sweep_key
from bnviz.lessons.deep.settings import DeepSweepSpec, DeepTrainSpec, DeepViewSpec
from bnviz.lessons.deep.text import (
    own_data_caption,
    setting_summary,
    sweep_stopped,
    training_stopped,
)
from bnviz.numbers import dotted
from bnviz.settings import param_of, params_of
from bnviz.ui.own_classes import classification_source
from bnviz.ui.own_data import plain

ui.setup(DeepTrainSpec, DeepViewSpec, DeepSweepSpec)
st.title(_("Deep networks"))
st.caption(_("The deeper the network, the slower it trains, unless each layer's input is "
             "normalized. Two networks train side by side from the same weights on the same "
             "batches, one with batch normalization (after Ioffe & Szegedy 2015, Santurkar et "
             "al. 2018)."))

# In the main column, not the sidebar: on a phone the sidebar starts folded away. A visitor's
# CSV takes the place of the built-in data set (whose choice is then not shown); its rows are
# split with the training's seed, as the built-in sets are.
link_notice = st.container()
with st.expander(_("Network and training: depth, width, rate, steps")):
    own = classification_source(container=st, notice=link_notice,
                                seed=int(ui.current(DeepTrainSpec).seed))
    train = ui.controls(DeepTrainSpec, None if own is None else
                        tuple(name for name, _p in params_of(DeepTrainSpec) if name != "dataset"))
    st.button(_("Reset to the paper's setting"), on_click=ui.reset, args=(DeepTrainSpec,),
              help=setting_summary(DeepTrainSpec()))
net, fit = train.configs()

status = st.container()
curves_slot = st.container()
sentence = st.empty()
st.header(_("One unit's input over training"))
unit_cols = st.columns(2)
layer = ui.option_widget(param_of(DeepViewSpec, "layer"), list(range(1, net.depth + 1)),
                         container=unit_cols[0])
unit_p = param_of(DeepViewSpec, "unit")
ui.clamp_setting(unit_p, 1, net.width)
unit = unit_cols[1].number_input(_(unit_p.label), min_value=1, max_value=net.width, step=1,
                                 key=unit_p.key)
unit_slot = st.container()
st.header(_("Each layer's outputs"))
schedule = [int(s) for s in record_steps(fit.steps, fit.n_records)]
at = ui.option_widget(param_of(DeepViewSpec, "at"), schedule)
hist_slot = st.container()
st.header(_("How smooth is the loss along the gradient?"))
smooth_slot = st.container()

st.header(_("Depth sweep"))
st.caption(_("Steps each network needs to reach a test accuracy, for each depth, with every "
             "other setting from the sidebar. It trains many networks, so it starts on its "
             "button."))
sweep_cols = st.columns(4)
for col, name in zip(sweep_cols, ("depth_lo", "depth_hi", "target", "max_steps"), strict=True):
    ui.widget(param_of(DeepSweepSpec, name), container=col)
sweep_spec = ui.current(DeepSweepSpec)
view = ui.current(DeepViewSpec)
ui.sync_url(train, view, sweep_spec)
go_sweep = st.button(_("Run the depth sweep"), icon=":material/play_arrow:", key="dn_sweep_go")
sweep_slot = st.container()

# ------------------------------------------------------------------ training, live
pool = ui.deep_pool()
train_key = on_data(train, own)
with status:
    if own is not None:
        st.caption(plain(own_data_caption(own.features, own.label, own.classes, own.n)))
    job = (ui.live_run(pool, train_key, start=True, label=_("Training both networks…"),
                       stop_label=_("Stop training"), again_label=_("Train again"),
                       key_prefix="dn_train", stopped=training_stopped)
           if ui.steps_allowed(fit.steps) else pool.get(train_key))
run = job.latest if job is not None else None

if run is not None:
    index = record_index(run.result.plain.steps, at)
    shown = ui.deep_training(train_key, run.step, layer - 1, int(unit) - 1, run)
    with sentence.expander(_("The numbers: what the run shows"), expanded=False):
        st.markdown(_("{sentence} (Both networks trained in {seconds} s.)").format(
            sentence=shown.sentence, seconds=dotted(f"{run.result.seconds:.1f}")))
    with curves_slot:
        ui.chart(shown.curves, key="dn_curves", height=360)
    with unit_slot:
        ui.chart(shown.unit, key="dn_unit_chart", height=360)
        st.caption(shown.unit_caption)
    with hist_slot:
        ui.chart(ui.deep_hist(train_key, run.step, index, run), key="dn_hist", height=420)
    with smooth_slot:
        ui.chart(shown.smoothness, key="dn_smooth", height=360)
        st.caption(_("At each recorded step, step along −∇L by each η of the sweep and measure "
                     "the loss and how much the gradient changed. Narrow bands: the gradient is "
                     "a reliable guide, so larger steps are safe."))

# ------------------------------------------------------------------ depth sweep
skey = on_data(sweep_key(train, sweep_spec), own)
with sweep_slot:
    if go_sweep and ui.is_done(pool.get(skey)):
        st.toast(_("This sweep is already done: its chart is below."))
    sweep_job = (ui.live_run(pool, skey, start=go_sweep, label=_("Sweeping depths…"),
                             stop_label=_("Stop sweep"), again_label=_("Run the sweep again"),
                             key_prefix="dn_sweep", stopped=sweep_stopped)
                 if ui.steps_allowed(sweep_spec.max_steps) else pool.get(skey))
    done = sweep_job.latest if sweep_job is not None else None
    if done is not None:
        sweep_view = ui.deep_sweep(skey, done.done, done.result)
        st.markdown(_("**Depth sweep.** {sentence}").format(sentence=sweep_view.sentence))
        ui.chart(sweep_view.figure, key="dn_sweep", height=360)
