#!/usr/bin/env bash
# The daemon with store, API and dashboard under ingest and API load, over loopback:
#  1. `simulate --export` sends IPFIX at RATE records/s for SECONDS to `breakwater run` (SQLite store, API on);
#  2. meanwhile wrk asks GET /api/v1/incidents and GET /api/v1/hosts/ADDRESS/traffic at about 200 requests/s each
#     (paced by a Lua delay), with latency percentiles;
#  3. reports records received, drops, and RSS sampled every second (flat or not).
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
dotnet "$here/.build/cli/breakwater.dll" simulate "$scenario" --export ipfix --to "127.0.0.1:$port" --rate "$rate" --max-seconds "$seconds" > "$work/sent" &
sender=$!
sleep 5
wrk -t1 -c1 -d"$((seconds - 15))s" --latency -s "$work/pace.lua" "http://127.0.0.1:$api/api/v1/incidents" > "$work/wrk-incidents" &
wrk -t1 -c1 -d"$((seconds - 15))s" --latency -s "$work/pace.lua" "http://127.0.0.1:$api/api/v1/hosts/198.51.100.7/traffic" > "$work/wrk-traffic"
wait $sender
sleep 2
kill -TERM $daemon; wait $daemon || true
echo "load: $(uptime)"
cat "$work/sent"
echo "breakwater run: $(grep collector.stats "$work/events.jsonl" | tail -1)"
echo "RSS KiB (first 5 s, last 5 s): $(head -5 "$work/rss" | tr '\n' ' ') … $(tail -5 "$work/rss" | tr '\n' ' ')"
for f in incidents traffic; do
  echo "GET $f: $(grep -E 'Requests/sec' "$work/wrk-$f")"
  grep -E '^ +(50|99)%' "$work/wrk-$f"
done
