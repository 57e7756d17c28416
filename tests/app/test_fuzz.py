"""Every control of every page set to random values: no exception ever reaches the page.

A seeded random walk (issue 20, part 6): each page is opened on each side (raw and
standardized features, or their custom rates, where the page has them), then any of its widgets
is set to a value drawn across its whole range (a log slider or number input log-uniformly,
so learning rates far past the stability edge come up as often as small ones), a choice to any
option, a text box to a CSV or to nonsense, a button pressed; each run is checked for an
exception element. Error boxes are allowed: they are the page refusing a bad choice in words.

The walk is generic and drives the page only by AppTest and widget keys: a control added
later is fuzzed too. It is seeded, so a failure names the moves that led to it and reruns
the same way. Bounded: ``MOVES`` moves per start, a few minutes on two cores.
"""

from __future__ import annotations

import math
import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

from tests.app.conftest import open_page

# Each page's starts: the side it shows first and the other one (pages without sides start
# once). The deep page trains tiny networks in worker processes, its steps capped by the host.
DEEP = {"dn_steps": "20", "dn_width": "16", "dn_depth": "2", "dn_sw_hi": "2", "dn_sw_steps": "20"}
STARTS: dict[str, list[dict[str, str]]] = {
    "home": [{}],
    "valley_vs_bowl": [{"rate_raw": "custom"}, {"rate_std": "custom"},
                       {"rate_raw": "custom", "rate_std": "custom", "lr_std": "3"}],
    "inside_a_batch": [{}, {"bt_lr": "3"}],
    "optimizer_race": [{"or_space": "raw"}, {"or_space": "standardized"}],
    "where_it_matters": [{}, {"ld_rate": "optimal", "mp_lr": "5"}],
    "deep_networks": [DEEP, {**DEEP, "dn_lr": "5", "dn_opt": "sgd"},
                      # Without BN this network blows up (its loss becomes NaN).
                      {**DEEP, "dn_depth": "6", "dn_width": "64", "dn_act": "relu", "dn_init": "he",
                       "dn_opt": "momentum", "dn_lr": "5"}],
}
ENV = {"deep_networks": {"BNVIZ_MAX_TRAIN_STEPS": "60"}}
MOVES = 30
# A worker's run that raised says this on the page: a crash in other words.
FAILED_RUN = "The run failed on the server"
# Widgets not fuzzed: files (tests/app/test_own_data.py covers them), downloads, and the
# language (tests/app/test_italian.py moves every control in both languages; AppTest reads a
# choice's label in the test's language, so a switch mid-walk would confuse it, not the page).
SKIPPED = {"download_button", "file_uploader"}
SKIPPED_KEYS = {"lang"}
TEXTS = ("A,B,C,y\n1,10,5,3\n2,40,1,5\n3,20,7,4\n4,80,2,9\n5,60,8,8\n6,30,3,7\n",
         "", "x;y\n1,5;2\n", "a,b,c\n1,2\n3,,4\nnan,inf,-inf\n", "\x00\x01 not a table")


@contextmanager
def _env(page: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in ENV.get(page, {})}
    os.environ.update(ENV.get(page, {}))
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _deserializer(at: AppTest, w: Widget) -> Any:
    """The widget's own deserializer: from the option a browser sends to the value the
    server reads (AppTest's ``options`` are the shown labels, ``set_value`` takes a value)."""
    state = at.session_state._state._state  # SafeSessionState -> SessionState
    return state._new_widget_state.widget_metadata[w.id].deserializer


def _number(rng: random.Random, lo: float | None, hi: float | None, value: Any) -> float:
    """Anywhere in [lo, hi]: log-uniformly over a range spanning decades of one sign (a
    learning rate's 1e-9..10), else uniformly."""
    v = float(value) if isinstance(value, (int, float)) else 0.0
    lo = float(lo) if lo is not None else min(v, 0.0) - 10 * (abs(v) + 1)
    hi = float(hi) if hi is not None else max(v, 0.0) + 10 * (abs(v) + 1)
    if lo > 0 and hi / lo > 100 and rng.random() < 0.7:
        return math.exp(rng.uniform(math.log(lo), math.log(hi)))
    return rng.choice([lo, hi]) if rng.random() < 0.15 else rng.uniform(lo, hi)


def _snap(x: float, w: Widget) -> Any:
    """``x`` as the widget takes it: an integer widget an int, within its bounds."""
    lo, hi = getattr(w, "min", None), getattr(w, "max", None)
    if lo is not None:
        x = max(x, lo)
    if hi is not None:
        x = min(x, hi)
    return int(round(x)) if isinstance(w.value, int) and not isinstance(w.value, bool) else x


def random_move(at: AppTest, w: Widget, rng: random.Random) -> tuple[str, Any] | None:
    """(what, do) that sets ``w`` to a random valid value, or None for a widget left alone."""
    kind = w.type
    if kind in ("radio", "selectbox", "select_slider"):
        if not w.options or isinstance(w.value, (list, tuple)) and kind != "select_slider":
            return None
        target = rng.choice(list(w.options))
        read = _deserializer(at, w)
        value = read([target] if kind == "select_slider" else target)
        return f"{target!r}", lambda x: x.set_value(value)
    if kind == "slider":
        if isinstance(w.value, (list, tuple)):
            a, b = sorted(_snap(_number(rng, w.min, w.max, v), w) for v in w.value)
            return f"{a!r}..{b!r}", lambda x: x.set_range(a, b)
        if not isinstance(w.value, (int, float)):
            return None  # a date or time slider: none on these pages
        value = _snap(_number(rng, w.min, w.max, w.value), w)
        return f"{value!r}", lambda x: x.set_value(value)
    if kind == "number_input":
        value = _snap(_number(rng, w.min, w.max, w.value), w)
        return f"{value!r}", lambda x: x.set_value(value)
    if kind == "multiselect":
        chosen = rng.sample(list(w.options), rng.randint(0, len(w.options)))
        return f"{chosen!r}", lambda x: x.set_value(chosen)
    if kind in ("checkbox", "toggle"):
        value = rng.random() < 0.5
        return f"{value!r}", lambda x: x.set_value(value)
    if kind in ("text_area", "text_input"):
        text = rng.choice(TEXTS)
        return f"text {text[:12]!r}", lambda x: x.set_value(text)
    if kind == "button":
        return "click", lambda x: x.click()
    raise NotImplementedError(f"no way to fuzz a {kind}: teach tests/app/test_fuzz.py")


def _widgets(at: AppTest) -> list[Widget]:
    return [n for n in at if isinstance(n, Widget) and n.type not in SKIPPED
            and n.key not in SKIPPED_KEYS and not n.disabled]


def fuzz(page: str, query: dict[str, str], seed: int) -> tuple[list[str], list[str]]:
    """(moves made, failures) of ``MOVES`` random moves on ``page`` opened with ``query``."""
    rng = random.Random(seed)
    moves: list[str] = []
    failures: list[str] = []
    with _env(page):
        at = open_page(page, query)
        if at.exception or any(FAILED_RUN in str(e.value) for e in at.error):
            return moves, [f"opening with {query}: {[e.value for e in (*at.exception, *at.error)]}"]
        for _ in range(MOVES):
            widgets = _widgets(at)
            if not widgets:
                break
            w = rng.choice(widgets)
            move = random_move(at, w, rng)
            if move is None:
                continue
            what = f"{w.type} {w.key or w.label!r} → {move[0]}"
            moves.append(what)
            try:
                move[1](w)
                at.run()
            except Exception as e:  # noqa: BLE001 - the report names the moves that led here
                failures.append(f"{what}: {type(e).__name__}: {e}")
                break
            if at.exception:
                failures.append(f"{what}: {[e.value for e in at.exception]}")
                break
            if any(FAILED_RUN in str(e.value) for e in at.error):
                failures.append(f"{what}: {FAILED_RUN}")
                break
    return moves, failures


@pytest.mark.parametrize(("page", "start"),
                         [(p, i) for p, starts in STARTS.items() for i in range(len(starts))])
def test_random_values_of_every_control_raise_no_exception(page, start):
    query = STARTS[page][start]
    moves, failures = fuzz(page, query, seed=1000 * start + sum(map(ord, page)))
    assert not failures, (f"{page}?{query}, after:\n  " + "\n  ".join(moves) + "\n"
                          + "\n".join(failures))
    if page != "home":
        assert len(moves) >= MOVES // 2, moves  # the walk did find the page's controls
