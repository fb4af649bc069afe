#!/usr/bin/env bash
# End-to-end collector benchmark over loopback: `simulate --export` sends flow records at a fixed rate to
# `breakwater run` (and, for comparison, to nfcapd); reports records received, drops and the daemon's peak RSS.
#
#   bench/daemon-throughput.sh [FORMAT=ipfix] [RATE=300000] [SECONDS=60]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
format="${1:-ipfix}"; rate="${2:-300000}"; seconds="${3:-60}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
scenario="$here/bench/scenarios/flows-120s.yaml"
"$here/breakwater" --help >/dev/null
port=$(( 20000 + RANDOM % 20000 ))
proto=$([ "$format" = sflow ] && echo sflow || echo netflow)
printf 'collectors:\n  %s: { listen: ["127.0.0.1:%s"] }\nevents:\n  file: "%s/events.jsonl"\n' "$proto" "$port" "$work" > "$work/bw.yaml"

dotnet "$here/.build/cli/breakwater.dll" run --config "$work/bw.yaml" 2>"$work/run.err" &
daemon=$!
sleep 1
peak=0
( while kill -0 $daemon 2>/dev/null; do awk '/VmHWM/ {print $2}' /proc/$daemon/status 2>/dev/null; sleep 1; done ) > "$work/rss" &
dotnet "$here/.build/cli/breakwater.dll" simulate "$scenario" --export "$format" --to "127.0.0.1:$port" --rate "$rate" --max-seconds "$seconds" | tee "$work/sent"
sleep 2
kill -TERM $daemon; wait $daemon || true
peak=$(sort -n "$work/rss" | tail -1)
echo "breakwater run: $(grep collector.stats "$work/events.jsonl" | tail -1)"
echo "peak RSS: $((peak / 1024)) MiB; rss samples (KiB, first/last): $(head -3 "$work/rss" | tr '\n' ' ') … $(tail -1 "$work/rss")"

if command -v nfcapd >/dev/null && [ "$format" != sflow ]; then
  mkdir -p "$work/nf"
  nfcapd -p $((port + 1)) -b 127.0.0.1 -w "$work/nf" -t 3600 -B 4194304 >"$work/nfcapd.log" 2>&1 &
  nf=$!
  sleep 1
  dotnet "$here/.build/cli/breakwater.dll" simulate "$scenario" --export "$format" --to "127.0.0.1:$((port + 1))" --rate "$rate" --max-seconds "$seconds" >/dev/null
  sleep 2; kill -TERM $nf; wait $nf || true
  echo "nfcapd: $(grep -E 'Flows:' "$work/nfcapd.log" | tail -1)"
fi
