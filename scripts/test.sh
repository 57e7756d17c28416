#!/usr/bin/env bash
# Set up everything the tests need and run them all: lint, unit, page (AppTest) and browser tests.
#   bash scripts/test.sh [extra pytest arguments]
# Exits non-zero when anything fails. .ci/run runs exactly this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh requirements-dev.txt
# checkov, in a virtualenv of its own (its pins conflict with .venv's): tests/deploy/ runs it.
bash scripts/setup-tools.sh

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

# tests/deploy run scripts/serve-multi.sh, which puts Debian's haproxy in front of Streamlit.
if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then
    echo "test: installing Debian's haproxy for the multi-process tests"
    export DEBIAN_FRONTEND=noninteractive
    if [ "$(id -u)" = 0 ]; then
        apt-get update -q && apt-get install -y -q haproxy
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo -E apt-get update -q && sudo -E apt-get install -y -q haproxy
    else
        echo "error: haproxy is missing and this user can neither apt-get nor sudo." >&2
        echo "       Install it as root (apt-get install haproxy)." >&2
        exit 1
    fi
fi

# Lint, contracts and tests all run, so one report shows every problem; any failing fails
# the script. The contracts: import-linter keeps the package's layers (pyproject.toml
# [tool.importlinter]), mypy its types ([tool.mypy]).
echo "test: ruff check ."
lint=0
.venv/bin/ruff check . || lint=$?
echo "test: lint-imports"
.venv/bin/lint-imports --no-cache || lint=$?
echo "test: mypy"
.venv/bin/mypy || lint=$?
# tests/load and tests/deploy first: they drive asyncio and their own Playwright, which cannot
# start while the browser tests' session-wide Chromium (sync Playwright) holds an event loop.
echo "test: python -m pytest tests/load tests/deploy tests $*"
tests=0
.venv/bin/python -m pytest tests/load tests/deploy tests "$@" || tests=$?
if [ "$lint" != 0 ]; then
    echo "test: FAILED: ruff, lint-imports or mypy found problems (listed above the tests)" >&2
fi
if [ "$lint" != 0 ] || [ "$tests" != 0 ]; then
    exit 1
fi
