#!/usr/bin/env bash
# Install everything the tests need (Python packages into .venv, Debian's chromium and fonts for
# the browser tests) and run the whole suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/_venv.sh requirements-test.txt
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-color-emoji fonts-noto-cjk >/dev/null
fi
# two workers (the 2-core CI machine); a file stays on one worker, so its server and compiles are shared
exec .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
