#!/usr/bin/env bash
# Accepted user reports per second on loopback, with p99 latency: starts `breakwater run` with reports enabled and
# limits high enough not to bind, then drives POST /api/v1/reports with wrk for a bounded time.
# Usage: bench/reports-load.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
connections="${2:-32}"
work="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
# `run` needs a collector; this one receives nothing.
udp=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat > "$work/breakwater.yaml" <<YAML
api:
  listen: "127.0.0.1:$port"
  tokens: [ { name: bench, token: bench-read-token-0123456789, role: read } ]
storage: { sqlite: { path: "$work/breakwater.db" } }
events: { file: "$work/events.jsonl" }
collectors: { sflow: { listen: ["127.0.0.1:$udp"] } }
reports: { enabled: true, window: 15m, per_address: 1000000, per_prefix: 1000000, per_minute: 10000000 }
YAML
${BREAKWATER:-"$here/breakwater"} run --config "$work/breakwater.yaml" > "$work/run.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
up=0
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && { up=1; break; }
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if [ "$up" != 1 ]; then
  echo "the daemon did not start; its output:" >&2
  cat "$work/run.log" >&2
  exit 1
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/bench/reports/post-report.lua" "http://127.0.0.1:$port" | tee "$work/wrk.txt"
# Every answer is 202 unless wrk reports non-2xx responses: accepted/s = Requests/sec when that line is absent.
grep -q "Non-2xx" "$work/wrk.txt" && echo "some reports were refused (see Non-2xx above)" || echo "every report accepted (202)"
# The daemon's own count of accepted reports, written to the store at shutdown (a cross-check of wrk's figure).
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
if command -v sqlite3 >/dev/null; then
  echo "reports stored: $(sqlite3 "$work/breakwater.db" 'SELECT COALESCE(SUM(count), 0) FROM report_minutes')"
fi
