"""Benchmarks of the page "Deep networks": live training, reruns that must not retrain, bytes.

Run: .venv/bin/python benchmarks/bench_deep_page.py [--quick]

Prints
1. the default live training (both networks, every unit's percentiles recorded) as the
   page's job runs it in a worker process (``live.run_job``, here in this process), against
   the core's ``training.run`` (one unit recorded), both on one BLAS thread;
2. the page's first run at the default settings (AppTest: trains live, end to end);
3. the server-side time of a page rerun when only a chart option changes (the histogram's
   step, the unit, the layer): median over reruns; it must not retrain;
4. chart bytes per rerun (the figure JSON the page sends) at the default settings;
5. the default depth sweep end to end.

``--quick`` (CI's smoke run): part 1 at 100 steps, one repeat; three reruns per median in
part 3; part 5 over depths 1 to 2 with a budget of 40 steps.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bnviz.core import training  # noqa: E402
from bnviz.lessons.deep import live  # noqa: E402
from bnviz.lessons.deep.settings import DeepSweepSpec, DeepTrainSpec  # noqa: E402


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def training_times(repeat: int, *, steps: int | None = None) -> None:
    spec = DeepTrainSpec() if steps is None else DeepTrainSpec(steps=steps)
    print(f"1. Default live training, both networks, {spec.steps} steps (best of {repeat})")

    def page_job():
        *_, last = live.run_job(spec)
        return last

    ours = min(timed(page_job)[0] for _ in range(repeat))
    core = min(timed(lambda: training.run(*spec.configs()))[0] for _ in range(repeat))
    _, run = timed(page_job)
    result = run.result
    nbytes = result.plain.nbytes + result.bn.nbytes
    print(f"   page job (all units' percentiles)     : {ours:6.2f} s")
    print(f"   core training.run (one unit)           : {core:6.2f} s")
    print(f"   recorded result held in memory          : {nbytes / 1e6:6.2f} MB")
    print(f"   final test accuracy: without BN {result.plain.test_accuracy[-1]:.1%}, "
          f"with BN {result.bn.test_accuracy[-1]:.1%}")


def page_times(reruns: int) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    at.switch_page("app_pages/deep_networks.py")
    first, _ = timed(at.run)
    assert not at.exception, [e.value for e in at.exception]
    print(f"\n2. Page's first run at the defaults (live training, AppTest): {first:.2f} s")

    steps = list(at.select_slider(key="dn_at").options)
    times = {"histogram step": [], "unit": [], "layer": []}
    for i in range(reruns):
        t, _ = timed(lambda i=i: at.select_slider(key="dn_at").set_value(
            int(steps[(i * 7) % len(steps)])).run())
        times["histogram step"].append(t)
        t, _ = timed(lambda i=i: at.number_input(key="dn_unit").set_value(1 + i % 50).run())
        times["unit"].append(t)
        t, _ = timed(lambda i=i: at.select_slider(key="dn_layer").set_value(1 + i % 3).run())
        times["layer"].append(t)
    assert not at.exception
    print(f"\n3. Page rerun, chart option changed only (median of {reruns}; no retraining):")
    for name, ts in times.items():
        print(f"   {name:<15}: {statistics.median(ts) * 1e3:7.1f} ms  "
              f"(max {max(ts) * 1e3:.1f} ms)")

    at.select_slider(key="dn_at").set_value(DeepTrainSpec().steps).run()
    at.number_input(key="dn_unit").set_value(1).run()
    at.select_slider(key="dn_layer").set_value(DeepTrainSpec().depth).run()
    sizes = {el.key: len(el.proto.bytes) for el in at.get("bidi_component")}
    print("\n4. Chart bytes per rerun at the defaults:")
    for key, n in sizes.items():
        print(f"   {key:<14}: {n / 1e3:7.1f} kB")
    print(f"   {'total':<14}: {sum(sizes.values()) / 1e3:7.1f} kB")


def sweep_time(*, quick: bool = False) -> None:
    sw = DeepSweepSpec(depth_hi=2, max_steps=40) if quick else DeepSweepSpec()
    key = live.sweep_key(DeepTrainSpec(), sw)
    t, runs = timed(lambda: list(live.sweep_run(key)))
    r = runs[-1].result
    print(f"\n5. {'Small' if quick else 'Default'} depth sweep (depths {sw.depths[0]}.."
          f"{sw.depths[-1]}, budget {sw.max_steps} steps, {len(runs)} networks): {t:.2f} s")
    print(f"   steps to {sw.target:.0%}: without BN {r.steps_plain.tolist()}, "
          f"with BN {r.steps_bn.tolist()}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI's smoke run: small sizes, one repeat")
    quick = parser.parse_args().quick
    training_times(1 if quick else 3, steps=100 if quick else None)
    page_times(3 if quick else 15)
    sweep_time(quick=quick)
