"""Benchmarks of the page "Optimizer race": core time, figure time, rerun time, chart bytes.

Run: .venv/bin/python benchmarks/bench_race.py

Prints
1. the race's numerics (five optimizers on both sides, gradients and velocities recorded)
   at 300, 1000 and 5000 steps, against descent.run on the same optimizers (which records
   the weights only);
2. building the figure dicts and their JSON for the chosen side;
3. the server-side time of one page rerun after a slider change (AppTest, median), for new
   settings and for settings served from the cache;
4. chart bytes sent per rerun at the default settings and at the largest step budget.

``--quick`` (CI's smoke run): 300 steps only in part 1, one repeat per timing, three reruns
per median.
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

from bnviz.core import descent  # noqa: E402
from bnviz.lessons.common.data import two_features  # noqa: E402
from bnviz.lessons.common.settings import DataSpec, DescentSpec  # noqa: E402
from bnviz.lessons.race.figures import race_figures  # noqa: E402
from bnviz.lessons.race.runs import run_race  # noqa: E402
from bnviz.lessons.race.settings import RaceSpec  # noqa: E402
from bnviz.plotting.encode import to_json  # noqa: E402


def numerics(*, quick: bool = False):
    repeat = 1 if quick else 3
    print(f"1. The race's numerics: 5 optimizers x 2 sides (best of {repeat})")
    print(f"{'steps':>6} {'run_race (ms)':>14} {'descent.run only (ms)':>22} {'µs/step':>8}")
    d = two_features(DataSpec())
    for steps in (300,) if quick else (300, 1000, 5000):
        spec = DescentSpec(steps=steps)
        race = run_race(d, RaceSpec(), spec)
        a = best_of(lambda spec=spec: run_race(d, RaceSpec(), spec), repeat)

        def plain(race=race, steps=steps):
            for field in (race.raw, race.std):
                for r in field.runs:
                    descent.run(field.quadratic, r.optimizer, w0=field.w0, steps=steps)

        b = best_of(plain, repeat)
        n = sum(len(r.trajectory.cost) - 1 for f in (race.raw, race.std) for r in f.runs)
        print(f"{steps:>6} {a * 1e3:>14.1f} {b * 1e3:>22.1f} {a / max(n, 1) * 1e6:>8.1f}")


def figures(*, quick: bool = False):
    repeat = 1 if quick else 5
    print(f"\n2. Figure dicts and JSON for one side (default settings, best of {repeat})")
    d = two_features(DataSpec())
    race = run_race(d, RaceSpec(), DescentSpec())
    for field in (race.raw, race.std):
        figs = race_figures(field, tol=1e-6)
        t_fig = best_of(lambda field=field: race_figures(field, tol=1e-6), repeat)
        t_json = best_of(lambda figs=figs: [to_json(f) for f in figs.values()], repeat)
        sizes = {k: len(to_json(v)) for k, v in figs.items()}
        print(f"   {field.label:>12}: dicts {t_fig * 1e3:5.1f} ms, JSON {t_json * 1e3:5.1f} ms, "
              + ", ".join(f"{k} {v / 1e3:.0f} kB" for k, v in sizes.items()))


def rerun(*, quick: bool = False):
    from streamlit.testing.v1 import AppTest

    print("\n3. One rerun of the page after a slider change (server side, AppTest)")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("app_pages/optimizer_race.py")
    at.run()
    default_bytes = sum(len(el.proto.bytes) for el in at.get("bidi_component"))
    values = [0.5, 0.6, 0.7, 0.8, 0.85, 0.95, 0.97, 0.98, 0.99, 0.995]
    values = values[:3] if quick else values
    fresh = rerun_times(lambda: at.slider(key="or_mom_beta"), values)  # the race runs
    cached = rerun_times(lambda: at.slider(key="or_mom_beta"), values)  # from the cache
    assert not at.exception
    print(f"   median rerun, new setting:    {statistics.median(fresh) * 1e3:6.1f} ms")
    print(f"   median rerun, cached setting: {statistics.median(cached) * 1e3:6.1f} ms")
    t = time.perf_counter()
    at.select_slider(key="steps").set_value(5000).run()
    t5000 = time.perf_counter() - t
    assert not at.exception
    big_bytes = sum(len(el.proto.bytes) for el in at.get("bidi_component"))
    print(f"   one rerun at 5000 steps (new): {t5000 * 1e3:6.1f} ms")
    return default_bytes, big_bytes


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI's smoke run: small sizes, one repeat")
    quick = parser.parse_args().quick
    np.seterr(all="ignore")
    numerics(quick=quick)
    figures(quick=quick)
    small, big = rerun(quick=quick)
    print(f"\n4. Chart bytes per rerun: {small / 1e3:.0f} kB at default settings, "
          f"{big / 1e3:.0f} kB at 5000 steps (target < 400 kB)")
