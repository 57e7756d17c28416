"""The widgets of a setting, bound to its session key (see :mod:`bnviz.ui.state`)."""

from __future__ import annotations

import math
from typing import Any, TypeVar

import streamlit as st

from bnviz.i18n import _
from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.common.text import data_phrase
from bnviz.numbers import fmt
from bnviz.settings import Param, log_grid, param_of, params_of
from bnviz.ui.state import clamp_setting, current, reset

S = TypeVar("S")


def _bounds(p: Param) -> tuple[float, float]:
    """The bounds of a number setting (every one declares both)."""
    if p.lo is None or p.hi is None:
        raise ValueError(f"setting {p.key} is a number without bounds")
    return float(p.lo), float(p.hi)


def _help(p: Param) -> str | None:
    """The help text of a setting in the visitor's language (labels and help texts are
    marked with ``N_`` where they are declared)."""
    return _(p.help) if p.help else None


def widget(p: Param, *, container: Any = st, marks: dict[float, str] | None = None,
           disabled: bool = False) -> Any:
    """Draw the widget of one setting, bound to its session key.

    ``marks`` are extra selectable values of a log slider with a word beside them
    (an optimal rate, a stability limit).
    """
    common = {"key": p.key, "help": _help(p), "disabled": disabled}
    if p.kind == "choice":
        # The value stays the English word the URL carries; only its label is translated.
        return container.radio(_(p.label), p.choices, horizontal=True, format_func=_, **common)
    lo, hi = _bounds(p)
    if p.log:
        marks = marks or {}
        grid = log_options(p, marks)
        return container.select_slider(_(p.label), options=grid,
                                       format_func=lambda v: option_label(v, marks), **common)
    if p.kind == "int":
        return container.number_input(_(p.label), min_value=int(lo), max_value=int(hi),
                                      step=1, **common)
    step = float(p.step or (hi - lo) / 100)
    # As many decimals as the step has, so 0.999 does not read "1.00".
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    return container.slider(_(p.label), min_value=lo, max_value=hi, step=step,
                            format=f"%.{decimals}f", **common)


def option_label(value: float, marks: dict[float, str]) -> str:
    """What a log slider shows for ``value``: the number, and its mark's word if it has one."""
    return f"{fmt(value)} ({marks[value]})" if value in marks else fmt(value)


def thumb(cls: type, name: str, marks: dict[float, str] | None = None) -> dict[str, Any]:
    """How a live view (``js/live/stage.js``) reads the widget of setting ``name`` of ``cls``
    from its thumb while it is dragged: a select-slider's options and the labels it shows (the
    thumb's value is an index), or a slider's bounds (its value is the number)."""
    p = param_of(cls, name)
    if p.log:
        marks = marks or {}
        options = log_options(p, marks)
        return {"name": name, "options": list(options),
                "labels": [option_label(v, marks) for v in options]}
    return {"name": name, "min": p.lo, "max": p.hi, "step": p.step}


def log_options(p: Param, marks: dict[float, str] | None = None) -> tuple[float, ...]:
    """The values a log setting's select-slider offers: round numbers from ``p.lo`` to
    ``p.hi``, its session value and the ``marks`` (in order; the slider's index is a position
    here, which the valley page's live view reads while a thumb is dragged)."""
    lo, hi = _bounds(p)
    return log_grid(lo, hi, integer=p.kind == "int",
                    include=(st.session_state[p.key], *(marks or {})))


def controls(cls: type[S], names: tuple[str, ...] | None = None, *, container: Any = st) -> S:
    """Draw the widgets of ``cls`` (all, or only ``names``) and return the current spec."""
    for name, p in params_of(cls):
        if names is None or name in names:
            widget(p, container=container)
    return current(cls)


def data_controls(cls: type[DataSpec], *, container: Any = st.sidebar,
                  front: dict[str, Any] | None = None) -> DataSpec:
    """The shared data controls with a reset to the seed article's example (the defaults).

    ``front`` draws some settings elsewhere, ``{name: container}``: a page's live controls
    (A's and B's ranges) on its stage, beside the charts they move; the rest in ``container``.
    """
    front = front or {}
    for name, box in front.items():
        widget(param_of(cls, name), container=box)
    container.button(_("Reset to the article's example"), on_click=reset, args=(cls,),
                     help=data_phrase(cls()), width="stretch")
    return controls(cls, tuple(n for n, _p in params_of(cls) if n not in front), container=container)


def option_widget(p: Param, options: list[int], *, container: Any = st) -> int:
    """A select-slider over ``options`` (known only at run time, e.g. recorded steps); the
    session value is first put on the nearest option, so a value from the URL or from a larger
    setting lands on a valid one."""
    value = int(st.session_state[p.key])
    st.session_state[p.key] = min(options, key=lambda o: (abs(o - value), o))
    if len(options) == 1:  # a select-slider needs two options
        container.caption(f"{_(p.label)}: {options[0]}")
        return options[0]
    return container.select_slider(_(p.label), options=options, key=p.key, help=_help(p))


def int_log_widget(p: Param, hi: int, *, container: Any = st) -> int:
    """A log select-slider over the integers ``p.lo..hi`` (``hi`` from the data)."""
    lo = int(_bounds(p)[0])
    value = clamp_setting(p, lo, max(int(hi), lo))
    grid = log_grid(lo, max(int(hi), lo), integer=True, include=(value,))
    return container.select_slider(_(p.label), options=grid, format_func=fmt, key=p.key,
                                   help=_help(p))


def number_widget(p: Param, *, container: Any = st, disabled: bool = False) -> float:
    """A free number box (γ and β can be anything a feature's scale calls for)."""
    lo, hi = _bounds(p)
    return container.number_input(_(p.label), min_value=lo, max_value=hi, step=0.1, format="%g",
                                  key=p.key, disabled=disabled, help=_help(p))


def pick_value(p: Param, options: tuple[float, ...], *, container: Any = st) -> float:
    """A select-slider over ``options`` (a grid's values) for setting ``p``; the session
    value is first snapped to the nearest option (log scale), so a grid that changed, or a
    value from the URL between cells, lands on a cell."""
    value = float(st.session_state[p.key])
    best = min(options, key=lambda o: abs(math.log(o) - math.log(max(value, 1e-300))))
    st.session_state[p.key] = best
    return container.select_slider(_(p.label), options=options, format_func=fmt, key=p.key,
                                   help=_help(p))


def controls_in_columns(cls: type[S], groups: tuple[tuple[str, ...], ...], *,
                        container: Any = st) -> S:
    """The widgets of ``cls`` in columns, one column per group of setting names; returns the
    current spec."""
    for column, names in zip(container.columns(len(groups)), groups, strict=True):
        controls(cls, names, container=column)
    return current(cls)
