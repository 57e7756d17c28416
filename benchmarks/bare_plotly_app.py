"""Throwaway baseline for benchmarks/bench_browser.py: the figures of "Valley vs bowl" shown
with a bare ``st.plotly_chart`` (which remounts its chart on every rerun) under one slider.

Run by the benchmark, not part of the app: ``streamlit run benchmarks/bare_plotly_app.py``.
"""

import sys
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bnviz.lessons.common.data import two_features  # noqa: E402
from bnviz.lessons.common.settings import DataSpec, DescentSpec  # noqa: E402
from bnviz.lessons.valley.experiment import compare  # noqa: E402
from bnviz.lessons.valley.figures import cost_figure, side_figures  # noqa: E402
from bnviz.numbers import fmt
from bnviz.settings import log_grid, param_of

st.set_page_config(layout="wide")


@st.cache_data(max_entries=32, show_spinner=False)
def figures(b_hi: float) -> dict[str, dict]:
    # the same computation and figure dicts as the app, cached the same way
    cmp = compare(two_features(DataSpec(b_hi=b_hi)), DescentSpec())
    figs = {f"{side.label}_{k}": v for side in (cmp.raw, cmp.std)
            for k, v in side_figures(side).items()}
    figs["cost"] = cost_figure(cmp)
    return figs


def typed(fig: dict) -> dict:
    """The figure with a ``type`` on every frame trace: plotly.js takes it from the trace the
    frame updates, but ``go.Figure`` validates a typeless trace as a scatter and fails."""
    for frame in fig.get("frames", []):
        for index, trace in zip(frame.get("traces", []), frame["data"], strict=False):
            trace.setdefault("type", fig["data"][index].get("type", "scatter"))
    return fig


p = param_of(DataSpec, "b_hi")
st.title("Bare st.plotly_chart")
with st.sidebar:
    b_hi = st.select_slider(p.label, options=log_grid(p.lo, p.hi, include=(200.0,)), value=200.0,
                            format_func=fmt, key="b_hi")
figs = figures(b_hi)
left, right = st.columns(2)
for col, side in ((left, "raw"), (right, "standardized")):
    with col:
        for kind in ("surface", "contour"):
            st.plotly_chart(go.Figure(typed(figs[f"{side}_{kind}"])), key=f"{side}_{kind}", height=460)
st.plotly_chart(go.Figure(typed(figs["cost"])), key="cost", height=320)
