"""Benchmarks of the page "Inside a batch": rerun time and chart bytes, and what the core costs.

Run: .venv/bin/python benchmarks/bench_inside_a_batch.py

Prints
1. the server-side time of one rerun of the page at default settings after the first run
   (AppTest, median of 15; target < 150 ms), of a rerun after the batch slider moves to a
   batch seen before, and of the first run;
2. chart bytes per rerun at default settings (the figure JSON the page sends; target
   < 400 kB), per chart, and at batch size 1 and at n = 10,000;
3. the uncached core per cached wrapper at defaults and at n = 1e5 (what a new setting costs).

``--quick`` (CI's smoke run): three reruns per median, the defaults' bytes only, the core at
the defaults, one repeat.
"""

from __future__ import annotations

import argparse
import statistics as stats
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import rerun_times  # noqa: E402

from bnviz.core import batches  # noqa: E402
from bnviz.lessons.batch import layer, minibatch, statistics  # noqa: E402
from bnviz.lessons.batch.settings import MiniSpec, SplitSpec  # noqa: E402
from bnviz.lessons.common.data import two_features  # noqa: E402
from bnviz.lessons.common.settings import DataSpec  # noqa: E402

PAGE = "app_pages/inside_a_batch.py"


def page(query: dict[str, str] | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE)
    t = time.perf_counter()
    at.run()
    first = time.perf_counter() - t
    assert not at.exception, at.exception
    return at, first


def sizes(at) -> dict[str, int]:
    return {el.key: len(el.proto.bytes) for el in at.get("bidi_component")}


def rerun(*, quick: bool = False):
    print("1. Server-side rerun of the page (AppTest)")
    at, first = page()
    times = []
    for _ in range(3 if quick else 15):
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    # first pass computes, second hits the cache
    seen = (2, 3) if quick else (2, 3, 4, 5, 6)
    moves = rerun_times(lambda: at.slider(key="bt_index"), seen + seen)
    assert not at.exception
    print(f"   first run (computes everything):         {first * 1e3:7.1f} ms")
    print(f"   median rerun at defaults (target < 150): {stats.median(times) * 1e3:7.1f} ms")
    new, again = moves[:len(seen)], moves[len(seen):]
    print(f"   batch slider, new batch (median):        {stats.median(new) * 1e3:7.1f} ms")
    print(f"   batch slider, batch seen before:         {stats.median(again) * 1e3:7.1f} ms")


def chart_bytes(*, quick: bool = False):
    print("\n2. Chart bytes per rerun (figure JSON sent by the page; target < 400 kB)")
    cases = (("defaults", {}), ("batch size 1", {"bt_size": "1"}), ("n = 10,000", {"n": "10000"}),
             ("n = 10,000, batch size 1", {"n": "10000", "bt_size": "1"}))
    for label, query in cases[:1] if quick else cases:
        at, _ = page(query)
        per = sizes(at)
        detail = ", ".join(f"{k} {v / 1e3:.0f}" for k, v in per.items())
        print(f"   {label:<26} {sum(per.values()) / 1e3:7.1f} kB   ({detail})")


def core(*, quick: bool = False):
    repeat = 1 if quick else 3
    print(f"\n3. Uncached core per wrapper (ms, best of {repeat})")
    print(f"   {'n':>7} {'batch frames':>13} {'running':>9} {'spread':>8} {'3 descents':>11}")
    for n in (100,) if quick else (100, 100_000):
        d = two_features(DataSpec(n=n))
        s = batches.split(n, 10, seed=0)

        def best(fn):
            out = []
            for _ in range(repeat):
                t = time.perf_counter()
                fn()
                out.append(time.perf_counter() - t)
            return min(out) * 1e3

        f = best(lambda: layer.frames(d.X, s, 0, gamma=np.ones(2), beta=np.zeros(2),  # noqa: B023
                                       eps=1e-5, undo=False))
        r = best(lambda: statistics.running(d.X, size=10, seed=0, last="keep",  # noqa: B023
                                         momentum=0.1, epochs=5))
        sp = best(lambda: statistics.spread(d.X, seed=0, eps=1e-5))  # noqa: B023
        m = best(lambda: minibatch.run_all(d.X, d.y, SplitSpec(), MiniSpec(),  # noqa: B023
                                           eps=1e-5, momentum=0.1))
        print(f"   {n:>7,} {f:>13.1f} {r:>9.1f} {sp:>8.1f} {m:>11.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI's smoke run: small sizes, one repeat")
    quick = parser.parse_args().quick
    rerun(quick=quick)
    chart_bytes(quick=quick)
    core(quick=quick)
