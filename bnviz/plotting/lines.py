"""Line charts: cost against step for several runs, with where each run ended marked."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np

from bnviz.core.descent import Trajectory
from bnviz.i18n import _
from bnviz.plotting import style
from bnviz.plotting.paths import PathArt

Mark = tuple[str, int, str]


class Run(NamedTuple):
    """A run as a chart shows it: its name in the legend, what it did, its colour."""

    name: str
    trajectory: Trajectory
    color: str


def outcome_marks(runs: Iterable[Run], *, diverged: str, reached: str) -> list[Mark]:
    """``(text, step, colour)`` of a vertical mark for each run that ended: at the step it
    diverged, ``"<name> <diverged>"``, or first reached the tolerance, ``"<name> <reached>"``.

    The words are the caller's (plotting knows no lesson's phrases); a run that did neither
    gets no mark. A word holding ``{name}`` is a whole template (a translated message such as
    ``_("{name} diverged")``, where a language may put the name elsewhere).
    """
    def text(word: str, name: str) -> str:
        return word.format(name=name) if "{name}" in word else f"{name} {word}"

    marks = []
    for name, t, color in runs:
        if t.status == "diverged" and t.diverged_at is not None:
            marks.append((text(diverged, name), t.diverged_at, color))
        elif t.steps_to_tol is not None:
            marks.append((text(reached, name), t.steps_to_tol, color))
    return marks


def cost_curves(paths: Sequence[PathArt], *, title: str | None = None,
                y_title: str | None = None, height: int = 320,
                marks: Sequence[Mark] = ()) -> dict:
    """Cost against step, log y, one line per path.

    ``title`` and ``y_title`` are the caller's words (by default "Cost per step" and "cost
    (log scale)", in the visitor's language). ``marks`` are ``(text, step, color)`` vertical
    markers (e.g. where a run diverged or reached the tolerance).
    """
    title = _("Cost per step") if title is None else title
    y_title = _("cost (log scale)") if y_title is None else y_title
    step_word, cost_word = _("step"), _("cost")
    data = []
    for p in paths:
        # A log axis has no place for zero, and a blown-up run's inf would stretch it.
        c = np.where(np.isfinite(p.cost) & (p.cost > 0), p.cost, np.nan)
        data.append({"type": "scatter", "mode": "lines", "name": p.name, "x": p.step_of,
                     "y": c, "line": {"color": p.color, "width": 2},
                     "hovertemplate": f"{p.name}<br>{step_word} %{{x}}<br>{cost_word} %{{y:.6g}}"
                                      "<extra></extra>"})
    shapes = [{"type": "line", "xref": "x", "yref": "paper", "x0": s, "x1": s, "y0": 0,
               "y1": 1, "line": {"color": col, "dash": "dot", "width": 1}} for _, s, col in marks]
    last = max((float(p.step_of[-1]) for p in paths if len(p.step_of)), default=1.0)
    rows = mark_rows([(t, s) for t, s, _ in marks], span=max(last, 1.0))
    # Inside the plot's top edge, one row below another where names would run into each
    # other: above the plot they would meet the title, the legend and the toolbar.
    notes = [{"xref": "x", "yref": "paper", "x": s, "y": 1, "text": t, "showarrow": False,
              "yanchor": "top", "xanchor": "left", "yshift": -MARK_ROW * row,
              "font": {"color": col, "size": 11}}
             for (t, s, col), row in zip(marks, rows, strict=True)]
    layout = {"title": style.title(title), "height": height,
              "margin": {"l": 60, "r": 10, "t": 50, "b": 40}, "uirevision": "keep",
              "xaxis": {"title": {"text": step_word}, "automargin": True},
              "yaxis": {"title": {"text": y_title}, "type": "log", "exponentformat": "power",
                        "automargin": True},
              # At the bottom of the chart, below the axis title (the margin grows to hold it).
              "legend": {"orientation": "h", "x": 0, "xanchor": "left", "yref": "container",
                         "y": 0, "yanchor": "bottom"},
              "shapes": shapes, "annotations": notes}
    return {"data": data, "layout": layout}


# Pixels between rows of marks, and the narrowest plot they are laid out for (a phone's).
MARK_ROW = 17
_NARROW_PX, _CHAR_PX = 260.0, 7.0


def mark_rows(marks: Sequence[tuple[str, float]], *, span: float) -> list[int]:
    """The row (0: the top) of each ``(text, step)`` mark, each drawn from its step to the
    right, so that no two in a row overlap on a plot as narrow as a phone's (``span``: the
    steps the x axis spans)."""
    ends: list[float] = []  # per row, where its rightmost name ends (in steps)
    rows = [0] * len(marks)
    for i in sorted(range(len(marks)), key=lambda k: marks[k][1]):
        text, step = marks[i]
        width = len(text) * _CHAR_PX / _NARROW_PX * span
        row = next((r for r, end in enumerate(ends) if end < step), len(ends))
        if row == len(ends):
            ends.append(-float("inf"))
        ends[row] = step + width
        rows[i] = row
    return rows
