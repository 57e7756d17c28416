"""Figure dicts to JSON: numpy arrays as plotly.js typed arrays, in plotly's own spec."""

import json

import numpy as np
import pytest
from _plotly_utils.utils import to_typed_array_spec

from bnviz.plotting.encode import decode_array, to_json


def _sent(a):
    return json.loads(to_json({"z": a}))["z"]


def test_encode_round_trip():
    arrays = [np.arange(6, dtype=np.float64).reshape(2, 3), np.arange(5, dtype=np.float32),
              np.array([1, 2, 300000], dtype=np.int64), np.array([np.nan, 1.0])]
    fig = json.loads(to_json({"data": [{"z": a} for a in arrays]}))
    for a, t in zip(arrays, fig["data"], strict=True):
        np.testing.assert_array_equal(decode_array(t["z"]), a)
    assert fig["data"][0]["z"]["shape"] == "2,3" and fig["data"][0]["z"]["dtype"] == "f8"


def test_encode_refuses_nan_outside_arrays():
    with pytest.raises(ValueError):
        to_json({"x": [float("nan")]})


@pytest.mark.parametrize("a", [np.linspace(-1, 1, 7), np.arange(12, dtype=np.float32).reshape(3, 4),
                               np.arange(5, dtype=np.int32), np.arange(4, dtype=np.uint8)])
def test_spec_is_plotlys_own(a):
    mine, theirs = _sent(a), to_typed_array_spec(a)
    assert mine["dtype"] == theirs["dtype"] and mine["bdata"] == theirs["bdata"]
    # plotly writes the shape "3, 4"; plotly.js splits on "," and reads " 4" as 4.
    assert mine.get("shape", "").replace(" ", "") == theirs.get("shape", "").replace(" ", "")


def test_int64_is_cast_to_the_narrowest_type_that_holds_every_value():
    assert _sent(np.array([1, -2, 100], dtype=np.int64))["dtype"] == "i1"
    assert _sent(np.array([1, 70_000], dtype=np.int64))["dtype"] == "i4"
    assert _sent(np.array([1, 70_000], dtype=np.uint64))["dtype"] == "u4"


def test_int64_beyond_int32_goes_as_an_exact_list():
    big = np.array([1, 2**31, -(2**40)], dtype=np.int64)
    assert _sent(big) == [1, 2**31, -(2**40)]


def test_a_strided_view_is_sent_as_its_own_values():
    a = np.arange(12.0).reshape(4, 3)
    np.testing.assert_array_equal(decode_array(_sent(a[:, 1])), [1.0, 4.0, 7.0, 10.0])


def test_what_plotly_js_has_no_typed_array_for_goes_as_a_list():
    assert _sent(np.array([True, False])) == [True, False]
    assert _sent(np.array([], dtype=np.float64)) == []
    assert json.loads(to_json({"v": np.float32(0.5), "n": np.int64(3)})) == {"v": 0.5, "n": 3}
