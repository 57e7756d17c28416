#!/usr/bin/env bash
# Create .venv (if missing) and install a requirements file into it.
#   bash scripts/setup.sh [requirements.txt | requirements-dev.txt]
# Needs Python 3.11+ with venv and pip (Debian: python3, python3-venv, python3-pip).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
requirements=${1:-requirements.txt}
python=${PYTHON:-python3}
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

if [ ! -x .venv/bin/python ]; then
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "error: bnviz needs Python 3.11 or newer as '$python' (set PYTHON=...)" >&2
        exit 1
    fi
    echo "setup: creating .venv with $("$python" --version)"
    "$python" -m venv .venv
fi
echo "setup: installing $requirements into .venv"
.venv/bin/python -m pip install --quiet -r "$requirements"
# plotly.js is served from ./static (never a CDN); copy it from the installed plotly package.
.venv/bin/python -c "from bnviz.assets import ensure_plotly_js; ensure_plotly_js()"
# The translations: compile each bnviz/locale/<lang>/LC_MESSAGES/bnviz.po to its .mo.
.venv/bin/pybabel compile -d bnviz/locale -D bnviz >/dev/null
