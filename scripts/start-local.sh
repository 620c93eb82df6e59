#!/usr/bin/env bash
# Runs the app locally: the bot on 127.0.0.1:3978 with durable storage in .data/ and the local
# Teams emulator on http://127.0.0.1:56150. No Azure tenant or credentials are needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx tsc -p .

export PORT="${PORT:-3978}"
export DATA_DIR="${DATA_DIR:-.data}"
# The emulator claims en-US for every user; show Danish unless LOCALE=en is asked for.
export LOCALE="${LOCALE:-da}"
# The emulator cannot refresh a card per person (Teams' user-specific views): its group chat sees the leader's view.
export SHARED_CARD="${SHARED_CARD:-open}"
bash scripts/run-app.sh &
bot=$!
trap 'kill $bot ${emulator:-} 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:${PORT}/healthz" >/dev/null 2>&1 && break
  kill -0 "$bot" 2>/dev/null || { echo "Botten kunne ikke starte." >&2; exit 1; }
  sleep 0.2
done

TEAMSAPPTESTER_BROWSER=none APPLICATION_INSIGHTS_NO_STATSBEAT=true \
  node node_modules/@microsoft/m365agentsplayground/cli.js start \
  -e "http://127.0.0.1:${PORT}/api/messages" -c msteams -p "${EMULATOR_PORT:-56150}" --disable-telemetry &
emulator=$!

echo
echo "Udviklingssamtale kører lokalt."
echo "  Åbn Teams-emulatoren: http://127.0.0.1:${EMULATOR_PORT:-56150}"
echo "  Skriv 'ny mus' (eller 'ny grus' eller 'ny lus') i gruppechatten (den står i stedet for mødechatten)."
echo "  Arkiverede planer: ${FILING_ROOT:-$DATA_DIR/onedrive}"
echo "Stop med Ctrl+C."
wait -n "$bot" "$emulator"
