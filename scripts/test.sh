#!/usr/bin/env bash
# Runs every test on a fresh clone: installs what is missing (npm packages, Debian's Chromium),
# type-checks and builds (the protocol and browser tests run the built app as its own process),
# then jest. Every network peer is on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/ensure-chromium.sh
npx tsc -p .
npx jest "$@"
