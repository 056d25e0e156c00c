#!/usr/bin/env bash
# Install what the review page's browser tests need: Debian's Chromium and the Playwright
# Python package. Playwright's own browser download (`playwright install`) is never used:
# its host is not reachable here; the tests launch /usr/bin/chromium through executable_path.
#
# Usage: scripts/install-browser.sh [PYTHON]   (default: .venv/bin/python, else python3)
# Needs root (or sudo) for apt-get. Safe to run again: it skips what is already there.
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON="${1:-}"
if [ -z "$PYTHON" ]; then
    if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi

if [ ! -x /usr/bin/chromium ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null || true

if ! "$PYTHON" -c "import playwright.sync_api" 2>/dev/null; then
    "$PYTHON" -m pip install --quiet "playwright>=1.40"
fi
"$PYTHON" -c "import importlib.metadata as m; print('playwright', m.version('playwright'))"
