"""Words and numbers in the visitor's language: English or Italian.

The standard machinery: messages are marked in the code with :func:`_` (:func:`ngettext` for
plural forms, :func:`pgettext` where one English word needs two translations; :func:`N_`
marks a message whose translation is looked up later), Babel
extracts them into ``bnviz/locale/bnviz.pot`` and keeps ``bnviz/locale/<lang>/LC_MESSAGES/
bnviz.po`` up to date (``scripts/i18n.sh``), and the catalogs are compiled to ``.mo`` at set-up
and in the image (``pybabel compile``); a checkout without the compiled files compiles the
``.po`` in memory on first use.

The language of a page run is a context variable (:func:`use`): Streamlit runs each visitor's
script in a thread of its own, so each run sees its visitor's language. Numbers follow it
(:mod:`bnviz.numbers` asks :func:`current`): 1,317.5 and 7.41e-5 in English, 1.317,5 and
7,41e-5 in Italian; the numbers themselves never change.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LANGUAGES = {"en": "English", "it": "Italiano"}
DEFAULT = "en"
DOMAIN = "bnviz"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current: ContextVar[str] = ContextVar("bnviz_language", default=DEFAULT)


def current() -> str:
    """The language of this run (``"en"`` or ``"it"``)."""
    return _current.get()


def choose(lang: str | None) -> str:
    """A language this app speaks, from a code such as ``it``, ``it-IT`` or ``en_GB``
    (English for anything else)."""
    code = (lang or "").replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT


def set_language(lang: str) -> None:
    """Speak ``lang`` for the rest of this run (a page run is one context)."""
    _current.set(choose(lang))


@contextmanager
def use(lang: str) -> Iterator[None]:
    """Speak ``lang`` inside the block (tests, caches computed for a language)."""
    token = _current.set(choose(lang))
    try:
        yield
    finally:
        _current.reset(token)


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of ``lang``: compiled ``.mo`` if set-up made one, else its ``.po``
    compiled in memory; English is the code's own words."""
    if lang == DEFAULT:
        return gettext.NullTranslations()
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = mo.with_suffix(".po")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    if not po.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _(message: str) -> str:
    """``message`` in the language of this run."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n``, in the language of this run."""
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language of this run, as it reads in ``context``: one English word
    that another language says two ways (``pgettext("columns", "none")`` is Italian
    "nessuna", ``pgettext("error left", "none")`` "nulla")."""
    return translations(current()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is defined; translate it where it is shown
    (labels of settings, page titles: they are defined once, at import)."""
    return message
