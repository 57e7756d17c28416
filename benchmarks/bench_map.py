"""Benchmarks of the page "Where normalization matters".

Run: .venv/bin/python benchmarks/bench_map.py

Prints
1. the time of one 40 x 40 map (both sides, default step budget 300) from a cold start of
   the numerics, split into building the rows' quadratics and running the grid; the same
   grid as a plain loop of ``descent.run`` over the 1600 cells, and the ratio;
2. how the grid scales (cells x steps), and the map at n = 1e6 (one QR of the data);
3. the page's rerun time through AppTest (median of reruns after a control change,
   caches warm and cold) and the chart bytes it sends per rerun.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import best_of  # noqa: E402

from bnviz.core import descent  # noqa: E402
from bnviz.core.gridrun import run_grid  # noqa: E402
from bnviz.lessons.common.settings import DataSpec  # noqa: E402
from bnviz.lessons.where.convergence import convergence_map  # noqa: E402
from bnviz.lessons.where.settings import MapSpec  # noqa: E402


def map_speed():
    spec, data = MapSpec(), DataSpec()
    cmap = convergence_map(data, spec)
    total = best_of(lambda: convergence_map(data, spec), 5)
    G = np.stack([q.G for q in cmap.raw.quadratics])
    ws = np.stack([q.w_star for q in cmap.raw.quadratics])
    grid = best_of(lambda: run_grid(G, ws, cmap.lr, w0=np.zeros(2), steps=spec.steps, tol=spec.tol), 5)

    def loop():
        for q in cmap.raw.quadratics:
            for lr in cmap.lr:
                descent.run(q, descent.GradientDescent(float(lr)), w0=np.zeros(2),
                            steps=spec.steps, tol=spec.tol)

    looped = best_of(loop, repeat=1)
    print("1. One 40 x 40 map at the default budget (300 steps, tol 1e-6)")
    print(f"   both maps (raw + standardized), rows' quadratics included: {total * 1e3:8.1f} ms")
    print(f"   one side's grid, vectorized:                                {grid * 1e3:8.1f} ms")
    print(f"   one side's grid, plain loop of descent.run over 1600 cells: {looped * 1e3:8.1f} ms")
    print(f"   ratio loop / vectorized:                                    {looped / grid:8.1f} x")


def scaling():
    print("2. Scaling (both maps, rows' quadratics included)")
    print(f"   {'cells':>5} {'steps':>6} {'n':>9} {'time (ms)':>10}")
    for cells, steps, n in ((20, 300, 100), (40, 300, 100), (80, 300, 100), (40, 5000, 100),
                            (80, 5000, 100), (40, 300, 1_000_000)):
        spec, data = MapSpec(cells=cells, steps=steps), DataSpec(n=n)
        t = best_of(lambda spec=spec, data=data: convergence_map(data, spec), repeat=2)
        print(f"   {cells:>5} {steps:>6} {n:>9,} {t * 1e3:>10.1f}")


def page():
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import chart_bytes, charts

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("app_pages/where_it_matters.py")
    t = time.perf_counter()
    at.run()
    first = time.perf_counter() - t
    sizes = {k: len(str(v)) for k, v in charts(at).items()}
    total = chart_bytes(at)
    warm, cold = [], []
    values = [200.0, 300.0]
    for i in range(6):
        # Alternating between two values: after the first pair every rerun is a cache hit.
        t = time.perf_counter()
        at.select_slider(key="b_hi").set_value(values[i % 2]).run()
        (warm if i >= 2 else cold).append(time.perf_counter() - t)
    seeds = []
    for s in range(3):
        t = time.perf_counter()
        at.number_input(key="seed").set_value(100 + s).run()  # a new data set: all computed
        seeds.append(time.perf_counter() - t)
    assert not at.exception
    print("3. Page rerun through AppTest (server side, seconds)")
    print(f"   first run of the page:                  {first:6.3f}")
    print(f"   rerun, caches warm (median of 4):       {statistics.median(warm):6.3f}")
    print(f"   rerun, new data (median of 3, cold):    {statistics.median(seeds):6.3f}")
    print(f"   chart bytes per rerun:                  {total:,}")
    for k, v in sorted(sizes.items()):
        print(f"      {k:<20} ~{v:,} characters (decoded figure)")


if __name__ == "__main__":
    map_speed()
    scaling()
    page()
