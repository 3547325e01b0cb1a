#!/usr/bin/env bash
# What durability costs: edge decisions per second (POST /v1/edge/authorize, each allowed one records a usage event)
# of `tollgate serve` on H2 built from this tree, against the same measured on a build of the revision before H2's
# WRITE_DELAY=0, by the same bounded load client (scripts/EdgeLoad.java), runs interleaved in one invocation.
# Builds the earlier revision from `git archive` in a temporary directory first (a minute or two).
# Usage: scripts/bench-durability.sh [seconds per run, default 10] [concurrent requests, default 8] [rounds, default 2]
#        BEFORE=<revision> compares against another revision (default: the parent of the commit that set
#        WRITE_DELAY=0 in Database.java).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SECONDS_PER_RUN="${1:-10}"
CONCURRENCY="${2:-8}"
ROUNDS="${3:-2}"

jdk=""
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -f "$candidate/release" ] || continue
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$candidate/release")
  if [ -n "$major" ] && [ "$major" -ge 21 ]; then jdk="$candidate"; break; fi
done
[ -n "$jdk" ] || { echo "bench-durability: no JDK 21 or newer (JAVA_HOME, /usr/lib/jvm/*)" >&2; exit 2; }

fix=$(git -C "$ROOT" log -1 --format=%H -S'WRITE_DELAY=0' -- server/src/main/java/dev/tollgate/server/internal/Database.java)
before="${BEFORE:-$fix^}"
before_name=$(git -C "$ROOT" rev-parse --short "$before")
after_name="$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- server cli || echo '+changes')"

# shellcheck source=lib/bench.sh
. "$ROOT/scripts/lib/bench.sh"
bench_workspace

echo "bench-durability: building $before_name (before) and this tree (after)..." >&2
mkdir -p "$work/before-src"
git -C "$ROOT" archive "$before" | tar -x -C "$work/before-src"
"$work/before-src/tollgate" --version >/dev/null
"$ROOT/tollgate" --version >/dev/null

# start NAME LAUNCHER: serve on a fresh data directory; sets url_NAME, token_NAME, edge_NAME.
start() {
  local name="$1" launcher="$2" data="$work/$1" app app_id secret
  "$launcher" serve --port 0 --data-dir "$data" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do [ -s "$data/server.url" ] && break; sleep 0.5; done
  [ -s "$data/server.url" ] || { cat "$work/$name.log" >&2; exit 1; }
  app=$("$ROOT/tollgate" app create --name bench --data-dir "$data")
  app_id=$(echo "$app" | python3 -c 'import json,sys; print(json.load(sys.stdin)["applicationId"])')
  secret=$(echo "$app" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
  printf -v "url_$name" '%s' "$(cat "$data/server.url")"
  printf -v "edge_$name" '%s' "$(cat "$data/edge.token")"
  printf -v "token_$name" '%s' "$(TOLLGATE_SECRET="$secret" "$ROOT/tollgate" token create -u "$app_id" \
    --channelAlias my-channel --streamingOnly --applyTag customer=acme -l 86400 | tail -n 1)"
}
start before "$work/before-src/tollgate"
start after "$ROOT/tollgate"

# load NAME SECONDS: prints "allowed/s other".
load() {
  local url="url_$1" edge="edge_$1" token="token_$1"
  "$jdk/bin/java" "$ROOT/scripts/EdgeLoad.java" "${!url}" "${!edge}" "${!token}" "$2" "$CONCURRENCY"
}
# Warm both JVMs up before measuring.
load before 5 >/dev/null
load after 5 >/dev/null

results=()
for round in $(seq 1 "$ROUNDS"); do
  b=$(load before "$SECONDS_PER_RUN")
  a=$(load after "$SECONDS_PER_RUN")
  results+=("$round $b $a")
done
size_before=$(stat -c %s "$work/before/tollgate.mv.db")
size_after=$(stat -c %s "$work/after/tollgate.mv.db")
python3 - "$before_name" "$after_name" "$size_before" "$size_after" "${results[@]}" <<'PY'
import sys
before, after, size_before, size_after = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
print(f"{'round':<7}{'before ' + before + ' /s':>24}{'after ' + after + ' /s':>24}{'ratio':>8}{'not 200':>10}")
ratios = []
for line in sys.argv[5:]:
    r, b, bo, a, ao = line.split()
    ratio = float(a) / float(b)
    ratios.append(ratio)
    print(f"{r:<7}{float(b):>24,.0f}{float(a):>24,.0f}{ratio:>8.2f}{int(bo) + int(ao):>10}")
print(f"mean ratio after/before: {sum(ratios) / len(ratios):.2f}")
print(f"H2 file after the runs: before {size_before / 1e6:.1f} MB, after {size_after / 1e6:.1f} MB")
PY
