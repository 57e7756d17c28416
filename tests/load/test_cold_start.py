"""A class arriving at a server that has just started (issue 20, part 1).

Each visitor's script runs in a thread of its own, and a fresh server has imported almost
nothing: ten visitors opening the pages within a second of a fresh start met
``AttributeError: partially initialized module 'pandas' has no attribute 'Series'`` (2 of 10,
in each of three tries) when two threads imported pandas and pyarrow at the same moment.
``bnviz.ui.warmup`` now does every lazy import and first use once, before any page runs.

Two tests, the way it happens and the way it is prevented:

- three freshly started servers, each opened by a dozen sessions on every page (both
  languages) at the same instant, then each moving a control at the same instant; every
  message of every session is read for an exception element;
- in a fresh interpreter, after the warm-up, a walk over every page in both languages
  imports no module at all: nothing is left for two first runs to race on.
"""

from __future__ import annotations

import asyncio
import json
import random
import subprocess
import sys
import textwrap

from benchmarks.load.client import RunResult, Session, neighbour
from benchmarks.load.server import ROOT, serve

PAGES = ("", "valley_vs_bowl", "inside_a_batch", "optimizer_race", "where_it_matters",
         "deep_networks")
SESSIONS = 12   # two per page, one of them in Italian
SERVERS = 3
RUN_TIMEOUT = 120.0


async def visitor(url: str, page: str, query: str, go: asyncio.Event,
                  moved: asyncio.Event, seed: int) -> list[tuple[str, RunResult]]:
    """Connect, wait for everyone, open ``page``; wait again, then move one control."""
    rng = random.Random(seed)
    async with Session(url, timeout=RUN_TIMEOUT) as s:
        await go.wait()
        runs = [(f"open {page or 'home'}?{query}", await s.open(page, query))]
        await moved.wait()
        movable = [w for w in s.movable() if neighbour(w, rng) is not None]
        if movable:
            w = rng.choice(movable)
            runs.append((f"move {w.label!r} on {page or 'home'}",
                         await s.set_value(w, neighbour(w, rng))))
        if s.closed_reason is not None:
            runs.append(("closed", RunResult(0.0, "closed", (s.closed_reason,))))
        return runs


async def class_arrives(url: str) -> list[tuple[str, RunResult]]:
    go, moved = asyncio.Event(), asyncio.Event()
    tasks = [asyncio.create_task(visitor(url, PAGES[i % len(PAGES)],
                                         "lang=it" if i >= len(PAGES) else "", go, moved, i))
             for i in range(SESSIONS)]
    await asyncio.sleep(1.0)  # every websocket open before anyone runs a page
    go.set()
    await asyncio.sleep(0.5)  # the opening runs under way, then everybody moves at once
    moved.set()
    done = await asyncio.wait_for(asyncio.gather(*tasks), timeout=4 * RUN_TIMEOUT)
    return [run for runs in done for run in runs]


def test_a_class_at_a_fresh_server_sees_no_exception():
    for attempt in range(SERVERS):
        with serve(root=ROOT) as server:
            runs = asyncio.run(class_arrives(server.url))
        opened = [r for what, r in runs if what.startswith("open")]
        assert len(opened) == SESSIONS  # every session ran its page
        bad = [(what, r.status, r.exceptions) for what, r in runs if not r.ok]
        assert bad == [], f"fresh server {attempt + 1} of {SERVERS}: {bad}"
        # The second burst happened: controls moved, on most pages.
        assert sum(what.startswith("move") for what, _ in runs) >= SESSIONS - 2


# After the warm-up, a walk over every page (both languages, a few controls moved) in the
# same interpreter; prints the modules it imported as JSON.
_WALK = textwrap.dedent("""
    import json, random, sys
    from streamlit.testing.v1 import AppTest

    AppTest.from_string("import streamlit as st\\nst.write(1)").run()  # AppTest's own imports
    from bnviz.ui.warmup import warm_up, is_warm
    warm_up()
    assert is_warm()
    before = set(sys.modules)
    rng = random.Random(0)
    # A short training on "Deep networks" (its runs are worker processes' work).
    deep = {"dn_steps": "20", "dn_width": "16", "dn_depth": "2", "dn_sw_hi": "2",
            "dn_sw_steps": "20"}
    for lang in ("en", "it"):
        for page in sys.argv[1].split(","):
            at = AppTest.from_file("app.py", default_timeout=120)
            for k, v in {"lang": lang, **(deep if page == "deep_networks" else {})}.items():
                at.query_params[k] = v
            at.run()
            at.switch_page(f"app_pages/{page}.py").run()
            for _ in range(3 if lang == "en" and page != "deep_networks" else 0):
                sliders = [s for s in at.slider if not s.disabled
                           and isinstance(s.value, (int, float))]
                if not sliders:
                    break
                s = rng.choice(sliders)
                s.set_value(type(s.value)(s.min + (s.max - s.min) * rng.random())).run()
            assert not at.exception, (page, lang, [e.message for e in at.exception])
    print(json.dumps(sorted(set(sys.modules) - before)))
""")


def test_nothing_left_to_import_after_the_warm_up():
    pages = ",".join(p or "home" for p in PAGES)
    out = subprocess.run([sys.executable, "-c", _WALK, pages], cwd=ROOT, capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    imported = json.loads(out.stdout.strip().splitlines()[-1])
    assert imported == []
