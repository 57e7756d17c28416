#!/usr/bin/env bash
# Create .venv-tools (if missing) and install the deployment linters of requirements-tools.txt
# (checkov) into it: a virtualenv of their own, because checkov's pinned dependencies conflict
# with the app's and the test tools' (see requirements-tools.txt).
#   bash scripts/setup-tools.sh
# tests/deploy/ runs .venv-tools/bin/checkov; scripts/test.sh calls this script first.
# Needs Python 3.11+ with venv and pip, like scripts/setup.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python=${PYTHON:-python3}
venv=.venv-tools
requirements=requirements-tools.txt
stamp=$venv/.requirements-tools.sha256
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

if [ ! -x "$venv/bin/python" ]; then
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "error: the tools need Python 3.11 or newer as '$python' (set PYTHON=...)" >&2
        exit 1
    fi
    echo "setup-tools: creating $venv with $("$python" --version)"
    "$python" -m venv "$venv"
fi

# Installing ~100 pinned packages takes half a minute; skip it while requirements-tools.txt is
# unchanged since the last successful install (and checkov is still there).
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ -x "$venv/bin/checkov" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    echo "setup-tools: $venv is up to date with $requirements"
    exit 0
fi
echo "setup-tools: installing $requirements into $venv"
"$venv/bin/python" -m pip install --quiet -r "$requirements"
echo "$wanted" > "$stamp"
