"""The house's colours, and the room a chart keeps for its headline and legend."""

import pytest

from bnviz.plotting import style


def test_rgba_reads_a_hex_colour():
    assert style.rgba("#e4572e", 0.25) == "rgba(228,87,46,0.25)"


def test_few_to_many_runs_from_bright_to_dark_viridis():
    assert style.FEW_TO_MANY[0] == "#fde725" and style.FEW_TO_MANY[-1] == "#440154"


def test_roles_and_pairs_are_told_apart():
    assert len(set(style.PALETTE.values())) == len(style.PALETTE)
    assert style.PAIR[0] != style.PAIR[1] and style.NOT_REACHED != style.DIVERGED


# ------------------------------------------------------------------ headlines and their room

def test_a_headline_wraps_at_words_and_keeps_explicit_breaks():
    text = "Standardized mini-batch SGD reaches the tolerance first, in 34 steps"
    lines = style.lines(text, 30)
    assert " ".join(lines) == text and all(len(line) <= 30 for line in lines)
    assert style.lines("a<br>b c", 30) == ["a", "b c"]
    assert style.lines("x" * 50, 10) == ["x" * 50]  # a long word keeps its own line


def test_the_top_margin_holds_the_toolbar_the_headline_and_the_legend():
    one, two = "short", "a headline long enough to need a second line of text here"
    assert style.top_margin(one) == style.MODEBAR + style.LINE + 8
    assert style.top_margin(two) == style.MODEBAR + 2 * style.LINE + 8
    assert style.top_margin(one, legend_rows=2) == style.top_margin(one) + 2 * style.LEGEND_ROW


def test_dress_places_the_headline_below_the_toolbar_and_the_legend_below_the_headline():
    fig = {"data": [], "layout": {"height": 400, "margin": {"l": 5, "t": 10}}}
    style.dress(fig, "a headline", legend_rows=1)
    layout = fig["layout"]
    # the title's top and the legend's top, in pixels from the chart's top
    title_top = (1 - layout["title"]["y"]) * 400
    legend_top = (1 - layout["legend"]["y"]) * 400
    assert title_top >= style.MODEBAR
    assert legend_top >= style.MODEBAR + style.LINE
    assert layout["margin"] == {"l": 5, "t": style.top_margin("a headline", legend_rows=1)}
    assert layout["legend"]["yref"] == layout["title"]["yref"] == "container"


def test_log_ticks_are_one_two_five_per_decade_labelled_in_full():
    ticks = style.log_ticks(1, 300)
    assert ticks["tickvals"] == [1, 2, 5, 10, 20, 50, 100, 200, 500]
    assert ticks["ticktext"][:4] == ["1", "2", "5", "10"]
    narrow = style.log_ticks(0.21, 0.48)  # no 1-2-5 value inside: its neighbours are kept
    assert narrow["tickvals"] == pytest.approx([0.2, 0.5])


def test_below_scene_makes_room_and_moves_the_camera_back():
    fig = {"layout": {"margin": {"b": 10}, "scene": {"camera": {"eye": {"x": 1.0, "y": -2.0, "z": 0.5}}}}}
    style.below_scene(fig, bottom=120, zoom_out=1.5)
    assert fig["layout"]["margin"]["b"] == 120
    assert fig["layout"]["scene"]["camera"]["eye"] == {"x": 1.5, "y": -3.0, "z": 0.75}
