"""The first paint: from opening a page's URL to its first chart drawn, and the bytes it took.

    .venv/bin/python benchmarks/bench_first_paint.py [--repeats 3] [--app-root PATH] [--quick]

Starts a fresh server (``benchmarks.load.server.serve``: its caches are cold), then for every
page opens its URL in a new browser context of Debian's headless Chromium (a fresh session
with an empty HTTP cache, as a new visitor) and times from ``page.goto`` to the first chart
whose figure is drawn (``div.bnviz-plot[data-rendered]``; Home, which has no chart: its
title). The first visit of each page meets the server's cold cache; the next ``--repeats``
visits meet a warm one (their median is printed). Bytes are what the browser received,
counted by Chromium's DevTools protocol: HTTP (transfer size, compressed as sent) and the
websocket's frames (the page's elements and figures), until that first chart.

Software WebGL draws a 3D chart in about a second here, so pages whose first chart is a 3D
surface read slower than on a visitor's GPU; compare figures on this machine only.
``--quick`` (CI's smoke run): Home and "Valley vs bowl" only, one warm visit each.
"""

from __future__ import annotations

import argparse
import base64
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.load.server import serve  # noqa: E402
from tests.browser.conftest import VIEWPORT, chromium  # noqa: E402

PAGES = ("", "valley_vs_bowl", "inside_a_batch", "optimizer_race", "where_it_matters",
         "deep_networks")
FIRST_CHART = "div.bnviz-plot[data-rendered]"
HOME_READY = '[data-testid="stMain"] h1'
TIMEOUT_MS = 180_000


@dataclass(frozen=True)
class Visit:
    """One visit: seconds to the first chart, bytes over HTTP and over the websocket."""

    seconds: float
    http_bytes: int
    ws_bytes: int


def visit(browser: object, url: str, page_name: str) -> Visit:
    """Open ``url/page_name`` as a new visitor; time it to its first chart and count bytes."""
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[attr-defined]
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    counts = {"http": 0, "ws": 0}

    def on_loaded(event: dict) -> None:
        counts["http"] += int(event.get("encodedDataLength", 0))

    def on_frame(event: dict) -> None:
        frame = event.get("response", {})
        data = frame.get("payloadData", "")
        # Binary frames (opcode 2, Streamlit's protobuf messages) come base64-encoded.
        counts["ws"] += len(base64.b64decode(data)) if frame.get("opcode") == 2 else len(data)

    cdp.on("Network.loadingFinished", on_loaded)
    cdp.on("Network.webSocketFrameReceived", on_frame)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    start = time.perf_counter()
    page.goto(f"{url}/{page_name}")
    page.wait_for_selector(FIRST_CHART if page_name else HOME_READY, timeout=TIMEOUT_MS)
    seconds = time.perf_counter() - start
    result = Visit(seconds, counts["http"], counts["ws"])
    context.close()
    return result


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeats", type=int, default=3, help="warm visits per page (default 3)")
    p.add_argument("--app-root", type=Path, default=ROOT,
                   help="the checkout to serve (default: this one)")
    p.add_argument("--quick", action="store_true",
                   help="CI's smoke run: two pages, one warm visit each")
    args = p.parse_args(argv)
    if args.quick:
        args.repeats = 1
    rows = []
    with serve(root=args.app_root) as server, chromium() as browser:
        for name in PAGES[:2] if args.quick else PAGES:
            cold = visit(browser, server.url, name)
            warm = [visit(browser, server.url, name) for _ in range(args.repeats)]
            rows.append((name or "home", cold, warm))
    print(f"{'page':18s} {'cold s':>7s} {'warm s':>7s} {'HTTP kB':>8s} {'ws kB':>7s}")
    for name, cold, warm in rows:
        w = statistics.median(v.seconds for v in warm)
        http = statistics.median(v.http_bytes for v in warm) / 1000
        ws = statistics.median(v.ws_bytes for v in warm) / 1000
        print(f"{name:18s} {cold.seconds:7.2f} {w:7.2f} {http:8.0f} {ws:7.0f}")
    print("cold: the page's first visit after the server started; warm: median of "
          f"{args.repeats} later visits, each a new visitor (empty browser cache)")


if __name__ == "__main__":
    main()
