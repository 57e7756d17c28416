""""Optimizer race" live, as the page draws it: Momentum's learning rate dragged back and
forth in Debian's headless Chromium (software WebGL), at 1440x900 and 1280x720.

    .venv/bin/python benchmarks/bench_live_race.py [--drags 3] [--seconds 3] [--quick]

Prints, per drag: the pointer's moves the page received per second, new values per second,
paints per second of the top view, the 3D view and the cost chart, the time one paint takes,
how long after the last value each chart's last paint came, and the time from the release to
plotly's drawing of the server's figures (see benchmarks/live_drag.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.live_drag import LivePage, main  # noqa: E402

RACE = LivePage(path="optimizer_race", live="__bnvizRaceLive", slider="or_mom_lr", charts=3)

if __name__ == "__main__":
    main(RACE, sys.argv[1:], lambda: __doc__ or "")
