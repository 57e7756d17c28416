"""The colours every chart draws with, and the look of a chart's title.

One home for colour, so a role (raw features, standardized features, batch norm) has the same
colour on every page and a new chart picks from the same few.
"""

from __future__ import annotations

import math
import textwrap

import plotly.colors
from babel.numbers import get_decimal_symbol

from bnviz.i18n import DEFAULT, current

# Okabe & Ito's colours (2008), chosen to stay apart under the common colour-vision
# deficiencies (tests/unit/plotting/test_palette.py simulates them).
# By role: what a curve stands for, on every page.
PALETTE = {"raw": "#d55e00", "standardized": "#009e73", "batchnorm": "#cc79a7",
           "accent": "#0072b2"}
# For several runs of one kind (optimizers, rungs of a ladder), in this order.
CYCLE = ("#d55e00", "#009e73", "#0072b2", "#cc79a7", "#e69f00", "#56b4e9", "#6c757d")
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


# A chart's toolbar (plotly's modebar) floats over its top right corner; on a phone it spans
# most of the width. A headline starts below this band, so the two never meet.
MODEBAR = 30
# Pixels per line of a headline (14 px text, in the app's font or plotly's) and per row of a
# horizontal legend.
LINE, LEGEND_ROW = 21, 29
# plotly.js sets a top-anchored title's first baseline at its y, so the text rises this far
# above it (measured in Chromium, 14 px text).
_TITLE_RISE = 13
# Characters per headline line: a phone's chart (about 350 px) holds about 48 of them.
HEADLINE_CHARS = 46


def lines(text: str, chars: int = HEADLINE_CHARS) -> list[str]:
    """``text`` broken at spaces into lines of at most ``chars`` characters (a word longer
    than that keeps a line to itself); an explicit ``<br>`` starts a new line."""
    out: list[str] = []
    for part in text.split("<br>"):
        out += textwrap.wrap(part, chars, break_long_words=False) or [""]
    return out


def headline(text: str, *, height: int, chars: int = HEADLINE_CHARS) -> dict:
    """A chart's headline as its title: top left, below the toolbar's band, wrapped to lines
    of ``chars`` characters (plotly.js never wraps a title: a long one is cut off).

    ``height`` is the chart's, in pixels: the title's place is a fraction of it.
    """
    return {"text": "<br>".join(lines(text, chars)), "font": {"size": 14},
            "x": 0, "xref": "container", "xanchor": "left", "pad": {"l": 10},
            "y": 1 - (MODEBAR + _TITLE_RISE) / height, "yref": "container", "yanchor": "top"}


def top_margin(text: str, *, legend_rows: int = 0, chars: int = HEADLINE_CHARS,
               gap: int = 8) -> int:
    """The top margin that holds the toolbar's band, the headline ``text`` and
    ``legend_rows`` rows of a legend between the headline and the plot."""
    return MODEBAR + LINE * len(lines(text, chars)) + LEGEND_ROW * legend_rows + gap


def legend_on_top(text: str, *, height: int, chars: int = HEADLINE_CHARS) -> dict:
    """A horizontal legend right under the headline ``text`` of a chart ``height`` pixels
    tall, growing downwards: placed in the chart's own frame, it stays clear of the headline
    whatever the plot's size (reserve its rows with :func:`top_margin`)."""
    top = MODEBAR + LINE * len(lines(text, chars)) + 4
    return {"orientation": "h", "x": 0, "xanchor": "left", "xref": "container",
            "y": 1 - top / height, "yanchor": "top", "yref": "container",
            "bgcolor": "rgba(0,0,0,0)"}


def dress(fig: dict, text: str, *, legend_rows: int = 0, chars: int = HEADLINE_CHARS) -> dict:
    """Give ``fig`` (changed in place, and returned) the headline ``text`` and a top margin
    that holds it; with ``legend_rows``, the legend sits between the headline and the plot in
    that many rows, else the legend is left where it was."""
    layout = fig["layout"]
    height = int(layout.get("height", 450))
    layout["title"] = headline(text, height=height, chars=chars)
    margin = dict(layout.get("margin", {}))
    margin["t"] = top_margin(text, legend_rows=legend_rows, chars=chars)
    layout["margin"] = margin
    if legend_rows:
        font = layout.get("legend", {}).get("font", {})
        layout["legend"] = legend_on_top(text, height=height, chars=chars) | {"font": font}
    return fig


def log_ticks(lo: float, hi: float) -> dict:
    """Tick values 1, 2 and 5 of each decade from ``lo`` to ``hi`` (both > 0) for a log axis,
    labelled in full: plotly's own minor labels (2, 5 in small type, or every digit) crowd
    and read as other numbers."""
    vals = [m * 10.0 ** k for k in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)
            for m in (1, 2, 5)]
    # From the last tick at or below lo to the first at or above hi: a narrow range keeps
    # at least its neighbours.
    first = max((v for v in vals if v <= lo * 1.001), default=vals[0])
    last = min((v for v in vals if v >= hi / 1.001), default=vals[-1])
    vals = [v for v in vals if first <= v <= last]
    lang = current()
    mark = "." if lang == DEFAULT else get_decimal_symbol(lang)  # 0.5, or 0,5 in Italian
    return {"tickmode": "array", "tickvals": vals,
            "ticktext": [f"{v:g}".replace(".", mark) for v in vals]}


def below_scene(fig: dict, *, bottom: int = 120, zoom_out: float = 1.25) -> dict:
    """Make room in a 3D ``fig`` (changed in place, and returned) for its slider and buttons
    below the scene, not over its bottom nor cut off by the chart; and move the camera back
    by ``zoom_out`` so the axis titles stay inside a phone-sized scene."""
    layout = fig["layout"]
    layout["margin"] = dict(layout.get("margin", {})) | {"b": bottom}
    scene = layout.get("scene", {})
    eye = scene.get("camera", {}).get("eye")
    if eye:
        scene["camera"] = scene["camera"] | {"eye": {k: v * zoom_out for k, v in eye.items()}}
    return fig


def rgba(color: str, alpha: float) -> str:
    """``color`` (``#rrggbb``) with opacity ``alpha``, as plotly.js takes it."""
    r, g, b = plotly.colors.hex_to_rgb(color)
    return f"rgba({r},{g},{b},{alpha})"
