#!/usr/bin/env bash
# A mixed soak at a bounded rate (docs/reliability.md): starts `tollgate serve` on port 0 in a temporary data
# directory, then for MINUTES sends RATE requests a second, in turn: an edge token minted, a token verified, an HLS
# playlist admitted by the auth_request hook (a usage session opened), a segment passed by its cookie, an nginx-rtmp
# play and done, and a usage report. Prints p50/p99 latency of the first and the last minute and the server's RSS at
# the start and the end (and each minute). Stops the server by its PID.
# Usage: scripts/soak.sh [MINUTES, default 10] [RATE, requests/s, default 50]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
MINUTES="${1:-10}"
RATE="${2:-50}"
# shellcheck source=lib/bench.sh
. "$ROOT/scripts/lib/bench.sh"
bench_require soak java python3
bench_workspace
bench_serve
server_pid=${pids[-1]} # the launcher execs java: this is the server's JVM
json() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }
app=$("$ROOT/tollgate" app create --name soak --data-dir "$work/data")
java "$ROOT/scripts/Soak.java" "$url" "$(echo "$app" | json applicationId)" "$(echo "$app" | json secret)" \
  "$server_pid" "$MINUTES" "$RATE"
if grep -qE '^\s+at [A-Za-z_$][A-Za-z0-9_$.]*\(' "$work/serve.log"; then
  echo "soak: the server log has stack traces:" >&2
  grep -E -B2 '^\s+at ' "$work/serve.log" | head -n 40 >&2
  exit 1
fi
