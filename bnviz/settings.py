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

S = TypeVar("S")


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
    return dict(params_of(cls_or_spec))[name]


def coerce(p: Param, raw: Any) -> Any:
    """Parse ``raw`` (a string from the URL, or a number) into a valid value of ``p``.

    Raises
    ------
    ValueError
        With a sentence saying what was wrong, when ``raw`` is not a valid value.
    """
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else ""
    if p.kind == "choice":
        value = str(raw).strip().lower()
        if value not in p.choices:
            raise ValueError(f"expected one of {', '.join(p.choices)}")
        return value
    try:
        number = float(str(raw).strip())
    except ValueError:
        raise ValueError("expected a number") from None
    if not math.isfinite(number):
        raise ValueError("expected a finite number")
    if p.kind == "int":
        if number != round(number):
            raise ValueError("expected a whole number")
        number = int(round(number))
    if (p.lo is not None and number < p.lo) or (p.hi is not None and number > p.hi):
        raise ValueError(f"expected a value from {fmt(p.lo)} to {fmt(p.hi)}")
    return number


def from_query(cls: type[S], query: Mapping[str, Any]) -> tuple[S, tuple[str, ...]]:
    """Build ``cls`` from query parameters; bad or missing values fall back to defaults.

    Returns
    -------
    spec : cls
    notices : tuple of str
        One sentence for each parameter that was present but unusable.
    """
    values, notices = {}, []
    for name, p in params_of(cls):
        if p.key not in query:
            continue
        try:
            values[name] = coerce(p, query[p.key])
        except ValueError as err:
            notices.append(f"URL parameter {p.key}={str(query[p.key])[:40]!r} was ignored "
                           f"({err}); using the default.")
    return cls(**values), tuple(notices)


def to_query(spec: Any, *, only_changed: bool = True) -> dict[str, str]:
    """The query parameters that reproduce ``spec`` (by default only non-default ones)."""
    default = type(spec)()
    out = {}
    for name, p in params_of(spec):
        value = getattr(spec, name)
        if only_changed and value == getattr(default, name):
            continue
        out[p.key] = repr(value) if isinstance(value, float) else str(value)
    return out


def fmt(x: float | None) -> str:
    """A short human spelling of a number: 3 significant digits, no trailing zeros."""
    if x is None:
        return "?"
    if x != 0 and (abs(x) >= 1e5 or abs(x) < 1e-3):
        return f"{x:.3g}"
    return f"{x:,.0f}" if abs(x) >= 1e4 else f"{x:.4g}"


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
    for e in range(math.floor(math.log10(start)) - 1, math.ceil(math.log10(hi)) + 1):
        for m in _MANTISSAS:
            v = float(f"{m * 10.0 ** e:.6g}")
            if start <= v <= hi:
                values.add(v)
    if integer:
        values = {int(round(v)) for v in values}
    return tuple(sorted(values))


@dataclass(frozen=True)
class DataSpec:
    """Two uniform features and a linear target; the defaults are the seed article's data."""

    a_hi: float = param(10.0, key="a_hi", label="Upper bound of feature A", lo=1.0, hi=1e5,
                        log=True, help="A is drawn uniform on [1, upper].")
    b_hi: float = param(200.0, key="b_hi", label="Upper bound of feature B", lo=1.0, hi=1e5,
                        log=True, help="B is drawn uniform on [1, upper].")
    w1_true: float = param(2.0, key="w1", label="True weight of A", lo=-10.0, hi=10.0, step=0.5)
    w2_true: float = param(3.0, key="w2", label="True weight of B", lo=-10.0, hi=10.0, step=0.5)
    noise: float = param(0.1, key="noise", label="Noise level", lo=0.0, hi=1000.0, log=True,
                         help="Standard deviation of the Gaussian noise added to y.")
    n: int = param(100, key="n", label="Samples", lo=2, hi=1_000_000, log=True)
    seed: int = param(42, key="seed", label="Random seed", lo=0, hi=2**31 - 1)


RATE_MODES = ("optimal", "stable", "custom")


@dataclass(frozen=True)
class DescentSpec:
    """Full-batch gradient descent on both surfaces.

    The learning rate of each side is either the optimal fixed rate of that side's surface,
    the largest stable one (just under 2/lambda_max), or a number the user picks.
    The start is given in raw weights; the standardized side starts at the same model.
    """

    rate_raw: str = param("optimal", key="rate_raw", label="Learning rate (raw)",
                          choices=RATE_MODES)
    lr_raw: float = param(1e-4, key="lr_raw", label="Custom learning rate (raw)", lo=1e-9,
                          hi=10.0, log=True)
    rate_std: str = param("optimal", key="rate_std", label="Learning rate (standardized)",
                          choices=RATE_MODES)
    lr_std: float = param(0.1, key="lr_std", label="Custom learning rate (standardized)",
                          lo=1e-9, hi=10.0, log=True)
    steps: int = param(300, key="steps", label="Steps", lo=1, hi=5000, log=True)
    w1_0: float = param(0.0, key="w1_0", label="Start w1", lo=-50.0, hi=50.0, step=0.5)
    w2_0: float = param(0.0, key="w2_0", label="Start w2", lo=-50.0, hi=50.0, step=0.5)
    tol: float = param(1e-6, key="tol", label="Tolerance (relative excess cost)", lo=1e-12,
                       hi=0.1, log=True,
                       help="Converged when (cost - min) / (start cost - min) falls below this.")
