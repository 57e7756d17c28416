"""How numbers are spelled on the pages: short, and the same everywhere."""

from __future__ import annotations


def fmt(x: float | None) -> str:
    """A short human spelling of a number: 3 significant digits, no trailing zeros."""
    if x is None:
        return "?"
    if x != 0 and (abs(x) >= 1e5 or abs(x) < 1e-3):
        return f"{x:.3g}"
    return f"{x:,.0f}" if abs(x) >= 1e4 else f"{x:.4g}"
