"""A live view's drag as the page draws it, in Debian's headless Chromium with software WebGL
(the browser tests' flags): what ``bench_live_valley.py`` and ``bench_live_race.py`` share.

A scripted hand holds a slider's thumb and moves it back and forth, asking for a move every
``1/30`` s (Playwright waits for the page to take each one, so a busy page takes fewer), for
``seconds``, then lets go. Printed, per drag:

- the pointer's moves the page received per second (``pointermove`` events with a button down);
- new values per second (frames the live view computed) and its compute time per frame;
- paints per second of each chart (a paint is a frame shown: a canvas painted over the chart,
  or plotly's update for the race's cost chart), and the median time one paint takes;
- staleness: from the last new value to each chart's first paint of it;
- release to final: from the pointer's release until plotly has drawn the server's figure on
  every chart (no live canvas left): the rerun, the transfer and plotly's drawing, 3D included.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402
    TIMEOUT_MS,
    chromium,
    open_page,
    reveal,
    running_app,
    wait_for_charts,
)

MOVES_PER_SECOND = 30
VIEWPORTS = {"1440x900": {"width": 1440, "height": 900}, "1280x720": {"width": 1280, "height": 720}}

_MARK = """(name) => {
  const L = window[name];
  // The pointer's moves the page receives, counted here (whatever the live view counts).
  if (!window.__moves) {
    window.__moves = {n: 0};
    document.addEventListener('pointermove', (e) => { if (e.buttons) window.__moves.n += 1; }, true);
  }
  window.__bench = {t0: performance.now(), moves: window.__moves.n, frames: L.stats.frames,
    computed: L.stats.computeMs.length,
    draws: Object.fromEntries(Object.entries(L.stats.draws).map(([k, v]) => [k, v.length]))};
}"""

_STATS = """(name) => {
  const L = window[name], b = window.__bench, seconds = (b.up - b.t0) / 1000;
  const paints = {}, paintMs = {}, stale = {};
  for (const [k, v] of Object.entries(L.stats.draws)) {
    const mine = v.slice(b.draws[k] || 0);
    const during = mine.filter(([s]) => s <= b.up);
    paints[k] = during.length / seconds;
    paintMs[k] = mine.map(([s, e]) => e - s);
    // The first paint that shows the last value: how long the chart was stale.
    const shows = mine.filter(([s]) => s >= L.lastValueAt).map(([, e]) => e - L.lastValueAt);
    stale[k] = shows.length ? Math.min(...shows) : null;
  }
  return {seconds, moves: (window.__moves.n - b.moves) / seconds,
          values: (L.stats.frames - b.frames) / seconds,
          compute: L.stats.computeMs.slice(b.computed), paints, paintMs, stale};
}"""

_FINAL = """() => Array.from(document.querySelectorAll('div.bnviz-plot')).every((e) =>
  !e.dataset.live && e.dataset.rendered === e.dataset.figure)
  && document.querySelectorAll('canvas.bnviz-overlay').length === 0"""


@dataclass(frozen=True)
class LivePage:
    """A live page to drag on: its path, the live view's global name, the slider's widget key,
    how many charts it has, and what to do before the drag (open a tab, set a query)."""

    path: str
    live: str
    slider: str
    charts: int
    query: str = ""


def _thumb(page, key: str) -> tuple[float, float, float]:
    # A slider in a folded expander (as B's range was before the stage): open it.
    page.locator(f".st-key-{key}").first.wait_for(state="attached")
    page.evaluate("""(key) => { const d = document.querySelector('.st-key-' + key).closest('details');
                                if (d && !d.open) d.querySelector('summary').click(); }""", key)
    reveal(page, key)
    thumb = page.locator(f'.st-key-{key} input[type="range"]').first
    thumb.evaluate("e => e.parentElement.parentElement.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    x, y = thumb.evaluate("e => { const r = e.parentElement.parentElement.getBoundingClientRect();"
                          " return [r.x + r.width / 2, r.y + r.height / 2]; }")
    width = thumb.evaluate("e => e.closest('[data-testid=\"stSlider\"]').getBoundingClientRect().width")
    return x, y, width


def drag(page, target: LivePage, seconds: float) -> dict:
    """Drag ``target``'s slider back and forth for ``seconds``, release, wait for the server's
    figures; return the figures of the drag."""
    x0, y, width = _thumb(page, target.slider)
    page.evaluate(_MARK, target.live)
    page.mouse.move(x0, y)
    page.mouse.down()
    start = time.monotonic()
    i = 0
    # Sweeps half the track wide, 0.8 s each way: every move passes a slider option or more,
    # so each move the page receives brings a new value.
    span = 0.5 * width
    while time.monotonic() - start < seconds:
        i += 1
        phase = (i % 48) / 48
        dx = span * (1 - abs(2 * phase - 1)) - span / 2
        page.mouse.move(x0 + dx, y)
        rest = start + i / MOVES_PER_SECOND - time.monotonic()
        if rest > 0:
            time.sleep(rest)
    # Let go away from the start: a new value, so the server reruns and sends its figures.
    page.mouse.move(x0 + span / 3, y)
    page.wait_for_timeout(100)
    page.evaluate("() => { window.__bench.up = performance.now(); }")
    page.mouse.up()
    t_up = time.monotonic()
    page.wait_for_function(_FINAL, timeout=TIMEOUT_MS)
    stats = page.evaluate(_STATS, target.live)
    stats["release_to_final"] = time.monotonic() - t_up
    return stats


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def report(stats: dict) -> None:
    print(f"   drag {stats['seconds']:.1f} s: pointer moves received {stats['moves']:.1f}/s "
          f"(asked {MOVES_PER_SECOND}/s), new values {stats['values']:.1f}/s, "
          f"compute {_median(stats['compute']):.2f} ms/frame (median)")
    for key in sorted(stats["paints"]):
        stale = stats["stale"][key]
        print(f"   {key:<22} {stats['paints'][key]:5.1f} paints/s  "
              f"{_median(stats['paintMs'][key]):6.2f} ms/paint (median)  "
              f"showed the last value {stale if stale is None else round(stale)} ms after it came")
    print(f"   release to final (plotly's drawing of the server's figures): "
          f"{stats['release_to_final']:.2f} s")


@contextmanager
def _page(browser, url: str, target: LivePage, viewport: dict) -> Iterator[object]:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        open_page(page, url, "/" + target.path, target.query)
        wait_for_charts(page, target.charts)
        yield page
    finally:
        context.close()


def main(target: LivePage, argv: list[str] | None, describe: Callable[[], str]) -> None:
    """The command line of a live benchmark: ``--quick`` (one short drag at one size) or
    ``--drags N --seconds S`` at 1440x900 and 1280x720."""
    import argparse

    parser = argparse.ArgumentParser(description=describe())
    parser.add_argument("--drags", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--quick", action="store_true", help="one 1.5 s drag at 1440x900")
    args = parser.parse_args(argv)
    drags, seconds = (1, 1.5) if args.quick else (args.drags, args.seconds)
    sizes = ["1440x900"] if args.quick else list(VIEWPORTS)
    with running_app() as url, chromium() as browser:
        for size in sizes:
            with _page(browser, url, target, VIEWPORTS[size]) as page:
                for n in range(1, drags + 1):
                    print(f"{size}, drag {n} of {target.slider} on /{target.path}:")
                    report(drag(page, target, seconds))
                    # The next drag from the same start.
                    open_page(page, url, "/" + target.path, target.query)
                    wait_for_charts(page, target.charts)
