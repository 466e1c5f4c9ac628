#!/usr/bin/env bash
# Install the runtime dependencies into .venv and start the app on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/_venv.sh requirements.txt
exec .venv/bin/python -m streamlit run serve.py --server.headless true \
  --browser.gatherUsageStats false "$@"
