import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.numbers import fmt
from bnviz.settings import coerce, from_query, log_grid, param_of, to_query


def test_defaults_are_the_seed_article():
    d = DataSpec()
    assert (d.a_hi, d.b_hi, d.w1_true, d.w2_true, d.noise, d.n, d.seed) == (10, 200, 2, 3, 0.1, 100, 42)


def test_round_trip_of_changed_values():
    spec = DataSpec(b_hi=1234.5, n=1000, seed=7)
    query = to_query(spec)
    assert query == {"b_hi": "1234.5", "n": "1000", "seed": "7"}
    back, notices = from_query(DataSpec, query)
    assert back == spec and notices == ()


def test_defaults_make_an_empty_query():
    assert to_query(DataSpec()) == {}
    assert len(to_query(DataSpec(), only_changed=False)) == 7


@pytest.mark.parametrize("key,raw", [("b_hi", "abc"), ("b_hi", "-5"), ("b_hi", "inf"), ("b_hi", "nan"),
                                     ("n", "2.5"), ("n", "1e9"), ("seed", ""), ("b_hi", "1e999")])
def test_bad_values_fall_back_with_a_notice(key, raw):
    spec, notices = from_query(DataSpec, {key: raw})
    assert spec == DataSpec()
    assert len(notices) == 1 and key in notices[0] and "default" in notices[0]


def test_choice_values_are_checked():
    assert coerce(param_of(DescentSpec, "rate_raw"), "Custom") == "custom"
    with pytest.raises(ValueError, match="one of"):
        coerce(param_of(DescentSpec, "rate_raw"), "fastest")


def test_lists_take_the_last_value():
    assert coerce(param_of(DataSpec, "n"), ["10", "20"]) == 20


@given(st.floats(min_value=1.0, max_value=1e5, allow_nan=False))
def test_any_float_in_range_round_trips_exactly(x):
    spec = DataSpec(b_hi=x)
    back, notices = from_query(DataSpec, to_query(spec, only_changed=False))
    assert back == spec and not notices


@given(st.text(max_size=20))
def test_garbage_never_raises(text):
    spec, notices = from_query(DescentSpec, {k: text for k in ("steps", "lr_raw", "rate_std", "tol")})
    assert isinstance(spec, DescentSpec)
    for name in ("steps", "lr_raw", "rate_std", "tol"):
        p = param_of(DescentSpec, name)
        value = getattr(spec, name)
        assert value in p.choices if p.kind == "choice" else p.lo <= value <= p.hi


def test_log_grid_holds_round_numbers_and_includes():
    grid = log_grid(1.0, 1e5, include=(137.0,))
    assert grid[0] == 1.0 and grid[-1] == 1e5
    assert {10.0, 200.0, 137.0} <= set(grid)
    assert list(grid) == sorted(set(grid))
    ratios = [b / a for a, b in zip(grid, grid[1:], strict=False)]
    assert max(ratios) <= 1.34  # no gap wider than 4 -> 5 (or 8 -> 10, 1.25)


def test_log_grid_from_zero_and_integers():
    grid = log_grid(0.0, 1000.0)
    assert grid[0] == 0.0 and grid[1] > 0 and 0.1 in grid
    ints = log_grid(2, 1_000_000, integer=True)
    assert all(isinstance(v, int) for v in ints) and 100 in ints and ints[0] == 2


def test_fmt():
    assert fmt(7.3977e-05) == "7.4e-05"
    assert fmt(919.5088) == "919.5"
    assert fmt(27005.9) == "27,006"
    assert fmt(math.inf) == "inf"


def test_a_param_contains_what_its_bounds_allow():
    bounded = param_of(DataSpec, "b_hi")
    assert bounded.contains(bounded.lo) and bounded.contains(bounded.hi)
    assert not bounded.contains(bounded.hi * 1.0001) and not bounded.contains(bounded.lo / 2)
    choice = param_of(DescentSpec, "rate_raw")  # no bounds: nothing is outside
    assert choice.lo is None and choice.contains(-1e300) and choice.contains(1e300)
