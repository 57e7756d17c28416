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
