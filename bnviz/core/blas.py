"""Run numpy's OpenBLAS on one thread while training the small networks.

Why: the matrices here are tiny (batch 60 x width 100). Splitting such a product over
threads gains nothing, and on a busy 2-core machine a preempted BLAS thread stalls every
matmul: a 3-layer training run measured 8-20x slower with OpenBLAS's default threads than
with one. Best effort: without a recognizable OpenBLAS the context manager does nothing.
"""

from __future__ import annotations

import ctypes
import glob
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache

import numpy as np

_SETTERS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)
_GETTERS = (
    "scipy_openblas_get_num_threads64_",
    "scipy_openblas_get_num_threads",
    "openblas_get_num_threads64_",
    "openblas_get_num_threads",
)


@lru_cache(maxsize=1)
def _functions() -> tuple[Callable[[], int], Callable[[int], None]] | None:
    """``(get, set)`` of the OpenBLAS numpy loaded, or None."""
    base = os.path.dirname(os.path.dirname(np.__file__))
    for path in glob.glob(os.path.join(base, "numpy.libs", "*openblas*")):
        try:
            lib = ctypes.CDLL(path)  # already loaded by numpy: the same handle comes back
        except OSError:
            continue
        getter = next((getattr(lib, n) for n in _GETTERS if hasattr(lib, n)), None)
        setter = next((getattr(lib, n) for n in _SETTERS if hasattr(lib, n)), None)
        if getter is not None and setter is not None:
            getter.restype = ctypes.c_int
            setter.argtypes = [ctypes.c_int]
            return getter, setter
    return None


def get_threads() -> int | None:
    """OpenBLAS's current thread count, or None if unknown."""
    fns = _functions()
    return None if fns is None else int(fns[0]())


@contextmanager
def threads(n: int = 1) -> Iterator[None]:
    """Use ``n`` BLAS threads inside the block, then restore the previous count."""
    fns = _functions()
    if fns is None:
        yield
        return
    previous = int(fns[0]())
    fns[1](n)
    try:
        yield
    finally:
        fns[1](previous)
