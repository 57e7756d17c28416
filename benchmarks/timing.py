"""What the benchmark scripts share: the best-of-N wall time of a call."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """The shortest of ``repeat`` wall times of ``fn()``, in seconds.

    The minimum, not the mean: on a shared machine the noise only ever adds time.
    """
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def rerun_times(widget_of: Callable[[], object], values) -> list[float]:
    """Wall time of each AppTest rerun after setting the widget ``widget_of()`` to a value.

    ``widget_of`` is called afresh for each value: AppTest's element handles are replaced
    by every run.
    """
    times = []
    for v in values:
        t = time.perf_counter()
        widget_of().set_value(v).run()
        times.append(time.perf_counter() - t)
    return times
