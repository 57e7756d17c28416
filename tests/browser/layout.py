"""Read the layout of every rendered Plotly chart from the browser: boxes that overlap, boxes
cut off by their chart, tick labels that crowd each other, and a page that scrolls sideways.

A chart's parts are SVG groups (and the toolbar, an HTML ``div``) whose on-screen boxes
``getBoundingClientRect`` gives; two parts whose boxes intersect draw over each other. The
toolbar (``.modebar``) counts even while it is faded out: it appears on hover, or on a
phone at the first touch, over whatever lies beneath.

Use from a browser test, after :func:`tests.browser.conftest.wait_for_charts`::

    assert overlaps(page) == []
    assert clipped(page) == []
    assert crowded_ticks(page) == []
    assert ticks_on_parts(page) == []
    assert not horizontal_scroll(page)

or all at once: ``assert problems(page) == []``.

3D scenes draw their axis titles into WebGL: they are not in the SVG, and no check here sees
them (look at a screenshot).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tests.browser.conftest import CHART, TIMEOUT_MS

# The two sizes every page is checked at: a laptop's window and a phone's (an iPhone 12-15).
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}

# What each part of a chart is, by the selector plotly.js gives it.
PARTS = {
    "title": ".gtitle",
    "legend": "g.legend",
    "colorbar": "g.colorbar",
    "axis title": "g[class^='g-'][class$='title']:not(.g-gtitle)",
    "annotation": "g.annotation",
    "slider": "g.slider-container",
    "buttons": "g.updatemenu-container",
    "modebar": ".modebar",
}
TICKS = "g.xtick text, g.ytick text"
# Sub-pixel rounding: boxes that share an edge are not an overlap.
SLACK = 1.0
# Tick labels closer than this (pixels) read as one number ("1e-91e-6").
TICK_GAP = 2.0

_READ_JS = """([chart, parts, ticks]) => Array.from(document.querySelectorAll(chart)).map((el, i) => {
    const holder = el.closest('[class*="st-key-"]');
    const m = holder && holder.className.match(/(?:^|\\s)st-key-(\\S+)/);
    const rect = (e) => { const r = e.getBoundingClientRect();
                           return [r.left, r.top, r.right, r.bottom]; };
    const boxes = [];
    for (const [kind, sel] of Object.entries(parts)) {
        el.querySelectorAll(sel).forEach((e, j) => {
            const text = (e.textContent || "").trim().slice(0, 60);
            boxes.push({kind, index: j, text, box: rect(e)});
        });
    }
    const tickBoxes = [];
    el.querySelectorAll(ticks).forEach((e) => {
        const g = e.closest("g.xtick, g.ytick");
        // Ticks of one axis share their parent group; its class and index tell axes apart.
        const group = e.closest("g.xaxislayer-above, g.yaxislayer-above") || g.parentElement;
        const all = Array.from(el.querySelectorAll("g.xaxislayer-above, g.yaxislayer-above"));
        tickBoxes.push({axis: g.classList[0] + ":" + all.indexOf(group),
                        text: e.textContent, box: rect(e),
                        hidden: getComputedStyle(e).display === "none"
                                || e.getAttribute("opacity") === "0"});
    });
    return {key: m ? m[1] : String(i), box: rect(el), parts: boxes, ticks: tickBoxes};
})"""


@dataclass(frozen=True)
class Part:
    """One drawn part of a chart: what it is, its text (cut to 60 characters), its box
    ``(left, top, right, bottom)`` in CSS pixels."""

    chart: str
    kind: str
    text: str
    box: tuple[float, float, float, float]

    def __str__(self) -> str:
        return f"{self.chart}: {self.kind} {self.text!r}"


def _area(box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def intersect(a, b, *, slack: float = SLACK) -> bool:
    """Whether boxes ``a`` and ``b`` overlap by more than ``slack`` pixels both ways."""
    return (min(a[2], b[2]) - max(a[0], b[0]) > slack
            and min(a[3], b[3]) - max(a[1], b[1]) > slack)


def charts(page) -> list[dict]:
    """Every rendered chart on the page: ``{"key", "box", "parts": [...], "ticks": [...]}``
    (boxes as ``[left, top, right, bottom]``; parts with no area are left out)."""
    found = page.evaluate(_READ_JS, [CHART, PARTS, TICKS])
    for c in found:
        c["parts"] = [Part(c["key"], p["kind"], p["text"], tuple(p["box"]))
                      for p in c["parts"] if _area(p["box"]) > 0]
    return found


def overlaps(page, *, ignore: tuple[tuple[str, str], ...] = ()) -> list[tuple[Part, Part]]:
    """Pairs of parts of one chart whose boxes intersect: titles, legend, colour bar,
    annotations, animation slider and buttons, and the toolbar.

    ``ignore`` lists pairs of kinds not to report (e.g. ``(("annotation", "annotation"),)``).
    """
    skip = {frozenset(p) for p in ignore}
    found = []
    for c in charts(page):
        parts = c["parts"]
        for i, a in enumerate(parts):
            for b in parts[i + 1:]:
                if frozenset((a.kind, b.kind)) in skip:
                    continue
                if a.kind == b.kind == "legend":
                    continue  # plotly nests legend groups: the same box twice
                if intersect(a.box, b.box):
                    found.append((a, b))
    return found


def clipped(page, *, slack: float = SLACK) -> list[Part]:
    """Parts that reach outside their chart's ``<div>``: the chart cuts them off."""
    found = []
    for c in charts(page):
        left, top, right, bottom = c["box"]
        for p in c["parts"]:
            x0, y0, x1, y1 = p.box
            if x0 < left - slack or y0 < top - slack or x1 > right + slack or y1 > bottom + slack:
                found.append(p)
    return found


def crowded_ticks(page) -> list[tuple[str, str, str]]:
    """``(chart, label, label)`` for tick labels of one axis that draw over each other or
    come closer than :data:`TICK_GAP` pixels."""
    found = []
    for c in charts(page):
        by_axis: dict[str, list[dict]] = {}
        for t in c["ticks"]:
            if not t["hidden"] and _area(t["box"]) > 0 and t["text"].strip():
                by_axis.setdefault(t["axis"], []).append(t)
        for ticks in by_axis.values():
            for i, a in enumerate(ticks):
                for b in ticks[i + 1:]:
                    if intersect(a["box"], b["box"], slack=-TICK_GAP):
                        found.append((c["key"], a["text"], b["text"]))
    return found


def ticks_on_parts(page) -> list[tuple[str, str, Part]]:
    """``(chart, tick label, part)`` for a tick label drawn under a title, legend, colour bar,
    another axis's title or the toolbar (labels of a neighbouring panel, say)."""
    found = []
    for c in charts(page):
        parts = [p for p in c["parts"] if p.kind != "annotation"]
        for t in c["ticks"]:
            if t["hidden"] or _area(t["box"]) <= 0 or not t["text"].strip():
                continue
            found += [(c["key"], t["text"], p) for p in parts if intersect(t["box"], p.box)]
    return found


def horizontal_scroll(page) -> bool:
    """Whether the page is wider than the window (a visitor must scroll sideways)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth")


def problems(page) -> list[str]:
    """Every defect the checks above find, one line each (empty: the layout is clean)."""
    lines = [f"overlap: {a} / {b.kind} {b.text!r}" for a, b in overlaps(page)]
    lines += [f"clipped: {p}" for p in clipped(page)]
    lines += [f"crowded ticks: {k}: {a!r} / {b!r}" for k, a, b in crowded_ticks(page)]
    lines += [f"tick on a part: {k}: {t!r} / {p.kind} {p.text!r}" for k, t, p in ticks_on_parts(page)]
    if horizontal_scroll(page):
        lines.append("the page scrolls sideways")
    return lines


@contextmanager
def sized_page(browser, size: str) -> Iterator[object]:
    """A fresh page in a fresh context at one of :data:`SIZES` (the phone's with touch, as
    a phone reports itself to the page)."""
    width, height = SIZES[size]
    phone = size == "phone"
    context = browser.new_context(viewport={"width": width, "height": height},
                                  is_mobile=phone, has_touch=phone)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def in_main_column(page, label: str) -> bool:
    """Whether a control labelled ``label`` sits in the page's main column (reachable on a
    phone without opening the sidebar, folded away there)."""
    return page.locator('[data-testid="stMain"]').get_by_label(label, exact=True).count() > 0
