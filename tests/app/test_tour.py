"""The guided tour in the app: start on Home, step with Next and Back, leave and keep playing."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bnviz import tour
from bnviz.lessons.common.settings import DescentSpec
from tests.app.conftest import assert_clean

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = tour.tours()["article"]


def _banner(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown if re.search(r"step \d+ of \d+: ", m.value))


def _button(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key)


def test_start_next_back_and_leave():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    _button(at, "tour_start").click().run()
    assert_clean(at)
    assert f"step 1 of {len(ARTICLE.steps)}" in _banner(at)
    assert at.query_params["tour"] == "article" and at.query_params["step"] == "1"

    _button(at, "tour_next").click().run()  # step 2: the zig-zag, at the largest stable rate
    assert_clean(at)
    second = ARTICLE.steps[1]
    assert f"step 2 of {len(ARTICLE.steps)}" in _banner(at) and second.title in _banner(at)
    for key, value in second.query.items():
        assert str(at.session_state[key]) == value
        assert at.query_params[key] == value  # the URL carries the step's settings ...
    assert at.query_params["step"] == "2"  # ... and where the visitor is

    _button(at, "tour_next").click().run()  # step 3 names only b_hi: the rest back to defaults
    assert at.session_state["rate_raw"] == DescentSpec().rate_raw
    assert float(at.session_state["b_hi"]) == float(ARTICLE.steps[2].query["b_hi"])

    _button(at, "tour_back").click().run()
    assert at.session_state["rate_raw"] == "stable" and float(at.session_state["b_hi"]) == 200

    _button(at, "tour_leave").click().run()
    assert_clean(at)
    assert _banner(at) == "" and "tour" not in at.query_params
    assert at.session_state["rate_raw"] == "stable"  # the page keeps what the step set


def test_a_link_to_a_step_opens_it_and_a_bad_one_is_no_tour():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"tour": "article", "step": "99"})
    at.run()
    assert f"step {len(ARTICLE.steps)} of {len(ARTICLE.steps)}" in _banner(at)  # clamped
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"tour": "nosuch"})
    at.run()
    assert_clean(at)
    assert _banner(at) == ""
