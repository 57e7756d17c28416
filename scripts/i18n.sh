#!/usr/bin/env bash
# Bring the translations up to date with the code, then compile them.
#   bash scripts/i18n.sh            # extract bnviz/locale/bnviz.pot, update every .po, compile
#   bash scripts/i18n.sh init de    # start a new language's catalog
# Translate the new or changed entries of bnviz/locale/<lang>/LC_MESSAGES/bnviz.po (msgstr,
# and drop the "fuzzy" flag once checked) with the words of bnviz/locale/<lang>/GLOSSARY.md;
# tests/unit/test_i18n.py fails while any message of the code has no translation, or a catalog
# keeps one the code no longer uses, and tests/unit/test_glossary.py while a translation says
# a glossary term another way. pgettext("context", "word") (one English word, two
# translations) is among Babel's default keywords, so it needs no -k here.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pot=bnviz/locale/bnviz.pot
.venv/bin/pybabel extract -F babel.cfg -k N_ --no-location --sort-output \
    --project bnviz --msgid-bugs-address "" -o "$pot" . >/dev/null
if [ "${1:-}" = "init" ]; then
    .venv/bin/pybabel init -i "$pot" -d bnviz/locale -D bnviz -l "$2"
else
    .venv/bin/pybabel update -i "$pot" -d bnviz/locale -D bnviz --no-fuzzy-matching \
        --ignore-obsolete
fi
.venv/bin/pybabel compile -d bnviz/locale -D bnviz
