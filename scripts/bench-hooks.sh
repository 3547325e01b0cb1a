#!/usr/bin/env bash
# The media-server hooks under load, beside nginx answering `return 204`, all measured by wrk on loopback in the
# same run: GET /hooks/http-auth as nginx's auth_request calls it (X-Original-URI) with a token (each request admits:
# a usage session is written) and with the subscription cookie (the segment path: no write within 5 s), and the
# nginx-rtmp play hook (each play opens a session; then play + done pairs). Needs nginx and wrk (Debian: apt-get
# install nginx wrk). Prints requests/s, the ratio to nginx and wrk's p99, with GET /health as the server's floor.
# Usage: scripts/bench-hooks.sh [seconds per run, default 10] [connections, default 16]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SECONDS_PER_RUN="${1:-10}"
CONNECTIONS="${2:-16}"
# shellcheck source=lib/bench.sh
. "$ROOT/scripts/lib/bench.sh"
bench_require bench-hooks nginx wrk curl python3
bench_workspace
bench_nginx_204
bench_serve

json() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }
app=$("$ROOT/tollgate" app create --name bench --data-dir "$work/data")
app_id=$(echo "$app" | json applicationId)
secret=$(echo "$app" | json secret)
curl -fsS -o /dev/null -u "$app_id:$secret" -H 'Content-Type: application/json' -d '{"alias":"news"}' "$url/v1/channels"
token=$(TOLLGATE_SECRET="$secret" "$ROOT/tollgate" token create -u "$app_id" --channelAlias news --streamingOnly \
  --expiresInSeconds 3600 --applyTag customer=acme | tail -n 1)
ref=$(curl -fsS -H 'Content-Type: application/json' -d "{\"token\":\"$token\"}" "$url/v1/token-refs" | json ref)

playlist="X-Original-URI: /hls/$app_id/news/index.m3u8?token=$ref"
segment="X-Original-URI: /hls/$app_id/news/7.ts"
cookie=$(curl -fsS -o /dev/null -D - -H "$playlist" "$url/hooks/http-auth" \
  | sed -n 's/^[Ss]et-[Cc]ookie: \(tollgate-hls=[^;]*\).*/\1/p')
[ -n "$cookie" ] || { echo "bench-hooks: no cookie from /hooks/http-auth" >&2; cat "$work/serve.log" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "$segment" -H "Cookie: $cookie" "$url/hooks/http-auth")" = 204 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "$segment" "$url/hooks/http-auth")" = 401 ]

# nginx-rtmp's on_play form, a new clientid per request; the pair script sends play then done for each clientid.
cat > "$work/play.lua" <<LUA
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
request = function()
  n = n + 1
  return wrk.format(nil, "/hooks/nginx-rtmp/play?node=load", nil,
    "app=$app_id&flashver=LNX%209,0,124,2&swfurl=&tcurl=rtmp://127.0.0.1/$app_id&pageurl=&addr=127.0.0.1"
    .. "&clientid=" .. n .. "&call=play&name=news&start=-2&duration=0&reset=0&token=$ref")
end
LUA
cat > "$work/pair.lua" <<LUA
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
request = function()
  n = n + 1
  local id = math.floor((n + 1) / 2)
  local event = (n % 2 == 1) and "play" or "done"
  return wrk.format(nil, "/hooks/nginx-rtmp/" .. event .. "?node=pair", nil,
    "app=$app_id&flashver=LNX%209,0,124,2&swfurl=&tcurl=rtmp://127.0.0.1/$app_id&pageurl=&addr=127.0.0.1"
    .. "&clientid=" .. id .. "&call=" .. event .. "&name=news&start=-2&duration=0&reset=0&token=$ref")
end
LUA
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/x-www-form-urlencoded' \
  --data "app=$app_id&addr=127.0.0.1&clientid=0&name=news&token=$ref" "$url/hooks/nginx-rtmp/play?node=check")" = 204 ]

measure() { # requests/s and p99 (ms) from wrk --latency
  wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$@" | python3 -c '
import re, sys
text = sys.stdin.read()
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups()
p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(rate, p99, non2xx.group(1) if non2xx else 0)'
}
# Warm the JVM up before measuring.
wrk -t1 -c"$CONNECTIONS" -d5s -H "$segment" -H "Cookie: $cookie" "$url/hooks/http-auth" >/dev/null
wrk -t1 -c"$CONNECTIONS" -d3s -H "$playlist" "$url/hooks/http-auth" >/dev/null

baseline=$(measure "http://127.0.0.1:$nginx_port/")
# The server's own floor (Jetty, routing, one cached database check): what the cookie path is compared with.
health_run=$(measure "$url/health")
cookie_run=$(measure -H "$segment" -H "Cookie: $cookie" "$url/hooks/http-auth")
token_run=$(measure -H "$playlist" "$url/hooks/http-auth")
play_run=$(measure -s "$work/play.lua" "$url")
pair_run=$(measure -s "$work/pair.lua" "$url")
python3 - "$baseline" "$health_run" "$cookie_run" "$token_run" "$play_run" "$pair_run" <<'PY'
import sys
names = ["nginx return 204 (baseline)", "GET /health (the server's floor)",
         "GET /hooks/http-auth, cookie (segment)",
         "GET /hooks/http-auth, token (admits)", "POST /hooks/nginx-rtmp/play (admits)",
         "nginx-rtmp play + done pairs"]
runs = [list(map(float, arg.split())) for arg in sys.argv[1:]]
base = runs[0][0]
print(f"{'target':<44}{'requests/s':>12}{'ratio':>8}{'p99 ms':>9}{'non-2xx':>9}")
for name, (rate, p99, bad) in zip(names, runs):
    print(f"{name:<44}{rate:>12,.0f}{rate / base:>8.2f}{p99:>9.2f}{bad:>9.0f}")
PY
