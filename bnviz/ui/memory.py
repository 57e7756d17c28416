"""Give a class's memory back when the class has left.

Why (measured with ``benchmarks/load``): after thirty visitors left, a server process stayed
near the memory of its busiest minute. Two things held it:

- the cached views (``st.cache_data``, bounded by ``max_entries``: about 40 MB a process when
  full) keep the settings that visitors chose, which serve the next visitor only while the
  class is still there;
- glibc's allocator keeps the small blocks a program frees in its heap for reuse. Its
  ``malloc_trim(0)`` returns every wholly free page of every arena to the kernel (since
  glibc 2.8 also pages in the middle of a heap, with ``madvise``); it costs milliseconds.

So each process runs a trimmer thread: every :data:`TRIM_SECONDS` it trims, and once no page
has run for :data:`QUIET_SECONDS` it also empties the cached views (the next visitor's first
run of a page recomputes it: about 0.1 s). A worker of the job pool trims after each job
(:mod:`bnviz.ui.jobs`). Where there is no glibc (macOS, musl), trimming does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
import time
from collections.abc import Callable
from functools import cache
from typing import Any

import streamlit as st

# Often enough that memory comes back within a minute of a class leaving; rarely enough
# that the trim (a few ms holding the allocator's locks) never shows in a page's time.
TRIM_SECONDS = 30.0
# A page rerun by a visitor still reading it comes within this; a class that has gone
# does not. (A followed training run reruns its page every fraction of a second.)
QUIET_SECONDS = 60.0

_last_run = [time.monotonic()]


@cache
def _malloc_trim() -> Any:
    """glibc's ``malloc_trim``, or None where the C library has none."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    trim = getattr(libc, "malloc_trim", None)
    if trim is not None:
        trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def release_memory(*, collect: bool = False) -> bool:
    """Return this process's free heap pages to the system.

    Parameters
    ----------
    collect : bool, keyword-only
        Run the cyclic garbage collector first (frees cycles that still hold arrays).

    Returns
    -------
    bool
        True when glibc released memory, False when it had none to release or there is no
        ``malloc_trim`` here.
    """
    if collect:
        gc.collect()
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False


def page_ran() -> None:
    """Note that a page ran now (the trimmer's clock of quiet)."""
    _last_run[0] = time.monotonic()


def quiet_for() -> float:
    """Seconds since a page last ran in this process."""
    return time.monotonic() - _last_run[0]


def start_trimmer(period: float = TRIM_SECONDS, *, quiet: float = QUIET_SECONDS,
                  on_quiet: Callable[[], None] | None = None,
                  stop: threading.Event | None = None) -> threading.Thread:
    """Every ``period`` seconds, in a daemon thread: call ``on_quiet`` once per quiet spell
    (no page for ``quiet`` seconds), then trim. Runs until ``stop`` is set (by default never:
    the thread ends with the process)."""
    stop = stop or threading.Event()

    def loop() -> None:
        emptied = False
        while not stop.wait(period):
            idle = quiet_for() >= quiet
            if idle and not emptied and on_quiet is not None:
                on_quiet()
            emptied = idle
            release_memory(collect=idle)

    thread = threading.Thread(target=loop, daemon=True, name="bnviz-memory-trim")
    thread.start()
    return thread


@st.cache_resource(show_spinner=False)
def trimmer() -> threading.Thread:
    """This server process's trimmer, which empties the cached views when it is quiet;
    started by the first page that runs."""
    return start_trimmer(on_quiet=st.cache_data.clear)
