#!/usr/bin/env bash
# Starts the built app (dist/) the one way it is run everywhere: locally, in tests, in the
# benchmark and in production. Node's default heap limit is a share of the machine's memory, and
# V8 lets the heap grow towards it before collecting: 1,000 open conversations held 320 MB of
# which 60 MB were live. A set limit keeps the app near what it uses (see docs/benchmarks.md);
# APP_HEAP_MB raises it on a large host. Arguments before the script go to node (e.g. --cpu-prof).
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --max-old-space-size="${APP_HEAP_MB:-160}" "$@" dist/src/index.js
