"""The memory trimmer gives freed heap pages back to the system (glibc only)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time

import pytest

from bnviz.ui import memory

pytestmark = pytest.mark.skipif(memory._malloc_trim() is None, reason="needs glibc's malloc_trim")

# A fragmented heap: 120 MB of 1 kB blocks (past pymalloc's 512-byte limit, so glibc's),
# one in a hundred kept, so no free stretch reaches the heap's top and glibc keeps it all.
_CHILD = textwrap.dedent("""
    import os, sys
    from bnviz.ui.memory import release_memory

    def rss_mb():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    blocks = [bytes(1000) + i.to_bytes(4, "little") for i in range(120_000)]
    kept = blocks[::100]
    del blocks
    before = rss_mb()
    released = release_memory(collect=True)
    print(before, rss_mb(), released, len(kept))
""")


def test_release_memory_returns_a_fragmented_heap_to_the_system():
    out = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True,
                         check=True).stdout.split()
    before, after, released = float(out[0]), float(out[1]), out[2] == "True"
    assert released
    assert before - after > 60, (before, after)


def _wait(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.005)


def test_trimmer_trims_every_period_and_empties_caches_once_per_quiet_spell(monkeypatch):
    trims, emptied = [], []
    monkeypatch.setattr(memory, "release_memory", lambda **kw: trims.append(kw["collect"]))
    stop = threading.Event()
    memory.page_ran()
    thread = memory.start_trimmer(period=0.01, quiet=0.3, on_quiet=lambda: emptied.append(1),
                                  stop=stop)
    assert thread.daemon
    _wait(lambda: len(trims) >= 5)
    assert emptied == [] and not any(trims)  # a page ran just now: not quiet yet
    _wait(lambda: emptied)
    _wait(lambda: sum(trims) >= 5)  # quiet for several periods ...
    assert emptied == [1]  # ... but the caches were emptied once
    memory.page_ran()  # a visitor comes back, then leaves again
    _wait(lambda: len(emptied) == 2)
    stop.set()
    thread.join(timeout=5)
    assert emptied == [1, 1]
    assert not thread.is_alive()
