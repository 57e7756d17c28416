"""The colours every chart draws with, and the look of a chart's title.

One home for colour, so a role (raw features, standardized features, batch norm) has the same
colour on every page and a new chart picks from the same few.
"""

from __future__ import annotations

import plotly.colors

# By role: what a curve stands for, on every page.
PALETTE = {"raw": "#e4572e", "standardized": "#1b998b", "batchnorm": "#7b2cbf",
           "accent": "#1f6feb"}
# For several runs of one kind (optimizers, rungs of a ladder), in this order.
CYCLE = ("#e4572e", "#1b998b", "#1f6feb", "#7b2cbf", "#f4a261", "#2a9d8f", "#6c757d")
# Two of a kind told apart: features A and B, the slow and the fast eigendirection.
PAIR = (CYCLE[0], CYCLE[2])
# The bands of a map's colour scale for cells with no value on it.
NOT_REACHED, DIVERGED = "#b8b8b8", "#d62728"
# Few steps (bright) to many steps (dark): plotly's own copy of viridis, as the contour maps'
# "Viridis" in plotly.js, reversed.
FEW_TO_MANY = tuple(plotly.colors.sequential.Viridis_r)


def title(text: str) -> dict:
    """A chart title at the top left, in the house's size."""
    return {"text": text, "x": 0.02, "font": {"size": 14}}


def rgba(color: str, alpha: float) -> str:
    """``color`` (``#rrggbb``) with opacity ``alpha``, as plotly.js takes it."""
    r, g, b = plotly.colors.hex_to_rgb(color)
    return f"rgba({r},{g},{b},{alpha})"
