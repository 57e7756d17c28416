"""The standalone HTML export: plotly.js inside, the figure intact, nothing that escapes."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from bnviz.assets import ensure_plotly_js
from bnviz.plotting.export import standalone_html

FIG = {"data": [{"type": "scatter", "x": [0, 1, 2], "y": [3, 1, 2],
                 "name": "</script><script>alert(1)</script>"}],
       "layout": {"title": {"text": "a <b>title</b>"}},
       "frames": [{"name": "1", "data": [{"x": [0], "y": [3]}]}]}


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open, self._text = dict(attrs), ""

    def handle_data(self, data):
        if self._open is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.scripts.append((self._open, self._text))
            self._open = None


def _scripts(page: str) -> list[tuple[dict, str]]:
    parser = _Scripts()
    parser.feed(page)
    return parser.scripts


def test_the_page_carries_plotly_and_the_figure_with_its_frames():
    page = standalone_html(FIG, title="Raw features", caption="b_hi = 200")
    scripts = _scripts(page)
    assert len(scripts) == 3  # plotly.js, the figure's JSON, the call that draws it
    plotly = ensure_plotly_js().read_text(encoding="utf-8")
    assert scripts[0][1] == plotly
    attrs, text = scripts[1]
    assert attrs == {"id": "figure", "type": "application/json"}
    assert json.loads(text) == FIG  # the escaped "<\/script>" reads back as "</script>"
    assert "http://" not in scripts[2][1] and "https://" not in scripts[2][1]


def test_titles_and_captions_are_text_not_markup():
    page = standalone_html(FIG, title="<img src=x onerror=alert(1)>", caption="a & b <i>")
    assert "<img" not in page.split("<script")[0]
    assert re.search(r"<title>&lt;img src=x onerror=alert\(1\)&gt;</title>", page)
    assert "<p>a &amp; b &lt;i&gt;</p>" in page
