#!/usr/bin/env bash
# Runs every test on a fresh clone: installs what is missing (npm packages, Debian's Chromium),
# type-checks and builds (the protocol and browser tests run the built app as its own process),
# then jest. Every network peer is on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/ensure-chromium.sh
bash scripts/ensure-pdf-tools.sh
npx tsc -p .

# A throwaway certificate for 127.0.0.1: the fake Microsoft Graph and Entra ID speak HTTPS, as the
# Graph client sends tokens over nothing else. Node trusts it for every test process it starts.
tls=test-output/tls
if [ ! -s "$tls/cert.pem" ]; then
  mkdir -p "$tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$tls/key.pem" -out "$tls/cert.pem" 2>/dev/null
fi
export TEST_TLS_DIR="$PWD/$tls" NODE_EXTRA_CA_CERTS="$PWD/$tls/cert.pem"

set +e
npx jest --json --outputFile=test-output/jest-results.json "$@"
status=$?
set -e
# The plain closing line CI reads, whatever the runner: "jest: N passed, N failed".
node -e "const r = require('./test-output/jest-results.json'); console.log('jest: ' + r.numPassedTests + ' passed, ' + r.numFailedTests + ' failed')" || true
exit $status
