#!/usr/bin/env bash
# `analyze --report` cost: the same capture analysed with `--json` only and with `--json --report` (forensics and the
# HTML report), whole process, page cache, one core; seconds and peak RSS of each and the ratio (the issue's bound:
# within 20 % and memory bounded on the 10 M-source file).
#
#   bench/analyze-report.sh [FILE.pcap]     default: simulates bench/scenarios/spoofed-syn-10m.yaml (832 MB)
#   smoke run: bench/analyze-report.sh tests/Breakwater.IntegrationTests/Forensics/Captures/mirai-syn.pcap
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BW_BENCH_DIR:-/tmp/breakwater-bench}"
mkdir -p "$work"
export BREAKWATER_DATA="${BREAKWATER_DATA:-$here/data}"
"$here/tools/fetch-geo-data" "$BREAKWATER_DATA"
file="${1:-}"
if [ -z "$file" ]; then
  file="$work/spoofed-syn-10m.pcap"
  [ -f "$file" ] || "$here/breakwater" simulate "$here/bench/scenarios/spoofed-syn-10m.yaml" --out "$file"
fi
"$here/breakwater" --help >/dev/null
cat "$file" >/dev/null
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| run | seconds | peak RSS (MiB) |\n|---|---:|---:|\n'
/usr/bin/time -f '%e %M' -o "$work/plain.time" taskset -c 0 dotnet "$here/.build/cli/breakwater.dll" analyze "$file" --json "$work/plain.json" >/dev/null
read -r s1 m1 < "$work/plain.time"
/usr/bin/time -f '%e %M' -o "$work/report.time" taskset -c 0 dotnet "$here/.build/cli/breakwater.dll" analyze "$file" --json "$work/report.json" --report "$work/report.html" >/dev/null
read -r s2 m2 < "$work/report.time"
awk -v s="$s1" -v m="$m1" 'BEGIN { printf "| analyze --json | %.2f | %.0f |\n", s, m / 1024 }'
awk -v s="$s2" -v m="$m2" 'BEGIN { printf "| analyze --json --report | %.2f | %.0f |\n", s, m / 1024 }'
awk -v a="$s1" -v b="$s2" 'BEGIN { if (a > 0) printf "\n--report costs %+.0f %% of the plain run (bound: +20 %%).\n", (b / a - 1) * 100 }'
echo "file: $(basename "$file") ($(stat -c %s "$file") bytes); commit $(git -C "$here" rev-parse --short HEAD)"
