""""Valley vs bowl" live, as the page draws it: B's range dragged back and forth in Debian's
headless Chromium (software WebGL), at 1440x900 and 1280x720.

    .venv/bin/python benchmarks/bench_live_valley.py [--drags 3] [--seconds 3] [--quick]

Prints, per drag: the pointer's moves the page received per second, new values per second,
paints per second of each of the four charts (two top views, two 3D views), the time one
paint takes, how long after the last value each chart's last paint came, and the time from the
release to plotly's drawing of the server's figures (see benchmarks/live_drag.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.live_drag import LivePage, main  # noqa: E402

VALLEY = LivePage(path="valley_vs_bowl", live="__bnvizValleyLive", slider="b_hi", charts=6)

if __name__ == "__main__":
    main(VALLEY, sys.argv[1:], lambda: __doc__ or "")
