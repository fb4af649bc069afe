#!/usr/bin/env bash
# The daemon with store, API and dashboard under ingest and API load, over loopback:
#  1. `simulate --export` sends IPFIX at RATE records/s for SECONDS to `breakwater run` (SQLite store, API on);
#  2. meanwhile wrk asks GET /api/v1/incidents and GET /api/v1/hosts/ADDRESS/traffic at about 200 requests/s each
#     (paced by a Lua delay), with latency percentiles;
#  3. a server-sent-events client holds the dashboard's live feed (GET /api/v1/events) open throughout;
#  4. reports records received, drops, and RSS sampled every second (flat or not).
# Compare with bench/daemon-throughput.sh (same stream). Results: bench/results/api-under-load.md.
#
#   bench/api-under-load.sh [RATE=300000] [SECONDS=60]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rate="${1:-300000}"; seconds="${2:-60}"
work="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
scenario="$here/bench/scenarios/flows-120s.yaml"
"$here/breakwater" --help >/dev/null
port=$(( 20000 + RANDOM % 20000 )); api=$((port + 1))
token="bench-read-token-$(od -An -tx8 -N8 /dev/urandom | tr -d ' ')"
cat > "$work/bw.yaml" <<YAML
networks:
  - { prefix: 198.51.100.0/24 }
collectors:
  netflow: { listen: ["127.0.0.1:$port"] }
events:
  file: "$work/events.jsonl"
storage:
  sqlite: { path: "$work/bw.db" }
api:
  listen: "127.0.0.1:$api"
  tokens:
    - { name: bench, token: "$token", role: read }
YAML

dotnet "$here/.build/cli/breakwater.dll" run --config "$work/bw.yaml" 2>"$work/run.err" &
daemon=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$api/api/v1/health" >/dev/null && break; sleep 0.2; done
( while kill -0 $daemon 2>/dev/null; do awk '/VmRSS/ {print $2}' /proc/$daemon/status 2>/dev/null; sleep 1; done ) > "$work/rss" &
cat > "$work/pace.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
function delay() return 5 end
LUA
rcvbuf_errors() { awk '/^Udp:/ { if (!h) { for (i = 1; i <= NF; i++) if ($i == "RcvbufErrors") c = i; h = 1 } else print $c }' /proc/net/snmp; }
kernel_drops_before=$(rcvbuf_errors)
dotnet "$here/.build/cli/breakwater.dll" simulate "$scenario" --export ipfix --to "127.0.0.1:$port" --rate "$rate" --max-seconds "$seconds" > "$work/sent" &
sender=$!
# The dashboard's live feed: one server-sent-events client for the whole run, as an open dashboard holds.
curl -sN -H "Authorization: Bearer $token" "http://127.0.0.1:$api/api/v1/events" > "$work/sse" 2>/dev/null &
sleep 5
wrk -t1 -c1 -d"$((seconds - 15))s" --latency -s "$work/pace.lua" "http://127.0.0.1:$api/api/v1/incidents" > "$work/wrk-incidents" &
wrk -t1 -c1 -d"$((seconds - 15))s" --latency -s "$work/pace.lua" "http://127.0.0.1:$api/api/v1/hosts/198.51.100.7/traffic" > "$work/wrk-traffic"
wait $sender
sleep 3
# What the daemon counted once the stream is over (the last collector.stats event may predate the last datagrams).
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$api/api/v1/collectors" > "$work/collectors" || true
kernel_drops=$(( $(rcvbuf_errors) - kernel_drops_before ))
kill -TERM $daemon; wait $daemon || true
echo "load: $(uptime)"
cat "$work/sent"
echo "breakwater run, GET /api/v1/collectors after the stream: $(cat "$work/collectors")"
echo "kernel UDP receive-buffer drops during the run (RcvbufErrors, all sockets): $kernel_drops"
echo "dashboard feed (SSE): $(grep -c '^data:' "$work/sse") events received"
echo "RSS KiB (first 5 s, last 5 s): $(head -5 "$work/rss" | tr '\n' ' ') … $(tail -5 "$work/rss" | tr '\n' ' ')"
for f in incidents traffic; do
  echo "GET $f: $(grep -E 'Requests/sec' "$work/wrk-$f")"
  grep -E '^ +(50|99)%' "$work/wrk-$f"
done
