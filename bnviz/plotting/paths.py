"""Which steps of a run become animation frames, and which points of a path get drawn.

A :class:`PathArt` is what a chart draws of a run: :func:`path_art` cuts the run where it
leaves the view and thins it.

A frame carries the path up to its step, so bytes grow with frames x points. We bound
both: at most ``MAX_FRAMES`` frames and ``MAX_POINTS`` points per drawn path, keeping the
early steps exactly (that is where the zig-zag across a valley is wide) and thinning the
long crawl along the valley floor, where consecutive points nearly coincide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from bnviz.core.quadratic import Surface
from bnviz.plotting.window import bounds

MAX_FRAMES = 40
MAX_POINTS = 120
EXACT_HEAD = 60


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


def path_art(name: str, weights: np.ndarray, cost: np.ndarray, *, color: str,
             view: Surface | None = None, margin: float = 0.5,
             thin: Callable[[int], np.ndarray] | None = None) -> PathArt:
    """The part of a run to draw over ``view``: cut where it first leaves, then thinned.

    Parameters
    ----------
    name, color
        The path's legend entry and colour.
    weights : ndarray, shape (k + 1, 2)
    cost : ndarray, shape (k + 1,)
    view
        The surface the path is drawn on; ``None`` draws every point.
    margin
        How far beyond the view (a fraction of its size) a point may lie and still be drawn.
    thin
        ``thin(last)`` returns the sorted indices 0..last to keep (``last`` among them); the
        art then records them as its steps. ``None`` keeps every point.
    """
    keep = len(cost)
    if view is not None:
        # At least the start, so that even a run that blows up at once has a head.
        keep = max(inside(weights, *bounds(view), margin=margin), 1)
    if thin is None:
        return PathArt(name=name, weights=weights[:keep], cost=cost[:keep], color=color)
    idx = thin(keep - 1)
    return PathArt(name=name, weights=weights[idx], cost=cost[idx], color=color, steps=idx)


def evenly(n: int, most: int) -> np.ndarray:
    """At most ``most`` indices of 0..n-1, evenly spaced, the first and the last among them."""
    return np.unique(np.linspace(0, n - 1, min(n, most)).round().astype(int))


def frame_steps(last: int, *, max_frames: int = MAX_FRAMES) -> np.ndarray:
    """Steps shown by the frames, 0..last: every step when few, else spaced out.

    The spacing is uniform in sqrt(step): early frames are close together, where the
    picture changes fastest, and the last frame is always ``last``.
    """
    if last + 1 <= max_frames:
        return np.arange(last + 1)
    s = np.unique(np.round(np.linspace(0.0, np.sqrt(last), max_frames) ** 2).astype(int))
    s[-1] = last
    return s


def drawn_indices(upto: int, *, max_points: int = MAX_POINTS) -> np.ndarray:
    """Indices of the path points to draw for steps 0..upto.

    The first steps are kept exactly; the rest at a fixed ODD stride. Descent across a
    valley flips side every step, so an even or irregular stride would alias that zig-zag
    into points on one side, or into false bars; an odd stride keeps the flips.
    """
    if upto + 1 <= max_points:
        return np.arange(upto + 1)
    head = min(EXACT_HEAD, max_points // 2)  # leave room for the tail and its last point
    slots = max_points - head - 1  # the last point always gets its own slot
    stride = int(np.ceil((upto - head) / max(slots, 1)))
    stride += 1 - stride % 2
    tail = np.arange(head, upto, stride)[:slots]
    return np.concatenate([np.arange(head), tail, [upto]]).astype(int)


def inside(weights: np.ndarray, x_range: tuple[float, float],
           y_range: tuple[float, float], *, margin: float = 0.5) -> int:
    """Number of leading path points inside the window grown by ``margin`` of its size.

    A diverging path leaves every window; drawing it only while inside keeps axes readable.
    """
    dx = (x_range[1] - x_range[0]) * margin
    dy = (y_range[1] - y_range[0]) * margin
    ok = ((weights[:, 0] >= x_range[0] - dx) & (weights[:, 0] <= x_range[1] + dx)
          & (weights[:, 1] >= y_range[0] - dy) & (weights[:, 1] <= y_range[1] + dy)
          & np.isfinite(weights).all(axis=1))
    bad = np.flatnonzero(~ok)
    return int(bad[0]) if bad.size else len(weights)
