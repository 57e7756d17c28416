#!/usr/bin/env bash
# Set up (first time only) and start the app on http://localhost:8501 (PORT=... to change).
#   bash scripts/serve.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh requirements.txt
exec .venv/bin/python -m streamlit run app.py --server.address localhost \
    --server.port "${PORT:-8501}"
