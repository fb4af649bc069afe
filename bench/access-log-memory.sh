#!/usr/bin/env bash
# Memory under a flood from a million distinct clients: peak RSS of `breakwater analyze` on an access log whose flood
# comes from N distinct addresses, for N = 10,000 and N = 1,000,000 (same number of lines). Bounded memory means the
# two peaks are close; the table shows both and the distinct clients the analysis estimated (HyperLogLog).
#
#   bench/access-log-memory.sh [FLOOD_RPS] [FLOOD_SECONDS]      defaults: 20,000 rps for 150 s → 3 M flood lines
#   smoke run: bench/access-log-memory.sh 500 10
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BW_BENCH_DIR:-/tmp/breakwater-bench}"
mkdir -p "$work"
flood_rps="${1:-20000}"; flood_seconds="${2:-150}"
"$here/breakwater" --help >/dev/null
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| distinct flood clients | lines | seconds | peak RSS (MiB) | unique clients estimated |\n|---:|---:|---:|---:|---:|\n'
for clients in 10000 1000000; do
  log="$work/access-clients-$clients-$flood_rps-$flood_seconds.log"
  [ -f "$log" ] || python3 "$here/bench/make-access-log.py" "$log" --seconds $((flood_seconds + 60)) --normal-rps 20 \
    --flood-rps "$flood_rps" --flood-start 30 --flood-seconds "$flood_seconds" --distinct-clients "$clients"
  cat "$log" >/dev/null
  out="$work/access-clients-$clients.json"
  /usr/bin/time -f '%e %M' -o "$work/mem.time" taskset -c 0 dotnet "$here/.build/cli/breakwater.dll" analyze "$log" --service shop --json "$out" >/dev/null
  read -r s m < "$work/mem.time"
  unique=$(python3 -c "import json,sys; d=json.load(open('$out')); print(max([i.get('unique_sources') or 0 for i in d['incidents']] or [0]))")
  awk -v c="$clients" -v l="$(wc -l < "$log")" -v s="$s" -v m="$m" -v u="$unique" 'BEGIN { printf "| %d | %d | %.2f | %.0f | %d |\n", c, l, s, m / 1024, u }'
done
