#!/usr/bin/env bash
# Store figures of the operator's daemon (issue 13), on SQLite:
#  1. size of a day of minute rollups for HOSTS tracked hosts (one hour written, times 24);
#  2. time from `breakwater run` to serving the API (health, then the first incidents page) with INCIDENTS stored.
# The store is filled through the storage interface in batches, as the daemon's writer does (bench mode store-fill).
#
#   bench/store-figures.sh [INCIDENTS=100000] [HOSTS=10000]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
incidents="${1:-100000}"; hosts="${2:-10000}"
work="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
"$here/breakwater" --help >/dev/null
dotnet build "$here/bench/Breakwater.Benchmarks" -c Release -nologo -v q >/dev/null
bench="$here/bench/Breakwater.Benchmarks/bin/Release/net10.0/Breakwater.Benchmarks.dll"
dotnet "$bench" store-fill "$work/bw.db" "$incidents" "$hosts" 60 | tee "$work/fill"
before=$(awk -F'bytes=' '/^incidents=/ {print $2}' "$work/fill")
after=$(awk -F'bytes=' '/^rollups=/ {print $2}' "$work/fill")
awk -v b="$before" -v a="$after" -v h="$hosts" 'BEGIN { printf "rollups for %d hosts: %.1f MB per hour, %.0f MB per day (%.0f bytes per host-minute)\n", h, (a - b) / 1e6, (a - b) * 24 / 1e6, (a - b) / h / 60 }'

port=$(( 20000 + RANDOM % 20000 )); api=$((port + 1))
token="bench-read-token-$(od -An -tx8 -N8 /dev/urandom | tr -d ' ')"
cat > "$work/bw.yaml" <<YAML
networks:
  - { prefix: 198.51.0.0/16 }
collectors:
  netflow: { listen: ["127.0.0.1:$port"] }
storage:
  sqlite: { path: "$work/bw.db" }
api:
  listen: "127.0.0.1:$api"
  tokens:
    - { name: bench, token: "$token", role: read }
YAML
start=$(date +%s.%N)
dotnet "$here/.build/cli/breakwater.dll" run --config "$work/bw.yaml" 2>"$work/run.err" &
daemon=$!
until curl -sf "http://127.0.0.1:$api/api/v1/health" >/dev/null; do sleep 0.02; kill -0 $daemon || { cat "$work/run.err"; exit 1; }; done
health=$(date +%s.%N)
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$api/api/v1/incidents?limit=50" -o "$work/page"
page=$(date +%s.%N)
kill -TERM $daemon; wait $daemon || true
awk -v s="$start" -v h="$health" -v p="$page" -v n="$incidents" 'BEGIN { printf "restart with %d incidents stored: API health after %.2f s, first incidents page after %.2f s\n", n, h - s, p - s }'
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
