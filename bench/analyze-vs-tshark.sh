#!/usr/bin/env bash
# Whole-process benchmark: times `breakwater analyze` against `tshark -q -z io,stat,0` and `capinfos` on the same
# capture, from the page cache, pinned to one core. Prints a Markdown table for the README.
#
#   bench/analyze-vs-tshark.sh [FILE.pcap]        # default: simulates bench/scenarios/spoofed-syn-10m.yaml
#   BW_SKIP_TSHARK=1 bench/analyze-vs-tshark.sh F  # breakwater only
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BW_BENCH_DIR:-/tmp/breakwater-bench}"
mkdir -p "$work"
file="${1:-}"
if [ -z "$file" ]; then
  file="$work/spoofed-syn-10m.pcap"
  if [ ! -f "$file" ]; then
    "$here/breakwater" simulate "$here/bench/scenarios/spoofed-syn-10m.yaml" --out "$file"
  fi
fi
"$here/breakwater" --help >/dev/null   # build outside the timed part
cat "$file" >/dev/null                  # page cache

packets=$(capinfos -M -c "$file" 2>/dev/null | awk -F': *' '/Number of packets/ {gsub(/[^0-9]/,"",$2); print $2}')
size=$(stat -c %s "$file")

# run NAME CMD… → "seconds maxrss_kib"
run() {
  local name="$1"; shift
  local out="$work/$name.time"
  /usr/bin/time -f '%e %M' -o "$out" taskset -c 0 "$@" >/dev/null 2>"$work/$name.err" || { echo "$name failed, see $work/$name.err" >&2; }
  tail -1 "$out"
}

printf '| tool | seconds | packets/s | peak RSS (MiB) |\n|---|---:|---:|---:|\n'
row() {
  local name="$1" secs="$2" rss="$3"
  awk -v n="$name" -v s="$secs" -v r="$rss" -v p="$packets" 'BEGIN { printf "| %s | %.2f | %.0f | %.0f |\n", n, s, (s > 0 ? p / s : 0), r / 1024 }'
}
read -r s m < <(run breakwater dotnet "$here/.build/cli/breakwater.dll" analyze "$file" --json "$work/analysis.json")
row "breakwater analyze" "$s" "$m"
bw=$s
read -r s m < <(run capinfos capinfos "$file")
row "capinfos" "$s" "$m"
if [ -z "${BW_SKIP_TSHARK:-}" ]; then
  read -r s m < <(run tshark tshark -r "$file" -q -z io,stat,0)
  row "tshark -q -z io,stat,0" "$s" "$m"
  awk -v a="$bw" -v b="$s" 'BEGIN { if (a > 0) printf "\nbreakwater is %.1f× faster than tshark on this file.\n", b / a }'
fi
printf '\nFile: %s (%s packets, %.0f MB); machine: %s, %s cores; commit %s.\n' \
  "$(basename "$file")" "$packets" "$(awk -v s="$size" "BEGIN { print s / 1e6 }")" "$(lscpu | awk -F': *' '/Model name/ {print $2; exit}')" "$(nproc)" \
  "$(git -C "$here" rev-parse --short HEAD)"
