"""Deep networks: why depth needs batch normalization, trained live."""

import streamlit as st

from bnviz.ui import deep, page, runs
from bnviz.ui.deep import (
    DeepSweepSpec,
    DeepTrainSpec,
    DeepViewSpec,
    own_data_caption,
    setting_summary,
    sweep_stopped,
    training_stopped,
)
from bnviz.ui.own_classes import classification_source
from bnviz.ui.own_data import plain
from bnviz.ui.page import _, dotted, param_of

page.setup(DeepTrainSpec, DeepViewSpec, DeepSweepSpec)
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
                                seed=int(page.current(DeepTrainSpec).seed))
    train = deep.training_controls(own)
    st.button(_("Reset to the paper's setting"), on_click=page.reset, args=(DeepTrainSpec,),
              help=setting_summary(DeepTrainSpec()))
net, fit = train.configs()

status = st.container()
curves_slot = st.container()
sentence = st.empty()
st.header(_("One unit's input over training"))
unit_cols = st.columns(2)
layer = page.option_widget(param_of(DeepViewSpec, "layer"), list(range(1, net.depth + 1)),
                         container=unit_cols[0])
unit_p = param_of(DeepViewSpec, "unit")
page.clamp_setting(unit_p, 1, net.width)
unit = unit_cols[1].number_input(_(unit_p.label), min_value=1, max_value=net.width, step=1,
                                 key=unit_p.key)
unit_slot = st.container()
st.header(_("Each layer's outputs"))
at = page.option_widget(param_of(DeepViewSpec, "at"), deep.schedule(fit))
hist_slot = st.container()
st.header(_("How smooth is the loss along the gradient?"))
smooth_slot = st.container()

st.header(_("Depth sweep"))
st.caption(_("Steps each network needs to reach a test accuracy, for each depth, with every "
             "other setting as in “Network and training” above. It trains many networks, so it "
             "starts on its button."))
sweep_cols = st.columns(4)
for col, name in zip(sweep_cols, ("depth_lo", "depth_hi", "target", "max_steps"), strict=True):
    page.widget(param_of(DeepSweepSpec, name), container=col)
sweep_spec = page.current(DeepSweepSpec)
view = page.current(DeepViewSpec)
page.sync_url(train, view, sweep_spec)
go_sweep = st.button(_("Run the depth sweep"), icon=":material/play_arrow:", key="dn_sweep_go")
sweep_slot = st.container()

# ------------------------------------------------------------------ training, live
pool = deep.pool()
train_key = deep.training_key(train, own)
with status:
    if own is not None:
        st.caption(plain(own_data_caption(own.features, own.label, own.classes, own.n)))
    job = (runs.live_run(pool, train_key, start=True, label=_("Training both networks…"),
                       stop_label=_("Stop training"), again_label=_("Train again"),
                       key_prefix="dn_train", stopped=training_stopped)
           if deep.steps_allowed(fit.steps) else pool.get(train_key))
run = job.latest if job is not None else None

if run is not None:
    shown = deep.training(train_key, run.step, layer - 1, int(unit) - 1, run)
    with sentence.expander(_("The numbers: what the run shows"), expanded=False):
        st.markdown(_("{sentence} (Both networks trained in {seconds} s.)").format(
            sentence=shown.sentence, seconds=dotted(f"{run.result.seconds:.1f}")))
    with curves_slot:
        page.chart(shown.curves, key="dn_curves", height=360)
    with unit_slot:
        page.chart(shown.unit, key="dn_unit_chart", height=360)
        st.caption(shown.unit_caption)
    with hist_slot:
        page.chart(deep.histograms(train_key, run, at), key="dn_hist", height=420)
    with smooth_slot:
        page.chart(shown.smoothness, key="dn_smooth", height=360)
        st.caption(_("At each recorded step, step along −∇L by each η of the sweep and measure "
                     "the loss and how much the gradient changed. Narrow bands: the gradient is "
                     "a reliable guide, so larger steps are safe."))

# ------------------------------------------------------------------ depth sweep
skey = deep.sweep_key(train, sweep_spec, own)
with sweep_slot:
    if go_sweep and runs.is_done(pool.get(skey)):
        st.toast(_("This sweep is already done: its chart is below."))
    sweep_job = (runs.live_run(pool, skey, start=go_sweep, label=_("Sweeping depths…"),
                             stop_label=_("Stop sweep"), again_label=_("Run the sweep again"),
                             key_prefix="dn_sweep", stopped=sweep_stopped)
                 if deep.steps_allowed(sweep_spec.max_steps) else pool.get(skey))
    done = sweep_job.latest if sweep_job is not None else None
    if done is not None:
        sweep_view = deep.sweep(skey, done.done, done.result)
        st.markdown(_("**Depth sweep.** {sentence}").format(sentence=sweep_view.sentence))
        page.chart(sweep_view.figure, key="dn_sweep", height=360)
