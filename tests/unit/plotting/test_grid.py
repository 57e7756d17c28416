"""The axes of a grid of subplots, from plotly's make_subplots."""

import pytest

from bnviz.plotting import grid
from bnviz.plotting.grid import axis_name, axis_ref, subplots


def test_domains_split_the_width_minus_the_gaps():
    layout = subplots(1, 4, horizontal_spacing=0.04)
    width = (1 - 3 * 0.04) / 4
    for k in range(1, 5):
        x0, x1 = layout[axis_name("x", k)]["domain"]
        assert x0 == pytest.approx((k - 1) * (width + 0.04)) and x1 - x0 == pytest.approx(width)
        assert layout[axis_name("x", k)]["anchor"] == axis_ref("y", k)
    assert set(layout) == {f"{a}axis{s}" for a in "xy" for s in ("", "2", "3", "4")}  # no template


def test_rows_are_numbered_from_the_top_left():
    layout = subplots(2, 2, horizontal_spacing=0.06, vertical_spacing=0.12)
    assert layout["yaxis"]["domain"] == pytest.approx([0.56, 1.0])
    assert layout["xaxis2"]["domain"] == pytest.approx([0.53, 1.0])
    assert layout["yaxis3"]["domain"] == pytest.approx([0.0, 0.44])


def test_an_empty_column_leaves_room_and_has_no_axes():
    layout = subplots(1, 3, horizontal_spacing=0.06, column_widths=(1.0, 1.0, 0.0), empty=((1, 3),))
    assert layout["xaxis2"]["domain"] == pytest.approx([0.5, 0.94]) and "xaxis3" not in layout


def test_each_call_gets_its_own_copy_and_plotly_runs_once_per_shape():
    first = subplots(1, 2, horizontal_spacing=0.1)
    first["xaxis"]["domain"][0] = 0.5
    hits = grid._axes.cache_info().hits
    assert subplots(1, 2, horizontal_spacing=0.1)["xaxis"]["domain"][0] == 0.0
    assert grid._axes.cache_info().hits == hits + 1


def test_axis_names_follow_plotly():
    assert (axis_name("x", 1), axis_name("y", 3), axis_ref("x", 1), axis_ref("y", 3)) == (
        "xaxis", "yaxis3", "x", "y3")
