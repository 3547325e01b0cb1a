# Sourced by the scripts/bench-*.sh harnesses: one copy of what each needs around its measurements.
#   bench_require NAME TOOL...   exits 2 naming the first missing tool
#   bench_workspace              a temporary $work, and $pids, stopped by PID and removed on exit
#   bench_nginx_204              starts nginx answering 204 on a free loopback port: $nginx_port
#   bench_serve                  starts `tollgate serve` on port 0 in $work/data: $url
# Every process started is added to $pids, so the EXIT trap stops it.

bench_require() {
  local name=$1
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$name: $tool is not installed" >&2; exit 2; }
  done
}

bench_workspace() {
  work=$(mktemp -d)
  pids=()
  trap bench_cleanup EXIT
}

bench_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}

bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# The baseline: nginx, one worker (tollgate gets the same two cores), answering 204 to everything.
bench_nginx_204() {
  nginx_port=$(bench_free_port)
  cat > "$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work;
  server { listen 127.0.0.1:$nginx_port; location / { return 204; } }
}
CONF
  nginx -c "$work/nginx.conf" -p "$work" -e "$work/nginx-error.log" &
  pids+=($!)
}

bench_serve() {
  "$ROOT/tollgate" serve --port 0 --data-dir "$work/data" "$@" >"$work/serve.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do [ -s "$work/data/server.url" ] && break; sleep 0.5; done
  url=$(cat "$work/data/server.url")
}
