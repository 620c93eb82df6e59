#!/usr/bin/env bash
# Installs the exact locked dependencies when they are missing or older than package-lock.json,
# so `npm start` and `npm test` work on a fresh clone with nothing else run first.
# The project brings its own Node (the pinned `node` dev dependency, which `npm run` puts first on
# the PATH). npm itself runs on whatever Node the machine has, so the install is run on the
# project's Node: engine checks and install scripts then see the Node the app runs on.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installerer afhængigheder (npm ci) ..."
  runtime=$(mktemp -d)
  trap 'rm -rf "$runtime"' EXIT
  version=$(node -p "require('./package.json').devDependencies.node")
  echo '{ "private": true, "allowScripts": { "node": true } }' > "$runtime/package.json"
  npm install --prefix "$runtime" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$version" >/dev/null
  PATH="$runtime/node_modules/.bin:$PATH" npm ci --no-audit --no-fund
fi
