"""How numbers are spelled on the pages: short, the same everywhere, in the visitor's language.

The spelling is chosen once (three significant digits in scientific notation for the very
large and very small, thousands grouped from 10,000, four significant digits between); the
language only sets the marks: its decimal and grouping symbols from Babel's locale data
(1,317.5 and 7.4e-05 in English, 1.317,5 and 7,4e-05 in Italian). Numbers listed one after
another are set apart by a mark that cannot be read as the language's decimal mark: "U(1,
12.5)" in English, "U(1; 12,5)" in Italian (:func:`separator`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from babel.numbers import get_decimal_symbol, get_group_symbol

from bnviz.i18n import DEFAULT, current


@cache
def _marks(lang: str) -> dict[int, str]:
    """``str.translate`` table from the English marks to ``lang``'s."""
    return str.maketrans({",": get_group_symbol(lang), ".": get_decimal_symbol(lang)})


def fmt(x: float | None) -> str:
    """A short human spelling of a number: 3 significant digits, no trailing zeros."""
    if x is None:
        return "?"
    if x != 0 and (abs(x) >= 1e5 or abs(x) < 1e-3):
        text = f"{x:.3g}"
    else:
        text = f"{x:,.0f}" if abs(x) >= 1e4 else f"{x:.4g}"
    lang = current()
    return text if lang == DEFAULT else text.translate(_marks(lang))


def whole(number: int) -> str:
    """A whole number with its thousands grouped in this run's language: ``12,345`` in
    English, ``12.345`` in Italian (counts of rows, steps, batches: never in scientific
    notation, as :func:`fmt` would write 100,000)."""
    text = f"{number:,}"
    lang = current()
    return text if lang == DEFAULT else text.translate(_marks(lang))


def dotted(text: str) -> str:
    """``text``, a number Python spelled (``f"{x:.1f}"``, ``f"{x:g}"``), with this run's
    decimal mark."""
    lang = current()
    return text if lang == DEFAULT else text.replace(".", get_decimal_symbol(lang))


def marks() -> dict[str, str]:
    """The decimal and group symbols of this run's language (Babel's), as the browser's
    ``fmt(x, marks)`` takes them: ``{"decimal": ".", "group": ","}`` in English,
    ``{"decimal": ",", "group": "."}`` in Italian."""
    lang = current()
    return {"decimal": get_decimal_symbol(lang), "group": get_group_symbol(lang)}


def separator() -> str:
    """What sets apart numbers written one after another in this run's language: ``", "``
    where the decimal mark is a point, ``"; "`` where it is a comma (in Italian "1, 12,5"
    could be read as three numbers or as two)."""
    return "; " if get_decimal_symbol(current()) == "," else ", "


def joined(items: Iterable[str]) -> str:
    """Spelled numbers (or phrases that carry numbers) in a list: ``0.012, 0.034`` in
    English, ``0,012; 0,034`` in Italian."""
    return separator().join(items)


def pair(values: Iterable[float]) -> str:
    """``(a, b)``, or ``(a; b)`` in Italian: numbers that belong together (one per feature,
    a start point), each spelled by :func:`fmt`."""
    return "(" + joined(fmt(float(v)) for v in values) + ")"


def percent(x: float, digits: int | None = 1) -> str:
    """A fraction as a percentage: ``80.0%`` (``80,0%`` in Italian) with ``digits``
    decimals, or with :func:`fmt`'s significant digits when ``digits`` is None (``0.0123%``,
    ``12.3%``: errors and shares that may be tiny). The sign follows the number without a
    space, as Babel's English and Italian percent patterns do (``#,##0%``)."""
    if digits is None:
        return fmt(100 * x) + "%"
    return dotted(f"{x:.{digits}%}")
