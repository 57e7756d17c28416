"""Slider-to-chart-painted time in a real browser: the app's persistent chart component
against a bare ``st.plotly_chart`` of the same figures.

    .venv/bin/python benchmarks/bench_browser.py [--repeats 5] [--quick]

(``--quick``, CI's smoke run: one press after the warm-up one.)

Starts the app and ``benchmarks/bare_plotly_app.py`` (the same figure dicts through
``st.plotly_chart(go.Figure(fig))``), opens each in Debian's headless Chromium (software WebGL,
as in the browser tests), moves the "Upper bound of feature B" slider one notch with the
keyboard, and times from the key press (a capturing ``keydown`` listener in the page) until
every chart whose data changed shows its new figure (first animation frame after it did: for
the app, the chart's ``data-rendered`` hash equals the new figure's; for the bare page, the
Plotly graph div holds the new data). Each press moves to a new value, so the server computes
it afresh in both. Prints medians overall and per chart kind (3D surface, contour, cost).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402
    VIEWPORT,
    chromium,
    move_slider,
    running_app,
    wait_for_charts,
)

LABEL = "Upper bound of feature B"
KEYS = ("raw_surface", "raw_contour", "standardized_surface", "standardized_contour", "cost")
KINDS = {"3D surface": ("raw_surface", "standardized_surface"),
         "contour": ("raw_contour", "standardized_contour"), "cost": ("cost",)}

# A fingerprint per chart key, or null while the chart is not drawn (or still drawing).
_FINGERPRINT = {
    "app": """(k) => { const el = document.querySelector(`.st-key-${k} div.bnviz-plot`);
        return el && el.dataset.rendered === el.dataset.figure ? el.dataset.rendered || null
                                                                : null; }""",
    # trace 0 is the surface / contour / first cost line; animation frames never touch it
    "bare": """(k) => { const gd = document.querySelector(`.st-key-${k} .js-plotly-plot`);
        if (!gd || !gd._fullLayout || !gd._fullData || !gd._fullData.length) return null;
        const t = gd._fullData[0], pick = a => a == null ? null
            : [a[0], a[a.length >> 1], a[a.length - 1]].map(v => v && v.length ? v[0] : v);
        return JSON.stringify([pick(t.x), pick(t.y), pick(t.z)]); }""",
}

_INSTALL = """(fp) => {
    window.__fp = eval(fp);
    window.__t0 = null;
    window.addEventListener("keydown", () => { window.__t0 = performance.now(); }, true);
}"""

_WATCH = """([keys, before]) => {
    const done = {};
    window.__result = new Promise((resolve) => {
        const tick = () => {
            const now = performance.now();
            for (const k of keys) {
                const fp = window.__fp(k);
                if (!(k in done) && fp !== null && fp !== before[k]) done[k] = now;
            }
            if (window.__t0 !== null && keys.every(k => k in done))
                resolve(Object.fromEntries(keys.map(k => [k, done[k] - window.__t0])));
            else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
    });
}"""


def fingerprints(page) -> dict[str, str | None]:
    return {k: page.evaluate("(k) => window.__fp(k)", k) for k in KEYS}


def measure(browser, url: str, mode: str, repeats: int) -> list[dict[str, float]]:
    """Per press (after one warm-up press): milliseconds to painted, by chart key."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(120_000)
    page = context.new_page()
    page.goto(url)
    if mode == "app":
        wait_for_charts(page, len(KEYS))
    thumb = page.locator(f'[data-testid="stSlider"] input[type="range"][aria-label="{LABEL}"]')
    if mode == "app" and not thumb.is_visible():
        # The data controls may sit in a folded expander ("Data: ..."): unfold it, as a
        # visitor would, before the first press.
        page.locator('[data-testid="stExpander"] summary').filter(has_text="Data:").first.click()
        thumb.wait_for(state="visible")
    page.evaluate(_INSTALL, _FINGERPRINT[mode])
    page.wait_for_function(f"() => {list(KEYS)}.every(k => window.__fp(k) !== null)")
    runs = []
    for i in range(repeats + 1):
        page.wait_for_timeout(500)  # let the previous redraw settle (and the page go idle)
        before = fingerprints(page)
        changing = [k for k in ("raw_surface", "raw_contour", "cost")]  # B's range moves the raw side
        page.evaluate(_WATCH, [changing, before])
        move_slider(page, LABEL, "ArrowRight")
        times = page.evaluate("window.__result")
        if i > 0:
            runs.append(times)
    context.close()
    return runs


def summary(runs: list[dict[str, float]]) -> dict[str, float]:
    out = {"all charts": statistics.median(max(r.values()) for r in runs)}
    for kind, keys in KINDS.items():
        present = [k for k in keys if k in runs[0]]
        if present:
            out[kind] = statistics.median(max(r[k] for k in present) for r in runs)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="CI's smoke run: one press")
    args = parser.parse_args()
    if args.quick:
        args.repeats = 1

    results = {}
    with chromium() as browser:
        with running_app("app.py") as url:
            results["app (persistent component)"] = summary(
                measure(browser, url + "/valley_vs_bowl", "app", args.repeats))
        with running_app("benchmarks/bare_plotly_app.py") as url:
            results["bare st.plotly_chart"] = summary(
                measure(browser, url + "/", "bare", args.repeats))

    app, bare = results.values()
    print(f"Slider move to charts painted, headless Chromium with software WebGL, "
          f"median of {args.repeats} presses (one notch of '{LABEL}'; the raw side's charts "
          f"and the cost chart change):")
    print(f"{'':24s}" + "".join(f"{k:>14s}" for k in app))
    for name, row in results.items():
        print(f"{name:24s}" + "".join(f"{row[k]:11.0f} ms" for k in app))
    print(f"{'ratio app / bare':24s}" + "".join(f"{app[k] / bare[k]:14.2f}" for k in app))


if __name__ == "__main__":
    main()
