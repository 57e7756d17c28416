""""Valley vs bowl" live, in Debian's headless Chromium (software WebGL, as the browser tests):

    .venv/bin/python benchmarks/bench_live_valley.py [--drags 3] [--seconds 3]

Prints

1. the browser's compute time per frame: both sides' problems, descent paths (300 steps) and
   surfaces (41 x 41 for 3D, 81 x 81 for the top view), over B's whole range;
2. frames shown per second during a scripted drag of B's range (back and forth across the
   slider for ``--seconds``), for the top views and the 3D surfaces separately: each kind
   alone (the other not redrawn), then both as the page draws them (a frame is shown when a
   chart finished drawing a new result), and the time one chart's redraw takes (plotly's
   update; for a 3D surface, until the next paint). Playwright's mouse moves wait for the page,
   so "new values" per second (the slider options the drag passed, one per move at most) is
   itself bounded by how busy the page is;
3. the time from the end of a drag (pointer up) to the server's confirmation: the rerun's
   numbers in the readout, and every chart redrawn from the server's figures; and whether the
   confirmation changed any number that was shown (it must not).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from tests.browser.conftest import (  # noqa: E402
    VIEWPORT,
    chromium,
    open_page,
    running_app,
    slider,
    wait_for_charts,
)

LABEL = "Upper bound of feature B"
TOP, SURFACES = ("raw_contour", "standardized_contour"), ("raw_surface", "standardized_surface")

_COMPUTE = """(n) => {
  const live = window.__bnvizValleyLive, base = live.settings, opts = live.payload.sliders.b_hi.options;
  const times = [];
  for (let i = 0; i < n; i++) {
    const s = Object.assign({}, base, {data: Object.assign({}, base.data, {b_hi: opts[i % opts.length]})});
    const t0 = performance.now();
    live.math.compute(s);
    times.push(performance.now() - t0);
  }
  return times;
}"""

_MARK = """() => {
  const live = window.__bnvizValleyLive;
  window.__bench = {t0: performance.now(), draws: Object.fromEntries(
      Object.entries(live.stats.draws).map(([k, v]) => [k, v.length])), frames: live.stats.frames,
      computed: live.stats.computeMs.length};
  document.addEventListener('pointerup', () => { window.__bench.up = performance.now(); },
                            {capture: true, once: true});
}"""

_DRAG_STATS = """() => {
  const live = window.__bnvizValleyLive, b = window.__bench, t1 = performance.now();
  const shown = {}, drawMs = {};
  for (const [k, v] of Object.entries(live.stats.draws)) {
    const mine = v.slice(b.draws[k] || 0);
    shown[k] = mine.length;
    drawMs[k] = mine.map(([a, z]) => z - a);
  }
  return {seconds: (t1 - b.t0) / 1000, shown, drawMs, values: live.stats.frames - b.frames,
          compute: live.stats.computeMs.slice(b.computed)};
}"""

# The live view has the value the thumb shows (a loaded page may render the slider's last
# move late), and the raw chart the drag redraws (the top view, or the surface when only
# surfaces are live) has drawn it.
_SETTLED = """(key) => { const L = window.__bnvizValleyLive, c = L.charts[key];
  const thumb = document.querySelector('input[type="range"][aria-label="Upper bound of feature B"]');
  return thumb.getAttribute('aria-valuetext') === L.math.fmt(L.settings.data.b_hi)
    && !L.scheduled && c && !c.busy && c.drawn === L.version; }"""

_SNAPSHOT = """(key) => {
  const z = document.querySelector('.st-key-' + key + ' div.bnviz-plot')._fullData[0].z;
  const m = z.length - 1;
  return {readout: document.querySelector('.bnviz-readout').innerText,
          z: [z[0][0], z[m >> 1][m >> 1], z[m][m]]};
}"""

_CONFIRMED = """() => {
  const box = document.querySelector('.bnviz-readout');
  if (box.dataset.source !== 'server') return false;
  if (!window.__bench.readoutAt) window.__bench.readoutAt = performance.now();
  const idle = Array.from(document.querySelectorAll('div.bnviz-plot'))
      .every(e => e.dataset.rendered && e.dataset.rendered === e.dataset.figure && !e.dataset.live);
  if (!idle) return false;
  window.__bench.chartsAt = performance.now();
  return true;
}"""


def _thumb(page) -> tuple[float, float, float]:
    """The thumb's centre and the track's width."""
    thumb = slider(page, LABEL)
    thumb.scroll_into_view_if_needed()
    x, y = thumb.evaluate("e => { const r = e.parentElement.parentElement.getBoundingClientRect();"
                          " return [r.x + r.width / 2, r.y + r.height / 2]; }")
    width = thumb.evaluate("e => e.closest('[data-testid=\"stSlider\"]').getBoundingClientRect().width")
    return x, y, width


def drag(page, seconds: float, watch: str) -> dict:
    """Drag B's thumb back and forth for ``seconds``, then release; return the figures.

    ``watch`` is the chart whose numbers are compared before and after the confirmation."""
    x0, y, width = _thumb(page)
    left = x0  # from where B is now, rightwards
    span = width * 0.45
    page.evaluate(_MARK)
    page.mouse.move(x0, y)
    page.mouse.down()
    start = time.perf_counter()
    while (t := time.perf_counter() - start) < seconds:
        # A triangle wave from the start to span px right, 1.5 sweeps a second.
        phase = (t * 1.5) % 2.0
        page.mouse.move(left + span * (phase if phase <= 1.0 else 2.0 - phase), y)
    stats = page.evaluate(_DRAG_STATS)
    page.wait_for_function(_SETTLED, arg=watch)  # still holding the thumb
    shown = page.evaluate(_SNAPSHOT, watch)
    page.mouse.up()
    page.wait_for_function(_CONFIRMED, polling=10, timeout=120_000)
    bench = page.evaluate("() => window.__bench")
    confirmed = page.evaluate(_SNAPSHOT, watch)
    stats["to_readout_ms"] = bench["readoutAt"] - bench["up"]
    stats["to_charts_ms"] = bench["chartsAt"] - bench["up"]
    # The readout to the character; the chart's z (float32) to its rounding.
    pairs = zip(shown["z"], confirmed["z"], strict=True)
    stats["same_numbers"] = shown["readout"] == confirmed["readout"] and all(
        abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-6) for a, b in pairs)
    stats["snapshots"] = (shown, confirmed)
    stats["shown"] = {k: v / stats["seconds"] for k, v in stats["shown"].items()}
    return stats


MODES = (  # (what is measured, the live view's config, the charts counted)
    ("top views alone (3D not redrawn)", {"surfaceDuty": 0, "top": True}, TOP),
    ("3D surfaces alone (top views not redrawn)",
     {"surfaceDuty": 1, "surfaceHoldMs": 0, "pauseMs": 0, "top": False}, SURFACES),
    ("both, as the page draws them: top views", {}, TOP),
    ("both, as the page draws them: 3D surfaces", {}, SURFACES),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--drags", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    med = statistics.median
    with running_app() as url, chromium() as browser:
        page = browser.new_page(viewport=VIEWPORT)
        page.set_default_timeout(120_000)
        open_page(page, url, "/valley_vs_bowl")
        wait_for_charts(page, 5)
        page.evaluate(_COMPUTE, 50)  # warm up the JIT
        compute = sorted(page.evaluate(_COMPUTE, 500))
        print("Valley vs bowl, live in Chromium (software WebGL)")
        print(f"  compute per frame (both sides: problems, 300-step paths, 41² + 81² surfaces), "
              f"{len(compute)} frames over B's range:")
        print(f"    median {med(compute):.2f} ms, 95th percentile "
              f"{compute[int(0.95 * len(compute))]:.2f} ms, max {compute[-1]:.2f} ms")
        print(f"  frames shown per second in scripted {args.seconds:g}-s drags of B's range (back and "
              f"forth, 1.5 sweeps a second; median of {args.drags} drags, each in brackets):")
        runs: dict[str, list[dict]] = {}
        for name, config, keys in MODES:
            key = str(config)
            if key not in runs:
                runs[key] = []
                for _ in range(args.drags):
                    open_page(page, url, "/valley_vs_bowl")
                    wait_for_charts(page, 5)
                    page.wait_for_timeout(1500)  # let the first WebGL paints finish
                    page.evaluate("(c) => { const L = window.__bnvizValleyLive;"
                                  " Object.assign(L.config, L.defaults, c); }", config)
                    watch = "raw_surface" if config.get("top") is False else "raw_contour"
                    try:
                        runs[key].append(drag(page, args.seconds, watch))
                    except PlaywrightTimeout as err:  # reported, not hidden
                        print(f"    a drag in mode {name!r} timed out: {str(err).splitlines()[0]}")
            if not runs[key]:
                continue
            shown = [med(r["shown"].get(k, 0.0) for k in keys) for r in runs[key]]
            values = [r["values"] / r["seconds"] for r in runs[key]]
            draw = [x for r in runs[key] for k in keys for x in r["drawMs"].get(k, [])]
            print(f"    {name + ':':<44} {med(shown):5.1f}  ({', '.join(f'{v:.1f}' for v in shown)}; "
                  f"new values {med(values):.1f}/s; one chart's redraw: median "
                  f"{med(draw) if draw else float('nan'):.0f} ms)")
        every = [r for rs in runs.values() for r in rs]
        print(f"    compute during the drags: median {med(x for r in every for x in r['compute']):.2f} ms")
        print(f"  end of a drag to the server's confirmation (median of {len(every)} drags):")
        print(f"    numbers in the readout:  {med(r['to_readout_ms'] for r in every):7.0f} ms")
        print(f"    every chart redrawn:     {med(r['to_charts_ms'] for r in every):7.0f} ms")
        same = all(r["same_numbers"] for r in every)
        print(f"    the confirmation changed a number that was shown: {'no' if same else 'YES'}")
        for r in every:
            if not r["same_numbers"]:
                print("      shown:    ", r["snapshots"][0], "\n      confirmed:", r["snapshots"][1])


if __name__ == "__main__":
    main()
