"""Benchmarks of the page "Valley vs bowl": numerics, accuracy, rerun time, bytes.

Run: .venv/bin/python benchmarks/bench_valley.py [--quick]

``--quick`` (CI's smoke run, seconds): n up to 1e5, part 2 skipped (the point-by-point
reference takes about 5 minutes), three reruns per median, one repeat per timing.

Prints
1. surface (41x41 + 81x81 grids) and 300 steps of descent from sufficient statistics
   against the point-by-point computation over the data, at n = 100, 1e5, 1e6;
2. accuracy on a 200 x 200 grid at n = 1e6: centred form and expanded form against the
   point-by-point cost (max relative error);
3. the server-side time of one page rerun after a slider change (AppTest, median), and
   where a fresh computation's time goes (numerics, figure dicts, JSON, and what building
   the same figures through plotly's validated go.Figure would cost);
4. chart bytes sent per rerun at default settings.
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

from timing import best_of, rerun_times  # noqa: E402

from bnviz.core import descent, quadratic, theory  # noqa: E402
from bnviz.lessons.common.data import two_features  # noqa: E402
from bnviz.lessons.common.settings import DataSpec, DescentSpec  # noqa: E402


def pointwise_descent(X, y, w0, lr, steps):
    w = w0.copy()
    n = len(y)
    for _ in range(steps):
        w = w - lr * (2.0 / n) * (X.T @ (X @ w - y))
    return w


def numerics(*, quick: bool = False):
    print("1. Sufficient statistics vs point by point (surface 41^2 + 81^2 points, 300 GD steps)")
    print(f"{'n':>9} {'stats (ms)':>11} {'pointwise (ms)':>15} {'ratio':>8}")
    for n in (100, 100_000) if quick else (100, 100_000, 1_000_000):
        d = two_features(DataSpec(n=n))
        g3, g2 = np.linspace(-1, 5, 41), np.linspace(-1, 5, 81)

        def with_stats(d=d, g3=g3, g2=g2):
            q = quadratic.from_data(d.X, d.y)  # the one O(n) pass is included
            quadratic.surface(q, g3, g3), quadratic.surface(q, g2, g2)
            lr = theory.conditioning(q).lr_optimal
            descent.run(q, descent.GradientDescent(lr), w0=np.zeros(2), steps=300)

        def pointwise(d=d, g3=g3, g2=g2):
            grid_pointwise(d.X, d.y, g3, g3), grid_pointwise(d.X, d.y, g2, g2)
            q = quadratic.from_data(d.X, d.y)
            pointwise_descent(d.X, d.y, np.zeros(2), theory.conditioning(q).lr_optimal, 300)

        a = best_of(with_stats, 1 if quick else 3)
        b = best_of(pointwise, repeat=1 if quick or n >= 1_000_000 else 3)
        print(f"{n:>9,} {a * 1e3:>11.1f} {b * 1e3:>15.1f} {b / a:>7.0f}x")


def grid_pointwise(X, y, g1, g2):
    """mean((a w1 + b w2 - y)^2) at every grid point, summing over all n rows each time."""
    a, b = X[:, 0], X[:, 1]
    out = np.empty((len(g2), len(g1)))
    for i, w1 in enumerate(g1):
        base = a * w1 - y
        for j0 in range(0, len(g2), 25):
            r = base[:, None] + b[:, None] * g2[None, j0:j0 + 25]
            out[j0:j0 + 25, i] = np.einsum("ij,ij->j", r, r) / len(y)
    return out.ravel()


def accuracy():
    print("\n2. Accuracy on a 200 x 200 grid at n = 1e6 (max relative error vs point by point)")
    d = two_features(DataSpec(n=1_000_000))
    q = quadratic.from_data(d.X, d.y)
    g1 = np.linspace(q.w_star[0] - 0.5, q.w_star[0] + 0.5, 200)
    g2 = np.linspace(q.w_star[1] - 0.01, q.w_star[1] + 0.01, 200)
    w = np.stack(np.meshgrid(g1, g2), -1).reshape(-1, 2)
    t = time.perf_counter()
    exact = grid_pointwise(d.X, d.y, g1, g2)
    print(f"   (point-by-point reference: 4e10 multiply-adds, {time.perf_counter() - t:.0f} s)")
    centred = q.cost(w)
    c = d.y @ d.y / d.n
    expanded = np.einsum("ni,ij,nj->n", w, q.G, w) - 2 * w @ q.b + c
    print(f"   centred form  (f* + e'Ge):      {np.max(np.abs(centred - exact) / exact):.2e}")
    print(f"   expanded form (w'Gw - 2w'b + c): {np.max(np.abs(expanded - exact) / exact):.2e}")


def rerun(*, quick: bool = False):
    from streamlit.testing.v1 import AppTest

    print("\n3. One rerun of the page after a slider change (server side, AppTest)")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("app_pages/valley_vs_bowl.py")
    at.run()
    values = [150.0, 250.0, 300.0, 400.0, 500.0, 600.0, 800.0, 1000.0, 1200.0, 1500.0]
    values = values[:3] if quick else values
    big_n = 100_000 if quick else 1_000_000
    fresh = rerun_times(lambda: at.select_slider(key="b_hi"), values)  # the computation runs
    cached = rerun_times(lambda: at.select_slider(key="b_hi"), values)  # from the cache
    big = []
    for seed in (1,) if quick else (1, 2, 3):  # a new data set each time, nothing cached
        at.number_input(key="seed").set_value(seed)
        t = time.perf_counter()
        at.select_slider(key="n").set_value(big_n).run()
        big.append(time.perf_counter() - t)
        at.select_slider(key="n").set_value(100).run()
    assert not at.exception
    print(f"   median rerun, n = {big_n:.0e}, new data: {statistics.median(big) * 1e3:6.1f} ms")
    print(f"   median rerun, new setting:    {statistics.median(fresh) * 1e3:6.1f} ms")
    print(f"   median rerun, cached setting: {statistics.median(cached) * 1e3:6.1f} ms")
    nbytes = sum(len(el.proto.bytes) for el in at.get("bidi_component"))
    return at, nbytes


def breakdown(*, quick: bool = False):
    import plotly.graph_objects as go

    from bnviz.lessons.valley.experiment import compare
    from bnviz.lessons.valley.figures import cost_figure, side_figures
    from bnviz.plotting.encode import to_json

    d = two_features(DataSpec())
    spec = DescentSpec()
    cmp = compare(d, spec)
    figs = {}

    def build():
        figs.clear()
        for s in (cmp.raw, cmp.std):
            figs.update({f"{s.label}_{k}": v for k, v in side_figures(s).items()})
        figs["cost"] = cost_figure(cmp)

    repeat = 1 if quick else 5
    t_num = best_of(lambda: compare(d, spec), repeat)
    t_fig = best_of(build, repeat)
    t_json = best_of(lambda: [to_json(f) for f in figs.values()], repeat)
    def typed(fig):
        # Our frames carry coordinates only; the validator wants each trace's type.
        types = [t.get("type", "scatter") for t in fig["data"]]
        frames = [{**f, "data": [{**t, "type": types[i]} for t, i in zip(f["data"], f["traces"],
                                                                      strict=True)]}
                  for f in fig.get("frames", [])]
        return {**fig, "frames": frames}

    typed_figs = [typed(f) for f in figs.values()]
    t_go = best_of(lambda: [go.Figure(f).to_json() for f in typed_figs], 1 if quick else 2)
    print("   where a fresh computation's time goes (default settings):")
    print(f"     numerics (data to trajectories and surfaces): {t_num * 1e3:6.1f} ms")
    print(f"     figure dicts:                                 {t_fig * 1e3:6.1f} ms")
    print(f"     JSON with binary arrays:                      {t_json * 1e3:6.1f} ms")
    print(f"     the same figures through go.Figure + to_json: {t_go * 1e3:6.1f} ms "
          f"({t_go / (t_fig + t_json):.0f}x the plain dicts)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI's smoke run: small sizes, one repeat")
    quick = parser.parse_args().quick
    numerics(quick=quick)
    if not quick:  # the point-by-point reference takes minutes
        accuracy()
    _, nbytes = rerun(quick=quick)
    breakdown(quick=quick)
    print(f"\n4. Chart bytes per rerun at default settings: {nbytes / 1e3:.0f} kB "
          f"(target < 400 kB)")
