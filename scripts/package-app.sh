#!/usr/bin/env bash
# Builds the folder App Service runs: the compiled app (dist/src), what it reads at run time
# (concepts/, cards/), scripts/run-app.sh, and only the production dependencies (the fonts come
# with dejavu-fonts-ttf), installed from package-lock.json with `npm ci --omit=dev`. Nothing of the
# tests, the benchmark or the toolchain (Azurite, Playwright, jest, TypeScript, the pinned node
# runtime package) goes into it. Usage: scripts/package-app.sh [folder]  (default build/app).
# Run after `npm run build`; the install runs on the project's Node, as the first install does.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-build/app}"
[ -f dist/src/index.js ] || { echo "dist/ mangler: kør 'npm run build' først." >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out/dist" "$out/scripts"
cp -R dist/src "$out/dist/src"
find "$out/dist" -name '*.map' -delete
cp -R concepts cards "$out/"
cp scripts/run-app.sh "$out/scripts/"
cp package.json package-lock.json "$out/"
[ -x node_modules/.bin/node ] && export PATH="$PWD/node_modules/.bin:$PATH"
(cd "$out" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error)
# The one install script production needs, done here without its dev tool: botbuilder-dialogs
# removes the recognizers' nested copies of recognizers-text-number, so all share one.
for pkg in text-suite text-date-time text-number-with-unit; do
  rm -rf "$out/node_modules/@microsoft/recognizers-$pkg/node_modules/@microsoft/recognizers-text-number"
done
echo "Pakket til App Service: $out"
