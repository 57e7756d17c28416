"""Frames that grow paths, and the slider and buttons that play them."""

import numpy as np

from bnviz.plotting.animate import controls, path_frames
from bnviz.plotting.paths import PathArt


def test_frames_grow_the_path_and_end_at_the_last_point():
    w = np.cumsum(np.ones((50, 2)), axis=0)
    art = PathArt(name="p", weights=w, cost=np.arange(50.0), color="red")

    def trace_of(p, idx):
        return [{"type": "scatter", "x": p.weights[idx, 0], "y": p.weights[idx, 1], "name": "t"}]

    data, frames, slider, menus = path_frames([art], trace_of, 1, redraw=False)
    lengths = [len(f["data"][0]["x"]) for f in frames]
    assert lengths == sorted(lengths) and lengths[0] == 1 and lengths[-1] == 50
    assert all(set(f["data"][0]) == {"x", "y"} for f in frames)  # coordinates only
    assert all(f["traces"] == [1] for f in frames)
    assert [s["label"] for s in slider["steps"]] == [f["name"] for f in frames]
    assert slider["active"] == len(frames) - 1
    assert data[0]["name"] == "t" and menus[0]["buttons"][0]["method"] == "animate"


def test_controls_step_to_each_frame_and_play_at_the_given_pace():
    slider, menus = controls([("0", "1"), ("5", "2")], active=1, prefix="batch ", redraw=True,
                             frame_ms=700, left=0.1, pad=35, value_anchor=None)
    assert [s["label"] for s in slider["steps"]] == ["1", "2"]
    assert [s["args"][0] for s in slider["steps"]] == [["0"], ["5"]]
    assert slider["active"] == 1 and slider["x"] + slider["len"] == 1.0
    assert "xanchor" not in slider["currentvalue"] and slider["pad"]["t"] == 35
    play, pause = menus[0]["buttons"]
    assert play["args"][1]["frame"] == {"duration": 700, "redraw": True}
    assert pause["args"][0] == [None]

