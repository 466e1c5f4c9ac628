# Shared by run.sh and test.sh: create .venv with Python 3.11+ and install a requirements file once
# (re-installed only when the file changes).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
req=$1
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=".venv/.installed-$(basename "$req")"
sum=$(cat requirements*.txt | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req"
  echo "$sum" > "$stamp"
fi
