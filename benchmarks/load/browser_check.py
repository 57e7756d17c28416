"""Does the protocol client see the page a browser shows? The same page, opened by
:class:`~benchmarks.load.client.Session` and by a real Chromium, compared element by element:
the widgets (kind and label, as multisets) and the counts of a few other element types.

Chromium is Debian's, driven by Playwright as the browser tests do (helpers imported from
``tests/browser/conftest.py``).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass

from benchmarks.load.client import Session

# Client element kind -> the DOM's data-testid. A select-slider is an stSlider too.
WIDGET_TESTIDS = {"slider": "stSlider", "select_slider": "stSlider",
                  "number_input": "stNumberInput", "radio": "stRadio", "button": "stButton",
                  "checkbox": "stCheckbox", "selectbox": "stSelectbox"}
COUNTED = {"heading": "stHeading", "block:expandable": "stExpander",
           "dataframe": "stDataFrame", "alert": "stAlert", "exception": "stException"}

_DOM_JS = """([widgets, counted]) => {
    const label = (el, testid) => {
        // A button's label is its markdown; other widgets have a stWidgetLabel.
        const sel = testid === "stButton" ? '[data-testid="stMarkdownContainer"]'
                                          : '[data-testid="stWidgetLabel"]';
        const l = el.querySelector(sel);
        return (l ? l.textContent : "").trim();
    };
    const out = {widgets: [], counts: {}};
    for (const testid of new Set(widgets)) {
        for (const el of document.querySelectorAll(`[data-testid="${testid}"]`))
            out.widgets.push([testid, label(el, testid)]);
    }
    for (const testid of counted)
        out.counts[testid] = document.querySelectorAll(`[data-testid="${testid}"]`).length;
    return out;
}"""


@dataclass(frozen=True)
class View:
    """What one side saw: widgets as (data-testid, label) pairs, and counts by data-testid."""

    widgets: tuple[tuple[str, str], ...]
    counts: tuple[tuple[str, int], ...]


async def client_view(url: str, page: str) -> View:
    """The page as the protocol client parsed it after its first run."""
    async with Session(url) as s:
        result = await s.open(page)
        if result.status != "ok":
            raise RuntimeError(f"{page}: the client's run ended with {result.status}")
        elements = s.elements()
    widgets = tuple((WIDGET_TESTIDS[d.widget.kind], d.label) for d in elements
                    if d.widget is not None and d.widget.kind in WIDGET_TESTIDS)
    counts = Counter(COUNTED[d.kind] for d in elements if d.kind in COUNTED)
    return View(widgets, tuple((t, counts.get(t, 0)) for t in COUNTED.values()))


def browser_view(browser, url: str, page: str, *, expect: View | None = None,
                 wait: float = 30.0) -> View:
    """The page as Chromium shows it once its script has run (a fresh browser context).

    Widgets are lazily loaded chunks of the frontend: they mount a moment after the script
    finished, and a dataframe shows a skeleton first. With ``expect`` (the client's view),
    wait up to ``wait`` seconds for as many widgets and counted elements, then read the page
    as it is (a real difference shows then).
    """
    from tests.browser.conftest import TIMEOUT_MS, VIEWPORT, open_page

    args = [sorted(set(WIDGET_TESTIDS.values())), list(COUNTED.values())]
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        pg = context.new_page()
        open_page(pg, url, f"/{page}")
        if expect is not None:
            try:
                pg.wait_for_function(
                    f"""([args, n, counts]) => {{ const v = ({_DOM_JS})(args);
                        return v.widgets.length >= n
                            && Object.entries(counts).every(([t, k]) => v.counts[t] >= k); }}""",
                    arg=[args, len(expect.widgets), dict(expect.counts)], timeout=wait * 1000)
            except Exception:  # noqa: BLE001 - a timeout: compare what is there
                pass
        seen = pg.evaluate(_DOM_JS, args)
    finally:
        context.close()
    return View(tuple((t, label) for t, label in seen["widgets"]),
                tuple((t, seen["counts"][t]) for t in COUNTED.values()))


def differences(client: View, browser: View) -> list[str]:
    """What differs between the two views (empty: the same elements)."""
    out = []
    a, b = Counter(client.widgets), Counter(browser.widgets)
    out += [f"only the client: {t} {label!r} x{n}" for (t, label), n in (a - b).items()]
    out += [f"only the browser: {t} {label!r} x{n}" for (t, label), n in (b - a).items()]
    for (t, n), (_, m) in zip(client.counts, browser.counts, strict=True):
        if n != m:
            out.append(f"{t}: client {n}, browser {m}")
    return out


def check_pages(url: str, pages: list[str], *, print_report: bool = False) -> bool:
    """Compare every page of ``pages``; print what was compared; True if all agree."""
    from tests.browser.conftest import chromium

    ok = True
    # The client first: Playwright's sync API keeps an event loop running in this thread.
    views = {page: asyncio.run(client_view(url, page)) for page in pages}
    with chromium() as browser:
        for page in pages:
            mine = views[page]
            theirs = browser_view(browser, url, page, expect=mine)
            diff = differences(mine, theirs)
            ok &= not diff
            if print_report:
                counts = ", ".join(f"{t} {n}" for t, n in mine.counts if n)
                print(f"{page}: {len(mine.widgets)} widgets by the client, "
                      f"{len(theirs.widgets)} in Chromium; counts {counts}: "
                      + ("the same" if not diff else "DIFFERENT"))
                for line in diff:
                    print(f"  {line}")
    return ok
