"""Home: what batch normalization is, and what this app lets you test."""

import streamlit as st

from bnviz.ui import tour, valley
from bnviz.ui.page import N_, DataSpec, DescentSpec, _
from bnviz.ui.valley import data_phrase

st.title(_("Batch normalization, made visible"))
st.markdown(_(
    "Batch normalization standardizes what flows between the layers of a network, one "
    "mini-batch at a time. Its three steps, as the seed article (Peng Qian, *Visualizing What "
    "Batch Normalization Is and Its Advantages*) puts them:"
))
st.markdown(_("1. Split the data set at random into mini-batches of size $m$, without "
              "replacement."))
st.markdown(_("2. Standardize each feature within the batch $\\mathcal{B}$ with the batch's "
              "own statistics:"))
st.latex(r"\mu_\mathcal{B} = \frac{1}{m}\sum_{i\in\mathcal{B}} x_i,\qquad "
         r"\sigma^2_\mathcal{B} = \frac{1}{m}\sum_{i\in\mathcal{B}} (x_i-\mu_\mathcal{B})^2,\qquad "
         r"\hat{x}_i = \frac{x_i - \mu_\mathcal{B}}{\sqrt{\sigma^2_\mathcal{B} + \varepsilon}}")
st.markdown(_("3. Scale and shift with learned parameters, so the network can undo the "
              "standardization where that helps:"))
st.latex(r"y_i = \gamma\,\hat{x}_i + \beta")

tour.start_button()

st.header(_("The claim you can test here"))
# The claim's numbers are measured on the seed article's data, not promised.
seed_example = valley.view(DataSpec(), DescentSpec())
st.markdown(_(
    "When features have very different scales, the cost of gradient descent is not a round "
    "bowl but a long, narrow valley: the step size that is safe across the valley is tiny "
    "along it, so descent zig-zags and crawls. Standardizing the features makes the valley a "
    "bowl. On the seed article's data ({data}), {speed} Batch normalization does this to "
    "every layer's input, batch by batch, which is why deep networks train faster with it."
).format(data=data_phrase(DataSpec()), speed=seed_example.speed))

st.header(_("Pages"))
LINKS = (
    ("valley_vs_bowl", ":material/landscape:", N_(
        "Valley vs bowl: drag a feature's scale and watch the cost surface stretch, descent "
        "crawl, and standardizing fix it.")),
    ("inside_a_batch", ":material/stacks:", N_(
        "Inside a batch: watch one mini-batch get standardized, scaled and shifted, running "
        "statistics converge, and descent on normalized batches.")),
    ("optimizer_race", ":material/sprint:", N_(
        "Optimizer race: would momentum, Nesterov, RMSProp or Adam fix the valley without "
        "normalizing? Race them on raw and standardized features.")),
    ("where_it_matters", ":material/grid_on:", N_(
        "Where normalization matters: a map of convergence over learning rate and feature "
        "scales, with theory's stability edge on it; and what standardization leaves unfixed "
        "(correlation) until the data is whitened.")),
    ("deep_networks", ":material/hub:", N_(
        "Deep networks: train a deep network with and without batch normalization, live, and "
        "watch depth slow it down unless each layer's input is normalized (Ioffe & Szegedy's "
        "Figure 1, Santurkar's smoothness bands).")),
)
for script, icon, label in LINKS:
    st.page_link(f"app_pages/{script}.py", label=_(label), icon=icon)
