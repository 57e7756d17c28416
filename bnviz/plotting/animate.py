"""Shared pieces of the animated figures: frames that grow paths, and the controls that play them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from bnviz.i18n import _
from bnviz.plotting.paths import MAX_FRAMES, MAX_POINTS, PathArt, drawn_indices, frame_steps
from bnviz.plotting.style import PALETTE

# PALETTE lived here before plotting.style: lessons.deep.figures still imports it from here.
__all__ = ["PALETTE", "controls", "path_frames"]

_COORDS = ("x", "y", "z")
# Pixels the ▶ and ❚❚ buttons take at the left of the slider, with a gap.
BUTTONS = 100


def controls(steps: Sequence[tuple[str, str]], *, active: int, prefix: str, redraw: bool,
             frame_ms: int = 80, left: int = BUTTONS, pad: int = 30,
             value_anchor: str | None = "right") -> tuple[dict, list[dict]]:
    """A slider over the frames and the ▶/❚❚ buttons that play them, both below the chart.

    Parameters
    ----------
    steps
        ``(frame name, slider label)`` of each frame, in order.
    active
        The slider position shown first (the frame the figure's data show).
    prefix
        Word before the current label, e.g. ``"step "``.
    redraw
        Whether a frame needs a full redraw (3D and histograms do; 2D scatters do not).
    frame_ms
        How long playing shows each frame.
    left, pad, value_anchor
        Pixels kept free left of the slider for the buttons (a fraction of the width would
        run under them on a phone), its gap below the plot in pixels, and where the current
        value sits over it (``None``: plotly's default).
    """
    anim = {"mode": "immediate", "frame": {"duration": 0, "redraw": redraw},
            "transition": {"duration": 0}}
    current: dict = {"prefix": prefix, "font": {"size": 12}}
    if value_anchor is not None:
        current["xanchor"] = value_anchor
    slider = {
        "active": active, "x": 0, "len": 1.0, "y": 0, "yanchor": "top",
        "pad": {"t": pad, "l": left}, "currentvalue": current,
        "steps": [{"label": label, "method": "animate", "args": [[name], anim]}
                  for name, label in steps],
    }
    play = {"frame": {"duration": frame_ms, "redraw": redraw}, "fromcurrent": True,
            "transition": {"duration": 0}, "mode": "immediate"}
    menus = [{
        "type": "buttons", "direction": "left", "showactive": False, "x": 0.0, "y": 0,
        "xanchor": "left", "yanchor": "top", "pad": {"t": pad, "r": 10},
        "buttons": [{"label": "▶", "method": "animate", "args": [None, play]},
                    {"label": "❚❚", "method": "animate", "args": [[None], anim]}],
    }]
    return slider, menus


def path_frames(paths: Sequence[PathArt], trace_of: Callable[[PathArt, np.ndarray], list[dict]],
                first_trace: int, *, redraw: bool, max_frames: int = MAX_FRAMES,
                max_points: int = MAX_POINTS) -> tuple[list[dict], list[dict], dict, list]:
    """Frames that grow every path step by step, and the slider and buttons that play them.

    ``trace_of(path, idx)`` returns the traces (trail and head) of ``path`` drawn through
    point indices ``idx``. Frames list only the path traces, never the static background,
    so a surface is sent once per chart, not once per frame.

    Returns
    -------
    data : list of dict
        The path traces as shown at the last frame (the figure's resting state).
    frames, slider, menus
    """
    last = max((int(p.step_of[-1]) for p in paths), default=0)
    steps = frame_steps(last, max_frames=max_frames)
    frames: list[dict] = []
    data: list[dict] = []
    for s in steps:
        data = []
        for p in paths:
            upto = int(np.searchsorted(p.step_of, s, side="right")) - 1
            data += trace_of(p, drawn_indices(max(upto, 0), max_points=max_points))
        # A frame's traces are merged into the figure's: coordinates are all that change.
        frames.append({"name": str(int(s)),
                       "data": [{k: t[k] for k in _COORDS if k in t} for t in data],
                       "traces": list(range(first_trace, first_trace + len(data)))})
    slider, menus = controls([(f["name"], f["name"]) for f in frames], active=len(frames) - 1,
                             prefix=_("step") + " ", redraw=redraw)
    return data, frames, slider, menus
