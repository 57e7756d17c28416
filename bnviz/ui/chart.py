"""A Plotly chart that keeps its camera and zoom across reruns (the component in js/chart/chart.js)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import streamlit as st
from babel.numbers import get_decimal_symbol, get_group_symbol

from bnviz import assets
from bnviz.i18n import DEFAULT, _, current
from bnviz.plotting.encode import to_json
from bnviz.ui.bundles import bundle
from bnviz.ui.exports import record

# js/chart/chart.js with the theme layer and the animation controls' keyboard, bundled.
_chart = st.components.v2.component("bnviz.plotly", js=bundle("chart"), isolate_styles=False)


@st.cache_resource
def _plotly_src() -> str:
    return "app/static/" + assets.ensure_plotly_js().name


def _chart_words() -> dict[str, str]:
    """What chart.js writes itself, in this run's language."""
    return {"chart": _("Chart"),
            "flat": _("This browser cannot draw 3D (WebGL), so the chart shows the top view."),
            "failed": _("The chart could not be drawn: {error}. Reload the page."),
            "play": _("Play the animation"), "pause": _("Pause the animation"),
            "frame": _("Animation frame")}


def chart(fig: dict[str, Any] | str, *, key: str, height: int | None = None) -> None:
    """Show a figure in a chart that keeps its camera and zoom across reruns.

    ``fig`` is a figure dict or its JSON (see :func:`bnviz.plotting.encode.to_json`).
    """
    text = fig if isinstance(fig, str) else to_json(fig)
    record(key, text)  # for the page's downloads (bnviz.ui.exports)
    if height is None:
        height = int((fig if isinstance(fig, dict) else {}).get("layout", {}).get("height", 450))
    digest = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
    # One JSON document as raw bytes: a dict would be JSON-encoded again, escaping every
    # quote of the figure (5-10 % more bytes on the wire).
    meta: dict[str, Any] = {"hash": digest, "height": height, "src": _plotly_src()}
    lang = current()
    if lang != DEFAULT:
        # The words the chart may show itself (chart.js has the English), and the language's
        # number marks for plotly's own numbers (ticks, hover): decimal then group symbol.
        meta["words"] = _chart_words()
        meta["separators"] = get_decimal_symbol(lang) + get_group_symbol(lang)
    head = json.dumps(meta)
    _chart(key=key, data=f'{{"meta":{head},"figure":{text}}}'.encode(), height=height)
