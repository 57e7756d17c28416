"""Shared pieces of the animated path figures: path art, frames, play controls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from bnviz.plotting.paths import MAX_FRAMES, MAX_POINTS, drawn_indices, frame_steps

PALETTE = {"raw": "#e4572e", "standardized": "#1b998b", "batchnorm": "#7b2cbf",
           "accent": "#1f6feb"}
_COORDS = ("x", "y", "z")
CYCLE = ("#e4572e", "#1b998b", "#1f6feb", "#7b2cbf", "#f4a261", "#2a9d8f", "#6c757d")


@dataclass(frozen=True)
class PathArt:
    """A path to draw: its points (already cut to what may be drawn) and its look.

    ``weights`` has shape (k + 1, 2) and ``cost`` shape (k + 1,); ``steps`` is the step
    number of each point (``arange(k + 1)`` unless the caller thinned the run).
    """

    name: str
    weights: np.ndarray
    cost: np.ndarray
    color: str
    steps: np.ndarray | None = None

    @property
    def step_of(self) -> np.ndarray:
        return self.steps if self.steps is not None else np.arange(len(self.cost))


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
    frames, data = [], []
    for s in steps:
        data = []
        for p in paths:
            upto = int(np.searchsorted(p.step_of, s, side="right")) - 1
            data += trace_of(p, drawn_indices(max(upto, 0), max_points=max_points))
        # A frame's traces are merged into the figure's: coordinates are all that change.
        frames.append({"name": str(int(s)),
                       "data": [{k: t[k] for k in _COORDS if k in t} for t in data],
                       "traces": list(range(first_trace, first_trace + len(data)))})
    anim = {"mode": "immediate", "frame": {"duration": 0, "redraw": redraw},
            "transition": {"duration": 0}}
    slider = {
        "active": len(frames) - 1, "x": 0.12, "len": 0.88, "y": 0, "yanchor": "top",
        "pad": {"t": 30}, "currentvalue": {"prefix": "step ", "xanchor": "right", "font": {"size": 12}},
        "steps": [{"label": f["name"], "method": "animate", "args": [[f["name"]], anim]}
                  for f in frames],
    }
    play = {"frame": {"duration": 80, "redraw": redraw}, "fromcurrent": True,
            "transition": {"duration": 0}, "mode": "immediate"}
    menus = [{
        "type": "buttons", "direction": "left", "showactive": False, "x": 0.0, "y": 0,
        "xanchor": "left", "yanchor": "top", "pad": {"t": 30, "r": 10},
        "buttons": [{"label": "▶", "method": "animate", "args": [None, play]},
                    {"label": "❚❚", "method": "animate", "args": [[None], anim]}],
    }]
    return data, frames, slider, menus

