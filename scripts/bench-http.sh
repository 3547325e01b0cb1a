#!/usr/bin/env bash
# HTTP throughput of `tollgate serve` against nginx answering `return 204`, both measured by wrk on loopback in
# the same run. Needs nginx and wrk (Debian: apt-get install nginx wrk). Prints requests/s and ratios.
# Usage: scripts/bench-http.sh [seconds per run, default 10] [connections, default 16]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SECONDS_PER_RUN="${1:-10}"
CONNECTIONS="${2:-16}"
# shellcheck source=lib/bench.sh
. "$ROOT/scripts/lib/bench.sh"
bench_require bench-http nginx wrk curl python3
bench_workspace
bench_nginx_204
bench_serve

app=$("$ROOT/tollgate" app create --name bench --data-dir "$work/data")
app_id=$(echo "$app" | python3 -c 'import json,sys; print(json.load(sys.stdin)["applicationId"])')
secret=$(echo "$app" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
token=$(TOLLGATE_SECRET="$secret" "$ROOT/tollgate" token create -u "$app_id" --channelAlias my-channel \
  --remoteAddress 203.0.113.42 --streamingOnly --applyTag customer=acme | tail -n 1)
cat > "$work/verify.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"token":"$token","request":{"action":"subscribe","channel":{"id":"c1","alias":"my-channel"},"remoteAddress":"203.0.113.42"}}'
LUA
curl -fsS -o /dev/null "$url/health"
curl -fsS -X POST -H 'Content-Type: application/json' --data "$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$work/verify.lua")" \
  "$url/v1/tokens/verify" | grep -q '"decision":"allowed"'

rate() { # wrk's Requests/sec line
  wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "$@" | awk '/Requests\/sec/ {print $2}'
}
# Warm the JVM up before measuring.
wrk -t1 -c"$CONNECTIONS" -d5s "$url/health" >/dev/null
wrk -t1 -c"$CONNECTIONS" -d5s -s "$work/verify.lua" "$url/v1/tokens/verify" >/dev/null

baseline=$(rate "http://127.0.0.1:$nginx_port/")
health=$(rate "$url/health")
verify=$(rate -s "$work/verify.lua" "$url/v1/tokens/verify")
python3 - "$baseline" "$health" "$verify" <<'PY'
import sys
baseline, health, verify = map(float, sys.argv[1:])
print(f"{'target':<42}{'requests/s':>12}{'ratio':>8}")
print(f"{'nginx return 204 (baseline)':<42}{baseline:>12,.0f}{1:>8.2f}")
print(f"{'GET /health':<42}{health:>12,.0f}{health / baseline:>8.2f}")
print(f"{'POST /v1/tokens/verify (subscribe)':<42}{verify:>12,.0f}{verify / baseline:>8.2f}")
PY
