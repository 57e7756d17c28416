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
# here, so Playwright launches /usr/bin/chromium (or $BNVIZ_CHROMIUM) through executable_path.
# tests/deploy run scripts/serve-multi.sh, which puts Debian's haproxy in front of Streamlit.
# tests/deploy/test_image.py builds and runs the image with podman: scripts/image.sh installs
# podman, runc and mmdebstrap itself (as root; where it cannot, that test skips and says why).
source scripts/lib/debian.sh
ensure_debian_package "${BNVIZ_CHROMIUM:-/usr/bin/chromium}" chromium "for the browser tests"
ensure_debian_package haproxy haproxy "for the multi-process tests"
# The browser's code is linted by ESLint and bundled by esbuild, both pinned in package.json
# and package-lock.json (tests/unit/ui/test_js.py checks the committed bundles are current).
ensure_debian_package npm npm "for ESLint and esbuild"
npm ci --no-audit --no-fund --loglevel=error

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
echo "test: eslint"
npx --no-install eslint . || lint=$?
# tests/conftest.py runs tests/load and tests/deploy first (their own event loop and
# Playwright cannot start under the browser tests' session-wide one).
echo "test: python -m pytest tests $*"
tests=0
.venv/bin/python -m pytest tests "$@" || tests=$?
if [ "$lint" != 0 ]; then
    echo "test: FAILED: ruff, lint-imports, mypy or eslint found problems (listed above the tests)" >&2
fi
if [ "$lint" != 0 ] || [ "$tests" != 0 ]; then
    exit 1
fi
