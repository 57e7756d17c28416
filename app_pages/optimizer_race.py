"""Optimizer race: would a better optimizer fix the valley without normalizing?"""

import streamlit as st

from bnviz import ui
from bnviz.settings import DataSpec, DescentSpec, param_of
from bnviz.settings_race import OPTIMIZERS, RaceSpec

HYPER = {"gd": ("gd_lr",), "mom": ("mom_lr", "mom_beta"), "nag": ("nag_lr", "nag_beta"),
         "rms": ("rms_lr", "rms_beta", "rms_eps"),
         "adam": ("adam_lr", "adam_beta1", "adam_beta2", "adam_eps")}



def beta_slider(name: str, *, disabled: bool) -> None:
    """A β slider showing every digit of its step (ui.widget's sliders show two decimals,
    and 0.999 must not read as 1.00)."""
    p = param_of(RaceSpec, name)
    digits = len(f"{p.step:f}".rstrip("0").split(".")[1])
    st.slider(p.label, min_value=p.lo, max_value=p.hi, step=p.step, format=f"%.{digits}f",
              key=p.key, help=p.help, disabled=disabled)


ui.setup(DataSpec, DescentSpec, RaceSpec)
st.title("Optimizer race")
st.caption("Would a cleverer optimizer fix the valley without normalizing the features? Race "
           "plain gradient descent against momentum, Nesterov, RMSProp and Adam on the raw "
           "features and on standardized ones, from the same start.")

with st.sidebar:
    st.header("Data")
    data_spec = ui.data_controls(DataSpec)

top = st.columns([2, 3])
ui.widget(param_of(RaceSpec, "space"), container=top[0])
with top[1].expander("Steps, tolerance, start (shared with Valley vs bowl)", expanded=False):
    c1, c2, c3, c4 = st.columns(4)
    ui.controls(DescentSpec, ("steps",), container=c1)
    ui.controls(DescentSpec, ("tol",), container=c2)
    ui.controls(DescentSpec, ("w1_0",), container=c3)
    ui.controls(DescentSpec, ("w2_0",), container=c4)

spec, descent_spec = ui.current(RaceSpec), ui.current(DescentSpec)
race, figs, verdict, units, table, marks = ui.race(data_spec, descent_spec, spec)

for col, (key, _) in zip(st.columns(len(OPTIMIZERS)), OPTIMIZERS, strict=True):
    with col.container(border=True):
        ui.widget(param_of(RaceSpec, key))
        off = st.session_state[param_of(RaceSpec, key).key] == "off"
        for name in HYPER[key]:
            if "beta" in name:
                beta_slider(name, disabled=off)
            else:
                ui.widget(param_of(RaceSpec, name), marks=marks.get(name), disabled=off)

ui.sync_url(data_spec, descent_spec, spec)

st.markdown(f"**Verdict.** {verdict}")
left, right = st.columns(2)
with left:
    ui.chart(figs["contour"], key="race_contour", height=480)
with right:
    ui.chart(figs["surface"], key="race_surface", height=480)
st.caption("Press ▶ to watch the race, or drag the step slider. At each path's head the dotted "
           "arrow points down the steepest slope (−∇f, drawn at a fixed length) and the solid "
           "one is the velocity that momentum, Nesterov and Adam carry into the next step: in a "
           "valley the slope points across it, while the velocity builds up along its floor.")
ui.chart(figs["cost"], key="race_cost", height=340)
if table:
    st.dataframe(table, hide_index=True, width="stretch")

st.subheader("How the learning rates are set")
st.markdown(
    "Gradient descent, momentum and Nesterov move by *lr × gradient*, so a good rate depends "
    "on the curvature of the surface, which differs by orders of magnitude between raw and "
    "standardized features. Their sliders set the rate as a multiple of plain descent's "
    "optimal rate 2/(λmin+λmax) on each surface, so one slider position is an equally fair "
    "setting on both sides; the slider marks the multiple at which that optimizer diverges "
    "on the surface shown. RMSProp and Adam divide the gradient by its own running size, so "
    "each coordinate moves by about *lr* per step whatever the curvature: their sliders set "
    "the rate as a fraction of the distance from the start to the minimum. " + units)
