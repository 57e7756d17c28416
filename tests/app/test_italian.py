"""Italiano: every page opens in Italian and in English, every control on it moves without an
exception or an error box, and no English word of the interface is left on the Italian pages.

The walk is generic: it moves whatever widgets the page shows (a control added later is moved
too), each to a neighbouring valid value, and a widget kind it does not know how to move fails
the test until it is taught here. Everything a visitor reads on the Italian pages, in every
state the walk reaches, is then searched for English words of the interface (``ENGLISH``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

from bnviz.i18n import use
from tests.app.conftest import open_page

PAGES = ("home", "valley_vs_bowl", "inside_a_batch", "optimizer_race", "where_it_matters",
         "deep_networks")
LANGS = ("it", "en")

# The deep page trains in worker processes: tiny networks, a tiny sweep, and a host cap on
# steps so that a button back to the paper's setting (thousands of steps) trains nothing.
QUERY = {"deep_networks": {"dn_steps": "20", "dn_width": "16", "dn_depth": "2",
                           "dn_sw_hi": "2", "dn_sw_steps": "20", "dn_sw_target": "0.3"}}
ENV = {"deep_networks": {"BNVIZ_MAX_TRAIN_STEPS": "60"}}

# Widgets that are not moved: downloads and uploads (tests/app/test_own_data.py covers files).
NOT_MOVED = {"download_button", "file_uploader"}
# What a text field receives: a small CSV, as a visitor would paste into the own-data box.
# One column more than the page needs, so that each column choice has a free column to move to.
TEXT = ("A,B,C,y\n1,10,5,3\n2,40,1,5\n3,20,7,4\n4,80,2,9\n5,60,8,8\n6,30,3,7\n7,90,6,11\n"
        "8,50,4,9\n")
# A choice may be refused with an error box (two columns chosen alike): the walk tries up to
# this many other options, nearest first, before it calls the move broken.
TRIES = 4

# English words and phrases of the interface that an Italian page never shows: matched as
# whole words, case-insensitively, outside links and templates' placeholders. Not here: words
# Italian shares or borrows ("batch", "dataset", "test", "target", "percentile", "momentum",
# "per", "no", "stop", "scale", "input"), names ("Adam", "Nesterov", "RMSProp", "ZCA", "CSV",
# a cited title such as "Why Momentum Really Works") and symbols.
ENGLISH = (
    "learning rate", "learning rates", "step", "steps", "batch size", "upper bound",
    "lower bound", "feature", "features", "standardized", "standardizing", "raw", "diverged",
    "diverges", "converged", "tolerance", "sample", "samples", "noise", "cost", "weight",
    "weights", "reset", "data set", "depth", "optimizer", "layer", "layers", "accuracy",
    "training", "trained", "epoch", "epochs", "shuffle", "running", "mean", "variance",
    "gradient", "descent", "valley", "bowl", "surface", "contour", "chosen", "cell", "ratio",
    "initial", "true", "eigenvalue", "eigenvalues", "curvature", "error", "measured",
    "theory", "stable", "optimal", "custom", "generated", "rows", "columns", "seed", "sweep",
    "random", "loss", "play", "pause", "the", "and", "of", "with", "from", "is", "are", "this",
    "that", "which", "your", "you", "at", "after", "before", "times", "not", "median",
    "chart", "curves", "panels", "spread", "map", "race", "ladder", "rung", "errors", "smooth",
)
ENGLISH_RE = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?!\w)",
                        re.IGNORECASE)

# Keys of a chart's figure or a component's data whose strings a visitor reads (a string, or a
# list of strings, right under them: a title's "text", not its "xanchor"), and keys everything
# under which is words (a component's vocabulary).
TEXT_KEYS = {"text", "name", "hovertemplate", "hovertext", "texttemplate", "label", "labels",
             "prefix", "suffix", "ticktext", "readout", "title"}
WORDS_KEYS = {"words"}


@dataclass
class Walk:
    """What walking one page in one language found."""

    failures: list[str] = field(default_factory=list)  # moves that broke the page
    texts: dict[tuple[str, str], str] = field(default_factory=dict)  # (where, text) -> after
    moved: list[str] = field(default_factory=list)  # the moves made


# ------------------------------------------------------------------ moving widgets


def _deserializer(at: AppTest, widget: Widget) -> Callable[[Any], Any]:
    """The widget's own deserializer: from the label a browser sends to the option's value,
    as the server reads it (AppTest's ``options`` are the shown labels, ``set_value`` takes
    the value)."""
    state = at.session_state._state._state  # SafeSessionState -> SessionState
    return state._new_widget_state.widget_metadata[widget.id].deserializer


def _others(options: list[str], current: str) -> list[str]:
    """The other options, nearest first (the next one before the previous one)."""
    i = options.index(current)
    return sorted((o for o in options if o != current),
                  key=lambda o: (abs(options.index(o) - i), options.index(o) < i))


def _step(value, step, lo, hi):
    """``value`` moved by one ``step``, up if that stays within the bounds, else down."""
    if isinstance(value, int) and float(step).is_integer():
        step = int(step)  # an integer input stays an integer
    up = value + step
    return up if hi is None or up <= hi else value - step


def _moves(at: AppTest, w: Widget) -> list[tuple[str, Callable[[Widget], Any]]]:
    """Ways to move ``w`` to another valid value (or to click it), best first: (what, do),
    where ``do`` moves the widget as it is on the page now."""
    kind = w.type
    if kind in ("radio", "selectbox", "select_slider"):
        if isinstance(w.value, (list, tuple)) or (kind != "select_slider" and w.index is None):
            return []
        shown = w.options[w.index] if kind != "select_slider" else w.format_func(w.value)
        read = _deserializer(at, w)
        values = [(target, read([target] if kind == "select_slider" else target))
                  for target in _others(w.options, shown)[:TRIES]]
        return [(f"→ {target!r}", lambda x, v=value: x.set_value(v)) for target, value in values]
    if kind == "slider":
        if isinstance(w.value, (list, tuple)):
            lo, hi = w.value
            hi = _step(hi, w.step, None, w.max)
            return [(f"→ {lo!r}..{hi!r}", lambda x: x.set_range(lo, hi))]
        value = _step(w.value, w.step, w.min, w.max)
        return [(f"→ {value!r}", lambda x: x.set_value(value))]
    if kind == "number_input":
        value = (w.min if w.min is not None else 0) if w.value is None else _step(
            w.value, w.step, w.min, w.max)
        return [(f"→ {value!r}", lambda x: x.set_value(value))]
    if kind == "multiselect":
        # One fewer (the last chosen left out), else one more (the first not chosen).
        chosen = list(w.value)
        wanted = ([chosen[:-1]] if len(chosen) > 1 else []) + [
            chosen + [o] for o in w.options if o not in chosen][:1]
        return [(f"→ {v!r}", lambda x, v=v: x.set_value(v)) for v in wanted]
    if kind in ("checkbox", "toggle"):
        return [(f"→ {not w.value!r}", lambda x: x.set_value(not x.value))]
    if kind in ("text_area", "text_input"):
        return [("→ a small CSV", lambda x: x.set_value(TEXT))]
    if kind == "button":
        return [("click", lambda x: x.click())]
    raise NotImplementedError(f"no way to move a {kind}: teach tests/app/test_italian.py")


def _ident(w: Widget) -> tuple[str, str]:
    return (w.type, w.key or w.label)


def _order(w: Widget) -> int:
    """Settings first, then buttons (one may leave the page), the language last."""
    if w.key == "lang":
        return 2
    return 1 if w.type == "button" else 0


def _widgets(at: AppTest) -> list[Widget]:
    return [n for n in at if isinstance(n, Widget) and n.type not in NOT_MOVED]


# ------------------------------------------------------------------ what a visitor reads


def _strings(obj: Any, key: str | None = None, words: bool = False) -> Iterator[str]:
    """The words in a chart's figure or a component's data (see ``TEXT_KEYS``)."""
    words = words or key in WORDS_KEYS
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(v, k, words)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v, key, words)
    elif isinstance(obj, str) and (words or key in TEXT_KEYS):
        yield obj


def _texts(at: AppTest) -> Iterator[tuple[str, str]]:
    """(where, text) for everything a visitor reads on the page."""
    for node in at:
        kind = node.type
        name = f"{kind} {node.key}" if getattr(node, "key", None) else kind
        if kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                    "error", "success", "toast", "page_link", "exception"):
            yield name, str(node.value)
        label = getattr(node, "label", None)
        # A download named by its file ("race.py", "paths.csv") shows a name, not words.
        is_file = kind == "download_button" and re.fullmatch(r"[\w.-]+\.(py|csv|html)", label or "")
        if isinstance(label, str) and kind != "page_link" and not is_file:
            yield f"{name} label", label
        if getattr(node, "help", None):
            yield f"{name} help", node.help
        if getattr(node, "placeholder", None):
            yield f"{name} placeholder", node.placeholder
        if isinstance(node, Widget) and hasattr(node, "options"):
            for option in node.options:
                yield f"{name} option", option
        if kind in ("dataframe", "table"):
            frame = node.value
            for column in frame.columns:
                yield f"{name} column", str(column)
            for cell in frame.astype(str).to_numpy().ravel():
                yield f"{name} cell", cell
        if kind == "bidi_component":
            payload = json.loads(node.proto.bytes)
            for text in _strings(payload):
                yield f"chart {node.key}", text


def _clean(text: str) -> str:
    """The words of ``text``: without links, HTML tags, entities, templates' placeholders."""
    text = re.sub(r"\]\([^)]*\)", "]", text)  # a Markdown link's target
    text = re.sub(r"(https?://|\./)\S+", " ", text)
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"&\w+;|&#\d+;", " ", text)
    text = re.sub(r"%\{[^}]*\}|\{[^}]*\}", " ", text)  # Plotly's %{x}, format's {name}
    return text


def english_words(text: str) -> list[str]:
    return sorted({m.group(0) for m in ENGLISH_RE.finditer(_clean(text))})


# ------------------------------------------------------------------ the walk


def _after(at: AppTest, walk: Walk, what: str, lang: str) -> None:
    """After a run: (in Italian) what the page says; on opening, what broke."""
    broken = [e.value for e in at.exception] + [e.value for e in at.error]
    if broken and what == "opened":
        walk.failures.append(f"{what}: {broken}")
    if lang == "it":
        for where, text in _texts(at):
            walk.texts.setdefault((where, text), what)


@cache
def walk(page: str, lang: str) -> Walk:
    """Open ``page`` in ``lang``; move every widget in turn on the same page (widgets that
    appear on the way too), then each one the walk lost on a fresh page; switch the language
    last."""
    result = Walk()
    query = {**QUERY.get(page, {}), "lang": lang}
    saved = {k: os.environ.get(k) for k in ENV.get(page, {})}
    os.environ.update(ENV.get(page, {}))
    # AppTest formats the widgets' values in this thread: in the page's language, as the
    # visitor's browser shows them.
    with use(lang):
        try:
            at = open_page(page, query)
            _after(at, result, "opened", lang)
            initial = {_ident(w) for w in _widgets(at)}
            done: set[tuple[str, str]] = set()
            while todo := [w for w in _widgets(at)
                           if _ident(w) not in done and not w.disabled and w.key != "lang"]:
                w = min(todo, key=_order)  # stable: document order within a group
                done.add(_ident(w))
                _try_moves(at, w, result, lang, f"{w.type} {_ident(w)[1]!r}")
            for ident in sorted(initial - done):  # hidden by an earlier move: on a fresh page
                fresh = open_page(page, query)
                w = next((x for x in _widgets(fresh) if _ident(x) == ident), None)
                if w is not None and not w.disabled and w.key != "lang":
                    _try_moves(fresh, w, result, lang, f"{w.type} {ident[1]!r} (fresh page)")
            lang_box = next((w for w in _widgets(at) if w.key == "lang"), None)
            if lang_box is None:
                result.failures.append("no language menu on the page")
            else:  # the page is then in the other language: not read
                _try_moves(at, lang_box, result, "other", "the language")
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    return result


def _try_moves(at: AppTest, w: Widget, result: Walk, lang: str, what: str) -> None:
    """Move ``w`` (the next way when a choice is refused with an error box) and look."""
    broken: list[str] = []
    ident = _ident(w)
    for move, do in _moves(at, w):
        now = next((x for x in _widgets(at) if _ident(x) == ident), None)
        if now is None or now.disabled:  # an earlier try took it away
            break
        try:
            do(now)
            at.run()
        except Exception as e:  # noqa: BLE001 - the report says which move broke
            result.failures.append(f"{what} {move}: {type(e).__name__}: {e}")
            return
        if at.exception:
            result.failures.append(f"{what} {move}: {[e.value for e in at.exception]}")
            return
        result.moved.append(f"{what} {move}")
        _after(at, result, f"{what} {move}", lang)
        if not at.error:
            return
        broken.append(f"{move}: {[e.value for e in at.error]}")
    if broken:
        result.failures.append(f"{what}: every move shows an error: {broken}")


# ------------------------------------------------------------------ the tests


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_control_moves_without_an_exception(page, lang):
    result = walk(page, lang)
    assert not result.failures, "\n".join(result.failures)
    if page != "home":
        assert len(result.moved) >= 5, result.moved  # the walk did find the page's controls


@pytest.mark.parametrize("page", PAGES)
def test_the_italian_page_has_no_english_words(page):
    result = walk(page, "it")
    assert result.texts, "nothing to read on the page"
    hits = [f"{page} · {where} · {words} · {text!r} (after: {state})"
            for (where, text), state in result.texts.items()
            if (words := english_words(text))]
    assert not hits, f"{len(hits)} English texts on the Italian page:\n" + "\n".join(hits)


def test_the_word_list_catches_english_and_spares_italian():
    assert english_words("Learning rate (raw features)") == ["Learning rate", "features",
                                                             "raw"]
    assert english_words("diverged at step 12") == ["at", "diverged", "step"]
    assert not english_words("Tasso di apprendimento: passi, costo, batch, unità, Adam")
    assert not english_words("[l'articolo](https://example.org/the-steps-of-the-cost)")
    assert not english_words("%{x:.3g} passi<br>costo %{y}<extra></extra>")
