"""Helpers for page tests with Streamlit's AppTest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def open_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    """Run app.py, then switch to ``app_pages/<page>.py`` (optionally with a query string)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    return at


def charts(at: AppTest) -> dict[str, dict]:
    """The figures the page sent to its chart components, by chart key."""
    out = {}
    for el in at.get("bidi_component"):
        payload = json.loads(el.proto.bytes)
        if "figure" in payload:  # other components (the valley's live view) carry no figure
            out[el.key] = payload["figure"]
    return out


def component_data(at: AppTest, key: str) -> dict:
    """The data the page sent to the component with ``key`` (a dict, decoded from JSON)."""
    for el in at.get("bidi_component"):
        if el.key == key:
            return json.loads(el.proto.bytes)
    raise KeyError(key)


def chart_bytes(at: AppTest) -> int:
    return sum(len(el.proto.bytes) for el in at.get("bidi_component"))


def assert_clean(at: AppTest) -> None:
    """No exception element and no error box on the page."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture
def page():
    return open_page
