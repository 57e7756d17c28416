"""How numbers are spelled on the pages: short, the same everywhere, in the visitor's language.

The spelling is chosen once (three significant digits in scientific notation for the very
large and very small, thousands grouped from 10,000, four significant digits between); the
language only sets the marks: its decimal and grouping symbols from Babel's locale data
(1,317.5 and 7.4e-05 in English, 1.317,5 and 7,4e-05 in Italian).
"""

from __future__ import annotations

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


def percent(x: float, digits: int = 1) -> str:
    """``80.0%`` (``80,0%`` in Italian): a fraction as a percentage."""
    return dotted(f"{x:.{digits}%}")
