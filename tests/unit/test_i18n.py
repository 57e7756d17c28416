"""The translations: complete, current, and faithful to their placeholders; numbers follow
the language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bnviz import i18n
from bnviz.numbers import fmt

ROOT = Path(__file__).resolve().parents[2]
METHODS = [("app.py", "python"), ("app_pages/**.py", "python"), ("bnviz/**.py", "python")]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def _code_messages() -> set[tuple[str | None, str]]:
    """Every message the code marks, as (context, msgid): one English word in two contexts
    is two messages."""
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            str(ROOT), method_map=METHODS, keywords=KEYWORDS):
        found.add((context, message if isinstance(message, str) else message[0]))
    return found


def _catalog(lang: str):
    with (i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "bnviz.po").open("rb") as f:
        return read_po(f, locale=lang)


@pytest.mark.parametrize("lang", [x for x in i18n.LANGUAGES if x != i18n.DEFAULT])
def test_every_message_of_the_code_has_a_translation_and_no_other(lang):
    catalog = _catalog(lang)
    held = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}
    code = _code_messages()
    assert sorted(code - set(held)) == []  # messages with no translation entry
    assert sorted(set(held) - code) == []  # entries the code no longer uses
    assert list(catalog.obsolete) == []
    untranslated = [k for k, m in held.items()
                    if not all(m.string if isinstance(m.string, tuple) else (m.string,))]
    assert untranslated == []
    assert [k for k, m in held.items() if m.fuzzy] == []


@pytest.mark.parametrize("lang", [x for x in i18n.LANGUAGES if x != i18n.DEFAULT])
def test_translations_keep_every_placeholder(lang):
    def names(text: str) -> list[str]:
        return sorted(re.findall(r"\{(\w*)\}", text))

    for m in _catalog(lang):
        if not m.id:
            continue
        if isinstance(m.id, str):
            assert names(m.string) == names(m.id), m.id
            continue
        # A plural's forms: the last keeps every placeholder; another may leave out one (its
        # count: Italian "Il batch mostrato" for one batch), as gettext allows; none adds one.
        *others, last = m.string
        assert names(last) == names(m.id[1]), m.id
        assert all(set(names(s)) <= set(names(m.id[1])) for s in others), m.id


def test_a_translated_message_reads_italian_and_falls_back_to_english():
    with i18n.use("it"):
        assert i18n._("Valley vs bowl") == "Valle contro conca"
        assert i18n._("a message no catalog has") == "a message no catalog has"
    assert i18n._("Valley vs bowl") == "Valley vs bowl"


@pytest.mark.parametrize(("code", "lang"), [("it-IT", "it"), ("it", "it"), ("en_GB", "en"),
                                            ("de-DE", "en"), (None, "en"), ("", "en")])
def test_the_language_from_a_browser_locale(code, lang):
    assert i18n.choose(code) == lang


@pytest.mark.parametrize(("x", "en", "it"), [(12345.6, "12,346", "12.346"),
                                             (7.41e-5, "7.41e-05", "7,41e-05"),
                                             (0.5, "0.5", "0,5"), (1317.5, "1318", "1318"),
                                             (-2.5e7, "-2.5e+07", "-2,5e+07")])
def test_numbers_are_written_the_local_way_and_stay_the_same_numbers(x, en, it):
    assert fmt(x) == en
    with i18n.use("it"):
        assert fmt(x) == it
    assert float(it.replace(".", "").replace(",", ".")) == float(en.replace(",", ""))


def test_one_english_word_reads_two_ways_by_its_context():
    # "none" of a list of columns (feminine, "nessuna") and "none" of an error left ("nulla"):
    # without a context, one translation would serve both and read wrong in one.
    with i18n.use("it"):
        columns, error = i18n.pgettext("columns", "none"), i18n.pgettext("error left", "none")
    assert (columns, error) == ("nessuna", "nulla")
    assert i18n.pgettext("columns", "none") == "none"  # English: the code's own word


@pytest.mark.parametrize(("lang", "sep"), [("en", ", "), ("it", "; ")])
def test_numbers_in_a_list_are_set_apart_by_a_mark_that_is_not_the_decimal_mark(lang, sep):
    from babel.numbers import get_decimal_symbol

    from bnviz.numbers import joined, pair, percent, separator

    with i18n.use(lang):
        assert separator() == sep
        assert get_decimal_symbol(lang) not in separator()
        spelled = [fmt(1.0), fmt(12.5)]
        assert pair([1.0, 12.5]) == "(" + spelled[0] + sep + spelled[1] + ")"
        # Split on the separator, each part reads back as its number.
        parts = joined(fmt(x) for x in (0.012, 0.034, 12.5)).split(sep)
        mark = get_decimal_symbol(lang)
        assert [float(p.replace(mark, ".")) for p in parts] == [0.012, 0.034, 12.5]
        assert percent(0.25) == f"{25:.1f}".replace(".", mark) + "%"  # no space before %
        assert percent(0.000123, None) == fmt(0.0123) + "%"
