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

# Debian's haproxy (bookworm: 2.6), installed as scripts/test.sh installs chromium.
source scripts/lib/debian.sh
ensure_debian_package haproxy haproxy "the reverse proxy of the multi-process server"

if [ "${1:-}" = "--" ]; then
    shift
fi
exec .venv/bin/python scripts/serve_multi.py --port "${PORT:-8501}" --procs "${PROCS:-$(nproc)}" \
    --address "${ADDRESS:-127.0.0.1}" --app "${APP:-app.py}" -- "$@"
