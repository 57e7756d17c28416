"""The server's rerun of "Optimizer race" after a control change (AppTest, cache misses).

Run: .venv/bin/python benchmarks/bench_race_rerun.py [--reruns 20] [--profile out.prof]

Each rerun moves one of the optimizers' controls (rates and betas, taken in turn) to a value
not seen before in this process, so the cached view misses and the page computes the race,
its figures and their JSON afresh: what a visitor waits for after letting go of a slider.
Prints the median, the quartiles and the fastest of the reruns, and with ``--profile`` writes
a cProfile of them (read with ``python -m pstats``). Goal (issue 12): median under 150 ms.
``--quick`` (CI's smoke run) makes 4 reruns.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (widget kind, key, values): each value differs from the defaults and from every other, so
# every rerun is a cache miss. Rates sit on the log sliders' grids (select-sliders).
CHANGES = (
    ("slider", "or_mom_beta", (0.5, 0.6, 0.7, 0.8, 0.85)),
    ("select_slider", "or_gd_lr", (0.5, 0.3, 2.0, 0.2, 0.1)),
    ("slider", "or_nag_beta", (0.5, 0.6, 0.7, 0.8, 0.85)),
    ("select_slider", "or_adam_lr", (0.05, 0.02, 0.2, 0.3, 0.01)),
)


def _settings(reruns: int) -> list[tuple[str, str, float]]:
    """``reruns`` changes, cycling through the controls so no two reruns repeat a setting."""
    rounds = [[(kind, key, v) for v in values] for kind, key, values in CHANGES]
    flat = [change for group in zip(*rounds, strict=True) for change in group]
    if reruns > len(flat):
        raise SystemExit(f"at most {len(flat)} reruns")
    return flat[:reruns]


def _profile_thread(profiles: list[cProfile.Profile]) -> None:
    """Called once in each new thread (``threading.setprofile``): profile the rest of it."""
    profiler = cProfile.Profile()
    profiles.append(profiler)
    profiler.enable()  # replaces this hook in the thread


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=20)
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--quick", action="store_true", help="CI's smoke run: 4 reruns")
    args = parser.parse_args()
    if args.quick:
        args.reruns = 4

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("app_pages/optimizer_race.py")
    at.run()
    # One warm-up miss: the first rerun after opening pays for imports and caches that every
    # later visitor finds ready.
    at.slider(key="or_rms_beta").set_value(0.95).run()
    # AppTest runs each rerun's script in a new thread, which a profiler enabled here would not
    # see: every thread started from now on gets its own profiler, merged at the end.
    profiles: list[cProfile.Profile] = []
    if args.profile:
        threading.setprofile(lambda *_: _profile_thread(profiles))
    times = []
    for kind, key, value in _settings(args.reruns):
        widget = getattr(at, kind)(key=key).set_value(value)
        t = time.perf_counter()
        widget.run()
        times.append(time.perf_counter() - t)
        if at.exception:
            raise SystemExit(f"the page raised after {key}={value}: {at.exception[0].value}")
    q1, _, q3 = statistics.quantiles(times, n=4)
    median = statistics.median(times)
    print(f"Optimizer race, server rerun after a control change (AppTest, {len(times)} "
          f"cache misses):")
    print(f"   median {median * 1e3:6.1f} ms   (quartiles {q1 * 1e3:.1f} to {q3 * 1e3:.1f} ms, "
          f"fastest {min(times) * 1e3:.1f} ms; goal < 150 ms)")
    if profiles:
        threading.setprofile(None)
        stats = pstats.Stats(profiles[0])
        for p in profiles[1:]:
            stats.add(p)
        stats.dump_stats(args.profile)
        print(f"   profile written to {args.profile}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
