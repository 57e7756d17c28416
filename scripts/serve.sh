#!/usr/bin/env bash
# Set up (first time only) and start the app on http://localhost:8501 (PORT=... to change).
#   bash scripts/serve.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh requirements.txt
# Fewer malloc arenas: memory goes back near idle after a class (see the Dockerfile).
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
exec .venv/bin/python -m streamlit run app.py --server.address localhost \
    --server.port "${PORT:-8501}"
