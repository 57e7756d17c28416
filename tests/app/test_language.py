"""The language: from the URL, switched in the sidebar, carried in the URL; words and numbers
follow it, and cached views never mix two languages."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.conftest import assert_clean, open_page

ROOT = Path(__file__).resolve().parents[2]


def _home(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update(query or {})
    at.run()
    return at


def test_lang_in_the_url_gives_italian_and_the_menu_switches_back():
    at = _home({"lang": "it"})
    assert_clean(at)
    assert at.title[0].value == "La normalizzazione batch, resa visibile"
    assert at.session_state["lang"] == "it"
    at.selectbox(key="lang").select("en").run()
    assert at.title[0].value == "Batch normalization, made visible"
    assert at.query_params["lang"] == "en"  # the choice travels in the URL


def test_english_without_a_choice_and_a_bad_code_falls_back():
    assert _home().session_state["lang"] == "en"
    assert _home({"lang": "xx"}).session_state["lang"] == "en"


def test_numbers_follow_the_language_and_the_cache_keeps_them_apart():
    def condition_number(lang: str) -> str:
        at = open_page("valley_vs_bowl", {"lang": lang})
        assert_clean(at)
        rows = at.table[0].value.to_dict("records")
        row = next(r for r in rows if "λmax/λmin" in r[""])  # the condition number's row
        return row[list(row)[1]]  # the raw side's column

    english, italian = condition_number("en"), condition_number("it")
    assert english == "919.5" and italian == "919,5"
    assert condition_number("en") == "919.5"  # not the Italian view from the cache
