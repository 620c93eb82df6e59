#!/usr/bin/env bash
# Starts the built app (dist/) the one way it is run everywhere: locally, in tests, in the
# benchmark and in production. Node's default heap limit is a share of the machine's memory, and
# V8 lets the heap grow towards it before collecting, far beyond what the app keeps live; a set
# limit keeps the app near what it uses (docs/benchmarks.md). APP_HEAP_MB raises it on a large
# host. V8 sizes the young generation from that limit, and at 160 MB it is about 1 MB: a turn's
# short-lived objects would outgrow it and be promoted, to be collected by full mark-compacts. The
# semi-space is set on its own (APP_SEMI_SPACE_MB, 16 MB), so they die young, cheaply.
# Arguments before the script go to node (e.g. --cpu-prof).
# The project's own Node (node_modules/.bin/node, a dev dependency) where it is installed; in
# production, App Service's Node of the same major. The app refuses any other major itself.
set -euo pipefail
cd "$(dirname "$0")/.."
node=node_modules/.bin/node
[ -x "$node" ] || node=node
exec "$node" --max-old-space-size="${APP_HEAP_MB:-160}" --max-semi-space-size="${APP_SEMI_SPACE_MB:-16}" "$@" dist/src/index.js
