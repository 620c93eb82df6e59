#!/usr/bin/env bash
# Runs every test on a fresh clone: installs what is missing, type-checks and builds (the protocol
# tests run the built app as its own process), then jest. Network peers are all on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx tsc -p .
npx jest "$@"
