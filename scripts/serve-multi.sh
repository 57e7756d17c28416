#!/usr/bin/env bash
# One Streamlit process per core behind HAProxy (sticky sessions) on http://localhost:8501.
#   bash scripts/serve-multi.sh
#   PORT=8601 PROCS=2 ADDRESS=0.0.0.0 bash scripts/serve-multi.sh [-- extra streamlit options]
# PORT: the proxy's port (default 8501); the Streamlit processes listen on 127.0.0.1 ports
# PORT+1 .. PORT+PROCS. PROCS: how many (default: nproc). ADDRESS: the proxy's address (default
# 127.0.0.1). APP: the entry file (default app.py). Runs in the foreground; SIGTERM or Ctrl-C
# stops everything; a Streamlit process that dies is restarted (scripts/serve_multi.py).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh requirements.txt

# Debian's haproxy (bookworm: 2.6), installed like scripts/test.sh installs chromium.
if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then
    echo "serve-multi: installing Debian's haproxy"
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

if [ "${1:-}" = "--" ]; then
    shift
fi
exec .venv/bin/python scripts/serve_multi.py --port "${PORT:-8501}" --procs "${PROCS:-$(nproc)}" \
    --address "${ADDRESS:-127.0.0.1}" --app "${APP:-app.py}" -- "$@"
