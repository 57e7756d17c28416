"""Benchmarks of the page "Where normalization matters".

Run: .venv/bin/python benchmarks/bench_map.py

Prints
1. the time of one 40 x 40 map (both sides, default step budget 300) from a cold start of
   the numerics, split into building the rows' quadratics and running the grid; the same
   grid as a plain loop of ``descent.run`` over the 1600 cells, and the ratio;
2. how the grid scales (cells x steps), and the map at n = 1e6 (one QR of the data);
3. the page's rerun time through AppTest (median of reruns after a control change,
   caches warm and cold) and the chart bytes it sends per rerun.

``--quick`` (CI's smoke run): part 1 on a 10 x 10 map, one repeat; part 2 at 20 cells only;
part 3 with two reruns each.
"""

from __future__ import annotations

import argparse
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


def map_speed(*, quick: bool = False):
    spec, data = (MapSpec(cells=10) if quick else MapSpec()), DataSpec()
    repeat = 1 if quick else 5
    cmap = convergence_map(data, spec)
    total = best_of(lambda: convergence_map(data, spec), repeat)
    G = np.stack([q.G for q in cmap.raw.quadratics])
    ws = np.stack([q.w_star for q in cmap.raw.quadratics])
    grid = best_of(lambda: run_grid(G, ws, cmap.lr, w0=np.zeros(2), steps=spec.steps, tol=spec.tol),
                   repeat)
    n, cells = spec.cells, spec.cells**2

    def loop():
        for q in cmap.raw.quadratics:
            for lr in cmap.lr:
                descent.run(q, descent.GradientDescent(float(lr)), w0=np.zeros(2),
                            steps=spec.steps, tol=spec.tol)

    looped = best_of(loop, repeat=1)
    print(f"1. One {n} x {n} map at the default budget (300 steps, tol 1e-6)")
    print(f"   both maps (raw + standardized), rows' quadratics included: {total * 1e3:8.1f} ms")
    print(f"   one side's grid, vectorized:                                {grid * 1e3:8.1f} ms")
    print(f"   one side's grid, plain loop of descent.run over {cells:>4} cells: {looped * 1e3:8.1f} ms")
    print(f"   ratio loop / vectorized:                                    {looped / grid:8.1f} x")


def scaling(*, quick: bool = False):
    print("2. Scaling (both maps, rows' quadratics included)")
    print(f"   {'cells':>5} {'steps':>6} {'n':>9} {'time (ms)':>10}")
    sizes = ((20, 300, 100), (40, 300, 100), (80, 300, 100), (40, 5000, 100), (80, 5000, 100),
             (40, 300, 1_000_000))
    for cells, steps, n in sizes[:1] if quick else sizes:
        spec, data = MapSpec(cells=cells, steps=steps), DataSpec(n=n)
        t = best_of(lambda spec=spec, data=data: convergence_map(data, spec), 1 if quick else 2)
        print(f"   {cells:>5} {steps:>6} {n:>9,} {t * 1e3:>10.1f}")


def page(*, quick: bool = False):
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
    for i in range(4 if quick else 6):
        # Alternating between two values: after the first pair every rerun is a cache hit.
        t = time.perf_counter()
        at.select_slider(key="b_hi").set_value(values[i % 2]).run()
        (warm if i >= 2 else cold).append(time.perf_counter() - t)
    seeds = []
    for s in range(1 if quick else 3):
        t = time.perf_counter()
        at.number_input(key="seed").set_value(100 + s).run()  # a new data set: all computed
        seeds.append(time.perf_counter() - t)
    assert not at.exception
    print("3. Page rerun through AppTest (server side, seconds)")
    print(f"   first run of the page:                  {first:6.3f}")
    print(f"   rerun, caches warm (median of {len(warm)}):       {statistics.median(warm):6.3f}")
    print(f"   rerun, new data (median of {len(seeds)}, cold):    {statistics.median(seeds):6.3f}")
    print(f"   chart bytes per rerun:                  {total:,}")
    for k, v in sorted(sizes.items()):
        print(f"      {k:<20} ~{v:,} characters (decoded figure)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI's smoke run: small sizes, one repeat")
    quick = parser.parse_args().quick
    map_speed(quick=quick)
    scaling(quick=quick)
    page(quick=quick)
