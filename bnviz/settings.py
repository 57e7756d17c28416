"""What a page needs, as frozen dataclasses, and how each travels through the URL.

Every setting is declared once, with :func:`param`: its query-string key, label, bounds,
default and whether a slider over it is logarithmic. From that one declaration come the
widgets (in :mod:`bnviz.ui`), the clamping of values from the URL, and the query string.

A setting travels one way::

    query string -> from_query (parsed, clamped, defaulted) -> widget values -> spec -> to_query

Nothing here imports Streamlit, so the parsing is tested as plain functions.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from bnviz.numbers import fmt

Spec = TypeVar("Spec")


@dataclass(frozen=True)
class Param:
    """How one setting is shown, bounded and spelled in the URL.

    ``kind`` is ``"float"``, ``"int"`` or ``"choice"``. ``lo``/``hi`` bound numbers
    (inclusive); ``choices`` lists the allowed strings of a choice. ``step`` is the
    slider step of a linear number; ``log`` asks for a logarithmic slider.
    """

    key: str
    label: str
    kind: str
    lo: float | None = None
    hi: float | None = None
    log: bool = False
    step: float | None = None
    choices: tuple[str, ...] = ()
    help: str = ""

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies within the bounds (an absent bound does not bound)."""
        return ((self.lo is None or value >= self.lo)
                and (self.hi is None or value <= self.hi))


def param(default: Any, *, key: str, label: str, lo: float | None = None, hi: float | None = None,
          log: bool = False, step: float | None = None, choices: tuple[str, ...] = (),
          help: str = "") -> Any:
    """Declare a dataclass field that is also a URL parameter and a widget."""
    if choices:
        kind = "choice"
    elif isinstance(default, bool):
        raise TypeError("booleans are choices: use choices=('on', 'off')")
    elif isinstance(default, int):
        kind = "int"
    else:
        kind = "float"
    meta = Param(key=key, label=label, kind=kind, lo=lo, hi=hi, log=log, step=step,
                 choices=tuple(choices), help=help)
    return dataclasses.field(default=default, metadata={"param": meta})


def params_of(cls_or_spec: Any) -> tuple[tuple[str, Param], ...]:
    """``(field name, Param)`` for every URL-carried field of a spec class, in order."""
    return tuple((f.name, f.metadata["param"]) for f in dataclasses.fields(cls_or_spec)
                 if "param" in f.metadata)


def param_of(cls_or_spec: Any, name: str) -> Param:
    """The :class:`Param` of field ``name`` of a spec class."""
    return dict(params_of(cls_or_spec))[name]


def coerce(setting: Param, raw: Any) -> Any:
    """Parse ``raw`` (a string from the URL, or a number) into a valid value of ``setting``.

    Raises
    ------
    ValueError
        With a sentence saying what was wrong, when ``raw`` is not a valid value.
    """
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else ""
    if setting.kind == "choice":
        value = str(raw).strip().lower()
        if value not in setting.choices:
            raise ValueError(f"expected one of {', '.join(setting.choices)}")
        return value
    try:
        number = float(str(raw).strip())
    except ValueError:
        raise ValueError("expected a number") from None
    if not math.isfinite(number):
        raise ValueError("expected a finite number")
    if setting.kind == "int":
        if number != round(number):
            raise ValueError("expected a whole number")
        number = int(round(number))
    if not setting.contains(number):
        raise ValueError(f"expected a value from {fmt(setting.lo)} to {fmt(setting.hi)}")
    return number


def parse_query(cls: type, query: Mapping[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The values the query string gives the fields of ``cls``, by field name.

    Missing parameters are left out; bad ones too, with a sentence each in ``notices``.
    A parameter given several times counts by its last value (as a browser's form would).

    Returns
    -------
    values : dict
        ``{field name: parsed value}`` for every usable parameter.
    notices : tuple of str
        One sentence for each parameter that was present but unusable.
    """
    values, notices = {}, []
    for name, setting in params_of(cls):
        if setting.key not in query:
            continue
        raw = query[setting.key]
        try:
            values[name] = coerce(setting, raw)
        except ValueError as err:
            shown = raw[-1] if isinstance(raw, (list, tuple)) and raw else raw
            notices.append(f"URL parameter {setting.key}={str(shown)[:40]!r} was ignored "
                           f"({err}); using the default.")
    return values, tuple(notices)


def from_query(cls: type[Spec], query: Mapping[str, Any]) -> tuple[Spec, tuple[str, ...]]:
    """Build ``cls`` from query parameters; bad or missing values fall back to defaults.

    Returns
    -------
    spec : cls
    notices : tuple of str
        One sentence for each parameter that was present but unusable.
    """
    values, notices = parse_query(cls, query)
    return cls(**values), notices


def to_query(spec: Any, *, only_changed: bool = True) -> dict[str, str]:
    """The query parameters that reproduce ``spec`` (by default only non-default ones)."""
    default = type(spec)()
    out = {}
    for name, setting in params_of(spec):
        value = getattr(spec, name)
        if only_changed and value == getattr(default, name):
            continue
        out[setting.key] = repr(value) if isinstance(value, float) else str(value)
    return out


_MANTISSAS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)


def log_grid(lo: float, hi: float, *, integer: bool = False,
             include: tuple[float, ...] = ()) -> tuple[float, ...]:
    """Round numbers (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 per decade) from lo to hi.

    A range from 0 holds 0 and then the six decades below ``hi``.
    ``include`` adds values that must be selectable although they are off the grid (a value
    from the URL, an optimal rate). The result is sorted and free of duplicates.
    """
    values = {lo, hi, *include}
    start = lo if lo > 0 else hi * 1e-6  # a range from 0 gets 0 and then six decades
    for exponent in range(math.floor(math.log10(start)) - 1, math.ceil(math.log10(hi)) + 1):
        for mantissa in _MANTISSAS:
            value = float(f"{mantissa * 10.0 ** exponent:.6g}")
            if start <= value <= hi:
                values.add(value)
    if integer:
        values = {int(round(value)) for value in values}
    return tuple(sorted(values))
