#!/usr/bin/env bash
# Runs the app locally: the bot on 127.0.0.1:3978 with durable storage in .data/ and the local
# Teams emulator on http://127.0.0.1:56150. No Azure tenant or credentials are needed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
echo "Bygger appen (TypeScript) …"
npx tsc -p .

export PORT="${PORT:-3978}"
export DATA_DIR="${DATA_DIR:-.data}"
# The emulator claims en-US for every user; show Danish unless LOCALE=en is asked for.
export LOCALE="${LOCALE:-da}"
# The emulator cannot refresh a card per person (Teams' user-specific views): its group chat sees the leader's view.
export SHARED_CARD="${SHARED_CARD:-open}"
# A person reads this console: readable lines instead of JSON. The emulator shows only what arrives
# while its page is open, so due reminders wait for the first message there.
export LOG_FORMAT="${LOG_FORMAT:-text}"
export EMULATOR=true
emulator_port="${EMULATOR_PORT:-56150}"
bash scripts/run-app.sh &
bot=$!
trap 'kill $bot ${emulator:-} 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:${PORT}/healthz" >/dev/null 2>&1 && break
  kill -0 "$bot" 2>/dev/null || { echo "Botten kunne ikke starte (se fejlen ovenfor)." >&2; exit 1; }
  sleep 0.2
done

echo "Starter Teams-emulatoren …"
# Its own start-up lines (in English) go to a file; its errors still show here.
mkdir -p "$DATA_DIR"
TEAMSAPPTESTER_BROWSER=none APPLICATION_INSIGHTS_NO_STATSBEAT=true \
  node node_modules/@microsoft/m365agentsplayground/cli.js start \
  -e "http://127.0.0.1:${PORT}/api/messages" -c msteams -p "$emulator_port" --disable-telemetry >"$DATA_DIR/emulator.log" &
emulator=$!
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:${emulator_port}" >/dev/null 2>&1 && break
  kill -0 "$emulator" 2>/dev/null || { echo "Teams-emulatoren kunne ikke starte (se $DATA_DIR/emulator.log)." >&2; exit 1; }
  sleep 0.2
done

echo
echo "Udviklingssamtale kører lokalt."
echo "  Åbn Teams-emulatoren: http://127.0.0.1:${emulator_port} – du er Lene Løvgren, leder."
echo "  Skriv '@Udviklingssamtale ny mus' (eller ny grus, ny lus) i gruppechatten »MUS-mødet«, der står i stedet for mødechatten."
echo "  I din private chat med botten: skriv 'hjælp' for alt, hvad den kan."
[ -n "${CLOCK_START:-}" ] && echo "  Appens ur starter ved ${CLOCK_START}: forfaldne påmindelser kommer i din private chat, når du har skrevet til botten."
echo "  Arkiverede planer: ${FILING_ROOT:-$DATA_DIR/onedrive}"
echo "Stop med Ctrl+C."
wait -n "$bot" "$emulator"
