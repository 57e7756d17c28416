"""Which steps of a run become animation frames, and which points of a path get drawn.

A frame carries the path up to its step, so bytes grow with frames x points. We bound
both: at most ``MAX_FRAMES`` frames and ``MAX_POINTS`` points per drawn path, keeping the
early steps exactly (that is where the zig-zag across a valley is wide) and thinning the
long crawl along the valley floor, where consecutive points nearly coincide.
"""

from __future__ import annotations

import numpy as np

MAX_FRAMES = 40
MAX_POINTS = 120
_EXACT_HEAD = 60


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
    head = min(_EXACT_HEAD, max_points // 2)  # leave room for the tail and its last point
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
