"""The axes of a grid of subplots: their domains and anchors, as plotly's make_subplots lays them.

``make_subplots`` builds a validated ``go.Figure`` (tens of milliseconds); a chart needs only
the axes it lays out, so each shape is built once per process and copied on use.
"""

from __future__ import annotations

import copy
from functools import lru_cache

from plotly.subplots import make_subplots


def axis_name(axis: str, k: int) -> str:
    """The layout key of axis ``k`` (1-based) of kind ``"x"`` or ``"y"``: ``xaxis``, ``xaxis2``…

    The trace reference is the same without ``"axis"`` (``x``, ``x2``): plotly calls the
    first one ``xaxis``, not ``xaxis1``.
    """
    return f"{axis}axis" if k == 1 else f"{axis}axis{k}"


def axis_ref(axis: str, k: int) -> str:
    """What a trace or an annotation names axis ``k`` by: ``x``, ``x2``, …"""
    return axis if k == 1 else f"{axis}{k}"


def subplots(rows: int, cols: int, *, horizontal_spacing: float | None = None,
             vertical_spacing: float | None = None,
             column_widths: tuple[float, ...] | None = None,
             empty: tuple[tuple[int, int], ...] = ()) -> dict:
    """A fresh layout with the axes of a ``rows`` x ``cols`` grid, numbered row by row from the
    top left.

    Parameters
    ----------
    rows, cols, horizontal_spacing, vertical_spacing, column_widths
        As :func:`plotly.subplots.make_subplots` takes them (spacings are fractions of the
        figure; widths are relative).
    empty
        ``(row, col)`` cells (1-based) with no axes, e.g. a column kept free for a colour bar.

    Returns
    -------
    dict
        ``{"xaxis": {"anchor": "y", "domain": [...]}, "yaxis": ..., ...}``, the caller's to change.
    """
    return copy.deepcopy(_axes(rows, cols, horizontal_spacing, vertical_spacing, column_widths,
                               empty))


@lru_cache(maxsize=32)
def _axes(rows: int, cols: int, horizontal_spacing: float | None,
          vertical_spacing: float | None, column_widths: tuple[float, ...] | None,
          empty: tuple[tuple[int, int], ...]) -> dict:
    specs: list[list[dict | None]] = [[None if (r, c) in empty else {} for c in range(1, cols + 1)]
             for r in range(1, rows + 1)]
    fig = make_subplots(rows=rows, cols=cols, horizontal_spacing=horizontal_spacing,
                        vertical_spacing=vertical_spacing,
                        column_widths=list(column_widths) if column_widths else None, specs=specs)
    layout = fig.to_dict()["layout"]
    # The axes are all we take: the default template would restyle the chart and cost ~10 kB.
    return {k: v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))}
