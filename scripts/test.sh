#!/usr/bin/env bash
# Set up everything the tests need and run them all: lint, unit, page (AppTest) and browser tests.
#   bash scripts/test.sh [extra pytest arguments]
# Exits non-zero when anything fails. .ci/run runs exactly this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh requirements-dev.txt

# The browser tests drive Debian's Chromium: Playwright's own browser download does not work
# here, so Playwright launches /usr/bin/chromium through executable_path.
chromium=${BNVIZ_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
    echo "test: installing Debian's chromium for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    if [ "$(id -u)" = 0 ]; then
        apt-get update -q && apt-get install -y -q chromium
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo -E apt-get update -q && sudo -E apt-get install -y -q chromium
    else
        echo "error: $chromium is missing and this user can neither apt-get nor sudo." >&2
        echo "       Install it as root (apt-get install chromium) or set BNVIZ_CHROMIUM." >&2
        exit 1
    fi
fi

# Lint and test both run, so one report shows every problem; either failing fails the script.
echo "test: ruff check ."
lint=0
.venv/bin/ruff check . || lint=$?
echo "test: python -m pytest tests $*"
tests=0
.venv/bin/python -m pytest tests "$@" || tests=$?
if [ "$lint" != 0 ]; then
    echo "test: FAILED: ruff found problems (listed above the tests)" >&2
fi
if [ "$lint" != 0 ] || [ "$tests" != 0 ]; then
    exit 1
fi
