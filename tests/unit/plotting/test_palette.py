"""The series colours stay apart for every visitor: simulated protanopia, deuteranopia and
tritanopia (Machado, Oliveira & Fernandes 2009, severity 1) keep every pair of the role colours
and of the first six cycle colours at least 15 CIELAB units apart (about 2.3 is a just
noticeable difference)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from bnviz.plotting.style import CYCLE, PALETTE

# Machado et al. 2009, Table 1 (severity 1.0): linear RGB to what a dichromat sees.
SIMULATIONS = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
    "typical": np.eye(3).tolist(),
}
MIN_DELTA_E = 15.0


def linear_rgb(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(rgb: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of linear sRGB."""
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ np.clip(rgb, 0, 1)
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def closest_pair(colours, matrix) -> tuple[float, tuple[str, str]]:
    seen = {c: lab(np.asarray(matrix) @ linear_rgb(c)) for c in colours}
    return min((float(np.linalg.norm(seen[a] - seen[b])), (a, b))
               for a, b in itertools.combinations(colours, 2))


@pytest.mark.parametrize("vision", list(SIMULATIONS))
@pytest.mark.parametrize("colours", [tuple(PALETTE.values()), CYCLE[:6]], ids=["roles", "cycle"])
def test_every_pair_of_series_colours_stays_apart(vision, colours):
    distance, pair = closest_pair(colours, SIMULATIONS[vision])
    assert distance >= MIN_DELTA_E, (vision, pair, distance)


def test_the_check_tells_close_colours_apart():
    # Two teals of the former cycle (#1b998b, #2a9d8f) were 1.9 units apart even to typical eyes.
    assert closest_pair(("#1b998b", "#2a9d8f"), SIMULATIONS["typical"])[0] < 3
    # Red and green merge for a deuteranope.
    assert closest_pair(("#ff0000", "#00a000"), SIMULATIONS["deuteranopia"])[0] < MIN_DELTA_E
