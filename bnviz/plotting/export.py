"""A figure as a file a visitor keeps: one HTML page that draws and animates offline.

The page carries plotly.js itself (the copy the app serves, from the installed plotly
package) and the figure's JSON (typed arrays as base64, as the app sends them), so it opens
from a disk or an e-mail with no network, and its play button and step slider work as in the
app. About 4.9 MB, almost all of it plotly.js.
"""

from __future__ import annotations

import html
from typing import Any

from bnviz.assets import ensure_plotly_js
from bnviz.i18n import current
from bnviz.plotting.encode import to_json

_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>html, body {{ margin: 0; height: 100%; font-family: sans-serif; }}
#chart {{ width: 100%; height: calc(100% - 2.5em); }}
p {{ margin: 0.5em 1em; color: #444; font-size: 0.9em; }}</style>
<script>{plotly}</script>
</head>
<body>
<div id="chart" role="img" aria-label="{title}"></div>
<p>{caption}</p>
<script id="figure" type="application/json">{figure}</script>
<script>
const fig = JSON.parse(document.getElementById("figure").textContent);
Plotly.newPlot("chart", {{data: fig.data, layout: Object.assign({{autosize: true}}, fig.layout),
  frames: fig.frames || [], config: {{responsive: true, displaylogo: false}}}});
</script>
</body>
</html>
"""


def _script_safe(text: str) -> str:
    """JSON that cannot end its <script> element early: ``</`` and ``<!--`` escaped (JSON
    reads ``<\\/`` as ``</``)."""
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def standalone_html(fig: dict[str, Any] | str, *, title: str, caption: str = "") -> str:
    """An HTML page that shows ``fig`` (a figure dict or its JSON) with no network.

    Parameters
    ----------
    fig : dict or str
        The figure, as the lesson's figure builders return it (frames included).
    title : str, keyword-only
        The page's title and the chart's accessible name.
    caption : str, keyword-only
        One line under the chart (for instance the settings that made it).
    """
    text = fig if isinstance(fig, str) else to_json(fig)
    plotly = ensure_plotly_js().read_text(encoding="utf-8")
    return _PAGE.format(lang=current(), title=html.escape(title), caption=html.escape(caption),
                        plotly=plotly.replace("</script", "<\\/script"),
                        figure=_script_safe(text))
